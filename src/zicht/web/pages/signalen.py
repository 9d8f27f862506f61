# SPDX-License-Identifier: EUPL-1.2
"""Signalen: the review queue of ranked ad clusters for a reporting organisation's reviewers, and the
aggregate overview for gemeenten.

``/signalen`` lists the organisation's open clusters by score with their reasons in short, and the random
audit sample; ``/signalen/clusters/{cluster_id}`` shows the reasons in full (template and name slots, shared
contacts, phrases that hit, counter-signals) and the ads. The reviewer decides with a stated reason:
*afwijzen*, or *omzetten naar melding*, which records the decision and opens the melding form prefilled.
The score is a proposal; nothing happens without a person. ``/signalen/overzicht`` shows counts per gemeente
through disclosure control, never a cluster or an ad.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.toegang import Recht, studiegemeenten
from zicht.signalen import indicatoren
from zicht.signalen.redenen import REDENEN
from zicht.signalen.wachtrij import BesluitFout, beschermd_overzicht, besluit, cluster, melding_voorinvulling, wachtrij
from zicht.taal import N_
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Beoordelaar = Annotated[Aangemeld, Depends(Vereist(Recht.signalen_beoordelen))]
Overzicht = Annotated[Aangemeld, Depends(Vereist(Recht.aggregaten))]
Form = Annotated[FormData, Depends(formulier)]
PAD = "/signalen"


@router.get(PAD)
def lijst(request: Request, aangemeld: Beoordelaar, besloten: str = "") -> Response:
    with web(request).transactie() as s:
        rij = wachtrij(s, aangemeld.toegang)
    return render(
        request, "signalen/wachtrij.html", {"rij": rij, "redenen": REDENEN, "besloten": besloten == "afgewezen"}
    )


def _detail(
    request: Request, aangemeld: Aangemeld, cluster_id: uuid.UUID, fout: str | None = None, status_code: int = 200
) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        gevonden = cluster(s, aangemeld.toegang, cluster_id)
        if gevonden is None:
            raise HTTPException(404)
        rij, ads = gevonden
        gemeenten = {g: gm.weergavenaam for g, gm in ctx.reference.gemeenten.items()}
        return render(
            request,
            "signalen/cluster.html",
            {
                "c": rij,
                "ads": ads,
                "redenen": REDENEN,
                "gemeenten": gemeenten,
                "indicatoren": indicatoren.PER_CODE,
                "kort": str(rij.id)[:8],
                "fout": fout,
            },
            status_code=status_code,
        )


@router.get(PAD + "/clusters/{cluster_id}")
def detail(request: Request, aangemeld: Beoordelaar, cluster_id: uuid.UUID) -> Response:
    return _detail(request, aangemeld, cluster_id)


@router.post(PAD + "/clusters/{cluster_id}/besluit")
def besluiten(request: Request, aangemeld: Beoordelaar, cluster_id: uuid.UUID, form: Form) -> Response:
    ctx = web(request)
    keuze, reden = tekst(form, "besluit", 20), tekst(form, "reden", 500)
    try:
        with ctx.transactie() as s:
            besluit(s, aangemeld.toegang, cluster_id, keuze, reden)
            if keuze == "omgezet":
                gevonden = cluster(s, aangemeld.toegang, cluster_id)
                assert gevonden is not None
                gemeenten = {g: gm.weergavenaam for g, gm in ctx.reference.gemeenten.items()}
                query = melding_voorinvulling(gevonden[0], gevonden[1], gemeenten)
    except BesluitFout as e:
        if str(e) == "niet open":
            with ctx.transactie() as s:
                if cluster(s, aangemeld.toegang, cluster_id) is None:
                    raise HTTPException(404) from None
            return RedirectResponse(f"{PAD}/clusters/{cluster_id}", status_code=303)
        return _detail(request, aangemeld, cluster_id, fout=N_("Geef een reden van 5 tot 500 tekens."), status_code=400)
    if keuze == "omgezet" and aangemeld.toegang.mag(Recht.melding_aanmaken):
        return RedirectResponse(f"/meldingen/nieuw?{query}", status_code=303)
    return RedirectResponse(f"{PAD}?besloten={keuze}", status_code=303)


@router.get(PAD + "/overzicht")
def overzicht(request: Request, aangemeld: Overzicht) -> Response:
    ctx = web(request)
    gemeenten = studiegemeenten(aangemeld.toegang, ctx.reference)
    with ctx.transactie() as s:
        tabel = beschermd_overzicht(s, gemeenten, DisclosurePolicy.from_settings(ctx.settings))
    namen = {g: gm.weergavenaam for g, gm in ctx.reference.gemeenten.items()}
    return render(request, "signalen/overzicht.html", {"tabel": tabel, "namen": namen})


FEATURE = Feature(
    naam="signalen",
    pages=router,
    nav=(
        NavItem(PAD, N_("Signalen"), Recht.signalen_beoordelen, 30),
        NavItem(PAD + "/overzicht", N_("Signalen per gemeente"), Recht.aggregaten, 62),
    ),
    paginas={PAD + "/clusters/{cluster_id}": Paginatitel(N_("Cluster {cluster_id}"))},
)
