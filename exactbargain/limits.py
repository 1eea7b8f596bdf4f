"""Size limits: every computation estimates its cost before it starts and refuses beyond these.

Exact arithmetic has no rounding to hide behind: a game twice as large can cost far more
than twice the time and memory. So each entry point measures the work it is about to take on
(bytes to read, entries of the linear programs it will build, coalitions to value, vertices
a polytope may have, pixels to draw) and raises :class:`LimitError` when the measure exceeds
a limit, before any of the work is done. The limits are the fields of :class:`Limits`; the
command line sets them with ``--limit NAME=VALUE`` (``NAME`` is the field name with ``-`` for
``_``; ``VALUE`` ``none`` lifts a limit), Python code with the ``limits=`` keyword of the
entry points or for a whole block with :func:`using`:

>>> from exactbargain import Game, coco
>>> big = Game.from_flat([[0]] * 13, [1] * 13)
>>> coco(big)
Traceback (most recent call last):
    ...
exactbargain.limits.LimitError: coco of a 13-player game values its 8192 coalitions, more than the limit players=12 allows; raise it with --limit players=13 (limits=Limits(players=13) in Python)
>>> with using(Limits(players=13)):
...     coco(big).payoffs == (0,) * 13
True
>>> coco(big, limits=Limits(players=13)).payoffs == (0,) * 13
True

Measures (see ``docs/limits.md`` for the defaults and how each grows):

* ``file_size`` — bytes of a game file or certificate read (files are read in chunks and
  never further than this);
* ``lp_entries`` — non-zero entries of the linear programs one rule sets up: a correlated-
  equilibrium LP over ``|A|`` profiles has ``|A| * sum_i (m_i - 1)`` incentive entries, a
  zero-sum (CoCo) LP has ``|A|``; a rule of three or more players adds up its coalition games;
* ``players`` — players of a rule that values every coalition (``2^n`` of them);
* ``nash_vertices`` — the upper-bound-theorem count of vertices of the best-response
  polytopes a two-player Nash enumeration may visit;
* ``vertex_profiles`` — profiles of a game whose CE polytope vertices are listed;
* ``search_profiles`` — profiles of the largest game a counterexample search builds
  (``max_actions ** players``); ``search_values`` — distinct payoff values it draws from;
  ``search_budget`` — instances it checks (its ``budget``: a rule that satisfies the axiom is
  searched until the budget is spent);
* ``plot_pixels`` — pixels of a picture; ``label_length`` — characters of a title or label drawn.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from dataclasses import dataclass
from typing import Iterator

import flint

from .errors import ExactBargainError

__all__ = ["Limits", "LimitError", "DEFAULT_LIMITS", "current", "using", "check", "parse_assignment", "NAMES"]


@dataclass(frozen=True, slots=True)
class Limits:
    """The size limits in force; ``None`` lifts one. Field names with ``-`` for ``_`` are the
    ``NAME`` of ``--limit NAME=VALUE``.

    >>> Limits().players, Limits(players=None).players
    (12, None)
    """

    #: Bytes of a game file or certificate (8 MiB: about a million profiles of small integers).
    file_size: int | None = 8 * 2**20
    #: Non-zero entries of the LPs one rule sets up (about 300 MB of exact rationals).
    lp_entries: int | None = 1_000_000
    #: Players of a rule that values each of the ``2^n`` coalitions.
    players: int | None = 12
    #: Vertex bound of the best-response polytopes of a two-player Nash enumeration.
    nash_vertices: int | None = 60_000
    #: Profiles of a game whose CE polytope vertices are listed.
    vertex_profiles: int | None = 36
    #: Profiles of the largest game a counterexample search builds.
    search_profiles: int | None = 256
    #: Distinct payoff values a counterexample search draws from.
    search_values: int | None = 10_001
    #: Instances a counterexample search checks (its budget; about an hour of small games).
    search_budget: int | None = 1_000_000
    #: Pixels of a raster picture (width times height).
    plot_pixels: int | None = 50_000_000
    #: Characters of a title, player name or action label drawn in a picture.
    label_length: int | None = 1_000

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise ExactBargainError(f"the limit {_name(field.name)} must be a non-negative int or None, "
                                        f"got {value!r}")

    def replace(self, **changes: int | None) -> "Limits":
        """A copy with some limits changed (field names as keywords).

        Parameters
        ----------
        **changes : int or None
            New values of named limits (``None`` for no limit).

        Returns
        -------
        Limits
            The copy.

        Raises
        ------
        TypeError
            An unknown field name.
        ExactBargainError
            A value that is not a non-negative int or ``None``.
        """
        return dataclasses.replace(self, **changes)


#: The defaults.
DEFAULT_LIMITS = Limits()

#: The ``--limit`` names, in the order of :class:`Limits`.
NAMES = tuple(f.name.replace("_", "-") for f in dataclasses.fields(Limits))

_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("exactbargain_limits", default=DEFAULT_LIMITS)


def _name(field: str) -> str:
    return field.replace("_", "-")


class LimitError(ExactBargainError):
    """A computation would exceed a size limit; nothing was computed.

    ``name`` is the limit's ``--limit`` name, ``needed`` the measured size and ``limit`` the
    value in force; ``reason`` is the message without the hint on how to raise the limit.
    """

    def __init__(self, what: str, name: str, needed: int, limit: int) -> None:
        self.what = what
        self.name = name
        self.needed = needed
        self.limit = limit
        field = name.replace("-", "_")
        self.reason = f"{what}, more than the limit {name}={limit} allows"
        # FLINT writes integers of any length (str() of an int stops at 4,300 digits)
        text = str(flint.fmpz(needed))
        super().__init__(f"{self.reason}; raise it with --limit {name}={text} "
                         f"(limits=Limits({field}={text}) in Python)")


def current() -> Limits:
    """The limits in force (the defaults unless :func:`using` set others).

    Returns
    -------
    Limits
        The limits in force.
    """
    return _CURRENT.get()


@contextlib.contextmanager
def using(limits: Limits | None) -> Iterator[Limits]:
    """Put ``limits`` in force for the ``with`` block (``None`` keeps the current ones).

    Parameters
    ----------
    limits : Limits or None
        The limits for the block.

    Yields
    ------
    Limits
        The limits in force inside the block.

    Raises
    ------
    ExactBargainError
        ``limits`` is neither a :class:`Limits` nor ``None``.
    """
    if limits is None:
        yield current()
        return
    if not isinstance(limits, Limits):
        raise ExactBargainError(f"limits must be a Limits, got {type(limits).__name__}")
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def check(name: str, needed: int, what: str) -> None:
    """Raise :class:`LimitError` if ``needed`` exceeds the limit ``name`` in force.

    ``what`` says what was measured, e.g. ``"the file has 70000000 bytes"``.

    Parameters
    ----------
    name : str
        A limit's name, e.g. ``"players"``.
    needed : int
        What the task needs.
    what : str
        What was measured, for the message.

    Returns
    -------
    None

    Raises
    ------
    LimitError
        ``needed`` exceeds the limit in force (``None`` is no limit).

    Examples
    --------
    >>> check("players", 3, "a 3-player game")
    >>> check("players", 40, "a 40-player game has 2^40 coalitions")
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: a 40-player game has 2^40 coalitions, more than the limit players=12 allows; raise it with --limit players=40 (limits=Limits(players=40) in Python)
    """
    limit = getattr(current(), name.replace("-", "_"))
    if limit is not None and needed > limit:
        raise LimitError(what, name, needed, limit)


def parse_assignment(text: str, base: Limits | None = None) -> Limits:
    """``base`` (default: the current limits) with one ``NAME=VALUE`` assignment applied.

    ``VALUE`` is a non-negative integer (``_`` may group digits, a ``KiB``/``MiB``/``GiB``
    suffix multiplies by a power of 1024) or ``none``.

    Parameters
    ----------
    text : str
        ``NAME=VALUE``.
    base : Limits, optional
        The limits changed (default: the current ones).

    Returns
    -------
    Limits
        ``base`` with the one change.

    Raises
    ------
    ExactBargainError
        An unknown name, no ``=``, or a value that is not a count or ``none``.

    Examples
    --------
    >>> parse_assignment("file-size=1MiB").file_size
    1048576
    >>> parse_assignment("players=none").players is None
    True
    >>> parse_assignment("colour=3")
    Traceback (most recent call last):
        ...
    exactbargain.errors.ExactBargainError: unknown limit 'colour' in --limit colour=3; the limits are file-size, lp-entries, players, nash-vertices, vertex-profiles, search-profiles, search-values, search-budget, plot-pixels, label-length
    """
    base = current() if base is None else base
    name, sep, value = text.partition("=")
    name = name.strip().lower()
    if not sep:
        raise ExactBargainError(f"--limit takes NAME=VALUE, got {text!r}; the limits are {', '.join(NAMES)}")
    if name not in NAMES:
        raise ExactBargainError(f"unknown limit {name!r} in --limit {text}; the limits are {', '.join(NAMES)}")
    word = value.strip().replace("_", "")
    if word.lower() == "none":
        return base.replace(**{name.replace("-", "_"): None})
    scale = 1
    for suffix, factor in (("kib", 2**10), ("mib", 2**20), ("gib", 2**30)):
        if word.lower().endswith(suffix):
            word, scale = word[: -len(suffix)], factor
            break
    if not (word.isascii() and word.isdigit()) or len(word) > 30:
        raise ExactBargainError(f"--limit {name} takes a non-negative integer or none, got {value!r}")
    return base.replace(**{name.replace("-", "_"): int(word) * scale})


def shape_text(shape: tuple[int, ...] | list[int]) -> str:
    """``"3x4x2"``."""
    return "x".join(map(str, shape))


def ce_entries(shape: tuple[int, ...] | list[int]) -> int:
    """Non-zero entries of the CE incentive matrix of a game of this shape:
    ``|A| * sum_i (m_i - 1)`` (each of the ``m_i (m_i - 1)`` rows of player ``i`` touches
    the ``|A| / m_i`` profiles where ``i`` plays the recommended action).

    >>> ce_entries((120, 120))
    3427200
    """
    size = 1
    for m in shape:
        size *= m
    return size * sum(m - 1 for m in shape)


def check_ce(shape: tuple[int, ...] | list[int]) -> None:
    """Refuse (``lp-entries``) a correlated-equilibrium LP of a game of this shape if it is too large."""
    entries = ce_entries(shape)
    check("lp-entries", entries,
          f"the correlated-equilibrium LP of a {shape_text(shape)} game has {entries} entries")


def check_coalitions(shape: tuple[int, ...] | list[int], rule: str, lp: str) -> None:
    """Refuse an ``n``-player rule that values every coalition of a game of this shape if it
    has too many players (``players``) or its coalition LPs too many entries (``lp-entries``).

    ``lp`` is the LP solved per coalition game: ``"zero-sum"`` (one per unordered pair
    ``{S, N \\ S}``, ``|A|`` entries each), ``"ce-two-teams"`` (a CE LP of the team game
    ``G_S`` per pair) or ``"ce-horde"`` (a CE LP of the horde game ``H_S`` per coalition).

    >>> check_coalitions((2, 2, 2), "fallback", "ce-two-teams")
    >>> check_coalitions((1,) * 20, "coco", "zero-sum")
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: coco of a 20-player game values its 1048576 coalitions, more than the limit players=12 allows; raise it with --limit players=20 (limits=Limits(players=20) in Python)
    """
    n = len(shape)
    check("players", n, f"{rule} of a {n}-player game values its {2 ** n} coalitions")
    size = 1
    for m in shape:
        size *= m
    full = (1 << n) - 1
    total = 0
    for mask in range(1, full):
        inside = [m for k, m in enumerate(shape) if mask >> k & 1]
        outside = [m for k, m in enumerate(shape) if not mask >> k & 1]
        m_s = 1
        for m in inside:
            m_s *= m
        if lp == "zero-sum":
            total += size if mask & 1 else 0
        elif lp == "ce-two-teams":
            total += size * (m_s - 1 + size // m_s - 1) if mask & 1 else 0
        else:
            total += size * (m_s - 1 + sum(m - 1 for m in outside))
    check("lp-entries", total, f"{rule} of a {shape_text(shape)} game sets up coalition LPs with {total} entries")
