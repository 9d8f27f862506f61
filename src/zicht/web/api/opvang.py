# SPDX-License-Identifier: EUPL-1.2
"""API: shelter facilities with today's beds, weekly occupancy reports, and the occupancy per region.

The same rules as the pages: the opvang right for facilities (an address only for the facility's own operator),
aggregaten for the regional figures (person counts behind the disclosure gate). Occupancy reports (one, or a
file with a row report) need the ``bezetting_melden`` right: opvang users, and the API tokens of a shelter
operator with the ``opvang:bezetting`` scope, which may do nothing else (no address, no meldingen, no queue).
They are accepted only for the active facilities of the caller's own organisation; any other code gets the
same 403. A report sent twice changes nothing (``uitkomst: al_aanwezig``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, UploadFile
from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from zicht.opvang.bezetting import Bedden, NietEigenVoorziening, OngeldigeBezetting, meld
from zicht.opvang.overzicht import voorzieningen_met_bedden
from zicht.opvang.rapportage import PERSOONSMATEN, regiorapport
from zicht.opvang.upload import Bestandsfout, verwerk_bestand
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.toegang import Recht, Toegang, ziet_exacte_cijfers
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage.base import utcnow
from zicht.web.api.auth import ApiVereist
from zicht.web.api.problemen import TYPE_ONGELDIG, ApiProbleem, OngeldigeParameter, antwoorden
from zicht.web.api.schemas import ApiModel
from zicht.web.context import web
from zicht.web.features import Feature

router = APIRouter(prefix="/opvang", tags=["opvang"])
Opvang = Annotated[Toegang, Depends(ApiVereist(Recht.opvang))]
Bezetting = Annotated[Toegang, Depends(ApiVereist(Recht.bezetting_melden))]
MAX_BEZETTINGSBESTAND = 5 * 1024 * 1024
BESTANDSUITLEG = "CSV (UTF-8) of XLSX met de kolommen voorziening, datum, totaal, bezet, gereserveerd, geblokkeerd."
Regio = Annotated[Toegang, Depends(ApiVereist(Recht.aggregaten))]


class Bedstand(ApiModel):
    """Bedden van een voorziening op een dag."""

    totaal: int = Field(ge=0)
    bezet: int = Field(ge=0)
    gereserveerd: int = Field(ge=0)
    geblokkeerd: int = Field(ge=0)
    vrij: int = Field(ge=0)


class Voorziening(ApiModel):
    """Een opvangvoorziening zoals u die mag zien (een adres alleen voor de eigen exploitant)."""

    id: uuid.UUID
    code: str
    naam: str
    soort: str
    regio: str
    regio_naam: str
    centrumgemeente: str
    adres: str | None = None
    bedden: Bedstand


class VoorzieningCollectie(ApiModel):
    """Alle actieve voorzieningen met de bedden van vandaag."""

    voorzieningen: list[Voorziening]


class Bezettingsmelding(ApiModel):
    """Het (wekelijkse) bezettingsoverzicht van één voorziening op één dag."""

    voorziening_code: str = Field(min_length=1, max_length=64)
    datum: date
    totaal: int = Field(ge=0, le=10_000)
    bezet: int = Field(ge=0, le=10_000)
    gereserveerd: int = Field(default=0, ge=0, le=10_000)
    geblokkeerd: int = Field(default=0, ge=0, le=10_000)


class Bezettingsuitkomst(ApiModel):
    """Wat er met de melding gebeurde: opgeslagen, bijgewerkt of al_aanwezig."""

    uitkomst: str


class Regiocijfers(ApiModel):
    """Eén regio: bedden exact, aantallen personen beveiligd (tekst: getal, <10 of x)."""

    regio: str
    naam: str
    bedden: Bedstand
    personen: dict[str, str]
    mediane_wachttijd_dagen: str


class Regiorapport(ApiModel):
    """Opvang per regio op een dag, met de gebruikte regio-indeling."""

    datum: date
    indeling: str
    regios: list[Regiocijfers]


def _bedstand(b: Bedden) -> Bedstand:
    return Bedstand(totaal=b.totaal, bezet=b.bezet, gereserveerd=b.gereserveerd, geblokkeerd=b.geblokkeerd, vrij=b.vrij)


@router.get("/voorzieningen", response_model=VoorzieningCollectie, responses=antwoorden(401, 403),
            summary="Opvangvoorzieningen")  # fmt: skip
def lijst_voorzieningen(request: Request, toegang: Opvang) -> VoorzieningCollectie:
    """Alle actieve voorzieningen met de bedden van vandaag."""
    ctx = web(request)
    with ctx.sessions() as s:
        lijst = voorzieningen_met_bedden(s, toegang, ctx.reference, laad_opvangregios(ctx.reference.bron_dir),
                                         utcnow().date())  # fmt: skip
    return VoorzieningCollectie(voorzieningen=[
        Voorziening(id=r.voorziening.id, code=r.voorziening.code, naam=r.voorziening.naam, soort=r.voorziening.soort,
                    regio=r.voorziening.regio, regio_naam=r.voorziening.regio_naam,
                    centrumgemeente=r.voorziening.centrumgemeente, adres=r.voorziening.adres,
                    bedden=_bedstand(r.bedden))
        for r in lijst
    ])  # fmt: skip


def _niet_eigen() -> ApiProbleem:
    return ApiProbleem(403, "U meldt alleen de bezetting van actieve voorzieningen van uw eigen organisatie.")


@router.post("/bezettingen", response_model=Bezettingsuitkomst, status_code=201,
             responses=antwoorden(400, 401, 403), summary="Bezetting melden")  # fmt: skip
def meld_bezetting(
    request: Request, response: Response, toegang: Bezetting, melding: Bezettingsmelding
) -> Bezettingsuitkomst:
    """Slaat het bezettingsoverzicht op voor een actieve voorziening van uw organisatie (een andere code: 403).
    Nog eens hetzelfde sturen verandert niets (200, ``al_aanwezig``)."""
    try:
        with web(request).transactie() as s:
            uitkomst = meld(s, toegang, melding.voorziening_code, melding.datum,
                            Bedden(melding.totaal, melding.bezet, melding.gereserveerd, melding.geblokkeerd), "api")  # fmt: skip
    except NietEigenVoorziening:
        raise _niet_eigen() from None
    except OngeldigeBezetting as exc:
        raise ApiProbleem(400, str(exc), type=TYPE_ONGELDIG, invalid_params=[
            OngeldigeParameter(name="bezet", code="ongeldig", reason=str(exc))]) from None  # fmt: skip
    if uitkomst != "opgeslagen":
        response.status_code = 200
    return Bezettingsuitkomst(uitkomst=uitkomst)


class Rijafwijzing(ApiModel):
    """Een afgewezen rij: het rijnummer (de kop is rij 1), de kolom en de reden."""

    rijnummer: int = Field(ge=1)
    kolom: str
    reden: str


class Bezettingsrapport(ApiModel):
    """Het rijrapport van een bezettingsbestand: elke gelezen rij is opgeslagen, bijgewerkt, al aanwezig of
    afgewezen."""

    gelezen: int = Field(ge=0)
    opgeslagen: int = Field(ge=0)
    bijgewerkt: int = Field(ge=0)
    al_aanwezig: int = Field(ge=0)
    afgewezen: int = Field(ge=0)
    afwijzingen: list[Rijafwijzing]


@router.post("/bezettingsbestanden", response_model=Bezettingsrapport, responses=antwoorden(400, 401, 403, 413),
             summary="Bezettingsbestand aanleveren")  # fmt: skip
def meld_bezettingsbestand(
    request: Request,
    toegang: Bezetting,
    bestand: Annotated[UploadFile, File(description=BESTANDSUITLEG)],
) -> Bezettingsrapport:
    """Leest een (wekelijks) bezettingsbestand voor de voorzieningen van uw organisatie en geeft per rij de
    uitkomst. Een rij voor een andere voorziening wordt afgewezen; hetzelfde bestand nog eens sturen slaat niets
    opnieuw op (``alAanwezig``)."""
    inhoud = bestand.file.read(MAX_BEZETTINGSBESTAND + 1)
    if len(inhoud) > MAX_BEZETTINGSBESTAND:
        raise ApiProbleem(413, "Het bestand is groter dan 5 MB.")
    try:
        with web(request).transactie() as s:
            r = verwerk_bestand(s, toegang, inhoud, bestand.filename or "bezetting.csv", bron="api")
    except Bestandsfout as exc:
        raise ApiProbleem(400, f"Het bestand kan niet worden gelezen: {exc}.", type=TYPE_ONGELDIG, invalid_params=[
            OngeldigeParameter(name="bestand", code="ongeldig", reason=str(exc))]) from None  # fmt: skip
    return Bezettingsrapport(gelezen=r.gelezen, opgeslagen=r.opgeslagen, bijgewerkt=r.bijgewerkt,
                             al_aanwezig=r.al_aanwezig, afgewezen=len(r.afgewezen),
                             afwijzingen=[Rijafwijzing(rijnummer=a.rijnummer, kolom=a.kolom, reden=a.reden)
                                          for a in r.afgewezen])  # fmt: skip


@router.get("/regios", response_model=Regiorapport, responses=antwoorden(401, 403), summary="Opvang per regio")
def opvang_per_regio(request: Request, toegang: Regio) -> Regiorapport:
    """Bedden per regio vandaag en personen over de afgelopen 28 dagen (beveiligd, behalve voor analisten)."""
    ctx = web(request)
    regios = laad_opvangregios(ctx.reference.bron_dir)
    with ctx.sessions() as s:
        r = regiorapport(s, regios, utcnow().date(), exact=ziet_exacte_cijfers(toegang),
                         policy=DisclosurePolicy.from_settings(ctx.settings))  # fmt: skip
    return Regiorapport(datum=r.datum, indeling=r.indeling, regios=[
        Regiocijfers(regio=x.regio, naam=x.naam, bedden=_bedstand(x.bedden),
                     personen={m: x.personen[m] for m in PERSOONSMATEN}, mediane_wachttijd_dagen=x.mediane_wachttijd)
        for x in [*r.rijen, r.totaal]
    ])  # fmt: skip


FEATURE = Feature(naam="api-opvang", api=router)
