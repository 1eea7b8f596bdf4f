"""The registry of selection rules: :class:`SelectionRule`, :data:`REGISTRY` and the names
every part of the package reads from it.

A selection rule picks a disagreement point in a game's CE payoff set (or in the hull of its
Nash equilibrium payoffs); the rules themselves, and the selector they share, are in
:mod:`exactbargain.bargaining.selection`, which registers them (:func:`register_selection`)
and re-exports every name here. The registry is the one place a selection rule is named:
:func:`selection_rules`, :func:`check_select`, :func:`parse_select`, the rule registry of
:mod:`exactbargain.bargaining.registry` (``solve``, ``compare``),
:func:`exactbargain.axioms.as_rule`, :mod:`exactbargain.plot` and the command line's help
texts all read it.

>>> selection_rule("dictator-3").member(1), selection_rule("welfare").per_player
('dictator-1', False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..errors import GameError

if TYPE_CHECKING:
    from .selection import Selection

__all__ = [
    "DEFAULT_SELECTION",
    "EQUILIBRIA",
    "REGISTRY",
    "SelectionRule",
    "check_select",
    "describe_selections",
    "parse_select",
    "register_selection",
    "selection_rule",
    "selection_rules",
]

#: The equilibrium sets a disagreement point may be chosen from.
EQUILIBRIA = ("correlated", "nash")

#: The selection rule of a rule that is given none.
DEFAULT_SELECTION = "welfare"

_PLAYER = r"([1-9][0-9]{0,8})"  # K >= 1, no leading zero


@dataclass(frozen=True, slots=True)
class SelectionRule:
    """One selection rule (or, with ``per_player``, one family ``NAME-K`` of them).

    Parameters
    ----------
    name : str
        The rule's name; a per-player family is named with a trailing ``-K``
        (``"dictator-K"``), and its members are ``dictator-1``, ``dictator-2``, ...
    compute : callable
        ``compute(selector, name) -> Selection``: the point the rule picks, from the shared
        selector of one game (its ``domain`` of LPs, ``floor()``, ``select(other)`` and the
        tie-break); ``name`` is the member's name (``"dictator-2"``).
    summary : str
        One line for documentation.
    per_player : bool
        The rule names a player (1-based) of the game it is applied to.
    two_players : bool
        The rule applies to two-player games only (the team games of option A are two-player
        games; the horde games of option B are not).

    Examples
    --------
    >>> [r.name for r in REGISTRY.values()]
    ['welfare', 'egalitarian', 'nash', 'dictator-K', 'random-dictator']
    >>> REGISTRY["dictator-K"].names(3)
    ('dictator-1', 'dictator-2', 'dictator-3')
    """

    name: str
    compute: Callable[[Any, str], "Selection"] = field(repr=False)
    summary: str = ""
    per_player: bool = False
    two_players: bool = False

    @property
    def prefix(self) -> str:
        """``"dictator-"`` for the family ``dictator-K``; the name itself otherwise."""
        return self.name[:-1] if self.per_player else self.name

    def names(self, n: int) -> tuple[str, ...]:
        """The rule's names in an ``n``-player game.

        Parameters
        ----------
        n : int
            The number of players.

        Returns
        -------
        tuple of str
            ``(name,)``, or one name per player for a per-player family.
        """
        return tuple(f"{self.prefix}{k}" for k in range(1, n + 1)) if self.per_player else (self.name,)

    def player(self, name: str) -> int | None:
        """The 1-based player ``name`` names when it is a member of this family, else ``None``.

        Parameters
        ----------
        name : str
            A selection rule name, e.g. ``"dictator-2"``.

        Returns
        -------
        int or None
            ``K`` for the member ``NAME-K`` of a per-player family (``K >= 1``, written without
            leading zeros); ``None`` for any other name, and always for a rule that names no
            player.

        Examples
        --------
        >>> dictator = REGISTRY["dictator-K"]
        >>> dictator.player("dictator-12"), dictator.player("dictator-01"), dictator.player("welfare")
        (12, None, None)
        """
        if not self.per_player:
            return None
        m = re.fullmatch(re.escape(self.prefix) + _PLAYER, name, re.ASCII)
        return int(m.group(1)) if m else None

    def matches(self, name: str) -> bool:
        """Whether ``name`` spells this rule (any player for a per-player family).

        Parameters
        ----------
        name : str
            A selection rule name.

        Returns
        -------
        bool
            ``name == self.name``, or for a per-player family, whether ``name`` is one of its
            members (:meth:`player` is not ``None``).

        Examples
        --------
        >>> REGISTRY["dictator-K"].matches("dictator-3"), REGISTRY["welfare"].matches("welfare-1")
        (True, False)
        """
        return name == self.name if not self.per_player else self.player(name) is not None

    def member(self, k: int) -> str:
        """The member of a per-player family naming player ``k`` (1-based).

        Parameters
        ----------
        k : int
            The player, 1-based.

        Returns
        -------
        str
            The name ``prefix + k``, e.g. ``"dictator-2"``.

        Examples
        --------
        >>> REGISTRY["dictator-K"].member(2)
        'dictator-2'
        """
        return f"{self.prefix}{k}"


#: Every selection rule by name, in the order of the documentation and of ``solve --rule all``.
REGISTRY: dict[str, SelectionRule] = {}


def register_selection(rule: SelectionRule) -> SelectionRule:
    """Add a selection rule to :data:`REGISTRY` (the end of the order).

    Parameters
    ----------
    rule : SelectionRule
        The rule; its name must be new and must not spell a member of a per-player family.

    Returns
    -------
    SelectionRule
        ``rule``.

    Raises
    ------
    GameError
        When the name is taken.
    """
    taken = [r.name for r in REGISTRY.values() if r.matches(rule.name) or rule.matches(r.prefix + "1")]
    if rule.name in REGISTRY or taken:
        raise GameError(f"the selection rule name {rule.name!r} is taken")
    REGISTRY[rule.name] = rule
    return rule


def describe_selections(conjunction: str = "and") -> str:
    """The registered selection rules in words, for messages.

    Parameters
    ----------
    conjunction : str
        The word before the last rule.

    Returns
    -------
    str
        E.g. ``welfare, egalitarian, nash, dictator-K (K = 1, 2, ... a player) and random-dictator``.

    Raises
    ------
    Nothing: the registry is only read.
    """
    names = [r.name + (" (K = 1, 2, ... a player)" if r.per_player else "") for r in REGISTRY.values()]
    return f", ".join(names[:-1]) + f" {conjunction} " + names[-1] if len(names) > 1 else "".join(names)


def selection_rule(select: Any) -> SelectionRule:
    """The registered rule ``select`` names (a family for ``dictator-K``).

    Parameters
    ----------
    select : str
        A selection rule name, e.g. ``"welfare"`` or ``"dictator-12"``.

    Returns
    -------
    SelectionRule
        Its entry of :data:`REGISTRY`.

    Raises
    ------
    GameError
        When ``select`` is not a string or names no registered rule.
    """
    if not isinstance(select, str):
        raise GameError(f"select must be a rule name, got {select!r}")
    for rule in REGISTRY.values():
        if rule.matches(select):
            return rule
    raise GameError(f"unknown selection rule {select!r}; the rules are {describe_selections()}")


def selection_rules(n: int) -> tuple[str, ...]:
    """Every selection rule name for an ``n``-player game: the one vocabulary that the
    library, ``exactbargain solve``, ``check``, ``counterexample`` and ``plot`` accept.

    Parameters
    ----------
    n : int
        The number of players.

    Returns
    -------
    tuple of str
        The names in registry order, per-player families expanded to ``1 .. n``.

    Examples
    --------
    >>> selection_rules(2)
    ('welfare', 'egalitarian', 'nash', 'dictator-1', 'dictator-2', 'random-dictator')
    """
    return tuple(name for rule in REGISTRY.values() for name in rule.names(n))


def check_select(select: Any) -> str:
    """Check the spelling of a selection rule name when no game is at hand yet: a registered
    name, or ``dictator-K`` with ``K`` a player number written without leading zeros.
    :func:`parse_select` checks ``K`` against a game's players.

    Parameters
    ----------
    select : str
        The name.

    Returns
    -------
    str
        ``select``.

    Raises
    ------
    GameError
        When it names no selection rule.

    Examples
    --------
    >>> check_select("dictator-12")
    'dictator-12'
    >>> check_select("dictator-01")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: unknown selection rule 'dictator-01'; the rules are welfare, egalitarian, nash, dictator-K (K = 1, 2, ... a player) and random-dictator
    """
    selection_rule(select)
    return select


def parse_select(select: str, n: int) -> str:
    """Validate a selection rule name for an ``n``-player game (:func:`selection_rules`).

    Parameters
    ----------
    select : str
        The name.
    n : int
        The number of players of the game.

    Returns
    -------
    str
        ``select``.

    Raises
    ------
    GameError
        When it names no selection rule, or a player the game does not have.

    Examples
    --------
    >>> parse_select("dictator-2", 2), parse_select("welfare", 3)
    ('dictator-2', 'welfare')
    >>> parse_select("dictator-3", 2)
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: dictator-3 names player 3, but the game has 2 players
    """
    k = selection_rule(select).player(select)
    if k is not None and not 1 <= k <= n:
        raise GameError(f"{select} names player {k}, but the game has {n} players")
    return select
