"""How many examples a property test draws under the selected hypothesis profile.

A test states its everyday count ``n`` (what the quick ``default`` profile runs); under a
profile with more examples it runs proportionally more: ``n * max_examples / 40``, so
``--hypothesis-profile=ci`` (400 examples) runs ten times as many. A test that fixed
``max_examples`` itself would otherwise ignore the profile.
"""

from __future__ import annotations

from hypothesis import settings

#: ``max_examples`` of the ``default`` profile (see ``conftest.py``).
DEFAULT_EXAMPLES = 40


def scaled(n: int) -> int:
    """``n`` examples under the default profile, proportionally more or fewer under others.

    >>> scaled(0)  # every test draws at least one example
    1
    """
    return max(1, n * settings().max_examples // DEFAULT_EXAMPLES)
