# SPDX-License-Identifier: EUPL-1.2
"""Reading ads as a crawler or a platform export delivers them: JSON lines or CSV with the columns
``site, advertentie_id, geplaatst_op, titel, tekst, stad, prijs, telefoon, email, handle``.

The raw rows live in memory only; :mod:`zicht.signalen.verwerk` minimises them (hashed contacts) and
:mod:`zicht.signalen.opslag` keeps raw text for queued clusters alone.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

KOLOMMEN = ("site", "advertentie_id", "geplaatst_op", "titel", "tekst", "stad", "prijs", "telefoon", "email", "handle")


def lees(pad: Path | str) -> Iterator[dict[str, object]]:
    """Rows of a ``.jsonl`` or ``.csv`` file (by extension)."""
    pad = Path(pad)
    with pad.open(encoding="utf-8", newline="") as f:
        if pad.suffix.lower() == ".csv":
            yield from csv.DictReader(f)
        else:
            for regel in f:
                if regel.strip():
                    yield json.loads(regel)


def schrijf(pad: Path | str, rijen: Sequence[dict[str, object]]) -> None:
    """Write rows as JSON lines (``.jsonl``) or CSV (``.csv``)."""
    pad = Path(pad)
    with pad.open("w", encoding="utf-8", newline="") as f:
        if pad.suffix.lower() == ".csv":
            w = csv.DictWriter(f, fieldnames=list(rijen[0]) if rijen else list(KOLOMMEN))
            w.writeheader()
            w.writerows(rijen)
        else:
            for r in rijen:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
