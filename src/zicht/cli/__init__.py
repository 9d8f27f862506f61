# SPDX-License-Identifier: EUPL-1.2
"""The ``zicht`` command line.

Every command lives in its own module under ``zicht.cli`` and is loaded lazily, so ``zicht --help`` stays
fast and a command whose optional dependencies are missing fails only when it is used. Commands are thin:
they parse arguments, call one library function and present the result.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Mapping, Sequence

import click

# command name -> "module:attribute"; each module owns one command or command group.
COMMANDS: dict[str, str] = {
    "db": "zicht.cli.db:db",
    "organisaties": "zicht.cli.organisaties:organisaties",
    "import": "zicht.cli.intake:import_command",
    "template": "zicht.cli.intake:template_command",
    "export": "zicht.cli.export:export",
    "synth": "zicht.cli.synth:synth",
    "demo": "zicht.cli.demo:demo",
    "vault": "zicht.cli.vault:vault",
    "serve": "zicht.cli.serve:serve",
    "assets": "zicht.cli.assets:assets",
    "users": "zicht.cli.users:users",
    "logboek": "zicht.cli.logboek:logboek",
    "link": "zicht.cli.link:link",
    "mse": "zicht.cli.mse:mse",
    "statistieken": "zicht.cli.statistieken:statistieken",
    "publiceer": "zicht.cli.publiceer:publiceer",
    "signalen": "zicht.cli.signalen:signalen",
    "backup": "zicht.cli.backup:backup",
    "restore": "zicht.cli.backup:restore",
    "bewaartermijn": "zicht.cli.bewaartermijn:bewaartermijn",
    "inzage": "zicht.cli.inzage:inzage",
    "wissen": "zicht.cli.wissen:wissen",
}

# The one-line help of each command, so ``zicht --help`` lists them without importing any (importing all
# of them loads SQLAlchemy, pandas, SciPy, ...: seconds). A test keeps these equal to the commands' own help.
HULP: dict[str, str] = {
    "db": "Database: migraties uitvoeren en de stand tonen / run migrations and show the schema revision.",
    "organisaties": "Meldende organisaties beheren / manage reporting organisations.",
    "import": "Importeer meldingen uit een CSV-, XLSX- of JSON lines-bestand / import meldingen from a file.",
    "template": "Schrijf het XLSX-importsjabloon met uitleg en codeboek / write the XLSX import template.",
    "export": "Geminimaliseerde exports (vastgelegd in het logboek) / minimised exports (recorded in the logboek).",
    "synth": "Generate synthetic meldingen calibrated to the published Dutch figures.",
    "demo": "Generate and load a demo registry of synthetic meldingen, create demo accounts, and show a summary.",
    "vault": "Key management of the identity vault (identiteitskluis).",
    "serve": "Start de webapplicatie en de API / serve the web application and the API.",
    "assets": "Kopieer NL Design System CSS en htmx naar de webapp / copy front-end assets into the web app.",
    "users": "Gebruikers, organisaties en API-tokens beheren / manage users, organisations and API tokens.",
    "logboek": "Het logboek van verwerkingen controleren en inzien / verify and inspect the processing log.",
    "link": "Koppel meldingen tot personen / link meldingen into persons.",
    "mse": "Dark number by multiple systems estimation / schatting van het dark number (MSE).",
    "statistieken": "Statistics tables / statistieken (disclosure-controlled unless --als names an analyst's account).",
    "publiceer": "Publish protected statistics up to now (or show the newest publicatie).",
    "signalen": "Online-ad signals ranked by organiser structure, for a person to decide.",
    "backup": "Maak een backup met manifest (zonder sleutels) / back up the database with a manifest (keys excluded).",
    "restore": "Zet een backup terug en controleer het manifest / restore a backup and check it against its manifest.",
    "bewaartermijn": "Bewaartermijnen: verlopen gegevens opschonen en tonen / retention: purge and show expired data.",
    "inzage": "Inzageverzoek: meldingen en elke verwerking van een persoon / subject access request for one person.",
    "wissen": "Wis de identiteit van een persoon op verzoek (AVG artikel 17) / erase a person's identity on request.",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def __init__(self, *args: object, lazy: Mapping[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | {n for n in self._lazy if self._available(n)})

    def _available(self, name: str) -> bool:
        module = self._lazy[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`HULP`, without importing the commands."""
        namen = self.list_commands(ctx)
        if not namen:
            return
        assert formatter.width is not None
        breedte = formatter.width - 6 - max(len(n) for n in namen)
        rijen = []
        for naam in namen:
            tekst = HULP.get(naam)
            if tekst is None:
                command = self.get_command(ctx, naam)
                tekst = "" if command is None else command.get_short_help_str(limit=10_000)
            rijen.append((naam, click.Command(naam, help=tekst).get_short_help_str(limit=breedte)))
        with formatter.section("Commands"):
            formatter.write_dl(rijen)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._lazy and self._available(cmd_name):
            module_name, attr = self._lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zicht")
def cli() -> None:
    """zicht: registry, linkage and regional insight for the Dutch approach to human trafficking."""


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the CLI with explicit arguments and environment (testable without monkeypatching).

    Returns the process exit code.
    """
    from zicht.cli._context import run

    return run(cli, list(sys.argv[1:] if argv is None else argv), environ)


def entrypoint() -> None:
    """Console-script entry point."""
    sys.exit(main())
