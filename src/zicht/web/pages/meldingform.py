# SPDX-License-Identifier: EUPL-1.2
"""The melding form: which fields it shows (from the intake columns and the codebook), how a submitted
form becomes a raw melding for the validator, and how validation problems map back onto the fields.

Labels and hints come from :data:`zicht.intake.KOLOMMEN` (every field says why it is asked); code lists
from the codebook, so the form never drifts from the file format and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from zicht.codebook import Codelijst, codelijst
from zicht.intake import KOLOMMEN, Fout
from zicht.intake.correctie import routestap_tekst
from zicht.web.formulier import lijst, tekst

_KOLOM = {k.naam: k for k in KOLOMMEN}
_MEERVOUDIG = ("uitbuitingsvorm", "sector", "werkwijze")
_GROEPEN = {"werving": "Werving", "controle": "Controle en dwang"}


@dataclass(frozen=True)
class Veld:
    """One field of the form as the template renders it."""

    naam: str
    label: str
    hint: str
    soort: str  # tekst, datum, getal, keuzes, radio, select, textarea, plaats
    verplicht: bool = False
    opties: list[tuple[str, str]] = field(default_factory=list)
    groepen: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"veld-{self.naam}"


def _opties(lijst_: Codelijst, taal: str, zonder_onbekend: bool = False) -> list[tuple[str, str]]:
    return [(c.code, c.label(taal)) for c in lijst_.codes if not (zonder_onbekend and c.code == "onbekend")]


def _veld(naam: str, soort: str, taal: str, **extra: Any) -> Veld:
    k = _KOLOM[naam]
    return Veld(naam, k.en if taal == "en" else k.nl, k.uitleg, soort, k.verplicht, **extra)


def secties(taal: str) -> list[tuple[str, list[Veld]]]:
    """The form's sections with their fields, in the user's language."""
    sector = codelijst("sector")
    vormen = codelijst("uitbuitingsvorm")
    werkwijze = codelijst("werkwijze")
    sector_groepen = [
        (vorm.label(taal), [(c.code, c.label(taal)) for c in sector.kinderen(vorm.code)])
        for vorm in vormen.codes
        if sector.kinderen(vorm.code)
    ]
    werkwijze_groepen = [
        (
            _GROEPEN.get(groep or "", "Overig"),
            [(c.code, c.label(taal)) for c in werkwijze.codes if c.groep == groep and c.code != "onbekend"],
        )
        for groep in ("werving", "controle", None)
    ]
    landen = sorted(_opties(codelijst("land"), taal, zonder_onbekend=True), key=lambda o: o[1])
    return [
        (
            "De melding",
            [
                _veld("melder_referentie", "tekst", taal),
                _veld("melddatum", "datum", taal),
                _veld("grondslag", "radio", taal, opties=_opties(codelijst("grondslag"), taal)),
                _veld("toestemming", "radio", taal, opties=_opties(codelijst("toestemming"), taal)),
                _veld(
                    "dossiertype", "select", taal, opties=_opties(codelijst("dossiertype"), taal, zonder_onbekend=True)
                ),
                _veld("status", "radio", taal, opties=_opties(codelijst("status"), taal)),
            ],
        ),
        (
            "De uitbuiting",
            [
                _veld("uitbuitingsvorm", "keuzes", taal, opties=_opties(vormen, taal)),
                _veld("sector", "keuzes", taal, groepen=sector_groepen),
                _veld("werkwijze", "keuzes", taal, groepen=werkwijze_groepen),
                _veld("uitbuiting_van", "datum", taal),
                _veld("uitbuiting_tot", "datum", taal),
            ],
        ),
        ("Plaats", [_veld("plaats_delict", "plaats", taal), _veld("wervingsplaats", "plaats", taal)]),
        (
            "Het (mogelijke) slachtoffer",
            [
                _veld("geslacht", "radio", taal, opties=_opties(codelijst("geslacht"), taal)),
                _veld("geboortedatum", "tekst", taal),
                _veld("leeftijd", "getal", taal),
                _veld("nationaliteit", "select", taal, opties=landen),
            ],
        ),
        (
            "Route",
            [_veld("route", "route", taal, opties=_opties(codelijst("route_soort"), taal, zonder_onbekend=True))],
        ),
        (
            "Identificerende gegevens (versleuteld opgeslagen)",
            [
                _veld("voornamen", "tekst", taal),
                _veld("achternaam", "tekst", taal),
                _veld("documentnummer", "tekst", taal),
                _veld("telefoonnummer", "tekst", taal),
                _veld("toelichting", "textarea", taal),
            ],
        ),
    ]


#: Most route rows the form shows (the validator allows more by file or API).
MAX_ROUTERIJEN = 20


def routerijen(form: FormData) -> list[dict[str, str]]:
    """The route rows as submitted (``route_soort_N``, ``route_plaats_N``, ``route_datum_N``), empty rows
    left out: clearing a row removes that event."""
    rijen = []
    for i in range(MAX_ROUTERIJEN):
        rij = {veld: tekst(form, f"route_{veld}_{i}", 200) for veld in ("soort", "plaats", "datum")}
        if any(rij.values()):
            rijen.append(rij)
    return rijen


def route_als_tekst(rijen: list[dict[str, str]]) -> list[str]:
    """Route rows as the intake's ``soort:plaats:datum`` values (the file format and the API use the same)."""
    return [routestap_tekst(r["soort"], r["plaats"], r["datum"]) for r in rijen]


def route_als_rijen(route: list[str]) -> list[dict[str, str]]:
    """Stored ``soort:plaats:datum`` values as form rows."""
    rijen = []
    for stap in route:
        delen = stap.split(":")
        rijen.append({"soort": delen[0], "plaats": delen[1] if len(delen) > 1 else "", "datum": ":".join(delen[2:])})
    return rijen


def waarden(form: FormData) -> dict[str, str | list[str]]:
    """The submitted values by column name (to validate and to show again after an error); the route as
    ``soort:plaats:datum`` values from its rows."""
    result: dict[str, str | list[str]] = {}
    for k in KOLOMMEN:
        if k.naam == "route":
            result["route"] = route_als_tekst(routerijen(form))
        else:
            result[k.naam] = lijst(form, k.naam) if k.naam in _MEERVOUDIG else tekst(form, k.naam)
    return result


def invoer(ingevuld: dict[str, str | list[str]]) -> dict[str, Any]:
    """The raw melding for the validator: empty fields become None."""
    return {naam: (waarde or None) for naam, waarde in ingevuld.items()}


def route_weergave(ingevuld: dict[str, str | list[str]], extra: int = 1) -> list[dict[str, str]]:
    """The route rows to render: the filled ones plus ``extra`` empty rows to add events without JavaScript."""
    route = ingevuld.get("route") or []
    rijen = route_als_rijen(list(route) if isinstance(route, list) else [route])
    return (rijen + [{"soort": "", "plaats": "", "datum": ""} for _ in range(extra)])[:MAX_ROUTERIJEN]


def fouten_voor_formulier(fouten: list[Fout], taal: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """(the error summary entries, the message per field) for validation problems."""
    samenvatting: list[dict[str, str]] = []
    per_veld: dict[str, str] = {}
    for fout in fouten:
        k = _KOLOM.get(fout.kolom)
        label = (k.en if taal == "en" else k.nl) if k else fout.kolom
        reden = fout.reden_en if taal == "en" else fout.reden_nl
        samenvatting.append({"veld": f"veld-{fout.kolom}", "tekst": f"{label}: {reden}"})
        per_veld[fout.kolom] = f"{per_veld[fout.kolom]}; {reden}" if fout.kolom in per_veld else reden
    return samenvatting, per_veld
