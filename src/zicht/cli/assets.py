# SPDX-License-Identifier: EUPL-1.2
"""``zicht assets``: copy the front-end files the web app serves from ``node_modules`` into
``src/zicht/web/static/vendor/`` (git-ignored). ``npm ci`` installs them from the committed lockfile; nothing
is loaded from a CDN, so the Content-Security-Policy can stay ``'self'``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from zicht.cli._context import EXIT_USAGE, UserFacingError
from zicht.config import PROJECT_ROOT

#: package -> [(file in the package, target in vendor/)]; each package's licence is copied alongside.
BESTANDEN: dict[str, list[tuple[str, str]]] = {
    "@utrecht/component-library-css": [("dist/index.css", "utrecht/index.css")],
    "@nl-design-system-unstable/voorbeeld-design-tokens": [("dist/theme.css", "voorbeeld/theme.css")],
    "htmx.org": [("dist/htmx.min.js", "htmx/htmx.min.js")],
}
VENDOR = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor"


def kopieer_assets(node_modules: Path, doel: Path = VENDOR) -> dict[str, str]:
    """Copy the files; returns {package: version}. Raises FileNotFoundError naming what is missing."""
    versies: dict[str, str] = {}
    for pakket, bestanden in BESTANDEN.items():
        bron = node_modules / pakket
        manifest = bron / "package.json"
        if not manifest.is_file():
            raise FileNotFoundError(f"{pakket} ontbreekt in {node_modules}")
        versies[pakket] = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        for van, naar in bestanden:
            target = doel / naar
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bron / van, target)
            for licentie in ("LICENSE.md", "LICENSE"):
                if (bron / licentie).is_file():
                    shutil.copyfile(bron / licentie, target.parent / licentie)
    (doel / "versies.json").write_text(json.dumps(versies, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return versies


@click.command()
@click.option(
    "--node-modules",
    type=click.Path(path_type=Path, file_okay=False),
    default=PROJECT_ROOT / "node_modules",
    show_default=True,
    help="Map met de npm-pakketten / directory with the npm packages.",
)
def assets(node_modules: Path) -> None:
    """Kopieer NL Design System CSS en htmx naar de webapp / copy front-end assets into the web app."""
    try:
        versies = kopieer_assets(node_modules)
    except FileNotFoundError as exc:
        raise UserFacingError(f"{exc}; voer eerst 'npm ci' uit / run 'npm ci' first", EXIT_USAGE) from None
    for pakket, versie in sorted(versies.items()):
        click.echo(f"{pakket} {versie}")
    click.echo(f"-> {VENDOR}")
