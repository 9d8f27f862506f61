# SPDX-License-Identifier: EUPL-1.2
"""``zicht demo``: a realistic national registry of ten years of synthetic meldingen on this machine.

Generates the synthetic data (with its hidden truth kept apart), creates the reporting organisations,
imports every organisation's file through the normal import path, links meldingen into persons when the
linkage engine is available, creates one demo account per role, prints what it loaded and what to do next,
and optionally serves the web app. Running it again reuses what is there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zicht.cli._context import EXIT_FAILED, UserFacingError, get_context
from zicht.cli.db import sessies
from zicht.config import Settings
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import engine_from_settings, upgrade
from zicht.storage.overzicht import Overzicht, registry_overzicht

DEMO_SEED = 20241
console = Console(stderr=True)


@click.command()
@click.option("--from", "jaar_van", default=2015, show_default=True, help="First year.")
@click.option("--to", "jaar_tot", default=2024, show_default=True, help="Last year.")
@click.option("--seed", default=DEMO_SEED, show_default=True, help="Seed of the synthetic generator.")
@click.option("--schaal", default=1.0, show_default=True, help="Multiply the published yearly totals.")
@click.option("--serve/--no-serve", default=False, help="Serve the web app on http://127.0.0.1:8000 afterwards.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def demo(jaar_van: int, jaar_tot: int, seed: int, schaal: float, serve: bool, host: str, port: int) -> None:
    """Generate and load a demo registry of synthetic meldingen, create demo accounts, and show a summary."""
    app = get_context()
    settings, reference = app.settings, app.reference
    if settings.omgeving.value == "productie":
        raise UserFacingError("zicht demo weigert in productie / refuses to run with ZICHT_OMGEVING=productie", 2)
    engine = engine_from_settings(settings)
    upgrade(engine)
    sessions = sessies(settings, engine)
    vault = Vault.from_settings(settings)

    with sessions() as session:
        bestaand = registry_overzicht(session, reference)
    if bestaand.meldingen == 0:
        synth_dir = settings.data_dir / "demo-synth"
        _genereer(synth_dir, jaar_van, jaar_tot, seed, schaal, reference)
        _importeer(synth_dir, sessions, vault, reference)
    else:
        console.print(f"[bold]Bestaande demo-registratie gevonden[/] ({bestaand.meldingen} meldingen); hergebruikt.")
    _koppel(settings, sessions)
    accounts = _accounts(settings, sessions)
    _opvang(sessions, reference)
    with sessions() as session:
        overzicht = registry_overzicht(session, reference)
    _toon(overzicht, accounts, host, port, serve)
    if serve:
        import uvicorn

        from zicht.cli.serve import proxy_opties

        uvicorn.run(
            "zicht.web.app:create_app_from_environment", factory=True, host=host, port=port, **proxy_opties(settings)
        )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _genereer(out: Path, van: int, tot: int, seed: int, schaal: float, reference: Referentiedata) -> None:
    from zicht.synth import SynthConfig, generate, write

    with _progress() as progress:
        task = progress.add_task("Synthetische data genereren", total=None)

        def stap(beschrijving: str, klaar: int, totaal: int) -> None:
            progress.update(task, description=f"Genereren: {beschrijving}", completed=klaar, total=totaal)

        result = generate(SynthConfig(jaar_van=van, jaar_tot=tot, seed=seed, schaal=schaal), reference, stap)
        write(result, out, stap)
    console.print(f"Synthetische meldingen geschreven naar {out} (de verborgen waarheid staat apart in waarheid/).")


def _importeer(synth_dir: Path, sessions, vault: Vault, reference: Referentiedata) -> None:  # type: ignore[no-untyped-def]
    from zicht.intake.importer import importeer_bestand
    from zicht.intake.organisaties import bewaar_organisaties, lees_organisaties

    items, problemen = lees_organisaties(synth_dir / "organisaties.csv", reference)
    if problemen:
        raise UserFacingError(f"organisaties.csv heeft {len(problemen)} problemen", EXIT_FAILED)
    with sessions() as session, session.begin():
        bewaar_organisaties(session, items)
    actor = logboek.Actor("systeem:demo", "beheerder")
    bestanden = sorted(p for p in (synth_dir / "meldingen").iterdir() if p.suffix in (".csv", ".xlsx", ".jsonl"))
    totaal = {"read": 0, "accepted": 0, "rejected": 0}
    with _progress() as progress:
        task = progress.add_task("Importeren", total=len(bestanden))
        for pad in bestanden:
            progress.update(task, description=f"Importeren: {pad.name}")
            rapport = importeer_bestand(sessions, vault, reference, pad.stem, pad, bestandsnaam=pad.name, actor=actor)
            for key in totaal:
                totaal[key] += getattr(rapport, key)
            progress.advance(task)
    console.print(
        f"Geïmporteerd: {totaal['read']} rijen gelezen, {totaal['accepted']} geaccepteerd, "
        f"{totaal['rejected']} afgewezen."
    )


def _koppel(settings: Settings, sessions) -> None:  # type: ignore[no-untyped-def]
    """Link meldingen into persons with the linkage engine (a full relink; uncertain pairs go to review)."""
    from sqlalchemy import func, select

    from zicht.linkage.service import relink
    from zicht.storage.tables import Melding

    with sessions() as session:
        ongekoppeld = session.scalar(select(func.count()).select_from(Melding).where(Melding.persoon_id.is_(None)))
    if not ongekoppeld:
        return
    with console.status("Meldingen koppelen tot personen (Splink)…"), sessions() as session, session.begin():
        relink(session, Vault.from_settings(settings), logboek.Actor("systeem:demo", "analist"))


def _opvang(sessions, reference: Referentiedata) -> None:  # type: ignore[no-untyped-def]
    """Shelters, a year of placements and occupancy, and the care-coordination network (zicht.opvang.demo)."""
    from zicht.opvang.demo import vul_demo

    with console.status("Opvang en netwerk genereren…"):
        o = vul_demo(sessions, reference)
    if o.voorzieningen:
        console.print(f"Opvang: {o.voorzieningen} voorzieningen, {o.aanvragen} aanvragen ({o.geplaatst} geplaatst), "
                      f"{o.bezettingsrijen} bezettingsrijen, {o.functies} netwerkfuncties.")  # fmt: skip


def _accounts(settings: Settings, sessions) -> list[object]:  # type: ignore[no-untyped-def]
    if importlib.util.find_spec("zicht.web.demo") is None:
        return []
    from zicht.web.demo import maak_demo_accounts

    return list(maak_demo_accounts(sessions, settings))


def _toon_accounts(out: Console, accounts: list[object]) -> None:
    """One block per demo account, each value on its own line in full: never cut off at the terminal width
    (a TOTP secret shortened with "…" cannot be used), and easy to copy."""
    out.print("\n[bold]Demo-accounts[/] (alleen voor synthetische data / synthetic data only)")
    for acc in accounts:
        regels = [
            f"  {getattr(acc, 'rol', '')}:",
            f"    gebruikersnaam: {getattr(acc, 'gebruikersnaam', '')}",
            f"    wachtwoord:     {getattr(acc, 'wachtwoord', '')}",
            f"    TOTP-geheim:    {getattr(acc, 'totp_geheim', '')}",
            f"    otpauth-URI:    {getattr(acc, 'otpauth_uri', '')}",
        ]
        for regel in regels:
            out.print(regel, markup=False, highlight=False, soft_wrap=True)
    out.print(
        "  Inloggen: gebruikersnaam en wachtwoord, dan de code uit een authenticator-app met het TOTP-geheim of de "
        "otpauth-URI (of: .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('GEHEIM').now())\").",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _toon(o: Overzicht, accounts: list[object], host: str, port: int, serve: bool) -> None:
    out = Console()
    out.print(
        f"\n[bold]zicht demo-registratie[/]: {o.meldingen} meldingen van {o.organisaties} organisaties"
        + (f", {o.personen} personen na koppeling" if o.personen else "")
    )
    for titel, data, kop in (
        ("Meldingen per jaar", {str(k): v for k, v in o.per_jaar.items()}, "jaar"),
        ("Meldingen per uitbuitingsvorm", o.per_vorm, "uitbuitingsvorm"),
        ("Meldingen per politie-eenheid van de plaats delict", o.per_eenheid, "politie-eenheid"),
    ):
        table = Table(title=titel, title_justify="left")
        table.add_column(kop)
        table.add_column("meldingen", justify="right")
        for key, value in data.items():
            table.add_row(key, str(value))
        out.print(table)
    if accounts:
        _toon_accounts(out, accounts)
    out.print("\n[bold]Volgende stappen[/]")
    if serve:
        out.print(f"  De webapplicatie start op http://{host}:{port} (Ctrl+C stopt).")
    else:
        out.print("  make demo                     start de webapplicatie op http://127.0.0.1:8000")
    out.print("  .venv/bin/zicht --help        alle commando's (import, export, statistieken, mse, link, …)")
    out.print("  make test                     de volledige testsuite")
