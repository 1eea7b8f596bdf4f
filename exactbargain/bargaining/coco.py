"""The CoCo value (Kalai & Kalai), for two and for n players, and the n-player machinery.

Two players (docs/theory.md §1.4). Split the payoffs into a common and an antisymmetric part,
``u_1 = T + Z`` and ``u_2 = T - Z`` with ``T = (u_1 + u_2)/2`` and ``Z = (u_1 - u_2)/2``.
The cooperative part is worth ``max_a T(a) = W/2`` to each player, the competitive part
``kappa = val(Z)`` to player 1 and ``-kappa`` to player 2:

    coco(G) = (W/2 + kappa, W/2 - kappa).

It is implemented by playing a profile with total ``W`` and a side payment; the optimal
strategies of ``Z`` are the players' *threat* strategies. One zero-sum LP (with its dual as
the second player's strategy) and one maximum over cells.

n players (docs/theory.md §1.6). The coalition function is ``v(N) = W`` and
``v(S) = coco_1(G_S)`` for the two-player team game ``G_S`` (``S`` against the rest), and
player ``i`` receives

    phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S))          (star)

which is the Shapley value of ``v``. The same construction turns *any* two-player TU value
into an n-player one: :func:`n_player_value` takes the two-player value as a callable
``Game -> payoffs`` (docs/theory.md §6 reserves this slot for further values such as ROSE).

>>> from exactbargain import Game
>>> curse = Game.bimatrix([[0], [0]], [[0], [-1000]], players=("Row", "Column"),
...                       actions=(("Wait", "Curse"), ("Wait",)))
>>> value = coco(curse)
>>> value.payoffs
(Fraction(500, 1), Fraction(-500, 1))
>>> value.kappa, value.side_payments
(Fraction(500, 1), (Fraction(500, 1), Fraction(-500, 1)))
>>> value.verify()
True
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import flint

from .. import limits as _limits
from ..cooperative.shapley import CoalitionFunction, shapley, star_formula
from ..cooperative.star import COALITION_MODELS, StarValue, payoffs_of, star_value
from ..equilibria.minimax import ZeroSumSolution, minimax
from ..game import Game, require_game
from ..numbers import format_rational, fraction_of
from ..tables import Renderable, Table
from ..tables.display import display_rational, display_vector
from .results import (Agreement, best_outcome_total, coalition_rows, contract, kappa_row, profile_text, solution_table,
                      text, vector_text)

__all__ = ["CoCoSolution", "CoalitionSolution", "coco", "n_player_value", "COALITION_MODELS"]

def _matrix_text(rows: Sequence[Sequence[Fraction]]) -> str:
    return "[" + ", ".join("[" + ", ".join(text(x) for x in row) + "]" for row in rows) + "]"


def _strategy_text(labels: Sequence[str], probabilities: Sequence[Fraction]) -> str:
    used = [(p, labels[k]) for k, p in enumerate(probabilities) if p]
    if len(used) == 1:
        return used[0][1]
    return " + ".join(f"{text(p)} {label}" for p, label in used)


@dataclass(frozen=True, slots=True)
class CoCoSolution(Renderable):
    """The two-player CoCo value of ``game`` with its decomposition and certificates.

    * ``W`` — the best total; ``agreement`` — a profile attaining it (the cooperative part);
    * ``competitive`` — the exact solution of ``Z = (u_1 - u_2)/2``: ``kappa = val(Z)``
      and both players' optimal (threat) strategies, which prove the value;
    * ``payoffs = (W/2 + kappa, W/2 - kappa)`` and the ``side_payments`` that implement
      them on top of the agreement.
    """

    game: Game
    payoffs: tuple[Fraction, ...]
    W: Fraction
    kappa: Fraction
    agreement: Agreement
    side_payments: tuple[Fraction, ...]
    competitive: ZeroSumSolution

    rule = "coco"
    select = None
    coalitions = None
    disagreement = None
    coalition_values = None

    @property
    def threat_strategies(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """Player 1's and player 2's optimal strategies in the competitive part."""
        return self.competitive.row_strategy, self.competitive.column_strategy

    @property
    def threat_point(self) -> tuple[Fraction, Fraction]:
        """``u(x*, y*)``: the original game's payoffs when both play their threat strategies.
        Its difference is ``2 kappa``; the point itself depends on which optimal strategies
        were found, so the JSON contract does not report it as a disagreement point."""
        x, y = self.threat_strategies
        A, B = self.game.matrix(0), self.game.matrix(1)
        u1 = sum(x[a] * A[a][b] * y[b] for a in range(len(x)) for b in range(len(y)))
        u2 = sum(x[a] * B[a][b] * y[b] for a in range(len(x)) for b in range(len(y)))
        return Fraction(u1), Fraction(u2)

    def check(self) -> list[str]:
        """Everything wrong with the claimed value (empty when it is proved).

        Returns
        -------
        list of str
            Every problem found; empty when the value is proved.
        """
        out = [f"competitive part: {m}" for m in self.competitive.check()]
        A, B = self.game.matrix(0), self.game.matrix(1)
        Z = tuple(tuple((a - b) / 2 for a, b in zip(ra, rb)) for ra, rb in zip(A, B))
        if self.competitive.matrix != Z:
            out.append("the competitive matrix is not (u_1 - u_2)/2")
        if self.competitive.value != self.kappa:
            out.append(f"kappa {format_rational(self.kappa)} is not the proved value {format_rational(self.competitive.value)}")
        W = max(a + b for ra, rb in zip(A, B) for a, b in zip(ra, rb))
        if W != self.W:
            out.append(f"W is {W}, not {self.W}")
        if self.payoffs != (W / 2 + self.kappa, W / 2 - self.kappa):
            out.append("payoffs are not (W/2 + kappa, W/2 - kappa)")
        out += self.agreement.check(self.payoffs, self.side_payments)
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether :meth:`check` returns no problem.
        """
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``.

        Returns
        -------
        dict
            The rule, payoffs and disagreement point as exact ``"p/q"`` strings.
        """
        return contract("coco", None, None, self.payoffs, None, None, self.verify())

    def to_json(self) -> dict:
        """The contract plus the decomposition and the zero-sum certificate.

        Returns
        -------
        dict
            A JSON-ready dictionary; every number is an exact ``"p/q"`` string.
        """
        doc = self.summary()
        doc.update({
            "W": text(self.W),
            "kappa": text(self.kappa),
            "agreement": {"profile": [self.game.actions[i][k] for i, k in enumerate(self.agreement.profile)],
                          "payoffs": [text(p) for p in self.agreement.payoffs]},
            "side_payments": [text(t) for t in self.side_payments],
            "threat_strategies": [[text(p) for p in s] for s in self.threat_strategies],
            "competitive": self.competitive.to_json(),
        })
        return doc

    def explain(self) -> str:
        """The derivation with the actual numbers.

        Returns
        -------
        str
            The derivation, one step per line.
        """
        g = self.game
        p1, p2 = g.players
        x, y = self.threat_strategies
        half = self.W / 2
        lines = [
            f"CoCo value of {g.title or 'the game'} (two players, transferable utility)",
            f"  Cooperative part: T = (u_1 + u_2)/2; the best total is W = {text(self.W)} at "
            f"{profile_text(g, self.agreement.profile)}, so each gets W/2 = {text(half)}.",
            f"  Competitive part: Z = (u_1 - u_2)/2 = {_matrix_text(self.competitive.matrix)}; "
            f"kappa = val(Z) = {text(self.kappa)}.",
            f"    {p1}'s threat {_strategy_text(g.actions[0], x)} guarantees min_b (xZ)_b = {text(self.kappa)}; "
            f"{p2}'s threat {_strategy_text(g.actions[1], y)} holds {p1} to max_a (Zy)_a = {text(self.kappa)}.",
            f"  CoCo = (W/2 + kappa, W/2 - kappa) = ({text(half)} + {text(self.kappa)}, {text(half)} - "
            f"{text(self.kappa)}) = {vector_text(self.payoffs)}.",
            f"  Implementation: {self.agreement.describe(self.payoffs)}.",
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return (f"CoCo value {display_vector(self.payoffs)} (W = {display_rational(self.W)}, "
                f"kappa = {display_rational(self.kappa)})")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, ``kappa``, payoffs, side payments and agreement (``title``
        replaces the game's title).

        Parameters
        ----------
        title : str, optional
            The caption's title instead of the game's.

        Returns
        -------
        list of Table
            The solution's tables.
        """
        return [solution_table(self, title=title, before_d=[kappa_row(self.kappa)])]


def _coco2(game: Game) -> CoCoSolution:
    diff = game.payoff_matrix(0) - game.payoff_matrix(1)
    Z = diff * flint.fmpq(1, 2)
    competitive = minimax(Z)
    W = game.W
    kappa = competitive.value
    payoffs = (W / 2 + kappa, W / 2 - kappa)
    agreement = Agreement.best_total(game)
    return CoCoSolution(game, payoffs, W, kappa, agreement, agreement.side_payments(payoffs), competitive)


# --------------------------------------------------------------------------- n players
def _members(mask: int, n: int) -> tuple[int, ...]:
    return tuple(k for k in range(n) if mask >> k & 1)


def _set_text(game: Game, mask: int) -> str:
    return "{" + ", ".join(game.players[k] for k in _members(mask, game.num_players)) + "}"


@dataclass(frozen=True, slots=True)
class CoalitionSolution(Renderable):
    """An n-player value obtained by formula (star) from a coalition function.

    * ``coalition_function`` — ``v`` (:class:`~exactbargain.cooperative.CoalitionFunction`,
      ``v(N) = W``);
    * ``parts`` — for each computed coalition game, ``(members, model game, result)``: the
      team game ``G_S`` or horde game ``H_S`` and the two-player (or horde) result whose
      component for ``S`` (player 0 of the model game) is ``v(S)``; under ``"two-teams"``
      the other component is ``v(N \\ S)`` (one game per unordered pair);
    * ``payoffs`` — ``phi`` by (star), equal to the Shapley value of ``v``;
    * ``disagreement`` — the singleton values ``(v({1}), ..., v({n}))`` for the fallback
      rules (``None`` for CoCo, whose ``v`` is built from threats).
    """

    rule: str
    select: str | None
    coalitions: str | None
    game: Game
    payoffs: tuple[Fraction, ...]
    W: Fraction
    coalition_function: CoalitionFunction
    parts: tuple[tuple[tuple[int, ...], Game, Any, int], ...]
    agreement: Agreement
    side_payments: tuple[Fraction, ...]
    disagreement: tuple[Fraction, ...] | None
    pairs: bool

    @classmethod
    def from_star(cls, star: StarValue, *, rule: str, select: str | None = None,
                  singleton_disagreement: bool = False) -> CoalitionSolution:
        """The solution of ``rule`` whose payoffs are formula (star) as computed by
        :func:`~exactbargain.cooperative.star_value`, implemented on a profile with total
        ``W`` and side payments; with ``singleton_disagreement`` the singleton values are its
        disagreement point (the fallback rules).

        Parameters
        ----------
        star : StarValue
            Formula (star) evaluated on the game's coalition function.
        rule : str
            The rule's canonical name.
        select : str, optional
            The selection rule of a fallback rule.
        singleton_disagreement : bool
            Whether the singleton values are the disagreement point.

        Returns
        -------
        CoalitionSolution
            The solution, with its agreement and side payments.
        """
        game, v = star.game, star.coalition_function
        agreement = Agreement.best_total(game)
        disagreement = tuple(v.table[1 << i] for i in range(game.num_players)) if singleton_disagreement else None
        return cls(rule, select, star.coalitions, game, star.payoffs, game.W, v, star.parts, agreement,
                   agreement.side_payments(star.payoffs), disagreement, star.pairs)

    @property
    def coalition_values(self) -> CoalitionFunction:
        """``v``, the coalition function."""
        return self.coalition_function

    def check(self) -> list[str]:
        """Everything wrong: each part's own certificates, ``v`` read off the parts,
        ``v(N) = W``, ``phi`` = (star) = Shapley, efficiency, and the side payments.

        Returns
        -------
        list of str
            Every problem found; empty when the value is proved.
        """
        out: list[str] = []
        g, v = self.game, self.coalition_function
        n = g.num_players
        full = (1 << n) - 1
        W = best_outcome_total(g)
        if W != self.W or v.table[full] != W:
            out.append(f"v(N) = {v.table[full]} and W = {self.W}, but the best total is {W}")
        seen = set()
        checked: set[int] = set()
        for members, model, result, position in self.parts:
            mask = sum(1 << k for k in members)
            check = getattr(result, "check", None)
            if check is not None and id(result) not in checked:
                checked.add(id(result))
                out += [f"v({_set_text(g, mask)}): {m}" for m in check()]
            values = payoffs_of(result)
            if getattr(result, "game", model) != model:
                out.append(f"v({_set_text(g, mask)}): the result belongs to another game")
            if values[position] != v.table[mask]:
                out.append(f"v({_set_text(g, mask)}) = {v.table[mask]} but the model game gives {values[position]}")
            seen.add(mask)
            if self.pairs:
                if values[1] != v.table[full & ~mask]:
                    out.append(f"v({_set_text(g, full & ~mask)}) differs from the model game's other component")
                seen.add(full & ~mask)
        missing = [m for m in range(1, full) if m not in seen]
        if missing:
            out.append(f"{len(missing)} coalitions have no model game")
        phi = star_formula(v)
        if phi != shapley(v):
            out.append("formula (star) and the Shapley value differ")
        if tuple(phi) != self.payoffs:
            out.append(f"payoffs {vector_text(self.payoffs)} are not phi = {vector_text(phi)}")
        if sum(self.payoffs) != W:
            out.append("the payoffs do not sum to W")
        if self.rule == "coco" and not v.is_constant_sum():
            out.append("CoCo's coalition function is not constant-sum")
        if self.disagreement is not None:
            if self.disagreement != tuple(v.table[1 << i] for i in range(n)):
                out.append("the disagreement point is not the singleton values")
        out += self.agreement.check(self.payoffs, self.side_payments)
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether :meth:`check` returns no problem.
        """
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``.

        Returns
        -------
        dict
            The rule, payoffs and disagreement point as exact ``"p/q"`` strings.
        """
        return contract(self.rule, self.select, self.coalitions, self.payoffs, self.disagreement,
                        self.coalition_function, self.verify())

    def to_json(self) -> dict:
        """The contract plus ``W``, the agreement, side payments and every model game's result.

        Returns
        -------
        dict
            A JSON-ready dictionary; every number is an exact ``"p/q"`` string.
        """
        doc = self.summary()
        doc.update({
            "W": text(self.W),
            "agreement": {"profile": [self.game.actions[i][k] for i, k in enumerate(self.agreement.profile)],
                          "payoffs": [text(p) for p in self.agreement.payoffs]},
            "side_payments": [text(t) for t in self.side_payments],
            "parts": [
                {"coalition": [k + 1 for k in members],
                 "model_game": {"players": list(model.players), "shape": list(model.shape)},
                 "payoffs": [text(p) for p in payoffs_of(result)]}
                for members, model, result, position in self.parts
            ],
        })
        return doc

    def explain(self) -> str:
        """The derivation: each ``v(S)``, then (star) term by term.

        Returns
        -------
        str
            The derivation, one step per line.
        """
        g, v = self.game, self.coalition_function
        n = g.num_players
        full = (1 << n) - 1
        what = {"coco": "CoCo value", "fallback": f"correlated-equilibrium fallback ({self.select})"}.get(
            self.rule, f"{self.rule} value")
        model = {"two-teams": "team games G_S (S against the rest, two players)",
                 "team-vs-individuals": "horde games H_S (S as one player against the others individually)"}
        lines = [f"n-player {what} of {g.title or 'the game'} ({n} players)",
                 f"  W = {text(self.W)}; v(N) = W; v(S) from the {model.get(self.coalitions, 'model games')}:"]
        for members, game_s, result, position in self.parts:
            mask = sum(1 << k for k in members)
            values = payoffs_of(result)
            if game_s is g:
                lines.append(f"    H_{_set_text(g, mask)} is the game itself: {vector_text(values)} -> "
                             f"v({_set_text(g, mask)}) = {text(values[position])}")
            elif self.pairs:
                lines.append(f"    {_set_text(g, mask)} vs {_set_text(g, full & ~mask)}: "
                             f"{vector_text(values)} -> v({_set_text(g, mask)}) = {text(values[0])}, "
                             f"v({_set_text(g, full & ~mask)}) = {text(values[1])}")
            else:
                lines.append(f"    H_{_set_text(g, mask)} ({game_s.num_players} players): "
                             f"{vector_text(values)} -> v({_set_text(g, mask)}) = {text(values[0])}")
        lines.append("  phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S)):")
        for i in range(n):
            terms = []
            for mask in range(1, full + 1):
                if mask >> i & 1:
                    s = mask.bit_count()
                    w = Fraction(math.factorial(n - s) * math.factorial(s - 1), math.factorial(n))
                    terms.append(f"{text(w)}*({text(v.table[mask])} - {text(v.table[full & ~mask])})")
            lines.append(f"    phi({g.players[i]}) = " + " + ".join(terms) + f" = {text(self.payoffs[i])}")
        lines.append(f"  Sum = {text(sum(self.payoffs))} = W. Implementation: {self.agreement.describe(self.payoffs)}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return (f"{self.rule} value {display_vector(self.payoffs)} (W = {display_rational(self.W)}, "
                f"coalitions {self.coalitions})")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, the disagreement point, every ``v(S)``, payoffs, side
        payments and agreement (``title`` replaces the game's title).

        Parameters
        ----------
        title : str, optional
            The caption's title instead of the game's.

        Returns
        -------
        list of Table
            The solution's tables.
        """
        return [solution_table(self, title=title, after_d=coalition_rows(self.coalition_function))]


def n_player_value(
    game: Game,
    two_player_value: Callable[[Game], Any],
    coalitions: str = "two-teams",
    *,
    rule: str = "custom",
    symmetric: bool = True,
) -> CoalitionSolution:
    """Formula (star) over the coalition games of ``game``, for any two-player value.

    ``two_player_value`` maps a game to its payoff vector (a sequence, or an object with a
    ``payoffs`` attribute, which is then kept in ``parts`` and checked by ``verify()`` if it
    has a ``check()`` method). With ``coalitions="two-teams"`` it receives the team games
    ``G_S`` (two players, ``S`` first) and ``v(S)`` is the first component; with
    ``symmetric=True`` (the default, right for every role-covariant value) one call per
    unordered pair ``{S, N \\ S}`` gives both ``v(S)`` and ``v(N \\ S)``. With
    ``coalitions="team-vs-individuals"`` it receives the horde games ``H_S`` (``S`` first,
    the others as individuals) and must handle their player counts. ``v(N) = W`` always.

    Parameters
    ----------
    game : Game
        The game.
    two_player_value : callable
        ``Game -> payoffs`` (or an object with ``payoffs``) of a two-player game.
    coalitions : str
        ``"two-teams"`` or ``"team-vs-individuals"``.
    rule : str
        The name the solution carries.
    symmetric : bool
        One call per unordered pair of complementary coalitions.

    Returns
    -------
    CoalitionSolution
        Formula (star) with the coalition function and the values it came from.

    Raises
    ------
    GameTypeError
        When ``game`` is not a :class:`~exactbargain.Game`.
    GameError
        For an unknown coalition model.

    Examples
    --------
    >>> g = Game([[[(1, 0, 0), (0, 1, 0)], [(0, 0, 1), (2, 2, 2)]]])
    >>> sol = n_player_value(g, lambda t: coco(t).payoffs)
    >>> sol.payoffs, sum(sol.payoffs) == g.W
    ((Fraction(5, 3), Fraction(13, 6), Fraction(13, 6)), True)
    >>> sol.coalition_function.to_json()["1"]
    '2'
    """
    game = require_game(game, "n_player_value()")
    star = star_value(game, lambda model, members: two_player_value(model), coalitions, pairs=symmetric)
    return CoalitionSolution.from_star(star, rule=rule)


def coco(game: Game, *, limits: _limits.Limits | None = None) -> CoCoSolution | CoalitionSolution:
    """The CoCo value of ``game``.

    Two players: a :class:`CoCoSolution`, ``(W/2 + kappa, W/2 - kappa)`` with
    ``kappa = val((u_1 - u_2)/2)``. Otherwise a :class:`CoalitionSolution`: ``v(S)`` is the
    CoCo value of ``S`` in the team game ``G_S`` (one zero-sum LP per unordered pair
    ``{S, N \\ S}``; ``v`` is constant-sum) and the payoffs are (star), i.e. Shapley of ``v``.
    ``limits`` (default: those in force) bounds the players and LP entries
    (:mod:`exactbargain.limits`).

    Parameters
    ----------
    game : Game
        The game.
    limits : Limits, optional
        Size limits (default: those in force).

    Returns
    -------
    CoCoSolution or CoalitionSolution
        The value with its certificates (``payoffs``, ``verify()``, ``explain()``).

    Raises
    ------
    GameTypeError
        When ``game`` is not a :class:`~exactbargain.Game`.
    LimitError
        When the LPs or coalitions would exceed a size limit.

    Examples
    --------
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> coco(chicken).payoffs
    (Fraction(6, 1), Fraction(6, 1))
    >>> pg = Game.from_function(lambda a: tuple(2 * a.count("C") - 3 * (x == "C") for x in a),
    ...                         [("C", "N")] * 3)
    >>> coco(pg).payoffs
    (Fraction(3, 1), Fraction(3, 1), Fraction(3, 1))
    """
    require_game(game, "coco()")
    if limits is not None:
        with _limits.using(limits):
            return coco(game)
    if game.num_players == 2:
        _limits.check("lp-entries", game.num_profiles,
                      f"the zero-sum LP of a {_limits.shape_text(game.shape)} game has {game.num_profiles} entries")
        return _coco2(game)
    _limits.check_coalitions(game.shape, "coco", "zero-sum")
    return CoalitionSolution.from_star(star_value(game, lambda model, members: _coco2(model)), rule="coco")
