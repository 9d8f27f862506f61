# SPDX-License-Identifier: EUPL-1.2
"""Administration for the ``beheerder`` role: accounts, organisations and the logboek of account events. No
victim data here.

New accounts get a random one-time password, shown once; the user chooses an own password and enrols the second
factor at first login. A gemeente user's area is chosen by name from the reference data. A password reset
gives a new one-time password (shown once) and forces a new password and second factor; deactivation and the
resets need a ticked confirmation (no JavaScript needed), and a deactivated account can be reactivated. API
tokens are managed in :mod:`zicht.web.pages.beheer_tokens`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import (
    Accountfout,
    Organisatiefout,
    deactiveer_gebruiker,
    gebeurtenissen,
    heractiveer_gebruiker,
    herstel_tweede_factor,
    herstel_wachtwoord,
    lijst_gebruikers,
    lijst_organisaties,
    maak_gebruiker,
    maak_organisatie,
)
from zicht.accounts.gebruikers import accountoverzicht
from zicht.accounts.wachtwoord import eenmalig_wachtwoord
from zicht.analysis import Bereik
from zicht.codebook import codelijst
from zicht.privacy.toegang import Recht, Rol
from zicht.reference import Gebiedsniveau
from zicht.registry.identiteit import recente_alerts
from zicht.storage.base import utcnow
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.account import fout, gebiedslabel
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.pages import beheer_tokens, gebiedskeuze
from zicht.web.pages.gebiedskeuze import Gebiedsoptie
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


def _gebiedsopties(request: Request) -> list[Gebiedsoptie]:
    """Every gemeente and region a gemeente user can be limited to, by name (the statistics pages' list)."""
    taal = i18n.kies_taal(request)[0]
    alle = gebiedskeuze.opties(web(request).reference, Bereik.alles(), taal)
    return [o for o in alle if o.niveau is not Gebiedsniveau.nederland]


def _gebied_invoer(request: Request, tekst: str) -> str | None:
    """A chosen label ("gemeente Zwolle") as ``niveau:code``; anything else is passed on as typed, and the
    account functions check it against the reference data (a code or a plain name is fine there too)."""
    if not tekst:
        return None
    gevonden = gebiedskeuze.zoek(web(request).reference, Bereik.alles(), tekst)
    if gevonden is None or gevonden[0] is Gebiedsniveau.nederland:
        return tekst
    return f"{gevonden[0].value}:{gevonden[1]}"


def _gebruikerspagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    with web(request).transactie() as s:
        gebruikers = lijst_gebruikers(s)
        organisaties = [(o.code, o.naam) for o in lijst_organisaties(s)]
        alerts = _budgetalerts(s, gebruikers)
    context = {
        "budgetalerts": alerts,
        "gebruikers": [(g, o, gebiedslabel(request, g.gebied)) for g, o in gebruikers],
        "organisaties": organisaties,
        "rollen": [(r.value, r.label(i18n.kies_taal(request)[0])) for r in Rol],
        "gebieden": _gebiedsopties(request),
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
    wachtwoord = eenmalig_wachtwoord()
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
                gebied=_gebied_invoer(request, ingevuld["gebied"]),
                referentie=ctx.reference,
                door=aangemeld.toegang.actor(),
                eenmalig=True,
            )
            nieuw = {"gebruikersnaam": gebruiker.gebruikersnaam, "wachtwoord": wachtwoord, "id": str(gebruiker.id)}
    except Accountfout as exc:
        return _gebruikerspagina(request, {"fouten": [fout(request, exc, "gebruikersnaam")], "ingevuld": ingevuld}, 400)
    return _gebruikerspagina(request, {"nieuw": nieuw})


def _detailpagina(
    request: Request, aangemeld: Aangemeld, gebruiker_id: uuid.UUID, extra: dict[str, Any], status_code: int = 200
) -> Response:
    with web(request).transactie() as s:
        overzicht = accountoverzicht(s, gebruiker_id)
        if overzicht is None:
            raise HTTPException(404)
        regels, _meer = gebeurtenissen.lijst(s, gebruiker_id=gebruiker_id, limiet=10)
        namen = {str(g.id): g.gebruikersnaam for g, _ in lijst_gebruikers(s)}
    context = {
        "overzicht": overzicht,
        "kruimel_titel": overzicht.gebruiker.gebruikersnaam,
        "gebiedslabel": gebiedslabel(request, overzicht.gebruiker.gebied),
        "eigen": overzicht.gebruiker.id == aangemeld.gebruiker_id,
        "regels": _regels(regels, namen),
        "fouten": [],
        "wachtwoord": None,
        "gedaan": request.query_params.get("gedaan", ""),
        **extra,
    }
    return render(request, "beheer/gebruiker.html", context, status_code=status_code)


@router.get("/gebruikers/{gebruiker_id}")
def gebruiker(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID) -> Response:
    return _detailpagina(request, aangemeld, gebruiker_id, {})


def _onbevestigd(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID, veld: str) -> Response:
    _ = i18n.vertaler_voor(request)
    melding = _("Vink eerst aan dat u dit zeker weet.")
    return _detailpagina(request, aangemeld, gebruiker_id, {"fouten": [{"veld": veld, "tekst": melding}]}, 400)


def _terug(gebruiker_id: uuid.UUID, gedaan: str) -> Response:
    return RedirectResponse(f"/beheer/gebruikers/{gebruiker_id}?gedaan={gedaan}", status_code=303)


@router.post("/gebruikers/{gebruiker_id}/wachtwoord-herstellen")
def wachtwoord_herstellen(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID, form: Formulier) -> Response:
    """A one-time password, shown once in this answer; the user chooses a new password and enrols a new
    second factor at the next login."""
    if form.get("bevestig") != "ja":
        return _onbevestigd(request, aangemeld, gebruiker_id, "herstel-bevestig")
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            wachtwoord = herstel_wachtwoord(s, ctx.beveiliging, gebruiker_id, door=aangemeld.toegang.actor())
    except Accountfout as exc:
        return _detailpagina(
            request, aangemeld, gebruiker_id, {"fouten": [fout(request, exc, "herstel-bevestig")]}, 400
        )
    if wachtwoord is None:
        raise HTTPException(404)
    return _detailpagina(request, aangemeld, gebruiker_id, {"wachtwoord": wachtwoord})


@router.post("/gebruikers/{gebruiker_id}/tweede-factor-herstellen")
def tweede_factor_herstellen(
    request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID, form: Formulier
) -> Response:
    if form.get("bevestig") != "ja":
        return _onbevestigd(request, aangemeld, gebruiker_id, "factor-bevestig")
    try:
        with web(request).transactie() as s:
            if not herstel_tweede_factor(s, gebruiker_id, door=aangemeld.toegang.actor()):
                raise HTTPException(404)
    except Accountfout as exc:
        return _detailpagina(request, aangemeld, gebruiker_id, {"fouten": [fout(request, exc, "factor-bevestig")]}, 400)
    return _terug(gebruiker_id, "tweede-factor")


@router.post("/gebruikers/{gebruiker_id}/deactiveren")
def gebruiker_deactiveren(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID, form: Formulier) -> Response:
    if form.get("bevestig") != "ja":
        return _onbevestigd(request, aangemeld, gebruiker_id, "deactiveer-bevestig")
    try:
        with web(request).transactie() as s:
            if not deactiveer_gebruiker(s, gebruiker_id, door=aangemeld.toegang.actor()):
                raise HTTPException(404)
    except Accountfout as exc:
        fouten = [fout(request, exc, "deactiveer-bevestig")]
        return _detailpagina(request, aangemeld, gebruiker_id, {"fouten": fouten}, 400)
    return _terug(gebruiker_id, "gedeactiveerd")


@router.post("/gebruikers/{gebruiker_id}/heractiveren")
def gebruiker_heractiveren(request: Request, aangemeld: Beheerder, gebruiker_id: uuid.UUID) -> Response:
    with web(request).transactie() as s:
        if not heractiveer_gebruiker(s, gebruiker_id, door=aangemeld.toegang.actor()):
            raise HTTPException(404)
    return _terug(gebruiker_id, "geheractiveerd")


def _regels(regels: Sequence[gebeurtenissen.Accountregel], namen: dict[str, str]) -> list[dict[str, Any]]:
    """Account events for the page: names instead of ids, labels instead of codes."""
    labels = {g.value: label for g, label in gebeurtenissen.LABELS.items()}
    uit = []
    for r in regels:
        door = namen.get(r.door, r.door)
        uit.append(
            {
                "tijdstip": r.tijdstip,
                "gebeurtenis": labels.get(r.gebeurtenis, r.gebeurtenis),
                "door": "systeem" if r.door.startswith("systeem") else door,
                "gebruiker": namen.get(r.gebruiker or "", "–") if r.gebruiker else "–",
                "gebruiker_id": r.gebruiker if r.gebruiker in namen else None,
                "mislukt": r.gebeurtenis == gebeurtenissen.Gebeurtenis.inloggen_mislukt,
            }
        )
    return uit


PER_PAGINA = 50


@router.get("/logboek")
def logboek(request: Request, aangemeld: Beheerder, pagina: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    """Account events only (logins, failures, accounts created, reset, deactivated): never melding data."""
    with web(request).transactie() as s:
        regels, meer = gebeurtenissen.lijst(s, limiet=PER_PAGINA, overslaan=(pagina - 1) * PER_PAGINA)
        namen = {str(g.id): g.gebruikersnaam for g, _ in lijst_gebruikers(s)}
    context = {
        "regels": _regels(regels, namen),
        "pagina": pagina,
        "vorige": f"/beheer/logboek?pagina={pagina - 1}" if pagina > 1 else None,
        "volgende": f"/beheer/logboek?pagina={pagina + 1}" if meer else None,
    }
    return render(request, "beheer/logboek.html", context)


def _organisatiepagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    taal = i18n.kies_taal(request)[0]
    with web(request).transactie() as s:
        organisaties = lijst_organisaties(s)
    soorten = [(c.code, c.label(taal)) for c in codelijst("melder_soort").codes]
    context = {
        "organisaties": organisaties,
        "soorten": soorten,
        "soortlabels": dict(soorten),
        "fouten": [],
        "ingevuld": {},
        **extra,
    }
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

FEATURE = Feature(
    naam="beheer",
    pages=router,
    nav=(NavItem("/beheer", N_("Beheer"), Recht.beheer, 40),),
    paginas={
        "/beheer/gebruikers": Paginatitel(N_("Gebruikers")),
        "/beheer/gebruikers/{gebruiker_id}": Paginatitel(N_("Gebruiker {gebruiker_id}")),
        "/beheer/logboek": Paginatitel(N_("Logboek van accounts")),
        "/beheer/organisaties": Paginatitel(N_("Organisaties")),
        "/beheer/tokens": Paginatitel(N_("API-tokens")),
        "/beheer/tokens/{token_id}/intrekken": Paginatitel(N_("Token intrekken")),
    },
)
