# SPDX-License-Identifier: EUPL-1.2
"""Measuring the registry's linkage: store a run's audit, read the analysts' decisions on it, estimate.

A full run draws its audit (:mod:`zicht.linkage.steekproef`); :func:`bewaar` stores the design with the run
(``koppel_run.kwaliteit_opzet``), the sampled units (``koppel_steekproef``) and puts the units that are not
already in the review queue there as items of kind ``steekproef``. An analyst's decision on a unit's pair is
its label. :func:`schatting` estimates the precision and recall of the latest full run's linkage, overall,
per reporter pair and per variation kind (:mod:`zicht.linkage.kwaliteit`); :func:`wachtrij_volgorde` orders
the open review items by how much deciding them teaches.

Which decisions count: per stratum, the decided units from the top of the stratum's random order up to the
first undecided one (the first ``n`` of a random order are a simple random sample). A decision further down
is kept (it fixes that pair) but not counted, since a pair the analyst picked is not a random one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from zicht.linkage.clusters import pair_key
from zicht.linkage.domeinen import Cel, domein_strata
from zicht.linkage.kwaliteit import NIVEAU, Onvergeleken, Oordeel, Schatting, Stratum, schat
from zicht.linkage.leerwaarde import volgorde
from zicht.linkage.steekproef import Steekproef
from zicht.storage.base import utcnow
from zicht.storage.tables import KoppelBeoordeling, KoppelBesluit, KoppelRun, KoppelSteekproef

#: The dimensions estimated per domain: reporter pair and variation kind.
DIMENSIES = ("melder_paar", "variatie")


def besluiten_per_paar(session: Session) -> dict[tuple[str, str], str]:
    """The active decision per pair of meldingen (text ids, ordered): ``zelfde`` or ``verschillend``; the
    latest decision on a pair wins."""
    rows = session.execute(
        select(KoppelBesluit.melding_a, KoppelBesluit.melding_b, KoppelBesluit.oordeel)
        .where(KoppelBesluit.ingetrokken_op.is_(None))
        .order_by(KoppelBesluit.genomen_op, KoppelBesluit.id)
    )
    latest: dict[tuple[str, str], str] = {}
    for a, b, oordeel in rows:
        latest[pair_key(str(a), str(b))] = oordeel
    return latest


# ---- storing a run's audit -------------------------------------------------------------------------------


def bewaar(
    session: Session,
    run: KoppelRun,
    steekproef: Steekproef,
    niveaus: Any,
    wachtrij: Mapping[tuple[str, str], uuid.UUID],
) -> int:
    """Store the design and the sampled units of a run; queue the units not already in the review queue.

    Args:
        session: open session.
        run: the full run (its ``kwaliteit_opzet`` is set).
        steekproef: the run's audit from :func:`zicht.linkage.engine.link`.
        niveaus: ``row -> list of level dicts`` for a unit's review item (``review.niveaus_van`` bound to the
            run's model).
        wachtrij: the run's queue items by pair, so a unit in the queue is not queued twice.

    Returns:
        The number of review items of kind ``steekproef`` added.
    """
    run.kwaliteit_opzet = steekproef.opzet()
    now = utcnow()
    items: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for unit in steekproef.eenheden:
        key = pair_key(unit.melding_a, unit.melding_b)
        item_id = wachtrij.get(key)
        if item_id is None:
            item_id = uuid.uuid4()
            items.append(
                {"id": item_id, "run_id": run.id, "melding_a": uuid.UUID(key[0]), "melding_b": uuid.UUID(key[1]),
                 "match_probability": unit.match_probability, "match_weight": unit.match_weight,
                 "niveaus": niveaus(unit.rij), "status": "open", "aangemaakt_op": now, "soort": "steekproef"}
            )  # fmt: skip
        units.append(
            {"id": uuid.uuid4(), "run_id": run.id, "stratum": unit.stratum, "rang": unit.rang,
             "melding_a": uuid.UUID(key[0]), "melding_b": uuid.UUID(key[1]), "gewicht": unit.gewicht,
             "match_probability": unit.match_probability, "melder_paar": unit.melder_paar,
             "variaties": list(unit.variaties), "beoordeling_id": item_id}
        )  # fmt: skip
    for start in range(0, len(items), 2000):
        session.execute(insert(KoppelBeoordeling), items[start : start + 2000])
    for start in range(0, len(units), 2000):
        session.execute(insert(KoppelSteekproef), units[start : start + 2000])
    return len(items)


# ---- the estimate ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StratumStand:
    """Where one stratum stands: its size and the decisions counted."""

    naam: str
    gekoppeld: bool
    eenheden: int
    paren: float
    beslissingen: int
    model: float
    schatting: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "naam": self.naam,
            "gekoppeld": self.gekoppeld,
            "eenheden": self.eenheden,
            "paren": round(self.paren),
            "beslissingen": self.beslissingen,
            "model": round(self.model, 4),
            "schatting": round(self.schatting, 4),
        }


@dataclass(frozen=True)
class KwaliteitsSchatting:
    """Precision and recall of the latest full run's linkage, estimated from analysts' decisions.

    Attributes:
        run_id: the run whose linkage is measured.
        totaal: over all linkable meldingen.
        per_melder_paar: per pair of reporter kinds (largest first).
        per_variatie: per variation kind of the pair's name and birth date (largest first).
        strata: per stratum its size and decisions.
        niet_koppelbaar: meldingen without a name, full birth date or number (outside the estimate).
        onder_vloer: candidate pairs scored below the floor (not covered), when known.
        vloer: the floor.
        niveau: central probability of the intervals.
    """

    run_id: uuid.UUID
    totaal: Schatting
    per_melder_paar: dict[str, Schatting] = field(default_factory=dict)
    per_variatie: dict[str, Schatting] = field(default_factory=dict)
    strata: tuple[StratumStand, ...] = ()
    niet_koppelbaar: int = 0
    onder_vloer: int | None = None
    vloer: float = 0.0
    niveau: float = NIVEAU

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (counts, levels and estimates only)."""
        return {
            "run_id": str(self.run_id),
            "niveau": self.niveau,
            **self.totaal.to_dict(),
            "per_melder_paar": {k: v.to_dict() for k, v in self.per_melder_paar.items()},
            "per_variatie": {k: v.to_dict() for k, v in self.per_variatie.items()},
            "strata": [s.to_dict() for s in self.strata],
            "niet_gedekt": {
                "meldingen_niet_koppelbaar": self.niet_koppelbaar,
                "kandidaten_onder_vloer": self.onder_vloer,
                "vloer": self.vloer,
                "nooit_vergeleken": "niet geschat",
            },
        }


@dataclass(frozen=True)
class Getrokken:
    """A sampled unit as stored: its stratum and rank, the pair, its weight and domains."""

    stratum: str
    rang: int
    pair: tuple[str, str]
    gewicht: float
    melder_paar: str
    variaties: tuple[str, ...]
    beoordeling_id: uuid.UUID | None = None


@dataclass
class Stand:
    """The design with the decisions counted per stratum (see the module documentation)."""

    design: list[dict[str, Any]]
    strata: list[Stratum]
    counted: dict[str, list[Getrokken]]
    units: list[Getrokken]
    onvergeleken: Onvergeleken | None = None


def stand_van(opzet: Mapping[str, Any], units: Sequence[Getrokken], labels: Mapping[tuple[str, str], str]) -> Stand:
    """Strata with their counted decisions: per stratum the decided units from the top of its random order
    up to the first undecided one; a stratum known in full (``bekend``) counts all its units as one person.

    Args:
        opzet: a run's design (``koppel_run.kwaliteit_opzet``, :meth:`Steekproef.opzet`).
        units: the sampled units.
        labels: ``zelfde`` / ``verschillend`` per decided pair.
    """
    design = list(opzet.get("strata", []))
    by_stratum: dict[str, list[Getrokken]] = {}
    for u in sorted(units, key=lambda u: (u.stratum, u.rang)):
        by_stratum.setdefault(u.stratum, []).append(u)
    strata: list[Stratum] = []
    counted: dict[str, list[Getrokken]] = {}
    for d in design:
        name = str(d["naam"])
        prefix: list[Oordeel] = []
        used: list[Getrokken] = []
        for u in by_stratum.get(name, []):
            label = labels.get(u.pair)
            if label is None:
                break
            prefix.append(Oordeel(label == "zelfde", u.gewicht))
            used.append(u)
        if d.get("bekend") is not None:
            prefix = [Oordeel(True, 1.0)] * int(d["bekend"])
        counted[name] = used
        strata.append(
            Stratum(name, bool(d["gekoppeld"]), int(d["eenheden"]), float(d["gewicht"]), float(d["model"]),
                    tuple(prefix))
        )  # fmt: skip
    return Stand([dict(d) for d in design], strata, counted, list(units), Onvergeleken.uit(opzet.get("vangsten")))


def _latest_run(session: Session) -> KoppelRun | None:
    return session.scalars(
        select(KoppelRun)
        .where(KoppelRun.soort == "volledig", KoppelRun.status == "voltooid")
        .order_by(KoppelRun.gestart_op.desc())
        .limit(1)
    ).first()


def _stand(session: Session) -> tuple[KoppelRun, Stand] | None:
    run = _latest_run(session)
    if run is None or not run.kwaliteit_opzet:
        return None
    units = [
        Getrokken(r.stratum, r.rang, pair_key(str(r.melding_a), str(r.melding_b)), r.gewicht, r.melder_paar,
                  tuple(r.variaties or ()), r.beoordeling_id)
        for r in session.scalars(select(KoppelSteekproef).where(KoppelSteekproef.run_id == run.id))
    ]  # fmt: skip
    return run, stand_van(run.kwaliteit_opzet, units, besluiten_per_paar(session))


def _domains(stand: Stand, dim: str, seed: int) -> dict[str, Schatting]:
    cells: dict[str, dict[str, Cel]] = {}
    for d in stand.design:
        for key, (n, w, s) in d.get("cellen", {}).get(dim, {}).items():
            cells.setdefault(key, {})[str(d["naam"])] = Cel(int(n), float(w), float(s))
    known = {str(d["naam"]) for d in stand.design if d.get("bekend") is not None}
    out: dict[str, Schatting] = {}
    size: dict[str, float] = {}
    for key, per_stratum in cells.items():
        oordelen: dict[str, list[Oordeel]] = {}
        for s in stand.strata:
            if s.naam in known:
                oordelen[s.naam] = [Oordeel(True, 1.0)] * (per_stratum[s.naam].eenheden if s.naam in per_stratum else 0)
                continue
            units = stand.counted.get(s.naam, [])
            oordelen[s.naam] = [
                o
                for u, o in zip(units, s.oordelen, strict=True)
                if (u.melder_paar == key if dim == "melder_paar" else key in u.variaties)
            ]
        out[key] = schat(domein_strata(stand.strata, per_stratum, oordelen), seed=seed)
        size[key] = sum(c.gewicht for c in per_stratum.values())
    return {k: out[k] for k in sorted(out, key=lambda k: (-size[k], k))}


def schat_stand(
    stand: Stand, *, seed: int = 0, domeinen: bool = True
) -> tuple[Schatting, dict[str, dict[str, Schatting]]]:
    """The overall estimate and, per dimension (``melder_paar``, ``variatie``), the estimate per domain."""
    totaal = schat(stand.strata, onvergeleken=stand.onvergeleken, seed=seed)
    per = {dim: _domains(stand, dim, seed) for dim in DIMENSIES} if domeinen else {dim: {} for dim in DIMENSIES}
    return totaal, per


def schatting(session: Session, *, domeinen: bool = True) -> KwaliteitsSchatting | None:
    """The estimated precision and recall of the latest full run's linkage (``None`` before a run with an
    audit). Deterministic: the Monte Carlo seed is derived from the run id."""
    found = _stand(session)
    if found is None:
        return None
    run, stand = found
    totaal, per = schat_stand(stand, seed=run.id.int % 2**32, domeinen=domeinen)
    opzet = run.kwaliteit_opzet or {}
    return KwaliteitsSchatting(
        run_id=run.id,
        totaal=totaal,
        per_melder_paar=per["melder_paar"],
        per_variatie=per["variatie"],
        strata=tuple(
            StratumStand(s.naam, s.gekoppeld, s.eenheden, s.gewicht, s.beslissingen, s.model, s.gemiddelde())
            for s in stand.strata
        ),
        niet_koppelbaar=int(opzet.get("niet_koppelbaar", 0)),
        onder_vloer=opzet.get("onder_vloer"),
        vloer=float(opzet.get("vloer", 0.0)),
    )


# ---- the queue's order -----------------------------------------------------------------------------------


def wachtrij_volgorde(session: Session, open_items: Sequence[tuple[uuid.UUID, float]]) -> list[uuid.UUID]:
    """Open review items in the order in which deciding them teaches most.

    Items of the latest run's audit come first, in :func:`zicht.linkage.kwaliteit.volgorde`'s order; the
    others (pairs of an incremental run, further pairs between two persons already represented) follow,
    most likely first.

    Args:
        session: open session.
        open_items: ``(item id, match probability)`` of every open item.
    """
    found = _stand(session)
    rest = sorted(open_items, key=lambda item: (-item[1], str(item[0])))
    if found is None:
        return [item_id for item_id, _ in rest]
    stand = found[1]
    open_ids = {item_id for item_id, _ in open_items}
    per_stratum: dict[str, list[uuid.UUID]] = {}
    placed: set[uuid.UUID] = set()
    for u in stand.units:
        if u.beoordeling_id is not None and u.beoordeling_id in open_ids and u.beoordeling_id not in placed:
            per_stratum.setdefault(u.stratum, []).append(u.beoordeling_id)
            placed.add(u.beoordeling_id)
    ordered: list[uuid.UUID] = volgorde(stand.strata, per_stratum)
    return ordered + [item_id for item_id, _ in rest if item_id not in placed]
