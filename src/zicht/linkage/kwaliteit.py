# SPDX-License-Identifier: EUPL-1.2
"""Precision and recall of a linkage without labels: stratified estimation from analyst decisions.

The linkage's own probabilities are not a measure of its quality (they are what the model believes). What is
measured here is what analysts decide about pairs drawn at random from *strata* of the run's pairs:

* *linked* strata hold linked pairs (two meldingen in one person), for precision: pairs linked directly
  (score at or above the upper threshold) and pairs linked only through other meldingen;
* *apart* strata hold pairs of persons the model kept apart although some pair between them was scored
  (unit: the pair of persons, weighted by the number of melding pairs a merge would add), for recall,
  in bands of the best score between them.

Per stratum the share of units that are one person has a Jeffreys posterior ``Beta(k + ½, n − k + ½)`` from the
``n`` decided units of a simple random sample; the undecided units follow it binomially (finite population, so
a stratum decided in full is known exactly). A stratum without decisions counts the model's mean probability
``m`` as two decisions, ``k = 2m`` of ``n = 2``, under the same prior: ``Beta(2m + ½, 2(1 − m) + ½)``, wide
whatever the model believes (a model sure of its links gives about 0.45–1.00), and says so (``bron: model``).
Precision and recall are ratios of stratum totals; their distribution is drawn by Monte Carlo (seeded, so the
same decisions give the same figures): the estimate is its median and the interval the central
:data:`NIVEAU` part.

Pairs scored below the low band's floor are not covered. Pairs of one person that no blocking rule put
together (never scored) are estimated from how many rules catch the linked pairs (:class:`Onvergeleken`)
when given; without it the recall is that among compared pairs. Domains (reporter pair, variation kind) are
in :mod:`zicht.linkage.domeinen`, the review queue's order in :mod:`zicht.linkage.leerwaarde`. Nothing here
reads a database or a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Central probability of the reported intervals.
NIVEAU = 0.95
#: Monte Carlo draws per estimate.
TREKKINGEN = 4000
#: Weight, in decisions, of the model's mean probability in a stratum without decisions.
MODEL_GEWICHT = 2.0


@dataclass(frozen=True)
class Oordeel:
    """An analyst's decision on one sampled unit: one person or not, and the unit's weight."""

    zelfde: bool
    gewicht: float = 1.0


@dataclass(frozen=True)
class Stratum:
    """One stratum of the design with the decisions on its random sample.

    Attributes:
        naam: stratum name (``gekoppeld_direct``, ``apart_0.5-0.9``, ...).
        gekoppeld: units are linked pairs (count towards precision) or pairs of persons kept apart (missed
            pairs, towards recall).
        eenheden: number of units in the stratum.
        gewicht: total weight of the units (melding pairs).
        model: the model's mean probability that a unit is one person (weighted by the units' weights).
        oordelen: decisions on the first units of the stratum's random order (a simple random sample).
        terugval: mean used instead of ``model`` when there are no decisions (a domain cell borrows its
            stratum's estimate).
    """

    naam: str
    gekoppeld: bool
    eenheden: int
    gewicht: float
    model: float
    oordelen: tuple[Oordeel, ...] = ()
    terugval: float | None = None

    @property
    def beslissingen(self) -> int:
        """Number of decided units."""
        return len(self.oordelen)

    def posterior(self) -> tuple[float, float]:
        """Beta parameters of the share of units (weighted) that are one person."""
        n = len(self.oordelen)
        if n == 0:
            # the model's (or the stratum's) mean as two pseudo-decisions: never more certain than two
            # real ones, however sure the model is
            m = min(max(self.model if self.terugval is None else self.terugval, 0.0), 1.0)
            return MODEL_GEWICHT * m + 0.5, MODEL_GEWICHT * (1.0 - m) + 0.5
        total = sum(o.gewicht for o in self.oordelen)
        k = n * (sum(o.gewicht for o in self.oordelen if o.zelfde) / total) if total > 0 else 0.0
        return k + 0.5, n - k + 0.5

    def gemiddelde(self) -> float:
        """Posterior mean share."""
        a, b = self.posterior()
        return a / (a + b)

    def trek(self, rng: np.random.Generator, trekkingen: int) -> np.ndarray:
        """Draws of the stratum's total weight of units that are one person."""
        n = min(len(self.oordelen), self.eenheden)
        known = sum(o.gewicht for o in self.oordelen[:n] if o.zelfde)
        rest = self.eenheden - n
        if rest <= 0:
            return np.full(trekkingen, known, dtype=float)
        rest_weight = max(self.gewicht - sum(o.gewicht for o in self.oordelen[:n]), 0.0)
        a, b = self.posterior()
        share = rng.beta(a, b, size=trekkingen)
        units = rng.binomial(rest, share)
        return known + units * (rest_weight / rest)


@dataclass(frozen=True)
class Onvergeleken:
    """Pairs of one person that no blocking rule put together (never compared, so never linked directly).

    Estimated like a dark number: each blocking rule is a capture occasion and a pair of one person is caught
    by some of them. From the linked pairs caught by exactly one (``f1``) and exactly two (``f2``) rules,
    Chao's estimator ``f1² / (2 (f2 + 1))`` gives the pairs caught by none (a lower bound when capture
    varies between pairs; rules that catch the same pairs make it lower still). Uncertainty: ``f1`` and ``f2``
    drawn from ``Gamma(f + ½)``, the number missed from a Poisson with the resulting mean.
    """

    f1: int
    f2: int

    def trek(self, rng: np.random.Generator, trekkingen: int) -> np.ndarray:
        """Draws of the number of pairs of one person never compared."""
        g1 = rng.gamma(self.f1 + 0.5, size=trekkingen)
        g2 = rng.gamma(self.f2 + 0.5, size=trekkingen)
        return rng.poisson(g1**2 / (2.0 * (g2 + 1.0))).astype(float)

    @property
    def chao(self) -> float:
        """The point estimate ``f1 (f1 − 1) / (2 (f2 + 1))`` (bias-corrected Chao1)."""
        return self.f1 * max(self.f1 - 1, 0) / (2.0 * (self.f2 + 1))

    @classmethod
    def uit(cls, vangsten: Mapping[int | str, int] | None) -> Onvergeleken | None:
        """From the count of linked pairs per number of rules that caught them (``None``: not counted)."""
        if vangsten is None:
            return None
        counts = {int(k): int(v) for k, v in vangsten.items()}
        return cls(counts.get(1, 0), counts.get(2, 0))


@dataclass(frozen=True)
class Interval:
    """An estimate with its interval and what it rests on.

    Attributes:
        schatting: the median of the posterior draws.
        onder: lower bound of the central :data:`NIVEAU` interval.
        boven: upper bound.
        beslissingen: analyst decisions behind it.
        bron: ``beoordeeld`` (every stratum decided on), ``model`` (none: the model's own probabilities with a
            wide interval) or ``gemengd``.
    """

    schatting: float
    onder: float
    boven: float
    beslissingen: int
    bron: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (rounded to 4 decimals)."""
        return {
            "schatting": round(self.schatting, 4),
            "onder": round(self.onder, 4),
            "boven": round(self.boven, 4),
            "beslissingen": self.beslissingen,
            "bron": self.bron,
        }


@dataclass(frozen=True)
class Schatting:
    """Precision and recall of one population (the whole linkage or one domain).

    Attributes:
        precisie: share of linked pairs that are one person (``None`` without linked pairs).
        recall: share of pairs of one person that are linked, among compared pairs (``None`` when neither
            linked nor missed pairs can exist).
        gekoppeld: linked melding pairs in the population.
        beslissingen: decisions behind the figures.
    """

    precisie: Interval | None
    recall: Interval | None
    gekoppeld: float
    beslissingen: int
    nooit_vergeleken: Interval | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "precisie": self.precisie.to_dict() if self.precisie else None,
            "recall": self.recall.to_dict() if self.recall else None,
            "gekoppelde_paren": round(self.gekoppeld),
            "beslissingen": self.beslissingen,
            "nooit_vergeleken": self.nooit_vergeleken.to_dict() if self.nooit_vergeleken else None,
        }


def _bron(strata: Iterable[Stratum]) -> str:
    used = [s for s in strata if s.gewicht > 0]
    if not used:
        return "model"
    decided = [s for s in used if s.oordelen or s.eenheden == 0]
    if len(decided) == len(used):
        return "beoordeeld"
    return "model" if not decided else "gemengd"


def _interval(draws: np.ndarray, strata: Sequence[Stratum], niveau: float) -> Interval:
    tail = (1.0 - niveau) / 2.0
    lo, mid, hi = np.quantile(draws, [tail, 0.5, 1.0 - tail])
    return Interval(
        schatting=float(mid),
        onder=float(lo),
        boven=float(hi),
        beslissingen=sum(s.beslissingen for s in strata),
        bron=_bron(strata),
    )


def schat(
    strata: Sequence[Stratum],
    *,
    onvergeleken: Onvergeleken | None = None,
    niveau: float = NIVEAU,
    trekkingen: int = TREKKINGEN,
    seed: int = 0,
) -> Schatting:
    """Precision and recall with intervals from the strata and their decisions.

    Args:
        strata: the design's strata (linked and apart) with decisions on their random samples.
        onvergeleken: the estimate of pairs of one person never compared (counted as missed); without it
            the recall is that among compared pairs.
        niveau: central probability of the intervals.
        trekkingen: Monte Carlo draws.
        seed: seed of the draws (the same input gives the same output).
    """
    rng = np.random.default_rng(seed)
    linked = [s for s in strata if s.gekoppeld]
    apart = [s for s in strata if not s.gekoppeld]
    total_linked = sum(s.gewicht for s in linked)
    tp = np.zeros(trekkingen)
    for s in linked:
        tp += s.trek(rng, trekkingen)
    fn = np.zeros(trekkingen)
    for s in apart:
        fn += s.trek(rng, trekkingen)
    never: Interval | None = None
    if onvergeleken is not None:
        missed = onvergeleken.trek(rng, trekkingen)
        fn += missed
        never = _interval(missed, (), niveau)
    precisie = _interval(tp / total_linked, linked, niveau) if total_linked > 0 else None
    found = tp + fn
    recall = None
    if total_linked > 0 or sum(s.gewicht for s in apart) > 0:
        # a draw without any pair of one person misses nothing: recall 1
        recall = _interval(np.divide(tp, found, out=np.ones_like(tp), where=found > 0), strata, niveau)
    return Schatting(precisie, recall, total_linked, sum(s.beslissingen for s in strata), never)
