"""The axiom registry: :class:`Axiom` (one axiom and how to check it) and :data:`AXIOMS`.

The registry is filled by :mod:`~exactbargain.axioms.properties`, which pairs each axiom of
docs/theory.md §4 with its evaluator (:mod:`~exactbargain.axioms.evaluators`), its recogniser
(:mod:`~exactbargain.axioms.modifications`) and its default draw
(:mod:`~exactbargain.axioms.draws`). Checking an axiom — establishing or drawing the
modification, then evaluating the rule — is :meth:`Axiom.__call__`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ..errors import GameError, GameTypeError
from ..game import Game, require_game
from .modifications import Modification, ModificationError
from .rules import as_rule
from .verdict import Verdict

__all__ = ["AXIOMS", "AXIOM_CODES", "Axiom", "lookup", "register"]


@dataclass(frozen=True)
class Axiom:
    """One axiom: its name, code (docs/theory.md §4), and how to check, recognise and draw its
    modifications (the counterexample search enumerates them, :mod:`exactbargain.search`).

    Parameters
    ----------
    name : str
        The axiom's name (``"monotonicity"``).
    code : str
        Its code in docs/theory.md §4 (``"A6"``).
    title : str
        A one-line title.
    evaluate : callable
        ``(rule, game, modification or None, player or None) -> Verdict``.
    recognise : callable, optional
        ``(before, after, player or None) -> Modification``; ``None`` for an axiom about one
        game.
    draw : callable, optional
        ``(game, random.Random, player or None, options) -> Modification or None``: the default
        modification when none is given.
    about_player : bool
        Whether the axiom concerns one player (so a player may be chosen).
    kinds : frozenset of str
        The :attr:`Modification.kind` values a given modification may have.
    """

    name: str
    code: str
    title: str
    evaluate: Callable[..., Verdict]
    recognise: Callable[[Game, Game, int | None], Modification] | None = None
    draw: Callable[[Game, random.Random, int | None, Mapping[str, Any]], Modification | None] | None = None
    about_player: bool = True
    kinds: frozenset[str] = frozenset()

    @property
    def needs_after(self) -> bool:
        """Whether the axiom compares two games (it has a recogniser)."""
        return self.recognise is not None

    def __call__(self, rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                 seed: int = 0, size: Any = None, select: str | None = None) -> Verdict:
        """Check the axiom for ``rule`` on ``game``: ``check(self.name, rule, game, after, ...)``;
        the parameters, result and errors are those of :func:`~exactbargain.axioms.check`."""
        game = require_game(game, "check()")
        r = as_rule(rule, select)
        p = None if player is None else game.player_index(player)
        if self.recognise is None:
            if after is not None:
                raise ModificationError(f"axiom {self.name} concerns a single game; no second game is needed")
            return self.evaluate(r, game, None, p)
        return self.evaluate(r, game, self._modification(game, after, p, seed, size), p)

    def _modification(self, game: Game, after: Game | Modification | None, p: int | None, seed: int,
                      size: Any) -> Modification | None:
        """The modification to check: ``after`` checked against this axiom, recognised, or drawn."""
        if isinstance(after, Modification):
            if after.before != game:
                raise ModificationError("the modification was built from another game")
            if after.kind not in self.kinds:
                raise ModificationError(f"a {after.kind} modification does not fit axiom {self.name}")
            if p is not None and after.player is not None and after.player != p:
                raise ModificationError(f"the modification concerns player {after.player + 1}, not player {p + 1}")
            return after
        if isinstance(after, Game):
            assert self.recognise is not None
            return self.recognise(game, after, p)
        if after is None:
            assert self.draw is not None
            return self.draw(game, random.Random(seed), p, {"size": size})
        raise GameTypeError(f"after must be a Game or a Modification, got {type(after).__name__}")


#: Axiom name -> :class:`Axiom`, in the order of docs/theory.md §4.
AXIOMS: dict[str, Axiom] = {}

#: Axiom code (docs/theory.md §4) -> axiom name.
AXIOM_CODES: dict[str, str] = {}


def register(axiom: Axiom) -> Axiom:
    """Add ``axiom`` to :data:`AXIOMS` and :data:`AXIOM_CODES`.

    Parameters
    ----------
    axiom : Axiom
        The axiom.

    Returns
    -------
    Axiom
        The same axiom.
    """
    AXIOMS[axiom.name] = axiom
    AXIOM_CODES[axiom.code] = axiom.name
    return axiom


def lookup(name: str) -> Axiom:
    """The axiom called ``name``: a name (``"uniform-curse"`` or ``"uniform_curse"``) or a code.

    Parameters
    ----------
    name : str
        An axiom's name or code.

    Returns
    -------
    Axiom
        The registered axiom.

    Raises
    ------
    GameError
        For an unknown name, listing the axioms.
    """
    key = AXIOM_CODES.get(name, name).replace("_", "-")
    if key not in AXIOMS:
        raise GameError(f"unknown axiom {name!r}; the axioms are {', '.join(AXIOMS)}")
    return AXIOMS[key]
