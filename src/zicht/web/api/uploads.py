# SPDX-License-Identifier: EUPL-1.2
"""API: upload a file of meldingen (CSV, XLSX, JSON lines) as an import job and follow it: ``202 Accepted``
with ``Location`` at once, then the job's status, counts and row report as JSON or, with ``Accept: text/csv``,
the row report as CSV."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Path, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from zicht.intake.files import BestandsFout
from zicht.intake.importer import ImportRapport, rapport_csv
from zicht.privacy.toegang import Recht, Toegang
from zicht.registry.uploads import (
    MAX_BESTAND_BYTES,
    haal_import,
    importwerkers,
    log_export_rapport,
    rapport_van_import,
    toon_status,
    upload_bestand,
)
from zicht.storage.tables import ImportRun
from zicht.web.api import schemas
from zicht.web.api.auth import ApiVereist
from zicht.web.api.problemen import TYPE_ONGELDIG, ApiProbleem, OngeldigeParameter, antwoorden
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.security import API_PREFIX

router = APIRouter(prefix="/uploads", tags=["uploads"])
Uploaden = Annotated[Toegang, Depends(ApiVereist(Recht.upload))]


class Importtaak(schemas.Importrapport):
    """An upload as an import job: its status, the counts so far (gelezen = geaccepteerd + afgewezen once it
    has ended) and the rejected rows."""

    status: Literal["bezig", "klaar", "afgebroken", "onderbroken"]
    reden: str | None = None


def naar_rapport(rapport: ImportRapport, run: ImportRun, status: str) -> Importtaak:
    """The API view of an import job and its report."""
    return Importtaak(
        id=rapport.import_id,
        status=status,
        reden=run.reden,
        formaat=rapport.formaat,
        gelezen=rapport.read,
        geaccepteerd=rapport.accepted,
        opgeslagen=rapport.stored,
        al_aanwezig=rapport.already_present,
        afgewezen=rapport.rejected,
        afwijzingen=[
            schemas.Afwijzing(
                rijnummer=a.rijnummer,
                kolom=a.kolom,
                waarde=a.waarde,
                code=a.code,
                reden=a.reden_nl,
                reden_en=a.reden_en,
            )
            for a in [*rapport.afgewezen, *([rapport.afgebroken] if rapport.afgebroken else [])]
        ],
        afwijzingen_weggelaten=rapport.afgewezen_weggelaten,
        aangemaakt_op=run.aangemaakt_op,
    )


@router.post(
    "",
    response_model=Importtaak,
    status_code=202,
    responses=antwoorden(400, 401, 403, 413),
    summary="Bestand met meldingen aanleveren",
)
def maak_upload(
    request: Request,
    response: Response,
    toegang: Uploaden,
    bestand: Annotated[UploadFile, File(description="CSV (UTF-8), XLSX of JSON lines; zie docs/importformaat.md.")],
) -> Importtaak:
    """Controleert het bestand en zet het in de wachtrij voor uw organisatie (202 Accepted). De rijen worden op
    de achtergrond gelezen: volg de taak via de Location-header tot de status `klaar` of `afgebroken` is. Elke
    rij wordt opgeslagen of afgewezen (gelezen = geaccepteerd + afgewezen)."""
    inhoud = bestand.file.read(MAX_BESTAND_BYTES + 1)
    if len(inhoud) > MAX_BESTAND_BYTES:
        raise ApiProbleem(413, f"Het bestand is groter dan {MAX_BESTAND_BYTES // (1024 * 1024)} MB.")
    ctx = web(request)
    try:
        import_id = upload_bestand(
            importwerkers(ctx.sessions, ctx.vault, ctx.reference, ctx.settings), toegang, inhoud, bestand.filename
        )
    except BestandsFout as exc:
        raise ApiProbleem(
            400,
            exc.reden_nl,
            type=TYPE_ONGELDIG,
            invalid_params=[OngeldigeParameter(name="bestand", code=exc.code, reason=exc.reden_nl)],
        ) from None
    with ctx.transactie() as s:
        run = haal_import(s, toegang, import_id)
        assert run is not None and toegang.organisatie_code is not None
        response.headers["Location"] = f"{API_PREFIX}/uploads/{run.id}"
        return naar_rapport(rapport_van_import(run, toegang.organisatie_code), run, toon_status(run, ctx.settings))


@router.get(
    "/{uploadId}",
    response_model=Importtaak,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "De status en het rijrapport (JSON, of het rijrapport als CSV met Accept: text/csv).",
        },
        **antwoorden(400, 401, 403, 404),
    },
    summary="Status en rijrapport van een upload",
)
def lees_upload(
    request: Request, toegang: Uploaden, upload_id: Annotated[uuid.UUID, Path(alias="uploadId")]
) -> Importtaak | Response:
    """De status (`bezig`, `klaar`, `afgebroken` met de reden, of `onderbroken` als de verwerking stilviel), de
    aantallen tot nu toe en het rijrapport van een upload van uw organisatie."""
    ctx = web(request)
    with ctx.transactie() as s:
        run = haal_import(s, toegang, upload_id)
        if run is None or toegang.organisatie_code is None:
            raise ApiProbleem(404, "Deze upload bestaat niet, of is niet van uw organisatie.")
        rapport = rapport_van_import(run, toegang.organisatie_code)
        status = toon_status(run, ctx.settings)
    if "text/csv" in request.headers.get("accept", ""):
        log_export_rapport(ctx.sessions, toegang, upload_id)
        return Response(rapport_csv(rapport), media_type="text/csv; charset=utf-8")
    return naar_rapport(rapport, run, status)


FEATURE = Feature(naam="api-uploads", api=router)
