# SPDX-License-Identifier: EUPL-1.2
"""English texts of a melding's lifecycle pages: correction, status decision, withdrawal, route, history."""

from __future__ import annotations

EN_LEVENSLOOP: dict[str, str] = {
    "Melding corrigeren": "Correct melding",
    "Correctie opslaan": "Save correction",
    "Reden van de correctie": "Reason for the correction",
    "Pas aan wat niet klopt. De hele melding wordt opnieuw gecontroleerd en als nieuwe versie opgeslagen; de vorige "
    "versie blijft in de geschiedenis zichtbaar. De status legt CoMensha vast.": (
        "Change what is wrong. The whole melding is checked again and saved as a new version; the previous version "
        "stays visible in the history. CoMensha records the status."
    ),
    "Deze gegevens worden niet getoond. Vul alleen in wat u wilt corrigeren; lege velden blijven zoals ze waren.": (
        "These details are not shown. Fill in only what you want to correct; empty fields stay as they were."
    ),
    "Intussen gewijzigd": "Changed in the meantime",
    "Iemand anders heeft deze melding gewijzigd (nu versie {versie}); uw correctie is niet opgeslagen.": (
        "Someone else changed this melding (now version {versie}); your correction was not saved."
    ),
    "Bekijk de nieuwe versie": "See the new version",
    "De correctie is opgeslagen als een nieuwe versie.": "The correction was saved as a new version.",
    "Er was niets veranderd; er is geen nieuwe versie gemaakt.": "Nothing had changed; no new version was made.",
    "Het besluit over de status is vastgelegd.": "The decision on the status was recorded.",
    "De melding is ingetrokken.": "The melding was withdrawn.",
    "Iemand anders heeft de melding intussen gewijzigd; er is niets opgeslagen. Bekijk de nieuwe versie en probeer "
    "het opnieuw.": "Someone else changed the melding in the meantime; nothing was saved. See the new version and try "
    "again.",
    "Ingetrokken": "Withdrawn",
    "Deze melding is ingetrokken ({reden}) en telt nergens meer mee.": (
        "This melding was withdrawn ({reden}) and no longer counts anywhere."
    ),
    "besluit": "decision",
    "Versie": "Version",
    "Route": "Route",
    "Route van het slachtoffer": "Route of the victim",
    "Volgorde": "Order",
    "Gebeurtenis": "Event",
    "Er zijn geen gebeurtenissen op de route vastgelegd.": "No events on the route were recorded.",
    "Beoordeling door CoMensha": "Assessment by CoMensha",
    "Vastgesteld of geen slachtoffer: geef aan wie besloot en wanneer.": (
        "Confirmed or not a victim: say who decided and when."
    ),
    "Besloten door": "Decided by",
    "Datum van het besluit": "Date of the decision",
    "Status vastleggen": "Record status",
    "Melding intrekken": "Withdraw melding",
    "Een ingetrokken melding blijft met haar geschiedenis bewaard, maar telt niet meer mee in de cijfers en de "
    "koppeling. Dit kan niet ongedaan worden gemaakt.": (
        "A withdrawn melding is kept with its history but no longer counts in the figures or the linkage. This cannot "
        "be undone."
    ),
    "Dubbel van (melding-id)": "Duplicate of (melding id)",
    "Alleen bij een dubbele melding: het id van de melding die blijft.": (
        "Only for a duplicate: the id of the melding that stays."
    ),
    "Ik weet dat deze melding daarna nergens meer meetelt": "I understand this melding will then count nowhere",
    "Geschiedenis": "History",
    "Versies van deze melding": "Versions of this melding",
    "Wat": "What",
    "Wanneer": "When",
    "Gewijzigde velden": "Changed fields",
    "besloten door": "decided by",
    "datum besluit": "date of decision",
    "ingetrokken": "withdrawn",
    "via {bron}": "via {bron}",
}

#: The search, filter and sort form of the melding lists.
EN_ZOEKEN: dict[str, str] = {
    "Zoeken en filteren": "Search and filter",
    "Referentie van de melder": "Reporter's reference",
    "Het kenmerk dat de melder zelf gaf, precies zoals gemeld.": "The reference the reporter gave, exactly as reported.",
    "elke status": "any status",
    "Alle meldingen van één persoon; kies een persoon in de lijst.": "All meldingen of one person; pick a person in the list.",
    "Volgorde": "Order",
    "Melddatum, nieuwste eerst": "Report date, newest first",
    "Melddatum, oudste eerst": "Report date, oldest first",
    "Laatst vastgelegd eerst": "Last recorded first",
    "Laatst gewijzigd eerst": "Last changed first",
    "Ingetrokken meldingen": "Withdrawn meldingen",
    "ook ingetrokken meldingen tonen": "also show withdrawn meldingen",
    "Zoeken": "Search",
    "Alle filters wissen": "Clear all filters",
    "{n} meldingen": "{n} meldingen",
    "Alle meldingen van persoon {p}": "All meldingen of person {p}",
    "Alle meldingen van deze persoon": "All meldingen of this person",
    "Logboek van deze persoon": "Log of this person",
    "Kies een jaar uit de lijst.": "Choose a year from the list.",
    "Onbekende of dubbelzinnige gemeente.": "Unknown or ambiguous municipality.",
    "Geen geldig persoonspseudoniem.": "Not a valid person pseudonym.",
    "Kies een waarde uit de lijst.": "Choose a value from the list.",
    "Kies een veiligheidsregio uit de lijst.": "Choose a safety region from the list.",
}

#: The route rows of the melding form.
EN_ROUTE: dict[str, str] = {
    "Werving, doorreis en uitbuiting in volgorde, met plaats (gemeente of land) en zo mogelijk datum. Maak een regel "
    "leeg om die gebeurtenis te verwijderen.": (
        "Recruitment, transit and exploitation in order, with the place (municipality or country) and the date if "
        "known. Clear a row to remove that event."
    ),
    "Gebeurtenis {n}": "Event {n}",
    "Soort": "Kind",
    "Plaats": "Place",
    "Datum": "Date",
    "Nog een gebeurtenis toevoegen": "Add another event",
}

#: The folded parts of the melding form.
EN_FORMULIER: dict[str, str] = {
    "Kies uit de lijst": "Choose from the list",
    "{n} gekozen": "{n} chosen",
    "Route invullen": "Fill in the route",
}

#: The upload page's template link and history.
EN_UPLOADS: dict[str, str] = {
    "Sjabloon downloaden (Excel, met uitleg en keuzelijsten)": "Download the template (Excel, with explanations and lists)",
    "CSV, XLSX of JSONL, ten hoogste {n} MB. De kolommen staan in het sjabloon hierboven.": (
        "CSV, XLSX or JSONL, at most {n} MB. The columns are described in the template above."
    ),
    "Bestand": "File",
}

#: Revoking an API token.
EN_TOKEN: dict[str, str] = {
    "Token intrekken": "Revoke token",
    "Rechten": "Rights",
    "Een ingetrokken token werkt direct niet meer en is om veiligheidsredenen niet terug te zetten. Heeft de "
    "organisatie het nog nodig, maak dan een nieuw token en geef dat veilig door.": (
        "A revoked token stops working at once and, for security, cannot be restored. If the organisation still "
        "needs one, create a new token and pass it on securely."
    ),
    "Ik begrijp dat dit token voorgoed ophoudt te werken": "I understand this token stops working for good",
    "Bevestig dat het token direct en voorgoed ophoudt te werken.": "Confirm that the token stops working for good.",
    "Annuleren": "Cancel",
    "alleen voor CoMensha": "CoMensha only",
    "Geen cijfers voor deze keuze": "No figures for this choice",
    "U heeft het maximum aantal inzagen voor vandaag bereikt; de beheerder is gewaarschuwd.": (
        "You have reached the maximum number of views for today; the administrator has been alerted."
    ),
    "Kies een hoger niveau (veiligheidsregio, provincie of Nederland) of een ander jaar.": (
        "Choose a higher level (safety region, province or the Netherlands) or another year."
    ),
}
