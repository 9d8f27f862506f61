# SPDX-License-Identifier: EUPL-1.2
"""Linkage against the registry: full relink, incremental linking, export rows and person facts.

Everything here runs inside the trusted boundary: identities are decrypted from the vault into memory
(:func:`load_records`), linked by :mod:`zicht.linkage.engine`, and only melding ids, person ids, scores and
comparison levels are written back. Every run is recorded in ``koppel_run`` with its trained parameters and
in the logboek (one record for the run, one per melding whose person changed).

The review queue and analyst decisions live in :mod:`zicht.linkage.review` and are re-exported here.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pandas as pd
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from zicht.linkage.clusters import pair_key
from zicht.linkage.engine import Backend, Drempels, LinkResult, Progress, TrainedModel, TrainingConfig, link
from zicht.linkage.incremental import Koppeling, LinkIndex
from zicht.linkage.meting import KwaliteitsSchatting, bewaar, schatting
from zicht.linkage.model import REGISTER_CONTEXT, ContextVeld
from zicht.linkage.opslag import apply_assignment
from zicht.linkage.persons import Gebeurtenis, Toewijzing, assign
from zicht.linkage.review import (
    MeldingKenmerken,
    Niveau,
    ReviewItem,
    actieve_besluiten,
    decide,
    decide_pair,
    niveaus_van,
    reveal,
    review_count,
    review_item,
    review_queue,
    undo,
)
from zicht.linkage.steekproef import SteekproefConfig
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage.base import utcnow
from zicht.storage.tables import (
    Identiteit,
    KoppelBeoordeling,
    KoppelGebeurtenis,
    KoppelPaar,
    KoppelRun,
    KoppelStrijdig,
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingWerkwijze,
    Organisatie,
    Persoon,
)

__all__ = [
    "DOEL",
    "KwaliteitsSchatting",
    "MeldingKenmerken",
    "Niveau",
    "ReviewItem",
    "RunSamenvatting",
    "apply_assignment",
    "build_index",
    "decide",
    "decide_pair",
    "export_rows",
    "kwaliteit",
    "laatste_model",
    "link_new",
    "load_records",
    "persoon_melder_soorten",
    "relink",
    "reveal",
    "review_count",
    "review_item",
    "review_queue",
    "undo",
]

#: Purpose recorded in the logboek for linkage (processing activity).
DOEL = "koppelen van meldingen tot personen (ontdubbeling)"
_CHUNK = 900


@dataclass(frozen=True)
class RunSamenvatting:
    """What a run did (counts only). ``beoordelen``: pairs queued because the model is unsure;
    ``steekproef``: pairs of the quality audit queued besides them."""

    run_id: uuid.UUID
    soort: str
    meldingen: int
    kandidaten: int
    paren: int
    personen: int
    samenvoegingen: int
    splitsingen: int
    beoordelen: int
    nieuw: int
    tijden: dict[str, float] = field(default_factory=dict)
    steekproef: int = 0


def _versies() -> dict[str, str]:
    out: dict[str, str] = {}
    for package in ("zicht", "splink", "duckdb"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "onbekend"
    return out


# ---- reading -------------------------------------------------------------------------------------------


def load_records(session: Session, vault: Vault, melding_ids: Sequence[uuid.UUID] | None = None) -> pd.DataFrame:
    """Decrypt the identities of meldingen into a record frame for the engine (memory only).

    Args:
        session: open session.
        vault: decrypts the identity records.
        melding_ids: limit to these meldingen (default: all).

    Returns:
        One row per melding with ``melding_id`` (text) and the engine's input columns; ``persoon_id`` holds the
        current person (text or None).
    """
    stmt = (
        select(
            Melding.id,
            Melding.organisatie_id,
            Melding.melder_soort,
            Melding.melddatum,
            Melding.geslacht,
            Melding.geboortejaar,
            Melding.leeftijd_bij_melding,
            Melding.persoon_id,
            Melding.melder_regio,
            Melding.plaats_delict_gemeente,
            Melding.plaats_delict_land,
            Identiteit.sleutel_id,
            Identiteit.versleuteld,
        )
        .outerjoin(Identiteit, Identiteit.melding_id == Melding.id)
        .order_by(Melding.id)
    )
    rows: list[Any] = []
    if melding_ids is None:
        rows = list(session.execute(stmt))
    else:
        ids = list(melding_ids)
        for start in range(0, len(ids), _CHUNK):
            rows.extend(session.execute(stmt.where(Melding.id.in_(ids[start : start + _CHUNK]))))
    subset = [r.id for r in rows] if melding_ids is not None else None
    nationaliteiten = _children(session, MeldingNationaliteit, subset, MeldingNationaliteit.land)
    uitbuitingen = _children(session, MeldingUitbuiting, subset, MeldingUitbuiting.vorm, MeldingUitbuiting.sector)
    werkwijzen = _children(session, MeldingWerkwijze, subset, MeldingWerkwijze.werkwijze)
    records: dict[str, list[Any]] = {k: [] for k in _RECORD_COLUMNS}
    for r in rows:
        gegevens = vault.decrypt(r.id, r.sleutel_id, r.versleuteld) if r.versleuteld is not None else None
        records["melding_id"].append(str(r.id))
        records["voornamen"].append(gegevens.voornamen if gegevens else None)
        records["achternaam"].append(gegevens.achternaam if gegevens else None)
        records["geboortedatum"].append(gegevens.geboortedatum if gegevens else None)
        records["documentnummer"].append(list(gegevens.documentnummers) if gegevens else None)
        records["telefoonnummer"].append(list(gegevens.telefoonnummers) if gegevens else None)
        records["geboortejaar"].append(r.geboortejaar)
        records["leeftijd"].append(r.leeftijd_bij_melding)
        records["melddatum"].append(r.melddatum)
        records["geslacht"].append(r.geslacht)
        records["nationaliteit"].append([land for (land,) in nationaliteiten.get(r.id, [])])
        records["melder"].append(str(r.organisatie_id))
        records["melder_soort"].append(r.melder_soort)
        records["melder_regio"].append(r.melder_regio)
        records["plaats_delict"].append(r.plaats_delict_gemeente or r.plaats_delict_land)
        uitbuiting = uitbuitingen.get(r.id, [])
        records["uitbuitingsvorm"].append(sorted({vorm for vorm, _ in uitbuiting}))
        records["sector"].append(sorted({sector for _, sector in uitbuiting} - {"onbekend"}))
        records["werkwijze"].append(sorted({werkwijze for (werkwijze,) in werkwijzen.get(r.id, [])}))
        records["persoon_id"].append(str(r.persoon_id) if r.persoon_id else None)
    return pd.DataFrame(records, dtype=object)


_RECORD_COLUMNS = (
    "melding_id",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "documentnummer",
    "telefoonnummer",
    "geboortejaar",
    "leeftijd",
    "melddatum",
    "geslacht",
    "nationaliteit",
    "melder",
    "melder_soort",
    "melder_regio",
    "plaats_delict",
    "uitbuitingsvorm",
    "sector",
    "werkwijze",
    "persoon_id",
)


def _children(
    session: Session, table: Any, ids: Sequence[uuid.UUID] | None, *columns: Any
) -> dict[uuid.UUID, list[tuple[Any, ...]]]:
    """Rows of ``columns`` of a child table (nationalities, forms of exploitation) per melding, in stored
    order; one query (per chunk of ids) for all the columns."""
    order = [table.melding_id, table.volgorde] if hasattr(table, "volgorde") else [table.melding_id, *columns]
    stmt = select(table.melding_id, *columns).order_by(*order)
    out: dict[uuid.UUID, list[tuple[Any, ...]]] = {}
    if ids is None:
        result = list(session.execute(stmt))
    else:
        result = []
        for start in range(0, len(ids), _CHUNK):
            result.extend(session.execute(stmt.where(table.melding_id.in_(ids[start : start + _CHUNK]))))
    for melding_id, *values in result:
        out.setdefault(melding_id, []).append(tuple(values))
    return out


def laatste_model(session: Session) -> tuple[uuid.UUID, TrainedModel, Drempels] | None:
    """The trained model and thresholds of the latest completed full run, if any."""
    run = session.scalars(
        select(KoppelRun)
        .where(KoppelRun.soort == "volledig", KoppelRun.status == "voltooid")
        .order_by(KoppelRun.gestart_op.desc())
        .limit(1)
    ).first()
    if run is None or not run.parameters:
        return None
    return run.id, TrainedModel.from_dict(run.parameters), Drempels(run.drempel_boven, run.drempel_onder)


def _store_pairs(session: Session, run_id: uuid.UUID, pairs: pd.DataFrame, *, replace: bool) -> int:
    if replace:
        session.execute(delete(KoppelPaar))
    if pairs.empty:
        return 0
    rows = [
        {
            "melding_a": uuid.UUID(a),
            "melding_b": uuid.UUID(b),
            "run_id": run_id,
            "match_probability": float(p),
            "match_weight": float(w),
        }
        for a, b, p, w in zip(
            pairs["melding_a"], pairs["melding_b"], pairs["match_probability"], pairs["match_weight"], strict=True
        )
    ]
    if not replace:
        existing = {
            (str(a), str(b))
            for a, b in session.execute(
                select(KoppelPaar.melding_a, KoppelPaar.melding_b).where(
                    KoppelPaar.melding_a.in_({r["melding_a"] for r in rows})
                )
            )
        }
        rows = [r for r in rows if (str(r["melding_a"]), str(r["melding_b"])) not in existing]
    for start in range(0, len(rows), 5000):
        session.execute(insert(KoppelPaar), rows[start : start + 5000])
    return len(rows)


def _store_conflicts(session: Session, run_id: uuid.UUID, pairs: Iterable[tuple[str, str]], *, replace: bool) -> None:
    """Store the model's person-level cannot-links (:class:`KoppelStrijdig`); ids only."""
    if replace:
        session.execute(delete(KoppelStrijdig))
    rows = {pair_key(str(a), str(b)) for a, b in pairs}
    if not replace and rows:
        firsts = {uuid.UUID(a) for a, _ in rows}
        existing = {
            (str(a), str(b))
            for a, b in session.execute(
                select(KoppelStrijdig.melding_a, KoppelStrijdig.melding_b).where(KoppelStrijdig.melding_a.in_(firsts))
            )
        }
        rows -= existing
    values = [{"melding_a": uuid.UUID(a), "melding_b": uuid.UUID(b), "run_id": run_id} for a, b in sorted(rows)]
    for start in range(0, len(values), 5000):
        session.execute(insert(KoppelStrijdig), values[start : start + 5000])


def _queue(
    session: Session, run_id: uuid.UUID, model: TrainedModel, pairs: pd.DataFrame
) -> dict[tuple[str, str], uuid.UUID]:
    """Put pairs in the review queue; returns the new items' ids by pair (text ids, ordered)."""
    if pairs.empty:
        return {}
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "run_id": run_id,
            "melding_a": uuid.UUID(str(row["melding_a"])),
            "melding_b": uuid.UUID(str(row["melding_b"])),
            "match_probability": float(row["match_probability"]),
            "match_weight": float(row["match_weight"]),
            "niveaus": niveaus_van(model, row),
            "status": "open",
            "aangemaakt_op": now,
            "soort": "wachtrij",
        }
        for row in pairs.to_dict("records")
    ]
    for start in range(0, len(rows), 2000):
        session.execute(insert(KoppelBeoordeling), rows[start : start + 2000])
    return {pair_key(str(r["melding_a"]), str(r["melding_b"])): uuid.UUID(str(r["id"])) for r in rows}


def _log_changes(
    session: Session,
    actor: logboek.Actor,
    run_id: uuid.UUID,
    changed: Sequence[str],
    personen: Mapping[str, str],
    details: dict[str, object],
) -> None:
    trace = uuid.uuid4().hex
    logboek.append(
        session, actor, actie="koppelen", object_type="koppel_run", object_ids=[str(run_id)], doel=DOEL,
        details=details, trace_id=trace,
    )  # fmt: skip
    if changed:
        logboek.append(
            session, actor, actie="koppelen", object_type="melding", object_ids=list(changed),
            persoon_ids=[personen[m] for m in changed], doel=DOEL, details={"run_id": str(run_id)}, trace_id=trace,
        )  # fmt: skip


# ---- full relink -----------------------------------------------------------------------------------------


def relink(
    session: Session,
    vault: Vault,
    actor: logboek.Actor,
    *,
    engine: Backend = "duckdb",
    drempels: Drempels | None = None,
    config: TrainingConfig | None = None,
    progress: Progress | None = None,
    spark_session: Any = None,
    context: Sequence[ContextVeld] = REGISTER_CONTEXT,
    steekproef: SteekproefConfig | None = None,
) -> RunSamenvatting:
    """Relink every melding: train, score, cluster with analyst decisions, keep stable person ids.

    Runs in the caller's transaction. Open review items of earlier runs lapse (``vervallen``); the queue is
    rebuilt from this run, with the run's quality audit (:mod:`zicht.linkage.meting`; its random order is
    seeded by the run id). Stored pairs are replaced.

    Args:
        session: open session (commit is the caller's).
        vault: decrypts identities in memory.
        actor: who runs it (logboek).
        engine: ``duckdb`` or ``spark``.
        drempels: thresholds (default :class:`Drempels`).
        config: training configuration (seed, sample sizes).
        progress: callback ``(stage, fraction)``.
        spark_session: an existing Spark session for ``engine="spark"``.
        context: non-identifying melding attributes compared as extra evidence.
        steekproef: size, floor and bands of the quality audit (default :class:`SteekproefConfig`).
    """
    drempels = drempels or Drempels()
    config = config or TrainingConfig()
    run = KoppelRun(
        soort="volledig", engine=engine, status="bezig", parameters={}, drempel_boven=drempels.boven,
        drempel_onder=drempels.onder, seed=config.seed, tijden={}, versies=_versies(),
        uitgevoerd_door=actor.id, gestart_op=utcnow(),
    )  # fmt: skip
    session.add(run)
    session.flush()
    audit = dataclasses.replace(steekproef or SteekproefConfig(), seed=run.id.int % 2**32)
    records = load_records(session, vault)
    previous = {m: p for m, p in zip(records["melding_id"], records["persoon_id"], strict=True) if p}
    zelfde, verschillend = actieve_besluiten(session)
    result: LinkResult | None = None
    if len(records) >= 2:
        result = link(
            records.drop(columns=["persoon_id"]), drempels=drempels, config=config, zelfde=zelfde, context=context,
            verschillend=verschillend, backend=engine, spark_session=spark_session, progress=progress,
            steekproef=audit,
        )  # fmt: skip
        labels: Mapping[str, str] = result.clusters.labels
    else:
        labels = {m: m for m in records["melding_id"]}
    ages = _person_ages(session)
    toewijzing = assign(labels, previous, age=ages)
    changed = apply_assignment(session, toewijzing, oorzaak="herkoppeling", run_id=run.id, previous=previous)

    session.execute(update(KoppelBeoordeling).where(KoppelBeoordeling.status == "open").values(status="vervallen"))
    paren = queued = sampled = 0
    if result is not None:
        paren = _store_pairs(session, run.id, result.paren, replace=True)
        _store_conflicts(session, run.id, result.strijdig, replace=True)
        decided = [(str(a), str(b)) for a, b, _ in _all_decided_pairs(session)]
        in_queue = _queue(session, run.id, result.model, result.review_pairs(decided))
        model = result.model
        if result.steekproef is not None:
            sampled = bewaar(session, run, result.steekproef, lambda row: niveaus_van(model, row), in_queue)
        queued = len(in_queue)
        run.parameters = result.model.to_dict()
        run.aantal_kandidaten = result.kandidaten
        run.tijden = {k: round(v, 3) for k, v in result.tijden.items()}
    samen = sum(1 for g in toewijzing.gebeurtenissen if g.soort == "samenvoeging")
    split = sum(1 for g in toewijzing.gebeurtenissen if g.soort == "splitsing")
    run.aantal_meldingen = len(records)
    run.aantal_paren = paren
    run.aantal_personen = len(set(toewijzing.personen.values()))
    run.aantal_samenvoegingen = samen
    run.aantal_splitsingen = split
    run.aantal_beoordelen = queued
    run.status = "voltooid"
    run.voltooid_op = utcnow()
    _log_changes(
        session, actor, run.id, changed, toewijzing.personen,
        {"soort": "volledig", "meldingen": len(records), "personen": run.aantal_personen, "gewijzigd": len(changed),
         "samenvoegingen": samen, "splitsingen": split, "beoordelen": queued, "steekproef": sampled},
    )  # fmt: skip
    session.flush()
    return RunSamenvatting(
        run_id=run.id, soort="volledig", meldingen=len(records), kandidaten=run.aantal_kandidaten, paren=paren,
        personen=run.aantal_personen, samenvoegingen=samen, splitsingen=split, beoordelen=queued,
        nieuw=len(toewijzing.nieuw), tijden=dict(run.tijden), steekproef=sampled,
    )  # fmt: skip


def kwaliteit(session: Session) -> KwaliteitsSchatting | None:
    """Estimated precision and recall of the latest full run's linkage from the analysts' decisions on its
    audit (see :mod:`zicht.linkage.meting`); ``None`` before the first full run with an audit."""
    return schatting(session)


def _person_ages(session: Session) -> dict[str, int]:
    rows = session.execute(select(Persoon.id).order_by(Persoon.aangemaakt_op, Persoon.id))
    return {str(pid): i for i, (pid,) in enumerate(rows)}


def _all_decided_pairs(session: Session) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    zelfde, verschillend = actieve_besluiten(session)
    return [(uuid.UUID(a), uuid.UUID(b), "zelfde") for a, b in zelfde] + [
        (uuid.UUID(a), uuid.UUID(b), "verschillend") for a, b in verschillend
    ]


# ---- incremental -----------------------------------------------------------------------------------------


def build_index(session: Session, vault: Vault) -> LinkIndex:
    """A warm in-memory index of every linked melding with the latest model (for :func:`link_new`).

    Raises:
        LookupError: no completed full run exists yet (run ``zicht link`` first).
    """
    latest = laatste_model(session)
    if latest is None:
        raise LookupError("nog geen volledige koppeling / no full linkage run yet")
    _, model, drempels = latest
    records = load_records(session, vault)
    linked = records[records["persoon_id"].notna()]
    _, verschillend = actieve_besluiten(session)
    return LinkIndex.build(
        linked.drop(columns=["persoon_id"]),
        dict(zip(linked["melding_id"], linked["persoon_id"], strict=True)),
        model,
        drempels,
        verschillend=verschillend,
    )


def link_new(
    session: Session,
    vault: Vault,
    actor: logboek.Actor,
    *,
    melding_ids: Sequence[uuid.UUID] | None = None,
    index: LinkIndex | None = None,
) -> list[Koppeling]:
    """Link new meldingen (default: every melding without a person) on arrival, without retraining.

    Each melding is scored against the index, attached to a person or given a new one, and added to the
    index before the next, so two new meldingen of one person in one batch end up together. Merges are
    recorded as events, review candidates queued, the run and every new link logged.

    Args:
        session: open session (commit is the caller's).
        vault: decrypts the new meldingen (and builds the index when none is given).
        actor: who links (logboek).
        melding_ids: the meldingen to link; default all meldingen without a person.
        index: a warm index (from :func:`build_index`); it is updated in place.
    """
    latest = laatste_model(session)
    if latest is None:
        raise LookupError("nog geen volledige koppeling / no full linkage run yet")
    model_run, model, drempels = latest
    if melding_ids is None:
        melding_ids = list(
            session.scalars(
                select(Melding.id)
                .where(Melding.persoon_id.is_(None), Melding.ingetrokken_op.is_(None))
                .order_by(Melding.id)
            )
        )
    if not melding_ids:
        return []
    index = index or build_index(session, vault)
    run = KoppelRun(
        soort="incrementeel", engine="duckdb", status="bezig", parameters={}, model_van=model_run,
        drempel_boven=drempels.boven, drempel_onder=drempels.onder, seed=model.training.seed, tijden={},
        versies=_versies(), uitgevoerd_door=actor.id, gestart_op=utcnow(),
    )  # fmt: skip
    session.add(run)
    session.flush()
    records = load_records(session, vault, melding_ids).drop(columns=["persoon_id"])
    before = dict(index.personen)
    results: list[Koppeling] = []
    review_rows: list[dict[str, Any]] = []
    pair_rows: list[dict[str, Any]] = []
    for i in range(len(records)):
        k = index.link_one(records.iloc[[i]])
        results.append(k)
        for c in k.kandidaten:
            a, b = pair_key(k.melding_id, c.melding_id)
            row = {
                "melding_a": a,
                "melding_b": b,
                "match_probability": c.match_probability,
                "match_weight": c.match_weight,
            }
            pair_rows.append(row)
        for c in k.beoordelen:
            a, b = pair_key(k.melding_id, c.melding_id)
            review_rows.append(
                {"melding_a": a, "melding_b": b, "match_probability": c.match_probability,
                 "match_weight": c.match_weight, **{f"gamma_{n}": g for n, g in c.niveaus.items()},
                 **{f"mw_{n}": w for n, w in c.gewichten.items()}}
            )  # fmt: skip
    existing = set(before.values())
    final = set(index.personen.values())
    events = tuple(g for k in results for g in k.gebeurtenissen)
    toewijzing = Toewijzing(
        personen={m: p for m, p in index.personen.items() if before.get(m) != p},
        gebeurtenissen=events,
        # persons of earlier meldingen absorbed by a merge; a person created and absorbed within this batch
        # never got a row
        opgeheven=tuple(sorted({old for g in events for old in g.van if old in existing and old not in final})),
        nieuw=tuple(sorted(p for p in final - existing)),
    )
    changed = apply_assignment(session, toewijzing, oorzaak="incrementeel", run_id=run.id, previous=before)
    _store_pairs(
        session,
        run.id,
        pd.DataFrame(pair_rows, columns=["melding_a", "melding_b", "match_probability", "match_weight"]),
        replace=False,
    )
    _store_conflicts(session, run.id, [pair_key(k.melding_id, m) for k in results for m in k.strijdig], replace=False)
    queued = (
        len(_queue(session, run.id, model, pd.DataFrame(review_rows).drop_duplicates(["melding_a", "melding_b"])))
        if review_rows
        else 0
    )
    run.aantal_meldingen = len(records)
    run.aantal_paren = len(pair_rows)
    run.aantal_personen = len(set(index.personen.values()))
    run.aantal_samenvoegingen = len(events)
    run.aantal_beoordelen = queued
    run.tijden = {"per_melding_max": round(max(k.seconden for k in results), 4)}
    run.status = "voltooid"
    run.voltooid_op = utcnow()
    _log_changes(
        session, actor, run.id, changed, index.personen,
        {"soort": "incrementeel", "meldingen": len(records), "samenvoegingen": len(events), "beoordelen": queued},
    )  # fmt: skip
    session.flush()
    return results


# ---- export and person facts ------------------------------------------------------------------------------

EXPORT_KOLOMMEN = ("melder", "melder_soort", "melder_referentie", "persoon_id")


def export_rows(session: Session) -> Iterator[dict[str, str]]:
    """One row per melding: organisation code, kind, the organisation's reference and the person id.

    Nothing identifying: no names, dates, numbers or free text.
    """
    stmt = (
        select(Organisatie.code, Melding.melder_soort, Melding.melder_referentie, Melding.persoon_id)
        .join(Organisatie, Organisatie.id == Melding.organisatie_id)
        .order_by(Organisatie.code, Melding.melder_referentie)
        .execution_options(yield_per=5000)
    )
    for code, soort, referentie, persoon in session.execute(stmt):
        yield {
            "melder": code,
            "melder_soort": soort,
            "melder_referentie": referentie,
            "persoon_id": str(persoon) if persoon else "",
        }


def persoon_melder_soorten(session: Session) -> dict[str, frozenset[str]]:
    """Per active person: the melder kinds that reported them (input for the dark-number estimate)."""
    stmt = select(Melding.persoon_id, Melding.melder_soort).where(Melding.persoon_id.is_not(None)).distinct()
    out: dict[str, set[str]] = {}
    for persoon, soort in session.execute(stmt):
        out.setdefault(str(persoon), set()).add(soort)
    return {p: frozenset(s) for p, s in out.items()}


def aantal_personen(session: Session) -> int:
    """Number of distinct persons with at least one melding."""
    return int(session.scalar(select(func.count(func.distinct(Melding.persoon_id)))) or 0)


def events_since(session: Session, run_id: uuid.UUID) -> list[Gebeurtenis]:
    """Merge/split events recorded for a run (for reports and tests)."""
    rows = session.scalars(select(KoppelGebeurtenis).where(KoppelGebeurtenis.run_id == run_id))
    return [Gebeurtenis(r.soort, tuple(r.van), tuple(r.naar), r.aantal_meldingen) for r in rows]
