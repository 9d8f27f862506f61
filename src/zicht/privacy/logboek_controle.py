# SPDX-License-Identifier: EUPL-1.2
"""Verify the logboek: the keyed hash chain in the database and the signed ankers outside it.

``verify`` reads the ankers first and then streams the records, so an anker written by another process after a
commit always refers to records the stream can see. It reports every problem, adjacent records with the same
problem as one range, in Dutch:

- a record that is missing (deleted from the middle), or whose ``vorige_hash`` does not point at its
  predecessor (chain broken);
- a record whose hash does not match its content under its scheme: HMAC-SHA256 with the logboek key, or plain
  SHA-256 for records from before migration 0006; a record rewritten and rehashed without the key fails here;
- an unkeyed record after the first keyed one (rewritten in the old scheme), or one signed with an unknown key;
- fewer records than an anker counts (tail truncated, or every record deleted), or another hash at an anker's
  count than the anker recorded (the chain was rewritten, even with every later hash recomputed);
- anker lines that are unreadable or whose signature fails, and no ankers at all while keyed records exist.

A *bewaaranker* (reason ``bewaartermijn``, ``zicht.privacy.logboek_bewaren``) moves the lawful start of the
chain: the records up to its count were deleted after their retention period. The first remaining record must
then follow the anker's head (its ``vorige_hash`` is the anker's hash) or lie before it (a cut under way); records
missing after the cut are reported as ``ontbreekt`` as before.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.privacy import logboek_anker
from zicht.privacy.logboek_anker import Anker, Gelezen
from zicht.privacy.logboek_keten import GENESIS, _digest
from zicht.privacy.logboek_sleutel import LogboekInstellingen, database_van, sleutelring
from zicht.storage.tables import LogboekRecord


@dataclass(frozen=True)
class Probleem:
    """One problem found: its kind, the records it concerns (``van`` to ``tot``, if any) and a Dutch message."""

    soort: str
    melding: str
    van: int | None = None
    tot: int | None = None


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a verification. ``eerste_fout`` and ``reden`` describe the first problem (None when ok)."""

    ok: bool
    records: int
    eerste_fout: int | None = None
    reden: str | None = None
    problemen: tuple[Probleem, ...] = ()
    met_sleutel: int = 0
    ankers: int = 0
    ankerbestand: Path | None = None
    kop: tuple[int, str] | None = None  # (volgnummer, hash) of the last record
    opmerkingen: tuple[str, ...] = ()  # not problems: what could not be checked, ankers of other databases
    afgekapt_tot: int = 0  # records up to this number were deleted after their retention period (a bewaaranker)


def _bereik(r: tuple[int, int]) -> str:
    van, tot = r
    return f"Record {van}" if van == tot else f"Records {van} t/m {tot}"


_TEKST = {
    "ontbreekt": lambda r: (
        f"{_bereik(r)} " + ("ontbreekt" if r[0] == r[1] else "ontbreken") + ": verwijderd uit het logboek."
    ),
    "keten": lambda r: f"{_bereik(r)}: vorige_hash verwijst niet naar het record ervoor; de keten is verbroken.",
    "gewijzigd": lambda r: (
        f"{_bereik(r)}: de HMAC klopt niet met de inhoud en de "
        "logboeksleutel; gewijzigd, of de hash is zonder de sleutel herberekend."
    ),
    "gewijzigd_oud": lambda r: (
        f"{_bereik(r)} (oud schema, zonder sleutel): de hash klopt niet met de inhoud; gewijzigd."
    ),
    "teruggezet": lambda r: (
        f"{_bereik(r)}: geen sleutel, terwijl de keten eerder al met "
        "de logboeksleutel was beveiligd; herschreven in het oude schema zonder sleutel."
    ),
    "onbekende_sleutel": lambda r: (
        f"{_bereik(r)}: getekend met een onbekende sleutel; gewijzigd, of de logboeksleutel is vervangen."
    ),
    "geen_sleutel": lambda r: (
        f"{_bereik(r)}: met een sleutel beveiligd, maar er is geen "
        "logboeksleutel ingesteld (ZICHT_LOGBOEK_SLEUTEL of ZICHT_PSEUDONYM_KEY); niet te controleren."
    ),
}


@dataclass
class _Verzameling:
    """Record problems, adjacent records with the same problem merged into one range."""

    bereiken: list[list[object]] = field(default_factory=list)  # [soort, van, tot]

    def voeg_toe(self, soort: str, van: int, tot: int | None = None) -> None:
        tot = van if tot is None else tot
        if self.bereiken and self.bereiken[-1][0] == soort and self.bereiken[-1][2] == van - 1:
            self.bereiken[-1][2] = tot
        else:
            self.bereiken.append([soort, van, tot])

    def problemen(self) -> list[Probleem]:
        uit = []
        for soort, van, tot in self.bereiken:
            assert isinstance(soort, str) and isinstance(van, int) and isinstance(tot, int)
            uit.append(Probleem(soort, _TEKST[soort]((van, tot)), van, tot))
        return uit


def _index(gelezen: Gelezen) -> tuple[dict[int, tuple[str, Anker, int]], list[Probleem]]:
    """The ankers by count, and a problem for every count that two ankers give different head hashes."""
    index: dict[int, tuple[str, Anker, int]] = {}
    problemen = []
    for regel, anker in gelezen.ankers:
        eerder = index.get(anker.aantal)
        if eerder is None:
            index[anker.aantal] = (anker.kop, anker, regel)
        elif eerder[0] != anker.kop:
            problemen.append(
                Probleem(
                    "anker_strijdig",
                    f"Regels {eerder[2]} en {regel} van het ankerbestand geven record {anker.aantal} verschillende "
                    f"hashes ({eerder[1].tijdstip} en {anker.tijdstip}): het logboek is tussen die momenten "
                    "herschreven.",
                    anker.aantal,
                    anker.aantal,
                )
            )
    return index, problemen


def _anker_problemen(gelezen: Gelezen, pad: Path) -> list[Probleem]:
    if not gelezen.ongeldig:
        return []
    regels = ", ".join(str(n) for n, _ in gelezen.ongeldig[:5]) + (" …" if len(gelezen.ongeldig) > 5 else "")
    redenen = sorted({reden for _, reden in gelezen.ongeldig})
    return [
        Probleem(
            "anker_ongeldig",
            f"{len(gelezen.ongeldig)} regel(s) van het ankerbestand {pad} ongeldig (regel {regels}): "
            f"{'; '.join(redenen)}.",
        )
    ]


def _bewaaranker(gelezen: Gelezen) -> Anker | None:
    """The bewaaranker with the highest count: the newest retention cut (None when the logboek was never cut)."""
    knippen = [a for _, a in gelezen.ankers if a.reden == logboek_anker.BEWAARTERMIJN]
    return max(knippen, key=lambda a: a.aantal, default=None)


def verify(session: Session, instellingen: LogboekInstellingen | None, batch: int = 5000) -> VerifyResult:
    """Check the chain and the ankers of the logboek in ``session``'s database with ``instellingen``' keys."""
    sleutels = sleutelring(instellingen)
    database = database_van(session)
    gelezen = logboek_anker.lees(instellingen.ankers, database, sleutels) if instellingen is not None else Gelezen()
    knip = _bewaaranker(gelezen)
    afgekapt = 0
    index, problemen = _index(gelezen)
    problemen += _anker_problemen(gelezen, instellingen.ankers) if instellingen is not None else []

    fouten = _Verzameling()
    afwijkend: list[tuple[str, Anker, int]] = []
    vorige, verwacht, count, met_sleutel = GENESIS, 1, 0, 0
    eerste_met_sleutel: int | None = None
    kop: tuple[int, str] | None = None
    stmt = select(LogboekRecord).order_by(LogboekRecord.volgnummer).execution_options(yield_per=batch)
    for rec in session.scalars(stmt):
        count += 1
        nummer = rec.volgnummer
        if count == 1 and knip is not None and nummer > 1:
            # a lawful retention cut moved the start: the chain goes on from the bewaaranker's head (records
            # before it, still there while a cut is under way, are checked up to the head by the anker itself)
            afgekapt = min(nummer - 1, knip.aantal)
            verwacht = afgekapt + 1
            vorige = knip.kop if verwacht == knip.aantal + 1 else rec.vorige_hash
        if nummer != verwacht:
            fouten.voeg_toe("ontbreekt", verwacht, nummer - 1)
        elif rec.vorige_hash != vorige:
            fouten.voeg_toe("keten", nummer)
        if rec.sleutel_id is None:
            if eerste_met_sleutel is not None:
                fouten.voeg_toe("teruggezet", nummer)
            elif _digest(rec, rec.vorige_hash) != rec.hash:
                fouten.voeg_toe("gewijzigd_oud", nummer)
        else:
            met_sleutel += 1
            eerste_met_sleutel = eerste_met_sleutel or nummer
            sleutel = sleutels.get(rec.sleutel_id)
            if sleutel is None:
                fouten.voeg_toe("onbekende_sleutel" if sleutels else "geen_sleutel", nummer)
            elif not hmac.compare_digest(_digest(rec, rec.vorige_hash, sleutel.keten).encode(), rec.hash.encode()):
                fouten.voeg_toe("gewijzigd", nummer)
        vastgelegd = index.get(nummer)
        if vastgelegd is not None and vastgelegd[0] != rec.hash:
            afwijkend.append(vastgelegd)
        vorige, verwacht, kop = rec.hash, nummer + 1, (nummer, rec.hash)

    problemen = fouten.problemen() + problemen
    problemen += _afwijkingen(afwijkend)
    laatste = kop[0] if kop else 0
    problemen += _ingekort(index, laatste)
    opmerkingen = []
    if instellingen is None:
        opmerkingen.append("geen logboeksleutel ingesteld: ankers en records met sleutel niet gecontroleerd")
    else:
        if not gelezen.ankers and met_sleutel >= instellingen.anker_interval:
            problemen.append(
                Probleem(
                    "geen_ankers",
                    f"Er staan geen ankers van deze database in {instellingen.ankers}, terwijl het logboek "
                    f"{met_sleutel} records met sleutel heeft: het ankerbestand is verwijderd, verplaatst of niet "
                    "beschrijfbaar.",
                )
            )
        if gelezen.andere_database:
            opmerkingen.append(f"{gelezen.andere_database} ankers van een andere database overgeslagen")
        if afgekapt and knip is not None:
            opmerkingen.append(
                f"records 1 t/m {afgekapt} verwijderd na de bewaartermijn (bewaaranker van {knip.tijdstip}); de keten "
                f"is gecontroleerd vanaf record {afgekapt + 1}"
            )
    eerste = min((p.van for p in problemen if p.van is not None), default=None)
    return VerifyResult(
        ok=not problemen,
        records=count,
        eerste_fout=eerste if problemen else None,
        reden=problemen[0].melding if problemen else None,
        problemen=tuple(problemen),
        met_sleutel=met_sleutel,
        ankers=len(gelezen.ankers),
        ankerbestand=instellingen.ankers if instellingen is not None else None,
        kop=kop,
        opmerkingen=tuple(opmerkingen),
        afgekapt_tot=afgekapt,
    )


def _afwijkingen(afwijkend: list[tuple[str, Anker, int]]) -> list[Probleem]:
    """One problem for the ankers whose count now has another hash than they recorded."""
    if not afwijkend:
        return []
    eerste, laatste = afwijkend[0][1], afwijkend[-1][1]
    if len(afwijkend) == 1:
        tekst = (
            f"Record {eerste.aantal} is herschreven: het anker van {eerste.tijdstip} (regel {afwijkend[0][2]} van "
            "het ankerbestand) legde een andere hash vast."
        )
    else:
        tekst = (
            f"{len(afwijkend)} ankers passen niet meer bij het logboek (bij records {eerste.aantal} t/m "
            f"{laatste.aantal}, vastgelegd van {eerste.tijdstip} tot {laatste.tijdstip}): records tot die punten "
            "zijn herschreven, ook al zijn de hashes daarna opnieuw berekend."
        )
    return [Probleem("anker_afwijking", tekst, eerste.aantal, laatste.aantal)]


def _records(n: int) -> str:
    return "1 record" if n == 1 else f"{n} records"


def _ingekort(index: dict[int, tuple[str, Anker, int]], laatste: int) -> list[Probleem]:
    """A problem when an anker counts more records than the logboek ends with."""
    hoogste = max(index, default=0)
    if hoogste <= laatste:
        return []
    anker = index[hoogste][1]
    if laatste == 0:
        tekst = (
            f"Alle records zijn verwijderd: het logboek is leeg, maar het anker van {anker.tijdstip} telt "
            f"{anker.aantal} records."
        )
        return [Probleem("alles_verwijderd", tekst, 1, anker.aantal)]
    tekst = (
        f"Het logboek is ingekort: het anker van {anker.tijdstip} telt {anker.aantal} records, maar het laatste "
        f"record is nu {laatste} ({_records(anker.aantal - laatste)} aan het eind verwijderd)."
    )
    return [Probleem("ingekort", tekst, laatste + 1, anker.aantal)]


def schrijf_anker(session: Session, instellingen: LogboekInstellingen, reden: str = "handmatig") -> Anker | None:
    """Sign the current head of the logboek and append it to the anker file; None when the logboek is empty.

    Raises:
        ValueError: the head record's hash does not match its content (the logboek needs ``verify`` first).
    """
    rec = session.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer.desc()).limit(1)).first()
    if rec is None:
        return None
    sleutel = instellingen.sleutels.get(rec.sleutel_id) if rec.sleutel_id is not None else None
    verwacht = _digest(rec, rec.vorige_hash, sleutel.keten if sleutel is not None else None)
    if (rec.sleutel_id is not None and sleutel is None) or verwacht != rec.hash:
        raise ValueError(f"logboek head record {rec.volgnummer} does not match its hash")
    anker = logboek_anker.teken(
        instellingen.actief,
        database=database_van(session),
        aantal=rec.volgnummer,
        kop=rec.hash,
        reden=reden,
    )
    logboek_anker.schrijf(instellingen.ankers, anker)
    return anker


def anker_na_verify(instellingen: LogboekInstellingen, uitkomst: VerifyResult, database: str) -> Anker | None:
    """After a verify without problems: anker the head it checked (None when there were problems or no records)."""
    if not uitkomst.ok or uitkomst.kop is None:
        return None
    aantal, kop = uitkomst.kop
    anker = logboek_anker.teken(instellingen.actief, database=database, aantal=aantal, kop=kop, reden="verify")
    logboek_anker.schrijf(instellingen.ankers, anker)
    return anker
