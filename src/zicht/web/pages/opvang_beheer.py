# SPDX-License-Identifier: EUPL-1.2
"""The beheerder's screens for the facility register: list, register, edit, deactivate (after confirmation)
and reactivate a shelter. Included in the opvang router.

Every write goes through :mod:`zicht.opvang.beheer` (validation, the write and the logboek in one transaction).
The confidential address can be entered, replaced or cleared here but is never shown: the form says only
whether one is recorded.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import lijst_organisaties
from zicht.opvang.beheer import (
    Beheerrij,
    OnbekendeVoorziening,
    Voorzieningsfout,
    Voorzieningsgegevens,
    beheerlijst,
    beheerrij,
    registreer,
    wijzig,
    zet_actief,
)
from zicht.opvang.regels import BESCHERMING_LABELS, DOELGROEP_GESLACHT, PROFIEL_LABELS, SOORT_LABELS, Doelgroep
from zicht.privacy.toegang import Recht
from zicht.reference import AmbiguousName, UnknownPlace
from zicht.reference.opvangregios import laad_opvangregios
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Beheerder = Annotated[Aangemeld, Depends(Vereist(Recht.beheer))]
Formulier = Annotated[FormData, Depends(formulier)]
VINKJES = ("b8", "meervoudige_problematiek", "kinderen")
VELDEN = ("code", "naam", "soort", "exploitant", "gemeentecode", "centrumgemeente", "capaciteit",
          "doelgroep_geslacht", "leeftijd_min", "leeftijd_max", "beveiligingsniveau")  # fmt: skip


def _id(waarde: str) -> uuid.UUID:
    try:
        return uuid.UUID(waarde)
    except ValueError:
        raise HTTPException(404) from None


def _keuzes(request: Request) -> dict[str, Any]:
    _ = i18n.vertaler_voor(request)
    doelgroepen = PROFIEL_LABELS["doelgroep"]
    with web(request).sessions() as s:
        organisaties = [(o.code, f"{o.naam} ({o.code})") for o in lijst_organisaties(s) if o.actief]
    return {
        "soorten": [(k, _(v)) for k, v in SOORT_LABELS.items()],
        "organisaties": organisaties,
        "geslachten": [(g, _(doelgroepen[g])) for g in DOELGROEP_GESLACHT],
        "niveaus": [(k, _(v)) for k, v in BESCHERMING_LABELS.items()],
    }


def _formulier(request: Request, context: dict[str, Any], status_code: int = 200) -> Response:
    fouten: list[dict[str, str]] = context.get("fouten", [])
    return render(request, "opvang/beheer_voorziening.html",
                  {**_keuzes(request), "fouten": fouten, "f": {x["veld"]: x["tekst"] for x in fouten}, **context},
                  status_code=status_code)  # fmt: skip


def _waarden(rij: Beheerrij) -> dict[str, Any]:
    d = rij.doelgroep
    return {"code": rij.code, "naam": rij.naam, "soort": rij.soort, "exploitant": rij.exploitant,
            "gemeentecode": rij.gemeentecode, "centrumgemeente": rij.centrumgemeente,
            "capaciteit": str(rij.capaciteit), "doelgroep_geslacht": d.geslacht,
            "leeftijd_min": "" if d.leeftijd_min is None else str(d.leeftijd_min),
            "leeftijd_max": "" if d.leeftijd_max is None else str(d.leeftijd_max),
            "beveiligingsniveau": d.beveiligingsniveau, "b8": d.b8,
            "meervoudige_problematiek": d.meervoudige_problematiek, "kinderen": d.kinderen}  # fmt: skip


def _lees(request: Request, form: FormData) -> tuple[dict[str, Any], Voorzieningsgegevens]:
    """The entered values (to show again) and the input for the service; raises Voorzieningsfout on a field
    the service cannot judge (a number or a place that is not one)."""
    w: dict[str, Any] = {k: tekst(form, k, 200) for k in VELDEN}
    w["code"] = w["code"].lower()
    w.update({k: form.get(k) == "ja" for k in VINKJES})
    ref = web(request).reference
    for veld in ("gemeentecode", "centrumgemeente"):
        if w[veld]:
            try:
                w[veld] = ref.gemeente(w[veld]).code
            except (UnknownPlace, AmbiguousName):
                raise Voorzieningsfout(veld, N_("Onbekende of dubbelzinnige gemeente.")) from None
    getallen: dict[str, int | None] = {}
    for veld in ("capaciteit", "leeftijd_min", "leeftijd_max"):
        if w[veld] and not w[veld].isdigit():
            raise Voorzieningsfout(veld, N_("Vul een geheel getal van 0 of meer in."))
        getallen[veld] = int(w[veld]) if w[veld] else None
    if getallen["capaciteit"] is None:
        raise Voorzieningsfout("capaciteit", N_("Vul een geheel getal van 0 of meer in."))
    adres = tekst(form, "adres", 400)
    gegevens = Voorzieningsgegevens(
        code=w["code"], naam=w["naam"], soort=w["soort"], exploitant=w["exploitant"], gemeentecode=w["gemeentecode"],
        centrumgemeente=w["centrumgemeente"], capaciteit=getallen["capaciteit"],
        doelgroep=Doelgroep(w["doelgroep_geslacht"], getallen["leeftijd_min"], getallen["leeftijd_max"], w["b8"],
                            w["meervoudige_problematiek"], w["kinderen"], w["beveiligingsniveau"]),
        adres=adres or None, adres_wissen=form.get("adres_wissen") == "ja",
    )  # fmt: skip
    return w, gegevens


@router.get("/beheer/voorzieningen")
def lijst(request: Request, aangemeld: Beheerder) -> Response:
    ctx = web(request)
    with ctx.sessions() as s:
        rijen = beheerlijst(s, aangemeld.toegang)
    regios = laad_opvangregios(ctx.reference.bron_dir)
    return render(request, "opvang/beheer_voorzieningen.html",
                  {"rijen": rijen, "soorten": SOORT_LABELS, "regios": regios,
                   "gewijzigd": request.query_params.get("gewijzigd", "")[:64]})  # fmt: skip


@router.get("/beheer/voorzieningen/nieuw")
def nieuw(request: Request, aangemeld: Beheerder) -> Response:
    return _formulier(request, {"w": {"doelgroep_geslacht": "alle", "beveiligingsniveau": "basis"}, "rij": None})


@router.post("/beheer/voorzieningen/nieuw")
def maak(request: Request, aangemeld: Beheerder, form: Formulier) -> Response:
    ctx = web(request)
    w: dict[str, Any] = {k: tekst(form, k, 200) for k in VELDEN}
    try:
        w, gegevens = _lees(request, form)
        with ctx.transactie() as s:
            v = registreer(s, aangemeld.toegang, gegevens, ctx.reference, laad_opvangregios(ctx.reference.bron_dir))
            code = v.code
    except Voorzieningsfout as exc:
        return _formulier(request, {"w": w, "rij": None, "fouten": [{"veld": exc.veld, "tekst": exc.tekst}]}, 400)
    return RedirectResponse(f"/beheer/voorzieningen?gewijzigd={code}", status_code=303)


def _rij(request: Request, aangemeld: Aangemeld, voorziening_id: str) -> Beheerrij:
    with web(request).sessions() as s:
        try:
            return beheerrij(s, aangemeld.toegang, _id(voorziening_id))
        except OnbekendeVoorziening:
            raise HTTPException(404) from None


@router.get("/beheer/voorzieningen/{voorziening_id}")
def bewerk(request: Request, aangemeld: Beheerder, voorziening_id: str) -> Response:
    rij = _rij(request, aangemeld, voorziening_id)
    return _formulier(request, {"w": _waarden(rij), "rij": rij})


@router.post("/beheer/voorzieningen/{voorziening_id}")
def sla_op(request: Request, aangemeld: Beheerder, voorziening_id: str, form: Formulier) -> Response:
    rij = _rij(request, aangemeld, voorziening_id)
    ctx = web(request)
    w: dict[str, Any] = {k: tekst(form, k, 200) for k in VELDEN}
    try:
        w, gegevens = _lees(request, form)
        with ctx.transactie() as s:
            wijzig(s, aangemeld.toegang, rij.id, gegevens, ctx.reference, laad_opvangregios(ctx.reference.bron_dir))
    except Voorzieningsfout as exc:
        return _formulier(request, {"w": w, "rij": rij, "fouten": [{"veld": exc.veld, "tekst": exc.tekst}]}, 400)
    except OnbekendeVoorziening:
        raise HTTPException(404) from None
    return RedirectResponse(f"/beheer/voorzieningen?gewijzigd={gegevens.code}", status_code=303)


@router.post("/beheer/voorzieningen/{voorziening_id}/deactiveren")
def deactiveer(request: Request, aangemeld: Beheerder, voorziening_id: str, form: Formulier) -> Response:
    """Without ``bevestigd=ja`` this asks for confirmation; with it, the facility is deactivated."""
    rij = _rij(request, aangemeld, voorziening_id)
    if form.get("bevestigd") != "ja":
        return render(request, "opvang/beheer_deactiveren.html", {"rij": rij, "soorten": SOORT_LABELS})
    with web(request).transactie() as s:
        zet_actief(s, aangemeld.toegang, rij.id, False)
    return RedirectResponse(f"/beheer/voorzieningen?gewijzigd={rij.code}", status_code=303)


@router.post("/beheer/voorzieningen/{voorziening_id}/activeren")
def activeer(request: Request, aangemeld: Beheerder, voorziening_id: str) -> Response:
    rij = _rij(request, aangemeld, voorziening_id)
    with web(request).transactie() as s:
        zet_actief(s, aangemeld.toegang, rij.id, True)
    return RedirectResponse(f"/beheer/voorzieningen?gewijzigd={rij.code}", status_code=303)
