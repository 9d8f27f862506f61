# SPDX-License-Identifier: EUPL-1.2
"""The columns of a melding in files, forms and the API: names, aliases, and why each is asked.

The ``uitleg`` texts appear in the XLSX template, in the form hints and in the API description, so that
every field explains why it is asked (data minimisation: nothing is asked without a purpose).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kolom:
    """One input column."""

    naam: str
    nl: str
    en: str
    uitleg: str
    verplicht: bool = False
    meervoudig: bool = False
    codelijst: str | None = None
    identificerend: bool = False
    aliassen: tuple[str, ...] = ()


KOLOMMEN: tuple[Kolom, ...] = (
    Kolom(
        "melder_referentie",
        "Uw referentie",
        "Your reference",
        "Uw eigen kenmerk; daarmee herkent zicht een melding die opnieuw wordt aangeleverd.",
        verplicht=True,
        aliassen=("referentie", "reference", "kenmerk"),
    ),
    Kolom(
        "melddatum",
        "Melddatum",
        "Report date",
        "Datum van de melding; bepaalt in welk jaar en kwartaal de melding telt.",
        verplicht=True,
        aliassen=("datum", "report_date", "datum_melding"),
    ),
    Kolom(
        "uitbuitingsvorm",
        "Uitbuitingsvorm",
        "Form of exploitation",
        "Vorm van uitbuiting (art. 273f Sr); nodig voor het landelijk en regionaal beeld. "
        "Kies 'onbekend' als u het niet weet.",
        verplicht=True,
        meervoudig=True,
        codelijst="uitbuitingsvorm",
        aliassen=("vorm", "form", "exploitation"),
    ),
    Kolom(
        "sector",
        "Sector",
        "Sector",
        "Sector binnen de uitbuitingsvorm, bijvoorbeeld thuisprostitutie of "
        "land- en tuinbouw; laat zien waar uitbuiting plaatsvindt.",
        meervoudig=True,
        codelijst="sector",
    ),
    Kolom(
        "werkwijze",
        "Werkwijze",
        "Method",
        "Hoe het slachtoffer werd geworven en onder controle gehouden (bijvoorbeeld loverboymethode, "
        "schuldslavernij); gemeenten en politie vragen hierom voor preventie.",
        meervoudig=True,
        codelijst="werkwijze",
        aliassen=("modus_operandi", "method", "methods"),
    ),
    Kolom(
        "plaats_delict",
        "Plaats delict",
        "Crime location",
        "Gemeente waar de uitbuiting plaatsvond (of het land, als dat in het buitenland was); "
        "hiermee krijgen gemeenten zicht op wat er in hun gebied gebeurt.",
        aliassen=("plaats_van_delict", "crime_location", "gemeente"),
    ),
    Kolom(
        "wervingsplaats",
        "Plaats van werving",
        "Place of recruitment",
        "Gemeente of land waar het slachtoffer werd geworven.",
        aliassen=("recruitment_place",),
    ),
    Kolom(
        "uitbuiting_van",
        "Uitbuiting vanaf",
        "Exploitation from",
        "Begin van de uitbuitingsperiode.",
        aliassen=("periode_van", "exploitation_from"),
    ),
    Kolom(
        "uitbuiting_tot",
        "Uitbuiting tot",
        "Exploitation until",
        "Einde van de uitbuitingsperiode.",
        aliassen=("periode_tot", "exploitation_until"),
    ),
    Kolom(
        "geslacht",
        "Geslacht",
        "Gender",
        "Voor het beeld naar geslacht.",
        codelijst="geslacht",
        aliassen=("gender", "sekse"),
    ),
    Kolom(
        "geboortedatum",
        "Geboortedatum",
        "Date of birth",
        "Om meldingen van dezelfde persoon te herkennen en om te bepalen of het slachtoffer minderjarig is. "
        "Wordt versleuteld opgeslagen; statistieken gebruiken alleen de leeftijd.",
        identificerend=True,
        aliassen=("date_of_birth", "birth_date", "geboren"),
    ),
    Kolom(
        "leeftijd",
        "Leeftijd",
        "Age",
        "Leeftijd bij de melding, als de geboortedatum niet bekend is.",
        aliassen=("age", "leeftijd_bij_melding"),
    ),
    Kolom(
        "nationaliteit",
        "Nationaliteit",
        "Nationality",
        "Voor het beeld naar herkomst (Nederlands, EU, niet-EU).",
        meervoudig=True,
        codelijst="land",
        aliassen=("nationality", "nationaliteiten", "citizenship"),
    ),
    Kolom(
        "dossiertype",
        "Dossiertype",
        "Dossier type",
        "Alleen registratie, registratie met opvang, of met informatie en advies.",
        codelijst="dossiertype",
        aliassen=("dossier_type",),
    ),
    Kolom(
        "status",
        "Status",
        "Trafficking status",
        "Mogelijk of vastgesteld slachtoffer.",
        codelijst="status",
        aliassen=("trafficking_status",),
    ),
    Kolom(
        "grondslag",
        "Grondslag",
        "Legal basis",
        "Meldplicht (politie, KMar, NLA) of vrijwillige melding; bepaalt de grondslag van de verwerking.",
        codelijst="grondslag",
        aliassen=("legal_basis",),
    ),
    Kolom(
        "toestemming",
        "Toestemming",
        "Consent",
        "Of het slachtoffer toestemming gaf voor de melding (niet vereist voor registratie).",
        codelijst="toestemming",
        aliassen=("consent",),
    ),
    Kolom(
        "voornamen",
        "Voornamen",
        "Given names",
        "Om meldingen van dezelfde persoon te koppelen. Versleuteld; nooit zichtbaar in statistieken.",
        identificerend=True,
        aliassen=("voornaam", "given_names", "first_name"),
    ),
    Kolom(
        "achternaam",
        "Achternaam",
        "Family name",
        "Om meldingen van dezelfde persoon te koppelen. Versleuteld; nooit zichtbaar in statistieken.",
        identificerend=True,
        aliassen=("family_name", "last_name", "surname"),
    ),
    Kolom(
        "documentnummer",
        "Documentnummer",
        "Document number",
        "Paspoort- of ID-nummer; de betrouwbaarste sleutel om meldingen te koppelen. Versleuteld.",
        identificerend=True,
        meervoudig=True,
        aliassen=("document_number", "paspoortnummer"),
    ),
    Kolom(
        "telefoonnummer",
        "Telefoonnummer",
        "Phone number",
        "Helpt meldingen van dezelfde persoon te koppelen. Versleuteld.",
        identificerend=True,
        meervoudig=True,
        aliassen=("phone", "telefoon", "phone_number"),
    ),
    Kolom(
        "toelichting",
        "Toelichting",
        "Notes",
        "Vrije tekst voor CoMensha (bijvoorbeeld over de opvangvraag). Versleuteld; "
        "zet hier geen gegevens in die niet nodig zijn.",
        identificerend=True,
        aliassen=("notes", "opmerking"),
    ),
    Kolom(
        "route",
        "Route",
        "Route",
        "Gebeurtenissen op de route (werving, doorreis, uitbuiting) als soort:plaats:datum, gescheiden door ';'.",
        meervoudig=True,
        aliassen=("route_events",),
    ),
)

KOLOM_NAMEN: tuple[str, ...] = tuple(k.naam for k in KOLOMMEN)
IDENTIFICERENDE_KOLOMMEN: frozenset[str] = frozenset(k.naam for k in KOLOMMEN if k.identificerend)
_BY_ALIAS: dict[str, str] = {
    alias: k.naam for k in KOLOMMEN for alias in (k.naam, *k.aliassen, k.nl.lower(), k.en.lower())
}


def kolom(naam: str) -> Kolom:
    """The column called ``naam``."""
    for k in KOLOMMEN:
        if k.naam == naam:
            return k
    raise KeyError(naam)


def canonical_column(header: str) -> str | None:
    """Map a header as written in a file (any case, spaces, English alias) to the column name, or None."""
    key = header.strip().lstrip("\ufeff").strip().lower().replace("-", "_")
    if key in _BY_ALIAS:
        return _BY_ALIAS[key]
    return _BY_ALIAS.get(key.replace(" ", "_"))
