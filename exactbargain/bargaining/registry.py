"""The rule registry: every bargaining rule by name, and :class:`RuleSpec`, one rule with its
selection rule and coalition model, in one canonical text form.

Canonical text (``str(spec)``, read back by :meth:`RuleSpec.parse`):

* ``coco`` — a rule that takes no selection rule;
* ``RULE[SELECT]`` — ``fallback[welfare]``, ``fallback[dictator-1]``, ``nash-fallback[nash]``,
  ``nbs[welfare]``, ``ks[egalitarian]``: the rule and its selection rule
  (:mod:`~exactbargain.bargaining.selection`);
* ``RULE[SELECT; MODEL]`` — ``fallback[welfare; team-vs-individuals]``: with a coalition
  model (the fallback of three or more players; without one it is ``two-teams``).

These are the names of the sweep's results and of :func:`exactbargain.axioms.as_rule`. The
parser also reads the other spellings in use: a bare rule name (the default selection rule
``welfare``), ``fallback:nash`` (``RULE:SELECT``), and the names of :mod:`exactbargain.plot`
(``fallback-nash`` is ``fallback[nash]``; ``nash-fallback`` is ``nash-fallback[welfare]``).

>>> spec = RuleSpec.parse("fallback-dictator-2")
>>> spec, str(spec), spec.equilibrium
(RuleSpec('fallback[dictator-2]'), 'fallback[dictator-2]', 'correlated')
>>> str(RuleSpec.parse("fallback:nash")), str(RuleSpec.parse("nash-fallback"))
('fallback[nash]', 'nash-fallback[welfare]')
>>> str(RuleSpec("fallback", "egalitarian", "team-vs-individuals"))
'fallback[egalitarian; team-vs-individuals]'
>>> from exactbargain import Game
>>> RuleSpec.parse("fallback[dictator-2]").solve(Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])).payoffs
(Fraction(7, 2), Fraction(17, 2))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .. import limits as _limits
from ..cooperative.star import COALITION_MODELS
from ..errors import GameError
from ..game import Game, require_game
from .coco import coco
from .fallback import fallback
from .results import RULE_TITLES
from .selection import DEFAULT_SELECTION, check_select, selection_rule, selection_rules
from .solutions import kalai_smorodinsky, nash_bargaining

__all__ = ["RULES", "Rule", "RuleSpec", "compare", "register_rule", "solve"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One bargaining rule of the registry.

    Parameters
    ----------
    name : str
        The rule's name (``solve --rule``, the ``rule`` of the JSON contract).
    compute : callable
        ``compute(game, spec) -> solution``.
    summary : str
        One line for documentation.
    selects : bool
        The rule takes a selection rule (default :data:`DEFAULT_SELECTION`).
    coalitions : bool
        The rule takes a coalition model (in games of three or more players).
    two_players : bool
        The rule applies to two-player games only.
    equilibrium : str or None
        The equilibrium set its disagreement point comes from (``None``: it has none).
    every_selection : bool
        ``compare`` lists it with every selection rule (else with the default one only).
    plot_name : str
        Its name in :mod:`exactbargain.plot`: with ``{select}`` the plot shows it for every
        selection rule (``fallback-{select}``), otherwise for the default one.
    title : str
        Its title in captions and derivations (``"CoCo value"``; default: the name).
    """

    name: str
    compute: Callable[[Game, "RuleSpec"], Any] = field(repr=False)
    summary: str = ""
    selects: bool = True
    coalitions: bool = False
    two_players: bool = False
    equilibrium: str | None = "correlated"
    every_selection: bool = True
    plot_name: str = ""
    title: str = ""

    def specs(self, n: int, models: tuple[str | None, ...] = (None,), every_selection: bool | None = None
              ) -> Iterator["RuleSpec"]:
        """The rule's specs for an ``n``-player game: each model of ``models`` (when the rule
        takes one) with each selection rule (or the default one).

        Parameters
        ----------
        n : int
            The number of players.
        models : tuple
            Coalition models to go through (``None``: none given).
        every_selection : bool, optional
            Every selection rule, or only the default (default: :attr:`every_selection`).

        Yields
        ------
        RuleSpec
            In registry order, models outermost.
        """
        every = self.every_selection if every_selection is None else every_selection
        selects: tuple[str | None, ...] = (
            (selection_rules(n) if every else (DEFAULT_SELECTION,)) if self.selects else (None,))
        for model in (models if self.coalitions else (None,)):
            for select in selects:
                yield RuleSpec(self.name, select, model)


#: Every rule by name, in the order of ``solve --rule all`` and of the plot.
RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> Rule:
    """Add a rule to :data:`RULES`.

    Parameters
    ----------
    rule : Rule
        The rule; its name must be new.

    Returns
    -------
    Rule
        ``rule``.

    Raises
    ------
    GameError
        When the name is taken.

    Notes
    -----
    The rule's title goes to :data:`~exactbargain.bargaining.results.RULE_TITLES`, where the
    result types read it.
    """
    if rule.name in RULES:
        raise GameError(f"the rule name {rule.name!r} is taken")
    RULES[rule.name] = rule
    RULE_TITLES[rule.name] = rule.title or rule.name
    return rule


def _unknown(rule: object) -> GameError:
    return GameError(f"unknown rule {rule!r}; the rules are {', '.join(RULES)}")


def plot_match(name: str) -> tuple[Rule, str | None] | None:
    """The rule a name of :mod:`exactbargain.plot` stands for, with the selection rule it
    names (``None``: the default); ``None`` when it is no plot name."""
    for rule in RULES.values():
        head, brace, _ = rule.plot_name.partition("{select}")
        if not brace and name == rule.plot_name:
            return rule, None
        if brace and name.startswith(head) and len(name) > len(head):
            return rule, name[len(head):]
    return None


_TEXT = re.compile(r"(?P<rule>[a-z][a-z0-9-]*)(?:\[(?P<select>[^];]+)(?:; ?(?P<model>[^]]+))?\]|:(?P<colon>.*))?")


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule with its selection rule and coalition model: ``RuleSpec("fallback", "nash")``.

    The equilibrium set of the disagreement point is part of the rule's name
    (``nash-fallback`` is the fallback over Nash equilibria), as in every contract of the
    package, so it is the property :attr:`equilibrium` rather than a field.

    Parameters
    ----------
    rule : str
        A name of :data:`RULES`.
    select : str, optional
        The selection rule; default ``welfare`` for the rules that take one.
    coalitions : str, optional
        The coalition model of the n-player fallback (``None``: the default, ``two-teams``).

    Raises
    ------
    GameError
        For an unknown rule, selection rule or coalition model, or one the rule does not take.
    """

    rule: str
    select: str | None = None
    coalitions: str | None = None

    def __post_init__(self) -> None:
        kind = RULES.get(self.rule) if isinstance(self.rule, str) else None
        if kind is None:
            raise _unknown(self.rule)
        if not kind.selects and (self.select is not None or self.coalitions is not None):
            raise GameError(f"{self.rule} takes no selection rule or coalition model")
        if self.coalitions is not None:
            if not kind.coalitions:
                raise GameError(f"{self.rule} takes no coalition model (only the fallback of three or more "
                                "players does)")
            if self.coalitions not in COALITION_MODELS:
                raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {self.coalitions!r}")
        if kind.selects:
            object.__setattr__(self, "select", DEFAULT_SELECTION if self.select is None else self.select)
            check_select(self.select)

    @property
    def kind(self) -> Rule:
        """The rule's entry of :data:`RULES`."""
        return RULES[self.rule]

    @property
    def equilibrium(self) -> str | None:
        """``"correlated"`` or ``"nash"``: where the disagreement point comes from (``None``: none)."""
        return self.kind.equilibrium

    @property
    def plot_name(self) -> str:
        """The spec's name in :mod:`exactbargain.plot` (``fallback-welfare``, ``nbs``)."""
        return self.kind.plot_name.replace("{select}", self.select or "")

    def __str__(self) -> str:
        if self.select is None:
            return self.rule
        model = "" if self.coalitions is None else f"; {self.coalitions}"
        return f"{self.rule}[{self.select}{model}]"

    def __repr__(self) -> str:
        return f"RuleSpec({str(self)!r})"

    @classmethod
    def parse(cls, text: Any) -> "RuleSpec":
        """The spec a text names: the canonical form or another spelling (module docs).

        Parameters
        ----------
        text : str
            ``coco``, ``fallback[welfare]``, ``fallback[welfare; two-teams]``, ``fallback:nash``,
            ``fallback-nash``, ``nash-fallback``, ...

        Returns
        -------
        RuleSpec
            The spec; ``str()`` of it is the canonical text.

        Raises
        ------
        GameError
            When the text names no rule, or an unknown selection rule or coalition model.

        Examples
        --------
        >>> RuleSpec.parse("fallback[welfare; team-vs-individuals]").coalitions
        'team-vs-individuals'
        """
        if isinstance(text, RuleSpec):
            return text
        if not isinstance(text, str):
            raise GameError(f"a rule is named by a string, got {text!r}")
        m = _TEXT.fullmatch(text)
        if m is not None and m.group("rule") in RULES:
            select = m.group("select") if m.group("select") is not None else m.group("colon")
            return cls(m.group("rule"), select, m.group("model"))
        plot = plot_match(text)
        if plot is not None:
            return cls(plot[0].name, plot[1])
        raise _unknown(text)

    def unavailable(self, n: int) -> str | None:
        """Why the spec does not apply to an ``n``-player game (``"n/a: ..."``), or ``None``.

        Parameters
        ----------
        n : int
            The number of players.

        Returns
        -------
        str or None
            The reason, as ``solve --rule all`` shows it.
        """
        if self.kind.two_players and n != 2:
            return "n/a: two-player games only"
        if (n > 2 and self.coalitions == "team-vs-individuals" and self.select is not None
                and selection_rule(self.select).two_players):
            return "n/a: the horde games have more than two players"
        return None

    def solve(self, game: Game, *, limits: _limits.Limits | None = None) -> Any:
        """The rule's solution of ``game``.

        Parameters
        ----------
        game : Game
            The game.
        limits : Limits, optional
            Size limits (default: those in force; :mod:`exactbargain.limits`).

        Returns
        -------
        solution
            A :class:`~exactbargain.bargaining.CoCoSolution`,
            :class:`~exactbargain.bargaining.FallbackSolution`,
            :class:`~exactbargain.bargaining.CoalitionSolution` or
            :class:`~exactbargain.bargaining.BargainingSolution`.

        Raises
        ------
        GameError
            When the rule does not apply to the game.
        LimitError
            When the work would exceed a size limit.
        """
        game = require_game(game, "solve()")
        if limits is not None:
            with _limits.using(limits):
                return self.kind.compute(game, self)
        return self.kind.compute(game, self)


def solve(game: Game, rule: "str | RuleSpec" = "fallback", select: str | None = None,
          coalitions: str | None = None, *, limits: _limits.Limits | None = None) -> Any:
    """One rule by name (the dispatcher behind ``exactbargain solve``).

    ``rule`` is a name of :data:`RULES` — ``coco``, ``fallback``, ``nash-fallback`` (fallback
    over the hull of Nash equilibrium payoffs, two players), ``nbs`` or ``ks`` (Nash /
    Kalai–Smorodinsky bargaining over the hull of the game's outcomes without transfers, two
    players, ``d`` = the CE point of ``select``) — or a :class:`RuleSpec` or its text
    (``"fallback[dictator-1]"``). ``select`` defaults to ``welfare``; ``coalitions``
    (``two-teams`` by default) matters for the fallback of three or more players only.

    Parameters
    ----------
    game : Game
        The game.
    rule : str or RuleSpec
        The rule.
    select : str, optional
        The selection rule (not with a spec or spec text that has one).
    coalitions : str, optional
        The coalition model.
    limits : Limits, optional
        Bounds on the work (default: those in force; :mod:`exactbargain.limits`).

    Returns
    -------
    solution
        The rule's solution object (``payoffs``, ``verify()``, ``summary()``, ...).

    Raises
    ------
    GameError
        For an unknown rule or selection rule, or one that does not apply to the game.
    LimitError
        When the work would exceed a size limit.

    Examples
    --------
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> solve(chicken, "fallback", "dictator-2").payoffs
    (Fraction(7, 2), Fraction(17, 2))
    >>> solve(chicken, "fallback[dictator-2]").payoffs
    (Fraction(7, 2), Fraction(17, 2))
    """
    game = require_game(game, "solve()")
    if isinstance(rule, str) and rule not in RULES and select is None and coalitions is None:
        spec = RuleSpec.parse(rule)
    elif isinstance(rule, RuleSpec) and select is None and coalitions is None:
        spec = rule
    else:
        spec = RuleSpec(rule, select, coalitions)  # type: ignore[arg-type]
    return spec.solve(game, limits=limits)


def compare(game: Game, *, limits: _limits.Limits | None = None) -> list[tuple[str, str | None, str | None, object]]:
    """Every rule and selection on ``game``: ``(rule, select, coalitions, solution or the
    reason it does not apply)``; the rows of ``exactbargain solve --rule all``.

    A rule that does not apply to a game of this many players has the reason ``"n/a: ..."``;
    one that would exceed a size limit (``limits``, by default those in force; see
    :mod:`exactbargain.limits`) is not computed and has ``"skipped: ..."``, the limit's
    message. The other rules are computed all the same. The rows follow :data:`RULES`, each
    rule with every coalition model (three or more players) and selection rule it takes.

    Parameters
    ----------
    game : Game
        The game.
    limits : Limits, optional
        Size limits (default: those in force).

    Returns
    -------
    list of tuple
        ``(rule, select, coalitions, solution or reason)`` per row.

    Raises
    ------
    GameError
        When ``game`` is not a :class:`~exactbargain.Game`.

    Examples
    --------
    >>> from exactbargain.limits import Limits
    >>> rows = compare(Game.zero_sum([[1, -1], [-1, 1]]), limits=Limits(nash_vertices=4))
    >>> skipped = [(rule, select) for rule, select, _, sol in rows if isinstance(sol, str)]
    >>> len(rows), skipped[:2]
    (15, [('nash-fallback', 'welfare'), ('nash-fallback', 'egalitarian')])
    >>> print(rows[7][3])
    skipped: a 2x2 game's best-response polytopes may have up to 8 vertices, more than the limit nash-vertices=4 allows; raise it with --limit nash-vertices=8 (limits=Limits(nash_vertices=8) in Python)
    """
    if limits is not None:
        with _limits.using(limits):
            return compare(game)
    game = require_game(game, "compare()")
    n = game.num_players
    rows: list[tuple[str, str | None, str | None, object]] = []
    models = COALITION_MODELS if n > 2 else (None,)
    for kind in RULES.values():
        if kind.two_players and n != 2:
            rows.append((kind.name, None, None, "n/a: two-player games only"))
            continue
        for spec in kind.specs(n, models):
            reason = spec.unavailable(n)
            if reason is None:
                try:
                    reason = spec.solve(game)
                except _limits.LimitError as exc:
                    reason = f"skipped: {exc}"
            rows.append((spec.rule, spec.select, spec.coalitions, reason))
    return rows


def _fallback(game: Game, spec: RuleSpec) -> Any:
    return fallback(game, spec.select, coalitions="two-teams" if spec.coalitions is None else spec.coalitions)


register_rule(Rule("coco", lambda game, spec: coco(game), "the CoCo value", selects=False, equilibrium=None,
                   plot_name="coco", title="CoCo value"))
register_rule(Rule("fallback", _fallback, "the correlated-equilibrium fallback value", coalitions=True,
                   plot_name="fallback-{select}", title="Fallback value"))
register_rule(Rule("nash-fallback", lambda game, spec: fallback(game, spec.select, equilibrium="nash"),
                   "the fallback over the hull of the Nash equilibrium payoffs", two_players=True,
                   equilibrium="nash", plot_name="nash-fallback", title="Nash-equilibrium fallback value"))
register_rule(Rule("nbs", lambda game, spec: nash_bargaining(game, select=spec.select),
                   "Nash bargaining over the outcome hull from a CE point", two_players=True,
                   every_selection=False, plot_name="nbs", title="Nash bargaining solution"))
register_rule(Rule("ks", lambda game, spec: kalai_smorodinsky(game, select=spec.select),
                   "Kalai-Smorodinsky bargaining over the outcome hull from a CE point", two_players=True,
                   every_selection=False, plot_name="ks", title="Kalai-Smorodinsky solution"))
