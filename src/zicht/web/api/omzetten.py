# SPDX-License-Identifier: EUPL-1.2
"""Conversions between the registry and the API contract (both directions), kept out of the routes."""

from __future__ import annotations

from typing import Any

from zicht.intake import KOLOMMEN, Fout
from zicht.intake.correctie import routestap_tekst
from zicht.intake.kolom import Kolom, Soort
from zicht.intake.store import plaatskolommen
from zicht.privacy.toegang import Recht, Toegang
from zicht.registry import Pagina
from zicht.storage.tables import Melding as MeldingRij
from zicht.web.api import schemas
from zicht.web.api.meldingschemas import antwoordattribuut, attribuut
from zicht.web.api.problemen import OngeldigeParameter

#: Intake column -> API property, for mapping validation problems onto ``invalidParams``.
KOLOM_NAAR_VELD = {k.naam: k.api for k in KOLOMMEN}
_SECTOR = next((k for k in KOLOMMEN if k.soort is Soort.sector), None)


def _invoerwaarde(k: Kolom, waarde: Any) -> Any:
    """An API value as the intake reads it: lists as lists, route events as ``soort:plaats:datum``."""
    if k.soort is Soort.route and waarde is not None:
        return [routestap_tekst(stap.soort, stap.plaats, stap.datum) for stap in waarde]
    return list(waarde) if isinstance(waarde, list) else waarde


def naar_invoer(body: schemas.MeldingNieuw) -> dict[str, Any]:
    """The raw melding (intake column -> value) for :class:`zicht.intake.Validator`."""
    return {k.naam: _invoerwaarde(k, getattr(body, attribuut(k))) for k in KOLOMMEN}


def naar_invoer_deels(correctie: schemas.MeldingCorrectie) -> dict[str, Any]:
    """Only the fields a correction gives (a JSON merge patch), as raw intake columns; ``null`` clears."""
    gegeven = correctie.model_fields_set - {"reden"}
    return {k.naam: _invoerwaarde(k, getattr(correctie, attribuut(k))) for k in KOLOMMEN if attribuut(k) in gegeven}


def ongeldige_parameters(fouten: list[Fout]) -> list[OngeldigeParameter]:
    """Validation problems as ``invalidParams`` (the offending value is never repeated)."""
    return [
        OngeldigeParameter(name=KOLOM_NAAR_VELD.get(f.kolom, f.kolom), code=f.code, reason=f.reden_nl) for f in fouten
    ]


def _antwoordwaarde(m: MeldingRij, k: Kolom) -> Any:
    """Field ``k`` of a stored melding as the API answers it."""
    if k.soort is Soort.plaats:
        soort, gemeente, land = (None if c is None else getattr(m, c) for c in plaatskolommen(k))
        soort = soort or ("gemeente" if gemeente else "buitenland" if land else "onbekend")
        return schemas.Plaats(soort=soort, gemeente_code=gemeente, land=land)
    if isinstance(k.opslag, str):
        return getattr(m, k.kolomnaam)
    rijen = getattr(m, k.kindtabel.relatie)
    if k.soort is Soort.uitbuiting:
        sector = _SECTOR.kindtabel.kolom if _SECTOR is not None else "sector"
        return [schemas.UitbuitingData(vorm=getattr(u, k.kindtabel.kolom), sector=getattr(u, sector)) for u in rijen]
    if k.soort is Soort.route:
        return [
            schemas.RouteStap(
                volgnummer=r.volgnummer, soort=r.soort, gemeente_code=r.gemeentecode, land=r.land, datum=r.datum
            )
            for r in rijen
        ]
    return [getattr(r, k.kindtabel.kolom) for r in rijen] or [k.standaard]


def naar_melding(m: MeldingRij, toegang: Toegang) -> schemas.Melding:
    """The API view of a stored melding; the reference only for the reporting organisation itself."""
    velden = {naam: _antwoordwaarde(m, k) for k in KOLOMMEN if (naam := antwoordattribuut(k)) is not None}
    return schemas.Melding(
        id=m.id,
        melder_referentie=m.melder_referentie if toegang.is_eigen_organisatie(m.organisatie_id) else None,
        melder_soort=m.melder_soort,
        **velden,
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
