# SPDX-License-Identifier: EUPL-1.2
"""The linkage review queue for analysts: pairs scored between the two thresholds, decided by a person.

``/analyse/koppelingen`` lists the open pairs (the one whose decision teaches most first: see
``zicht.linkage.meting``) with their count and the estimated precision and recall of the linkage with their
intervals, overall, per reporter pair and per variation kind; ``/analyse/koppelingen/{item_id}`` shows the two
meldingen side by side by their minimised attributes and how the score is built up: the prior and each
comparison's level and weight, adding up to the score, never a name. Two POST buttons record the decision (*zelfde
persoon* / *verschillende personen*), which always overrides the model; the analyst then lands on the next
open pair with a status message and an undo button (undoing is recorded too). A user with the identiteit
role may reveal both identities for a stated purpose, which is logged per melding. Works without
JavaScript: plain forms with a CSRF token.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.codebook import codelijst
from zicht.linkage.meting import schatting
from zicht.linkage.review import (
    BesluitFout,
    MeldingKenmerken,
    ReviewItem,
    decide,
    review_count,
    review_item,
    review_queue,
    undo,
)
from zicht.privacy.toegang import Recht
from zicht.reference import Referentiedata
from zicht.registry import Pagina
from zicht.registry.identiteit import (
    DOELEN,
    OngeldigOnthulverzoek,
    Onthulstatus,
    controleer_onthulverzoek,
    onthul_paar_voor_zaak,
)
from zicht.storage.tables import KoppelBesluit
from zicht.taal import N_, vertaler
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.pages.koppelkwaliteit import SOORTEN, kwaliteit_weergave, uitleg
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()
Analist = Annotated[Aangemeld, Depends(Vereist(Recht.melding_landelijk))]
Onthuller = Annotated[Aangemeld, Depends(Vereist(Recht.identiteit_onthullen))]
Form = Annotated[FormData, Depends(formulier)]

PAD = "/analyse/koppelingen"
PER_PAGINA = 50
#: Status messages a redirect can ask for (``?melding=``): (alert type, Dutch source text).
MELDINGEN = {
    "ongedaan": ("ok", N_("Besluit ongedaan gemaakt. Het paar staat weer open.")),
    "niet-open": ("warning", N_("Dit paar staat niet (meer) open.")),
    "niet-ongedaan": ("warning", N_("Dit besluit kan niet (meer) ongedaan worden gemaakt.")),
}


def _label(lijst: str, code: str | None, taal: str) -> str:
    if not code:
        return "–"
    try:
        return codelijst(lijst)[code].label(taal)
    except KeyError:
        return code


def _plaats(reference: Referentiedata, code: str, taal: str) -> str:
    gm = reference.gemeenten.get(code)
    if gm is not None:
        return gm.weergavenaam
    if code == "onbekend":
        _ = vertaler(taal)
        return _("onbekend")
    return _label("land", code, taal)


def _kenmerken(m: MeldingKenmerken, reference: Referentiedata, taal: str) -> dict[str, str]:
    """The minimised attributes of one melding as texts, keyed by their Dutch label."""
    return {
        N_("Melder"): m.melder_naam or m.melder,
        N_("Soort melder"): _label("melder_soort", m.melder_soort, taal),
        N_("Melddatum"): m.melddatum.isoformat(),
        N_("Plaats delict"): _plaats(reference, m.plaats_delict, taal),
        N_("Geslacht"): _label("geslacht", m.geslacht, taal),
        N_("Geboortejaar"): str(m.geboortejaar) if m.geboortejaar else "–",
        N_("Leeftijd bij melding"): str(m.leeftijd_bij_melding) if m.leeftijd_bij_melding is not None else "–",
        N_("Nationaliteiten"): ", ".join(_label("land", n, taal) for n in m.nationaliteiten) or "–",
        N_("Uitbuitingsvormen"): ", ".join(_label("uitbuitingsvorm", v, taal) for v in m.uitbuitingsvormen) or "–",
        N_("Sectoren"): ", ".join(_label("sector", v, taal) for v in m.sectoren) or "–",
        N_("Werkwijzen"): ", ".join(_label("werkwijze", v, taal) for v in m.werkwijzen) or "–",
    }


def _vergelijking(item: ReviewItem, reference: Referentiedata, taal: str) -> list[tuple[str, str, str]]:
    links, rechts = _kenmerken(item.links, reference, taal), _kenmerken(item.rechts, reference, taal)
    return [(k, links[k], rechts[k]) for k in links]


def _kort(item_id: uuid.UUID) -> str:
    return str(item_id)[:8]


def _uuid(waarde: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(waarde.strip())
    except ValueError:
        return None


@router.get(PAD)
def wachtrij(
    request: Request,
    aangemeld: Analist,
    besluit: str = "",
    melding: str = "",
    pagina: Annotated[int, Query(ge=-1_000_000, le=1_000_000)] = 1,  # clamped below: 0 or 9 still shows a page
) -> Response:
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    with ctx.transactie() as s:
        aantal = review_count(s)
        laatste = Pagina((), 1, PER_PAGINA, aantal).aantal_paginas
        pagina = min(max(1, pagina), laatste)  # a decision may have emptied the last page
        items = review_queue(s, limit=PER_PAGINA, offset=(pagina - 1) * PER_PAGINA)
        status = _status(s, besluit)
        kwaliteit = kwaliteit_weergave(schatting(s), taal)
    melder = {
        i.id: (_label("melder_soort", i.links.melder_soort, taal), _label("melder_soort", i.rechts.melder_soort, taal))
        for i in items
    }
    return render(
        request,
        "koppelingen/wachtrij.html",
        {
            "aantal": aantal,
            "items": items,
            "pagina": pagina,
            "paginering": pagineer(request, Pagina(items, pagina, PER_PAGINA, aantal)),
            "melder": melder,
            "kort": _kort,
            "status": status,
            "melding": MELDINGEN.get(melding),
            "kwaliteit": kwaliteit,
            "soorten": SOORTEN,
        },
    )


def _status(s: Any, besluit: str) -> dict[str, Any] | None:
    """The decision just taken, for the status message and its undo button (only while it is active)."""
    besluit_id = _uuid(besluit) if besluit else None
    if besluit_id is None:
        return None
    rij = s.get(KoppelBesluit, besluit_id)
    if rij is None or rij.ingetrokken_op is not None:
        return None
    return {"id": rij.id, "zelfde": rij.oordeel == "zelfde"}


@router.get(PAD + "/{item_id}")
def beoordelen(
    request: Request, aangemeld: Analist, item_id: uuid.UUID, besluit: str = "", melding: str = ""
) -> Response:
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    with ctx.transactie() as s:
        item = review_item(s, item_id)
        if item is None:
            raise HTTPException(404)
        status = _status(s, besluit)
        aantal = review_count(s)
    return _pagina(request, aangemeld, item, taal, status=status, aantal=aantal, melding=MELDINGEN.get(melding))


def _pagina(
    request: Request,
    aangemeld: Aangemeld,
    item: ReviewItem,
    taal: str,
    *,
    status: dict[str, Any] | None = None,
    melding: tuple[str, str] | None = None,
    aantal: int = 0,
    fouten: list[dict[str, str]] | None = None,
    doel: str = "",
    ingevuld: dict[str, str] | None = None,
    identiteiten: tuple[Any, Any] | None = None,
    status_code: int = 200,
) -> Response:
    ctx = web(request)
    fout = {f["veld"]: f["tekst"] for f in (fouten or [])}
    return render(
        request,
        "koppelingen/paar.html",
        {
            "item": item,
            "kort": _kort(item.id),
            "rijen": _vergelijking(item, ctx.reference, taal),
            "uitleg": uitleg(item, taal),
            "soort": SOORTEN.get(item.soort, item.soort),
            "kans": f"{item.match_probability * 100:.1f}%",
            "status": status,
            "melding": melding,
            "aantal": aantal,
            "mag_onthullen": Recht.identiteit_onthullen in aangemeld.toegang.rechten,
            "fouten": fouten or [],
            "fout": fout,
            "doel": doel,
            "doelen": [(code.value, vertaler(taal)(label)) for code, label in DOELEN.items()],
            "ingevuld": ingevuld or {"doel": "", "zaaknummer": "", "toelichting": ""},
            "identiteiten": identiteiten,
        },
        status_code=status_code,
    )


@router.post(PAD + "/{item_id}/besluit")
def besluiten(request: Request, aangemeld: Analist, item_id: uuid.UUID, form: Form) -> Response:
    oordeel = tekst(form, "oordeel", 20)
    if oordeel not in ("zelfde", "verschillend"):
        return RedirectResponse(f"{PAD}/{item_id}", status_code=303)
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            besluit_id = decide(s, aangemeld.toegang.actor(), item_id, same=oordeel == "zelfde")
            volgende = review_queue(s, limit=1)
    except BesluitFout:
        return RedirectResponse(f"{PAD}?melding=niet-open", status_code=303)
    doel = f"{PAD}/{volgende[0].id}" if volgende else PAD
    return RedirectResponse(f"{doel}?besluit={besluit_id}", status_code=303)


@router.post(PAD + "/ongedaan")
def ongedaan(request: Request, aangemeld: Analist, form: Form) -> Response:
    besluit_id = _uuid(tekst(form, "besluit", 40))
    ctx = web(request)
    try:
        if besluit_id is None:
            raise BesluitFout("geen besluit")
        with ctx.transactie() as s:
            rij = s.get(KoppelBesluit, besluit_id)
            item_id = rij.beoordeling_id if rij is not None else None
            undo(s, aangemeld.toegang.actor(), besluit_id)
    except BesluitFout:
        return RedirectResponse(f"{PAD}?melding=niet-ongedaan", status_code=303)
    return RedirectResponse(f"{PAD}/{item_id}?melding=ongedaan" if item_id else f"{PAD}?melding=ongedaan", 303)


@router.post(PAD + "/{item_id}/identiteit")
def onthullen(request: Request, aangemeld: Onthuller, item_id: uuid.UUID, form: Form) -> Response:
    """Both identities of a pair, for a purpose from the list and a case reference (as for one melding), within
    the caller's daily reveal budget; every reveal is logged with that purpose."""
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    ingevuld = {k: tekst(form, k, 200) for k in ("doel", "zaaknummer", "toelichting")}
    with ctx.transactie() as s:
        item = review_item(s, item_id)
        if item is None:
            raise HTTPException(404)
        aantal = review_count(s)
    try:
        verzoek = controleer_onthulverzoek(ingevuld["doel"], ingevuld["zaaknummer"], ingevuld["toelichting"])
    except OngeldigOnthulverzoek as exc:
        fouten = [{"veld": veld, "tekst": tekst_} for veld, tekst_ in exc.fouten]
        return _pagina(request, aangemeld, item, taal, aantal=aantal, fouten=fouten, ingevuld=ingevuld, status_code=400)
    with ctx.transactie() as s:
        uitkomst = onthul_paar_voor_zaak(
            s, ctx.vault, aangemeld.toegang, item_id, verzoek, dagbudget=ctx.settings.onthullingen_per_dag
        )
    if uitkomst.status is not Onthulstatus.ok:
        fout = {
            "veld": "doel",
            "tekst": N_("U heeft het maximum aantal inzagen voor vandaag bereikt; de beheerder is gewaarschuwd."),
        }
        return _pagina(request, aangemeld, item, taal, aantal=aantal, fouten=[fout], ingevuld=ingevuld, status_code=429)
    return _pagina(
        request,
        aangemeld,
        item,
        taal,
        aantal=aantal,
        doel=verzoek.logboekdoel,
        identiteiten=(uitkomst.links, uitkomst.rechts),
    )


FEATURE = Feature(
    naam="koppelingen",
    pages=router,
    nav=(NavItem(PAD, N_("Koppelingen beoordelen"), Recht.melding_landelijk, 21),),
    paginas={PAD + "/{item_id}": Paginatitel(N_("Paar {item_id}"))},
)
