# SPDX-License-Identifier: EUPL-1.2
"""English catalogue for the melding form (sections, groups, the ``uitleg`` of every intake column) and the
component examples of the UI gallery."""

from __future__ import annotations

EN_INVOER: dict[str, str] = {
    # form sections and groups
    "De melding": "The report",
    "De uitbuiting": "The exploitation",
    "Plaats": "Place",
    "Het (mogelijke) slachtoffer": "The (possible) victim",
    "Identificerende gegevens (versleuteld opgeslagen)": "Identifying data (stored encrypted)",
    "Werving": "Recruitment",
    "Controle en dwang": "Control and coercion",
    "Overig": "Other",
    # why each field is asked (zicht.intake.columns.KOLOMMEN[*].uitleg)
    "Uw eigen kenmerk; daarmee herkent zicht een melding die opnieuw wordt aangeleverd.": "Your own reference; zicht uses it to recognise a report that is delivered again.",
    "Datum van de melding; bepaalt in welk jaar en kwartaal de melding telt.": "Date of the report; decides the year and quarter the report counts in.",
    "Vorm van uitbuiting (art. 273f Sr); nodig voor het landelijk en regionaal beeld. Kies 'onbekend' als u het niet "
    "weet.": "Form of exploitation (art. 273f Criminal Code); needed for the national and regional picture. Choose "
    "'unknown' if you do not know.",
    "Sector binnen de uitbuitingsvorm, bijvoorbeeld thuisprostitutie of land- en tuinbouw; laat zien waar uitbuiting "
    "plaatsvindt.": "Sector within the form of exploitation, for example home prostitution or agriculture; shows where "
    "exploitation takes place.",
    "Hoe het slachtoffer werd geworven en onder controle gehouden (bijvoorbeeld loverboymethode, schuldslavernij); "
    "gemeenten en politie vragen hierom voor preventie.": "How the victim was recruited and controlled (for example the loverboy method, debt bondage); "
    "municipalities and police ask for this for prevention.",
    "Gemeente waar de uitbuiting plaatsvond (of het land, als dat in het buitenland was); hiermee krijgen gemeenten "
    "zicht op wat er in hun gebied gebeurt.": "Municipality where the exploitation took place (or the country, if abroad); it shows municipalities what "
    "happens in their area.",
    "Gemeente of land waar het slachtoffer werd geworven.": "Municipality or country where the victim was recruited.",
    "Begin van de uitbuitingsperiode.": "Start of the period of exploitation.",
    "Einde van de uitbuitingsperiode.": "End of the period of exploitation.",
    "Voor het beeld naar geslacht.": "For the picture by gender.",
    "Om meldingen van dezelfde persoon te herkennen en om te bepalen of het slachtoffer minderjarig is. Wordt "
    "versleuteld opgeslagen; statistieken gebruiken alleen de leeftijd.": "To recognise reports of the same person and to decide whether the victim is a minor. Stored encrypted; "
    "statistics only use the age.",
    "Leeftijd bij de melding, als de geboortedatum niet bekend is.": "Age at the report, if the date of birth is unknown.",
    "Voor het beeld naar herkomst (Nederlands, EU, niet-EU).": "For the picture by origin (Dutch, EU, non-EU).",
    "Alleen registratie, registratie met opvang, of met informatie en advies.": "Registration only, registration with shelter, or with information and advice.",
    "Mogelijk of vastgesteld slachtoffer.": "Possible or established victim.",
    "Meldplicht (politie, KMar, NLA) of vrijwillige melding; bepaalt de grondslag van de verwerking.": "Duty to report (police, KMar, NLA) or voluntary report; decides the legal basis of the processing.",
    "Of het slachtoffer toestemming gaf voor de melding (niet vereist voor registratie).": "Whether the victim consented to the report (not required for registration).",
    "Om meldingen van dezelfde persoon te koppelen. Versleuteld; nooit zichtbaar in statistieken.": "To link reports of the same person. Encrypted; never visible in statistics.",
    "Paspoort- of ID-nummer; de betrouwbaarste sleutel om meldingen te koppelen. Versleuteld.": "Passport or ID number; the most reliable key to link reports. Encrypted.",
    "Helpt meldingen van dezelfde persoon te koppelen. Versleuteld.": "Helps to link reports of the same person. Encrypted.",
    "Vrije tekst voor CoMensha (bijvoorbeeld over de opvangvraag). Versleuteld; zet hier geen gegevens in die niet "
    "nodig zijn.": "Free text for CoMensha (for example about the need for shelter). Encrypted; do not put data here that is "
    "not needed.",
    "Gebeurtenissen op de route (werving, doorreis, uitbuiting) als soort:plaats:datum, gescheiden door ';'.": "Events on the route (recruitment, transit, exploitation) as kind:place:date, separated by ';'.",
    # UI gallery
    "Elke component uit macros/nlds.html in elke toestand. Gebruik deze pagina bij reviews en "
    "toegankelijkheidsonderzoek.": "Every component of macros/nlds.html in every state. Use this page for reviews and accessibility testing.",
    "Kop van niveau 3": "Heading level 3",
    "Kop van niveau 4": "Heading level 4",
    "Een gewone alinea met uitleg.": "An ordinary paragraph of explanation.",
    "Een link naar de toegankelijkheidsverklaring": "A link to the accessibility statement",
    "Primaire knop": "Primary button",
    "Secundaire knop": "Secondary button",
    "Subtiele knop": "Subtle button",
    "Uitgeschakelde knop": "Disabled button",
    "Link als knop": "Link as a button",
    "Secundaire link als knop": "Secondary link as a button",
    "Ter informatie": "For your information",
    "Een informatieve melding.": "An informative message.",
    "Gelukt": "Done",
    "De handeling is gelukt.": "The action succeeded.",
    "Let op": "Note",
    "Een waarschuwing.": "A warning.",
    "Er ging iets mis.": "Something went wrong.",
    "Voorbeeldveld: verplicht veld is leeg": "Example field: required field is empty",
    "Keuzes: kies ten minste één waarde": "Choices: choose at least one value",
    "Tekstveld": "Text field",
    "Tekstveld met uitleg": "Text field with a hint",
    "Waarom we dit vragen.": "Why we ask this.",
    "Verplicht tekstveld": "Required text field",
    "Voorbeeldveld": "Example field",
    "Met uitleg en een fout.": "With a hint and an error.",
    "verplicht veld is leeg": "required field is empty",
    "Datumveld": "Date field",
    "Tekstvak": "Text area",
    "Vrije tekst.": "Free text.",
    "Keuzelijst": "Select",
    "Eerste": "First",
    "Tweede": "Second",
    "geen keuze": "no choice",
    "Keuzelijst met fout": "Select with an error",
    "kies een waarde": "choose a value",
    "Keuzes": "Choices",
    "Eén": "One",
    "Twee": "Two",
    "Kies er één of meer.": "Choose one or more.",
    "Keuzes met fout": "Choices with an error",
    "kies ten minste één waarde": "choose at least one value",
    "Keuzes in groepen": "Choices in groups",
    "Groep A": "Group A",
    "Groep B": "Group B",
    "Eén keuze": "One choice",
    "ja": "yes",
    "nee": "no",
    "Sleutel": "Key",
    "Waarde": "Value",
    "Nog een sleutel": "Another key",
    "Nog een waarde": "Another value",
    "Een tabel met bijschrift": "A table with a caption",
    "Aantal": "Count",
}
