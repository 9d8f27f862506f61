# SPDX-License-Identifier: EUPL-1.2
"""Ranking meta-clusters by organiser structure, with the reasons a reviewer sees.

The score is a *proposal*, never a decision (signals.md §4.2): a person reads the reasons and decides.
Organiser structure (N1-N6) carries most weight; ad-level indicators add at most :data:`MAX_ADNIVEAU`;
counter-signals of independent workers and licensed agencies (N7) subtract; structure is discounted by the
share of throwaway numbers (spam generators). Every term that contributes is one :class:`Reden`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from zicht.signalen import indicatoren
from zicht.signalen.clusters import Sjabloon
from zicht.signalen.verwerk import Advertentie

MAX_ADNIVEAU = 1.5
GEWICHTEN = {"N1": 1.0, "N2": 1.0, "N3": 0.5, "N4": 0.5, "N5": 0.5, "N6": 1.0, "N7": -4.0}
BURST_MINUTEN = 10


@dataclass(frozen=True)
class Reden:
    """One contribution to a cluster's score: indicator code, weight, and the values shown to the reviewer."""

    code: str
    gewicht: float
    waarden: dict[str, object] = field(default_factory=dict)


@dataclass
class Cluster:
    """A meta-cluster with its features, score and reasons. ``leden`` are ad indices in the batch."""

    sleutel: int
    leden: list[int]
    personen: int
    namen: list[str]
    telefoons: int
    contacten_gedeeld: int
    generieke_contacten: int
    micro: int
    gemeenten: list[str]
    steden_per_week: float
    burst: float
    wegwerp: float
    adscore: float
    tegen: float
    score: float = 0.0
    redenen: list[Reden] = field(default_factory=list)
    treffers: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=4096)
def _adscore(codes: frozenset[str]) -> float:
    """One ad's capped ad-level score without counter-signals (few distinct code sets: cached)."""
    return max(0.0, min(indicatoren.advertentiescore({k for k in codes if k != "N7"}), MAX_ADNIVEAU))


def _persona(i: int, micro: int, sjablonen: dict[int, Sjabloon]) -> str:
    sj = sjablonen.get(micro)
    slots = sj.slots.get(i, ()) if sj else ()
    return " ".join(slots) if slots else f"#{micro}"


def clusters(
    ads: Sequence[Advertentie],
    micro: np.ndarray,
    meta: np.ndarray,
    sjablonen: dict[int, Sjabloon],
    generiek: dict[str, int],
) -> list[Cluster]:
    """Features, score and reasons of every meta-cluster, best first."""
    per_meta: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(meta):
        per_meta[int(m)].append(i)
    tel_gebruik: Counter[str] = Counter(t for a in ads for t in a.telefoons)
    uit = [cluster(ads, micro, sjablonen, generiek, tel_gebruik, k, leden) for k, leden in per_meta.items()]
    uit.sort(key=volgorde)
    return uit


def volgorde(c: Cluster) -> tuple[float, int, int]:
    """Sort key of the ranking: score, then size, then key."""
    return (-c.score, -len(c.leden), c.sleutel)


def cluster(
    ads: Sequence[Advertentie],
    micro: np.ndarray,
    sjablonen: dict[int, Sjabloon],
    generiek: dict[str, int],
    tel_gebruik: Counter[str],
    sleutel: int,
    leden: list[int],
) -> Cluster:
    """Features, score and reasons of the meta-cluster ``sleutel`` with ads ``leden`` (in ascending order);
    ``tel_gebruik`` counts the ads per phone in the whole batch."""
    personas = {i: _persona(i, int(micro[i]), sjablonen) for i in leden}
    namen = sorted({p for p in personas.values() if not p.startswith("#")})
    personen = len(set(personas.values()))
    per_contact: dict[str, set[str]] = defaultdict(set)
    micro_per_contact: dict[str, set[int]] = defaultdict(set)
    telefoons: set[str] = set()
    for i in leden:
        for contact in ads[i].contacten:
            if contact in generiek:
                continue
            per_contact[contact].add(personas[i])
            micro_per_contact[contact].add(int(micro[i]))
        telefoons.update(t for t in ads[i].telefoons if t not in generiek)
    gedeeld = sum(1 for c, ms in micro_per_contact.items() if len(ms) > 1 or len(per_contact[c]) > 1)
    max_per_contact = max((len(p) for p in per_contact.values()), default=1)
    per_sjabloon: dict[int, set[str]] = defaultdict(set)
    for i in leden:
        per_sjabloon[int(micro[i])].add(personas[i])
    micro_ids = set(per_sjabloon)
    max_per_sjabloon = max((len(p) for p in per_sjabloon.values()), default=1)
    tijden = sorted(ads[i].geplaatst_op for i in leden)
    weken = max(1.0, (tijden[-1] - tijden[0]).days / 7)
    gemeenten = sorted({ads[i].gemeente for i in leden})
    burst = 0.0
    if len(tijden) >= 3:
        dicht = sum(
            1
            for k, t in enumerate(tijden)
            if (k > 0 and (t - tijden[k - 1]).total_seconds() <= BURST_MINUTEN * 60)
            or (k + 1 < len(tijden) and (tijden[k + 1] - t).total_seconds() <= BURST_MINUTEN * 60)
        )
        burst = dicht / len(tijden)
    wegwerp = sum(1 for t in telefoons if tel_gebruik[t] == 1) / len(telefoons) if len(telefoons) >= 5 else 0.0
    codes = [ads[i].codes for i in leden]
    treffers: Counter[str] = Counter(code for cs in codes for code in cs)
    adscore = sum(_adscore(cs) for cs in codes) / len(leden)
    tegen = treffers["N7"] / len(leden)
    c = Cluster(
        sleutel,
        leden,
        personen,
        namen,
        len(telefoons),
        gedeeld,
        sum(1 for i in leden for x in ads[i].contacten if x in generiek),
        len(micro_ids),
        gemeenten,
        len(gemeenten) / weken,
        burst,
        wegwerp,
        adscore,
        tegen,
        treffers=dict(treffers),
    )
    _score(c, max_per_contact, max_per_sjabloon)
    return c


def _score(c: Cluster, max_per_contact: int, max_per_sjabloon: int) -> None:
    structuur: list[Reden] = []
    if max_per_contact >= 2:
        structuur.append(
            Reden("N1", GEWICHTEN["N1"] * min(math.log2(max_per_contact), 3), {"personen": max_per_contact})
        )
    if max_per_sjabloon >= 2:
        structuur.append(
            Reden("N2", GEWICHTEN["N2"] * min(math.log2(max_per_sjabloon), 3), {"personen": max_per_sjabloon})
        )
    if c.personen >= 2 and c.steden_per_week >= 2:
        structuur.append(
            Reden("N3", GEWICHTEN["N3"] * min(c.steden_per_week - 1, 3), {"per_week": round(c.steden_per_week, 1)})
        )
    if c.personen >= 2 and c.telefoons >= 2:
        structuur.append(Reden("N4", GEWICHTEN["N4"] * min(c.telefoons - 1, 3), {"telefoons": c.telefoons}))
    if c.micro >= 2 and c.contacten_gedeeld:
        structuur.append(Reden("N5", GEWICHTEN["N5"], {"sjablonen": c.micro, "contacten": c.contacten_gedeeld}))
    if c.burst >= 0.3:
        structuur.append(Reden("N6", GEWICHTEN["N6"] * c.burst, {"aandeel": round(c.burst * 100)}))
    redenen = list(structuur)
    if c.adscore > 0:
        codes = sorted(k for k in c.treffers if k != "N7" and indicatoren.PER_CODE[k].gewicht > 0)
        redenen.append(Reden("advertentie", round(c.adscore, 2), {"codes": ", ".join(codes)}))
    som = sum(r.gewicht for r in redenen)
    if c.wegwerp > 0:
        korting = -som * c.wegwerp
        redenen.append(Reden("wegwerp", korting, {"aandeel": round(c.wegwerp * 100)}))
        som += korting
    if c.tegen > 0:
        redenen.append(Reden("N7", GEWICHTEN["N7"] * c.tegen, {"aandeel": round(c.tegen * 100)}))
        som += GEWICHTEN["N7"] * c.tegen
    nul = [k for k in c.treffers if indicatoren.PER_CODE[k].gewicht == 0]
    if nul:
        redenen.append(Reden("niet_meegeteld", 0.0, {"codes": ", ".join(sorted(nul))}))
    c.redenen = [Reden(r.code, round(r.gewicht, 2), r.waarden) for r in redenen]
    c.score = round(som, 3)
