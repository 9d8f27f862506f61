# SPDX-License-Identifier: EUPL-1.2
"""The region division of shelter facilities: a swappable reference file, the Veilig Thuis regions by default.

The care-coordination regions proper (35 centrumgemeenten vrouwenopvang, 43 maatschappelijke opvang) are not
available as open data (``shared/data/nl/SOURCES.md``). Facilities are therefore grouped by the 25 Veilig Thuis
regions of 2023 (``veiligthuisregios_2023.csv``), which follow the same regional cooperation of municipalities
closely. Put a file ``opvangregios.csv`` in the reference directory (columns ``gemeentecode``, ``…regio_code``,
``…regio_naam``) to group by another division; every page that groups by region names the division in use.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: The default division and an optional replacement, both looked up in the reference directory.
STANDAARD_BESTAND = "veiligthuisregios_2023.csv"
VERVANGEND_BESTAND = "opvangregios.csv"
_NAMEN = {
    STANDAARD_BESTAND: "Veilig Thuis-regio's 2023",
    VERVANGEND_BESTAND: "eigen regio-indeling (opvangregios.csv)",
}


@dataclass(frozen=True)
class Opvangregios:
    """A division of gemeenten into shelter regions.

    Attributes:
        bestand: The file it was read from.
        omschrijving: The name of the division, shown on every page that groups by it.
        regio_van: gemeentecode -> regio code.
        namen: regio code -> regio name.
    """

    bestand: str
    omschrijving: str
    regio_van: dict[str, str]
    namen: dict[str, str]

    def gemeenten(self, regio: str) -> tuple[str, ...]:
        """The gemeenten of one region, sorted."""
        return tuple(sorted(g for g, r in self.regio_van.items() if r == regio))

    def naam(self, regio: str | None) -> str:
        """The region's name (the code when unknown, ``onbekend`` for none)."""
        return self.namen.get(regio or "", regio or "onbekend")


def _kolom(kolommen: list[str], einde: str) -> str:
    gevonden = [k for k in kolommen if k.endswith(einde)]
    if len(gevonden) != 1:
        raise ValueError(f"region file needs exactly one column ending in {einde!r}, found {gevonden}")
    return gevonden[0]


@lru_cache(maxsize=8)
def laad_opvangregios(reference_dir: str, bestand: str | None = None) -> Opvangregios:
    """Read the region division from ``reference_dir``.

    Args:
        reference_dir: The reference data directory (``ZICHT_REFERENCE_DIR``).
        bestand: A file name in that directory; default ``opvangregios.csv`` when present, else the Veilig
            Thuis regions.

    Raises:
        ValueError: When the file lacks the gemeentecode, region code or region name column.
    """
    map_ = Path(reference_dir)
    if bestand is None:
        bestand = VERVANGEND_BESTAND if (map_ / VERVANGEND_BESTAND).is_file() else STANDAARD_BESTAND
    with (map_ / bestand).open(encoding="utf-8", newline="") as f:
        lezer = csv.DictReader(f)
        kolommen = list(lezer.fieldnames or [])
        if "gemeentecode" not in kolommen:
            raise ValueError("region file needs a gemeentecode column")
        code_k, naam_k = _kolom(kolommen, "regio_code"), _kolom(kolommen, "regio_naam")
        regio_van: dict[str, str] = {}
        namen: dict[str, str] = {}
        for rij in lezer:
            regio_van[rij["gemeentecode"].strip()] = rij[code_k].strip()
            namen[rij[code_k].strip()] = rij[naam_k].strip()
    return Opvangregios(bestand, _NAMEN.get(bestand, bestand), regio_van, dict(sorted(namen.items())))
