# SPDX-License-Identifier: EUPL-1.2
"""Cells, pairs and design matrices of the log-linear models, cached per model.

For t lists the observable cells are the 2^t - 1 non-empty capture patterns, in SparseMSE's ``tidylists``
order (fewer lists first, then descending binary value with the first list as most significant bit). The
design matrix of a model has an intercept, one 0/1 column per list and one product column per *finite* pair.
Cells that contain both lists of a non-overlapping ("-inf") pair are deleted, which is how SparseMSE fits an
extended MLE exactly. Lists with no cases at all (possible in bootstrap replicates) are handled the same way:
their cells are deleted and their main effect dropped, which is the exact limit that R's ``glm`` approaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

import numpy as np
import numpy.typing as npt
from scipy.linalg.lapack import dpstrf

__all__ = ["Design", "ModelMatrix", "get_design", "independent_columns"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: Relative tolerance of the rank decision (R's ``qr`` default).
RANK_TOL = 1e-7


def independent_columns(x: FloatArray, tol: float = RANK_TOL) -> IntArray:
    """Indices of the columns kept by a left-to-right rank-revealing QR (as R's ``dqrdc2`` pivoting).

    A column is kept if its residual after projection on the kept columns before it is larger than ``tol``
    times its own norm.

    Args:
        x: The matrix.
        tol: Relative tolerance.

    Returns:
        The indices of the linearly independent columns, in order.
    """
    rows, cols = x.shape
    if 0 < cols <= rows:
        # Fast path for the common full-rank case: pivoted Cholesky of X'X. A truly rank-deficient X has an
        # eigenvalue of X'X at rounding level, far below this threshold, so "full rank" here is reliable;
        # anything else is decided by the column-by-column test below.
        gram = x.T @ x
        _, _, rank, _ = dpstrf(gram, tol=1e-10 * float(gram.diagonal().max()))
        if rank == cols:
            return np.arange(cols, dtype=np.intp)
    keep: list[int] = []
    basis = np.zeros((rows, 0))
    for j in range(x.shape[1]):
        column = x[:, j]
        norm = float(np.linalg.norm(column))
        if norm == 0.0:
            continue
        residual = column - basis @ (basis.T @ column)
        residual = residual - basis @ (basis.T @ residual)  # re-orthogonalise once
        rnorm = float(np.linalg.norm(residual))
        if rnorm > tol * norm:
            keep.append(j)
            basis = np.column_stack([basis, residual / rnorm])
    return np.asarray(keep, dtype=np.intp)


@dataclass(slots=True)
class ModelMatrix:
    """The design of one model on one set of kept cells.

    Attributes:
        kept: Indices of the cells that remain after deletions.
        x: Design matrix on the kept cells (intercept, main effects, finite pairs).
        lists: Indices of the lists whose main effect is a column.
        pairs: Indices (into :attr:`Design.pairs`) of the pair columns.
        independent: Indices of linearly independent columns of ``x``.
    """

    kept: IntArray
    x: FloatArray
    lists: tuple[int, ...]
    pairs: tuple[int, ...]
    independent: IntArray

    @property
    def full_rank(self) -> bool:
        """Whether ``x`` has full column rank."""
        return len(self.independent) == self.x.shape[1]


@dataclass
class Design:
    """Cells and pairs for t lists, with caches of model matrices and check results.

    ``existence_cache`` holds LP results per (finite pairs, infinite pairs, support of the kept cells), and
    ``existence_bounds`` per model the packed supports that an LP found to allow / not to allow an MLE;
    ``check_cache`` whole ``checkident`` codes per (sorted model pairs, support of the whole table), for the
    bootstrap (:mod:`~zicht.analysis.mse.batch`).

    Attributes:
        t: Number of lists.
        cells: (2^t - 1) x t matrix of 0/1 patterns in SparseMSE order.
        pairs: All pairs (i, j), i < j, in lexicographic order.
        pair_cells: cells x pairs 0/1 matrix: cell contains both lists of the pair.
    """

    t: int
    cells: FloatArray = field(init=False)
    pairs: tuple[tuple[int, int], ...] = field(init=False)
    pair_cells: FloatArray = field(init=False)
    _code_to_cell: dict[int, int] = field(init=False, repr=False)
    _matrices: dict[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]], ModelMatrix] = field(
        init=False, repr=False, default_factory=dict
    )
    existence_cache: dict[tuple[tuple[int, ...], tuple[int, ...], bytes], bool] = field(
        init=False, repr=False, default_factory=dict
    )
    existence_bounds: dict[
        tuple[tuple[int, ...], tuple[int, ...]], tuple[list[npt.NDArray[np.uint8]], list[npt.NDArray[np.uint8]]]
    ] = field(init=False, repr=False, default_factory=dict)
    check_cache: dict[tuple[tuple[int, ...], bytes], int] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        t = self.t
        codes = np.arange(1, 2**t)
        bits = (codes[:, None] >> (t - 1 - np.arange(t))) & 1
        order = np.lexsort((-codes, bits.sum(axis=1)))
        self.cells = bits[order].astype(np.float64)
        self._code_to_cell = {int(c): k for k, c in enumerate(codes[order])}
        self.pairs = tuple(combinations(range(t), 2))
        self.pair_cells = np.column_stack([self.cells[:, i] * self.cells[:, j] for i, j in self.pairs])

    @property
    def n_cells(self) -> int:
        """Number of observable cells, 2^t - 1."""
        return self.cells.shape[0]

    def cell_index(self, pattern: tuple[int, ...]) -> int:
        """Row of ``cells`` holding a capture pattern."""
        code = 0
        for bit in pattern:
            code = 2 * code + int(bit)
        return self._code_to_cell[code]

    def pair_index(self, i: int, j: int) -> int:
        """Index in :attr:`pairs` of the pair of lists ``i`` and ``j`` (any order)."""
        a, b = (i, j) if i < j else (j, i)
        return self.pairs.index((a, b))

    def matrix(
        self, finite: tuple[int, ...], infinite: tuple[int, ...], empty_lists: tuple[int, ...] = ()
    ) -> ModelMatrix:
        """The (cached) design matrix of a model.

        Args:
            finite: Indices of the pairs with a finite parameter (columns), in model order.
            infinite: Indices of the non-overlapping pairs in the model (their cells are deleted).
            empty_lists: Lists with no cases (their cells are deleted and main effects dropped).

        Returns:
            The model matrix.
        """
        key = (finite, infinite, empty_lists)
        cached = self._matrices.get(key)
        if cached is not None:
            return cached
        deleted = np.zeros(self.n_cells, dtype=bool)
        for p in infinite:
            deleted |= self.pair_cells[:, p] > 0
        for i in empty_lists:
            deleted |= self.cells[:, i] > 0
        kept = np.flatnonzero(~deleted)
        lists = tuple(i for i in range(self.t) if i not in empty_lists)
        x = np.column_stack(
            [
                np.ones(len(kept)),
                self.cells[np.ix_(kept, np.asarray(lists, dtype=np.intp))],
                self.pair_cells[np.ix_(kept, np.asarray(finite, dtype=np.intp))],
            ]
        )
        mm = ModelMatrix(kept, np.ascontiguousarray(x), lists, finite, independent_columns(x))
        self._matrices[key] = mm
        return mm


@cache
def get_design(t: int) -> Design:
    """The shared design for ``t`` lists, so that its model matrices and check results are reused.

    Args:
        t: Number of lists.

    Returns:
        The cached :class:`Design`.
    """
    return Design(t)
