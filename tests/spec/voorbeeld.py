# SPDX-License-Identifier: EUPL-1.2
"""Small registries for the specification tests: a few meldingen written out by hand, counted by the real
statistics code (``zicht.analysis.tellingen`` on a DuckDB extract), exactly as the dashboard, the API and the
CLI count them before disclosure control.

Only what a rule is about is written down; every other field of a melding is ``onbekend``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from tests.conftest import REFERENCE_DIR
from zicht.analysis.dimensies import Eenheid, Periode, Uitsplitsing
from zicht.analysis.extract import MELDING_KOLOMMEN, Extract, RuweGegevens, maak_extract
from zicht.analysis.tellingen import aantal, tel
from zicht.reference import Gebiedsniveau, Referentiedata, load_reference

#: The gemeenten the examples use, by name (CBS codes of the 2023 division).
GEMEENTEN = {"Utrecht": "GM0344", "Zeist": "GM0355", "Amersfoort": "GM0307", "Amsterdam": "GM0363"}
_REFERENTIE: list[Referentiedata] = []


def referentie() -> Referentiedata:
    if not _REFERENTIE:
        _REFERENTIE.append(load_reference(REFERENCE_DIR))
    return _REFERENTIE[0]


@dataclass(frozen=True)
class M:
    """One melding of an example.

    Attributes:
        id: Any text naming the melding in the example.
        persoon: The person linkage put it under; None when it is not (yet) linked.
        datum: The melddatum (ISO).
        plaats: Plaats delict: a gemeente from :data:`GEMEENTEN`, ``buitenland`` or ``onbekend``.
        status: ``mogelijk``, ``vastgesteld``, ``geen`` or ``onbekend``.
        vormen: The uitbuitingsvormen the melding names.
        geslacht: ``vrouw``, ``man``, … or ``onbekend``.
    """

    id: str
    persoon: str | None = None
    datum: str = "2024-03-01"
    plaats: str = "Utrecht"
    status: str = "mogelijk"
    vormen: tuple[str, ...] = ()
    geslacht: str = "onbekend"


class Register:
    """The meldingen of one example, ready to be counted."""

    def __init__(self, *meldingen: M) -> None:
        self.extract: Extract = maak_extract(_ruw(meldingen), referentie())

    def tel(
        self,
        eenheid: Eenheid,
        *,
        jaar: int = 2024,
        gebied: str = "Nederland",
        uitsplitsing: Uitsplitsing = Uitsplitsing.totaal,
        categorie: str | None = None,
    ) -> int:
        """One unprotected count: persons or meldingen of ``jaar`` in ``gebied``, in total or in one category.

        ``gebied`` is ``Nederland``, a gemeente from :data:`GEMEENTEN`, or ``veiligheidsregio van <gemeente>``.
        """
        niveau, code = _gebied(gebied)
        kubus = tel(self.extract, periodes=[Periode.jaar(jaar)], eenheid=eenheid, uitsplitsing=uitsplitsing)
        return aantal(kubus, 0, niveau, code, categorie, self.extract)

    def personen(self, *, jaar: int = 2024, gebied: str = "Nederland") -> int:
        """Persons of ``jaar`` in ``gebied``."""
        return self.tel(Eenheid.personen, jaar=jaar, gebied=gebied)

    def meldingen(self, *, jaar: int = 2024, gebied: str = "Nederland") -> int:
        """Meldingen of ``jaar`` in ``gebied``."""
        return self.tel(Eenheid.meldingen, jaar=jaar, gebied=gebied)

    def categorieen(self, uitsplitsing: Uitsplitsing, *, jaar: int = 2024) -> dict[str, int]:
        """Persons per category of a breakdown, nationally (categories with nobody left out)."""
        kubus = tel(self.extract, periodes=[Periode.jaar(jaar)], eenheid=Eenheid.personen, uitsplitsing=uitsplitsing)
        tellingen = {c: aantal(kubus, 0, Gebiedsniveau.nederland, "NL", c, self.extract) for c in kubus.categorieen}
        return {c: n for c, n in tellingen.items() if n}


def _gebied(gebied: str) -> tuple[Gebiedsniveau, str]:
    if gebied == "Nederland":
        return Gebiedsniveau.nederland, "NL"
    if gebied.startswith("veiligheidsregio van "):
        gemeente = referentie().gemeenten[GEMEENTEN[gebied.removeprefix("veiligheidsregio van ")]]
        return Gebiedsniveau.veiligheidsregio, gemeente.gebied_code(Gebiedsniveau.veiligheidsregio)
    return Gebiedsniveau.gemeente, GEMEENTEN[gebied]


def _ruw(meldingen: tuple[M, ...]) -> RuweGegevens:
    melding: dict[str, list[object]] = {k: [] for k in MELDING_KOLOMMEN}
    uitbuiting: dict[str, list[object]] = {"id": [], "vorm": [], "sector": []}
    for m in meldingen:
        soort = m.plaats if m.plaats in ("buitenland", "onbekend") else "gemeente"
        waarden = {
            "id": m.id,
            "persoon_id": m.persoon,
            "melddatum": m.datum,
            "status": m.status,
            "plaats_delict_soort": soort,
            "plaats_delict_gemeente": GEMEENTEN[m.plaats] if soort == "gemeente" else None,
            "melder_soort": "onbekend",
            "melder_regio": None,
            "geslacht": m.geslacht,
            "leeftijd_bij_melding": None,
            "dossiertype": "onbekend",
        }
        for kolom in MELDING_KOLOMMEN:
            melding[kolom].append(waarden[kolom])
        for vorm in m.vormen:
            uitbuiting["id"].append(m.id)
            uitbuiting["vorm"].append(vorm)
            uitbuiting["sector"].append("onbekend")
    tekst = pa.string()
    schema = pa.schema([(k, pa.int64() if k == "leeftijd_bij_melding" else tekst) for k in MELDING_KOLOMMEN])
    return RuweGegevens(
        pa.table(melding, schema=schema),
        pa.table(uitbuiting, schema=pa.schema([("id", tekst), ("vorm", tekst), ("sector", tekst)])),
        pa.table({"id": [], "werkwijze": []}, schema=pa.schema([("id", tekst), ("werkwijze", tekst)])),
        pa.table({"id": [], "land": []}, schema=pa.schema([("id", tekst), ("land", tekst)])),
    )
