# SPDX-License-Identifier: EUPL-1.2
"""Read the reference CSV files from the configured directory."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from zicht.config import ConfigError
from zicht.reference.model import Gemeente, Referentiedata

GEMEENTEN_FILE = "gemeenten_2023.csv"
BEVOLKING_FILE = "bevolking_2022.csv"
GEMEENTEN_GEOJSON = "gemeenten_2023.geojson"
REGIOS_GEOJSON = "veiligheidsregios_2023.geojson"


def load_reference(directory: Path | str) -> Referentiedata:
    """Load reference data from ``directory`` (cached per resolved path).

    Raises:
        ConfigError: the directory or a required file is missing, with what to set.
    """
    return _load(Path(directory).resolve())


@lru_cache(maxsize=4)
def _load(directory: Path) -> Referentiedata:
    gemeenten_path = directory / GEMEENTEN_FILE
    bevolking_path = directory / BEVOLKING_FILE
    for path in (gemeenten_path, bevolking_path):
        if not path.is_file():
            raise ConfigError(
                f"Reference file {path.name} not found in {directory}. Set ZICHT_REFERENCE_DIR to the "
                "directory with the Dutch reference data (see ../shared/data/nl/SOURCES.md)."
            )
    inwoners: dict[str, int] = {}
    peildatum = ""
    with bevolking_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            inwoners[row["gemeentecode"]] = int(row["inwoners"])
            peildatum = row["peildatum"]
    gemeenten: dict[str, Gemeente] = {}
    with gemeenten_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["gemeentecode"]
            gemeenten[code] = Gemeente(
                code=code,
                naam=row["gemeentenaam"],
                weergavenaam=row["weergavenaam"] or row["gemeentenaam"],
                veiligheidsregio_code=row["veiligheidsregio_code"],
                veiligheidsregio_naam=row["veiligheidsregio_naam"],
                provincie_code=row["provincie_code"],
                provincie_naam=row["provincie_naam"],
                politie_eenheid=row["politie_eenheid"],
                riec_regio=row["riec_regio"],
                centroid_lon=float(row["centroid_lon"]),
                centroid_lat=float(row["centroid_lat"]),
                inwoners=inwoners.get(code, 0),
            )
    if not gemeenten:
        raise ConfigError(f"{gemeenten_path} holds no gemeenten; check ZICHT_REFERENCE_DIR.")
    return Referentiedata(gemeenten=gemeenten, bevolking_peildatum=peildatum, bron_dir=str(directory))


def geojson_path(directory: Path | str, niveau: str) -> Path:
    """Path of the boundary file for ``gemeente`` or ``veiligheidsregio``."""
    name = {"gemeente": GEMEENTEN_GEOJSON, "veiligheidsregio": REGIOS_GEOJSON}[niveau]
    path = Path(directory) / name
    if not path.is_file():
        raise ConfigError(f"Boundary file {name} not found in {directory}; check ZICHT_REFERENCE_DIR.")
    return path
