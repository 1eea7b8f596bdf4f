"""The vertices of a bounded polyhedron kept exactly while halfspaces are added.

:class:`OuterPolytope` is the incremental double description behind the sandwich refinement
of :mod:`~exactbargain.geometry.sandwich`: the intersection of the supporting halfspaces an
LP oracle has proved, with its vertices.

>>> import flint
>>> box = OuterPolytope(2, [((1, 0), flint.fmpq(1)), ((-1, 0), flint.fmpq(0)),
...                         ((0, 1), flint.fmpq(1)), ((0, -1), flint.fmpq(0))])
>>> sorted(tuple(map(str, t)) for t in box.t.values())
[('0', '0'), ('0', '1'), ('1', '0'), ('1', '1')]
>>> removed, new = box.cut((1, 1), flint.fmpq(1))
>>> sorted(tuple(map(str, t)) for t in box.t.values())
[('0', '0'), ('0', '1'), ('1', '0')]
"""

from __future__ import annotations

import itertools
from typing import Any, Sequence

import flint

from .affine import fmpq_dot, integer_point

__all__ = ["OuterPolytope"]


class OuterPolytope:
    """The vertices of a bounded polyhedron ``{t in Q^k : g_j . t <= h_j}``, kept exactly as
    halfspaces are added (incremental double description).

    Each vertex stores the set of halfspaces tight at it. A new halfspace removes the vertices
    beyond it and puts one new vertex on every edge from a removed vertex to a kept vertex
    strictly inside; two vertices span an edge iff the halfspaces tight at both have rank
    ``k - 1`` and no third vertex is tight at all of them (the combinatorial adjacency test,
    exact also when more than ``k`` halfspaces meet at a vertex).

    Parameters
    ----------
    k : int
        The dimension of the space.
    halfspaces : sequence of (tuple of int, flint.fmpq)
        The first halfspaces ``g . t <= h`` (integer normals); they must cut out a bounded
        polyhedron. Its first vertices are found by brute force (every ``k`` of them).

    Attributes
    ----------
    t : dict
        Vertex id -> the vertex (a tuple of ``flint.fmpq``).
    ints : dict
        Vertex id -> the vertex as :func:`~exactbargain.geometry.affine.integer_point`.
    """

    __slots__ = ("k", "normals", "offsets", "verts_of", "t", "ints", "tight", "_next")

    def __init__(self, k: int, halfspaces: Sequence[tuple[tuple[int, ...], Any]]) -> None:
        self.k = k
        self.normals: list[tuple[int, ...]] = []
        self.offsets: list[tuple[int, int]] = []  # h_j = p / q, q > 0
        self.verts_of: list[set[int]] = []
        self.t: dict[int, tuple[Any, ...]] = {}
        self.ints: dict[int, tuple[tuple[int, ...], int]] = {}
        self.tight: dict[int, set[int]] = {}
        self._next = 0
        for g, h in halfspaces:
            self._halfspace(g, h)
        # the first vertices by brute force: every k halfspaces of rank k meet in a point,
        # a vertex when it satisfies all halfspaces
        seen: set[tuple[Any, ...]] = set()
        for subset in itertools.combinations(range(len(self.normals)), k):
            rows = flint.fmpq_mat([list(self.normals[j]) for j in subset])
            if rows.rank() < k:
                continue
            rhs = flint.fmpq_mat(k, 1, [flint.fmpq(*self.offsets[j]) for j in subset])
            t = tuple(rows.solve(rhs).entries())
            if t in seen:
                continue
            seen.add(t)
            ints = integer_point(t)
            sides = [self._side(j, ints) for j in range(len(self.normals))]
            if all(s <= 0 for s in sides):
                self._vertex(t, {j for j, s in enumerate(sides) if s == 0})

    def _halfspace(self, g: tuple[int, ...], h: Any) -> int:
        self.normals.append(tuple(g))
        self.offsets.append((int(h.p), int(h.q)))
        self.verts_of.append(set())
        return len(self.normals) - 1

    def _side(self, j: int, point: tuple[tuple[int, ...], int]) -> int:
        """An integer with the sign of ``g_j . t - h_j``."""
        nums, den = point
        p, q = self.offsets[j]
        return sum(a * b for a, b in zip(self.normals[j], nums) if a) * q - p * den

    def _vertex(self, t: tuple[Any, ...], tight: set[int]) -> int:
        vid = self._next
        self._next += 1
        self.t[vid] = t
        self.ints[vid] = integer_point(t)
        self.tight[vid] = tight
        for j in tight:
            self.verts_of[j].add(vid)
        return vid

    def neighbours(self, u: int) -> list[int]:
        """The vertices joined to ``u`` by an edge.

        Parameters
        ----------
        u : int
            A vertex id.

        Returns
        -------
        list of int
            The ids of its neighbours.

        Raises
        ------
        KeyError
            If ``u`` is no vertex.
        """
        k = self.k
        if k == 1:
            return [w for w in self.t if w != u]
        counts: dict[int, int] = {}
        for j in self.tight[u]:
            for w in self.verts_of[j]:
                if w != u:
                    counts[w] = counts.get(w, 0) + 1
        out = []
        for w, c in counts.items():
            if c < k - 1:
                continue
            common = self.tight[u] & self.tight[w]
            if flint.fmpz_mat([list(self.normals[j]) for j in common]).rank() != k - 1:
                continue
            tight_at_all = set.intersection(*[self.verts_of[j] for j in common])
            if len(tight_at_all) == 2:
                out.append(w)
        return out

    def cut(self, g: tuple[int, ...], h: Any) -> tuple[list[int], list[tuple[int, int, int]]]:
        """Intersect with ``g . t <= h``.

        Parameters
        ----------
        g : tuple of int
            The normal.
        h : flint.fmpq
            The bound.

        Returns
        -------
        removed : list of int
            The ids of the vertices beyond the halfspace (now gone).
        new : list of (int, int, int)
            Each new vertex as ``(new, removed, kept)``: its id and the edge it lies on.
        """
        j = self._halfspace(g, h)
        p, q = self.offsets[j]
        plus: list[int] = []
        value: dict[int, int] = {}
        for v, (nums, den) in self.ints.items():
            s = self._side(j, (nums, den))
            if s > 0:
                plus.append(v)
                value[v] = s
            else:
                value[v] = s
                if s == 0:
                    self.tight[v].add(j)
                    self.verts_of[j].add(v)
        if not plus:
            return [], []
        edges = [(u, w) for u in plus for w in self.neighbours(u) if value[w] < 0]
        hq = flint.fmpq(p, q)
        new = []
        for u, w in edges:
            tu, tw = self.t[u], self.t[w]
            su = fmpq_dot(g, tu) - hq
            sw = fmpq_dot(g, tw) - hq
            lam = su / (su - sw)
            t = tuple(a + lam * (b - a) for a, b in zip(tu, tw))
            new.append((self._vertex(t, (self.tight[u] & self.tight[w]) | {j}), u, w))
        for u in plus:
            for i in self.tight.pop(u):
                self.verts_of[i].discard(u)
            del self.t[u], self.ints[u]
        return plus, new
