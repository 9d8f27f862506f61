# SPDX-License-Identifier: EUPL-1.2
"""(helper) The search, filter and sort form of the melding lists, shared by a reporting organisation's list
and the analyst's national list: the query parameters read into a :class:`~zicht.registry.MeldingFilter`
(applied in the query before paging, within the caller's scope), problems per field, and the form's options.

Parameters: ``referentie`` (the reporting organisation's own reference, exact), ``jaar``, ``vorm``,
``status``, ``gemeente`` (crime location by name or CBS code), and for national readers also ``regio``
(veiligheidsregio), ``melder`` (kind of reporter) and ``persoon`` (a person pseudonym); ``ingetrokken`` to
include withdrawn meldingen; ``sorteer``. Bad values give a message on the field and a 400 page, never a 500.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from zicht.codebook import codelijst
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import AmbiguousName, Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.registry import MeldingFilter
from zicht.registry.meldingen import SORTERINGEN
from zicht.storage.base import utcnow
from zicht.taal import N_
from zicht.web import i18n

PARAMETERS = (
    "referentie",
    "jaar",
    "vorm",
    "status",
    "gemeente",
    "regio",
    "melder",
    "persoon",
    "ingetrokken",
    "sorteer",
)
_SORTERING_LABELS = {
    "melddatum_af": N_("Melddatum, nieuwste eerst"),
    "melddatum_op": N_("Melddatum, oudste eerst"),
    "vastgelegd_af": N_("Laatst vastgelegd eerst"),
    "gewijzigd_af": N_("Laatst gewijzigd eerst"),
}


@dataclass
class Filterformulier:
    """The filter as asked (to show in the form again), the filter to apply, and the problems."""

    waarden: dict[str, str]
    filter: MeldingFilter
    fouten: list[dict[str, str]] = field(default_factory=list)

    @property
    def actief(self) -> bool:
        """Whether any filter (other than the order) is set."""
        return any(v for k, v in self.waarden.items() if k != "sorteer")


def lees(request: Request, toegang: Toegang, reference: Referentiedata) -> Filterformulier:
    """The filter from the query string; national parameters are ignored for an organisation's own list."""
    q = request.query_params
    landelijk = toegang.mag(Recht.melding_landelijk)
    waarden = {k: q.get(k, "")[:100].strip() for k in PARAMETERS}
    if not landelijk:
        for k in ("regio", "melder", "persoon"):
            waarden[k] = ""
    fouten: list[dict[str, str]] = []

    def fout(veld: str, tekst: str) -> None:
        fouten.append({"veld": f"filter-{veld}", "tekst": tekst})

    jaar: int | None = None
    if waarden["jaar"]:
        if waarden["jaar"].isdigit() and 1990 <= int(waarden["jaar"]) <= 2100:
            jaar = int(waarden["jaar"])
        else:
            fout("jaar", N_("Kies een jaar uit de lijst."))
    gemeente: str | None = None
    if waarden["gemeente"]:
        try:
            gemeente = reference.gemeente(waarden["gemeente"]).code
        except (UnknownPlace, AmbiguousName):
            fout("gemeente", N_("Onbekende of dubbelzinnige gemeente."))
    persoon: uuid.UUID | None = None
    if waarden["persoon"]:
        try:
            persoon = uuid.UUID(waarden["persoon"])
        except ValueError:
            fout("persoon", N_("Geen geldig persoonspseudoniem."))
    for veld, lijst in (("vorm", "uitbuitingsvorm"), ("status", "status"), ("melder", "melder_soort")):
        if waarden[veld] and waarden[veld] not in codelijst(lijst):
            fout(veld, N_("Kies een waarde uit de lijst."))
            waarden[veld] = ""
    if waarden["regio"] and waarden["regio"] not in reference.gebieden(Gebiedsniveau.veiligheidsregio):
        fout("regio", N_("Kies een veiligheidsregio uit de lijst."))
        waarden["regio"] = ""
    if waarden["sorteer"] not in SORTERINGEN:
        waarden["sorteer"] = ""
    filt = MeldingFilter(
        jaar=jaar,
        uitbuitingsvorm=waarden["vorm"] or None,
        gemeente=gemeente,
        gebied=waarden["regio"] or None,
        melder_soort=waarden["melder"] or None,
        status=waarden["status"] or None,
        referentie=waarden["referentie"] or None,
        persoon=persoon,
        ingetrokken=bool(waarden["ingetrokken"]),
        sorteer=waarden["sorteer"] or "melddatum_af",
    )
    return Filterformulier(waarden, filt, fouten)


def opties(request: Request, reference: Referentiedata) -> dict[str, Any]:
    """The choices of the filter form in the page's language."""
    taal = i18n.kies_taal(request)[0]
    _ = i18n.vertaler(taal)
    regios = sorted((g.code, g.naam) for g in reference.gebieden(Gebiedsniveau.veiligheidsregio).values())
    return {
        "jaren": [(str(j), str(j)) for j in range(utcnow().year, 2009, -1)],
        "vormen": [(c.code, c.label(taal)) for c in codelijst("uitbuitingsvorm").codes if c.code != "onbekend"],
        "statussen": [(c.code, c.label(taal)) for c in codelijst("status").codes],
        "melders": [(c.code, c.label(taal)) for c in codelijst("melder_soort").codes],
        "regios": regios,
        "sorteringen": [(k, _(v)) for k, v in _SORTERING_LABELS.items()],
    }
