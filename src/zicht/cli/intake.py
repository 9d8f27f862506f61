# SPDX-License-Identifier: EUPL-1.2
"""``zicht import`` (bulk intake of a CSV, XLSX or JSON lines file) and ``zicht template`` (the XLSX template).

Exit codes of ``zicht import``: 0 the file was processed (rejected rows are reported, not fatal), 1 with
``--strikt`` when any row was rejected, 2 unknown organisation or configuration problem, 3 the file is
unusable (or broke off half-way; rows before that point were processed).
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from zicht.cli._context import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_USAGE, UserFacingError, get_context
from zicht.intake.files import BestandsFout
from zicht.intake.importer import ImportRapport, OnbekendeOrganisatie, Voortgang
from zicht.privacy.logboek import Actor

_SHOWN_REJECTIONS = 20
_PROGRESS_BYTES = 256 * 1024  # smaller files import in about a second: no progress bar


def cli_actor() -> Actor:
    """The logboek actor for commands run from a shell: the operating-system user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "onbekend"
    return Actor(f"cli:{user}"[:64], "beheerder", None)


@click.command("import")
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--melder", "-m", required=True, help="Code van de meldende organisatie / reporting organisation's code.")
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
@click.option(
    "--rapport",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf de afgewezen rijen naar dit CSV-bestand / write the rejected rows to this CSV file.",
)
@click.option(
    "--codering",
    default=None,
    help="Tekencodering van een CSV/JSONL-bestand dat geen UTF-8 is, bijv. cp1252 / text encoding when not UTF-8.",
)
@click.option("--strikt", is_flag=True, help="Eindig met code 1 als er rijen zijn afgewezen / exit 1 on rejections.")
@click.option("--chunk", "chunk", type=click.IntRange(1, 100_000), default=5000, show_default=True, hidden=True)
def import_command(
    bestand: Path, melder: str, as_json: bool, rapport: Path | None, codering: str | None, strikt: bool, chunk: int
) -> int:
    """Importeer meldingen uit een CSV-, XLSX- of JSON lines-bestand / import meldingen from a file.

    Elke rij wordt opgeslagen of afgewezen met rijnummer, kolom en reden; opnieuw importeren slaat niets
    dubbel op. / Every row is stored or rejected with row number, column and reason; re-importing stores
    nothing twice.
    """
    from zicht.cli.db import open_registry
    from zicht.intake.files import Grenzen
    from zicht.intake.importer import importeer_bestand, rapport_csv
    from zicht.privacy.vault import Vault

    ctx = get_context()
    settings = ctx.settings
    reference = ctx.reference
    vault = Vault.from_settings(settings)
    if not bestand.is_file():
        _fail_file(as_json, "niet_gevonden", f"bestand niet gevonden: {bestand}", f"file not found: {bestand}")
    with open_registry(settings) as (_, sessions), _progress(bestand.stat().st_size >= _PROGRESS_BYTES) as progress:
        try:
            result = importeer_bestand(
                sessions,
                vault,
                reference,
                melder,
                bestand,
                bestandsnaam=bestand.name,
                actor=cli_actor(),
                progress=progress,
                codering=codering,
                chunk_grootte=chunk,
                grenzen=Grenzen.uit_instellingen(settings),  # over a limit: BestandsFout, exit 3
            )
        except OnbekendeOrganisatie as exc:
            if as_json:
                click.echo(json.dumps({"fout": {"code": "onbekende_organisatie", "organisatie": exc.code}}))
            raise UserFacingError(_unknown_org_message(exc), EXIT_USAGE) from None
        except BestandsFout as exc:
            _fail_file(as_json, exc.code, exc.reden_nl, exc.reden_en)
    if rapport is not None:
        try:
            rapport.write_text(rapport_csv(result), encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise UserFacingError(
                f"rapport niet geschreven ({exc.strerror}) / report not written ({exc.strerror})", EXIT_FAILED
            ) from None
    if as_json:
        click.echo(result.to_json())
    else:
        _print_summary(result, rapport)
    if result.afgebroken is not None:
        if not as_json:
            click.echo(f"zicht: {result.afgebroken.reden_nl} / {result.afgebroken.reden_en}", err=True)
        return EXIT_BAD_INPUT
    return EXIT_FAILED if strikt and result.rejected else 0


def _fail_file(as_json: bool, code: str, nl: str, en: str) -> None:
    if as_json:
        click.echo(json.dumps({"fout": {"code": code, "reden_nl": nl, "reden_en": en}}, ensure_ascii=False))
    raise UserFacingError(f"{nl} / {en}", EXIT_BAD_INPUT)


def _unknown_org_message(exc: OnbekendeOrganisatie) -> str:
    if exc.inactief:
        return f"organisatie {exc.code!r} is niet actief / organisation {exc.code!r} is not active"
    known = ", ".join(exc.bekende[:15]) + (f" (+{len(exc.bekende) - 15})" if len(exc.bekende) > 15 else "")
    hint_nl = f"bekende codes: {known}" if exc.bekende else "er zijn nog geen organisaties"
    hint_en = f"known codes: {known}" if exc.bekende else "there are no organisations yet"
    return (
        f"onbekende organisatie {exc.code!r}; {hint_nl}. Maak haar aan met 'zicht organisaties import "
        f"organisaties.csv' / unknown organisation {exc.code!r}; {hint_en}. Create it with 'zicht organisaties "
        "import organisaties.csv'"
    )


@contextmanager
def _progress(long_file: bool) -> Iterator[Voortgang | None]:
    """A rich progress bar on stderr for a long file when stderr is a terminal (stdout stays clean for
    --json)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not long_file or not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("importeren / importing"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%  {task.fields[rijen]} rijen gelezen / rows read"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=1.0, rijen=0)

        def update(rijen: int, fractie: float | None) -> None:
            bar.update(task, completed=fractie if fractie is not None else 0.0, rijen=rijen)

        yield update


def _print_summary(result: ImportRapport, rapport: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    console.print(
        f"gelezen / read: {result.read}   geaccepteerd / accepted: {result.accepted} "
        f"(nieuw / stored: {result.stored}, al aanwezig / already present: {result.already_present})   "
        f"afgewezen / rejected: {result.rejected} (conflicten / conflicts: {result.conflicts})"
    )
    if result.afgewezen:
        table = Table("rij/row", "kolom/column", "waarde/value", "reden / reason", title="afgewezen / rejected")
        for rij in result.afgewezen[:_SHOWN_REJECTIONS]:
            table.add_row(
                str(rij.rijnummer or ""), rij.kolom or "", rij.waarde or "", f"{rij.reden_nl} / {rij.reden_en}"
            )
        console.print(table)
        rest = len(result.afgewezen) + result.afgewezen_weggelaten - _SHOWN_REJECTIONS
        if rest > 0:
            where = f" (zie / see {rapport})" if rapport else " (gebruik / use --rapport FILE.csv)"
            console.print(f"... en nog {rest} / and {rest} more{where}")
    status = "afgebroken / broken off" if result.afgebroken is not None else "klaar / done"
    console.print(f"import-id: {result.import_id}   status: {status}")


@click.command("template")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("zicht-importsjabloon.xlsx"),
    show_default=True,
    help="Het XLSX-bestand om te schrijven / the XLSX file to write.",
)
def template_command(out: Path) -> None:
    """Schrijf het XLSX-importsjabloon met uitleg en codeboek / write the XLSX import template."""
    from zicht.intake.template import schrijf_sjabloon

    ctx = get_context()
    try:
        reference = ctx.reference
    except UserFacingError:
        reference = None  # the template is still useful without the gemeente list
    if out.suffix.lower() != ".xlsx":
        raise UserFacingError("het sjabloon is een .xlsx-bestand / the template is an .xlsx file", EXIT_USAGE)
    try:
        schrijf_sjabloon(out, reference)
    except OSError as exc:
        raise UserFacingError(f"kan {out} niet schrijven ({exc.strerror}) / cannot write {out}", EXIT_FAILED) from None
    click.echo(f"sjabloon geschreven / template written: {out}")
