# SPDX-License-Identifier: EUPL-1.2
"""The fields of a melding, each declared once: name, label, why it is asked, kind, storage, API name, form
place, and where it appears (detail page, export, analysis extract). See :mod:`zicht.intake.kolom`.

The ``uitleg`` texts appear in the XLSX template, in the form hints and in the API description, so that
every field explains why it is asked (data minimisation: nothing is asked without a purpose). The order of
:data:`KOLOMMEN` is the order of the columns in files, of the API's properties and of a melding's history.
"""

from __future__ import annotations

import re

from zicht.codebook import MELDPLICHTIGE_SOORTEN
from zicht.intake.kolom import Controle, Formulier, Kindtabel, Kolom, Sectie, Soort, Widget
from zicht.taal import N_

__all__ = [
    "IDENTIFICERENDE_KOLOMMEN",
    "KOLOMMEN",
    "KOLOM_NAMEN",
    "Kolom",
    "canonical_column",
    "kolom",
]


def _grondslag(melder_soort: str) -> str:
    """Police, KMar and NLA report under a duty to report; every other organisation voluntarily."""
    return "meldplicht" if melder_soort in MELDPLICHTIGE_SOORTEN else "vrijwillig"


def _telefoonnummer(tekst: str) -> bool:
    return sum(ch.isdigit() for ch in tekst) >= 6 and not re.search(r"[^\d\s+()./-]", tekst)


_M, _U, _P, _S, _I = Sectie.melding, Sectie.uitbuiting, Sectie.plaats, Sectie.slachtoffer, Sectie.identiteit

KOLOMMEN: tuple[Kolom, ...] = (
    Kolom(
        "melder_referentie",
        N_("Uw referentie"),
        "Your reference",
        N_("Uw eigen kenmerk; daarmee herkent zicht een melding die opnieuw wordt aangeleverd."),
        verplicht=True,
        aliassen=("referentie", "reference", "kenmerk"),
        api="melderReferentie",
        api_uitleg="Uw eigen kenmerk; een herhaalde aanlevering met dezelfde referentie en inhoud maakt niets dubbel.",
        opslag="melder_referentie",
        max_lengte=100,
        formulier=Formulier(_M, 10, Widget.tekst),
        sleutel=True,
        corrigeerbaar=False,
        voorinvulbaar=True,
    ),
    Kolom(
        "melddatum",
        N_("Melddatum"),
        "Report date",
        N_("Datum van de melding; bepaalt in welk jaar en kwartaal de melding telt."),
        Soort.datum,
        verplicht=True,
        aliassen=("datum", "report_date", "datum_melding"),
        api="melddatum",
        api_uitleg="Datum van de melding.",
        opslag="melddatum",
        min_jaar=1990,
        jaar="meldjaar",
        formulier=Formulier(_M, 20, Widget.datum),
        export=True,
        extract=True,
        koppelveld=True,
    ),
    Kolom(
        "uitbuitingsvorm",
        N_("Uitbuitingsvorm"),
        "Form of exploitation",
        N_(
            "Vorm van uitbuiting (art. 273f Sr); nodig voor het landelijk en regionaal beeld. "
            "Kies 'onbekend' als u het niet weet."
        ),
        Soort.uitbuiting,
        verplicht=True,
        meervoudig=True,
        codelijst="uitbuitingsvorm",
        aliassen=("vorm", "form", "exploitation"),
        api="uitbuitingsvormen",
        opslag=Kindtabel("uitbuitingen", "vorm"),
        max_aantal=6,
        formulier=Formulier(_U, 10, Widget.keuzes),
        detail=True,
        export=True,
        extract=True,
        voorinvulbaar=True,
    ),
    Kolom(
        "sector",
        N_("Sector"),
        "Sector",
        N_(
            "Sector binnen de uitbuitingsvorm, bijvoorbeeld thuisprostitutie of "
            "land- en tuinbouw; laat zien waar uitbuiting plaatsvindt."
        ),
        Soort.sector,
        meervoudig=True,
        codelijst="sector",
        api="sectoren",
        opslag=Kindtabel("uitbuitingen", "sector"),
        max_aantal=10,
        formulier=Formulier(_U, 20, Widget.keuzes, ouderlijst="uitbuitingsvorm"),
        detail=True,
        export=True,
        extract=True,
        voorinvulbaar=True,
    ),
    Kolom(
        "werkwijze",
        N_("Werkwijze"),
        "Method",
        N_(
            "Hoe het slachtoffer werd geworven en onder controle gehouden (bijvoorbeeld loverboymethode, "
            "schuldslavernij); gemeenten en politie vragen hierom voor preventie."
        ),
        Soort.codes,
        meervoudig=True,
        codelijst="werkwijze",
        aliassen=("modus_operandi", "method", "methods"),
        api="werkwijzen",
        opslag=Kindtabel("werkwijzen", "werkwijze"),
        max_aantal=25,
        formulier=Formulier(_U, 30, Widget.keuzes, per_groep=True),
        detail=True,
        export=True,
        extract=True,
        voorinvulbaar=True,
    ),
    Kolom(
        "plaats_delict",
        N_("Plaats delict"),
        "Crime location",
        N_(
            "Gemeente waar de uitbuiting plaatsvond (of het land, als dat in het buitenland was); "
            "hiermee krijgen gemeenten zicht op wat er in hun gebied gebeurt."
        ),
        Soort.plaats,
        aliassen=("plaats_van_delict", "crime_location", "gemeente"),
        api="plaatsDelict",
        opslag="plaats_delict",
        formulier=Formulier(_P, 10, Widget.plaats),
        detail=True,
        export=True,
        extract=True,
        voorinvulbaar=True,
    ),
    Kolom(
        "wervingsplaats",
        N_("Plaats van werving"),
        "Place of recruitment",
        N_("Gemeente of land waar het slachtoffer werd geworven."),
        Soort.plaats,
        aliassen=("recruitment_place",),
        api="wervingsplaats",
        opslag="wervingsplaats",
        formulier=Formulier(_P, 20, Widget.plaats),
        detail=True,
        export=True,
    ),
    Kolom(
        "uitbuiting_van",
        N_("Uitbuiting vanaf"),
        "Exploitation from",
        N_("Begin van de uitbuitingsperiode."),
        Soort.datum,
        aliassen=("periode_van", "exploitation_from"),
        api="uitbuitingVan",
        opslag="uitbuiting_van",
        einde="uitbuiting_tot",
        periode_fout=("einde van de uitbuiting ligt voor het begin", "exploitation ends before it starts"),
        formulier=Formulier(_U, 40, Widget.datum),
        detail=True,
        detail_label=N_("Periode van uitbuiting"),
        export=True,
    ),
    Kolom(
        "uitbuiting_tot",
        N_("Uitbuiting tot"),
        "Exploitation until",
        N_("Einde van de uitbuitingsperiode."),
        Soort.datum,
        aliassen=("periode_tot", "exploitation_until"),
        api="uitbuitingTot",
        opslag="uitbuiting_tot",
        formulier=Formulier(_U, 50, Widget.datum),
        export=True,
    ),
    Kolom(
        "geslacht",
        N_("Geslacht"),
        "Gender",
        N_("Voor het beeld naar geslacht."),
        Soort.code,
        codelijst="geslacht",
        aliassen=("gender", "sekse"),
        api="geslacht",
        opslag="geslacht",
        formulier=Formulier(_S, 10, Widget.radio),
        detail=True,
        export=True,
        extract=True,
        koppelveld=True,
    ),
    Kolom(
        "geboortedatum",
        N_("Geboortedatum"),
        "Date of birth",
        N_(
            "Om meldingen van dezelfde persoon te herkennen en om te bepalen of het slachtoffer minderjarig is. "
            "Wordt versleuteld opgeslagen; statistieken gebruiken alleen de leeftijd."
        ),
        Soort.geboorte,
        identificerend=True,
        aliassen=("date_of_birth", "birth_date", "geboren"),
        api="geboortedatum",
        api_uitleg="Volledige datum (JJJJ-MM-DD) of alleen het jaar.",
        opslag="geboortejaar",
        identiteit="geboortedatum",
        formulier=Formulier(_S, 20, Widget.tekst),
        detail=True,
        detail_label=N_("Geboortejaar"),
        export=True,
        koppelveld=True,
    ),
    Kolom(
        "leeftijd",
        N_("Leeftijd"),
        "Age",
        N_("Leeftijd bij de melding, als de geboortedatum niet bekend is."),
        Soort.leeftijd,
        aliassen=("age", "leeftijd_bij_melding"),
        api="leeftijd",
        api_uitleg="Leeftijd bij de melding, als de geboortedatum onbekend is.",
        opslag="leeftijd_bij_melding",
        formulier=Formulier(_S, 30, Widget.getal),
        detail=True,
        detail_label=N_("Leeftijd bij melding"),
        export=True,
        extract=True,
        koppelveld=True,
    ),
    Kolom(
        "nationaliteit",
        N_("Nationaliteit"),
        "Nationality",
        N_("Voor het beeld naar herkomst (Nederlands, EU, niet-EU)."),
        Soort.codes,
        meervoudig=True,
        codelijst="land",
        aliassen=("nationality", "nationaliteiten", "citizenship"),
        api="nationaliteiten",
        opslag=Kindtabel("nationaliteiten", "land", volgorde="volgorde"),
        max_aantal=5,
        formulier=Formulier(_S, 40, Widget.select, zonder_onbekend=True, op_label=True),
        detail=True,
        export=True,
        extract=True,
        koppelveld=True,
    ),
    Kolom(
        "dossiertype",
        N_("Dossiertype"),
        "Dossier type",
        N_("Alleen registratie, registratie met opvang, of met informatie en advies."),
        Soort.code,
        codelijst="dossiertype",
        aliassen=("dossier_type",),
        api="dossiertype",
        opslag="dossiertype",
        formulier=Formulier(_M, 50, Widget.select, zonder_onbekend=True),
        detail=True,
        export=True,
        extract=True,
    ),
    Kolom(
        "status",
        N_("Status"),
        "Trafficking status",
        N_("Mogelijk of vastgesteld slachtoffer."),
        Soort.code,
        codelijst="status",
        aliassen=("trafficking_status",),
        api="status",
        opslag="status",
        standaard="mogelijk",
        formulier=Formulier(_M, 60, Widget.radio),
        detail=True,
        export=True,
        extract=True,
        corrigeerbaar=False,  # CoMensha's decision, with its own form and resource
    ),
    Kolom(
        "grondslag",
        N_("Grondslag"),
        "Legal basis",
        N_("Meldplicht (politie, KMar, NLA) of vrijwillige melding; bepaalt de grondslag van de verwerking."),
        Soort.code,
        codelijst="grondslag",
        aliassen=("legal_basis",),
        api="grondslag",
        opslag="grondslag",
        melder_standaard=_grondslag,
        formulier=Formulier(_M, 30, Widget.radio),
        detail=True,
        export=True,
    ),
    Kolom(
        "toestemming",
        N_("Toestemming"),
        "Consent",
        N_("Of het slachtoffer toestemming gaf voor de melding (niet vereist voor registratie)."),
        Soort.code,
        codelijst="toestemming",
        aliassen=("consent",),
        api="toestemming",
        opslag="toestemming",
        formulier=Formulier(_M, 40, Widget.radio),
        detail=True,
        export=True,
    ),
    Kolom(
        "voornamen",
        N_("Voornamen"),
        "Given names",
        N_("Om meldingen van dezelfde persoon te koppelen. Versleuteld; nooit zichtbaar in statistieken."),
        identificerend=True,
        aliassen=("voornaam", "given_names", "first_name"),
        api="voornamen",
        identiteit="voornamen",
        max_lengte=200,
        formulier=Formulier(_I, 10, Widget.tekst),
        koppelveld=True,
    ),
    Kolom(
        "achternaam",
        N_("Achternaam"),
        "Family name",
        N_("Om meldingen van dezelfde persoon te koppelen. Versleuteld; nooit zichtbaar in statistieken."),
        identificerend=True,
        aliassen=("family_name", "last_name", "surname"),
        api="achternaam",
        identiteit="achternaam",
        max_lengte=200,
        formulier=Formulier(_I, 20, Widget.tekst),
        koppelveld=True,
    ),
    Kolom(
        "documentnummer",
        N_("Documentnummer"),
        "Document number",
        N_("Paspoort- of ID-nummer; de betrouwbaarste sleutel om meldingen te koppelen. Versleuteld."),
        Soort.nummers,
        identificerend=True,
        meervoudig=True,
        aliassen=("document_number", "paspoortnummer"),
        api="documentnummers",
        identiteit="documentnummers",
        max_lengte=50,
        max_aantal=5,
        formulier=Formulier(_I, 30, Widget.tekst),
        koppelveld=True,
    ),
    Kolom(
        "telefoonnummer",
        N_("Telefoonnummer"),
        "Phone number",
        N_("Helpt meldingen van dezelfde persoon te koppelen. Versleuteld."),
        Soort.nummers,
        identificerend=True,
        meervoudig=True,
        aliassen=("phone", "telefoon", "phone_number"),
        api="telefoonnummers",
        identiteit="telefoonnummers",
        max_lengte=50,
        max_aantal=5,
        controle=Controle(_telefoonnummer, "ongeldig", "geen geldig telefoonnummer", "not a valid phone number"),
        formulier=Formulier(_I, 40, Widget.tekst),
        koppelveld=True,
    ),
    Kolom(
        "toelichting",
        N_("Toelichting"),
        "Notes",
        N_(
            "Vrije tekst voor CoMensha (bijvoorbeeld over de opvangvraag). Versleuteld; "
            "zet hier geen gegevens in die niet nodig zijn."
        ),
        identificerend=True,
        aliassen=("notes", "opmerking"),
        api="toelichting",
        identiteit="toelichting",
        max_lengte=5000,
        meerregelig=True,
        formulier=Formulier(_I, 50, Widget.textarea),
    ),
    Kolom(
        "route",
        N_("Route"),
        "Route",
        N_("Gebeurtenissen op de route (werving, doorreis, uitbuiting) als soort:plaats:datum, gescheiden door ';'."),
        Soort.route,
        meervoudig=True,
        aliassen=("route_events",),
        api="route",
        opslag=Kindtabel("route", "soort", volgorde="volgnummer"),
        max_aantal=20,
        formulier=Formulier(Sectie.route, 10, Widget.route),
        export=True,
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
