# SPDX-License-Identifier: EUPL-1.2
"""The quality audit of a full run: strata of its pairs and a random sample of each, for analysts to decide.

Drawn once per full run, inside :func:`zicht.linkage.engine.link` while the scored pairs are still in the
database. Units (only between *linkable* meldingen: with a name, a full birth date, a document or a phone
number; a report without any of these cannot be linked by any method):

* linked pairs (two meldingen in one cluster), in strata ``gekoppeld_direct`` (scored at or above the upper
  threshold), ``gekoppeld_twijfel`` (scored between the thresholds, linked through others),
  ``gekoppeld_indirect`` (no score at or above the lower threshold: linked only through others) and
  ``gekoppeld_besloten`` (an analyst decided *same person*: known);
* pairs of clusters kept apart although a pair between them was scored at or above the floor
  (:attr:`SteekproefConfig.vloer`), weighted by the melding pairs a merge would add and represented by their
  best-scoring pair, in bands of that score (``apart_0.5-0.9``, ...). Cluster pairs an analyst decided
  apart are known and left out.

Each stratum's units are put in a random order (seeded); the first :attr:`SteekproefConfig.n` are the
sample, except in the review queue's own band, where every unit is ranked (its pairs are in the queue
anyway). Per stratum the design keeps units, weight and the model's summed probability, split by reporter
pair and variation kind, so :mod:`zicht.linkage.kwaliteit` can estimate per domain. Nothing identifying
leaves this module: melding ids, scores, levels and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from math import comb
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from zicht.linkage.clusters import pair_key
from zicht.linkage.domeinen import melder_paar, variaties

if TYPE_CHECKING:
    from zicht.linkage.engine import Drempels, PairScorer, TrainedModel

#: Feature columns of which one must be present for a melding to be linkable (name, full birth date, numbers).
KOPPELBAAR = ("vn", "an", "gd", "doc1", "tel1")
#: Variation kind of a pair linked only through other meldingen (it was not compared directly).
INDIRECT = "indirect"


@dataclass(frozen=True)
class SteekproefConfig:
    """How the audit is drawn.

    Attributes:
        n: units drawn per stratum (the review queue's band ranks all its units).
        vloer: lowest match probability of a pair kept apart that is covered; below it the pairs are not
            kept, and missed pairs there are not covered by the estimate.
        grenzen: extra band edges between the floor and the upper threshold.
        seed: seed of the random order (the service derives it from the run id).
    """

    n: int = 25
    vloer: float = 0.01
    grenzen: tuple[float, ...] = (0.1, 0.9)
    seed: int = 0


@dataclass(frozen=True)
class Eenheid:
    """One sampled unit: the pair an analyst is asked about, and what it stands for."""

    stratum: str
    rang: int
    melding_a: str
    melding_b: str
    gewicht: float
    match_probability: float
    match_weight: float
    melder_paar: str
    variaties: tuple[str, ...]
    rij: dict[str, Any] = field(default_factory=dict)
    in_wachtrij: bool = False


@dataclass
class Steekproef:
    """The design (strata with their domain cells) and the sampled units of one run."""

    strata: list[dict[str, Any]]
    eenheden: list[Eenheid]
    niet_koppelbaar: int
    onder_vloer: int | None
    config: SteekproefConfig
    vangsten: dict[int, int] | None = None

    def opzet(self) -> dict[str, Any]:
        """The design as stored with the run (counts and level names only)."""
        return {
            "strata": self.strata,
            "niet_koppelbaar": self.niet_koppelbaar,
            "onder_vloer": self.onder_vloer,
            "vloer": self.config.vloer,
            "n": self.config.n,
            "vangsten": {str(k): v for k, v in sorted(self.vangsten.items())} if self.vangsten is not None else None,
        }


def koppelbaar(features: pd.DataFrame) -> set[str]:
    """Meldingen with a name, a full birth date, a document or a phone number (the rest cannot be linked)."""
    present = pd.Series(False, index=features.index)
    for column in KOPPELBAAR:
        if column in features.columns:
            present |= features[column].notna().to_numpy()
    return set(features.loc[present, "unique_id"].astype(str))


def banden(config: SteekproefConfig, drempels: Drempels) -> list[tuple[float, float]]:
    """The probability bands of pairs kept apart: from the floor up, the last one open-ended."""
    edges = sorted({config.vloer, drempels.onder, *(g for g in config.grenzen if config.vloer < g < drempels.boven)})
    edges = [e for e in edges if e < drempels.boven]
    return [(lo, edges[i + 1] if i + 1 < len(edges) else drempels.boven) for i, lo in enumerate(edges)]


def band_naam(lo: float, hi: float) -> str:
    """Stratum name of a band (``apart_0.5-0.9``)."""
    return f"apart_{lo:g}-{hi:g}"


class _Cellen:
    """Units, weight and summed model probability per stratum and domain."""

    def __init__(self) -> None:
        self.data: dict[str, dict[str, dict[str, list[float]]]] = {}

    def add(self, stratum: str, paar: str, kinds: Iterable[str], gewicht: float, p: float, units: int = 1) -> None:
        cells = self.data.setdefault(stratum, {"melder_paar": {}, "variatie": {}})
        for dim, key in [("melder_paar", paar)] + [("variatie", k) for k in kinds]:
            cell = cells[dim].setdefault(key, [0, 0.0, 0.0])
            cell[0] += units
            cell[1] += gewicht
            cell[2] += gewicht * p

    def of(self, stratum: str) -> dict[str, dict[str, list[float]]]:
        cells = self.data.get(stratum, {"melder_paar": {}, "variatie": {}})
        return {dim: {k: [int(v[0]), round(v[1], 6), round(v[2], 6)] for k, v in c.items()} for dim, c in cells.items()}


def _kinds(row: Mapping[str, Any], labels: Mapping[str, Mapping[int, str]]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for name in ("naam", "geboortedatum"):
        gamma = row.get(f"gamma_{name}")
        if gamma is not None and name in labels and not pd.isna(gamma):
            found[name] = labels[name].get(int(gamma), str(gamma))
    return variaties(found)


def _row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (None if pd.isna(v) else (int(v) if k.startswith("gamma_") else float(v)))
            for k, v in row.items() if k.startswith(("gamma_", "mw_"))}  # fmt: skip


def trek(
    scorer: PairScorer,
    pairs: pd.DataFrame,
    labels: Mapping[str, str],
    features: pd.DataFrame,
    records: pd.DataFrame,
    trained: TrainedModel,
    drempels: Drempels,
    config: SteekproefConfig,
    *,
    zelfde: Sequence[tuple[str, str]] = (),
    verschillend: Sequence[tuple[str, str]] = (),
) -> Steekproef:
    """Draw the audit's design and sample for one run (see the module documentation).

    Args:
        scorer: the run's scored pairs, down to ``config.vloer``.
        pairs: the pairs at or above the lower threshold (as in :class:`~zicht.linkage.engine.LinkResult`).
        labels: the cluster per melding.
        features: the prepared features (for linkability).
        records: the run's records (``melder_soort`` per melding when present).
        trained: the model (level labels for the variation kinds).
        drempels: the run's thresholds.
        config: sample size, floor, band edges, seed.
        zelfde: active *same person* decisions (known pairs).
        verschillend: active *different person* decisions (known apart).
    """
    rng = np.random.default_rng(config.seed)
    level_labels = trained.level_labels()
    linkable = koppelbaar(features)
    soort: dict[str, str | None] = {}
    if "melder_soort" in records.columns and "melding_id" in records.columns:
        soort = {str(m): (str(s) if s is not None and not pd.isna(s) else None)
                 for m, s in zip(records["melding_id"], records["melder_soort"], strict=True)}  # fmt: skip
    members: dict[str, list[str]] = {}
    for m in sorted(linkable):
        members.setdefault(labels[m], []).append(m)
    cellen = _Cellen()
    strata: list[dict[str, Any]] = []
    units: list[Eenheid] = []

    ok = pairs["melding_a"].isin(linkable) & pairs["melding_b"].isin(linkable)
    scored = pairs[ok]
    same = np.array([labels[a] == labels[b] for a, b in zip(scored["melding_a"], scored["melding_b"], strict=True)],
                    dtype=bool)  # fmt: skip
    decided_same = {pair_key(a, b) for a, b in zelfde}
    known = sorted(k for k in decided_same if k[0] in linkable and k[1] in linkable and labels[k[0]] == labels[k[1]])
    linked = scored[same]
    undecided = np.array([(a, b) not in decided_same for a, b in zip(linked["melding_a"], linked["melding_b"],
                                                                     strict=True)], dtype=bool)  # fmt: skip
    linked = linked[undecided]
    strong = linked["match_probability"] >= drempels.boven
    for name, frame in (("gekoppeld_direct", linked[strong]), ("gekoppeld_twijfel", linked[~strong])):
        strata.append(_scored_stratum(name, True, frame, level_labels, soort, cellen, rng, config.n, units))

    # linked only through others: every implied pair that is neither scored above the lower threshold nor known
    direct = {(a, b) for a, b in zip(linked["melding_a"], linked["melding_b"], strict=True)} | set(known)
    strata.append(_indirect_stratum(members, direct, soort, cellen, rng, config.n, drempels, scorer, units))
    for a, b in known:
        cellen.add("gekoppeld_besloten", melder_paar(soort.get(a), soort.get(b)), (INDIRECT,), 1.0, 1.0)
    strata.append({"naam": "gekoppeld_besloten", "gekoppeld": True, "eenheden": len(known),
                   "gewicht": float(len(known)), "model": 1.0, "bekend": len(known),
                   "cellen": cellen.of("gekoppeld_besloten")})  # fmt: skip

    # pairs of clusters kept apart, represented by their best pair
    low = scorer.pairs(scorer.floor, drempels.onder) if scorer.floor < drempels.onder else pairs.iloc[:0]
    low = low[low["melding_a"].isin(linkable) & low["melding_b"].isin(linkable)]
    cross = pd.concat([scored[~same], low], ignore_index=True)
    if not cross.empty:
        ca = cross["melding_a"].map(labels)
        cb = cross["melding_b"].map(labels)
        cross = cross.assign(_ca=np.where(ca < cb, ca, cb), _cb=np.where(ca < cb, cb, ca))
        cross = cross[cross["_ca"] != cross["_cb"]]
        apart = {tuple(sorted((labels[a], labels[b]))) for a, b in verschillend if a in labels and b in labels}
        keep = [(x, y) not in apart for x, y in zip(cross["_ca"], cross["_cb"], strict=True)]
        cross = cross[np.array(keep, dtype=bool)]
        cross = cross.sort_values(["match_probability", "melding_a", "melding_b"], ascending=[False, True, True])
        cross = cross.drop_duplicates(["_ca", "_cb"])
        cross = cross.assign(_w=[float(len(members[x]) * len(members[y]))
                                 for x, y in zip(cross["_ca"], cross["_cb"], strict=True)])  # fmt: skip
    bands = banden(config, drempels)
    for i, (lo, hi) in enumerate(bands):
        p = cross["match_probability"] if not cross.empty else pd.Series(dtype=float)
        upper = np.inf if i == len(bands) - 1 else hi
        frame = cross[(p >= lo) & (p < upper)] if not cross.empty else cross
        in_queue = lo >= drempels.onder
        strata.append(
            _scored_stratum(band_naam(lo, hi), False, frame, level_labels, soort, cellen, rng,
                            len(frame) if in_queue else config.n, units, in_queue=in_queue)
        )  # fmt: skip
    onder_vloer = scorer.kandidaten - scorer.count(scorer.floor) if scorer.kandidaten else None
    # how many blocking rules catch each directly linked pair: the basis for the pairs no rule caught
    vangsten = scorer.rule_counts(sorted(direct))
    return Steekproef(strata, units, len(features) - len(linkable), onder_vloer, config, vangsten)


def _scored_stratum(
    name: str,
    gekoppeld: bool,
    frame: pd.DataFrame,
    level_labels: Mapping[str, Mapping[int, str]],
    soort: Mapping[str, str | None],
    cellen: _Cellen,
    rng: np.random.Generator,
    n: int,
    units: list[Eenheid],
    *,
    in_queue: bool = False,
) -> dict[str, Any]:
    """A stratum of scored units (pairs, or cluster pairs with ``_w``): its cells and a random sample."""
    frame = frame.sort_values(["melding_a", "melding_b"]).reset_index(drop=True)
    rows = frame.to_dict("records")
    weight_total = 0.0
    model_sum = 0.0
    described: list[tuple[str, tuple[str, ...], float]] = []
    for row in rows:
        w = float(row.get("_w", 1.0))
        p = float(row["match_probability"])
        paar = melder_paar(soort.get(row["melding_a"]), soort.get(row["melding_b"]))
        kinds = _kinds(row, level_labels)
        cellen.add(name, paar, kinds, w, p)
        described.append((paar, kinds, w))
        weight_total += w
        model_sum += w * p
    order = rng.permutation(len(rows)) if rows else np.array([], dtype=int)
    for rang, index in enumerate(order[: max(0, n)]):
        row = rows[int(index)]
        paar, kinds, w = described[int(index)]
        units.append(
            Eenheid(
                stratum=name, rang=rang, melding_a=row["melding_a"], melding_b=row["melding_b"], gewicht=w,
                match_probability=float(row["match_probability"]), match_weight=float(row["match_weight"]),
                melder_paar=paar, variaties=kinds, rij=_row(row), in_wachtrij=in_queue,
            )
        )  # fmt: skip
    return {
        "naam": name,
        "gekoppeld": gekoppeld,
        "eenheden": len(rows),
        "gewicht": weight_total,
        "model": model_sum / weight_total if weight_total else 0.0,
        "cellen": cellen.of(name),
    }


def _indirect_stratum(
    members: Mapping[str, list[str]],
    direct: set[tuple[str, str]],
    soort: Mapping[str, str | None],
    cellen: _Cellen,
    rng: np.random.Generator,
    n: int,
    drempels: Drempels,
    scorer: PairScorer,
    units: list[Eenheid],
) -> dict[str, Any]:
    """Pairs linked only through other meldingen: counted from the clusters, sampled by rejection.

    Their model probability is taken as the upper threshold (every link of the chain passed it); the sampled
    pairs are scored directly so the analyst sees their comparison levels.
    """
    name = "gekoppeld_indirect"
    big = sorted((c for c, m in members.items() if len(m) >= 3), key=lambda c: members[c][0])
    per_paar: Counter[str] = Counter()
    implied = 0
    for c in big:
        kinds = Counter(soort.get(m) for m in members[c])
        for (s1, k1), (s2, k2) in combinations(sorted(kinds.items(), key=lambda kv: str(kv[0])), 2):
            per_paar[melder_paar(s1, s2)] += k1 * k2
        for s1, k1 in kinds.items():
            per_paar[melder_paar(s1, s1)] += comb(k1, 2)
        implied += comb(len(members[c]), 2)
    in_big = {m for c in big for m in members[c]}
    for a, b in direct:
        if a in in_big and b in in_big:
            per_paar[melder_paar(soort.get(a), soort.get(b))] -= 1
            implied -= 1
    for paar, count in sorted(per_paar.items()):
        if count > 0:
            cellen.add(name, paar, (INDIRECT,), float(count), drempels.boven, units=count)
    chosen: list[tuple[str, str]] = []
    if implied > 0 and n > 0:
        weights = np.array([comb(len(members[c]), 2) for c in big], dtype=float)
        weights /= weights.sum()
        seen: set[tuple[str, str]] = set()
        for _ in range(50 * n + 1000):
            if len(chosen) >= min(n, implied):
                break
            c = big[int(rng.choice(len(big), p=weights))]
            i, j = rng.choice(len(members[c]), size=2, replace=False)
            pair = pair_key(members[c][int(i)], members[c][int(j)])
            if pair in direct or pair in seen:
                continue
            seen.add(pair)
            chosen.append(pair)
    scored = scorer.score(chosen).set_index(["melding_a", "melding_b"]) if chosen else None
    for rang, (a, b) in enumerate(chosen):
        row = scored.loc[(a, b)].to_dict() if scored is not None and (a, b) in scored.index else {}
        units.append(
            Eenheid(
                stratum=name, rang=rang, melding_a=a, melding_b=b, gewicht=1.0,
                match_probability=float(row.get("match_probability", 0.0)),
                match_weight=float(row.get("match_weight", 0.0)), melder_paar=melder_paar(soort.get(a), soort.get(b)),
                variaties=(INDIRECT,), rij=_row(row),
            )
        )  # fmt: skip
    return {"naam": name, "gekoppeld": True, "eenheden": max(implied, 0), "gewicht": float(max(implied, 0)),
            "model": drempels.boven, "cellen": cellen.of(name)}  # fmt: skip
