# SPDX-License-Identifier: EUPL-1.2
"""Seeded, parallel bootstrap and grouped jackknife for the BCa interval (SparseMSE ``estimatepopulation``).

Each replicate draws N_obs individuals multinomially over the observed capture patterns, with probabilities
proportional to their counts, and reruns the *whole* procedure on it (including stepwise model choice). All
replicate tables are drawn up front in the calling process from one ``numpy`` generator seeded with ``seed``;
workers only evaluate them, so the replicates are identical for a seed whatever the number of workers. (R's
``set.seed`` + ``rmultinom`` stream cannot be replayed in NumPy: replicates agree with R only in
distribution.)

Replicates and jackknife tables are evaluated many at a time by :func:`~zicht.analysis.mse.batch.estimate_many`
(the fits of all tables that need the same model in a stepwise cycle are done together); a replicate table
equal to the observed one is evaluated by the one-table path instead, so that it reproduces the point
estimate bit for bit and is never counted as "below" it by rounding.

Workers are separate processes started with ``forkserver`` (or ``spawn``), never ``fork``: the HiGHS solver
behind the existence check keeps threads that do not survive a fork.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.analysis.mse.batch import estimate_many
from zicht.analysis.mse.design import get_design
from zicht.analysis.mse.procedure import select_and_fit

__all__ = ["BootstrapJob", "BootstrapOutcome", "available_cores", "draw_replicates", "run_bootstrap"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: With ``workers=None`` the bootstrap stays in-process unless the rest is expected to take longer than this
#: (starting worker processes costs one to two seconds).
PARALLEL_MIN_SECONDS = 5.0
_WARMUP = 24


def available_cores() -> int:
    """Number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BootstrapJob:
    """What every replicate reruns (picklable, sent to worker processes).

    Attributes:
        t: Number of lists.
        cells: Cell index (in :class:`Design` order) of every observed pattern.
        method: Estimation method.
        threshold: Stepwise threshold.
        pairs: Pair indices for ``fixed``.
    """

    t: int
    cells: tuple[int, ...]
    method: str
    threshold: float
    pairs: tuple[int, ...]

    def estimate(self, pattern_counts: npt.NDArray[np.integer] | FloatArray) -> tuple[float, bool]:
        """Point estimate of the unchecked procedure on one table of pattern counts.

        Args:
            pattern_counts: Count of every observed pattern (same order as :attr:`cells`).

        Returns:
            The estimate and whether the final IRLS fit converged.
        """
        design = get_design(self.t)
        y = np.zeros(design.n_cells)
        np.add.at(y, np.asarray(self.cells), np.asarray(pattern_counts, dtype=float))
        fit = select_and_fit(design, y, self.method, self.threshold, self.pairs, checked=False).fit
        return float(y.sum()) + fit.dark, fit.converged or fit.dark_zero

    def estimate_many(self, tables: npt.NDArray[np.integer] | FloatArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """:meth:`estimate` on every row of a tables x patterns matrix of counts, vectorised.

        Args:
            tables: Pattern counts, one table per row (same column order as :attr:`cells`).

        Returns:
            The estimates and whether each final fit converged (or has dark number 0).
        """
        design = get_design(self.t)
        counts = np.asarray(tables, dtype=float)
        y = np.zeros((len(counts), design.n_cells))
        for column, cell in enumerate(self.cells):
            y[:, cell] += counts[:, column]
        return estimate_many(design, y, self.method, self.threshold, self.pairs)


def _run_chunk(job: BootstrapJob, tables: IntArray) -> tuple[list[float], list[bool]]:
    if not len(tables):
        return [], []
    values, ok = job.estimate_many(tables)
    return values.tolist(), ok.tolist()


@dataclass(frozen=True)
class BootstrapOutcome:
    """Replicates and jackknife of one bootstrap run.

    Attributes:
        replicates: Replicate estimates in replicate order.
        jackknife: Estimate with each pattern's count reduced by one.
        workers: Processes used for the replicates.
        nonconverged: Replicates whose final fit did not converge.
    """

    replicates: FloatArray
    jackknife: FloatArray
    workers: int
    nonconverged: int


def draw_replicates(counts: npt.ArrayLike, nboot: int, seed: int) -> IntArray:
    """Multinomial resamples of the pattern counts.

    Args:
        counts: Observed count of every pattern.
        nboot: Number of replicates.
        seed: Seed of ``numpy.random.default_rng``.

    Returns:
        An ``nboot`` x patterns matrix of resampled counts.
    """
    n = np.asarray(counts, dtype=np.int64)
    total = int(n.sum())
    rng = np.random.default_rng(seed)
    return rng.multinomial(total, n / total, size=nboot).astype(np.int64)


def jackknife(job: BootstrapJob, counts: npt.ArrayLike) -> FloatArray:
    """Estimates with one individual removed from each pattern in turn (NaN where a count is 0).

    Args:
        job: The procedure.
        counts: Observed pattern counts.

    Returns:
        One estimate per pattern.
    """
    base = np.asarray(counts, dtype=np.int64)
    out = np.full(len(base), np.nan)
    positive = np.flatnonzero(base > 0)
    if positive.size:
        reduced = np.repeat(base[None, :], positive.size, axis=0)
        reduced[np.arange(positive.size), positive] -= 1
        out[positive] = job.estimate_many(reduced)[0]
    return out


def _pool_context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Import numpy/scipy once in the fork server instead of once per worker.
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - platforms without forkserver


def _parallel(job: BootstrapJob, tables: IntArray, workers: int) -> tuple[list[float], list[bool]]:
    n_chunks = min(len(tables), 4 * workers)
    chunks = [c for c in np.array_split(tables, n_chunks) if len(c)]
    values: list[float] = []
    ok: list[bool] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        for chunk_values, chunk_ok in pool.map(_run_chunk, [job] * len(chunks), chunks):
            values.extend(chunk_values)
            ok.extend(chunk_ok)
    return values, ok


def _auto_workers(seconds: float, n_tables: int, cores: int) -> int:
    """Processes worth starting: only for long runs, and no more than the cores that are idle."""
    if cores < 2 or seconds < PARALLEL_MIN_SECONDS:
        return 1
    try:
        busy = max(os.getloadavg()[0] - 1.0, 0.0)  # this process itself accounts for about 1
    except OSError:  # pragma: no cover - load average unavailable
        busy = 0.0
    return max(1, min(cores, round(cores - busy), math.ceil(n_tables / _WARMUP)))


def run_bootstrap(
    job: BootstrapJob, counts: npt.ArrayLike, nboot: int, seed: int, workers: int | None
) -> BootstrapOutcome:
    """Run the jackknife and ``nboot`` bootstrap replicates.

    Args:
        job: The procedure to rerun.
        counts: Observed pattern counts (same order as ``job.cells``).
        nboot: Number of replicates (>= 1).
        seed: Seed of the multinomial draws.
        workers: Number of processes; None chooses automatically (in-process unless the replicates are
            expected to take more than ``PARALLEL_MIN_SECONDS``, then one process per idle core); 1 never
            starts a process.

    Returns:
        The replicates, jackknife estimates and the number of processes used.
    """
    tables = draw_replicates(counts, nboot, seed)
    jack = jackknife(job, counts)
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    cores = available_cores()
    if workers is None:
        start = time.perf_counter()
        warm = min(nboot, _WARMUP)
        values, ok = _run_chunk(job, tables[:warm])
        per_replicate = (time.perf_counter() - start) / max(warm, 1)
        remaining = tables[warm:]
        use = _auto_workers(per_replicate * len(remaining), len(remaining), cores)
    else:
        values, ok, remaining, use = [], [], tables, min(workers, max(len(tables), 1))
    if len(remaining):
        more, more_ok = _parallel(job, remaining, use) if use > 1 else _run_chunk(job, remaining)
        values.extend(more)
        ok.extend(more_ok)
    replicates = np.asarray(values, dtype=float)
    converged = np.asarray(ok, dtype=bool)
    same = np.flatnonzero((tables == np.asarray(counts, dtype=np.int64)).all(axis=1))
    if same.size:
        # Tables equal to the observed one: the one-table path gives the point estimate bit for bit.
        value, same_ok = job.estimate(tables[same[0]])
        replicates[same] = value
        converged[same] = same_ok
    return BootstrapOutcome(replicates, jack, use, int(np.count_nonzero(~converged)))
