# SPDX-License-Identifier: EUPL-1.2
"""``zicht logboek``: verify the keyed chain and the ankers of the logboek, anker its head, and list every
processing of one person.

``verify`` exits 1 when it finds any problem (one Dutch line per problem on stderr, or one JSON object with
``--json``) and otherwise writes a new anker of the head it checked; ``anker`` writes one without checking the
whole chain (e.g. from a timer every few minutes). Both need the logboek key (``ZICHT_LOGBOEK_SLEUTEL`` or
``ZICHT_PSEUDONYM_KEY``); without one ``verify`` checks only unkeyed records and ``anker`` exits 2.
"""

from __future__ import annotations

import getpass
import json
import uuid
from typing import TYPE_CHECKING

import click

from zicht.cli._context import EXIT_FAILED, EXIT_USAGE, UserFacingError, get_context

if TYPE_CHECKING:
    from zicht.privacy.logboek import LogboekInstellingen


@click.group()
def logboek() -> None:
    """Het logboek van verwerkingen controleren en inzien / verify and inspect the processing log."""


def _instellingen(verplicht: bool) -> LogboekInstellingen | None:
    from zicht.privacy.logboek import LogboekInstellingen

    instellingen = LogboekInstellingen.from_settings(get_context().settings)
    if instellingen is None and verplicht:
        raise UserFacingError(
            "geen logboeksleutel: zet ZICHT_LOGBOEK_SLEUTEL (of ZICHT_PSEUDONYM_KEY) / no logboek key configured",
            EXIT_USAGE,
        )
    return instellingen


@logboek.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
@click.option("--geen-anker", is_flag=True, help="Schrijf na een geslaagde controle geen anker / write no anker.")
def verify(as_json: bool, geen_anker: bool) -> None:
    """Controleer keten en ankers; exit 1 bij elk probleem / verify the chain and ankers (exit 1 on a problem)."""
    from zicht.cli.db import open_registry
    from zicht.privacy.logboek import verify as verifieer
    from zicht.privacy.logboek_controle import anker_na_verify
    from zicht.privacy.logboek_sleutel import database_naam

    instellingen = _instellingen(verplicht=False)
    with open_registry(get_context().settings) as (engine, sessions), sessions() as session:
        uitkomst = verifieer(session, instellingen=instellingen)
    anker = None
    if instellingen is not None and not geen_anker:
        try:
            anker = anker_na_verify(instellingen, uitkomst, database_naam(engine.url))
        except OSError as exc:
            raise UserFacingError(
                f"anker niet geschreven naar {instellingen.ankers}: {type(exc).__name__} / anker not written",
                EXIT_FAILED,
            ) from None
    if as_json:
        click.echo(
            json.dumps(
                {
                    "ok": uitkomst.ok,
                    "records": uitkomst.records,
                    "met_sleutel": uitkomst.met_sleutel,
                    "ankers": uitkomst.ankers,
                    "ankerbestand": str(uitkomst.ankerbestand) if uitkomst.ankerbestand else None,
                    "problemen": [
                        {"soort": p.soort, "van": p.van, "tot": p.tot, "melding": p.melding} for p in uitkomst.problemen
                    ],
                    "opmerkingen": list(uitkomst.opmerkingen),
                    "afgekapt_tot": uitkomst.afgekapt_tot,
                    "anker_geschreven": anker is not None,
                },
                ensure_ascii=False,
            )
        )
    else:
        for opmerking in uitkomst.opmerkingen:
            click.echo(f"let op / note: {opmerking}", err=True)
        if uitkomst.ok:
            click.echo(
                f"logboek in orde / logboek intact: {uitkomst.records} records ({uitkomst.met_sleutel} met sleutel), "
                f"{uitkomst.ankers} ankers gecontroleerd" + ("; nieuw anker geschreven" if anker is not None else "")
            )
        else:
            eerste = f", het eerste bij record {uitkomst.eerste_fout}" if uitkomst.eerste_fout is not None else ""
            click.echo(
                f"logboek NIET in orde / logboek BROKEN: {len(uitkomst.problemen)} "
                f"{'probleem' if len(uitkomst.problemen) == 1 else 'problemen'}{eerste} "
                f"({uitkomst.records} records, {uitkomst.ankers} ankers gecontroleerd)",
                err=True,
            )
            for probleem in uitkomst.problemen:
                click.echo(f"- {probleem.melding}", err=True)
    if not uitkomst.ok:
        raise click.exceptions.Exit(EXIT_FAILED)


@logboek.command("anker")
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def anker(as_json: bool) -> None:
    """Schrijf een ondertekend anker van de kop van het logboek / write a signed anker of the logboek's head."""
    from zicht.cli.db import open_registry
    from zicht.privacy.logboek_controle import schrijf_anker

    instellingen = _instellingen(verplicht=True)
    assert instellingen is not None
    with open_registry(get_context().settings) as (_, sessions), sessions() as session:
        try:
            geschreven = schrijf_anker(session, instellingen)
        except ValueError:
            raise UserFacingError(
                "het laatste logboekrecord klopt niet met zijn hash; geen anker geschreven, voer 'zicht logboek "
                "verify' uit / the head record does not match its hash",
                EXIT_FAILED,
            ) from None
        except OSError as exc:
            raise UserFacingError(
                f"anker niet geschreven naar {instellingen.ankers}: {type(exc).__name__} / anker not written",
                EXIT_FAILED,
            ) from None
    if as_json:
        click.echo(
            json.dumps(
                {
                    "aantal": geschreven.aantal if geschreven else 0,
                    "kop": geschreven.kop if geschreven else None,
                    "tijdstip": geschreven.tijdstip if geschreven else None,
                    "ankerbestand": str(instellingen.ankers),
                    "anker_geschreven": geschreven is not None,
                }
            )
        )
    elif geschreven is None:
        click.echo("logboek is leeg: geen anker geschreven / the logboek is empty: no anker written")
    else:
        click.echo(
            f"anker geschreven / anker written: {geschreven.aantal} records, kop {geschreven.kop[:16]}…, "
            f"naar {instellingen.ankers}"
        )


@logboek.command("persoon")
@click.argument("persoon_id", type=click.UUID)
@click.option("--json", "as_json", is_flag=True, help="Druk JSON af / print JSON lines.")
def persoon(persoon_id: uuid.UUID, as_json: bool) -> None:
    """Alle verwerkingen van één persoon (ook deze inzage wordt gelogd) / every processing of one person."""
    from zicht.cli.db import open_registry
    from zicht.privacy.toegang import Rol, Toegang
    from zicht.registry import verwerkingen_van_persoon
    from zicht.storage import transaction

    toegang = Toegang.voor_rol(f"cli:{getpass.getuser()}", Rol.analist)
    with open_registry(get_context().settings) as (_, sessions), transaction(sessions) as session:
        records = [
            {
                "volgnummer": r.volgnummer,
                "tijdstip": r.tijdstip.isoformat(),
                "actie": r.actie,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "actor": r.actor,
                "rol": r.rol,
                "organisatie": r.organisatie,
                "doel": r.doel,
            }
            for r in verwerkingen_van_persoon(session, toegang, persoon_id)
        ]
    for r in records:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            click.echo(
                f"{r['volgnummer']:>7} {r['tijdstip']} {r['actie']:<10} {r['object_type']:<8} "
                f"{r['rol']:<10} {r['organisatie'] or '-':<20} {r['doel']}"
            )
    if not records and not as_json:
        click.echo("geen verwerkingen gevonden / no processing found")
