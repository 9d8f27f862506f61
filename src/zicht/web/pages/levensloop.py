# SPDX-License-Identifier: EUPL-1.2
"""A melding after registration, on the web: correct it (the reporting organisation its own, CoMensha any),
record CoMensha's status decision, withdraw a duplicate, and read its history on the detail page.

Every form carries the version the user saw; if someone else changed the melding meanwhile, nothing is
overwritten and the page says so. The correction form shows the stored melding's fields, but never its
identifying data: those fields start empty and only what is filled in is corrected.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.codebook import codelijst
from zicht.domain.levensloop import BESLUITSTATUSSEN, Correctiereden, Intrekkingsreden, Statusbeslisser
from zicht.intake import IDENTIFICERENDE_KOLOMMEN, KOLOMMEN, Fout
from zicht.intake.correctie import invoer_van
from zicht.intake.kolom import Soort
from zicht.privacy.toegang import Recht, Toegang, mag_corrigeren
from zicht.reference import Referentiedata
from zicht.registry import haal_melding
from zicht.registry.levensloop import (
    NietGevonden,
    Ongeldig,
    VerouderdeVersie,
    Versie,
    corrigeer,
    trek_in,
    wijzig_status,
)
from zicht.storage.tables import Melding
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.i18n.labels import labeler
from zicht.web.pages import meldingform
from zicht.web.templating import render

router = APIRouter()
Corrigeerder = Annotated[Aangemeld, Depends(Vereist(Recht.melding_corrigeren))]
Beoordelaar = Annotated[Aangemeld, Depends(Vereist(Recht.melding_beoordelen))]
#: Fields the correction form does not offer: the reference is the organisation's key, the status is
#: CoMensha's decision (its own form).
_NIET_IN_CORRECTIE = frozenset(k.naam for k in KOLOMMEN if k.sleutel or not k.corrigeerbaar)
#: Fields holding a place, shown by name (a gemeente's name rather than its code).
_PLAATSEN = tuple(k.naam for k in KOLOMMEN if k.soort is Soort.plaats)


def _formwaarde(waarde: object) -> str | list[str]:
    if waarde is None:
        return ""
    if isinstance(waarde, list | tuple):
        return [str(w) for w in waarde]
    return waarde.isoformat() if isinstance(waarde, date) else str(waarde)


def _vooraf(melding: Melding, reference: Referentiedata) -> dict[str, str | list[str]]:
    """The form's values from the stored melding (gemeenten by name), identifying fields left empty."""

    def naam(plaats: str) -> str:
        gm = reference.gemeenten.get(plaats)
        return gm.weergavenaam if gm else plaats

    waarden = {
        k: _formwaarde(v)
        for k, v in invoer_van(melding, None).items()
        if k not in IDENTIFICERENDE_KOLOMMEN and k not in _NIET_IN_CORRECTIE
    }
    for veld in _PLAATSEN:
        if isinstance(waarden.get(veld), str):
            waarden[veld] = naam(str(waarden[veld]))
    waarden["route"] = meldingform.route_als_tekst(
        [r | {"plaats": naam(r["plaats"])} for r in meldingform.route_als_rijen(list(waarden.get("route") or []))]
    )
    return waarden


def _wijzigingen(ingevuld: dict[str, str | list[str]]) -> dict[str, Any]:
    """A merge patch from the submitted form: every offered field, identifying ones only when filled in."""
    raw = meldingform.invoer(ingevuld)
    return {
        k: v
        for k, v in raw.items()
        if k not in _NIET_IN_CORRECTIE and (k not in IDENTIFICERENDE_KOLOMMEN or v not in (None, "", []))
    }


def _correctieformulier(
    request: Request,
    toegang: Toegang,
    melding: Melding,
    ingevuld: dict[str, str | list[str]],
    fouten: list[Fout],
    versie: int,
    reden: str,
    status_code: int = 200,
    verouderd: int | None = None,
    extra_route: int = 1,
) -> Response:
    taal = i18n.kies_taal(request)[0]
    samenvatting, per_veld = meldingform.fouten_voor_formulier(fouten, taal)
    secties = [
        (titel, [v for v in velden if v.naam not in _NIET_IN_CORRECTIE]) for titel, velden in meldingform.secties(taal)
    ]
    gemeenten = sorted(web(request).reference.gemeenten.values(), key=lambda g: g.weergavenaam)
    return render(
        request,
        "meldingen/corrigeren.html",
        {
            "melding_id": melding.id,
            # the organisation's own reference only for itself (as everywhere); CoMensha sees the id
            "referentie": melding.melder_referentie
            if toegang.is_eigen_organisatie(melding.organisatie_id)
            else str(melding.id),
            "secties": secties,
            "ingevuld": ingevuld,
            "routerijen": meldingform.route_weergave(ingevuld, extra_route),
            "fouten": samenvatting,
            "per_veld": per_veld,
            "gemeenten": gemeenten,
            "versie": versie,
            "reden": reden,
            "redenen": [(r.value, r.label(taal)) for r in Correctiereden],
            "identificerend": IDENTIFICERENDE_KOLOMMEN,
            "verouderd": verouderd,
        },
        status_code=status_code,
    )


def _eigen_melding(request: Request, toegang: Toegang, melding_id: uuid.UUID) -> Melding:
    ctx = web(request)
    with ctx.transactie() as s:
        melding = haal_melding(s, toegang, melding_id)
        if melding is None:
            raise HTTPException(404)
        if not mag_corrigeren(toegang, melding.organisatie_id):
            raise HTTPException(403)
        s.expunge(melding)
        return melding


@router.get("/meldingen/{melding_id}/corrigeren")
def correctieformulier(request: Request, aangemeld: Corrigeerder, melding_id: uuid.UUID) -> Response:
    melding = _eigen_melding(request, aangemeld.toegang, melding_id)
    return _correctieformulier(
        request, aangemeld.toegang, melding, _vooraf(melding, web(request).reference), [], melding.versie, ""
    )


def _getal(form: FormData, naam: str) -> int | None:
    waarde = tekst(form, naam)
    return int(waarde) if waarde.isdigit() and len(waarde) < 9 else None


@router.post("/meldingen/{melding_id}/corrigeren")
def corrigeer_opslaan(
    request: Request, aangemeld: Corrigeerder, melding_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    melding = _eigen_melding(request, aangemeld.toegang, melding_id)
    ingevuld = meldingform.waarden(form)
    versie, reden = _getal(form, "versie"), tekst(form, "reden")
    if tekst(form, "actie") == "route_erbij":  # one more route row; nothing is saved yet
        return _correctieformulier(
            request, aangemeld.toegang, melding, ingevuld, [], versie or melding.versie, reden, extra_route=2
        )
    if reden not in {r.value for r in Correctiereden}:
        fout = Fout("reden", None, "verplicht", "kies waarom u corrigeert", "choose why you correct")
        return _correctieformulier(
            request, aangemeld.toegang, melding, ingevuld, [fout], versie or melding.versie, "", 400
        )
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            uitkomst = corrigeer(
                s,
                ctx.vault,
                ctx.reference,
                aangemeld.toegang,
                melding_id,
                _wijzigingen(ingevuld),
                versie=versie if versie is not None else -1,
                reden=Correctiereden(reden),
            )
    except NietGevonden:
        raise HTTPException(404) from None
    except VerouderdeVersie as exc:
        return _correctieformulier(
            request, aangemeld.toegang, melding, ingevuld, [], versie or 0, reden, 409, verouderd=exc.huidig
        )
    except Ongeldig as exc:
        return _correctieformulier(request, aangemeld.toegang, melding, ingevuld, exc.fouten, versie or 0, reden, 400)
    resultaat = "gecorrigeerd" if uitkomst.wijzigingen else "ongewijzigd"
    return RedirectResponse(f"/meldingen/{melding_id}?{resultaat}=1", status_code=303)


@router.post("/meldingen/{melding_id}/status")
def status_opslaan(
    request: Request, aangemeld: Beoordelaar, melding_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    beslisser = tekst(form, "beslisser")
    datum = tekst(form, "datum")
    try:
        dag = date.fromisoformat(datum) if datum else None
    except ValueError:
        dag = date.max  # refused below as a date in the future
    return _beoordeel(
        request,
        aangemeld,
        melding_id,
        "status-vastgelegd",
        lambda s: wijzig_status(
            s,
            aangemeld.toegang,
            melding_id,
            tekst(form, "status"),
            versie=_getal(form, "versie") or -1,
            beslisser=Statusbeslisser(beslisser) if beslisser in Statusbeslisser.__members__ else None,
            datum=dag,
        ),
    )


@router.post("/meldingen/{melding_id}/intrekken")
def intrekken(
    request: Request, aangemeld: Beoordelaar, melding_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    reden = tekst(form, "intrekkingsreden")
    if not tekst(form, "bevestig") or reden not in Intrekkingsreden.__members__:
        fout = Fout(
            "intrekken",
            None,
            "verplicht",
            "kies een reden en bevestig dat de melding niet meer mag meetellen",
            "choose a reason and confirm that the melding must no longer count",
        )
        return _detail_met_fouten(request, aangemeld, melding_id, [fout])
    try:
        dubbel_van: uuid.UUID | None = uuid.UUID(tekst(form, "dubbel_van")) if tekst(form, "dubbel_van") else None
    except ValueError:
        dubbel_van = uuid.UUID(int=0)  # refused below as an unknown original
    return _beoordeel(
        request,
        aangemeld,
        melding_id,
        "ingetrokken",
        lambda s: trek_in(
            s,
            aangemeld.toegang,
            melding_id,
            versie=_getal(form, "versie") or -1,
            reden=Intrekkingsreden(reden),
            dubbel_van=dubbel_van,
        ),
    )


def _beoordeel(
    request: Request, aangemeld: Aangemeld, melding_id: uuid.UUID, gelukt: str, actie: Callable[[Session], object]
) -> Response:
    """Run CoMensha's action in one transaction: back to the detail page with the outcome, a stale version or
    every problem."""
    try:
        with web(request).transactie() as s:
            actie(s)
    except NietGevonden:
        raise HTTPException(404) from None
    except VerouderdeVersie:
        return RedirectResponse(f"/meldingen/{melding_id}?verouderd=1#beoordeling", status_code=303)
    except Ongeldig as exc:
        return _detail_met_fouten(request, aangemeld, melding_id, exc.fouten)
    return RedirectResponse(f"/meldingen/{melding_id}?{gelukt}=1", status_code=303)


def _detail_met_fouten(request: Request, aangemeld: Aangemeld, melding_id: uuid.UUID, fouten: list[Fout]) -> Response:
    from zicht.web.pages.meldingen import detailpagina

    return detailpagina(request, aangemeld, melding_id, fouten=fouten, status_code=400)


def detailcontext(request: Request, toegang: Toegang, melding: Melding, stappen: list[Versie]) -> dict[str, Any]:
    """What the detail page adds for the lifecycle: history rows, and the forms the caller may use."""
    taal = i18n.kies_taal(request)[0]
    _ = i18n.vertaler(taal)
    veldnaam = {k.naam: k.label(taal) for k in KOLOMMEN}
    veldnaam |= {"status_beslisser": _("besloten door"), "status_datum": _("datum besluit"),
                 "ingetrokken": _("ingetrokken")}  # fmt: skip
    return {
        "geschiedenis": [
            {
                "versie": v.versie,
                "actie": v.actie.label(taal),
                "op": v.op,
                "organisatie": v.organisatie or "",
                "reden": _reden(v, taal),
                "velden": ", ".join(veldnaam.get(str(w["veld"]), str(w["veld"])) for w in v.wijzigingen),
            }
            for v in stappen
        ],
        "mag_corrigeren": mag_corrigeren(toegang, melding.organisatie_id) and melding.ingetrokken_op is None,
        "mag_beoordelen": toegang.mag(Recht.melding_beoordelen) and melding.ingetrokken_op is None,
        "statussen": [(s, codelijst("status")[s].label(taal)) for s in BESLUITSTATUSSEN],
        "beslissers": [(b.value, b.label(taal)) for b in Statusbeslisser],
        "intrekkingsredenen": [(r.value, r.label(taal)) for r in Intrekkingsreden],
        "huidige_status": melding.status,
        "huidige_beslisser": melding.status_beslisser or "",
        "huidige_datum": melding.status_datum.isoformat() if melding.status_datum else "",
    }


def _reden(v: Versie, taal: str) -> str:
    if v.reden is None:
        return ""
    for soort in (Correctiereden, Intrekkingsreden):
        if v.reden in soort.__members__:
            return soort(v.reden).label(taal)
    if v.reden in BESLUITSTATUSSEN:
        return codelijst("status")[v.reden].label(taal)
    _ = i18n.vertaler(taal)
    return _("via {bron}", bron=labeler(taal)("bron", v.reden))  # version 1: formulier/api/upload


FEATURE = Feature(
    naam="melding-levensloop",
    pages=router,
    paginas={"/meldingen/{melding_id}/corrigeren": Paginatitel(N_("Corrigeren"))},
)
