# SPDX-License-Identifier: EUPL-1.2
"""Reporting organisations from a CSV file (``zicht organisaties import``).

The file has the columns ``code,naam,soort,regio,gemeentecode`` (the synthetic generator writes exactly this
as ``organisaties.csv``). ``soort`` is a code or label of the ``melder_soort`` code list; ``regio`` is the
politie-eenheid or district CoMensha records; ``gemeentecode`` (for municipal organisations) is a CBS code or
a gemeente name. Importing is all or nothing and idempotent: new codes are added, existing ones updated.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.codebook import MELDER_SOORT, UnknownCode
from zicht.reference import AmbiguousName, Referentiedata, UnknownPlace
from zicht.storage.tables import Organisatie

KOLOMMEN: tuple[str, ...] = ("code", "naam", "soort", "regio", "gemeentecode")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class OrganisatieBestandsFout(ValueError):
    """The organisations file as a whole is unusable (message in Dutch / English)."""


@dataclass(frozen=True, slots=True)
class OrganisatieInvoer:
    """One validated organisation."""

    code: str
    naam: str
    soort: str
    regio: str | None = None
    gemeentecode: str | None = None


@dataclass(frozen=True, slots=True)
class OrganisatieProbleem:
    """A problem in one line of the organisations file."""

    rijnummer: int
    kolom: str
    waarde: str | None
    reden_nl: str
    reden_en: str

    def __str__(self) -> str:
        shown = f" ({self.waarde!r})" if self.waarde else ""
        return f"regel/line {self.rijnummer}, {self.kolom}{shown}: {self.reden_nl} / {self.reden_en}"


@dataclass
class OrganisatieResultaat:
    """What :func:`bewaar_organisaties` did, by organisation code."""

    nieuw: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)


def lees_organisaties(
    bron: Path | bytes, reference: Referentiedata | None = None
) -> tuple[list[OrganisatieInvoer], list[OrganisatieProbleem]]:
    """Read and validate an organisations CSV (UTF-8, ``,`` or ``;``).

    Returns:
        (valid organisations, problems); import only when there are no problems.

    Raises:
        OrganisatieBestandsFout: the file is unreadable, empty or lacks the required columns.
    """
    raw = bron if isinstance(bron, bytes) else _read(bron)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OrganisatieBestandsFout(
            "het bestand is geen UTF-8; sla het op als 'CSV UTF-8' / the file is not UTF-8; save it as 'CSV UTF-8'"
        ) from None
    if not text.strip():
        raise OrganisatieBestandsFout("het bestand is leeg / the file is empty")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [k for k in ("code", "naam", "soort") if k not in header]
    unknown = [h for h in header if h and h not in KOLOMMEN]
    if missing or unknown:
        parts_nl, parts_en = [], []
        if missing:
            parts_nl.append(f"ontbrekende kolommen: {', '.join(missing)}")
            parts_en.append(f"missing columns: {', '.join(missing)}")
        if unknown:
            parts_nl.append(f"onbekende kolommen: {', '.join(repr(u[:40]) for u in unknown)}")
            parts_en.append(f"unknown columns: {', '.join(repr(u[:40]) for u in unknown)}")
        raise OrganisatieBestandsFout(
            f"{'; '.join(parts_nl)} (verwacht: {','.join(KOLOMMEN)}) / {'; '.join(parts_en)} "
            f"(expected: {','.join(KOLOMMEN)})"
        )
    items: list[OrganisatieInvoer] = []
    problems: list[OrganisatieProbleem] = []
    seen: dict[str, int] = {}
    for cells in reader:
        rij = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}
        found = _validate(rij, row, reference, problems)
        if found is None:
            continue
        if found.code in seen:
            problems.append(
                OrganisatieProbleem(
                    rij, "code", found.code, f"code komt al voor op regel {seen[found.code]}", "duplicate code"
                )
            )
            continue
        seen[found.code] = rij
        items.append(found)
    if not items and not problems:
        raise OrganisatieBestandsFout("het bestand bevat geen organisaties / the file holds no organisations")
    return items, problems


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise OrganisatieBestandsFout(
            f"bestand kan niet worden gelezen ({exc.strerror}) / cannot read file ({exc.strerror})"
        ) from None


def _validate(
    rij: int, row: dict[str, str], reference: Referentiedata | None, problems: list[OrganisatieProbleem]
) -> OrganisatieInvoer | None:
    before = len(problems)

    def text(kolom: str, max_len: int, required: bool) -> str | None:
        value = row.get(kolom, "")
        if not value:
            if required:
                problems.append(OrganisatieProbleem(rij, kolom, None, "verplicht", "required"))
            return None
        if len(value) > max_len or _CONTROL.search(value):
            problems.append(
                OrganisatieProbleem(
                    rij, kolom, value[:40], f"hoogstens {max_len} gewone tekens", f"at most {max_len} plain characters"
                )
            )
            return None
        return value

    code = text("code", 64, True)
    naam = text("naam", 200, True)
    regio = text("regio", 80, False)
    soort_raw = text("soort", 80, True)
    soort = None
    if soort_raw:
        try:
            soort = MELDER_SOORT.resolve(soort_raw)
        except UnknownCode as exc:
            hint = f" ({', '.join(exc.suggestions)}?)" if exc.suggestions else ""
            problems.append(
                OrganisatieProbleem(
                    rij, "soort", soort_raw[:40], f"onbekende soort melder{hint}", f"unknown kind of reporter{hint}"
                )
            )
    gemeentecode = text("gemeentecode", 80, False)
    if gemeentecode and reference is not None:
        try:
            gemeentecode = reference.gemeente(gemeentecode).code
        except (UnknownPlace, AmbiguousName):
            problems.append(
                OrganisatieProbleem(
                    rij, "gemeentecode", gemeentecode[:40], "geen gemeente (indeling 2023)", "not a gemeente (2023)"
                )
            )
    elif gemeentecode and len(gemeentecode) > 6:
        problems.append(OrganisatieProbleem(rij, "gemeentecode", gemeentecode[:40], "geen CBS-code", "not a CBS code"))
    if len(problems) > before or code is None or naam is None or soort is None:
        return None
    return OrganisatieInvoer(code, naam, soort, regio, gemeentecode)


def bewaar_organisaties(session: Session, items: Sequence[OrganisatieInvoer]) -> OrganisatieResultaat:
    """Add new organisations and update existing ones (by code) in the caller's transaction."""
    result = OrganisatieResultaat()
    existing = {
        o.code: o for o in session.scalars(select(Organisatie).where(Organisatie.code.in_([i.code for i in items])))
    }
    for item in items:
        org = existing.get(item.code)
        if org is None:
            session.add(
                Organisatie(
                    code=item.code,
                    naam=item.naam,
                    soort=item.soort,
                    regio=item.regio,
                    gemeentecode=item.gemeentecode,
                    actief=True,
                )
            )
            result.nieuw.append(item.code)
            continue
        new = (item.naam, item.soort, item.regio, item.gemeentecode, True)
        if (org.naam, org.soort, org.regio, org.gemeentecode, org.actief) == new:
            result.ongewijzigd.append(item.code)
            continue
        org.naam, org.soort, org.regio, org.gemeentecode, org.actief = new
        result.gewijzigd.append(item.code)
    session.flush()
    return result


def lijst_organisaties(session: Session) -> list[Organisatie]:
    """All organisations, ordered by code."""
    return list(session.scalars(select(Organisatie).order_by(Organisatie.code)))
