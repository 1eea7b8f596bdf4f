"""The bundled example games: the games of the threat-resistant bargaining story.

They ship with the package as ``.nfg`` files in this folder, so they are there wherever the
package is installed. :func:`names` lists them in story order (the order of
``exactbargain demo``), :func:`path` finds the file of one, :func:`load` reads it as a
:class:`~exactbargain.Game`. A name is the file name with or without ``.nfg``.

>>> from exactbargain import examples
>>> examples.names()[:3]
('prisoners_dilemma', 'chicken', 'chicken_locked')
>>> chicken = examples.load("chicken")
>>> chicken.title, chicken.payoff(("D", "C"))
('Chicken (Aumann)', (Fraction(7, 1), Fraction(2, 1)))
>>> examples.path("chicken.nfg").name
'chicken.nfg'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import ExactBargainError
from ..game import Game

__all__ = ["names", "path", "load"]

#: The bundled examples in story order.
_NAMES = (
    "prisoners_dilemma",
    "chicken",
    "chicken_locked",
    "battle_of_the_sexes",
    "matching_pennies",
    "trivial",
    "trivial_indifferent_curse",
    "trivial_costly_curse",
    "trivial_credible_curse",
    "prisoners_dilemma_curse",
    "battle_of_the_sexes_curse",
    "public_goods3",
    "public_goods3_unequal",
)


def names() -> tuple[str, ...]:
    """The names of the bundled example games, in story order.

    Returns
    -------
    tuple of str
        The names (file names without ``.nfg``), in the order ``exactbargain demo`` tells
        them.

    >>> len(names()), names()[-1]
    (13, 'public_goods3_unequal')
    """
    return _NAMES


def path(name: str) -> Path:
    """The file of a bundled example game.

    Parameters
    ----------
    name : str
        One of :func:`names`, with or without the ``.nfg`` extension.

    Returns
    -------
    pathlib.Path
        The path of the ``.nfg`` file inside the installed package.

    Raises
    ------
    ExactBargainError
        If ``name`` is not a bundled example; the message lists the names there are.

    >>> path("trivial").name
    'trivial.nfg'
    >>> path("ultimatum")
    Traceback (most recent call last):
    ...
    exactbargain.errors.ExactBargainError: no bundled example named 'ultimatum'; the examples are prisoners_dilemma, chicken, chicken_locked, battle_of_the_sexes, matching_pennies, trivial, trivial_indifferent_curse, trivial_costly_curse, trivial_credible_curse, prisoners_dilemma_curse, battle_of_the_sexes_curse, public_goods3, public_goods3_unequal
    """
    stem = name.removesuffix(".nfg") if isinstance(name, str) else None
    if stem not in _NAMES:
        raise ExactBargainError(f"no bundled example named {name!r}; the examples are {', '.join(_NAMES)}")
    return Path(str(resources.files(__name__) / f"{stem}.nfg"))


def load(name: str) -> Game:
    """A bundled example game, read from its file.

    Parameters
    ----------
    name : str
        One of :func:`names`, with or without the ``.nfg`` extension.

    Returns
    -------
    Game
        The game, with the title, player names and action labels of its file.

    Raises
    ------
    ExactBargainError
        If ``name`` is not a bundled example; the message lists the names there are.

    >>> load("prisoners_dilemma").shape
    (2, 2)
    """
    from ..formats import read_game

    return read_game(path(name))
