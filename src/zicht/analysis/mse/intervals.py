# SPDX-License-Identifier: EUPL-1.2
"""Confidence intervals: the analytic log-normal interval and the bootstrap BCa interval.

* Analytic (SparseMSE ``estimatepopulation.0``): quantile q of N is N_obs + exp(intercept + z_q * se), with se
  the unscaled standard error of the intercept. It is conditional on the chosen model.
* BCa (``estimatepopulation`` / ``bcaconfvalues``): bias correction z0 = Phi^-1(fraction of replicates strictly
  below the estimate), acceleration a from a jackknife grouped by capture pattern and weighted by its count;
  level alpha is mapped to Phi(z0 + (z0 + z_alpha) / (1 - a (z0 + z_alpha))) and read from the replicates with
  Hyndman-Fan type 8 quantiles (R ``quantile(type = 8)``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr, ndtri

from zicht.analysis.mse.result import Interval

__all__ = [
    "acceleration",
    "analytic_intervals",
    "bca_intervals",
    "bca_levels",
    "bca_levels_from_fraction",
    "level_alphas",
    "quantile_type8",
]

FloatArray = npt.NDArray[np.float64]

_FUZZ = 4 * np.finfo(float).eps


def level_alphas(levels: Sequence[float]) -> list[tuple[float, float, float]]:
    """Lower and upper tail probabilities for two-sided levels.

    Args:
        levels: Coverages in (0, 1).

    Returns:
        ``(level, (1 - level) / 2, (1 + level) / 2)`` per level.
    """
    out = []
    for level in levels:
        if not 0 < level < 1:
            raise ValueError(f"confidence level must lie strictly between 0 and 1, got {level}")
        out.append((float(level), (1 - level) / 2, (1 + level) / 2))
    return out


def analytic_intervals(observed: float, intercept: float, se: float, levels: Sequence[float]) -> list[Interval]:
    """Model-conditional log-normal intervals for the total population.

    Args:
        observed: N_obs.
        intercept: Fitted intercept (log dark number).
        se: Its standard error.
        levels: Coverages.

    Returns:
        One analytic interval per level.
    """
    return [
        Interval(
            "analytic",
            level,
            observed + math.exp(intercept + float(ndtri(lo)) * se),
            observed + math.exp(intercept + float(ndtri(hi)) * se),
        )
        for level, lo, hi in level_alphas(levels)
    ]


def quantile_type8(values: FloatArray, probs: FloatArray) -> FloatArray:
    """Sample quantiles of Hyndman & Fan type 8, computed as R's ``quantile(type = 8)``.

    Args:
        values: The sample.
        probs: Probabilities in [0, 1].

    Returns:
        The quantiles.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    probs = np.asarray(probs, dtype=float)
    nppm = 1.0 / 3.0 + probs * (n + 1.0 / 3.0)
    j = np.floor(nppm + _FUZZ).astype(int)
    h = nppm - j
    h = np.where(np.abs(h) < _FUZZ, 0.0, h)
    padded = np.concatenate([[x[0], x[0]], x, [x[-1], x[-1]]])
    # R indexes x[j + 2] (1-based) in the padded vector, i.e. padded[j + 1] here.
    lower = padded[np.clip(j + 1, 0, n + 3)]
    upper = padded[np.clip(j + 2, 0, n + 3)]
    out = lower.copy()
    out = np.where(h == 1, upper, out)
    other = (h > 0) & (h < 1) & (lower != upper)
    return np.where(other, (1 - h) * lower + h * upper, out)


def acceleration(counts: FloatArray, jackknife: FloatArray) -> float:
    """Jackknife acceleration a-hat, grouped by capture pattern and weighted by its count.

    Args:
        counts: Count n_j of every pattern.
        jackknife: Estimate with that pattern's count reduced by one (ignored where n_j = 0).

    Returns:
        sum n_j d_j^3 / (6 (sum n_j d_j^2)^(3/2)) with d_j = mean - theta_(j); 0 if all d_j are 0.
    """
    counts = np.asarray(counts, dtype=float)
    jack = np.where(counts > 0, np.asarray(jackknife, dtype=float), 0.0)
    d = float(counts @ jack) / float(counts.sum()) - jack
    denominator = 6.0 * float(counts @ d**2) ** 1.5
    return float(counts @ d**3) / denominator if denominator > 0 else 0.0


def bca_levels(replicates: FloatArray, estimate: float, ahat: float, alphas: FloatArray) -> tuple[FloatArray, float]:
    """BCa-adjusted probability levels.

    Args:
        replicates: Bootstrap replicate estimates.
        estimate: The point estimate.
        ahat: The acceleration.
        alphas: Nominal probabilities.

    Returns:
        The adjusted probabilities and the fraction of replicates strictly below the estimate. If that
        fraction is 0 (1) the bias correction is infinite and every adjusted level is 0 (1).
    """
    fraction = float(np.mean(np.asarray(replicates) < estimate))
    return bca_levels_from_fraction(fraction, ahat, alphas), fraction


def bca_levels_from_fraction(fraction: float, ahat: float, alphas: FloatArray) -> FloatArray:
    """BCa-adjusted probability levels for a given fraction of replicates below the estimate.

    Args:
        fraction: Fraction of replicates strictly below the estimate (z0 = Phi^-1(fraction)).
        ahat: The acceleration.
        alphas: Nominal probabilities.

    Returns:
        Phi(z0 + (z0 + z) / (1 - a (z0 + z))) with z = Phi^-1(alpha); all 0 (1) if the fraction is 0 (1).
    """
    alphas = np.asarray(alphas, dtype=float)
    if fraction in (0.0, 1.0):
        return np.full(alphas.shape, fraction)
    z0 = float(ndtri(fraction))
    za0 = ndtri(alphas) + z0
    result: FloatArray = ndtr(z0 + za0 / (1.0 - ahat * za0))
    return result


def bca_intervals(replicates: FloatArray, estimate: float, ahat: float, levels: Sequence[float]) -> list[Interval]:
    """BCa intervals for the total population.

    Args:
        replicates: Bootstrap replicate estimates.
        estimate: The point estimate.
        ahat: The jackknife acceleration.
        levels: Coverages.

    Returns:
        One BCa interval per level.
    """
    spec = level_alphas(levels)
    alphas = np.array([a for _, lo, hi in spec for a in (lo, hi)])
    adjusted, _ = bca_levels(replicates, estimate, ahat, alphas)
    limits = quantile_type8(np.asarray(replicates, dtype=float), adjusted)
    return [
        Interval("bca", level, float(limits[2 * k]), float(limits[2 * k + 1])) for k, (level, _, _) in enumerate(spec)
    ]
