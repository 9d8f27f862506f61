# SPDX-License-Identifier: EUPL-1.2
"""Opvang pages for the opvang role: the queue and facilities, a placement request with proposals and its
decisions, and weekly occupancy reports by form and by file.

Every change goes through :func:`zicht.opvang.aanvragen.verwerk` (history and logboek in one transaction).
Persons appear by pseudonymous id only; a facility's address only for its own operator's users. The beheerder's
screens for the facility register (:mod:`zicht.web.pages.opvang_beheer`) are included in this router.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.opvang.aanvragen import Aanvraaggegevens, NietGevonden, dien_in, registreer_capaciteitstekort, verwerk
from zicht.opvang.bezetting import Bedden, GeenCapaciteit, OngeldigeBezetting, eigen_voorzieningen, meld
from zicht.opvang.overzicht import aanvraagbeeld, dashboard, voorzieningen_met_bedden
from zicht.opvang.regels import (
    EU_STATUS,
    GESLACHTEN,
    PROFIEL_LABELS,
    REDENEN,
    SOORT_LABELS,
    VERBLIJFSSTATUS,
    OngeldigeOvergang,
    Profiel,
    Status,
)
from zicht.opvang.upload import Bestandsfout, verwerk_bestand
from zicht.privacy.toegang import GeenToegang, Recht, beheert_netwerk
from zicht.reference import AmbiguousName, UnknownPlace
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage.base import utcnow
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import bestand, formulier, tekst
from zicht.web.pages import opvang_beheer
from zicht.web.templating import render

router = APIRouter()
Opvang = Annotated[Aangemeld, Depends(Vereist(Recht.opvang))]
Formulier = Annotated[FormData, Depends(formulier)]


def _regios(request: Request):  # type: ignore[no-untyped-def]
    return laad_opvangregios(web(request).reference.bron_dir)


@router.get("/opvang")
def start(request: Request, aangemeld: Opvang) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        d = dashboard(s, aangemeld.toegang, ctx.reference, _regios(request))
    return render(request, "opvang/start.html",
                  {"d": d, "soorten": SOORT_LABELS, "netwerkbeheer": beheert_netwerk(aangemeld.toegang)})  # fmt: skip


def _gemeente(request: Request, waarde: str, veld: str, fouten: list[dict[str, str]]) -> str | None:
    if not waarde:
        return None
    try:
        return web(request).reference.gemeente(waarde).code
    except (UnknownPlace, AmbiguousName):
        fouten.append({"veld": veld, "tekst": N_("Onbekende gemeente.")})
        return None


def _keuzes(request: Request) -> dict[str, Any]:
    _ = i18n.vertaler_voor(request)
    geslacht, eu, verblijf = (PROFIEL_LABELS[k] for k in ("geslacht", "eu_status", "verblijfsstatus"))
    return {"geslachten": [(g, _(geslacht[g])) for g in GESLACHTEN], "eu": [(e, _(eu[e])) for e in EU_STATUS],
            "verblijf": [(v, _(verblijf[v])) for v in VERBLIJFSSTATUS]}  # fmt: skip


@router.get("/opvang/aanvragen/nieuw")
def nieuw(request: Request, aangemeld: Opvang) -> Response:
    return render(request, "opvang/nieuw.html", {"fouten": [], "f": {}, "w": {}, **_keuzes(request)})


@router.post("/opvang/aanvragen/nieuw")
def dien_aanvraag_in(request: Request, aangemeld: Opvang, form: Formulier) -> Response:
    w = {k: tekst(form, k, 60) for k in ("persoon_id", "geslacht", "leeftijd", "eu_status", "verblijfsstatus",
                                          "kinderen", "plaats_delict", "verblijfgemeente")}  # fmt: skip
    vink = {
        k: form.get(k) == "ja" for k in ("alleenstaand", "meervoudige_problematiek", "veiligheidsrisico", "medisch")
    }
    fouten: list[dict[str, str]] = []
    try:
        persoon_id = uuid.UUID(w["persoon_id"])
    except ValueError:
        fouten.append({"veld": "persoon_id", "tekst": N_("Vul het pseudoniem (persoon-id) van de persoon in.")})
    leeftijd = int(w["leeftijd"]) if w["leeftijd"].isdigit() else None
    if w["leeftijd"] and leeftijd is None:
        fouten.append({"veld": "leeftijd", "tekst": N_("Leeftijd is een geheel getal.")})
    kinderen = int(w["kinderen"]) if w["kinderen"].isdigit() else 0
    delict = _gemeente(request, w["plaats_delict"], "plaats_delict", fouten)
    verblijf = _gemeente(request, w["verblijfgemeente"], "verblijfgemeente", fouten)
    if not fouten:
        profiel = Profiel(w["geslacht"] or "onbekend", leeftijd, w["eu_status"] or "onbekend",
                          w["verblijfsstatus"] or "onbekend", kinderen=kinderen, **vink)  # fmt: skip
        try:
            with web(request).transactie() as s:
                a = dien_in(s, aangemeld.toegang, persoon_id, Aanvraaggegevens(profiel, delict, verblijf))
                return RedirectResponse(f"/opvang/aanvragen/{a.id}", status_code=303)
        except NietGevonden:
            fouten.append({"veld": "persoon_id", "tekst": N_("Geen persoon met dit pseudoniem.")})
        except ValueError:
            fouten.append({"veld": "geslacht", "tekst": N_("Controleer de gekozen waarden.")})
    context = {"fouten": fouten, "f": {x["veld"]: x["tekst"] for x in fouten}, "w": {**w, **vink}, **_keuzes(request)}
    return render(request, "opvang/nieuw.html", context, status_code=400)


def _id(tekst_: str) -> uuid.UUID:
    try:
        return uuid.UUID(tekst_)
    except ValueError:
        raise HTTPException(404) from None


def _toon(request: Request, aangemeld: Aangemeld, aanvraag_id: str, melding: str | None = None,
          status_code: int = 200) -> Response:  # fmt: skip
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            beeld = aanvraagbeeld(s, aangemeld.toegang, _id(aanvraag_id), ctx.reference, _regios(request),
                                  i18n.kies_taal(request)[0])  # fmt: skip
            return render(request, "opvang/aanvraag.html", {"b": beeld, "a": beeld.aanvraag, "melding": melding,
                          "redenen": REDENEN, "soorten": SOORT_LABELS, "Status": Status}, status_code=status_code)  # fmt: skip
    except NietGevonden:
        raise HTTPException(404) from None


@router.get("/opvang/aanvragen/{aanvraag_id}")
def aanvraag(request: Request, aangemeld: Opvang, aanvraag_id: str) -> Response:
    return _toon(request, aangemeld, aanvraag_id)


@router.post("/opvang/aanvragen/{aanvraag_id}/besluit")
def besluit(request: Request, aangemeld: Opvang, aanvraag_id: str, form: Formulier) -> Response:
    aid = _id(aanvraag_id)
    naar, reden = tekst(form, "naar", 20), tekst(form, "reden", 40)
    if tekst(form, "besluit", 60):
        naar, _, reden = tekst(form, "besluit", 60).partition(":")
    vid_tekst = tekst(form, "voorziening_id", 40)
    try:
        doel = Status(naar)
        vid = uuid.UUID(vid_tekst) if vid_tekst else None
    except ValueError:
        return _toon(request, aangemeld, aanvraag_id, "Kies een besluit en een reden.", 400)
    try:
        with web(request).transactie() as s:
            verwerk(s, aangemeld.toegang, aid, doel, reden, voorziening_id=vid,
                    uitstroom_gemeente=_gemeente(request, tekst(form, "uitstroom_gemeente", 60), "x", []),
                    zorgcoordinator_overgedragen=form.get("zorgcoordinator") == "ja")  # fmt: skip
    except NietGevonden:
        raise HTTPException(404) from None
    except GeenCapaciteit:
        if vid is not None:
            with web(request).transactie() as s:
                registreer_capaciteitstekort(s, aangemeld.toegang, aid, vid)
        return _toon(request, aangemeld, aanvraag_id, "Geen plek meer vrij in deze voorziening; kies een andere.", 409)
    except (OngeldigeOvergang, GeenToegang) as exc:
        return _toon(request, aangemeld, aanvraag_id, f"Dit besluit kan niet: {exc}", 400)
    return RedirectResponse(f"/opvang/aanvragen/{aid}", status_code=303)


def _bezetting(request: Request, aangemeld: Aangemeld, ctx_extra: dict[str, Any], status_code: int = 200) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        lijst = voorzieningen_met_bedden(s, aangemeld.toegang, ctx.reference, _regios(request), utcnow().date())
    eigen = [v for v in lijst if v.voorziening.eigen]
    fouten: list[dict[str, str]] = ctx_extra.get("fouten", [])
    context: dict[str, Any] = {
        "eigen": eigen,
        "rapport": None,
        "uitkomst": None,
        "vandaag": utcnow().date().isoformat(),
    }
    context.update(ctx_extra)
    context.update(fouten=fouten, f={x["veld"]: x["tekst"] for x in fouten})
    return render(request, "opvang/bezetting.html", context, status_code=status_code)


@router.get("/opvang/bezetting")
def bezetting(request: Request, aangemeld: Opvang) -> Response:
    return _bezetting(request, aangemeld, {})


@router.post("/opvang/bezetting")
def meld_bezetting(request: Request, aangemeld: Opvang, form: Formulier) -> Response:
    fouten: list[dict[str, str]] = []
    getallen = {k: tekst(form, k, 6) for k in ("totaal", "bezet", "gereserveerd", "geblokkeerd")}
    for k, v in getallen.items():
        if (v and not v.isdigit()) or (not v and k in ("totaal", "bezet")):
            fouten.append({"veld": f"bezetting-{k}", "tekst": N_("Vul een geheel getal van 0 of meer in.")})
    try:
        datum = date.fromisoformat(tekst(form, "datum", 10))
    except ValueError:
        fouten.append({"veld": "bezetting-datum", "tekst": N_("Vul een datum in (JJJJ-MM-DD).")})
    vid_tekst = tekst(form, "voorziening", 40)
    uitkomst = None
    if not fouten:
        with web(request).transactie() as s:
            codes = {str(vid): code for code, vid in eigen_voorzieningen(s, aangemeld.toegang).items()}
            if vid_tekst not in codes:
                fouten.append({"veld": "bezetting-voorziening", "tekst": "Kies een voorziening van uw organisatie."})
            else:
                try:
                    uitkomst = meld(s, aangemeld.toegang, codes[vid_tekst], datum,
                                    Bedden(*(int(getallen[k] or 0) for k in getallen)), "formulier")  # fmt: skip
                except OngeldigeBezetting as exc:
                    fouten.append({"veld": "bezetting-bezet", "tekst": str(exc)})
    return _bezetting(request, aangemeld, {"fouten": fouten, "uitkomst": uitkomst}, 400 if fouten else 200)


@router.post("/opvang/bezetting/bestand")
def upload_bezetting(request: Request, aangemeld: Opvang, form: Formulier) -> Response:
    upload = bestand(form, "bestand")
    if upload is None or not upload.filename:
        return _bezetting(
            request, aangemeld, {"fouten": [{"veld": "bezetting-bestand", "tekst": N_("Kies een bestand.")}]}, 400
        )
    inhoud = upload.file.read(5 * 1024 * 1024 + 1)
    try:
        if len(inhoud) > 5 * 1024 * 1024:
            raise Bestandsfout("het bestand is groter dan 5 MB")
        with web(request).transactie() as s:
            rapport = verwerk_bestand(s, aangemeld.toegang, inhoud, upload.filename)
    except Bestandsfout as exc:
        return _bezetting(request, aangemeld, {"fouten": [{"veld": "bezetting-bestand", "tekst": str(exc)}]}, 400)
    return _bezetting(request, aangemeld, {"rapport": rapport})


router.include_router(opvang_beheer.router)

FEATURE = Feature(
    naam="opvang",
    pages=router,
    nav=(
        NavItem("/opvang", N_("Opvang"), Recht.opvang, 30),
        NavItem("/opvang/bezetting", N_("Bezetting melden"), Recht.opvang, 31),
        NavItem("/beheer/voorzieningen", N_("Opvangvoorzieningen"), Recht.beheer, 41),
    ),
    paginas={
        "/opvang/aanvragen/nieuw": Paginatitel(N_("Nieuwe plaatsingsaanvraag")),
        "/opvang/aanvragen/{aanvraag_id}": Paginatitel(N_("Plaatsingsaanvraag {aanvraag_id}")),
        "/beheer/voorzieningen/nieuw": Paginatitel(N_("Nieuwe voorziening")),
        "/beheer/voorzieningen/{voorziening_id}": Paginatitel(N_("Voorziening bewerken")),
    },
)
