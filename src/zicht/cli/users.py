# SPDX-License-Identifier: EUPL-1.2
"""``zicht users``: accounts, organisations and API tokens from the command line.

Passwords are generated (or read from stdin with ``--password-stdin``) and printed once; so are API tokens.
The second factor is enrolled at first login, or right away with ``--totp`` (the secret is printed once).
"""

from __future__ import annotations

import json
import secrets
import sys
import uuid

import click

from zicht.cli._context import EXIT_FAILED, EXIT_USAGE, UserFacingError, get_context
from zicht.domain.rollen import Rol


def _registry():  # type: ignore[no-untyped-def]
    from zicht.cli.db import open_registry

    return open_registry(get_context().settings)


@click.group()
def users() -> None:
    """Gebruikers, organisaties en API-tokens beheren / manage users, organisations and API tokens."""


@users.command("create")
@click.argument("gebruikersnaam")
@click.option("--rol", required=True, type=click.Choice([r.value for r in Rol]), help="De rol / the role.")
@click.option("--naam", default="", help="Weergavenaam / display name.")
@click.option("--organisatie", default=None, help="Code van de organisatie (verplicht voor een melder).")
@click.option(
    "--gebied",
    default=None,
    help="Voor gemeente: naam of code, bijv. Zwolle, gemeente:GM0344 of veiligheidsregio:IJsselland.",
)
@click.option("--password-stdin", is_flag=True, help="Lees het wachtwoord van stdin / read the password from stdin.")
@click.option("--totp", "met_totp", is_flag=True, help="Stel de tweede factor nu in / enrol TOTP now.")
def create_user(
    gebruikersnaam: str,
    rol: str,
    naam: str,
    organisatie: str | None,
    gebied: str | None,
    password_stdin: bool,
    met_totp: bool,
) -> None:
    """Maak een gebruiker aan / create a user."""
    from zicht.accounts import Accountfout, Beveiliging, maak_gebruiker, totp, zet_totp
    from zicht.accounts.gebeurtenissen import CLI
    from zicht.storage import transaction

    settings = get_context().settings
    wachtwoord = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(15)
    bev = Beveiliging.from_settings(settings)
    try:
        with _registry() as (_, sessions), transaction(sessions) as session:
            gebruiker = maak_gebruiker(
                session,
                bev,
                gebruikersnaam=gebruikersnaam,
                naam=naam,
                rol=rol,
                wachtwoord=wachtwoord,
                organisatie_code=organisatie,
                gebied=gebied,
                referentie=get_context().reference if gebied else None,
                door=CLI,
                eenmalig=not password_stdin,
            )
            geheim = zet_totp(bev, gebruiker) if met_totp else None
            naam_db = gebruiker.gebruikersnaam
    except Accountfout as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None
    click.echo(f"gebruiker / user: {naam_db} ({rol})")
    if not password_stdin:
        click.echo(f"wachtwoord / password (eenmalig getoond / shown once): {wachtwoord}")
        click.echo("bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord / changed at first login")
    if geheim:
        click.echo(f"TOTP-geheim / secret: {geheim}")
        click.echo(f"otpauth-URI: {totp.otpauth_uri(geheim, naam_db)}")
    else:
        click.echo("tweede factor: wordt bij de eerste keer inloggen ingesteld / TOTP is enrolled at first login")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Druk JSON af / print JSON.")
def list_users(as_json: bool) -> None:
    """Toon alle gebruikers / list all users."""
    from zicht.accounts import lijst_gebruikers
    from zicht.storage import transaction

    with _registry() as (_, sessions), transaction(sessions) as session:
        rows = [
            {
                "gebruikersnaam": g.gebruikersnaam,
                "naam": g.naam,
                "rol": g.rol,
                "organisatie": o.code if o else None,
                "gebied": g.gebied,
                "actief": g.actief,
                "totp": g.totp_bevestigd,
            }
            for g, o in lijst_gebruikers(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        status = "actief" if r["actief"] else "gedeactiveerd"
        click.echo(f"{r['gebruikersnaam']:<24} {r['rol']:<11} {r['organisatie'] or r['gebied'] or '-':<24} {status}")


def _per_naam(gebruikersnaam: str, actie: str) -> str | None:
    from zicht.accounts import (
        Accountfout,
        Beveiliging,
        deactiveer_gebruiker,
        heractiveer_gebruiker,
        herstel_tweede_factor,
        herstel_wachtwoord,
        zoek_gebruiker,
    )
    from zicht.accounts.gebeurtenissen import CLI
    from zicht.storage import transaction

    bev = Beveiliging.from_settings(get_context().settings)
    try:
        with _registry() as (_, sessions), transaction(sessions) as session:
            gebruiker = zoek_gebruiker(session, gebruikersnaam)
            if gebruiker is None:
                raise UserFacingError(f"onbekende gebruiker / unknown user: {gebruikersnaam}", EXIT_FAILED)
            if actie == "wachtwoord":
                return herstel_wachtwoord(session, bev, gebruiker.id, door=CLI)
            {"deactiveren": deactiveer_gebruiker, "heractiveren": heractiveer_gebruiker}.get(
                actie, herstel_tweede_factor
            )(session, gebruiker.id, door=CLI)
            return None
    except Accountfout as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None


@users.command("deactivate")
@click.argument("gebruikersnaam")
def deactivate(gebruikersnaam: str) -> None:
    """Deactiveer een gebruiker en beëindig diens sessies / deactivate a user and end its sessions."""
    _per_naam(gebruikersnaam, "deactiveren")
    click.echo(f"gedeactiveerd / deactivated: {gebruikersnaam} (ongedaan maken / undo: zicht users reactivate)")


@users.command("reactivate")
@click.argument("gebruikersnaam")
def reactivate(gebruikersnaam: str) -> None:
    """Activeer een gedeactiveerde gebruiker weer / reactivate a deactivated user."""
    _per_naam(gebruikersnaam, "heractiveren")
    click.echo(f"weer actief / reactivated: {gebruikersnaam}")


@users.command("reset-totp")
@click.argument("gebruikersnaam")
def reset_totp(gebruikersnaam: str) -> None:
    """Verwijder de tweede factor (nieuwe koppeling bij inloggen) / remove TOTP; enrol again at login."""
    _per_naam(gebruikersnaam, "herstellen")
    click.echo(f"tweede factor verwijderd / TOTP removed: {gebruikersnaam}")


@users.command("reset-password")
@click.argument("gebruikersnaam")
def reset_password(gebruikersnaam: str) -> None:
    """Herstel een vergeten wachtwoord: eenmalig wachtwoord, nieuw wachtwoord en nieuwe tweede factor bij
    inloggen / reset a password: one-time password; new password and new TOTP at the next login."""
    wachtwoord = _per_naam(gebruikersnaam, "wachtwoord")
    click.echo(f"wachtwoord / password (eenmalig getoond / shown once): {wachtwoord}")
    click.echo("bij inloggen: nieuw wachtwoord en nieuwe tweede factor / at login: new password and new TOTP")


@users.command("create-organisation")
@click.argument("code")
@click.option("--naam", required=True, help="Naam / name.")
@click.option("--soort", required=True, help="Code uit de codelijst melder_soort (bijv. nationale_politie).")
@click.option("--regio", default=None, help="Politie-eenheid of district / police unit or district.")
@click.option("--gemeentecode", default=None, help="Voor gemeenten / for municipalities: GMxxxx.")
def create_organisation(code: str, naam: str, soort: str, regio: str | None, gemeentecode: str | None) -> None:
    """Maak één organisatie aan (voor een CSV: zicht organisaties import) / create one organisation."""
    from zicht.accounts import Organisatiefout, maak_organisatie
    from zicht.storage import transaction

    try:
        with _registry() as (_, sessions), transaction(sessions) as session:
            org = maak_organisatie(session, code=code, naam=naam, soort=soort, regio=regio, gemeentecode=gemeentecode)
            click.echo(f"organisatie / organisation: {org.code} ({org.soort})")
    except Organisatiefout as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None


@users.command("create-token")
@click.option("--organisatie", required=True, help="Code van de organisatie / organisation code.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    help="meldingen:aanmaken, meldingen:lezen, uploads, of alleen opvang:bezetting (herhaalbaar / repeatable).",
)
@click.option("--omschrijving", default="API-token", help="Waarvoor / what it is for.")
@click.option("--geldig-dagen", default=365, show_default=True, type=int, help="Geldigheid / validity in days.")
def create_token(organisatie: str, scopes: tuple[str, ...], omschrijving: str, geldig_dagen: int) -> None:
    """Maak een API-token voor een organisatie (eenmalig getoond) / create an API token (shown once)."""
    from zicht.accounts import Tokenfout, maak_token, zoek_organisatie
    from zicht.storage import transaction

    try:
        with _registry() as (_, sessions), transaction(sessions) as session:
            org = zoek_organisatie(session, organisatie)
            if org is None:
                raise Tokenfout(f"onbekende organisatie / unknown organisation: {organisatie}")
            plaintext, row = maak_token(
                session, org, list(scopes), omschrijving=omschrijving, door="cli", geldig_dagen=geldig_dagen
            )
            token_id = row.id
    except Tokenfout as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None
    click.echo(f"token-id: {token_id}")
    click.echo(f"token (eenmalig getoond / shown once): {plaintext}")


@users.command("tokens")
@click.option("--json", "as_json", is_flag=True, help="Druk JSON af / print JSON.")
def list_tokens(as_json: bool) -> None:
    """Toon alle API-tokens (nooit het geheim) / list API tokens (never the secret)."""
    from zicht.accounts import lijst_tokens
    from zicht.storage import transaction

    with _registry() as (_, sessions), transaction(sessions) as session:
        rows = [
            {
                "id": str(t.id),
                "organisatie": o.code,
                "scopes": t.scopes,
                "omschrijving": t.omschrijving,
                "ingetrokken": t.ingetrokken_op is not None,
                "verloopt_op": t.verloopt_op.isoformat() if t.verloopt_op else None,
            }
            for t, o in lijst_tokens(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        click.echo(
            f"{r['id']}  {r['organisatie']:<24} {r['scopes']:<40} {'ingetrokken' if r['ingetrokken'] else 'actief'}"
        )


@users.command("revoke-token")
@click.argument("token_id", type=click.UUID)
def revoke_token(token_id: uuid.UUID) -> None:
    """Trek een API-token in / revoke an API token."""
    from zicht.accounts import trek_token_in
    from zicht.storage import transaction

    with _registry() as (_, sessions), transaction(sessions) as session:
        if not trek_token_in(session, token_id):
            raise UserFacingError("onbekend of al ingetrokken token / unknown or already revoked token", EXIT_FAILED)
    click.echo(f"ingetrokken / revoked: {token_id}")
