# SPDX-License-Identifier: EUPL-1.2
"""Shared plumbing for CLI commands: settings from the given environment, and errors a shell user can act on.

Exit codes: 0 success, 1 the work failed (e.g. rows rejected when ``--strict``), 2 usage or configuration
error, 3 input file unusable, 4 a domain error (e.g. an estimate that does not exist).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from zicht.config import Settings
    from zicht.reference import Referentiedata

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_DOMAIN = 4


class UserFacingError(click.ClickException):
    """An error whose message is complete and safe to print (never contains personal data)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class; ours varies per error

    def show(self, file: object = None) -> None:
        click.echo(f"zicht: {self.format_message()}", err=True)


@dataclass
class AppContext:
    """Per-invocation state shared by commands: the environment and lazily loaded settings."""

    environ: Mapping[str, str]
    _settings: Settings | None = field(default=None)

    @property
    def settings(self) -> Settings:
        from zicht.config import ConfigError, load_settings  # here, not at import: ``zicht --help`` needs none

        if self._settings is None:
            try:
                self._settings = load_settings(self.environ)
            except ConfigError as exc:
                raise UserFacingError(str(exc), EXIT_USAGE) from None
        return self._settings

    @cached_property
    def reference(self) -> Referentiedata:
        from zicht.config import ConfigError
        from zicht.reference import load_reference

        try:
            return load_reference(self.settings.effective_reference_dir)
        except ConfigError as exc:
            raise UserFacingError(str(exc), EXIT_USAGE) from None


def get_context() -> AppContext:
    """The AppContext of the running command."""
    ctx = click.get_current_context()
    obj = ctx.find_object(AppContext)
    if obj is None:  # called outside main(), e.g. CliRunner on a subcommand
        import os

        obj = AppContext(environ=dict(os.environ))
        ctx.obj = obj
    return obj


def run(command: click.Command, argv: list[str], environ: Mapping[str, str] | None) -> int:
    """Invoke ``command`` with ``argv``; convert configuration errors into a message and exit code."""
    import os

    app = AppContext(environ=dict(os.environ if environ is None else environ))
    try:
        result = command.main(args=argv, prog_name="zicht", obj=app, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Afgebroken / aborted.", err=True)
        return EXIT_FAILED
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except Exception as exc:
        from zicht.config import ConfigError

        if not isinstance(exc, ConfigError):
            raise
        click.echo(f"zicht: {exc}", err=True)
        return EXIT_USAGE
    return result if isinstance(result, int) else 0
