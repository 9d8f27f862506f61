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
from zicht.intake.kolom import SECTIE_TITELS, Kolom, Widget
from zicht.taal import N_
from zicht.web.formulier import lijst, tekst

_KOLOM = {k.naam: k for k in KOLOMMEN}
#: The field whose rows of soort, plaats and datum the form shows as a route.
_ROUTE = next((k.naam for k in KOLOMMEN if k.formulier and k.formulier.widget is Widget.route), "route")
#: Titles of the groups of a code list whose codes have a ``groep`` (Dutch source text).
_GROEPEN = {"werving": N_("Werving"), "controle": N_("Controle en dwang")}
_OVERIG = N_("Overig")


@dataclass(frozen=True)
class Veld:
    """One field of the form as the template renders it."""

    naam: str
    label: str
    hint: str
    soort: str  # tekst, datum, getal, keuzes, radio, select, textarea, plaats, route (a Widget)
    verplicht: bool = False
    opties: list[tuple[str, str]] = field(default_factory=list)
    groepen: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"veld-{self.naam}"


def _opties(lijst_: Codelijst, taal: str, zonder_onbekend: bool = False) -> list[tuple[str, str]]:
    return [(c.code, c.label(taal)) for c in lijst_.codes if not (zonder_onbekend and c.code == "onbekend")]


def _groepen(k: Kolom, lijst_: Codelijst, taal: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Checkboxes in groups: under the parent codes of ``ouderlijst``, or by the codes' own group."""
    assert k.formulier is not None
    if k.formulier.ouderlijst:
        return [
            (ouder.label(taal), [(c.code, c.label(taal)) for c in lijst_.kinderen(ouder.code)])
            for ouder in codelijst(k.formulier.ouderlijst).codes
            if lijst_.kinderen(ouder.code)
        ]
    if k.formulier.per_groep:
        codes = [c for c in lijst_.codes if c.code != "onbekend"]
        volgorde = [g for g in dict.fromkeys(c.groep for c in codes) if g is not None] + [None]
        return [
            (_GROEPEN.get(groep or "", _OVERIG), [(c.code, c.label(taal)) for c in codes if c.groep == groep])
            for groep in volgorde
        ]
    return []


def _veld(k: Kolom, taal: str) -> Veld:
    """The form field of a declared field, with its options from its code list."""
    assert k.formulier is not None
    f = k.formulier
    naam = k.codelijst or ("route_soort" if f.widget is Widget.route else None)
    keuzes = codelijst(naam) if naam else None
    groepen = _groepen(k, keuzes, taal) if keuzes is not None else []
    opties: list[tuple[str, str]] = []
    if keuzes is not None and not groepen:
        opties = _opties(keuzes, taal, zonder_onbekend=f.zonder_onbekend or f.widget is Widget.route)
        if f.op_label:
            opties.sort(key=lambda o: o[1])
    return Veld(k.naam, k.label(taal), k.uitleg, f.widget.value, k.verplicht, opties, groepen)


def secties(taal: str) -> list[tuple[str, list[Veld]]]:
    """The form's sections with their fields, in the user's language: every declared field the form asks,
    in its section and place."""
    gevraagd = sorted((k for k in KOLOMMEN if k.formulier), key=lambda k: k.formulier.plek if k.formulier else 0)
    per_sectie = [
        (titel, [_veld(k, taal) for k in gevraagd if k.formulier and k.formulier.sectie is sectie])
        for sectie, titel in SECTIE_TITELS.items()
    ]
    return [(titel, velden) for titel, velden in per_sectie if velden]


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
        widget = k.formulier.widget if k.formulier else Widget.tekst
        if widget is Widget.route:
            result[k.naam] = route_als_tekst(routerijen(form))
        else:
            result[k.naam] = lijst(form, k.naam) if widget is Widget.keuzes else tekst(form, k.naam)
    return result


def invoer(ingevuld: dict[str, str | list[str]]) -> dict[str, Any]:
    """The raw melding for the validator: empty fields become None."""
    return {naam: (waarde or None) for naam, waarde in ingevuld.items()}


def route_weergave(ingevuld: dict[str, str | list[str]], extra: int = 1) -> list[dict[str, str]]:
    """The route rows to render: the filled ones plus ``extra`` empty rows to add events without JavaScript."""
    route = ingevuld.get(_ROUTE) or []
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
