# SPDX-License-Identifier: EUPL-1.2
"""Upload page of a reporting organisation: a file in, its progress live, the row report on screen and as a
CSV download.

The file is checked in the request and imported by a background worker (``zicht.registry.uploads``); the
form answers at once with a redirect to the job's page, which shows the counts while the job runs (htmx polls
a fragment every two seconds; without JavaScript a link refreshes the page) and the row report when it ends.
"""

from __future__ import annotations

import io
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.intake.files import BestandsFout
from zicht.intake.importer import rapport_csv
from zicht.intake.template import schrijf_sjabloon
from zicht.privacy.toegang import Recht
from zicht.registry.uploads import (
    MAX_BESTAND_BYTES,
    ONDERBROKEN,
    haal_import,
    importwerkers,
    log_export_rapport,
    rapport_van_import,
    toon_status,
    upload_bestand,
)
from zicht.storage.tables import ImportRun
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
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
    settings = web(request).settings
    return render(
        request,
        "uploads/nieuw.html",
        {
            "fouten": fouten,
            "eerdere": eerdere,
            "statussen": {run.id: toon_status(run, settings) for run in eerdere},
            "max_mb": MAX_BESTAND_BYTES // (1024 * 1024),
        },
        status_code=status_code,
    )


@router.get("/uploads")
def uploadpagina(request: Request, aangemeld: Uploader) -> Response:
    return _pagina(request, aangemeld, [])


@router.get("/uploads/sjabloon.xlsx")
def sjabloon(request: Request, aangemeld: Uploader) -> Response:
    """The import template (the same file as ``zicht template``): every column with its explanation, drop-down
    lists from the codebook and the gemeenten of the reference data."""
    buffer = io.BytesIO()
    schrijf_sjabloon(buffer, web(request).reference)
    return Response(
        buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="zicht-meldingen-sjabloon.xlsx"'},
    )


@router.post("/uploads")
def uploaden(request: Request, aangemeld: Uploader, form: Annotated[FormData, Depends(formulier)]) -> Response:
    ctx = web(request)
    upload = bestand(form, "bestand")
    if upload is None or not upload.filename:
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": N_("Kies een bestand.")}], 400)
    inhoud = upload.file.read(MAX_BESTAND_BYTES + 1)
    if len(inhoud) > MAX_BESTAND_BYTES:
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": N_("Het bestand is te groot.")}], 413)
    werkers = importwerkers(ctx.sessions, ctx.vault, ctx.reference, ctx.settings)
    try:
        import_id = upload_bestand(werkers, aangemeld.toegang, inhoud, upload.filename)
    except BestandsFout as exc:  # unusable or over a limit (ZICHT_IMPORT_MAX_*): nothing was written
        tekst = exc.reden_en if i18n.kies_taal(request)[0] == "en" else exc.reden_nl
        return _pagina(request, aangemeld, [{"veld": "bestand", "tekst": tekst}], 400)
    return RedirectResponse(f"/uploads/{import_id}", status_code=303)


def _rapport(request: Request, aangemeld: Aangemeld, import_id: uuid.UUID, *, fragment: bool = False) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        run = haal_import(s, aangemeld.toegang, import_id)
        if run is None or aangemeld.toegang.organisatie_code is None:
            raise HTTPException(404)
        rapport = rapport_van_import(run, aangemeld.toegang.organisatie_code)
        status = toon_status(run, ctx.settings)
    bezig = status in ("bezig", ONDERBROKEN)
    if fragment:
        if not bezig:  # the job ended: htmx loads the whole page with the row report
            return Response(status_code=204, headers={"HX-Refresh": "true"})
        return render(request, "uploads/_voortgang.html", {"run": run, "rapport": rapport, "status": status})
    rijen = [*rapport.afgewezen, *([rapport.afgebroken] if rapport.afgebroken else [])]
    delen = (run.reden or "").split(" / ", 1)  # "Dutch / English"
    reden = delen[-1] if i18n.kies_taal(request)[0] == "en" else delen[0]
    return render(
        request,
        "uploads/rapport.html",
        {
            "run": run,
            "rapport": rapport,
            "status": status,
            "bezig": bezig,
            "reden": reden,
            "rijen": rijen[:MAX_RIJEN_OP_SCHERM],
            "meer": max(0, len(rijen) - MAX_RIJEN_OP_SCHERM),
        },
    )


@router.get("/uploads/{import_id}")
def uploadrapport(request: Request, aangemeld: Uploader, import_id: uuid.UUID) -> Response:
    return _rapport(request, aangemeld, import_id)


@router.get("/uploads/{import_id}/voortgang")
def uploadvoortgang(request: Request, aangemeld: Uploader, import_id: uuid.UUID) -> Response:
    """The progress fragment that the job's page polls (htmx) while the job runs."""
    return _rapport(request, aangemeld, import_id, fragment=True)


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


FEATURE = Feature(
    naam="uploads",
    pages=router,
    nav=(NavItem("/uploads", N_("Bestand aanleveren"), Recht.upload, 12),),
    paginas={"/uploads/{import_id}": Paginatitel(N_("Rijrapport"))},
)
