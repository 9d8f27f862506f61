# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the import tests: valid rows with distinctive identifying values, files in each format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.privacy.logboek import Actor
from zicht.storage import transaction
from zicht.storage.tables import Melding, Organisatie

ACTOR = Actor("test:import", "beheerder", None)
#: Distinctive identifying values: searched for in database files, logs and reports.
NAAM = "Xylofoonberg"
VOORNAAM = "Qwendolyn"
DOCUMENT = "NQX7781234"
TOELICHTING = "Vertrouwelijk-Zeldzaam-Woord"

KOLOMMEN = (
    "melder_referentie",
    "melddatum",
    "uitbuitingsvorm",
    "sector",
    "werkwijze",
    "plaats_delict",
    "geslacht",
    "geboortedatum",
    "nationaliteit",
    "voornamen",
    "achternaam",
    "documentnummer",
    "telefoonnummer",
    "toelichting",
    "route",
)


def geldige_rij(i: int) -> dict[str, str]:
    """A valid row; codes alternate between codes and labels, places between codes and names."""
    vorm, sector = [("seksuele uitbuiting", "thuisprostitutie"), ("arbeid", "land_tuinbouw"), ("crimineel", "")][i % 3]
    return {
        "melder_referentie": f"REF-{i:05d}",
        "melddatum": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "uitbuitingsvorm": vorm,
        "sector": sector,
        "werkwijze": "loverboymethode;schuldslavernij" if i % 2 else "",
        "plaats_delict": ["Utrecht", "GM0344", "Den Haag", "Polen", "onbekend"][i % 5],
        "geslacht": ["vrouw", "man", "onbekend"][i % 3],
        "geboortedatum": f"{1980 + i % 20}-05-17",
        "nationaliteit": "NL;Roemenië" if i % 4 == 0 else "PL",
        "voornamen": f"{VOORNAAM}{i}",
        "achternaam": NAAM,
        "documentnummer": f"{DOCUMENT}{i}",
        "telefoonnummer": f"06-{10000000 + i}",
        "toelichting": TOELICHTING if i % 2 == 0 else "",
        "route": "werving:NG:2021-03-01;uitbuiting:GM0344" if i % 3 == 0 else "",
    }


def csv_bytes(rows: Sequence[dict[str, str]], columns: Sequence[str] = KOLOMMEN, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode()


def xlsx_bytes(rows: Sequence[dict[str, str]], columns: Sequence[str] = KOLOMMEN) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Meldingen"
    ws.append(list(columns))
    for row in rows:
        ws.append([row.get(c) or None for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def jsonl_bytes(rows: Sequence[dict[str, str]]) -> bytes:
    lines = []
    for row in rows:
        obj: dict[str, object] = {}
        for key, value in row.items():
            if not value:
                continue
            obj[key] = value.split(";") if key in ("uitbuitingsvorm", "sector", "werkwijze", "nationaliteit") else value
        lines.append(json.dumps(obj, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def maak_organisatie(
    sessions: sessionmaker[Session], code: str = "politie-utrecht", soort: str = "nationale_politie"
) -> str:
    with transaction(sessions) as session:
        session.add(Organisatie(code=code, naam=f"Organisatie {code}", soort=soort, regio="Midden-Nederland"))
    return code


def referenties(sessions: sessionmaker[Session], code: str) -> set[str]:
    with transaction(sessions) as session:
        return set(session.scalars(select(Melding.melder_referentie).join(Organisatie).where(Organisatie.code == code)))


def aantal_meldingen(sessions: sessionmaker[Session]) -> int:
    with transaction(sessions) as session:
        return int(session.scalar(select(func.count()).select_from(Melding)) or 0)
