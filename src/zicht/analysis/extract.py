# SPDX-License-Identifier: EUPL-1.2
"""The minimised extract: the registry columns statistics need, read once per data vintage into DuckDB.

The registry (SQLite or PostgreSQL) is read with SQLAlchemy into Arrow, never through a DuckDB extension
(ecosystem.md, "Analysis — DuckDB"). The extract keeps no identifying data and no UUIDs: meldingen get a row
number, persons a dense number, the age becomes the NRM age band, nationalities a group. Its *vintage* is a
fingerprint of the registry state (number and latest creation time of meldingen, linkage state) and of the
reference data; the same vintage always yields the same extract and hence the same figures.

Facts that are not meldingen (shelter occupancy, placements, later online signals) join the extract and the
vintage by declaring a :class:`~zicht.analysis.bronnen.Gegevensbron` (docs/adr/0007); this module reads every
declared source next to the melding tables and never names one.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import Connection, Engine, String, cast, func, select
from sqlalchemy.orm import aliased

from zicht.analysis.archief import archief_stand, lees_archief
from zicht.analysis.bronnen import Gegevensbron, gedeclareerde_bronnen, laad_in_duckdb, lees_bron, stand_tekst, verbind
from zicht.analysis.dimensies import BUITENLAND, CENTRAAL, ONBEKEND, OVERIGE_REGIO
from zicht.codebook import is_eu
from zicht.intake.columns import KOLOMMEN
from zicht.intake.kolom import Soort
from zicht.reference import Gebiedsniveau, Referentiedata, normalise_name
from zicht.storage.tables import Melding, MeldingNationaliteit, MeldingUitbuiting, MeldingWerkwijze, Persoon
from zicht.taal import vertaler

#: The columns of the raw melding table that the statistics are defined on (all text or integer; dates as ISO
#: text), from which the analysis derives its own: the area of the crime location, the age band.
_ANALYSEKOLOMMEN: tuple[str, ...] = (
    "id",
    "persoon_id",
    "melddatum",
    "status",
    "plaats_delict_soort",
    "plaats_delict_gemeente",
    "melder_soort",
    "melder_regio",
    "geslacht",
    "leeftijd_bij_melding",
    "dossiertype",
)
#: Every other coded field declared for the extract (:data:`zicht.intake.columns.KOLOMMEN`, ``extract``): read as
#: it is stored, ``onbekend`` when empty.
GEDECLAREERDE_KOLOMMEN: tuple[str, ...] = tuple(
    k.kolomnaam for k in KOLOMMEN if k.extract and k.soort is Soort.code and k.kolomnaam not in _ANALYSEKOLOMMEN
)
#: Columns of the raw melding table.
MELDING_KOLOMMEN: tuple[str, ...] = _ANALYSEKOLOMMEN + GEDECLAREERDE_KOLOMMEN
_CHUNK = 50_000
#: Values an extract remembers (count cubes, protected families, finished tables, factsheets).
ONTHOUD_MAX = 20_000
#: Up to this many meldingen an ExtractBron keeps their raw columns, so a change in another source alone does not
#: re-read them (above it the memory matters more than the seconds).
BEWAAR_RUW_MAX = 250_000


@dataclass(frozen=True)
class Vintage:
    """The state of the registry and reference data that figures are computed from.

    Attributes:
        meldingen: Number of meldingen in the registry.
        laatst_aangemaakt: Creation time of the newest melding.
        gekoppeld: Meldingen linked to a person.
        personen: Number of persons.
        personen_gewijzigd: Latest change of a person (merges and splits change counts).
        referentie: Gebiedsindeling year and population reference date.
        publicatie: For protected figures, the moment of the publicatie they show (meldingen recorded up to
            then); None for the live registry the analyst sees.
        bronnen: The stand of every declared source (name, aggregates as text), as of ``publicatie``.
        wijzigingen: Versions added to meldingen after their registration (corrections, status decisions,
            withdrawals): a correction changes the figures, so it changes the vintage.
        laatst_gewijzigd: When the last of those was made.
        archief: The stand of the counts ledger (meldingen deleted after their retention period, whose counts
            the extract keeps; ``zicht.analysis.archief``), '' while it is empty.
    """

    meldingen: int
    laatst_aangemaakt: datetime | None
    gekoppeld: int = 0
    personen: int = 0
    personen_gewijzigd: datetime | None = None
    referentie: str = ""
    publicatie: datetime | None = None
    bronnen: tuple[tuple[str, str], ...] = ()
    wijzigingen: int = 0
    laatst_gewijzigd: datetime | None = None
    archief: str = ""

    @property
    def code(self) -> str:
        """A short stable fingerprint, e.g. ``3fa91c0e2b7d``."""
        parts: tuple[Any, ...] = (
            self.meldingen,
            _iso(self.laatst_aangemaakt),
            self.gekoppeld,
            self.personen,
            _iso(self.personen_gewijzigd),
            self.referentie,
            _iso(self.publicatie),
        )
        if self.bronnen:  # a registry without declared sources keeps the fingerprint it always had
            parts = (*parts, self.bronnen)
        if self.wijzigingen:  # likewise a registry in which no melding was ever changed
            parts = (*parts, self.wijzigingen, _iso(self.laatst_gewijzigd))
        if self.archief:  # and one from which no melding was ever deleted
            parts = (*parts, self.archief)
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]

    @property
    def peildatum(self) -> date | None:
        """The date of the data status: the day the newest melding was recorded."""
        return None if self.laatst_aangemaakt is None else self.laatst_aangemaakt.astimezone(UTC).date()

    def label(self, taal: str = "nl") -> str:
        """e.g. ``gegevensstand 3fa91c0e2b7d (12.345 meldingen t/m 2025-03-01)``; a publicatie states no
        count (two labels a few meldingen apart would tell how many came in between, docs/adr/0006):
        ``publicatie van 2025-03-02 (gegevensstand 3fa91c0e2b7d)``."""
        _ = vertaler(taal)
        if self.publicatie is not None:
            dag = self.publicatie.astimezone(UTC).date().isoformat()
            return _("publicatie van {dag} (gegevensstand {code})", dag=dag, code=self.code)
        tot = self.peildatum.isoformat() if self.peildatum else "-"
        aantal = f"{self.meldingen:,}" if taal == "en" else f"{self.meldingen:,}".replace(",", ".")
        return _.ngettext(
            "gegevensstand {code} ({aantal} melding t/m {tot})",
            "gegevensstand {code} ({aantal} meldingen t/m {tot})",
            self.meldingen,
            code=self.code,
            aantal=aantal,
            tot=tot,
        )


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _referentie_tekst(referentie: Referentiedata) -> str:
    return f"gebiedsindeling {referentie.gebiedsindeling_jaar}, bevolking {referentie.bevolking_peildatum}"


def _bronnen(bronnen: Sequence[Gegevensbron] | None) -> tuple[Gegevensbron, ...]:
    return gedeclareerde_bronnen() if bronnen is None else tuple(bronnen)


def lees_vintage(
    engine: Engine | Connection,
    referentie: Referentiedata,
    *,
    tot: datetime | None = None,
    bronnen: Sequence[Gegevensbron] | None = None,
    meldingen: bool = True,
) -> Vintage:
    """The registry's current vintage (two aggregate queries, and one per declared source); with ``tot``, of the
    meldingen recorded up to that moment and the sources as they stood then (a publicatie).

    Args:
        bronnen: The sources to fingerprint; None: every declared source.
        meldingen: False for an extract of the sources alone (its melding counts are zero).
    """
    n = gekoppeld = personen = versies = 0
    laatst = gewijzigd = melding_gewijzigd = None
    archief = ""
    with verbind(engine) as conn:
        if meldingen:
            stmt = select(
                func.count(Melding.id).filter(Melding.ingetrokken_op.is_(None)),
                func.max(Melding.aangemaakt_op),
                func.count(Melding.persoon_id).filter(Melding.ingetrokken_op.is_(None)),
                func.coalesce(func.sum(Melding.versie - 1), 0),
                func.max(Melding.gewijzigd_op),
            )
            if tot is not None:
                stmt = stmt.where(Melding.aangemaakt_op <= tot)
            n, laatst, gekoppeld, versies, melding_gewijzigd = conn.execute(stmt).one()
            personen, gewijzigd = conn.execute(select(func.count(), func.max(Persoon.gewijzigd_op))).one()
            archief = archief_stand(conn)
        standen = tuple((b.naam, stand_tekst(conn.execute(b.stand(tot)).one())) for b in _bronnen(bronnen))
    return Vintage(
        int(n),
        laatst,
        int(gekoppeld),
        int(personen),
        gewijzigd,
        _referentie_tekst(referentie),
        tot,
        standen,
        int(versies),
        melding_gewijzigd,
        archief,
    )


@dataclass(frozen=True)
class RuweGegevens:
    """The minimised columns as read from the registry (or built directly in tests), as Arrow tables.

    ``melding`` has :data:`MELDING_KOLOMMEN`; ``uitbuiting`` has ``id, vorm, sector``; ``werkwijze`` has
    ``id, werkwijze``; ``nationaliteit`` has ``id, land``. ``id`` is any text that identifies a melding.
    ``bronnen`` holds every declared source with its raw rows (its declared columns).
    """

    melding: pa.Table
    uitbuiting: pa.Table
    werkwijze: pa.Table
    nationaliteit: pa.Table
    bronnen: tuple[tuple[Gegevensbron, pa.Table], ...] = ()


def _lees(
    engine: Engine | Connection, stmt: Any, namen: tuple[str, ...], erbij: Sequence[tuple[Any, ...]] = ()
) -> pa.Table:
    """The rows of ``stmt`` and then ``erbij`` (rows of the counts ledger) as one Arrow table."""
    kolommen: list[list[Any]] = [[] for _ in namen]
    with verbind(engine) as conn:
        result = conn.execute(stmt, execution_options={"stream_results": True, "yield_per": _CHUNK})
        for rows in [*result.partitions(), erbij]:
            for i, values in enumerate(zip(*rows, strict=True)):
                kolommen[i].extend(values)
    types = [pa.int64() if n == "leeftijd_bij_melding" else pa.string() for n in namen]
    return pa.table({n: pa.array(k, type=t) for n, k, t in zip(namen, kolommen, types, strict=True)})


_RUWE_KOLOMMEN = (MELDING_KOLOMMEN, ("id", "vorm", "sector"), ("id", "werkwijze"), ("id", "land"))


def _leeg(namen: tuple[str, ...]) -> pa.Table:
    return pa.table({n: pa.array([], pa.int64() if n == "leeftijd_bij_melding" else pa.string()) for n in namen})


def lees_register(
    engine: Engine | Connection,
    *,
    tot: datetime | None = None,
    bronnen: Sequence[Gegevensbron] | None = None,
    meldingen: bool = True,
) -> RuweGegevens:
    """Read the minimised columns from the registry with SQLAlchemy (no identifying data is selected).

    A melding whose person was merged into another counts for the surviving person. With ``tot`` only the
    meldingen recorded up to that moment are read (a publicatie, docs/adr/0006), and every declared source as it
    stood then. Meldingen deleted after their retention period come back from the counts ledger as anonymous
    rows (:func:`zicht.analysis.archief.lees_archief`), so their counts survive. ``bronnen`` as for
    :func:`lees_vintage`; with ``meldingen=False`` the melding tables stay empty.
    """
    ruw_bronnen = tuple((b, lees_bron(engine, b, tot)) for b in _bronnen(bronnen))
    if not meldingen:
        m, u, w, n = (_leeg(namen) for namen in _RUWE_KOLOMMEN)
        return RuweGegevens(m, u, w, n, bronnen=ruw_bronnen)
    p = aliased(Persoon)
    persoon = func.coalesce(p.opgegaan_in, p.id)
    melding_stmt = select(
        cast(Melding.id, String),
        cast(persoon, String),
        cast(Melding.melddatum, String),
        Melding.status,
        Melding.plaats_delict_soort,
        Melding.plaats_delict_gemeente,
        Melding.melder_soort,
        Melding.melder_regio,
        Melding.geslacht,
        Melding.leeftijd_bij_melding,
        Melding.dossiertype,
        *(Melding.__table__.c[naam] for naam in GEDECLAREERDE_KOLOMMEN),
    ).outerjoin(p, p.id == Melding.persoon_id)
    # a withdrawn melding (a duplicate, or made in error) counts nowhere
    melding_stmt = melding_stmt.where(Melding.ingetrokken_op.is_(None))
    uitbuiting = select(cast(MeldingUitbuiting.melding_id, String), MeldingUitbuiting.vorm, MeldingUitbuiting.sector)
    werkwijze = select(cast(MeldingWerkwijze.melding_id, String), MeldingWerkwijze.werkwijze)
    nationaliteit = select(cast(MeldingNationaliteit.melding_id, String), MeldingNationaliteit.land)
    geldig = select(Melding.id).where(Melding.ingetrokken_op.is_(None))
    if tot is not None:
        melding_stmt = melding_stmt.where(Melding.aangemaakt_op <= tot)
        geldig = geldig.where(Melding.aangemaakt_op <= tot)
    if tot is not None or _ingetrokken(engine):
        uitbuiting = uitbuiting.where(MeldingUitbuiting.melding_id.in_(geldig))
        werkwijze = werkwijze.where(MeldingWerkwijze.melding_id.in_(geldig))
        nationaliteit = nationaliteit.where(MeldingNationaliteit.melding_id.in_(geldig))
    archief = lees_archief(engine, tot)
    return RuweGegevens(
        # the ledger keeps the analysis's own columns; a declared field is unknown for a deleted melding
        # the ledger's rows carry every column of MELDING_KOLOMMEN, declared fields included (zicht.analysis.archief)
        melding=_lees(engine, melding_stmt, MELDING_KOLOMMEN, archief.melding),
        uitbuiting=_lees(engine, uitbuiting, ("id", "vorm", "sector"), archief.uitbuiting),
        werkwijze=_lees(engine, werkwijze, ("id", "werkwijze"), archief.werkwijze),
        nationaliteit=_lees(engine, nationaliteit, ("id", "land"), archief.nationaliteit),
        bronnen=ruw_bronnen,
    )


def _ingetrokken(engine: Engine | Connection) -> bool:
    """Whether any melding is withdrawn (else the child tables are read without the extra filter)."""
    with verbind(engine) as conn:
        return conn.execute(select(Melding.id).where(Melding.ingetrokken_op.is_not(None)).limit(1)).first() is not None


def _gebied_tabel(referentie: Referentiedata) -> pa.Table:
    gms = sorted(referentie.gemeenten.values(), key=lambda g: g.code)
    data: dict[str, list[Any]] = {n.value: [g.gebied_code(n) for g in gms] for n in Gebiedsniveau}
    data["inwoners"] = [g.inwoners for g in gms]
    return pa.table(data)


def _regio_tabel(ruw: RuweGegevens, referentie: Referentiedata) -> pa.Table:
    """Map the reporters' region texts onto politie-eenheden (others become ``overige_regio``)."""
    eenheden = {normalise_name(code): code for code in referentie.gebieden(Gebiedsniveau.politie_eenheid)}
    waarden = sorted({v for v in ruw.melding.column("melder_regio").to_pylist() if v})
    regio = [eenheden.get(normalise_name(v), eenheden.get(normalise_name(v.removeprefix("Eenheid ")))) for v in waarden]
    return pa.table({"tekst": waarden, "regio": [r or OVERIGE_REGIO for r in regio]})


def _land_tabel(ruw: RuweGegevens) -> pa.Table:
    landen = sorted({v for v in ruw.nationaliteit.column("land").to_pylist() if v})
    groep = [
        "nederlands" if c == "NL" else "eu" if is_eu(c) else ONBEKEND if c == ONBEKEND else "niet_eu" for c in landen
    ]
    return pa.table({"land": landen, "groep": groep})


_GEDECLAREERD_SQL = "".join(f",\n    coalesce(r.{naam}, '{ONBEKEND}') AS {naam}" for naam in GEDECLAREERDE_KOLOMMEN)
_MELDING_SQL = f"""
CREATE TABLE melding AS
SELECT
    ir.rij,
    CASE WHEN r.persoon_id IS NULL THEN NULL
         ELSE CAST(dense_rank() OVER (ORDER BY r.persoon_id) AS INTEGER) END AS persoon,
    CAST(r.melddatum AS DATE) AS melddatum,
    coalesce(r.status, '{ONBEKEND}') AS status,
    CASE WHEN r.plaats_delict_soort = 'gemeente' AND g.gemeente IS NOT NULL THEN r.plaats_delict_gemeente
         WHEN r.plaats_delict_soort = 'buitenland' THEN '{BUITENLAND}'
         ELSE '{ONBEKEND}' END AS plaats_delict,
    CASE WHEN r.melder_regio IS NULL OR trim(r.melder_regio) = '' THEN '{CENTRAAL}'
         ELSE coalesce(rt.regio, '{OVERIGE_REGIO}') END AS melder_regio,
    coalesce(r.melder_soort, '{ONBEKEND}') AS melder_soort,
    coalesce(r.geslacht, '{ONBEKEND}') AS geslacht,
    CASE WHEN r.leeftijd_bij_melding IS NULL THEN '{ONBEKEND}'
         WHEN r.leeftijd_bij_melding < 18 THEN 'minderjarig'
         WHEN r.leeftijd_bij_melding <= 22 THEN '18-22'
         ELSE '23+' END AS leeftijdsklasse,
    coalesce(r.dossiertype, '{ONBEKEND}') AS dossiertype,
    coalesce(ng.groep, '{ONBEKEND}') AS nationaliteitsgroep{_GEDECLAREERD_SQL}
FROM ruw_melding r
JOIN id_rij ir ON ir.id = r.id
LEFT JOIN gebied g ON g.gemeente = r.plaats_delict_gemeente
LEFT JOIN regio_tekst rt ON rt.tekst = r.melder_regio
LEFT JOIN (
    SELECT n.id,
           CASE WHEN bool_or(lt.groep = 'nederlands') THEN 'nederlands'
                WHEN bool_or(lt.groep = 'eu') THEN 'eu'
                WHEN bool_or(lt.groep = 'niet_eu') THEN 'niet_eu'
                ELSE '{ONBEKEND}' END AS groep
    FROM ruw_nationaliteit n JOIN land_groep lt ON lt.land = n.land
    GROUP BY n.id
) ng ON ng.id = r.id
"""


def _child_sql(naam: str, kolommen: str) -> str:
    return f"CREATE TABLE {naam} AS SELECT DISTINCT m.rij, {kolommen} FROM ruw_{naam} c JOIN id_rij m ON m.id = c.id"


@dataclass
class Extract:
    """The minimised data of one vintage in an in-memory DuckDB database.

    Tables: ``melding`` (one row per melding: rij, persoon, melddatum, status, plaats_delict, melder_regio,
    melder_soort, geslacht, leeftijdsklasse, dossiertype, nationaliteitsgroep, and one column per coded field
    declared for the extract, :data:`GEDECLAREERDE_KOLOMMEN`), ``uitbuiting`` (rij, vorm,
    sector), ``werkwijze`` (rij, werkwijze), ``nationaliteit`` (rij, land) and ``gebied`` (gemeente and the
    code of every area level it belongs to, with inwoners); and one table per declared source, named after it
    (``bronnen``, docs/adr/0007).
    """

    vintage: Vintage
    referentie: Referentiedata
    con: duckdb.DuckDBPyConnection
    meldingen: int
    gekoppeld: int
    jaren: tuple[int, int] | None
    bronnen: dict[str, Gegevensbron] = field(default_factory=dict)
    _lokaal: threading.local = field(default_factory=threading.local, repr=False)
    _cache: OrderedDict[Any, Any] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _bezig: dict[Any, threading.Event] = field(default_factory=dict, repr=False)

    @property
    def koppelingsgraad(self) -> float:
        """Share of meldingen linked to a person (0 before linkage has run)."""
        return self.gekoppeld / self.meldingen if self.meldingen else 0.0

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection for the calling thread (connections are not shared between threads)."""
        cur = getattr(self._lokaal, "cur", None)
        if cur is None:
            cur = self.con.cursor()
            self._lokaal.cur = cur
        return cur

    def onthoud(self, sleutel: Any, maak: Callable[[], Any]) -> Any:
        """A value computed once per extract (so per vintage) and key; thread-safe, bounded in size.

        Concurrent callers of one key wait for the first instead of computing it again (protecting a family
        takes seconds; fifty clients asking for it at once, or a request during warm-up, would otherwise each
        compute it)."""
        with self._lock:
            if sleutel in self._cache:
                self._cache.move_to_end(sleutel)
                return self._cache[sleutel]
            bezig = self._bezig.get(sleutel)
            eigenaar = bezig is None
            if bezig is None:
                bezig = self._bezig[sleutel] = threading.Event()
        if not eigenaar:
            bezig.wait()
            with self._lock:
                if sleutel in self._cache:
                    return self._cache[sleutel]
            return self.onthoud(sleutel, maak)  # the first caller failed: try again (and raise its error)
        try:
            waarde = maak()
            with self._lock:
                while len(self._cache) >= ONTHOUD_MAX:  # least recently used first
                    self._cache.popitem(last=False)
                return self._cache.setdefault(sleutel, waarde)
        finally:
            with self._lock:
                self._bezig.pop(sleutel, None)
            bezig.set()


def maak_extract(ruw: RuweGegevens, referentie: Referentiedata, vintage: Vintage | None = None) -> Extract:
    """Load raw minimised columns into DuckDB and derive the analysis columns.

    Args:
        ruw: The raw tables (from :func:`lees_register` or built directly).
        referentie: Gemeenten with their regions and population.
        vintage: The vintage the data belongs to; derived from the data when None (tests).

    Returns:
        The extract.
    """
    con = duckdb.connect(
        ":memory:",
        config={"threads": 2, "autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    tabellen = {
        "ruw_melding": ruw.melding,
        "ruw_uitbuiting": ruw.uitbuiting,
        "ruw_werkwijze": ruw.werkwijze,
        "ruw_nationaliteit": ruw.nationaliteit,
        "gebied": _gebied_tabel(referentie),
        "regio_tekst": _regio_tabel(ruw, referentie),
        "land_groep": _land_tabel(ruw),
    }
    for naam, tabel in tabellen.items():
        con.register(f"{naam}_arrow", tabel)
        con.execute(f"CREATE TABLE {naam} AS SELECT * FROM {naam}_arrow")
        con.unregister(f"{naam}_arrow")
    con.execute(
        "CREATE TABLE id_rij AS SELECT id, CAST(row_number() OVER (ORDER BY id) AS INTEGER) AS rij FROM ruw_melding"
    )
    con.execute(_MELDING_SQL)
    con.execute(_child_sql("uitbuiting", "c.vorm, c.sector"))
    con.execute(_child_sql("werkwijze", "c.werkwijze"))
    con.execute(_child_sql("nationaliteit", "c.land"))
    bronnen = laad_in_duckdb(con, ruw.bronnen)
    for naam in ("ruw_melding", "ruw_uitbuiting", "ruw_werkwijze", "ruw_nationaliteit", "regio_tekst", "id_rij"):
        con.execute(f"DROP TABLE {naam}")
    n, gekoppeld, eerste, laatste = con.execute(
        "SELECT count(*), count(persoon), min(year(melddatum)), max(year(melddatum)) FROM melding"
    ).fetchall()[0]
    if vintage is None:
        standen = tuple((bron.naam, str(tabel.num_rows)) for bron, tabel in ruw.bronnen)
        vintage = Vintage(int(n), None, int(gekoppeld), 0, None, _referentie_tekst(referentie), bronnen=standen)
    jaren = None if eerste is None else (int(eerste), int(laatste))
    return Extract(vintage, referentie, con, int(n), int(gekoppeld), jaren, bronnen)


_LEEG_RUW = RuweGegevens(*(_leeg(namen) for namen in _RUWE_KOLOMMEN))


def _meldingdeel(vintage: Vintage) -> tuple[Any, ...]:
    """The part of a vintage that the melding tables depend on."""
    return (vintage.meldingen, vintage.laatst_aangemaakt, vintage.gekoppeld, vintage.personen,
            vintage.personen_gewijzigd, vintage.publicatie, vintage.archief)  # fmt: skip


class ExtractBron:
    """Hands out the extract of the current vintage, re-reading the registry only when it changed.

    The first extract is built when first asked for. After that the vintage is checked at most every
    ``controle_interval`` seconds, in a background thread: reading a large registry takes minutes, and
    meanwhile requests keep getting the previous extract, whose vintage every figure states. :meth:`ververs`
    checks and rebuilds synchronously (the CLI, tests, or right after an import).

    ``bronnen`` are the declared sources to read (None: all of :data:`zicht.analysis.bronnen.BRONNEN`);
    ``meldingen=False`` gives an extract of those sources alone, for a capability that reports on its own
    facts (e.g. :mod:`zicht.opvang.bronnen`).
    """

    def __init__(
        self,
        engine: Engine,
        referentie: Referentiedata,
        *,
        controle_interval: float = 30.0,
        bronnen: Sequence[Gegevensbron] | None = None,
        meldingen: bool = True,
    ) -> None:
        self.engine = engine
        self.referentie = referentie
        self.controle_interval = controle_interval
        self.bronnen = None if bronnen is None else tuple(bronnen)
        self.meldingen = meldingen
        self._extract: Extract | None = None
        self._ruw: tuple[Vintage, RuweGegevens] | None = None
        self._gecontroleerd = 0.0
        self._lock = threading.Lock()
        self._bezig = False

    def extract(self) -> Extract:
        """The extract of the newest vintage that has been read."""
        with self._lock:
            if self._extract is None:
                self._extract = self._bouw(self._vintage())
                self._gecontroleerd = time.monotonic()
            elif not self._bezig and time.monotonic() - self._gecontroleerd >= self.controle_interval:
                self._bezig = True
                self._gecontroleerd = time.monotonic()
                threading.Thread(target=self._achtergrond, name="zicht-extract", daemon=True).start()
            return self._extract

    def ververs(self, via: Connection | None = None) -> Extract:
        """Check the vintage now and return the (possibly new) extract; read through ``via`` when given (an open
        connection of the same database, e.g. a request's session on SQLite)."""
        vintage = self._vintage(via)
        with self._lock:
            if self._extract is None or self._extract.vintage != vintage:
                self._extract = self._bouw(vintage, via)
            self._gecontroleerd = time.monotonic()
            return self._extract

    def _vintage(self, via: Connection | None = None) -> Vintage:
        bind = self.engine if via is None else via
        return lees_vintage(bind, self.referentie, bronnen=self.bronnen, meldingen=self.meldingen)

    def _bouw(self, vintage: Vintage, via: Connection | None = None) -> Extract:
        """Build the extract of ``vintage``, re-reading only the parts whose stand changed: a new occupancy report
        re-reads that source, not every melding (the raw columns of the last build are kept for this, up to
        :data:`BEWAAR_RUW_MAX` meldingen)."""
        bind = self.engine if via is None else via
        vorige = self._ruw
        if vorige is not None and _meldingdeel(vorige[0]) == _meldingdeel(vintage):
            basis = vorige[1]
        else:
            basis = lees_register(bind, bronnen=(), meldingen=self.meldingen)
        oud = {} if vorige is None else {b.naam: (b, t) for b, t in vorige[1].bronnen}
        oude_stand, stand = ({} if vorige is None else dict(vorige[0].bronnen)), dict(vintage.bronnen)
        bronnen = tuple(
            (b, oud[b.naam][1])
            if b.naam in oud and oud[b.naam][0] is b and oude_stand.get(b.naam) == stand.get(b.naam)
            else (b, lees_bron(bind, b, None))
            for b in _bronnen(self.bronnen)
        )
        ruw = replace(basis, bronnen=bronnen)
        bewaar = ruw if ruw.melding.num_rows <= BEWAAR_RUW_MAX else replace(_LEEG_RUW, bronnen=bronnen)
        self._ruw = (vintage if bewaar is ruw else replace(vintage, meldingen=-1), bewaar)
        return maak_extract(ruw, self.referentie, vintage)

    def _achtergrond(self) -> None:
        try:
            vintage = self._vintage()
            huidig = self._extract
            if huidig is None or huidig.vintage != vintage:
                nieuw = self._bouw(vintage)
                with self._lock:
                    self._extract = nieuw
        finally:
            with self._lock:
                self._bezig = False
                self._gecontroleerd = time.monotonic()
