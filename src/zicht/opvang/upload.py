# SPDX-License-Identifier: EUPL-1.2
"""Weekly occupancy reports as a file (CSV or XLSX), with a row report like melding uploads.

Columns: ``voorziening`` (the facility code), ``datum`` (YYYY-MM-DD), ``totaal``, ``bezet``, ``gereserveerd``,
``geblokkeerd``. Every row read is stored, recognised as already present, or rejected with the column and the
reason; a file sent twice stores nothing the second time. A caller can only report for active facilities of its
own organisation; another code is rejected as unknown (no difference between "not yours" and "does not exist").
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from zicht.opvang.bezetting import Bedden, OngeldigeBezetting, eigen_voorzieningen, rapporteer
from zicht.privacy.toegang import Toegang

KOLOMMEN = ("voorziening", "datum", "totaal", "bezet", "gereserveerd", "geblokkeerd")
MAX_RIJEN = 10_000


class Bestandsfout(ValueError):
    """The file as a whole cannot be read (wrong format, missing columns, too many rows)."""


@dataclass(frozen=True)
class Rijprobleem:
    """Why one row was rejected: its row number (the header is row 1), the column and the reason."""

    rijnummer: int
    kolom: str
    reden: str


@dataclass
class Rijrapport:
    """The outcome of one file: counts per outcome and every rejected row."""

    gelezen: int = 0
    opgeslagen: int = 0
    bijgewerkt: int = 0
    al_aanwezig: int = 0
    afgewezen: list[Rijprobleem] = field(default_factory=list)

    @property
    def geaccepteerd(self) -> int:
        return self.opgeslagen + self.bijgewerkt + self.al_aanwezig


def _rijen(inhoud: bytes, bestandsnaam: str) -> Iterator[tuple[int, dict[str, str]]]:
    if bestandsnaam.lower().endswith(".xlsx"):
        # the bounded reader of the melding uploads: the same limits against zip and XML bombs
        from zicht.intake.files import BestandsFout, standaard_grenzen, xlsx_werkblad

        try:
            archief, rijen, _ = xlsx_werkblad(io.BytesIO(inhoud), standaard_grenzen())
            with archief:
                kop: list[str] | None = None
                for nummer, cellen, te_breed in rijen:
                    if kop is None:
                        kop = [str(c or "").strip().lower() for c in cellen]
                        continue
                    if te_breed:
                        yield nummer, {"__rij__": "te veel cellen in deze rij"}
                        continue
                    yield nummer, {k: ("" if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else str(c)))
                                   for k, c in zip(kop, cellen, strict=False)}  # fmt: skip
        except BestandsFout as exc:
            raise Bestandsfout(exc.reden_nl) from None
        return
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Bestandsfout("het bestand is geen UTF-8-tekst; sla het op als CSV UTF-8") from exc
    scheiding = ";" if tekst.split("\n", 1)[0].count(";") > tekst.split("\n", 1)[0].count(",") else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    kop = [k.strip().lower() for k in next(lezer, [])]
    ontbreekt = [k for k in ("voorziening", "datum", "totaal", "bezet") if k not in kop]
    if ontbreekt:
        raise Bestandsfout(f"kolommen ontbreken: {', '.join(ontbreekt)}")
    for nummer, rij in enumerate(lezer, start=2):
        if not any(c.strip() for c in rij):
            continue
        if len(rij) != len(kop):
            yield nummer, {"__rij__": f"{len(rij)} cellen, de kop heeft er {len(kop)}"}
            continue
        yield nummer, dict(zip(kop, (c.strip() for c in rij), strict=True))


def _getal(waarden: dict[str, str], kolom: str, verplicht: bool) -> int:
    tekst = waarden.get(kolom, "").strip()
    if not tekst:
        if verplicht:
            raise ValueError("verplicht")
        return 0
    if tekst.endswith(".0"):
        tekst = tekst[:-2]
    if not tekst.isdigit():
        raise ValueError("geen geheel getal van 0 of meer")
    return int(tekst)


def verwerk_bestand(
    session: Session, toegang: Toegang, inhoud: bytes, bestandsnaam: str, *, bron: str = "upload"
) -> Rijrapport:
    """Read a weekly occupancy file for the caller's own facilities and store every valid row.

    Raises:
        Bestandsfout: the file cannot be read as a whole.
        zicht.privacy.toegang.GeenToegang: the caller lacks the ``bezetting_melden`` right.
    """
    eigen: dict[str, uuid.UUID] = eigen_voorzieningen(session, toegang)
    rapport = Rijrapport()
    for nummer, waarden in _rijen(inhoud, bestandsnaam):
        rapport.gelezen += 1
        if rapport.gelezen > MAX_RIJEN:
            raise Bestandsfout(f"meer dan {MAX_RIJEN} rijen")
        if "__rij__" in waarden:
            rapport.afgewezen.append(Rijprobleem(nummer, "(hele rij)", waarden["__rij__"]))
            continue
        vid = eigen.get(waarden.get("voorziening", "").strip())
        if vid is None:
            rapport.afgewezen.append(Rijprobleem(nummer, "voorziening", "onbekende voorziening van uw organisatie"))
            continue
        try:
            datum = date.fromisoformat(waarden.get("datum", "").strip()[:10])
        except ValueError:
            rapport.afgewezen.append(Rijprobleem(nummer, "datum", "geen datum (JJJJ-MM-DD)"))
            continue
        try:
            getallen = {k: _getal(waarden, k, k in ("totaal", "bezet")) for k in KOLOMMEN[2:]}
        except ValueError as exc:
            kolom = next(k for k in KOLOMMEN[2:] if not _geldig(waarden, k))
            rapport.afgewezen.append(Rijprobleem(nummer, kolom, str(exc)))
            continue
        try:
            with session.begin_nested():
                uitkomst = rapporteer(session, vid, datum, Bedden(**getallen), bron)
        except OngeldigeBezetting as exc:
            rapport.afgewezen.append(Rijprobleem(nummer, "bezet", str(exc)))
            continue
        setattr(rapport, uitkomst, getattr(rapport, uitkomst) + 1)
    return rapport


def _geldig(waarden: dict[str, str], kolom: str) -> bool:
    try:
        _getal(waarden, kolom, kolom in ("totaal", "bezet"))
    except ValueError:
        return False
    return True


def rapport_csv(rapport: Rijrapport) -> str:
    """The rejected rows as CSV (rijnummer, kolom, reden)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(["rijnummer", "kolom", "reden"])
    for p in rapport.afgewezen:
        schrijver.writerow([p.rijnummer, p.kolom, p.reden])
    return uit.getvalue()
