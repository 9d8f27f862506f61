# SPDX-License-Identifier: EUPL-1.2
"""Regional pages for the gemeente and analist roles: shelter occupancy per region (beds exact, person figures
behind the disclosure gate), its weekly course, and the care-coordination network (coverage map and table,
quality indicators). Every page names the region division it groups by. CSV/XLSX export of the regional table.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zicht.netwerk.dekking import dekking, dekkingskaart
from zicht.netwerk.kwaliteit import indicatoren
from zicht.opvang.rapportage import MAAT_LABELS, PERSOONSMATEN, Regiorapport, bezettingsreeks, regiorapport
from zicht.privacy import logboek
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.toegang import Recht, Toegang, studiegemeenten, ziet_exacte_cijfers
from zicht.reference.opvangregios import Opvangregios, laad_opvangregios
from zicht.storage.base import utcnow
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.pages.opvang_vertalingen import VERTALINGEN
from zicht.web.templating import render

router = APIRouter()
Regio = Annotated[Aangemeld, Depends(Vereist(Recht.aggregaten))]
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
    return render(request, "netwerk/opvang_regio.html", {"r": r, "maten": PERSOONSMATEN, "maat_labels": [MAAT_LABELS[m] for m in PERSOONSMATEN],
                  "reeks": reeks, "reeks_naam": regios.naam(regio) if regio else "Nederland"})  # fmt: skip


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
    kaart = dekkingskaart(d, ctx.reference, gemeenten)
    zonder = [g for g in d.gemeenten if not g.zorgcoordinator_sinds or not g.aandachtsfunctionaris_sinds]
    if eigen is not None:
        kwal = [k for k in kwal if k.regio in eigen]
    return render(request, "netwerk/netwerk.html", {"d": d, "kaart": kaart, "zonder": zonder, "kwal": kwal,
                  "eigen": eigen, "regios": [x for x in d.regios if eigen is None or x.regio in eigen]})  # fmt: skip


FEATURE = Feature(
    naam="netwerk",
    pages=router,
    vertalingen=VERTALINGEN,
    nav=(
        NavItem("/opvang/regio", "Opvang per regio", Recht.aggregaten, 45),
        NavItem("/netwerk", "Netwerk", Recht.aggregaten, 46),
    ),
)
