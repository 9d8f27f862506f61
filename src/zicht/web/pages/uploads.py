# SPDX-License-Identifier: EUPL-1.2
"""Upload page of a reporting organisation: a file in, the row report on screen and as a CSV download."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from zicht.intake.files import BestandsFout
from zicht.intake.importer import rapport_csv
from zicht.privacy.toegang import Recht
from zicht.registry.uploads import (
    MAX_BESTAND_BYTES,
    haal_import,
    log_export_rapport,
    rapport_van_import,
    upload_bestand,
)
from zicht.storage.tables import ImportRun
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.formulier import bestand, formulier
from zicht.web.templating import render

router = APIRouter()
Uploader = Annotated[Aangemeld, Depends(Vereist(Recht.upload))]
MAX_RIJEN_OP_SCHERM = 500


def _pagina(request: Request, aangemeld: Aangemeld, fouten: list[dict[str, str]], status_code: int = 200) -> Response:
    with web(request).transactie() as s:
        eerdere = s.scalars(
            select(ImportRun)
            .where(ImportRun.organisatie_id == aangemeld.toegang.organisatie_id)
            .order_by(ImportRun.aangemaakt_op.desc())
            .limit(10)
        ).all()
    return render(
        request,
        "uploads/nieuw.html",
        {"fouten": fouten, "eerdere": eerdere, "max_mb": MAX_BESTAND_BYTES // (1024 * 1024)},
        status_code=status_code,
    )


@router.get("/uploads")
def uploadpagina(request: Request, aangemeld: Uploader) -> Response:
    return _pagina(request, aangemeld, [])


@router.post("/uploads")
def uploaden(request: Request, aangemeld: Uploader, form: Annotated[FormData, Depends(formulier)]) -> Response:
    ctx = web(request)
    upload = bestand(form, "bestand")
    if upload is None or not upload.filename:
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": "Kies een bestand."}], 400)
    inhoud = upload.file.read(MAX_BESTAND_BYTES + 1)
    if len(inhoud) > MAX_BESTAND_BYTES:
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": "Het bestand is te groot."}], 413)
    try:
        rapport = upload_bestand(ctx.sessions, ctx.vault, ctx.reference, aangemeld.toegang, inhoud, upload.filename)
    except BestandsFout as exc:  # unusable or over a limit (ZICHT_IMPORT_MAX_*): nothing was written
        tekst = exc.reden_en if i18n.kies_taal(request)[0] == "en" else exc.reden_nl
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": tekst}], 400)
    return _rapport(request, aangemeld, rapport.import_id)


def _rapport(request: Request, aangemeld: Aangemeld, import_id: uuid.UUID) -> Response:
    with web(request).transactie() as s:
        run = haal_import(s, aangemeld.toegang, import_id)
        if run is None or aangemeld.toegang.organisatie_code is None:
            raise HTTPException(404)
        rapport = rapport_van_import(run, aangemeld.toegang.organisatie_code)
    rijen = [*rapport.afgewezen, *([rapport.afgebroken] if rapport.afgebroken else [])]
    return render(
        request,
        "uploads/rapport.html",
        {
            "run": run,
            "rapport": rapport,
            "rijen": rijen[:MAX_RIJEN_OP_SCHERM],
            "meer": max(0, len(rijen) - MAX_RIJEN_OP_SCHERM),
        },
    )


@router.get("/uploads/{import_id}")
def uploadrapport(request: Request, aangemeld: Uploader, import_id: uuid.UUID) -> Response:
    return _rapport(request, aangemeld, import_id)


@router.get("/uploads/{import_id}/rapport")
def rapport_downloaden(request: Request, aangemeld: Uploader, import_id: uuid.UUID) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        run = haal_import(s, aangemeld.toegang, import_id)
        if run is None or aangemeld.toegang.organisatie_code is None:
            raise HTTPException(404)
        rapport = rapport_van_import(run, aangemeld.toegang.organisatie_code)
    log_export_rapport(ctx.sessions, aangemeld.toegang, import_id)
    return Response(
        rapport_csv(rapport),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="rijrapport-{import_id}.csv"'},
    )


FEATURE = Feature(naam="uploads", pages=router, nav=(NavItem("/uploads", "Bestand aanleveren", Recht.upload, 12),))
