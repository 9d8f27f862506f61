# SPDX-License-Identifier: EUPL-1.2
"""Export meldingen in minimised form to CSV or XLSX (``zicht export meldingen``).

The export holds no identifying field and no free text: codes, dates of the report and of the exploitation
period, places as CBS gemeentecode or country code, birth year, age and age band - never a name, birth
date, document or phone number, the organisation's own reference or the ``toelichting``. Every export
appends logboek records (action ``exporteren``): one per exported melding, grouped by one trace id, or a
single record when nothing matched. The file is written to a temporary name and only renamed into place once
the logboek records are committed, so no export exists without its record.
"""

from __future__ import annotations

import csv
import os
import secrets
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.domain import leeftijdsklasse
from zicht.intake.columns import KOLOMMEN
from zicht.intake.kolom import Kindtabel, Kolom, Soort
from zicht.intake.store import kindtabel, plaatskolommen
from zicht.privacy import logboek
from zicht.storage.engine import transaction
from zicht.storage.tables import Melding, Organisatie

#: The exported fields, in declaration order.
_VELDEN = tuple(k for k in KOLOMMEN if k.export)
#: The value columns of each child table, in declaration order (a form of exploitation and its sectors are
#: rows of one table: both are read in the order form, sector).
_WAARDEKOLOMMEN: dict[str, tuple[str, ...]] = {}
for _k in KOLOMMEN:
    if isinstance(_k.opslag, Kindtabel):
        _WAARDEKOLOMMEN[_k.opslag.relatie] = (*_WAARDEKOLOMMEN.get(_k.opslag.relatie, ()), _k.opslag.kolom)


def _exportnamen(k: Kolom) -> tuple[str, ...]:
    """The export columns of a field: a value of the melding row is named after its column, values of a child
    table after the field; a date may add its year, the age its age band."""
    if k.soort is Soort.plaats:
        return tuple(c for c in plaatskolommen(k) if c is not None)
    if isinstance(k.opslag, str):
        return (
            k.kolomnaam,
            *((k.jaar,) if k.jaar else ()),
            *(("leeftijdsklasse",) if k.soort is Soort.leeftijd else ()),
        )
    return (k.naam,)


#: The exported columns, in order.
EXPORT_KOLOMMEN: tuple[str, ...] = (
    "melding_id",
    "persoon_id",
    "organisatie",
    "melder_soort",
    "melder_regio",
    *(naam for k in _VELDEN for naam in _exportnamen(k)),
    "bron",
    "codebook_versie",
    "gebiedsindeling_jaar",
)
EXPORT_FORMATEN = (".csv", ".xlsx")
DOEL = "export van geminimaliseerde meldingen voor analyse"
_BATCH = 900
_XLSX_MAX_ROWS = 1_048_575


class ExportFout(ValueError):
    """The export cannot be written as asked (message in Dutch / English)."""


@dataclass(frozen=True)
class ExportResultaat:
    """What was exported."""

    aantal: int
    formaat: str
    pad: Path
    trace_id: str


def exporteer_meldingen(
    sessions: sessionmaker[Session],
    doel: Path,
    *,
    actor: logboek.Actor,
    van: date | None = None,
    tot: date | None = None,
    melder: str | None = None,
    doel_omschrijving: str = DOEL,
) -> ExportResultaat:
    """Write meldingen (minimised) to ``doel`` (.csv or .xlsx) and record the export in the logboek.

    Args:
        sessions: session factory of the registry.
        doel: the output file; its suffix chooses the format.
        actor: who exports.
        van: first report date included (inclusive).
        tot: last report date included (inclusive).
        melder: only this organisation's meldingen (its code).
        doel_omschrijving: the purpose recorded in the logboek.

    Raises:
        ExportFout: unsupported suffix, unknown organisation, or too many rows for XLSX.
    """
    formaat = doel.suffix.lower()
    if formaat not in EXPORT_FORMATEN:
        raise ExportFout(
            f"kies een bestand op .csv of .xlsx, niet {formaat or '(geen extensie)'} / "
            f"choose a .csv or .xlsx file, not {formaat or '(no extension)'}"
        )
    if van and tot and van > tot:
        raise ExportFout("--van ligt na --tot / --van is after --tot")
    doel.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".zicht-export-", suffix=formaat, dir=doel.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    trace = secrets.token_hex(16)
    try:
        with transaction(sessions) as session:
            if melder is not None and session.scalar(select(Organisatie.id).where(Organisatie.code == melder)) is None:
                raise ExportFout(f"onbekende organisatie {melder!r} / unknown organisation {melder!r}")
            rows = _rows(session, _query(van, tot, melder))
            ids: list[tuple[str, str | None]] = []
            writer = _write_csv if formaat == ".csv" else _write_xlsx
            writer(tmp, _track(rows, ids))
            details: dict[str, object] = {
                "formaat": formaat.lstrip("."),
                "van": van.isoformat() if van else None,
                "tot": tot.isoformat() if tot else None,
                "melder": melder,
                "aantal": len(ids),
            }
            if ids:
                logboek.append(
                    session,
                    actor,
                    actie="exporteren",
                    object_type="melding",
                    object_ids=[i for i, _ in ids],
                    persoon_ids=[p for _, p in ids],
                    doel=doel_omschrijving,
                    details=details,
                    trace_id=trace,
                )
            else:
                logboek.append(
                    session,
                    actor,
                    actie="exporteren",
                    object_type="export",
                    doel=doel_omschrijving,
                    details=details,
                    trace_id=trace,
                )
        tmp.replace(doel)
    finally:
        tmp.unlink(missing_ok=True)
    return ExportResultaat(len(ids), formaat.lstrip("."), doel, trace)


def _query(van: date | None, tot: date | None, melder: str | None) -> Select[Any]:
    """Plain columns (no ORM objects, no relationship loading): the melding plus its organisation's code."""
    stmt = select(*Melding.__table__.columns, Organisatie.code.label("organisatie_code")).join(
        Organisatie, Organisatie.id == Melding.organisatie_id
    )
    if van is not None:
        stmt = stmt.where(Melding.melddatum >= van)
    if tot is not None:
        stmt = stmt.where(Melding.melddatum <= tot)
    if melder is not None:
        stmt = stmt.where(Organisatie.code == melder)
    return stmt.order_by(Melding.melddatum, Melding.id)


def _rows(session: Session, stmt: Select[Any]) -> Iterator[list[Any]]:
    """Export rows in batches: the melding columns plus its coded children, joined with ';'."""
    batch: list[Any] = []
    for row in session.execute(stmt.execution_options(yield_per=_BATCH)):
        batch.append(row)
        if len(batch) >= _BATCH:
            yield from _batch_rows(session, batch)
            batch = []
    if batch:
        yield from _batch_rows(session, batch)


Kinderen = dict[str, dict[uuid.UUID, list[str]]]


def _children(session: Session, ids: Sequence[uuid.UUID]) -> Kinderen:
    """The exported values of every field stored in a child table: {field name: {melding id: values}}."""
    uit: Kinderen = {}
    for k in _VELDEN:
        if not isinstance(k.opslag, Kindtabel):
            continue
        tabel, kolom = kindtabel(k), k.kindtabel.kolom
        per: dict[uuid.UUID, list[str]] = defaultdict(list)
        uit[k.naam] = per
        if k.soort is Soort.route:
            c = tabel.c
            for mid, soort, gemeente, land, datum in session.execute(
                select(c.melding_id, c.soort, c.gemeentecode, c.land, c.datum)
                .where(c.melding_id.in_(ids))
                .order_by(c.melding_id, c[k.kindtabel.volgorde or kolom])
            ):
                plaats = gemeente or land or "onbekend"
                per[mid].append(f"{soort}:{plaats}:{datum.isoformat()}" if datum else f"{soort}:{plaats}")
            continue
        volgorde = (k.kindtabel.volgorde,) if k.kindtabel.volgorde else _WAARDEKOLOMMEN[k.kindtabel.relatie]
        for mid, waarde in session.execute(
            select(tabel.c.melding_id, tabel.c[kolom])
            .where(tabel.c.melding_id.in_(ids))
            .order_by(tabel.c.melding_id, *(tabel.c[n] for n in volgorde))
        ):
            if k.soort is Soort.codes:
                per[mid].append(waarde)
            elif waarde not in per[mid] and not (k.soort is Soort.sector and waarde == "onbekend"):
                per[mid].append(waarde)  # forms and sectors: each once, a sector only when known
    return uit


def _waarden(k: Kolom, r: Any, kinderen: Kinderen) -> list[Any]:
    """The exported values of field ``k`` of melding row ``r``."""
    if k.soort is Soort.plaats:
        return [getattr(r, c) for c in plaatskolommen(k) if c is not None]
    if isinstance(k.opslag, str):
        w = getattr(r, k.kolomnaam)
        extra = [w.year] if k.jaar else [leeftijdsklasse(w)] if k.soort is Soort.leeftijd else []
        return [w, *extra]
    waarden = kinderen[k.naam].get(r.id, [])
    return [";".join(waarden) or ("onbekend" if k.soort is Soort.codes else "")]


def _batch_rows(session: Session, batch: list[Any]) -> Iterator[list[Any]]:
    kinderen = _children(session, [r.id for r in batch])
    for r in batch:
        mid = r.id
        yield [
            str(mid),
            str(r.persoon_id) if r.persoon_id else None,
            r.organisatie_code,
            r.melder_soort,
            r.melder_regio,
            *(w for k in _VELDEN for w in _waarden(k, r, kinderen)),
            r.bron,
            r.codebook_versie,
            r.gebiedsindeling_jaar,
        ]


def _track(rows: Iterator[list[Any]], ids: list[tuple[str, str | None]]) -> Iterator[list[Any]]:
    for row in rows:
        ids.append((row[0], row[1]))
        yield row


def _write_csv(path: Path, rows: Iterator[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(EXPORT_KOLOMMEN)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])


def _write_xlsx(path: Path, rows: Iterator[list[Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("meldingen")
    ws.append(list(EXPORT_KOLOMMEN))
    for n, row in enumerate(rows, start=1):
        if n > _XLSX_MAX_ROWS:
            raise ExportFout(
                "te veel meldingen voor één Excel-werkblad; exporteer naar .csv / too many meldingen for one "
                "Excel sheet; export to .csv"
            )
        ws.append(row)
    wb.save(path)
