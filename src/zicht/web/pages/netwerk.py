# SPDX-License-Identifier: EUPL-1.2
"""Regional pages for the gemeente and analist roles: shelter occupancy per region (beds exact, person figures
behind the disclosure gate), its weekly course, and the care-coordination network (coverage map and table,
quality indicators). Every page names the region division it groups by. CSV/XLSX export of the regional table.

CoMensha's opvang users keep the network on ``/netwerk/functies``: register a zorgcoördinator or
aandachtsfunctionaris for a gemeente and end one, through :mod:`zicht.netwerk.beheer` (validation, write and
logboek in one transaction). Other opvang users get 403 there.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.netwerk.beheer import DEKKINGEN, Netwerkfout, NieuweFunctie, OnbekendeFunctie, beeindig, functies
from zicht.netwerk.beheer import registreer as registreer_functie
from zicht.netwerk.dekking import FUNCTIES, dekking, dekkingskaart
from zicht.netwerk.kwaliteit import indicatoren
from zicht.opvang.rapportage import MAAT_LABELS, PERSOONSMATEN, Regiorapport, bezettingsreeks, regiorapport
from zicht.privacy import logboek
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.toegang import GeenToegang, Recht, Toegang, studiegemeenten, ziet_exacte_cijfers
from zicht.reference import AmbiguousName, UnknownPlace
from zicht.reference.opvangregios import Opvangregios, laad_opvangregios
from zicht.storage.base import utcnow
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Regio = Annotated[Aangemeld, Depends(Vereist(Recht.aggregaten))]
Opvang = Annotated[Aangemeld, Depends(Vereist(Recht.opvang))]
Formulier = Annotated[FormData, Depends(formulier)]
FUNCTIE_LABELS = {"zorgcoordinator": N_("zorgcoördinator"), "aandachtsfunctionaris": N_("aandachtsfunctionaris")}
DEKKING_LABELS = {"gemeente": N_("deze gemeente"), "regio": N_("de hele regio van deze gemeente")}
DOEL = "opvang: regionale rapportage over bezetting en plaatsingen"


def _eigen_regios(request: Request, toegang: Toegang, regios: Opvangregios) -> frozenset[str] | None:
    """The shelter regions of the caller's area (None: all)."""
    gemeenten = studiegemeenten(toegang, web(request).reference)
    if gemeenten is None:
        return None
    return frozenset(regios.regio_van[g] for g in gemeenten if g in regios.regio_van)


def _rapport(request: Request, toegang: Toegang) -> tuple[Regiorapport, Opvangregios, frozenset[str] | None]:
    ctx = web(request)
    regios = laad_opvangregios(ctx.reference.bron_dir)
    eigen = _eigen_regios(request, toegang, regios)
    with ctx.sessions() as s:
        r = regiorapport(s, regios, utcnow().date(), exact=ziet_exacte_cijfers(toegang),
                         policy=DisclosurePolicy.from_settings(ctx.settings), alleen_regios=eigen)  # fmt: skip
    return r, regios, eigen


@router.get("/opvang/regio")
def opvang_regio(request: Request, aangemeld: Regio) -> Response:
    r, regios, eigen = _rapport(request, aangemeld.toegang)
    regio = next(iter(sorted(eigen))) if eigen else None
    with web(request).sessions() as s:
        reeks = bezettingsreeks(s, regio, r.datum, weken=26)
    _ = i18n.vertaler_voor(request)
    return render(request, "netwerk/opvang_regio.html", {"r": r, "maten": PERSOONSMATEN, "maat_labels": [_(MAAT_LABELS[m]) for m in PERSOONSMATEN],
                  "reeks": reeks, "reeks_naam": regios.naam(regio) if regio else _("Nederland")})  # fmt: skip


@router.get("/opvang/regio.csv")
def opvang_regio_csv(request: Request, aangemeld: Regio) -> Response:
    r, _, _ = _rapport(request, aangemeld.toegang)
    uit = io.StringIO()
    w = csv.writer(uit)
    w.writerow(["regio", "naam", "voorzieningen", "bedden", "bezet", "gereserveerd", "geblokkeerd", "vrij",
                *PERSOONSMATEN, "mediane_wachttijd_dagen", "indeling", "datum"])  # fmt: skip
    for x in [*r.rijen, r.totaal]:
        b = x.bedden
        w.writerow([x.regio, x.naam, x.voorzieningen, b.totaal, b.bezet, b.gereserveerd, b.geblokkeerd, b.vrij,
                    *(x.personen[m] for m in PERSOONSMATEN), x.mediane_wachttijd, r.indeling, r.datum.isoformat()])  # fmt: skip
    with web(request).transactie() as s:
        logboek.append(s, aangemeld.toegang.actor(), actie="exporteren", object_type="opvang_regio", doel=DOEL,
                       details={"formaat": "csv", "exact": r.exact})  # fmt: skip
    return Response(uit.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="opvang-regio.csv"'})  # fmt: skip


@router.get("/netwerk")
def netwerk(request: Request, aangemeld: Regio) -> Response:
    ctx = web(request)
    regios = laad_opvangregios(ctx.reference.bron_dir)
    eigen = _eigen_regios(request, aangemeld.toegang, regios)
    gemeenten = studiegemeenten(aangemeld.toegang, ctx.reference) or frozenset()
    vandaag = utcnow().date()
    policy = DisclosurePolicy.from_settings(ctx.settings)
    with ctx.sessions() as s:
        d = dekking(s, ctx.reference, regios, vandaag)
        kwal = indicatoren(s, regios, vandaag - timedelta(days=365), vandaag, exact=ziet_exacte_cijfers(aangemeld.toegang),
                           drempel=policy.threshold, marker=policy.marker)  # fmt: skip
    kaart = dekkingskaart(d, ctx.reference, gemeenten, taal=i18n.kies_taal(request)[0])
    zonder = [g for g in d.gemeenten if not g.zorgcoordinator_sinds or not g.aandachtsfunctionaris_sinds]
    if eigen is not None:
        kwal = [k for k in kwal if k.regio in eigen]
    return render(request, "netwerk/netwerk.html", {"d": d, "kaart": kaart, "zonder": zonder, "kwal": kwal,
                  "eigen": eigen, "regios": [x for x in d.regios if eigen is None or x.regio in eigen]})  # fmt: skip


def _functiepagina(request: Request, aangemeld: Aangemeld, extra: dict[str, Any], status_code: int = 200) -> Response:
    ctx = web(request)
    zoek = request.query_params.get("gemeente", "")[:60].strip()
    gemeente = None
    if zoek:
        try:
            gemeente = ctx.reference.gemeente(zoek).code
        except (UnknownPlace, AmbiguousName):
            gemeente = "onbekend"
    try:
        with ctx.sessions() as s:
            lijst = functies(s, aangemeld.toegang, gemeentecode=gemeente)
    except GeenToegang:
        raise HTTPException(403) from None
    fouten: list[dict[str, str]] = extra.get("fouten", [])
    namen = {code: g.weergavenaam for code, g in ctx.reference.gemeenten.items()}
    context = {"functies": lijst, "namen": namen, "zoek": zoek, "fouten": fouten,
               "f": {x["veld"]: x["tekst"] for x in fouten}, "w": {}, "vandaag": utcnow().date().isoformat(),
               "functie_keuzes": [(k, FUNCTIE_LABELS[k]) for k in FUNCTIES],
               "dekking_keuzes": [(k, DEKKING_LABELS[k]) for k in DEKKINGEN], "functie_labels": FUNCTIE_LABELS,
               "gewijzigd": request.query_params.get("gewijzigd") == "ja", **extra}  # fmt: skip
    return render(request, "netwerk/functies.html", context, status_code=status_code)


@router.get("/netwerk/functies")
def netwerkfuncties(request: Request, aangemeld: Opvang) -> Response:
    return _functiepagina(request, aangemeld, {})


def _datum(waarde: str, veld: str) -> date:
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise Netwerkfout(veld, N_("Vul een datum in (JJJJ-MM-DD).")) from None


@router.post("/netwerk/functies")
def functie_toevoegen(request: Request, aangemeld: Opvang, form: Formulier) -> Response:
    ctx = web(request)
    w = {k: tekst(form, k, 200) for k in ("gemeente", "functie", "dekking", "organisatie", "contactrol", "sinds")}
    try:
        try:
            gemeente = ctx.reference.gemeente(w["gemeente"]).code if w["gemeente"] else ""
        except (UnknownPlace, AmbiguousName):
            raise Netwerkfout("gemeente", N_("Onbekende of dubbelzinnige gemeente.")) from None
        nieuw = NieuweFunctie(gemeente, w["functie"], w["organisatie"], w["contactrol"], _datum(w["sinds"], "sinds"),
                              w["dekking"] or "gemeente")  # fmt: skip
        with ctx.transactie() as s:
            registreer_functie(s, aangemeld.toegang, nieuw, ctx.reference)
    except GeenToegang:
        raise HTTPException(403) from None
    except Netwerkfout as exc:
        return _functiepagina(request, aangemeld, {"fouten": [{"veld": exc.veld, "tekst": exc.tekst}], "w": w}, 400)
    return RedirectResponse("/netwerk/functies?gewijzigd=ja", status_code=303)


@router.post("/netwerk/functies/{functie_id}/beeindigen")
def functie_beeindigen(request: Request, aangemeld: Opvang, functie_id: str, form: Formulier) -> Response:
    try:
        fid = uuid.UUID(functie_id)
    except ValueError:
        raise HTTPException(404) from None
    try:
        tot = _datum(tekst(form, "tot", 10), f"tot-{fid}")
        with web(request).transactie() as s:
            beeindig(s, aangemeld.toegang, fid, tot)
    except GeenToegang:
        raise HTTPException(403) from None
    except OnbekendeFunctie:
        raise HTTPException(404) from None
    except Netwerkfout as exc:
        return _functiepagina(request, aangemeld, {"fouten": [{"veld": f"tot-{fid}", "tekst": exc.tekst}]}, 400)
    return RedirectResponse("/netwerk/functies?gewijzigd=ja", status_code=303)


FEATURE = Feature(
    naam="netwerk",
    pages=router,
    nav=(
        NavItem("/opvang/regio", N_("Opvang per regio"), Recht.aggregaten, 45),
        NavItem("/netwerk", N_("Netwerk"), Recht.aggregaten, 46),
    ),
    paginas={"/netwerk/functies": Paginatitel(N_("Netwerk beheren"))},
)
