# SPDX-License-Identifier: EUPL-1.2
"""Uploads of files with meldingen by a reporting organisation, and their row reports.

The work is done by :func:`zicht.intake.importer.importeer_bestand`; this module adds the caller's rights
and scope: an organisation uploads only for itself and sees only its own imports.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from zicht.intake.importer import AfgewezenRij, ImportRapport, importeer_bestand
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Recht, Toegang
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage.engine import transaction
from zicht.storage.tables import ImportRun

#: Largest file accepted through the web and the API (the CLI has no limit).
MAX_BESTAND_BYTES = 20 * 1024 * 1024


def upload_bestand(
    sessions: sessionmaker[Session],
    vault: Vault,
    reference: Referentiedata,
    toegang: Toegang,
    inhoud: bytes,
    bestandsnaam: str | None,
) -> ImportRapport:
    """Import a file for the caller's own organisation.

    Raises:
        GeenToegang: the caller may not upload or has no organisation.
        BestandsFout: the file as a whole is unusable (nothing is written).
    """
    toegang.vereis(Recht.upload)
    if toegang.organisatie_code is None:
        raise GeenToegang("geen organisatie")
    return importeer_bestand(
        sessions, vault, reference, toegang.organisatie_code, inhoud, bestandsnaam=bestandsnaam, actor=toegang.actor()
    )


def haal_import(session: Session, toegang: Toegang, import_id: uuid.UUID) -> ImportRun | None:
    """An import of the caller's own organisation, or None (also for another organisation's import)."""
    toegang.vereis(Recht.upload)
    if toegang.organisatie_id is None:
        return None
    return session.scalar(
        select(ImportRun).where(ImportRun.id == import_id, ImportRun.organisatie_id == toegang.organisatie_id)
    )


def log_export_rapport(sessions: sessionmaker[Session], toegang: Toegang, import_id: uuid.UUID) -> None:
    """Record the download of a row report (it holds no identifying values, but is an export)."""
    with transaction(sessions) as session:
        logboek.append(
            session,
            toegang.actor(),
            actie="exporteren",
            object_type="import",
            object_ids=[str(import_id)],
            doel="terugkoppeling van afgewezen rijen aan de melder",
        )


def rapport_van_import(run: ImportRun, organisatie_code: str) -> ImportRapport:
    """Rebuild the report of a finished import from its stored record (for the CSV download)."""
    rapport = ImportRapport(
        run.id,
        organisatie_code,
        run.formaat,
        run.bestand_sha256,
        read=run.gelezen,
        accepted=run.geaccepteerd,
        stored=run.opgeslagen,
        already_present=run.al_aanwezig,
        rejected=run.afgewezen,
    )
    for entry in run.rapport or []:
        if "weggelaten" in entry:
            rapport.afgewezen_weggelaten = int(str(entry["weggelaten"]))
            continue
        rij = AfgewezenRij(
            rijnummer=entry.get("rijnummer"),  # type: ignore[arg-type]
            kolom=entry.get("kolom"),  # type: ignore[arg-type]
            waarde=entry.get("waarde"),  # type: ignore[arg-type]
            code=str(entry.get("code", "")),
            reden_nl=str(entry.get("reden_nl", "")),
            reden_en=str(entry.get("reden_en", "")),
        )
        if rij.rijnummer is None:
            rapport.afgebroken = rij
        else:
            rapport.afgewezen.append(rij)
            rapport.conflicts += rij.code == "conflict"
    return rapport
