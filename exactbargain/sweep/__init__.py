"""Exhaustive and sampled studies of bargaining rules and axioms over finite classes of games.

A *study* (:class:`Study`) is a class of games (:class:`GameClass`: players, shape, integer
payoffs in a range) and what to compute on each game: rule values, or axiom checks over the
finite family of modifications within the payoff range. Counting is over the raw class --
every number is what a brute-force loop over every game and modification would count -- while
the exact work is done once per canonical game (one per orbit under permutations of each
player's actions, and of players where the rules and the shape allow). The study is cut into
small index ranges (:class:`Unit`), each recomputable alone, which run in this process, on a
process pool, or on a Dask cluster (:mod:`exactbargain.sweep.execute`).

>>> s = run_study(Study(GameClass(2, (1, 1), 0, 1), ("coco",), ("monotonicity",)))
>>> s["games"], s["instances"], s["violations"]
(4, 32, {'coco': 0})
"""

from .classes import GameClass, count_orbits, parse_payoffs, parse_shape, symmetries
from .study import ALL_RULES, AXIOMS, Study, Unit, UnitResult, combine, parse_rules, run_study, run_unit

__all__ = ["ALL_RULES", "AXIOMS", "GameClass", "Study", "Unit", "UnitResult", "combine", "count_orbits",
           "parse_payoffs", "parse_rules", "parse_shape", "run_study", "run_unit", "symmetries"]
