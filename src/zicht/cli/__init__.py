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
