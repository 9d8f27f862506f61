# SPDX-License-Identifier: EUPL-1.2
"""Conversions between the registry and the API contract (both directions), kept out of the routes."""

from __future__ import annotations

from typing import Any

from zicht.intake import Fout
from zicht.intake.correctie import routestap_tekst
from zicht.privacy.toegang import Recht, Toegang
from zicht.registry import Pagina
from zicht.storage.tables import Melding as MeldingRij
from zicht.web.api import schemas
from zicht.web.api.problemen import OngeldigeParameter

#: Intake column -> API property, for mapping validation problems onto ``invalidParams``.
KOLOM_NAAR_VELD = {
    "melder_referentie": "melderReferentie",
    "melddatum": "melddatum",
    "uitbuitingsvorm": "uitbuitingsvormen",
    "sector": "sectoren",
    "werkwijze": "werkwijzen",
    "plaats_delict": "plaatsDelict",
    "wervingsplaats": "wervingsplaats",
    "uitbuiting_van": "uitbuitingVan",
    "uitbuiting_tot": "uitbuitingTot",
    "geslacht": "geslacht",
    "geboortedatum": "geboortedatum",
    "leeftijd": "leeftijd",
    "nationaliteit": "nationaliteiten",
    "dossiertype": "dossiertype",
    "status": "status",
    "grondslag": "grondslag",
    "toestemming": "toestemming",
    "voornamen": "voornamen",
    "achternaam": "achternaam",
    "documentnummer": "documentnummers",
    "telefoonnummer": "telefoonnummers",
    "toelichting": "toelichting",
    "route": "route",
}


def naar_invoer(body: schemas.MeldingNieuw) -> dict[str, Any]:
    """The raw melding (intake column -> value) for :class:`zicht.intake.Validator`."""
    return {
        "melder_referentie": body.melder_referentie,
        "melddatum": body.melddatum,
        "uitbuitingsvorm": list(body.uitbuitingsvormen),
        "sector": list(body.sectoren),
        "werkwijze": list(body.werkwijzen),
        "plaats_delict": body.plaats_delict,
        "wervingsplaats": body.wervingsplaats,
        "uitbuiting_van": body.uitbuiting_van,
        "uitbuiting_tot": body.uitbuiting_tot,
        "geslacht": body.geslacht,
        "geboortedatum": body.geboortedatum,
        "leeftijd": body.leeftijd,
        "nationaliteit": list(body.nationaliteiten),
        "dossiertype": body.dossiertype,
        "status": body.status,
        "grondslag": body.grondslag,
        "toestemming": body.toestemming,
        "voornamen": body.voornamen,
        "achternaam": body.achternaam,
        "documentnummer": list(body.documentnummers),
        "telefoonnummer": list(body.telefoonnummers),
        "toelichting": body.toelichting,
        "route": [routestap_tekst(stap.soort, stap.plaats, stap.datum) for stap in body.route],
    }


def naar_invoer_deels(correctie: schemas.MeldingCorrectie) -> dict[str, Any]:
    """Only the fields a correction gives (a JSON merge patch), as raw intake columns; ``null`` clears."""
    gegeven = correctie.model_fields_set - {"reden"}
    volledig = naar_invoer(schemas.MeldingNieuw.model_construct(melder_referentie="", **_gevuld(correctie)))
    veld_naar_kolom = {_attribuut(v): k for k, v in KOLOM_NAAR_VELD.items()}
    return {veld_naar_kolom[v]: (volledig[veld_naar_kolom[v]] if getattr(correctie, v) is not None else None)
            for v in gegeven}  # fmt: skip


def _gevuld(correctie: schemas.MeldingCorrectie) -> dict[str, Any]:
    lijsten = {"uitbuitingsvormen", "sectoren", "werkwijzen", "nationaliteiten", "documentnummers",
               "telefoonnummers", "route"}  # fmt: skip
    uit: dict[str, Any] = {}
    for naam in schemas.MeldingNieuw.model_fields:
        if naam == "melder_referentie":
            continue
        waarde = getattr(correctie, naam, None)
        uit[naam] = (waarde or []) if naam in lijsten else waarde
    return uit


def _attribuut(camel: str) -> str:
    """``plaatsDelict`` -> ``plaats_delict`` (the Python attribute of an API field)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in camel)


def ongeldige_parameters(fouten: list[Fout]) -> list[OngeldigeParameter]:
    """Validation problems as ``invalidParams`` (the offending value is never repeated)."""
    return [
        OngeldigeParameter(name=KOLOM_NAAR_VELD.get(f.kolom, f.kolom), code=f.code, reason=f.reden_nl) for f in fouten
    ]


def _plaats(soort: str, gemeente: str | None, land: str | None) -> schemas.Plaats:
    return schemas.Plaats(soort=soort, gemeente_code=gemeente, land=land)


def naar_melding(m: MeldingRij, toegang: Toegang) -> schemas.Melding:
    """The API view of a stored melding; the reference only for the reporting organisation itself."""
    werving_soort = "gemeente" if m.wervingsplaats_gemeente else "buitenland" if m.wervingsplaats_land else "onbekend"
    return schemas.Melding(
        id=m.id,
        melder_referentie=m.melder_referentie if toegang.is_eigen_organisatie(m.organisatie_id) else None,
        melder_soort=m.melder_soort,
        melddatum=m.melddatum,
        uitbuitingen=[schemas.UitbuitingData(vorm=u.vorm, sector=u.sector) for u in m.uitbuitingen],
        werkwijzen=[w.werkwijze for w in m.werkwijzen] or ["onbekend"],
        plaats_delict=_plaats(m.plaats_delict_soort, m.plaats_delict_gemeente, m.plaats_delict_land),
        wervingsplaats=_plaats(werving_soort, m.wervingsplaats_gemeente, m.wervingsplaats_land),
        uitbuiting_van=m.uitbuiting_van,
        uitbuiting_tot=m.uitbuiting_tot,
        geslacht=m.geslacht,
        geboortejaar=m.geboortejaar,
        leeftijd_bij_melding=m.leeftijd_bij_melding,
        nationaliteiten=[n.land for n in m.nationaliteiten] or ["onbekend"],
        dossiertype=m.dossiertype,
        status=m.status,
        grondslag=m.grondslag,
        toestemming=m.toestemming,
        route=[
            schemas.RouteStap(
                volgnummer=r.volgnummer, soort=r.soort, gemeente_code=r.gemeentecode, land=r.land, datum=r.datum
            )
            for r in m.route
        ],
        bron=m.bron,
        # the national person pseudonym is CoMensha's; a reporting organisation never sees it (issue 15)
        persoon_id=m.persoon_id if toegang.mag(Recht.melding_landelijk) else None,
        codebook_versie=m.codebook_versie,
        gebiedsindeling_jaar=m.gebiedsindeling_jaar,
        aangemaakt_op=m.aangemaakt_op,
        versie=m.versie,
        status_beslisser=m.status_beslisser,
        status_datum=m.status_datum,
        gewijzigd_op=m.gewijzigd_op,
        ingetrokken_op=m.ingetrokken_op,
        intrekkingsreden=m.intrekkingsreden,
    )


def naar_collectie(
    pagina: Pagina[MeldingRij], toegang: Toegang, basis: str, query: dict[str, str]
) -> schemas.MeldingCollectie:
    """A page of meldingen with paging links that keep the caller's filters."""
    from urllib.parse import urlencode

    def link(n: int) -> schemas.Link:
        return schemas.Link(href=f"{basis}?{urlencode({**query, 'pagina': n, 'paginaGrootte': pagina.pagina_grootte})}")

    return schemas.MeldingCollectie(
        meldingen=[naar_melding(m, toegang) for m in pagina.items],
        paginering=schemas.Paginering(
            pagina=pagina.pagina,
            pagina_grootte=pagina.pagina_grootte,
            totaal=pagina.totaal,
            aantal_paginas=pagina.aantal_paginas,
        ),
        links=schemas.Links(
            zelf=link(pagina.pagina),
            first=link(1),
            prev=link(pagina.pagina - 1) if pagina.heeft_vorige else None,
            next=link(pagina.pagina + 1) if pagina.heeft_volgende else None,
            last=link(pagina.aantal_paginas),
        ),
    )
