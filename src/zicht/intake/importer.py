# SPDX-License-Identifier: EUPL-1.2
"""Bulk import of meldingen from a file (CSV, XLSX, JSON lines) for one reporting organisation.

Used by ``zicht import``, the web upload page and ``zicht demo``. The contract:

* Every row read is either accepted or rejected: ``read == accepted + rejected``, always.
  ``accepted == stored + already_present``; a conflict (same reference stored earlier with other content) is
  a rejection with its reason, and is also counted in ``conflicts``.
* Re-importing a file stores nothing twice: the organisation plus its own reference identifies a melding.
* Within one file a reference may appear once; a second row with the same reference is rejected.
* Rows are validated and stored in chunks (default 5,000 rows read), each chunk in its own transaction, so a
  huge file streams with bounded memory and a failure loses at most the chunk in progress.
* Each import is recorded as an :class:`~zicht.storage.tables.ImportRun` whose counts are updated with every
  chunk, plus the rejected-row report at the end.
* Reports never contain the content of an identifying field (``<identificerend gegeven>``).

Example:
    >>> rapport = importeer_bestand(sessions, vault, reference, "politie-rotterdam", Path("meldingen.csv"),
    ...                             bestandsnaam="meldingen.csv", actor=actor)  # doctest: +SKIP
    >>> rapport.read == rapport.accepted + rapport.rejected  # doctest: +SKIP
    True
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from zicht.domain import MeldingInvoer
from zicht.intake.files import HELE_RIJ, Bestand, BestandsFout, Bron, Grenzen, RawRow, open_bestand
from zicht.intake.files._common import SHOWN
from zicht.intake.store import OpslagResultaat, VoorbereideMeldingen, bereid_voor, schrijf
from zicht.intake.validate import KOLOM_VERBORGEN, REDACTED, Fout, RawValue, Validator, veilig_getoond
from zicht.privacy.logboek import Actor
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage.base import utcnow
from zicht.storage.engine import transaction
from zicht.storage.tables import ImportRun, Organisatie
from zicht.storage.tables.import_run import AFGEBROKEN, BEZIG, KLAAR

log = logging.getLogger(__name__)

#: Rows read per transaction.
CHUNK_GROOTTE = 5000
#: At most this many rejected-row entries are kept in the report; the rest are only counted.
MAX_AFGEWEZEN = 100_000

#: Progress callback: (rows read so far, fraction of the file read or None when unknown).
Voortgang = Callable[[int, float | None], None]

_PROGRESS_EVERY = 1000
_FIRST_ANALYZE = 2000  # rows stored before the first ANALYZE on PostgreSQL


class OnbekendeOrganisatie(LookupError):
    """The organisation code given for an import does not exist (or is inactive)."""

    def __init__(self, code: str, bekende: list[str], inactief: bool = False) -> None:
        self.code = code
        self.bekende = bekende
        self.inactief = inactief
        if inactief:
            msg = f"organisatie {code!r} is niet actief / organisation {code!r} is not active"
        else:
            msg = f"onbekende organisatie {code!r} / unknown organisation {code!r}"
        super().__init__(msg)


@dataclass(frozen=True, slots=True)
class AfgewezenRij:
    """One reason why one row was rejected (a row with three problems has three entries).

    Attributes:
        rijnummer: row (spreadsheet) or line (CSV, JSONL) number as the user sees it; None for a problem of
            the file itself that cut the import short.
        kolom: the column, or None when the problem concerns the whole row.
        waarde: the offending value, ``<identificerend gegeven>`` for identifying columns, or None.
        code: stable machine-readable code (``onbekende_code``, ``dubbele_referentie``, ``conflict``, ...).
        reden_nl: the reason in Dutch.
        reden_en: the reason in English.
    """

    rijnummer: int | None
    kolom: str | None
    waarde: str | None
    code: str
    reden_nl: str
    reden_en: str

    @classmethod
    def van_fout(cls, rijnummer: int | None, fout: Fout) -> AfgewezenRij:
        """From a validation or reading problem."""
        kolom = None if fout.kolom == HELE_RIJ else fout.kolom
        waarde = None if fout.waarde is None else SHOWN.sub("\ufffd", fout.waarde)  # no control characters
        return cls(rijnummer, kolom, waarde, fout.code, fout.reden_nl, fout.reden_en)


@dataclass
class ImportRapport:
    """The outcome of one file import.

    Attributes:
        import_id: the ImportRun that records this import.
        organisatie: the reporting organisation's code.
        formaat: ``csv``, ``xlsx`` or ``jsonl``.
        bestand_sha256: digest of the file's bytes.
        read: rows read (rows with all cells empty are not rows).
        accepted: rows stored now or already present (``stored + already_present``).
        stored: meldingen stored by this import.
        already_present: rows whose melding was stored earlier with the same content.
        rejected: rows rejected, conflicts included.
        conflicts: rows whose reference was stored earlier with other content (nothing was changed).
        afgewezen: why rows were rejected, in file order (at most MAX_AFGEWEZEN entries).
        afgewezen_weggelaten: entries left out of ``afgewezen`` because of that limit.
        afgebroken: when the file broke half-way: the problem (rows before it were processed normally).
        kolomfouten: per column, the rows rejected for its value (one count per row and column).
        verborgen_kolommen: columns whose values the report masks because their content does not fit the
            header (see :meth:`verberg_misplaatste_kolommen`).
    """

    import_id: uuid.UUID
    organisatie: str
    formaat: str
    bestand_sha256: str
    read: int = 0
    accepted: int = 0
    stored: int = 0
    already_present: int = 0
    rejected: int = 0
    conflicts: int = 0
    afgewezen: list[AfgewezenRij] = field(default_factory=list)
    afgewezen_weggelaten: int = 0
    afgebroken: AfgewezenRij | None = None
    kolomfouten: Counter[str] = field(default_factory=Counter, repr=False)
    verborgen_kolommen: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the counts, the rejected rows and the identifiers of the import."""
        return {
            "read": self.read,
            "accepted": self.accepted,
            "stored": self.stored,
            "already_present": self.already_present,
            "rejected": self.rejected,
            "conflicts": self.conflicts,
            "import_id": str(self.import_id),
            "organisatie": self.organisatie,
            "formaat": self.formaat,
            "bestand_sha256": self.bestand_sha256,
            "afgewezen": [asdict(a) for a in self.afgewezen],
            "afgewezen_weggelaten": self.afgewezen_weggelaten,
            "afgebroken": asdict(self.afgebroken) if self.afgebroken else None,
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def _afwijzen(self, rijnummer: int, fouten: list[Fout] | tuple[Fout, ...], max_afgewezen: int) -> None:
        self.rejected += 1
        self.kolomfouten.update({f.kolom for f in fouten if f.code not in GEEN_INHOUDSFOUT})
        for fout in fouten:
            if len(self.afgewezen) < max_afgewezen:
                self.afgewezen.append(AfgewezenRij.van_fout(rijnummer, fout))
            else:
                self.afgewezen_weggelaten += 1

    def verberg_misplaatste_kolommen(self) -> tuple[str, ...]:
        """Mask every shown value of a column whose content does not fit its header.

        A column is taken not to fit when the rows rejected for its value are most of the rows read
        (more than :data:`MISPLAATST_AANDEEL`): a file with two columns swapped in its header (``achternaam`` under
        ``nationaliteit``) then shows ``<waarde verborgen: past niet bij de kolom>`` for every one of them,
        also for names that :func:`~zicht.intake.validate.veilig_getoond` cannot tell from a code (``jansen``
        in lower case). Call before the report is stored or shown; returns the masked columns.
        """
        if not self.read:
            return ()
        kolommen = tuple(
            sorted(k for k, n in self.kolomfouten.items() if k != HELE_RIJ and n > MISPLAATST_AANDEEL * self.read)
        )
        if kolommen:
            self.afgewezen = [
                replace(a, waarde=KOLOM_VERBORGEN) if a.kolom in kolommen and a.waarde not in (None, REDACTED) else a
                for a in self.afgewezen
            ]
        self.verborgen_kolommen = tuple(sorted({*self.verborgen_kolommen, *kolommen}))
        return kolommen


#: Problems that say nothing about whether a column's content fits its header.
GEEN_INHOUDSFOUT = frozenset({"verplicht", "dubbele_referentie", "conflict"})
#: Share of the rows read rejected for one column's value from which that column counts as misplaced.
MISPLAATST_AANDEEL = 0.5

RAPPORT_KOLOMMEN = ("rijnummer", "kolom", "waarde", "code", "reden_nl", "reden_en")


def rapport_csv(rapport: ImportRapport) -> str:
    """The rejected rows as CSV text (UTF-8, comma-separated, header ``rijnummer,kolom,waarde,code,reden_nl,
    reden_en``), one line per problem; a final line notes entries left out or a file that broke off."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RAPPORT_KOLOMMEN)
    for rij in rapport.afgewezen:
        writer.writerow([_csv_safe(getattr(rij, k)) for k in RAPPORT_KOLOMMEN])
    if rapport.afgewezen_weggelaten:
        n = rapport.afgewezen_weggelaten
        writer.writerow(
            ["", "", "", "ingekort", f"nog {n} meldingen van fouten weggelaten", f"{n} more problems left out"]
        )
    if rapport.afgebroken:
        writer.writerow([_csv_safe(getattr(rapport.afgebroken, k)) for k in RAPPORT_KOLOMMEN])
    return out.getvalue()


_FORMULE_TEKENS = ("=", "+", "-", "@")
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _csv_safe(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in values shown from the user's own file.

    A value is prefixed with ``'`` when its first character that is not white space or a control character
    is ``=``, ``+``, ``-`` or ``@``, or when it starts with a tab or line break (OWASP's list). Only a plain
    number such as ``-5`` or ``+3,5`` is left as it is: ``-2+3+cmd|...`` and ``=1+HYPERLINK(...)`` are formulas
    even though a digit follows the sign.
    """
    text = "" if value is None else str(value)
    kern = text.lstrip(" \t\r\n\x0b\x0c")
    if _GETAL.fullmatch(text):
        return text
    if text[:1] in ("\t", "\r", "\n") or kern[:1] in _FORMULE_TEKENS:
        return "'" + text
    return text


def zoek_organisatie(session: Session, code: str) -> Organisatie:
    """The active organisation with ``code``; raises OnbekendeOrganisatie (listing known codes) otherwise."""
    org = session.scalar(select(Organisatie).where(Organisatie.code == code))
    if org is None or not org.actief:
        bekende = list(session.scalars(select(Organisatie.code).where(Organisatie.actief).order_by(Organisatie.code)))
        raise OnbekendeOrganisatie(code, bekende, inactief=org is not None)
    return org


def importeer_bestand(
    sessions: sessionmaker[Session],
    vault: Vault,
    reference: Referentiedata,
    organisatie_code: str,
    source: Bron,
    *,
    bestandsnaam: str | None,
    actor: Actor,
    progress: Voortgang | None = None,
    codering: str | None = None,
    chunk_grootte: int = CHUNK_GROOTTE,
    max_afgewezen: int = MAX_AFGEWEZEN,
    vandaag: date | None = None,
    grenzen: Grenzen | None = None,
) -> ImportRapport:
    """Import a file of meldingen for one organisation.

    Args:
        sessions: session factory of the registry database (each chunk gets its own transaction).
        vault: encrypts identifying fields and computes pseudonyms and content hashes.
        reference: reference data for gemeenten.
        organisatie_code: code of the reporting organisation (``Organisatie.code``).
        source: a path, the file's bytes, or a binary file object.
        bestandsnaam: the file's name (its extension decides the format); None to recognise the content.
        actor: who imports (logboek and ``ImportRun.uitgevoerd_door``).
        progress: called now and then with (rows read, fraction of the file read or None).
        codering: text encoding of CSV/JSONL files; default UTF-8 (see :func:`zicht.intake.files.open_bestand`).
        chunk_grootte: rows read per transaction.
        max_afgewezen: at most this many rejected-row entries are kept in the report.
        vandaag: today's date for the "not in the future" checks (tests).
        grenzen: limits of the file (size, rows, columns, cells, XLSX structure); default those of the
            ``ZICHT_IMPORT_MAX_*`` environment. A file over a limit is refused before anything is written.

    Returns:
        The report: counts and rejected rows.

    Raises:
        OnbekendeOrganisatie: the organisation does not exist or is inactive (nothing is written).
        BestandsFout: the file as a whole is unusable, over a limit, or holds no rows (nothing is written).
    """
    with transaction(sessions) as session:
        org = zoek_organisatie(session, organisatie_code)
    with open_bestand(source, bestandsnaam, codering=codering, grenzen=grenzen) as bestand:
        rows = bestand.rijen()
        first = _eerste_rij(rows)
        run_id = _nieuwe_run(sessions, org, bestand.sha256, bestand.formaat, actor, bestandsnaam, None, claimed=True)
        return _voer_uit(
            sessions, vault, reference, org, run_id, actor, bestand, first, rows,
            progress=progress, chunk_grootte=chunk_grootte, max_afgewezen=max_afgewezen, vandaag=vandaag,
        )  # fmt: skip


def plan_import(
    sessions: sessionmaker[Session],
    organisatie_code: str,
    inhoud: bytes,
    *,
    bestandsnaam: str | None,
    actor: Actor,
    opslag: bytes | None,
    codering: str | None = None,
    grenzen: Grenzen | None = None,
) -> uuid.UUID:
    """Check a file and record it as an import job (``bezig``, not yet claimed by a worker); nothing is read
    beyond its first row.

    Args:
        opslag: what a worker needs to run the job later (the file, encrypted by the caller); kept in
            ``ImportRun.bestand`` until the job ends.

    Returns:
        The id of the ImportRun, for :func:`voer_geplande_import_uit`.

    Raises:
        OnbekendeOrganisatie, BestandsFout: as :func:`importeer_bestand`; nothing is written.
    """
    with transaction(sessions) as session:
        org = zoek_organisatie(session, organisatie_code)
    with open_bestand(inhoud, bestandsnaam, codering=codering, grenzen=grenzen) as bestand:
        _eerste_rij(bestand.rijen())
        return _nieuwe_run(sessions, org, bestand.sha256, bestand.formaat, actor, bestandsnaam, opslag, claimed=False)


def voer_geplande_import_uit(
    sessions: sessionmaker[Session],
    vault: Vault,
    reference: Referentiedata,
    run_id: uuid.UUID,
    inhoud: bytes,
    *,
    actor: Actor,
    codering: str | None = None,
    chunk_grootte: int = CHUNK_GROOTTE,
    max_afgewezen: int = MAX_AFGEWEZEN,
    vandaag: date | None = None,
    grenzen: Grenzen | None = None,
) -> ImportRapport:
    """Run an import job recorded by :func:`plan_import` and claimed by the caller (a worker).

    Whatever happens, the job ends ``klaar`` or ``afgebroken`` with the reason (then the exception is
    raised again), and its stored file is removed.
    """
    try:
        with transaction(sessions) as session:
            run = session.get(ImportRun, run_id)
            if run is None:
                raise LookupError(f"import {run_id} does not exist")
            org = session.get_one(Organisatie, run.organisatie_id)
            session.expunge(org)
            bestandsnaam = run.bestandsnaam
        with open_bestand(inhoud, bestandsnaam, codering=codering, grenzen=grenzen) as bestand:
            rows = bestand.rijen()
            first = _eerste_rij(rows)
            return _voer_uit(
                sessions, vault, reference, org, run_id, actor, bestand, first, rows,
                progress=None, chunk_grootte=chunk_grootte, max_afgewezen=max_afgewezen, vandaag=vandaag,
            )  # fmt: skip
    except BaseException as exc:
        markeer_afgebroken(sessions, run_id, _reden(exc))
        raise


def markeer_afgebroken(sessions: sessionmaker[Session], run_id: uuid.UUID, reden: str) -> None:
    """Mark a job that is still ``bezig`` as ``afgebroken`` with the reason, and remove its stored file."""
    with transaction(sessions) as session:
        session.execute(
            update(ImportRun)
            .where(ImportRun.id == run_id, ImportRun.status == BEZIG)
            .values(status=AFGEBROKEN, reden=reden[:500], bestand=None, hartslag=utcnow())
        )


def _reden(exc: BaseException) -> str:
    """The reason an import broke off, without case data (an exception's message may hold a value)."""
    if isinstance(exc, BestandsFout):
        return f"{exc.reden_nl} / {exc.reden_en}"
    soort = type(exc).__name__
    return (
        f"de verwerking stopte door een interne fout ({soort}); lever het bestand opnieuw aan: wat al is opgeslagen, "
        f"wordt herkend / processing stopped on an internal error ({soort}); upload the file again: what was "
        "stored already is recognised"
    )


def _eerste_rij(rows: Iterator[RawRow]) -> RawRow:
    first = next(rows, None)
    if first is None:
        raise BestandsFout(
            "geen_rijen",
            "het bestand bevat geen meldingen (alleen een kopregel of lege regels)",
            "the file holds no meldingen (only a header or empty lines)",
        )
    return first


def _nieuwe_run(
    sessions: sessionmaker[Session],
    org: Organisatie,
    sha256: str,
    formaat: str,
    actor: Actor,
    bestandsnaam: str | None,
    opslag: bytes | None,
    *,
    claimed: bool,
) -> uuid.UUID:
    with transaction(sessions) as session:
        run = ImportRun(
            organisatie_id=org.id,
            bestand_sha256=sha256,
            formaat=formaat,
            gelezen=0,
            geaccepteerd=0,
            opgeslagen=0,
            al_aanwezig=0,
            afgewezen=0,
            rapport=[],
            uitgevoerd_door=actor.id[:64],
            status=BEZIG,
            bestandsnaam=None if bestandsnaam is None else bestandsnaam[-255:],
            bestand=opslag,
            hartslag=utcnow() if claimed else None,
        )
        session.add(run)
        session.flush()
        return run.id


def _voer_uit(
    sessions: sessionmaker[Session],
    vault: Vault,
    reference: Referentiedata,
    org: Organisatie,
    run_id: uuid.UUID,
    actor: Actor,
    bestand: Bestand,
    first: RawRow,
    rows: Iterator[RawRow],
    *,
    progress: Voortgang | None,
    chunk_grootte: int,
    max_afgewezen: int,
    vandaag: date | None,
) -> ImportRapport:
    """Read, validate and store every row of an open file into the (claimed) job ``run_id``."""
    rapport = ImportRapport(run_id, org.code, bestand.formaat, bestand.sha256)
    job = _Import(
        sessions, vault, org, actor, rapport, Validator(reference, org.soort, vandaag), max_afgewezen, bestand.fractie
    )
    try:
        try:
            try:
                job.feed(first)
                for raw in rows:
                    job.feed(raw)
                    if job.pending_rows >= chunk_grootte:
                        job.flush()
                    if progress is not None and rapport.read % _PROGRESS_EVERY == 0:
                        progress(rapport.read, bestand.fractie())
            except BestandsFout as exc:  # the file broke half-way: keep what was read before
                rapport.afgebroken = AfgewezenRij(None, None, None, exc.code, exc.reden_nl, exc.reden_en)
            job.flush()
        finally:
            job.close()
    except BaseException as exc:
        # counts as far as stored (every stored chunk updated them), the rows rejected so far, and the reason
        rapport.verberg_misplaatste_kolommen()
        with transaction(sessions) as session:
            session.execute(
                update(ImportRun)
                .where(ImportRun.id == run_id)
                .values(
                    status=AFGEBROKEN, reden=_reden(exc)[:500], bestand=None, hartslag=utcnow(),
                    rapport=_rapport_json(rapport),
                )
            )  # fmt: skip
        raise
    if progress is not None:
        progress(rapport.read, 1.0)
    afgebroken = rapport.afgebroken
    rapport.verberg_misplaatste_kolommen()
    with transaction(sessions) as session:
        session.execute(
            update(ImportRun)
            .where(ImportRun.id == run_id)
            .values(
                **_counts(rapport),
                rapport=_rapport_json(rapport),
                status=KLAAR if afgebroken is None else AFGEBROKEN,
                reden=None if afgebroken is None else f"{afgebroken.reden_nl} / {afgebroken.reden_en}"[:500],
                bestand=None,
                hartslag=utcnow(),
                fractie=1.0 if afgebroken is None else bestand.fractie(),
            )
        )
    log.info(
        "import %s: organisatie=%s formaat=%s read=%d accepted=%d stored=%d already_present=%d rejected=%d "
        "conflicts=%d",
        run_id,
        org.code,
        rapport.formaat,
        rapport.read,
        rapport.accepted,
        rapport.stored,
        rapport.already_present,
        rapport.rejected,
        rapport.conflicts,
    )
    return rapport


def _counts(rapport: ImportRapport) -> dict[str, int]:
    return {
        "gelezen": rapport.read,
        "geaccepteerd": rapport.accepted,
        "opgeslagen": rapport.stored,
        "al_aanwezig": rapport.already_present,
        "afgewezen": rapport.rejected,
    }


def _rapport_json(rapport: ImportRapport) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = [asdict(a) for a in rapport.afgewezen]
    if rapport.afgewezen_weggelaten:
        entries.append({"code": "ingekort", "weggelaten": rapport.afgewezen_weggelaten})
    if rapport.afgebroken:
        entries.append(asdict(rapport.afgebroken))
    return entries


_DUBBEL = "dubbele_referentie"


class _Import:
    """The state of one running import: validation, duplicate detection and chunked storage."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        vault: Vault,
        org: Organisatie,
        actor: Actor,
        rapport: ImportRapport,
        validator: Validator,
        max_afgewezen: int,
        fractie: Callable[[], float | None] = lambda: None,
    ) -> None:
        self.sessions = sessions
        self.fractie = fractie
        self.vault = vault
        self.org = org
        self.actor = actor
        self.rapport = rapport
        self.validator = validator
        self.max_afgewezen = max_afgewezen
        self.seen: dict[str, int] = {}  # reference -> first row with it
        self.pending: list[tuple[int, MeldingInvoer]] = []
        self.pending_rows = 0  # rows read since the last flush
        self.next_analyze = _FIRST_ANALYZE  # only the writer thread reads and sets this
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zicht-import")
        self.inflight: tuple[Future[OpslagResultaat], dict[str, int]] | None = None

    def feed(self, raw: RawRow) -> None:
        rapport = self.rapport
        rapport.read += 1
        self.pending_rows += 1
        if raw.fouten:
            rapport._afwijzen(raw.rijnummer, raw.fouten, self.max_afgewezen)
            return
        key = _reference_key(raw.values.get("melder_referentie"))
        if key is not None:
            eerste = self.seen.get(key)
            if eerste is not None:
                rapport._afwijzen(
                    raw.rijnummer,
                    [
                        Fout(
                            "melder_referentie",
                            veilig_getoond("melder_referentie", key),
                            _DUBBEL,
                            f"referentie komt in dit bestand al voor in rij {eerste}",
                            f"reference already used in this file in row {eerste}",
                        )
                    ],
                    self.max_afgewezen,
                )
                return
            self.seen[key] = raw.rijnummer
        result = self.validator.validate(raw.values)
        if isinstance(result, list):
            rapport._afwijzen(raw.rijnummer, result, self.max_afgewezen)
        else:
            self.pending.append((raw.rijnummer, result))

    def flush(self) -> None:
        """Hand the pending meldingen to the writer: prepared (encrypted, hashed) here, written in the background.

        At most one chunk is being written while the next one is read, validated and prepared, so the
        database's work overlaps with this thread's. Each chunk is written in its own transaction that also
        updates the ImportRun's counts; its outcome is taken into the report before the next chunk is handed
        over, so the report and the counts stay in file order.
        """
        if not self.pending_rows:
            return
        pending, self.pending, self.pending_rows = self.pending, [], 0
        voorbereid = bereid_voor(
            self.vault, self.org, [m for _, m in pending], bron="upload", import_id=self.rapport.import_id
        )
        rows_by_ref = {m.melder_referentie: rij for rij, m in pending}
        self.wait()
        counts = _counts(self.rapport)
        self.inflight = (self.writer.submit(self._write, voorbereid, counts, self.fractie()), rows_by_ref)

    def wait(self) -> None:
        """Wait for the chunk being written, if any, and take its outcome into the report."""
        if self.inflight is None:
            return
        future, rows_by_ref = self.inflight
        self.inflight = None
        self._apply(future.result(), rows_by_ref)

    def close(self) -> None:
        """Finish: wait for the last chunk (also after an error, so no write outlives the import)."""
        try:
            self.wait()
        finally:
            self.writer.shutdown(wait=True)

    def _write(
        self, voorbereid: VoorbereideMeldingen, counts: dict[str, int], fractie: float | None
    ) -> OpslagResultaat:
        """Runs in the writer thread: one transaction for the chunk and the ImportRun's counts (its progress
        and heartbeat)."""
        for attempt in (1, 2):
            try:
                with transaction(self.sessions) as session:
                    res = schrijf(session, voorbereid, actor=self.actor)
                    stored = counts["opgeslagen"] + len(res.opgeslagen)
                    present = counts["al_aanwezig"] + len(res.al_aanwezig)
                    session.execute(
                        update(ImportRun)
                        .where(ImportRun.id == self.rapport.import_id)
                        .values(
                            gelezen=counts["gelezen"],
                            geaccepteerd=stored + present,
                            opgeslagen=stored,
                            al_aanwezig=present,
                            afgewezen=counts["afgewezen"] + len(res.conflicten),
                            hartslag=utcnow(),
                            fractie=fractie,
                        )
                    )
                break
            except Exception as exc:
                # Another import of the same organisation stored some of these references in the meantime;
                # a second attempt sees them as already present (or as conflicts).
                if attempt == 2 or not _is_integrity_error(exc):
                    raise
        stored_total = counts["opgeslagen"] + len(res.opgeslagen)
        if stored_total >= self.next_analyze:
            self.next_analyze = 2 * stored_total
            self._analyze()
        return res

    def _apply(self, res: OpslagResultaat, rows_by_ref: dict[str, int]) -> None:
        rapport = self.rapport
        rapport.stored += len(res.opgeslagen)
        rapport.already_present += len(res.al_aanwezig)
        rapport.accepted = rapport.stored + rapport.already_present
        for ref in res.conflicten:
            rapport.conflicts += 1
            rapport._afwijzen(
                rows_by_ref[ref],
                [
                    Fout(
                        "melder_referentie",
                        veilig_getoond("melder_referentie", ref),
                        "conflict",
                        "deze referentie is eerder met andere inhoud aangeleverd; er is niets gewijzigd",
                        "this reference was delivered before with other content; nothing was changed",
                    )
                ],
                self.max_afgewezen,
            )
        if res.conflicten:  # conflicts are known only now: keep the report in row order
            rapport.afgewezen.sort(key=lambda a: a.rijnummer or 0)

    def _analyze(self) -> None:
        """Refresh PostgreSQL's statistics of the growing melding table (in the writer thread, between chunks).

        Without this, the planner keeps the estimate of the (nearly) empty table from before the import and
        looks up existing references with a sequential scan: chunks then slow down tenfold until autovacuum
        happens to analyse the table. Done whenever the number stored doubles, so O(log n) times.
        """
        with transaction(self.sessions) as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text("ANALYZE melding"))


def _is_integrity_error(exc: BaseException) -> bool:
    """SQLAlchemy's IntegrityError, or the driver's own (PostgreSQL COPY bypasses SQLAlchemy)."""
    return isinstance(exc, IntegrityError) or any(c.__name__ == "IntegrityError" for c in type(exc).__mro__)


def _reference_key(value: RawValue) -> str | None:
    """The reference as the validator will read it (stripped; 12.0 from a spreadsheet is 12)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return None  # not a valid reference; the validator rejects it
    text = str(value).strip()
    return text or None
