# SPDX-License-Identifier: EUPL-1.2
"""English catalogue: Dutch source text -> English. Page texts here; form field texts in ``en_invoer``.

A test checks that every ``_("...")`` text in the templates, every navigation label and every form text has
an entry, so an English page never shows Dutch by accident.
"""

from __future__ import annotations

from zicht.domain.rollen import Rol
from zicht.web.i18n.en_accounts import EN_ACCOUNTS
from zicht.web.i18n.en_invoer import EN_INVOER
from zicht.web.i18n.en_levensloop import EN_FORMULIER, EN_LEVENSLOOP, EN_ROUTE, EN_TOKEN, EN_UPLOADS, EN_ZOEKEN
from zicht.web.i18n.en_paginas import EN_PAGINAS

EN: dict[str, str] = {
    **EN_INVOER,
    **EN_PAGINAS,
    **EN_LEVENSLOOP,
    **EN_ZOEKEN,
    **EN_ROUTE,
    **EN_FORMULIER,
    **EN_UPLOADS,
    **EN_TOKEN,
    **EN_ACCOUNTS,
    # layout and navigation
    "Naar de inhoud": "Skip to content",
    "Taal en account": "Language and account",
    "Hoofdmenu": "Main menu",
    "Over deze site": "About this site",
    "Inloggen": "Log in",
    "Uitloggen": "Log out",
    "Privacy": "Privacy",
    "Toegankelijkheid": "Accessibility",
    "Kwetsbaarheid melden": "Report a vulnerability",
    "API (OpenAPI)": "API (OpenAPI)",
    "zicht is open source (EUPL-1.2).": "zicht is open source (EUPL-1.2).",
    "Uw sessie verloopt bijna": "Your session is about to expire",
    "Zonder activiteit wordt u over 2 minuten uitgelogd. Niet opgeslagen invoer gaat dan verloren.": "Without activity you will be logged out in 2 minutes. Unsaved input will then be lost.",
    "Ingelogd blijven": "Stay logged in",
    "Start": "Home",
    "Meldingen": "Reports",
    "Nieuwe melding": "New report",
    "Bestand aanleveren": "Upload a file",
    "Meldingen (landelijk)": "Reports (national)",
    "Logboek per persoon": "Processing log per person",
    "Beheer": "Administration",
    "UI-galerij": "UI gallery",
    "Mijn gegevens": "My data",
    "Paginering": "Pagination",
    "Vorige": "Previous",
    "Volgende": "Next",
    "Pagina {n}": "Page {n}",
    "pagina {n}": "page {n}",
    "verplicht": "required",
    "Er is 1 fout gevonden": "There is 1 problem",
    "Er zijn {n} fouten gevonden": "There are {n} problems",
    "Fout": "Error",
    # roles (from the one role list), sources, actions, age bands
    **{rol.label_nl: rol.label_en for rol in Rol},
    "formulier": "form",
    "api": "API",
    "upload": "upload",
    "aanmaken": "create",
    "lezen": "read",
    "wijzigen": "update",
    "exporteren": "export",
    "onthullen": "reveal",
    "koppelen": "link",
    "verwijderen": "delete",
    "minderjarig": "minor",
    "18-22": "18-22",
    "23+": "23+",
    "onbekend": "unknown",
    # errors
    "Geen toegang": "No access",
    "Uw rol geeft geen toegang tot deze pagina.": "Your role gives no access to this page.",
    "Formulier verlopen": "Form expired",
    "Het formulier is verlopen of niet door deze site verstuurd. Probeer het opnieuw.": "The form has expired or was not sent by this site. Please try again.",
    "Pagina niet gevonden": "Page not found",
    "Deze pagina bestaat niet, of u heeft er geen toegang toe.": "This page does not exist, or you have no access to it.",
    "Er ging iets mis": "Something went wrong",
    "Probeer het later opnieuw. De fout is vastgelegd.": "Please try again later. The error has been recorded.",
    "Naar de startpagina": "Go to the home page",
    # login
    "Uw sessie is verlopen. Log opnieuw in.": "Your session has expired. Please log in again.",
    "U bent uitgelogd.": "You have been logged out.",
    "Log in met uw gebruikersnaam en wachtwoord. Daarna vraagt zicht de code uit uw authenticator-app.": "Log in with your user name and password. zicht then asks for the code from your authenticator app.",
    "Gebruikersnaam": "User name",
    "Wachtwoord": "Password",
    "Na {n} minuten zonder activiteit wordt u automatisch uitgelogd; u krijgt vooraf een waarschuwing.": "After {n} minutes without activity you are logged out automatically; you are warned beforehand.",
    "De combinatie van gebruikersnaam en wachtwoord is onjuist.": "The user name and password do not match.",
    "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.": "Too many failed attempts. Try again in 15 minutes.",
    "Deze code is onjuist of al gebruikt. Wacht op de volgende code en probeer het opnieuw.": "This code is wrong or was already used. Wait for the next code and try again.",
    "Code invoeren": "Enter code",
    "Voer de code van 6 cijfers in die uw authenticator-app nu toont.": "Enter the 6-digit code your authenticator app shows now.",
    "Code": "Code",
    "6 cijfers, bijvoorbeeld 123456.": "6 digits, for example 123456.",
    "Bevestigen": "Confirm",
    "Tweede factor instellen": "Set up the second factor",
    "zicht bevat gegevens over mogelijke slachtoffers. Daarom logt u in met een wachtwoord én een code uit een "
    "authenticator-app (bijvoorbeeld FreeOTP of een andere app die TOTP ondersteunt).": "zicht holds data about possible victims. You therefore log in with a password and a code from an "
    "authenticator app (for example FreeOTP or another app that supports TOTP).",
    "Voeg in uw app een account toe door deze sleutel in te typen:": "Add an account in your app by typing this key:",
    "Of gebruik deze koppeling (otpauth-URI), bijvoorbeeld door hem te kopiëren naar uw app:": "Or use this link (otpauth URI), for example by copying it into your app:",
    "Voer hieronder de code in die de app daarna toont.": "Then enter the code the app shows below.",
    "Koppelen en inloggen": "Set up and log in",
    # home
    "Welkom, {naam}": "Welcome, {naam}",
    "U bent ingelogd met de rol {rol}. Dit kunt u in zicht doen:": "You are logged in as {rol}. In zicht you can:",
    "Als gemeente ziet u alleen geaggregeerde cijfers voor uw gebied, nooit een melding of een persoon.": "As a municipality you only see aggregated figures for your area, never a report or a person.",
    "zicht: registratie en inzicht mensenhandel": "zicht: registration and insight into human trafficking",
    "zicht is het register van meldingen van mogelijke slachtoffers van mensenhandel. Meldende organisaties leveren "
    "meldingen aan, CoMensha analyseert ze, en gemeenten krijgen inzicht in hun regio zonder dat persoonsgegevens hun "
    "organisatie verlaten.": "zicht is the register of reports of possible victims of human trafficking. Reporting organisations submit "
    "reports, CoMensha analyses them, and municipalities gain insight into their region without personal data "
    "leaving the organisation.",
    "Inloggen afronden": "Complete login",
    # meldingen
    "Meldingen van uw organisatie": "Reports of your organisation",
    "{n} meldingen, nieuwste eerst": "{n} reports, newest first",
    "Uw referentie": "Your reference",
    "Melddatum": "Report date",
    "Uitbuitingsvorm": "Form of exploitation",
    "Plaats delict": "Crime location",
    "Bron": "Source",
    "Uw organisatie heeft nog geen meldingen aangeleverd.": "Your organisation has not submitted any reports yet.",
    "Meld een mogelijk slachtoffer van mensenhandel. Bij elk veld staat waarom zicht het vraagt; velden zonder "
    "'(verplicht)' mag u leeg laten. Identificerende gegevens worden versleuteld opgeslagen en zijn alleen voor een paar "
    "medewerkers van CoMensha zichtbaar, met een vastgelegd doel.": "Report a possible victim of human trafficking. Each field says why zicht asks for it; you may leave fields "
    "without '(required)' empty. Identifying data is stored encrypted and visible only to a few CoMensha staff, "
    "for a recorded purpose.",
    "Typ een gemeente of land; suggesties verschijnen terwijl u typt.": "Type a municipality or country; suggestions appear as you type.",
    "Melding opslaan": "Save report",
    "Melding": "Report",
    "De melding is opgeslagen.": "The report has been saved.",
    "Deze melding was al met dezelfde inhoud opgeslagen; er is niets dubbel vastgelegd.": "This report was already stored with the same content; nothing was recorded twice.",
    "Melding-id": "Report id",
    "Soort melder": "Kind of reporter",
    "Sector": "Sector",
    "Werkwijze": "Method",
    "Plaats van werving": "Place of recruitment",
    "Periode van uitbuiting": "Period of exploitation",
    "Geslacht": "Gender",
    "Geboortejaar": "Year of birth",
    "Leeftijd bij melding": "Age at report",
    "Nationaliteit": "Nationality",
    "Dossiertype": "Dossier type",
    "Status": "Status",
    "Grondslag": "Legal basis",
    "Toestemming": "Consent",
    "Persoon (pseudoniem)": "Person (pseudonym)",
    "nog niet gekoppeld": "not linked yet",
    "Aangeleverd via": "Submitted via",
    "Vastgelegd op": "Recorded at",
    "Identificerende gegevens (namen, geboortedatum, documentnummers, telefoonnummers, toelichting) staan versleuteld "
    "in de identiteitskluis en worden hier niet getoond.": "Identifying data (names, date of birth, document numbers, phone numbers, notes) is stored encrypted in the "
    "identity vault and is not shown here.",
    "Identiteit inzien (met doel)": "View identity (with purpose)",
    # identity reveal
    "Identiteit inzien": "View identity",
    "Terug naar de melding": "Back to the report",
    "U staat op het punt identificerende gegevens van een mogelijk slachtoffer in te zien. Dat mag alleen als het nodig "
    "is. Het doel dat u opgeeft wordt met uw naam in het logboek vastgelegd.": "You are about to view identifying data of a possible victim. That is only allowed when necessary. The "
    "purpose you state is recorded in the processing log with your name.",
    "Doel": "Purpose",
    "Waarom moet u deze identiteit zien? Bijvoorbeeld: controle op dubbele registratie voor koppeling.": "Why do you need to see this identity? For example: checking a duplicate registration for linkage.",
    "Identiteit tonen": "Show identity",
    "Beschrijf het doel in 10 tot 200 tekens.": "Describe the purpose in 10 to 200 characters.",
    "Deze inzage is vastgelegd in het logboek met doel: {doel}": "This viewing was recorded in the log with purpose: {doel}",
    "Voornamen": "Given names",
    "Achternaam": "Family name",
    "Geboortedatum": "Date of birth",
    "Documentnummers": "Document numbers",
    "Telefoonnummers": "Phone numbers",
    "Toelichting": "Notes",
}
