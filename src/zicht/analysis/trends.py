# SPDX-License-Identifier: EUPL-1.2
"""Change on the previous period, with an honest indication of whether it is more than noise.

Counts of possible victims are treated as Poisson counts. Given the sum ``n = vorig + huidig``, the current
count is binomial with ``p = R / (1 + R)`` for the rate ratio ``R`` (equal period lengths and population), so
the exact (Clopper–Pearson) interval for ``p`` gives an exact interval for ``R`` and the binomial test a
p-value. This is the conditional test of Przyborowski & Wilenski; it is conservative, and because registered
counts also vary with reporting effort (overdispersion), a "toename" here means "more than chance alone
would give", not proof that trafficking grew.

For published (rounded) figures the verdict must hold for every pair of true counts that round to what is
shown: a rise is only called a rise when even the lowest current and the highest previous count show one.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from enum import StrEnum

from scipy.stats import binomtest

from zicht.taal import N_, vertaler

#: Confidence level of intervals and significance of verdicts.
BETROUWBAARHEID = 0.95


class Oordeel(StrEnum):
    """The reading of a change."""

    toename = "toename"
    afname = "afname"
    geen_duidelijke_verandering = "geen_duidelijke_verandering"
    onbepaald = "onbepaald"

    def label(self, taal: str = "nl") -> str:
        """Plain words."""
        return vertaler(taal)(_OORDELEN[self.value])


_OORDELEN = {
    "toename": N_("duidelijke toename"),
    "afname": N_("duidelijke afname"),
    "geen_duidelijke_verandering": N_("geen duidelijke verandering"),
    "onbepaald": N_("niet te beoordelen"),
}


@dataclass(frozen=True)
class Verandering:
    """A change from ``vorig`` to ``huidig`` with the rate ratio, its interval and a verdict.

    Attributes:
        vorig: The previous count (None when withheld).
        huidig: The current count (None when withheld).
        verhouding: ``huidig / vorig`` (``inf`` when the previous count is 0), None when not computable.
        ondergrens: Lower end of the interval of the ratio.
        bovengrens: Upper end (``inf`` when unbounded).
        p_waarde: Two-sided exact p-value for "no change" (the largest over the rounding intervals).
        oordeel: The verdict.
    """

    vorig: int | None
    huidig: int | None
    verhouding: float | None
    ondergrens: float | None
    bovengrens: float | None
    p_waarde: float | None
    oordeel: Oordeel

    @property
    def procent(self) -> float | None:
        """The change in percent (None when the previous count is 0 or unknown)."""
        if self.verhouding is None or math.isinf(self.verhouding):
            return None
        return (self.verhouding - 1.0) * 100.0

    def tekst(self, taal: str = "nl") -> str:
        """One plain sentence, e.g. ``Van 40 naar 65 (+63%): duidelijke toename (meer dan toeval).``"""
        _ = vertaler(taal)
        if self.vorig is None or self.huidig is None:
            return _("Niet te beoordelen: een cijfer is afgeschermd.")
        pct = self.procent
        lezing = {
            Oordeel.toename: _("duidelijke toename (meer dan toeval)"),
            Oordeel.afname: _("duidelijke afname (meer dan toeval)"),
            Oordeel.geen_duidelijke_verandering: _("geen duidelijke verandering (binnen toevalsvariatie)"),
            Oordeel.onbepaald: _("niet te beoordelen (geen meldingen in beide perioden)"),
        }[self.oordeel]
        if pct is None:
            return _("Van {vorig} naar {huidig}: {lezing}.", vorig=self.vorig, huidig=self.huidig, lezing=lezing)
        return _(
            "Van {vorig} naar {huidig} ({procent}): {lezing}.",
            vorig=self.vorig,
            huidig=self.huidig,
            procent=f"{pct:+.0f}%",
            lezing=lezing,
        )


@functools.lru_cache(maxsize=8192)
def _ratio_interval(huidig: int, vorig: int, niveau: float) -> tuple[float, float, float]:
    """(lower, upper, p-value) for the rate ratio from the conditional binomial (a pure function of three
    numbers, remembered: every dashboard asks the same few hundred)."""
    n = huidig + vorig
    test = binomtest(huidig, n, 0.5)
    ci = test.proportion_ci(confidence_level=niveau, method="exact")

    def ratio(p: float) -> float:
        return math.inf if p >= 1.0 else p / (1.0 - p)

    return ratio(ci.low), ratio(ci.high), float(test.pvalue)


def verandering(vorig: int, huidig: int, *, niveau: float = BETROUWBAARHEID) -> Verandering:
    """The change between two exact counts of equally long periods.

    Args:
        vorig: Count in the previous period.
        huidig: Count in the current period.
        niveau: Confidence level (default 0.95).

    Returns:
        The change; ``onbepaald`` when both counts are 0.

    Example:
        >>> verandering(40, 65).oordeel.value, verandering(40, 46).oordeel.value
        ('toename', 'geen_duidelijke_verandering')
    """
    return verandering_tussen((vorig, vorig), (huidig, huidig), niveau=niveau, weergave=(vorig, huidig))


def verandering_tussen(
    vorig: tuple[int, int],
    huidig: tuple[int, int],
    *,
    niveau: float = BETROUWBAARHEID,
    weergave: tuple[int, int] | None = None,
) -> Verandering:
    """The change when each count is only known to lie in an interval (e.g. a rounded published figure).

    The verdict is a rise only if the lowest current and the highest previous count still show a
    significant rise (and vice versa); the interval of the ratio covers every pair.

    Args:
        vorig: ``(low, high)`` of the previous count.
        huidig: ``(low, high)`` of the current count.
        niveau: Confidence level.
        weergave: The counts to report as ``vorig``/``huidig`` (default: the midpoints).

    Returns:
        The change.
    """
    v_lo, v_hi = vorig
    h_lo, h_hi = huidig
    shown_v, shown_h = weergave if weergave is not None else ((v_lo + v_hi) // 2, (h_lo + h_hi) // 2)
    if v_hi + h_hi == 0:
        return Verandering(shown_v, shown_h, None, None, None, None, Oordeel.onbepaald)
    alpha = 1.0 - niveau
    ratio = math.inf if shown_v == 0 else shown_h / shown_v
    # Worst case for a rise: current as low, previous as high as possible.
    rise_lo, _, p_rise = _ratio_interval(h_lo, v_hi, niveau) if h_lo + v_hi > 0 else (0.0, math.inf, 1.0)
    # Worst case for a fall: current as high, previous as low as possible.
    _, fall_hi, p_fall = _ratio_interval(h_hi, v_lo, niveau) if h_hi + v_lo > 0 else (0.0, math.inf, 1.0)
    if p_rise < alpha and rise_lo > 1.0:
        oordeel, p = Oordeel.toename, p_rise
    elif p_fall < alpha and fall_hi < 1.0:
        oordeel, p = Oordeel.afname, p_fall
    else:
        oordeel, p = Oordeel.geen_duidelijke_verandering, max(p_rise, p_fall)
    return Verandering(shown_v, shown_h, ratio, rise_lo, fall_hi, p, oordeel)
