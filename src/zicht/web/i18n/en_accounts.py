# SPDX-License-Identifier: EUPL-1.2
"""English texts of the account pages: login steps, the user's own account, the beheerder's user pages and
account logboek, and the messages of :mod:`zicht.accounts` (Dutch source text -> English)."""

from __future__ import annotations

EN_ACCOUNTS: dict[str, str] = {
    # login steps
    "Kies een nieuw wachtwoord": "Choose a new password",
    "U heeft ingelogd met een eenmalig wachtwoord van de beheerder. Kies nu uw eigen wachtwoord. Daarna stelt u de "
    "tweede factor opnieuw in.": "You logged in with a one-time password from the administrator. Now choose your "
    "own password. After that you set up the second factor again.",
    "Nieuw wachtwoord": "New password",
    "Herhaal het nieuwe wachtwoord": "Repeat the new password",
    "Minstens {n} tekens. Een zin van een paar woorden is sterk en goed te onthouden.": "At least {n} characters. "
    "A sentence of a few words is strong and easy to remember.",
    "Wachtwoord opslaan": "Save password",
    "Scan deze QR-code met uw authenticator-app:": "Scan this QR code with your authenticator app:",
    "QR-code om zicht aan uw authenticator-app toe te voegen": "QR code to add zicht to your authenticator app",
    "Kunt u niet scannen? Typ dan deze sleutel in uw app:": "Cannot scan? Then type this key into your app:",
    "Voer hieronder de code in die de app daarna toont. Daarna krijgt u herstelcodes voor als u uw telefoon "
    "kwijtraakt.": "Enter below the code the app then shows. After that you get recovery codes for when you lose "
    "your phone.",
    "6 cijfers, bijvoorbeeld 123456. Telefoon kwijt? Voer dan een van uw herstelcodes in (zoals "
    "abcd-efgh-ijkl-mnop); elke herstelcode werkt één keer.": "6 digits, for example 123456. Lost your phone? "
    "Then enter one of your recovery codes (like abcd-efgh-ijkl-mnop); each recovery code works once.",
    "Geen telefoon en geen herstelcodes meer? Vraag de beheerder van uw organisatie om uw tweede factor te "
    "herstellen.": "No phone and no recovery codes left? Ask the administrator of your organisation to reset your "
    "second factor.",
    "Uw herstelcodes": "Your recovery codes",
    "De tweede factor is gekoppeld. U bent ingelogd.": "The second factor is set up. You are logged in.",
    "Raakt u uw telefoon kwijt, dan logt u in met een van deze codes in plaats van de code uit de app. Elke code "
    "werkt één keer. Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordmanager of op papier in een "
    "afgesloten la.": "If you lose your phone, you log in with one of these codes instead of the code from the "
    "app. Each code works once. Keep them in a safe place, for example in a password manager or on paper in a "
    "locked drawer.",
    "Deze codes worden maar één keer getoond. zicht bewaart ze alleen versleuteld (als hash) en kan ze niet "
    "opnieuw laten zien.": "These codes are shown only once. zicht keeps only a hash of them and cannot show them "
    "again.",
    "Ik heb de codes bewaard, doorgaan": "I have saved the codes, continue",
    # own account
    "Mijn account": "My account",
    "Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.": "Your password has been changed. You have "
    "been logged out on other devices.",
    "U heeft een herstelcode gebruikt": "You used a recovery code",
    "Die code werkt niet nog een keer. U heeft nog {n} herstelcodes.": "That code will not work again. You have "
    "{n} recovery codes left.",
    "Is uw telefoon kwijt? Vraag de beheerder dan om uw tweede factor te herstellen, zodat u een nieuwe telefoon "
    "kunt koppelen.": "Lost your phone? Then ask the administrator to reset your second factor, so you can set up "
    "a new phone.",
    "Tweede factor": "Second factor",
    "ingesteld": "set up",
    "niet ingesteld": "not set up",
    "Ongebruikte herstelcodes": "Unused recovery codes",
    "Laatst ingelogd": "Last login",
    "Wachtwoord": "Password",
    "Wijzig uw wachtwoord als u denkt dat iemand anders het kent.": "Change your password if you think someone "
    "else knows it.",
    "Wachtwoord wijzigen": "Change password",
    "Herstelcodes": "Recovery codes",
    "Met een herstelcode logt u in als u uw telefoon niet bij de hand heeft. Maak een nieuwe set als u ze kwijt "
    "bent of bijna op.": "With a recovery code you log in when you do not have your phone at hand. Make a new set "
    "if you have lost them or have almost used them up.",
    "Bevestiging": "Confirmation",
    "Ik begrijp dat mijn oude herstelcodes dan niet meer werken.": "I understand that my old recovery codes will "
    "then stop working.",
    "Nieuwe herstelcodes maken": "Make new recovery codes",
    "Vink aan dat uw oude herstelcodes dan niet meer werken.": "Tick that your old recovery codes will then stop "
    "working.",
    "Na het wijzigen blijft u hier ingelogd; op andere apparaten en in andere browsers wordt u uitgelogd.": "After "
    "the change you stay logged in here; on other devices and in other browsers you are logged out.",
    "Huidig wachtwoord": "Current password",
    "Terug naar mijn account": "Back to my account",
    # beheer: users
    "Geef dit eenmalige wachtwoord via een ander kanaal door aan {naam}. Het wordt maar één keer getoond. Bij de "
    "eerste keer inloggen kiest de gebruiker een eigen wachtwoord en stelt de tweede factor in.": "Pass this "
    "one-time password to {naam} through another channel. It is shown only once. At the first login the user "
    "chooses an own password and sets up the second factor.",
    "moet een nieuw wachtwoord kiezen": "must choose a new password",
    "Kies een gebruikersnaam om het wachtwoord of de tweede factor te herstellen, of om de gebruiker te deactiveren "
    "of weer te activeren.": "Choose a user name to reset the password or the second factor, or to deactivate or "
    "reactivate the user.",
    "Verplicht voor een gemeentegebruiker. Typ de naam van een gemeente of regio en kies uit de suggesties, "
    "bijvoorbeeld gemeente Zwolle of veiligheidsregio IJsselland.": "Required for a municipality user. Type the "
    "name of a municipality or region and choose from the suggestions, for example gemeente Zwolle or "
    "veiligheidsregio IJsselland.",
    "{gebied} (onbekend gebied)": "{gebied} (unknown area)",
    "Terug naar alle gebruikers": "Back to all users",
    "Gebruiker {naam}": "User {naam}",
    "Wachtwoord hersteld": "Password reset",
    "Geef dit eenmalige wachtwoord via een ander kanaal (telefoon, persoonlijk) door aan {naam}. Het wordt maar één "
    "keer getoond. Bij het inloggen kiest de gebruiker een nieuw wachtwoord en koppelt opnieuw de tweede factor; "
    "alle sessies van de gebruiker zijn beëindigd.": "Pass this one-time password to {naam} through another "
    "channel (phone, in person). It is shown only once. At login the user chooses a new password and sets up the "
    "second factor again; all the user's sessions have been ended.",
    "De gebruiker is gedeactiveerd en uitgelogd. U kunt dit hieronder ongedaan maken.": "The user has been "
    "deactivated and logged out. You can undo this below.",
    "De gebruiker is weer actief en kan inloggen met het bestaande wachtwoord en de tweede factor.": "The user is "
    "active again and can log in with the existing password and second factor.",
    "De tweede factor en de herstelcodes zijn verwijderd. Bij het inloggen koppelt de gebruiker een nieuwe.": "The "
    "second factor and the recovery codes have been removed. At login the user sets up a new one.",
    "Dit is uw eigen account. Uw eigen wachtwoord wijzigt u onder 'Mijn account'; herstellen en deactiveren doet "
    "een andere beheerder.": "This is your own account. You change your own password under 'My account'; another "
    "administrator resets or deactivates it.",
    "Wachtwoord herstellen": "Reset password",
    "Voor een gebruiker die het wachtwoord kwijt is. U krijgt een eenmalig wachtwoord om door te geven. De "
    "gebruiker kiest daarmee een nieuw wachtwoord en koppelt opnieuw de tweede factor; de oude tweede factor en "
    "herstelcodes vervallen.": "For a user who has lost the password. You get a one-time password to pass on. "
    "With it the user chooses a new password and sets up the second factor again; the old second factor and "
    "recovery codes stop working.",
    "Ik heb nagegaan dat dit verzoek echt van {naam} komt.": "I have checked that this request really comes from "
    "{naam}.",
    "Voor een gebruiker die de telefoon kwijt is en geen herstelcodes meer heeft. Het wachtwoord blijft; bij het "
    "inloggen koppelt de gebruiker een nieuwe tweede factor.": "For a user who has lost the phone and has no "
    "recovery codes left. The password stays; at login the user sets up a new second factor.",
    "Deactiveren": "Deactivate",
    "De gebruiker wordt direct uitgelogd en kan niet meer inloggen. Gegevens blijven bewaard; u kunt de gebruiker "
    "later weer activeren.": "The user is logged out at once and can no longer log in. Data are kept; you can "
    "reactivate the user later.",
    "Ja, deactiveer {naam}.": "Yes, deactivate {naam}.",
    "Weer activeren": "Reactivate",
    "De gebruiker kan weer inloggen met het bestaande wachtwoord en de tweede factor. Denkt u dat iemand anders het "
    "wachtwoord kent? Herstel het dan ook.": "The user can log in again with the existing password and second "
    "factor. Do you think someone else knows the password? Then reset it as well.",
    "Vink eerst aan dat u dit zeker weet.": "First tick that you are sure.",
    # beheer: account logboek
    "Recente gebeurtenissen": "Recent events",
    "Alle accountgebeurtenissen": "All account events",
    "Logboek van accounts": "Account log",
    "Als beheerder beheert u gebruikers, organisaties en API-tokens, en ziet u het logboek van accounts. U ziet "
    "geen gegevens van slachtoffers.": "As administrator you manage users, organisations and API tokens, and you "
    "see the account log. You see no data of victims.",
    "Inloggen, mislukte inlogpogingen, nieuwe gebruikers, gewijzigde en herstelde wachtwoorden en tweede factoren, "
    "deactiveren en weer activeren. Alleen gebeurtenissen van accounts: geen gegevens van meldingen of "
    "slachtoffers. Een mislukte poging voor een naam zonder account staat er zonder gebruikersnaam in.": "Logins, "
    "failed login attempts, new users, changed and reset passwords and second factors, deactivation and "
    "reactivation. Account events only: no data of reports or victims. A failed attempt for a name without an "
    "account is listed without a user name.",
    "Accountgebeurtenissen, nieuwste eerst": "Account events, newest first",
    "Gebruiker": "User",
    "Door": "By",
    "Gebeurtenis": "Event",
    "Tijdstip": "Time",
    "systeem": "system",
    "onbekende gebruikersnaam": "unknown user name",
    "Nog geen gebeurtenissen.": "No events yet.",
    "Nieuwere gebeurtenissen": "Newer events",
    "Oudere gebeurtenissen": "Older events",
    # zicht.accounts.gebeurtenissen.LABELS
    "ingelogd": "logged in",
    "inloggen mislukt": "login failed",
    "account aangemaakt": "account created",
    "wachtwoord gewijzigd": "password changed",
    "wachtwoord hersteld door beheerder": "password reset by administrator",
    "tweede factor gekoppeld": "second factor set up",
    "tweede factor hersteld door beheerder": "second factor reset by administrator",
    "herstelcodes gemaakt": "recovery codes made",
    "herstelcode gebruikt": "recovery code used",
    "account gedeactiveerd": "account deactivated",
    "account geheractiveerd": "account reactivated",
    # messages of zicht.accounts (Accountfout.tekst)
    "Het wachtwoord moet minstens {n} tekens hebben.": "The password needs at least {n} characters.",
    "Het wachtwoord mag hoogstens {n} tekens hebben.": "The password may have at most {n} characters.",
    "Dit wachtwoord is te makkelijk te raden. Kies een langere zin die niet uw gebruikersnaam bevat.": "This "
    "password is too easy to guess. Choose a longer sentence that does not contain your user name.",
    "Kies een gebruikersnaam van 3 tot 64 tekens: kleine letters, cijfers en . _ @ -": "Choose a user name of 3 to "
    "64 characters: lower-case letters, digits and . _ @ -",
    "Kies een rol uit de lijst.": "Choose a role from the list.",
    "De gebruikersnaam {naam} is al in gebruik.": "The user name {naam} is already taken.",
    "Kies een organisatie uit de lijst.": "Choose an organisation from the list.",
    "Kies de organisatie van de melder: een melder meldt namens een organisatie.": "Choose the reporter's "
    "organisation: a reporter reports on behalf of an organisation.",
    "Kies het gebied van de gemeentegebruiker: een gemeente of een regio uit de lijst.": "Choose the area of the "
    "municipality user: a municipality or a region from the list.",
    "Kies een gebied uit de lijst: een gemeente of een regio. '{invoer}' is geen bekend gebied.": "Choose an area "
    "from the list: a municipality or a region. '{invoer}' is not a known area.",
    "De tweede factor is al gekoppeld.": "The second factor is already set up.",
    "U kunt dit niet voor uw eigen account doen; vraag het een andere beheerder. Uw eigen wachtwoord wijzigt u "
    "onder 'Mijn account'.": "You cannot do this for your own account; ask another administrator. You change your "
    "own password under 'My account'.",
    "De twee nieuwe wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee keer.": "The two new passwords "
    "are not the same. Type the new password twice.",
    "Kies een ander wachtwoord dan het huidige.": "Choose a password other than the current one.",
    "Het huidige wachtwoord is onjuist.": "The current password is incorrect.",
    "Koppel eerst de tweede factor.": "Set up the second factor first.",
}
