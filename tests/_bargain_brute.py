"""Independent brute-force implementations for the bargaining tests (no LP engine).

* ``matrix_value`` — the value of a zero-sum matrix game by Shapley–Snow kernels: try every
  square submatrix, solve the equalising systems with fractions, and keep a pair of
  strategies that proves the value against the whole matrix.
* ``shapley_by_orders`` — the Shapley value by averaging marginal contributions over all n!
  orders of arrival.
* ``team_matrix`` — the payoff matrix of the team game of a coalition, summed by hand.
* ``polygon_rules`` — the selection rules on a two-player payoff polygon given by vertices.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction


def _solve(A, b):
    """Solve the square system A x = b exactly; None if singular."""
    n = len(A)
    M = [list(map(Fraction, row)) + [Fraction(bb)] for row, bb in zip(A, b)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        inv = 1 / M[c][c]
        M[c] = [v * inv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def matrix_value(M):
    rows, cols = len(M), len(M[0])
    M = [[Fraction(v) for v in r] for r in M]
    for k in range(1, min(rows, cols) + 1):
        for R in itertools.combinations(range(rows), k):
            for C in itertools.combinations(range(cols), k):
                # x on R: sum_r x_r M[r][c] - v = 0 for c in C, sum x = 1
                A = [[M[r][c] for r in R] + [Fraction(-1)] for c in C] + [[Fraction(1)] * k + [Fraction(0)]]
                sx = _solve(A, [0] * k + [1])
                B = [[M[r][c] for c in C] + [Fraction(-1)] for r in R] + [[Fraction(1)] * k + [Fraction(0)]]
                sy = _solve(B, [0] * k + [1])
                if sx is None or sy is None:
                    continue
                x, v = sx[:k], sx[k]
                y = sy[:k]
                if any(p < 0 for p in x) or any(q < 0 for q in y) or sy[k] != v:
                    continue
                full_x = [Fraction(0)] * rows
                for r, p in zip(R, x):
                    full_x[r] = p
                full_y = [Fraction(0)] * cols
                for c, q in zip(C, y):
                    full_y[c] = q
                guaranteed = min(sum(full_x[r] * M[r][c] for r in range(rows)) for c in range(cols))
                conceded = max(sum(M[r][c] * full_y[c] for c in range(cols)) for r in range(rows))
                if guaranteed == v == conceded:
                    return v
    raise AssertionError("no kernel found")


def shapley_by_orders(v, n):
    """v: dict frozenset -> Fraction (all coalitions)."""
    phi = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        S = frozenset()
        for i in order:
            phi[i] += v[S | {i}] - v[S]
            S = S | {i}
    f = math.factorial(n)
    return tuple(p / f for p in phi)


def team_matrix(game, members):
    """Rows: joint actions of ``members``; columns: joint actions of the rest (both in
    itertools.product order); entries (u_S, u_rest)."""
    n = game.num_players
    rest = [j for j in range(n) if j not in members]
    rows = list(itertools.product(*(range(game.shape[i]) for i in members)))
    cols = list(itertools.product(*(range(game.shape[j]) for j in rest)))
    A, B = [], []
    for r in rows:
        ra, rb = [], []
        for c in cols:
            prof = [0] * n
            for i, a in zip(members, r):
                prof[i] = a
            for j, a in zip(rest, c):
                prof[j] = a
            u = game.payoff(tuple(prof))
            ra.append(sum(u[i] for i in members))
            rb.append(sum(u[j] for j in rest))
        A.append(ra)
        B.append(rb)
    return A, B


def hull(points):
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _segment_leximin(a, b, base):
    """Leximin of x - base over the segment [a, b] (2-D), by the max-min point and then the
    larger second coordinate."""
    cands = [a, b]
    # point where x1 - b1 == x2 - b2
    d = (b[0] - a[0], b[1] - a[1])
    den = d[0] - d[1]
    if den != 0:
        lam = ((a[1] - base[1]) - (a[0] - base[0])) / den
        if 0 <= lam <= 1:
            cands.append((a[0] + lam * d[0], a[1] + lam * d[1]))
    return max(cands, key=lambda x: sorted((x[0] - base[0], x[1] - base[1])))


def polygon_leximin(vertices, base):
    """Leximin of x - base over conv(vertices) in 2-D: over every edge (and vertex)."""
    V = hull(vertices)
    if len(V) == 1:
        return V[0]
    best = None
    for k in range(len(V)):
        x = _segment_leximin(V[k], V[(k + 1) % len(V)], base)
        if best is None or sorted((x[0] - base[0], x[1] - base[1])) > sorted((best[0] - base[0], best[1] - base[1])):
            best = x
    return best


def polygon_rules(vertices):
    """welfare, egalitarian, dictator-1, dictator-2, random-dictator on conv(vertices)."""
    V = [tuple(map(Fraction, v)) for v in vertices]
    floor = (min(v[0] for v in V), min(v[1] for v in V))
    top = max(v[0] + v[1] for v in V)
    face = [v for v in V if v[0] + v[1] == top]
    fl = (min(v[0] for v in face), min(v[1] for v in face))
    out = {"welfare": polygon_leximin(face, fl), "egalitarian": polygon_leximin(V, floor)}
    for i in (0, 1):
        m = max(v[i] for v in V)
        f1 = [v for v in V if v[i] == m]
        best = max(v[0] + v[1] for v in f1)
        out[f"dictator-{i + 1}"] = next(v for v in f1 if v[0] + v[1] == best)
    a, b = out["dictator-1"], out["dictator-2"]
    out["random-dictator"] = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return out
