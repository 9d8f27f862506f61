# SPDX-License-Identifier: EUPL-1.2
"""Administration for the ``beheerder`` role: accounts and organisations. No victim data here.

New accounts get a random initial password, shown once; the user enrols the second factor at first login.
API tokens are managed in :mod:`zicht.web.pages.beheer_tokens`.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import (
    Gebruikersfout,
    Organisatiefout,
    lijst_gebruikers,
    lijst_organisaties,
    maak_gebruiker,
    maak_organisatie,
)
from zicht.accounts.gebruikers import deactiveer_gebruiker, herstel_tweede_factor
from zicht.codebook import codelijst
from zicht.privacy.toegang import Recht, Rol
from zicht.registry.identiteit import recente_alerts
from zicht.storage.base import utcnow
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.formulier import formulier, tekst
from zicht.web.pages import beheer_tokens
from zicht.web.templating import render

router = APIRouter(prefix="/beheer")
Beheerder = Annotated[Aangemeld, Depends(Vereist(Recht.beheer))]
Formulier = Annotated[FormData, Depends(formulier)]


def _budgetalerts(s: Any, gebruikers: Any) -> list[dict[str, Any]]:
    """Users whose identity-reveal budget was exceeded in the last 7 days (logboek alerts), by user name."""
    namen = {str(g.id): g.gebruikersnaam for g, _ in gebruikers}
    return [
        {"gebruiker": namen.get(a.actor, a.actor), "aantal": a.aantal, "laatst": a.laatst}
        for a in recente_alerts(s, utcnow() - timedelta(days=7))
    ]


@router.get("")
def beheer_start(request: Request, aangemeld: Beheerder) -> Response:
    with web(request).transactie() as s:
        alerts = _budgetalerts(s, lijst_gebruikers(s))
    return render(request, "beheer/start.html", {"budgetalerts": alerts})


def _gebruikerspagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    with web(request).transactie() as s:
        gebruikers = lijst_gebruikers(s)
        organisaties = [(o.code, o.naam) for o in lijst_organisaties(s)]
        alerts = _budgetalerts(s, gebruikers)
    context = {
        "budgetalerts": alerts,
        "gebruikers": gebruikers,
        "organisaties": organisaties,
        "rollen": [(r.value, r.value) for r in Rol],
        "fouten": [],
        "ingevuld": {},
        "nieuw": None,
        **extra,
    }
    return render(request, "beheer/gebruikers.html", context, status_code=status_code)


@router.get("/gebruikers")
def gebruikers(request: Request, aangemeld: Beheerder) -> Response:
    return _gebruikerspagina(request, {})


@router.post("/gebruikers")
def gebruiker_aanmaken(request: Request, aangemeld: Beheerder, form: Formulier) -> Response:
    ingevuld = {k: tekst(form, k, 200) for k in ("gebruikersnaam", "naam", "rol", "organisatie", "gebied")}
    wachtwoord = secrets.token_urlsafe(15)
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            gebruiker = maak_gebruiker(
                s,
                ctx.beveiliging,
                gebruikersnaam=ingevuld["gebruikersnaam"],
                naam=ingevuld["naam"],
                rol=ingevuld["rol"],
                wachtwoord=wachtwoord,
                organisatie_code=ingevuld["organisatie"] or None,
                gebied=ingevuld["gebied"] or None,
            )
            nieuw = {"gebruikersnaam": gebruiker.gebruikersnaam, "wachtwoord": wachtwoord}
    except Gebruikersfout as exc:
        fout = {"veld": "gebruikersnaam", "tekst": str(exc)}
        return _gebruikerspagina(request, {"fouten": [fout], "ingevuld": ingevuld}, status_code=400)
    return _gebruikerspagina(request, {"nieuw": nieuw})


@router.post("/gebruikers/{gebruiker_id}/deactiveren")
def gebruiker_deactiveren(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID) -> Response:
    with web(request).transactie() as s:
        if not deactiveer_gebruiker(s, gebruiker_id):
            raise HTTPException(404)
    return RedirectResponse("/beheer/gebruikers", status_code=303)


@router.post("/gebruikers/{gebruiker_id}/tweede-factor-herstellen")
def tweede_factor_herstellen(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID) -> Response:
    with web(request).transactie() as s:
        if not herstel_tweede_factor(s, gebruiker_id):
            raise HTTPException(404)
    return RedirectResponse("/beheer/gebruikers", status_code=303)


def _organisatiepagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    taal = i18n.kies_taal(request)[0]
    with web(request).transactie() as s:
        organisaties = lijst_organisaties(s)
    soorten = [(c.code, c.label(taal)) for c in codelijst("melder_soort").codes]
    context = {"organisaties": organisaties, "soorten": soorten, "fouten": [], "ingevuld": {}, **extra}
    return render(request, "beheer/organisaties.html", context, status_code=status_code)


@router.get("/organisaties")
def organisaties(request: Request, aangemeld: Beheerder) -> Response:
    return _organisatiepagina(request, {})


@router.post("/organisaties")
def organisatie_aanmaken(request: Request, aangemeld: Beheerder, form: Formulier) -> Response:
    ingevuld = {k: tekst(form, k, 200) for k in ("code", "naam", "soort", "regio", "gemeentecode")}
    try:
        with web(request).transactie() as s:
            maak_organisatie(
                s,
                code=ingevuld["code"],
                naam=ingevuld["naam"],
                soort=ingevuld["soort"],
                regio=ingevuld["regio"] or None,
                gemeentecode=ingevuld["gemeentecode"] or None,
            )
    except Organisatiefout as exc:
        fout = {"veld": "code", "tekst": str(exc)}
        return _organisatiepagina(request, {"fouten": [fout], "ingevuld": ingevuld}, status_code=400)
    return RedirectResponse("/beheer/organisaties", status_code=303)


router.include_router(beheer_tokens.router)

FEATURE = Feature(naam="beheer", pages=router, nav=(NavItem("/beheer", "Beheer", Recht.beheer, 40),))
