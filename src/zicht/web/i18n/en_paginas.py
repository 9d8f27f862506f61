# SPDX-License-Identifier: EUPL-1.2
"""English catalogue for the upload, analysis, logboek, administration, information and gallery pages."""

from __future__ import annotations

EN_PAGINAS: dict[str, str] = {
    # uploads
    "Lever meerdere meldingen tegelijk aan als CSV (UTF-8), Excel (XLSX) of JSON lines. Elke rij wordt opgeslagen of "
    "afgewezen met de reden; een rij die al eerder met dezelfde inhoud is aangeleverd, wordt niet dubbel opgeslagen.": "Submit several reports at once as CSV (UTF-8), Excel (XLSX) or JSON lines. Each row is stored or rejected "
    "with the reason; a row delivered before with the same content is not stored twice.",
    "Bestand": "File",
    "CSV, XLSX of JSONL, ten hoogste {n} MB. De kolommen staan in de importbeschrijving (zicht template).": "CSV, XLSX or JSONL, at most {n} MB. The columns are described in the import format (zicht template).",
    "Aanleveren": "Upload",
    "Kies een bestand.": "Choose a file.",
    "Het bestand is te groot.": "The file is too large.",
    "Eerdere aanleveringen van uw organisatie": "Earlier uploads of your organisation",
    "Datum": "Date",
    "Formaat": "Format",
    "Gelezen": "Read",
    "Opgeslagen": "Stored",
    "Al aanwezig": "Already present",
    "Afgewezen": "Rejected",
    "Rijrapport": "Row report",
    "Rijrapport van de aanlevering": "Row report of the upload",
    "{gelezen} rijen gelezen: {opgeslagen} opgeslagen, {aanwezig} waren al aanwezig, {afgewezen} afgewezen.": "{gelezen} rows read: {opgeslagen} stored, {aanwezig} already present, {afgewezen} rejected.",
    "Aangeleverd op": "Uploaded at",
    "Rijrapport downloaden (CSV)": "Download row report (CSV)",
    "Afgewezen rijen en de reden": "Rejected rows and the reason",
    "Rij": "Row",
    "Kolom": "Column",
    "Waarde": "Value",
    "Reden": "Reason",
    "hele rij": "whole row",
    "Nog {n} afwijzingen staan alleen in de download.": "{n} more rejections are only in the download.",
    "Nog een bestand aanleveren": "Upload another file",
    # analysis
    "Meldingen (landelijk, gepseudonimiseerd)": "Reports (national, pseudonymised)",
    "Meldingen zonder identificerende gegevens. Elke getoonde melding wordt in het logboek vastgelegd als inzage.": "Reports without identifying data. Each report shown is recorded in the log as viewed.",
    "Filters": "Filters",
    "Jaar": "Year",
    "alle jaren": "all years",
    "alle vormen": "all forms",
    "Gemeente (plaats delict)": "Municipality (crime location)",
    "Naam of CBS-code, bijvoorbeeld Utrecht of GM0344.": "Name or CBS code, for example Utrecht or GM0344.",
    "Onbekende of dubbelzinnige gemeente.": "Unknown or ambiguous municipality.",
    "Veiligheidsregio": "Safety region",
    "heel Nederland": "all of the Netherlands",
    "alle melders": "all reporters",
    "Filteren": "Filter",
    "Leeftijd": "Age",
    "Persoon": "Person",
    "Geen meldingen met deze filters.": "No reports match these filters.",
    # logboek
    "Alle verwerkingen van de gegevens van één persoon: wie, met welke rol, voor welk doel en wanneer. Ook deze inzage "
    "wordt vastgelegd.": "Every processing of one person's data: who, in which role, for what purpose and when. This viewing is "
    "recorded too.",
    "Pseudoniem van de persoon": "Pseudonym of the person",
    "De persoon-id (UUID) zoals die bij de melding staat.": "The person id (UUID) as shown with the report.",
    "Geef het pseudoniem van de persoon (een UUID).": "Give the person's pseudonym (a UUID).",
    "Verwerkingen tonen": "Show processing",
    "{n} verwerkingen, oudste eerst": "{n} processing records, oldest first",
    "Nr.": "No.",
    "Tijdstip": "Time",
    "Handeling": "Action",
    "Object": "Object",
    "Door": "By",
    "Rol": "Role",
    "Organisatie": "Organisation",
    "Geen verwerkingen gevonden voor deze persoon.": "No processing found for this person.",
    # administration
    "Als beheerder beheert u gebruikers, organisaties en API-tokens. U ziet geen gegevens van slachtoffers.": "As an administrator you manage users, organisations and API tokens. You see no victim data.",
    "Gebruikers": "Users",
    "Organisaties": "Organisations",
    "API-tokens": "API tokens",
    "Gebruiker aangemaakt": "User created",
    "Geef dit eerste wachtwoord via een ander kanaal door aan {naam}. Het wordt maar één keer getoond. Bij de eerste "
    "keer inloggen stelt de gebruiker de tweede factor in.": "Pass this initial password to {naam} through another channel. It is shown only once. At first login the "
    "user sets up the second factor.",
    "Alle gebruikers": "All users",
    "Naam": "Name",
    "Organisatie / gebied": "Organisation / area",
    "Acties": "Actions",
    "actief": "active",
    "gedeactiveerd": "deactivated",
    "tweede factor nog niet ingesteld": "second factor not set up yet",
    "Tweede factor herstellen": "Reset second factor",
    "Tweede factor herstellen voor {naam}": "Reset second factor for {naam}",
    "Deactiveren": "Deactivate",
    "{naam} deactiveren": "Deactivate {naam}",
    "Nieuwe gebruiker": "New user",
    "Kleine letters, cijfers en . _ @ -": "Lower-case letters, digits and . _ @ -",
    "Bepaalt wat de gebruiker mag: melder (eigen meldingen), analist (landelijk, gepseudonimiseerd), identiteit (als analist, plus identiteit onthullen met een doel), gemeente (beveiligde cijfers van het eigen gebied), opvang, beheerder (geen slachtoffergegevens).": (
        "Decides what the user may do: melder (own meldingen), analist (national, pseudonymised), identiteit (as analist, plus revealing an identity for a stated purpose), gemeente (protected figures for its own area), opvang, beheerder (no victim data)."
    ),
    "Verplicht voor een melder.": "Required for a reporter.",
    "geen": "none",
    "Gebied": "Area",
    "Voor een gemeentegebruiker, bijvoorbeeld gemeente:GM0344 of veiligheidsregio:VR09.": "For a municipal user, for example gemeente:GM0344 or veiligheidsregio:VR09.",
    "Gebruiker aanmaken": "Create user",
    "Alle organisaties": "All organisations",
    "Soort": "Kind",
    "Regio": "Region",
    "Gemeente": "Municipality",
    "Nieuwe organisatie": "New organisation",
    "Kort en vast, bijvoorbeeld politie-rotterdam.": "Short and stable, for example politie-rotterdam.",
    "Soort melder; bepaalt onder meer de standaardgrondslag.": "Kind of reporter; among other things it sets the "
    "default legal basis.",
    "Politie-eenheid of district, leeg voor landelijk.": "Police unit or district, empty for national.",
    "Gemeentecode": "Municipality code",
    "Alleen voor gemeentelijke organisaties, bijvoorbeeld GM0344.": "Only for municipal organisations, for example GM0344.",
    "Organisatie aanmaken": "Create organisation",
    "Token aangemaakt": "Token created",
    "Kopieer het token nu; het wordt maar één keer getoond en alleen als hash bewaard.": "Copy the token now; it is shown only once and stored only as a hash.",
    "Alle tokens": "All tokens",
    "Omschrijving": "Description",
    "Scopes": "Scopes",
    "Aangemaakt": "Created",
    "Verloopt": "Expires",
    "Laatst gebruikt": "Last used",
    "ingetrokken": "revoked",
    "Intrekken": "Revoke",
    "Token {omschrijving} intrekken": "Revoke token {omschrijving}",
    "Nieuw token": "New token",
    "scopes: opvang:bezetting gaat niet samen met scopes voor meldingen; maak twee tokens": "scopes: opvang:bezetting cannot be combined with melding scopes; create two tokens",
    "Wat het token mag. De rechten voor meldingen handelen namens de organisatie als melder; 'bezetting van eigen "
    "opvangvoorzieningen melden' is voor een opvangexploitant en gaat niet samen met de andere.": (
        "What the token may do. The melding rights act for the organisation as a reporter; 'report occupancy of own "
        "shelters' is for a shelter operator and cannot be combined with the others."
    ),
    "Bijvoorbeeld: koppeling registratiesysteem politie-eenheid.": "For example: link with a police unit's case system.",
    "Token aanmaken": "Create token",
    # information
    "Privacy: wat zicht vastlegt en waarom": "Privacy: what zicht records and why",
    "Over mogelijke slachtoffers": "About possible victims",
    "zicht legt meldingen van mogelijke slachtoffers van mensenhandel vast, zodat CoMensha en de Nationaal Rapporteur "
    "het landelijk beeld kunnen geven en slachtoffers de juiste hulp krijgen. Per melding bewaart zicht alleen wat "
    "daarvoor nodig is: de soort uitbuiting, de werkwijze, de gemeente, het geboortejaar in plaats van de geboortedatum, "
    "en codes in plaats van vrije tekst.": "zicht records reports of possible victims of human trafficking so that CoMensha and the National Rapporteur "
    "can give the national picture and victims get the right help. For each report zicht keeps only what that "
    "needs: the form of exploitation, the method, the municipality, the year of birth instead of the date of "
    "birth, and codes instead of free text.",
    "Namen, geboortedatum, documentnummers, telefoonnummers en toelichtingen staan versleuteld in een aparte "
    "identiteitskluis. Ze zijn alleen zichtbaar voor een paar medewerkers met de rol 'identiteit', en alleen nadat zij "
    "een doel hebben opgegeven. Dat doel wordt vastgelegd.": "Names, date of birth, document numbers, phone numbers and notes are stored encrypted in a separate identity "
    "vault. They are visible only to a few staff with the 'identity' role, and only after they state a purpose. "
    "That purpose is recorded.",
    "Gemeenten zien alleen geaggregeerde cijfers met onthullingsbeveiliging (kleine aantallen worden niet getoond), "
    "nooit een melding of een persoon.": "Municipalities only see aggregated figures with disclosure control (small counts are not shown), never a "
    "report or a person.",
    "Het logboek": "The processing log",
    "Elke keer dat iemand persoonsgegevens aanmaakt, inziet, wijzigt, exporteert of onthult, schrijft zicht een regel "
    "in het logboek: wie, met welke rol, voor welk doel, welke melding en wanneer. Het logboek bevat zelf nooit de "
    "persoonsgegevens. De regels zijn aan elkaar gekoppeld met hashes, zodat een gewijzigde of verwijderde regel wordt "
    "ontdekt.": "Each time someone creates, views, changes, exports or reveals personal data, zicht writes a line in the "
    "processing log: who, in which role, for what purpose, which report and when. The log itself never contains "
    "the personal data. The lines are chained with hashes, so a changed or removed line is detected.",
    "Over gebruikers": "About users",
    "Van gebruikers bewaart zicht de gebruikersnaam, de naam, de rol en de organisatie, een gehasht wachtwoord "
    "(argon2id), een versleutelde sleutel voor de tweede factor, de lopende sessies en, gedurende één dag, mislukte "
    "inlogpogingen (als sleutel-hash van gebruikersnaam en IP-adres) om raden van wachtwoorden tegen te gaan. Wat zicht "
    "over u bewaart, ziet u na inloggen onder 'Mijn gegevens'.": "About users zicht keeps the user name, name, role and organisation, a hashed password (argon2id), an "
    "encrypted key for the second factor, the running sessions and, for one day, failed login attempts (as keyed "
    "hashes of user name and IP address) to stop password guessing. After logging in, 'My data' shows what "
    "zicht keeps about you.",
    "zicht gebruikt alleen functionele cookies: een sessiecookie, een cookie tegen vervalste formulieren en uw "
    "taalkeuze. Er zijn geen tracking- of analysecookies.": "zicht only uses functional cookies: a session cookie, a cookie against forged forms and your language "
    "choice. There are no tracking or analytics cookies.",
    "Toegankelijkheidsverklaring": "Accessibility statement",
    "zicht wil voor iedereen bruikbaar zijn en streeft naar WCAG 2.2 niveau AA (wettelijk verplicht: WCAG 2.1 AA via "
    "EN 301 549).": "zicht aims to be usable by everyone and targets WCAG 2.2 level AA (legally required: WCAG 2.1 AA through "
    "EN 301 549).",
    "Er is nog geen onderzoek volgens WCAG-EM door een onafhankelijke partij gedaan. Tot dat onderzoek is afgerond, "
    "heeft deze verklaring geen status A of B. Een volledige verklaring wordt opgesteld met de invulassistent van "
    "Logius en opgenomen in het landelijke register.": "No WCAG-EM evaluation by an independent party has been done yet. Until it is completed, this statement has "
    "no status A or B. A complete statement will be made with Logius's statement generator and entered in the "
    "national register.",
    "Wat we zelf doen": "What we do ourselves",
    "Elke pagina wordt automatisch getest met axe-core op WCAG 2.1 A en AA.": "Every page is tested automatically with axe-core against WCAG 2.1 A and AA.",
    "Alle functies werken zonder JavaScript en met alleen het toetsenbord.": "Every function works without JavaScript and with the keyboard alone.",
    "Formulieren tonen alle fouten tegelijk in een overzicht bovenaan dat naar de velden linkt.": "Forms show all problems at once in a summary at the top that links to the fields.",
    "U krijgt een waarschuwing voordat uw sessie verloopt en kunt die verlengen.": "You are warned before your session expires and can extend it.",
    "Contact": "Contact",
    "Loopt u tegen een toegankelijkheidsprobleem aan? Meld het via {adres}; u krijgt binnen 5 werkdagen antwoord.": (
        "Running into an accessibility problem? Report it to {adres}; you will get an answer within 5 working days."
    ),
    "Dit bewaart zicht over u als gebruiker, en waarom.": "This is what zicht keeps about you as a user, and why.",
    "Tweede factor (TOTP)": "Second factor (TOTP)",
    "ingesteld": "set up",
    "niet ingesteld": "not set up",
    "Account aangemaakt": "Account created",
    "Laatst ingelogd": "Last login",
    "Lopende sessies": "Running sessions",
    "Verwerkingen door u in het logboek": "Processing by you in the log",
    "Het logboek legt vast welke meldingen u heeft aangemaakt, ingezien of onthuld, zodat CoMensha verantwoording kan "
    "afleggen. Uw wachtwoord staat alleen als argon2id-hash opgeslagen.": "The processing log records which reports you created, viewed or revealed, so CoMensha can account for "
    "them. Your password is stored only as an argon2id hash.",
}
