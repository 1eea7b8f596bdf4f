"""Hypothesis strategies for games and for the modifications of docs/theory.md §4.

Requires the ``hypothesis`` package (a test extra); ``import exactbargain`` never imports
this module. Every strategy checks its arguments when it is *called* (raising
:class:`hypothesis.errors.InvalidArgument`), not when it is first drawn from, and shrinks
towards few players, few actions and small integer payoffs, so a failing property reports a
readable game.

Games::

    games(players=2, actions=(1, 3), payoffs=(-3, 3))
    bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3))
    zero_sum_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3))
    dominance_games(...)          # u_1 >= u_2 at every profile (two players)

Modifications of a given game (each draws a
:class:`~exactbargain.axioms.modifications.Modification`, whose ``after`` is the new game)::

    added_actions(game, player)   curses(game, player, size=(1, 10))
    mixtures(game, player)        dominated_actions(game, player)
    credible_threats(game, player, cost=(0, 3))   # A10's precondition (two players)
    shifts(game)                  opponent_shifts(game, player)
    permutations(game)            relabellings(game, player)
    modifications(axiom, game)    # the right one for an axiom name
    instances(axiom, ...)         # (game, modification or None) pairs for an axiom

``payoffs`` is an inclusive ``(low, high)`` pair of integers, a ``range``, or any strategy of
rationals (ints or :class:`fractions.Fraction`). ``actions`` (and ``rows``/``columns``) is a
count or an inclusive ``(low, high)`` tuple; for :func:`games` also a list with one such entry
per player.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .axioms import modifications as mods
from .axioms.modifications import Modification
from .axioms.properties import AXIOMS, AXIOM_CODES
from .game import Game

__all__ = [
    "games",
    "bimatrix_games",
    "zero_sum_games",
    "dominance_games",
    "payoff_values",
    "added_actions",
    "curses",
    "mixtures",
    "dominated_actions",
    "credible_threats",
    "shifts",
    "opponent_shifts",
    "permutations",
    "relabellings",
    "modifications",
    "instances",
]

#: Payoff range used when none is given.
DEFAULT_PAYOFFS = (-3, 3)
#: The largest number of profiles a generated game may have (keeps the LPs small).
MAX_PROFILES = 64


# ---------------------------------------------------------------------- argument checks
def _count(value: Any, what: str) -> tuple[int, int]:
    if isinstance(value, bool):
        raise InvalidArgument(f"{what} must be an int or a (low, high) pair, got {value!r}")
    if isinstance(value, int):
        lo = hi = value
    elif isinstance(value, range):
        if value.step != 1 or len(value) == 0:
            raise InvalidArgument(f"{what} as a range must be non-empty with step 1, got {value!r}")
        lo, hi = value.start, value.stop - 1
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in value):
        lo, hi = value
    else:
        raise InvalidArgument(f"{what} must be an int or a (low, high) pair of ints, got {value!r}")
    if lo < 1 or hi < lo:
        raise InvalidArgument(f"{what} must satisfy 1 <= low <= high, got ({lo}, {hi})")
    return lo, hi


def _is_pair(value: Any) -> bool:
    return (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in value))


def payoff_values(payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """The strategy of single payoffs described by ``payoffs`` (validated now)."""
    if isinstance(payoffs, st.SearchStrategy):
        return payoffs
    if isinstance(payoffs, range):
        if payoffs.step != 1 or len(payoffs) == 0:
            raise InvalidArgument(f"payoffs as a range must be non-empty with step 1, got {payoffs!r}")
        return st.integers(payoffs.start, payoffs.stop - 1)
    if (isinstance(payoffs, (tuple, list)) and len(payoffs) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in payoffs)):
        lo, hi = payoffs
        if lo > hi:
            raise InvalidArgument(f"payoffs (low, high) needs low <= high, got {payoffs!r}")
        return st.integers(lo, hi)
    raise InvalidArgument(f"payoffs must be a (low, high) pair of ints, a range or a strategy, got {payoffs!r}")


def _game(game: Any, what: str = "game") -> Game:
    if not isinstance(game, Game):
        raise InvalidArgument(f"{what} must be an exactbargain.Game, got {type(game).__name__}")
    return game


def _player(game: Game, player: Any) -> int | None:
    if player is None:
        return None
    try:
        return game.player_index(player)
    except Exception as exc:  # GameError
        raise InvalidArgument(str(exc)) from None


def _players_st(game: Game, player: int | None, eligible: Sequence[int] | None = None) -> st.SearchStrategy[int]:
    choices = list(range(game.num_players)) if eligible is None else list(eligible)
    if player is not None:
        return st.just(player)
    if not choices:
        raise InvalidArgument("no player of this game qualifies")
    return st.sampled_from(choices)


# ---------------------------------------------------------------------- games
def games(players: Any = 2, actions: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS, *,
          max_profiles: int = MAX_PROFILES) -> st.SearchStrategy[Game]:
    """Normal-form games with ``players`` players (count or ``(low, high)``), ``actions``
    per player (a count, a ``(low, high)`` pair, or one of those per player) and payoffs
    drawn from ``payoffs``. Games with more than ``max_profiles`` profiles are avoided by
    shrinking the action counts of the later players.

    ``actions`` as a tuple of two ints is a ``(low, high)`` range for every player; as a
    list it gives one count or range per player.

    >>> from hypothesis import find
    >>> find(games(actions=[1, (2, 3)]), lambda g: g.W > 1).shape
    (1, 2)
    """
    p_lo, p_hi = _count(players, "players")
    if isinstance(actions, list) or (isinstance(actions, tuple) and not _is_pair(actions)):
        per = [_count(a, f"actions of player {k + 1}") for k, a in enumerate(actions)]
        if p_lo != p_hi or len(per) != p_lo:
            raise InvalidArgument(f"actions lists {len(per)} players but players is {players!r}")
        one = None
    else:
        per = None
        one = _count(actions, "actions")
    values = payoff_values(payoffs)
    if not isinstance(max_profiles, int) or max_profiles < 1:
        raise InvalidArgument(f"max_profiles must be a positive int, got {max_profiles!r}")

    @st.composite
    def build(draw: Any) -> Game:
        n = draw(st.integers(p_lo, p_hi))
        bounds = per if per is not None else [one] * n
        shape: list[int] = []
        budget = max_profiles
        for k, (lo, hi) in enumerate(bounds):
            rest = 1
            for lo2, _ in bounds[k + 1:]:
                rest *= lo2
            cap = max(lo, min(hi, budget // max(rest, 1)))
            m = draw(st.integers(lo, cap))
            shape.append(m)
            budget = max(1, budget // m)
        size = 1
        for m in shape:
            size *= m
        flat = draw(st.lists(values, min_size=size * n, max_size=size * n))
        per_player = [flat[p::n] for p in range(n)]
        return Game.from_flat(per_player, shape)

    return build()


def bimatrix_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Game]:
    """Two-player games with ``rows`` x ``columns`` actions."""
    return games(2, [_count(rows, "rows"), _count(columns, "columns")], payoffs)


def zero_sum_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Game]:
    """Two-player zero-sum games (player 1's payoffs drawn, player 2 gets the negative)."""
    r, c = _count(rows, "rows"), _count(columns, "columns")
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Game:
        m = draw(st.integers(*r))
        k = draw(st.integers(*c))
        flat = draw(st.lists(values, min_size=m * k, max_size=m * k))
        return Game.zero_sum([flat[i * k:(i + 1) * k] for i in range(m)])

    return build()


def dominance_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS,
                    gaps: Any = (0, 3)) -> st.SearchStrategy[Game]:
    """Two-player games with ``u_1(a) >= u_2(a)`` at every profile (A5's precondition):
    ``u_2`` is drawn from ``payoffs`` and ``u_1 = u_2 + gap`` with ``gap`` from ``gaps``
    (non-negative)."""
    r, c = _count(rows, "rows"), _count(columns, "columns")
    values = payoff_values(payoffs)
    gap_values = payoff_values(gaps)
    if isinstance(gaps, tuple) and gaps[0] < 0:
        raise InvalidArgument(f"gaps must be non-negative, got {gaps!r}")

    @st.composite
    def build(draw: Any) -> Game:
        m = draw(st.integers(*r))
        k = draw(st.integers(*c))
        base = draw(st.lists(values, min_size=m * k, max_size=m * k))
        gap = draw(st.lists(gap_values, min_size=m * k, max_size=m * k))
        if any(Fraction(x) < 0 for x in gap):
            gap = [abs(Fraction(x)) for x in gap]
        A = [[base[i * k + j] + gap[i * k + j] for j in range(k)] for i in range(m)]
        B = [[base[i * k + j] for j in range(k)] for i in range(m)]
        return Game.bimatrix(A, B)

    return build()


# ---------------------------------------------------------------------- modifications
def added_actions(game: Game, player: Any = None, payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Modification]:
    """One more action for ``player`` (drawn when ``None``) with payoffs from ``payoffs``."""
    g = _game(game)
    p = _player(g, player)
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        k = len(mods.opponent_profiles(g, i))
        n = g.num_players
        flat = draw(st.lists(values, min_size=k * n, max_size=k * n))
        return mods.add_action(g, i, [flat[c * n:(c + 1) * n] for c in range(k)])

    return build()


def _sizes(size: Any, what: str = "curse size", name: str = "size") -> st.SearchStrategy:
    if isinstance(size, st.SearchStrategy):
        return size
    if isinstance(size, (int, Fraction)) and not isinstance(size, bool):
        if size < 0:
            raise InvalidArgument(f"a {what} must be >= 0, got {size!r}")
        return st.just(size)
    if isinstance(size, (tuple, list, range)):
        s = payoff_values(size)
        lo = size.start if isinstance(size, range) else size[0]
        if lo < 0:
            raise InvalidArgument(f"{what}s must be >= 0, got {size!r}")
        return s
    raise InvalidArgument(f"{name} must be a number >= 0, a (low, high) pair or a strategy, got {size!r}")


def curses(game: Game, player: Any = None, size: Any = (1, 10)) -> st.SearchStrategy[Modification]:
    """A uniform curse for ``player``: a copy of one of their actions that lowers every
    other player's payoff by ``t`` (``size``: a number, ``(low, high)`` or a strategy)."""
    g = _game(game)
    p = _player(g, player)
    sizes = _sizes(size)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        a = draw(st.integers(0, len(g.actions[i]) - 1))
        t = draw(sizes)
        return mods.add_uniform_curse(g, i, t, copy=a)

    return build()


def mixtures(game: Game, player: Any = None, max_weight: int = 3) -> st.SearchStrategy[Modification]:
    """A redundant action for ``player``: a mixture of existing actions with weights
    ``w_k / sum(w)`` for small integers ``w_k`` (shrinks to a duplicate of the first action)."""
    g = _game(game)
    p = _player(g, player)
    if not isinstance(max_weight, int) or max_weight < 1:
        raise InvalidArgument(f"max_weight must be a positive int, got {max_weight!r}")

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        m = len(g.actions[i])
        raw = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(raw) == 0:
            raw[0] = 1
        return mods.mixture_action(g, i, [Fraction(w, sum(raw)) for w in raw])

    return build()


def dominated_actions(game: Game, player: Any = None, margins: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS,
                      max_weight: int = 2) -> st.SearchStrategy[Modification]:
    """A strictly dominated action for ``player`` (A9's precondition): their payoff is a
    mixture of existing actions minus a margin from ``margins`` (>= 1) in every opponents'
    profile; the others' payoffs come from ``payoffs``, lowered where needed so that no new
    cell's total exceeds ``W(G)``."""
    g = _game(game)
    p = _player(g, player)
    margin_values = payoff_values(margins)
    if isinstance(margins, tuple) and margins[0] < 1:
        raise InvalidArgument(f"margins must be >= 1, got {margins!r}")
    values = payoff_values(payoffs)
    W = g.W

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        m = len(g.actions[i])
        raw = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(raw) == 0:
            raw[0] = 1
        sigma = [Fraction(w, sum(raw)) for w in raw]
        vectors = []
        for o in mods.opponent_profiles(g, i):
            own = sum((sigma[k] * g.payoff(o[:i] + (k,) + o[i:])[i] for k in range(m)), Fraction(0))
            own -= Fraction(draw(margin_values))
            others = [Fraction(draw(values)) for _ in range(g.num_players - 1)]
            excess = own + sum(others, Fraction(0)) - W
            if excess > 0:
                others[0] -= excess
            vectors.append(tuple(others[:i]) + (own,) + tuple(others[i:]))
        return mods.add_dominated_action(g, i, vectors)

    return build()


def credible_threats(game: Game, player: Any = None, cost: Any = (0, 3),
                     response: Any = None) -> st.SearchStrategy[Modification]:
    """A credible threat for ``player`` (A10's precondition, two-player games): a new action
    ``K`` that strictly dominates the player's others, against which ``response`` (drawn when
    ``None``) is the opponent's strict best reply, with ``(K, response)`` a saddle point of
    ``Z = (u_1 - u_2)/2`` whose damage exceeds the old actions' by ``cost`` (a number,
    ``(low, high)`` or a strategy, >= 0); see
    :func:`~exactbargain.axioms.modifications.add_credible_threat`. ``response`` needs ``player``.

    >>> from hypothesis import find
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> find(credible_threats(pd), lambda m: m.player == 1).params["cost"]
    Fraction(0, 1)
    """
    g = _game(game)
    if g.num_players != 2:
        raise InvalidArgument(f"credible threats (A10) need a two-player game, got {g.num_players} players")
    p = _player(g, player)
    costs = _sizes(cost, "threat cost", "cost")
    fixed = None
    if response is not None:
        if p is None:
            raise InvalidArgument("response names an action of the opponent, so it needs player")
        try:
            fixed = g.action_index(1 - p, response)
        except Exception as exc:  # GameError
            raise InvalidArgument(str(exc)) from None

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        b = fixed if fixed is not None else draw(st.integers(0, g.shape[1 - i] - 1))
        return mods.add_credible_threat(g, i, draw(costs), response=b)

    return build()


def shifts(game: Game, payoffs: Any = (-5, 5)) -> st.SearchStrategy[Modification]:
    """A constant per-player shift ``c`` (A4)."""
    g = _game(game)
    values = payoff_values(payoffs)
    return st.lists(values, min_size=g.num_players, max_size=g.num_players).map(lambda c: mods.shift_payoffs(g, c))


def opponent_shifts(game: Game, player: Any = None, payoffs: Any = (-5, 5)) -> st.SearchStrategy[Modification]:
    """An opponent-dependent shift ``h(a_-i)`` added to ``u_i`` (A4')."""
    g = _game(game)
    p = _player(g, player)
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        k = len(mods.opponent_profiles(g, i))
        return mods.shift_payoffs_by_opponents(g, i, draw(st.lists(values, min_size=k, max_size=k)))

    return build()


def permutations(game: Game) -> st.SearchStrategy[Modification]:
    """A reordering of the players (A2); shrinks to reversing them."""
    g = _game(game)
    n = g.num_players
    return st.permutations(list(range(n))[::-1]).map(lambda order: mods.permute_players(g, order))


def relabellings(game: Game, player: Any = None) -> st.SearchStrategy[Modification]:
    """A renaming and reordering of ``player``'s actions (A3)."""
    g = _game(game)
    p = _player(g, player)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        order = draw(st.permutations(list(range(len(g.actions[i])))[::-1]))
        labels = draw(st.lists(st.text("abcxyz", min_size=1, max_size=3), min_size=len(order),
                               max_size=len(order), unique=True))
        return mods.relabel_actions(g, i, order=order, labels=labels)

    return build()


_FOR_AXIOM = {
    "anonymity": lambda g, p, pay: permutations(g),
    "relabelling": lambda g, p, pay: relabellings(g, p),
    "shift": lambda g, p, pay: shifts(g),
    "opponent-shift": lambda g, p, pay: opponent_shifts(g, p),
    "monotonicity": lambda g, p, pay: added_actions(g, p, pay),
    "redundancy": lambda g, p, pay: mixtures(g, p),
    "uniform-curse": lambda g, p, pay: curses(g, p),
    "dominated-action": lambda g, p, pay: dominated_actions(g, p, payoffs=pay),
    "credible-threat": lambda g, p, pay: credible_threats(g, p),
}


def _axiom_name(axiom: Any) -> str:
    if not isinstance(axiom, str):
        raise InvalidArgument(f"axiom must be a name such as 'monotonicity', got {axiom!r}")
    name = AXIOM_CODES.get(axiom, axiom).replace("_", "-")
    if name not in AXIOMS:
        raise InvalidArgument(f"unknown axiom {axiom!r}; the axioms are {', '.join(AXIOMS)}")
    return name


def modifications(axiom: str, game: Game, player: Any = None, payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """The modification strategy an axiom needs (``st.none()`` for the single-game axioms
    ``efficiency`` and ``dominance``)."""
    name = _axiom_name(axiom)
    g = _game(game)
    p = _player(g, player)
    payoff_values(payoffs)
    if name not in _FOR_AXIOM:
        return st.none()
    return _FOR_AXIOM[name](g, p, payoffs)


def instances(axiom: str, players: Any = 2, actions: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """Pairs ``(game, modification)`` for ``axiom`` (modification ``None`` for single-game
    axioms); for ``dominance`` the games satisfy the precondition, and ``credible-threat``
    (two players only) adds a credible threat. Modifications that add an action are applied
    to games with at most ``actions`` high minus one actions for that player, so the modified
    game stays within ``actions``."""
    name = _axiom_name(axiom)
    values = payoff_values(payoffs)
    if name == "credible-threat" and _count(players, "players") != (2, 2):
        raise InvalidArgument(f"credible-threat (A10) is a two-player axiom, got players={players!r}")
    if name == "dominance":
        _count(players, "players")
        lo, hi = _count(actions, "actions") if not (isinstance(actions, (list, tuple)) and len(actions) != 2) else (1, 3)
        return dominance_games((lo, hi), (lo, hi), payoffs).map(lambda g: (g, None))
    grows = name in ("monotonicity", "redundancy", "uniform-curse", "dominated-action", "credible-threat")
    base_actions = actions
    if grows:
        lo, hi = _count(actions, "actions")
        if hi < 2:
            raise InvalidArgument(f"{name} adds an action, so actions must allow at least 2, got {actions!r}")
        base_actions = (lo, hi - 1) if lo <= hi - 1 else (hi - 1, hi - 1)
    base = games(players, base_actions, values)
    if name not in _FOR_AXIOM:
        return base.map(lambda g: (g, None))
    return base.flatmap(lambda g: modifications(name, g, None, values).map(lambda m: (g, m)))
