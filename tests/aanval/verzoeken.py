# SPDX-License-Identifier: EUPL-1.2
"""The request space of one gemeente account, collected through HTTP, and the meaning of every published cell.

What may be asked is discovered the way a user would: the enumerations of ``/api/v1/openapi.json``, the
breakdowns named by the API's own 400 answer, the forms of exploitation of the code list
(:mod:`zicht.codebook`), the years with data from a national series, the areas of the public reference
geography (own gemeente, every region it lies in, the nation; overviews list every area of a level).

Every cell gets a *predicate*: which meldingen it counts (area, quarters of melddatum, filter, category), read
from docs/statistieken.md ("Telregels") and never from :mod:`zicht.analysis`. Nothing here knows the truth.
"""

from __future__ import annotations

import functools
import itertools
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from zicht.codebook import codelijst
from zicht.reference import Gebiedsniveau, Referentiedata

API = "/api/v1/statistieken"
OPENAPI = "/api/v1/openapi.json"

#: Dimensions of a melding the published cells can restrict. ``kwartaal`` is the quarter of the melddatum,
#: ``plaats`` the gemeente of the plaats delict (or ``buitenland`` / ``onbekend``), ``regio`` the reporter's
#: politie-eenheid (or ``centraal`` / ``overige_regio``).
PLAATS, REGIO, KWARTAAL, VORM, SOORT = "plaats", "regio", "kwartaal", "uitbuitingsvorm", "melder_soort"
#: "Uitbuitingsvorm, sector, werkwijze, nationaliteit: elke genoemde waarde (tellen niet op)".
MEERWAARDIG = frozenset({VORM, "sector", "werkwijze", "nationaliteit"})
#: Breakdowns with one value per melding (a melding is one person while nothing is linked).
ENKELWAARDIG = frozenset({"geslacht", "leeftijdsklasse", "nationaliteitsgroep", "dossiertype", SOORT})
ONBEKEND, BUITENLAND, OVERIG, TOTAAL = "onbekend", "buitenland", "overig", "totaal"
NL = "NL"

Params = dict[str, str]
#: A request being built: None leaves a parameter out.
Vraag = dict[str, str | None]


# ---- what a cell counts -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Voorwaarde:
    """One condition on one dimension of a melding.

    ``soort``: ``in`` / ``niet_in`` (value in / not in ``waarden``, single-valued dimensions), ``noemt`` /
    ``noemt_niet`` (names / does not name the one code in ``waarden``), ``geen`` (names no known value:
    the category ``onbekend``), ``bekend`` (names some known value), ``buiten`` (names a known value outside
    ``waarden``: the category ``overig`` beside a top list).
    """

    dim: str
    soort: str
    waarden: frozenset[str] = frozenset()

    def geldt(self, waarde: str | frozenset[str]) -> bool:
        """Whether a melding with this value of the dimension satisfies the condition."""
        if self.soort == "in":
            return waarde in self.waarden
        if self.soort == "niet_in":
            return waarde not in self.waarden
        assert isinstance(waarde, frozenset), (self, waarde)
        if self.soort == "noemt":
            return bool(waarde & self.waarden)
        if self.soort == "noemt_niet":
            return not (waarde & self.waarden)
        if self.soort == "geen":
            return not waarde
        if self.soort == "bekend":
            return bool(waarde)
        if self.soort == "buiten":
            return bool(waarde - self.waarden)
        raise ValueError(self.soort)

    def kort(self) -> str:
        w = ",".join(sorted(self.waarden))
        if len(w) > 40:
            w = f"{len(self.waarden)} waarden"
        return f"{self.dim} {self.soort} {w}".strip()


Predikaat = frozenset[Voorwaarde]


def beschrijf(predikaat: Predikaat) -> str:
    """A short text for a predicate (for reports)."""
    return "; ".join(v.kort() for v in sorted(predikaat)) or "alle meldingen"


@dataclass(frozen=True)
class Cel:
    """One published count with what it counts and how it was shown."""

    fase: int
    stand: str
    verzoek: str
    tabel: str
    rij: str
    kolom: str
    predikaat: Predikaat
    markering: str
    waarde: float | None
    tekst: str
    beveiligd: bool
    drempel: int
    basis: int
    #: The "zonder groep X" row of met_zonder: documented as published total minus published group.
    zonder: bool = False

    def plek(self) -> str:
        return f"{self.verzoek} [{self.rij} / {self.kolom}]"


@dataclass(frozen=True)
class Afgeleid:
    """A published rate or share next to counts (per 100.000, aandeel, verandering)."""

    fase: int
    verzoek: str
    soort: str  # per_100k | aandeel | verhouding
    waarde: float
    teller: Cel
    noemer: Cel | None = None
    inwoners: int | None = None


@dataclass(frozen=True)
class Blootstelling:
    """An exact, unrounded count in a response outside the count cells (a label, a text, a metadata field)."""

    fase: int
    verzoek: str
    veld: str
    tekst: str
    getal: int


# ---- geography (public reference data) -----------------------------------------------------------------


@dataclass
class Geografie:
    """The public geography: which gemeenten an area code covers, and its population."""

    referentie: Referentiedata
    gebieden: dict[str, tuple[Gebiedsniveau, frozenset[str], int]] = field(default_factory=dict)
    eenheden: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for niveau in Gebiedsniveau:
            if niveau is Gebiedsniveau.nederland:
                continue
            for code, gebied in self.referentie.gebieden(niveau).items():
                self.gebieden[code] = (niveau, frozenset(gebied.gemeenten), gebied.inwoners)
        self.eenheden = frozenset(self.referentie.gebieden(Gebiedsniveau.politie_eenheid))

    @property
    def alle_plaatsen(self) -> list[str]:
        return [*sorted(self.referentie.gemeenten), BUITENLAND, ONBEKEND]

    @property
    def alle_regios(self) -> list[str]:
        return [*sorted(self.eenheden), "centraal", "overige_regio"]

    def keten(self, gemeente: str) -> list[tuple[str, str]]:
        """(niveau, code) of the own gemeente, every region it lies in, and the nation."""
        gm = self.referentie.gemeenten[gemeente]
        return [(n.value, gm.gebied_code(n)) for n in Gebiedsniveau]

    def voorwaarde(self, code: str, basis: str) -> Voorwaarde | None:
        """What an area code means as a condition (None: the nation, every melding)."""
        if code == NL:
            return None
        if basis == "melder_regio":
            return Voorwaarde(REGIO, "in", frozenset({code}))
        if code in (BUITENLAND, ONBEKEND):
            return Voorwaarde(PLAATS, "in", frozenset({code}))
        if code in self.referentie.gemeenten:
            return Voorwaarde(PLAATS, "in", frozenset({code}))
        if code in self.gebieden:
            return Voorwaarde(PLAATS, "in", self.gebieden[code][1])
        raise KeyError(code)

    def inwoners(self, code: str) -> int | None:
        if code == NL:
            return self.referentie.inwoners_totaal
        if code in self.referentie.gemeenten:
            return self.referentie.gemeenten[code].inwoners
        if code in self.gebieden:
            return self.gebieden[code][2]
        return None


# ---- periods ------------------------------------------------------------------------------------------

_JAAR = re.compile(r"^(\d{4})$")
_KWARTAAL = re.compile(r"^(\d{4})\s*-?\s*[KQ]([1-4])$", re.IGNORECASE)
_JAREN = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_KWARTALEN = re.compile(r"^(\d{4})\s*-?\s*[KQ]([1-4])\s*[-–/]\s*(\d{4})\s*-?\s*[KQ]([1-4])$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def kwartalen(periode: str) -> frozenset[str]:
    """The quarters of a period as the API writes it in a request or a label: ``2023``, ``2023-Q3``,
    ``2023 K3``, ``2021-2023``, ``2021–2023``."""
    tekst = periode.strip()
    if m := _JAAR.match(tekst):
        jaar = int(m.group(1))
        return frozenset(f"{jaar}-Q{q}" for q in range(1, 5))
    if m := _KWARTAAL.match(tekst):
        return frozenset({f"{m.group(1)}-Q{m.group(2)}"})
    if m := _JAREN.match(tekst):
        a, b = int(m.group(1)), int(m.group(2))
        return frozenset(f"{j}-Q{q}" for j in range(a, b + 1) for q in range(1, 5))
    if m := _KWARTALEN.match(tekst):
        begin = int(m.group(1)) * 4 + int(m.group(2)) - 1
        eind = int(m.group(3)) * 4 + int(m.group(4)) - 1
        return frozenset(f"{i // 4}-Q{i % 4 + 1}" for i in range(begin, eind + 1))
    raise ValueError(f"periode niet te lezen: {periode!r}")


# ---- the request space -----------------------------------------------------------------------------------


class Client(Protocol):
    def get(self, url: str, *, params: Any = ..., headers: Any = ...) -> Any: ...


@dataclass
class Ruimte:
    """What one account may ask. ``omvang``: ``volledig`` (everything) or ``suite`` (see README.md)."""

    soorten: list[str]
    niveaus: list[str]
    bases: list[str]
    eenheden: list[str]
    groepen: list[str]
    uitsplitsingen: list[str]
    vormen: list[str]
    jaren: list[int]
    keten: list[tuple[str, str]]
    omvang: str = "volledig"

    def perioden(self) -> list[str]:
        """Every year, every quarter and every window of two or more whole years within the data's years."""
        jaren = sorted(self.jaren)
        uit = [str(j) for j in jaren]
        uit += [f"{j}-Q{q}" for j in jaren for q in range(1, 5)]
        uit += [f"{a}-{b}" for a, b in itertools.combinations(jaren, 2)]
        return uit


def _perioden_per_soort(perioden: list[str]) -> list[list[str]]:
    """Years, windows of years, quarters."""
    jaren = [p for p in perioden if _JAAR.match(p)]
    vensters = [p for p in perioden if _JAREN.match(p)]
    return [jaren, vensters, [p for p in perioden if p not in jaren and p not in vensters]]


def _enum(parameter: Mapping[str, Any]) -> list[str]:
    schema = parameter.get("schema", {})
    opties = schema.get("enum") or [w for s in schema.get("anyOf", []) for w in s.get("enum", [])]
    return [str(o) for o in opties]


def ontdek_ruimte(
    client: Client, referentie: Referentiedata, eigen_gemeente: str, *, omvang: str = "volledig"
) -> Ruimte:
    """The request space as a user finds it: OpenAPI, the API's own error messages, the code lists and a
    national series for the years with data."""
    spec = client.get(OPENAPI).json()
    pad = next(p for p in spec["paths"] if p.rstrip("/").endswith("/statistieken"))
    parameters = {p["name"]: p for p in spec["paths"][pad]["get"]["parameters"]}
    fout = client.get(API, params={"periode": "2000", "soort": "uitsplitsing", "uitsplitsing": "?"})
    detail = fout.json().get("detail", "") if fout.status_code == 400 else ""
    gevonden = re.search(r"choose from (.*)$", detail)
    uitsplitsingen = (
        [u.strip() for u in gevonden.group(1).split(",") if u.strip() and u.strip() != TOTAAL]
        if gevonden
        else sorted(ENKELWAARDIG | MEERWAARDIG)
    )
    jaren = _jaren_met_gegevens(client)
    geo = Geografie(referentie)
    return Ruimte(
        soorten=_enum(parameters["soort"]),
        niveaus=_enum(parameters["niveau"]),
        bases=_enum(parameters["gebiedsbasis"]),
        eenheden=_enum(parameters["eenheid"]),
        groepen=_enum(parameters["groep"]),
        uitsplitsingen=uitsplitsingen,
        vormen=list(codelijst("uitbuitingsvorm").waarden),
        jaren=jaren,
        keten=geo.keten(eigen_gemeente),
        omvang=omvang,
    )


def _jaren_met_gegevens(client: Client) -> list[int]:
    """Years with any melding: a national series from 2000 up to this year (or the last year it allows)."""
    jaar = time.gmtime().tm_year
    for laatste in range(jaar + 1, jaar - 30, -1):
        r = client.get(API, params={"soort": "reeks", "periode": str(laatste), "vanJaar": "2000"})
        if r.status_code != 200:
            continue
        tabel = r.json()
        jaren = []
        for rij in tabel["rijen"]:
            try:
                jaar_rij = int(rij[0]["tekst"])
            except ValueError:
                continue
            if any(c["markering"] != "getoond" or (c["waarde"] or 0) > 0 for c in rij[1:2]):
                jaren.append(jaar_rij)
        if jaren:
            return sorted(jaren)
    raise RuntimeError("geen jaren met gegevens gevonden")


# ---- collecting --------------------------------------------------------------------------------------


@dataclass
class Antwoord:
    fase: int
    params: Params
    status: int
    tabel: dict[str, Any] | None
    duur: float
    fout: str | None = None

    @functools.cached_property
    def sleutel(self) -> str:
        return urllib.parse.urlencode(sorted(self.params.items()))


@dataclass
class Verzameling:
    antwoorden: list[Antwoord] = field(default_factory=list)
    overgeslagen: int = 0
    onvolledig: bool = False

    def statussen(self) -> dict[str, int]:
        uit: dict[str, int] = {}
        for a in self.antwoorden:
            klasse = f"{a.status // 100}xx"
            uit[klasse] = uit.get(klasse, 0) + 1
        return uit


def _zonder_none(params: Mapping[str, str | None]) -> Params:
    return {k: v for k, v in params.items() if v is not None}


#: In the suite's scope (see README.md) the form filters of breakdowns and series and the with/without
#: tables are asked for these levels and bases only: the own veiligheidsregio, the nation, the own
#: politie-eenheid as the reporters' region.
_BREED = frozenset({("veiligheidsregio", "plaats_delict"), ("nederland", "plaats_delict"),
                    ("politie_eenheid", "melder_regio")})  # fmt: skip


class _TijdOp(Exception):
    pass


#: The table kinds in the order they are asked.
_SOORTEN = ("overzicht", "kwaliteit", "reeks", "uitsplitsing", "met_zonder")


class Verzamelaar:
    """Asks every table of the request space once per phase (phase 2: after one melding was added)."""

    def __init__(
        self,
        client: Client,
        ruimte: Ruimte,
        *,
        voortgang: Callable[[int], None] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.client = client
        self.ruimte = ruimte
        self.voortgang = voortgang
        self.deadline = deadline
        self._categorieen_van: tuple[tuple[int, int] | None, dict[str, list[str]]] = (None, {})

    def vraag(self, fase: int, params: Mapping[str, str | None], verzameling: Verzameling) -> Antwoord:
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _TijdOp
        schoon = _zonder_none(params)
        begin = time.perf_counter()
        tabel = None
        fout = None
        try:
            r = self.client.get(API, params=schoon)
            status = int(r.status_code)
            if status == 200 and r.headers.get("content-type", "").startswith("application/json"):
                tabel = r.json()
        except Exception as exc:  # an in-process client raises what a server answers with 500
            status, fout = 500, f"{type(exc).__name__}: {exc}"
        duur = time.perf_counter() - begin
        antwoord = Antwoord(fase, schoon, status, tabel, duur, fout)
        verzameling.antwoorden.append(antwoord)
        if self.voortgang is not None:
            self.voortgang(len(verzameling.antwoorden))
        return antwoord

    def groep(self, fase: int, varianten: list[Vraag], v: Verzameling) -> None:
        """Ask the first request of a group (same table kind, period, level, area and basis); when it answers
        4xx the variants (filters, breakdowns, units) are not asked, as a user would not either."""
        if not varianten:
            return
        if self.vraag(fase, varianten[0], v).status >= 400:
            v.overgeslagen += len(varianten) - 1
            return
        for params in varianten[1:]:
            self.vraag(fase, params, v)

    def verzamel(self, fase: int) -> Verzameling:
        """Every table of the request space, kind by kind over all periods (overviews, data quality, series,
        breakdowns, with/without a group); stops where the deadline passes (``onvolledig``)."""
        v = Verzameling()
        try:
            self._verzamel(fase, v)
        except _TijdOp:
            v.onvolledig = True
        return v

    def _verzamel(self, fase: int, v: Verzameling) -> None:
        r = self.ruimte
        vormen: list[str | None] = [None, *(self._vormen_met_meldingen(fase, v) if r.omvang == "suite" else r.vormen)]
        # years first, then windows, then quarters: a run cut short by its deadline has whole kinds of periods
        for soort_perioden in _perioden_per_soort(r.perioden()):
            open_ = []
            for periode in soort_perioden:
                if self._periode_open(fase, periode, v):
                    open_.append(periode)
                else:  # what this period would have asked is left out (and counted)
                    v.overgeslagen += sum(len(g) for s in _SOORTEN for g in self._groepen(s, periode, vormen, v))
            for soort in _SOORTEN:  # kind by kind: the breakdowns tell the categories for with/without
                for periode in open_:
                    for groep in self._groepen(soort, periode, vormen, v):
                        self.groep(fase, groep, v)

    def _groepen(self, soort: str, periode: str, vormen: list[str | None], v: Verzameling) -> list[list[Vraag]]:
        """The requests of one kind and period, in groups of variants of one level, area and basis."""
        r = self.ruimte
        suite = r.omvang == "suite"
        eenheden_alle: list[str | None] = list(r.eenheden) if suite else [None, *r.eenheden]
        eenheden: list[str | None] = [None] if suite else eenheden_alle
        uitsplitsingen = sorted(r.uitsplitsingen, key=lambda u: u != "geslacht")
        gebieden = list(itertools.product(r.keten, r.bases))
        breed = [(g, b) for g, b in gebieden if not suite or (g[0], b) in _BREED]

        def vormen_voor(gebied: tuple[tuple[str, str], str]) -> list[str | None]:
            return vormen if gebied in breed else [None]

        if soort == "overzicht":  # every level, both bases, every filter, both units
            return [
                [{"soort": "overzicht", "periode": periode, "niveau": niveau, "gebiedsbasis": basis, "vorm": vorm,
                  "eenheid": eenheid} for eenheid, vorm in itertools.product(eenheden_alle, vormen)]
                for basis, niveau in itertools.product(r.bases, r.niveaus)
            ]  # fmt: skip
        if soort == "kwaliteit":
            return [[{"soort": "kwaliteit", "periode": periode, "groep": groep}] for groep in r.groepen]
        if soort == "reeks":  # per year and per quarter, for every area of the chain
            if suite and not _JAAR.match(periode):
                return []
            return [
                [{"soort": "reeks", "periode": periode, "niveau": niveau, "gebied": code, "gebiedsbasis": basis,
                  "vorm": vorm, "eenheid": eenheid, "vanJaar": str(min(r.jaren)), "perKwartaal": kwartaal}
                 for kwartaal, eenheid, vorm in itertools.product(("false", "true"), eenheden,
                                                                  vormen_voor(((niveau, code), basis)))]
                for (niveau, code), basis in gebieden
            ]  # fmt: skip
        if soort == "uitsplitsing":  # every breakdown of the own gemeente, its regions and the nation
            return [
                [{"soort": "uitsplitsing", "periode": periode, "niveau": niveau, "gebied": code,
                  "gebiedsbasis": basis, "uitsplitsing": u, "vorm": vorm, "eenheid": eenheid}
                 for eenheid, u, vorm in itertools.product(eenheden, uitsplitsingen,
                                                           vormen_voor(((niveau, code), basis)))]
                for (niveau, code), basis in gebieden
            ]  # fmt: skip
        # with/without a group: every category of every breakdown
        categorieen = self._categorieen(v)
        paren = [(u, c) for u in uitsplitsingen for c in categorieen.get(u, [])]
        return [
            [{"soort": "met_zonder", "periode": periode, "niveau": niveau, "gebied": code, "gebiedsbasis": basis,
              "uitsplitsing": u, "categorie": c, "eenheid": eenheid}
             for eenheid, (u, c) in itertools.product(eenheden, paren)]
            for (niveau, code), basis in breed
        ]  # fmt: skip

    def _periode_open(self, fase: int, periode: str, v: Verzameling) -> bool:
        """A probe of every table kind for a period: a period that answers 4xx to all of them is not asked
        further."""
        (niveau, code) = self.ruimte.keten[0]
        proeven: list[Vraag] = [
            {"soort": "overzicht", "periode": periode, "niveau": "nederland"},
            {"soort": "overzicht", "periode": periode, "niveau": niveau},
            {"soort": "uitsplitsing", "periode": periode, "niveau": "nederland", "gebied": NL,
             "uitsplitsing": "geslacht"},
            {"soort": "reeks", "periode": periode, "niveau": niveau, "gebied": code, "perKwartaal": "true"},
            {"soort": "met_zonder", "periode": periode, "niveau": "nederland", "gebied": NL,
             "uitsplitsing": "geslacht", "categorie": "vrouw"},
            {"soort": "kwaliteit", "periode": periode},
        ]  # fmt: skip
        return any(self.vraag(fase, p, v).status < 400 for p in proeven)

    def _vormen_met_meldingen(self, fase: int, v: Verzameling) -> list[str]:
        """Forms with any melding in some year (a national breakdown by form): filtering on a form with a
        published national 0 gives tables of zeros that say nothing new."""
        gevonden: set[str] = set()
        for jaar in self.ruimte.jaren:
            a = self.vraag(fase, {"soort": "uitsplitsing", "periode": str(jaar), "niveau": "nederland",
                                  "gebied": NL, "uitsplitsing": VORM}, v)  # fmt: skip
            if a.tabel is None:
                return list(self.ruimte.vormen)
            for rij in a.tabel["rijen"]:
                code = rij[0]["tekst"]
                if code in self.ruimte.vormen and any(
                    c["markering"] != "getoond" or (c["waarde"] or 0) > 0 for c in rij[1:]
                ):
                    gevonden.add(code)
        return [f for f in self.ruimte.vormen if f in gevonden]

    def _categorieen(self, v: Verzameling) -> dict[str, list[str]]:
        """Categories per breakdown: the code lists (volledig) and every category a breakdown showed."""
        sleutel = (id(v), len(v.antwoorden))
        if self._categorieen_van[0] != sleutel:
            self._categorieen_van = (sleutel, self._lees_categorieen(v))
        return self._categorieen_van[1]

    def _lees_categorieen(self, v: Verzameling) -> dict[str, list[str]]:
        gezien: dict[str, set[str]] = {u: set() for u in self.ruimte.uitsplitsingen}
        niet_nul: dict[str, set[str]] = {u: set() for u in self.ruimte.uitsplitsingen}
        for a in v.antwoorden:
            if a.tabel is None or a.params.get("soort") != "uitsplitsing":
                continue
            u = a.params["uitsplitsing"]
            for rij in a.tabel["rijen"]:
                code = rij[0]["tekst"]
                if code == TOTAAL:
                    continue
                gezien.setdefault(u, set()).add(code)
                if any(c["markering"] != "getoond" or (c["waarde"] or 0) > 0 for c in rij[2:]):
                    niet_nul.setdefault(u, set()).add(code)
        if self.ruimte.omvang == "suite":
            return {u: sorted(c) for u, c in niet_nul.items()}
        uit: dict[str, list[str]] = {}
        for u in self.ruimte.uitsplitsingen:
            codes = set(gezien.get(u, set()))
            lijst = {"geslacht": "geslacht", "dossiertype": "dossiertype", SOORT: "melder_soort", VORM: VORM,
                     "sector": "sector", "werkwijze": "werkwijze"}.get(u)  # fmt: skip
            if lijst is not None:
                codes |= set(codelijst(lijst).waarden)
            uit[u] = sorted(codes)
        return uit


# ---- cells of a response ---------------------------------------------------------------------------------


def _periode_voorwaarde(periode: str) -> Voorwaarde:
    return Voorwaarde(KWARTAAL, "in", kwartalen(periode))


def _vorm_voorwaarde(vorm: str | None) -> Voorwaarde | None:
    if not vorm:
        return None
    if vorm == ONBEKEND:
        return Voorwaarde(VORM, "geen")
    return Voorwaarde(VORM, "noemt", frozenset({vorm}))


def categorie_voorwaarde(uitsplitsing: str, code: str, top: frozenset[str] = frozenset()) -> Voorwaarde | None:
    """What a category of a breakdown counts (None for the total)."""
    if code == TOTAAL:
        return None
    if uitsplitsing in MEERWAARDIG:
        if code == ONBEKEND:
            return Voorwaarde(uitsplitsing, "geen")
        if uitsplitsing == "nationaliteit" and code == OVERIG:
            return Voorwaarde(uitsplitsing, "buiten", top)
        return Voorwaarde(uitsplitsing, "noemt", frozenset({code}))
    return Voorwaarde(uitsplitsing, "in", frozenset({code}))


def _zonder_voorwaarde(uitsplitsing: str, code: str) -> Voorwaarde:
    if uitsplitsing in MEERWAARDIG:
        if code == ONBEKEND:
            return Voorwaarde(uitsplitsing, "bekend")
        return Voorwaarde(uitsplitsing, "noemt_niet", frozenset({code}))
    return Voorwaarde(uitsplitsing, "niet_in", frozenset({code}))


def _predikaat(*voorwaarden: Voorwaarde | None) -> Predikaat:
    return frozenset(v for v in voorwaarden if v is not None)


@dataclass
class Gelezen:
    cellen: list[Cel] = field(default_factory=list)
    afgeleid: list[Afgeleid] = field(default_factory=list)
    blootstellingen: list[Blootstelling] = field(default_factory=list)
    onbegrepen: list[str] = field(default_factory=list)


_AANTAL_WOORD = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)\s*(?:meldingen|melding|personen|persoon|slachtoffers|"
    r"reports|report|persons|person|victims)\b",
    re.IGNORECASE,
)
#: The change sentence of a series: "Van 75 naar 80 (+7%)".
_VAN_NAAR = re.compile(r"\b[Vv]an (\d{1,3}(?:\.\d{3})*|\d+) naar (\d{1,3}(?:\.\d{3})*|\d+)\b")
_BEKENDE_GETALLEN = frozenset({"drempel", "afrondingsbasis", "gebiedsindeling", "koppelingsgraad"})


def _is_jaar(tekst: str) -> bool:
    return bool(_JAAR.match(tekst)) and 1990 <= int(tekst) <= 2100


def _teksten(tabel: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for sleutel in ("titel", "samenvatting", "advies"):
        if isinstance(tabel.get(sleutel), str):
            yield sleutel, tabel[sleutel]
    for i, voetnoot in enumerate(tabel.get("voetnoten") or []):
        yield f"voetnoten[{i}]", voetnoot
    for sleutel, waarde in (tabel.get("metadata") or {}).items():
        if isinstance(waarde, str):
            yield f"metadata.{sleutel}", waarde
    for kolom in tabel.get("kolommen") or []:
        yield f"kolom {kolom.get('sleutel')}", str(kolom.get("label", ""))
    kolommen = tabel.get("kolommen") or []
    for r, rij in enumerate(tabel.get("rijen") or []):
        for kolom, cel in zip(kolommen, rij, strict=False):
            if kolom.get("soort") == "tekst":
                yield f"rij {r} {kolom.get('sleutel')}", str(cel.get("tekst", ""))


def blootstellingen(antwoord: Antwoord) -> list[Blootstelling]:
    """Exact counts outside the count cells: a number of meldingen/personen in any text that is not a multiple of
    the rounding base, and numeric metadata fields that are neither policy parameters nor the area division."""
    tabel = antwoord.tabel
    if tabel is None:
        return []
    meta = tabel.get("metadata") or {}
    basis = int(meta.get("afrondingsbasis") or 5) if meta.get("beveiligd", True) else 1
    uit = []
    for veld, tekst in _teksten(tabel):
        getallen = [m.group(1) for m in _AANTAL_WOORD.finditer(tekst)]
        getallen += [g for m in _VAN_NAAR.finditer(tekst) if not all(map(_is_jaar, m.groups())) for g in m.groups()]
        for gevonden in getallen:
            getal = int(re.sub(r"\D", "", gevonden))
            if getal % max(basis, 1) != 0:
                uit.append(Blootstelling(antwoord.fase, antwoord.sleutel, veld, tekst, getal))
    for sleutel, waarde in meta.items():
        if sleutel in _BEKENDE_GETALLEN or isinstance(waarde, bool) or not isinstance(waarde, int | float):
            continue
        if float(waarde).is_integer() and int(waarde) % max(basis, 1) != 0:
            uit.append(Blootstelling(antwoord.fase, antwoord.sleutel, f"metadata.{sleutel}", str(waarde), int(waarde)))
    return uit


def lees(antwoord: Antwoord, geo: Geografie) -> Gelezen:
    """The cells, rates and exposures of one response."""
    uit = Gelezen()
    tabel = antwoord.tabel
    if tabel is None:
        return uit
    uit.blootstellingen = blootstellingen(antwoord)
    meta = tabel["metadata"]
    p = antwoord.params
    soort = p.get("soort", "overzicht")
    basis_geo = meta.get("gebiedsbasis") or p.get("gebiedsbasis", "plaats_delict")
    kolommen = [k["sleutel"] for k in tabel["kolommen"]]
    ksoort = {k["sleutel"]: k["soort"] for k in tabel["kolommen"]}
    klabel = {k["sleutel"]: k["label"] for k in tabel["kolommen"]}
    beveiligd = bool(meta.get("beveiligd", True))
    drempel = int(meta.get("drempel") or 0)
    afronding = int(meta.get("afrondingsbasis") or 1)
    stand = str(meta.get("gegevensstand", ""))
    vorm = _vorm_voorwaarde(p.get("vorm"))

    sleutel = antwoord.sleutel

    def cel(rij: str, kolom: str, c: Mapping[str, Any], predikaat: Predikaat, *, zonder: bool = False) -> Cel:
        return Cel(antwoord.fase, stand, sleutel, str(tabel["id"]), rij, kolom, predikaat,
                   str(c["markering"]), c.get("waarde"), str(c.get("tekst", "")), beveiligd, drempel, afronding,
                   zonder)  # fmt: skip

    def rijen() -> Iterator[dict[str, Mapping[str, Any]]]:
        for rij in tabel["rijen"]:
            yield dict(zip(kolommen, rij, strict=True))

    try:
        if soort == "overzicht":
            periode = _periode_voorwaarde(p["periode"])
            for r in rijen():
                code = r["gebiedscode"]["tekst"]
                gebied = geo.voorwaarde(code, basis_geo)
                c = cel(code, "aantal", r["aantal"], _predikaat(gebied, periode, vorm))
                uit.cellen.append(c)
                if "per_100k" in r and r["per_100k"].get("waarde") is not None:
                    uit.afgeleid.append(Afgeleid(antwoord.fase, antwoord.sleutel, "per_100k",
                                                 float(r["per_100k"]["waarde"]), c,
                                                 inwoners=geo.inwoners(code) if basis_geo == "plaats_delict"
                                                 else None))  # fmt: skip
        elif soort == "uitsplitsing":
            periode = _periode_voorwaarde(p["periode"])
            u = p["uitsplitsing"]
            codes = [r["categorie"]["tekst"] for r in rijen()]
            top = frozenset(codes) - {TOTAAL, ONBEKEND, OVERIG}
            telcellen: dict[tuple[str, str], Cel] = {}
            for r in rijen():
                code = r["categorie"]["tekst"]
                categorie = categorie_voorwaarde(u, code, top)
                for k in kolommen:
                    if ksoort[k] != "aantal":
                        continue
                    gebied = geo.voorwaarde(k.removeprefix("aantal_"), basis_geo)
                    extra = _met_filter(vorm, categorie)
                    if extra is None:
                        continue  # filter and category together: a form combination, see README
                    c = cel(code, k, r[k], _predikaat(gebied, periode, *extra))
                    uit.cellen.append(c)
                    telcellen[(code, k)] = c
            for r in rijen():
                code = r["categorie"]["tekst"]
                for k in kolommen:
                    if ksoort[k] == "aandeel" and r[k].get("waarde") is not None:
                        teller = telcellen.get((code, "aantal_" + k.removeprefix("aandeel_")))
                        noemer = telcellen.get((TOTAAL, "aantal_" + k.removeprefix("aandeel_")))
                        if teller is not None:
                            uit.afgeleid.append(Afgeleid(antwoord.fase, antwoord.sleutel, "aandeel",
                                                         float(r[k]["waarde"]), teller, noemer))  # fmt: skip
        elif soort == "reeks":
            for r in rijen():
                label = r["periode"]["tekst"]
                periode = Voorwaarde(KWARTAAL, "in", kwartalen(label))
                for k in kolommen:
                    if ksoort[k] != "aantal":
                        continue
                    code = k.removeprefix("aantal_")
                    c = cel(label, k, r[k], _predikaat(geo.voorwaarde(code, basis_geo), periode, vorm))
                    uit.cellen.append(c)
                    rate = r.get("per_100k_" + code)
                    if rate is not None and rate.get("waarde") is not None and basis_geo == "plaats_delict":
                        uit.afgeleid.append(Afgeleid(antwoord.fase, antwoord.sleutel, "per_100k",
                                                     float(rate["waarde"]), c, inwoners=geo.inwoners(code)))  # fmt: skip
        elif soort == "met_zonder":
            mz_uitsplitsing, mz_categorie = p["uitsplitsing"], p["categorie"]
            if mz_uitsplitsing == "nationaliteit" and mz_categorie == OVERIG:
                return uit  # "outside the top list": the table does not say which list (see README)
            gebied = geo.voorwaarde(p.get("gebied", NL), basis_geo)
            for r in rijen():
                groep = r["groep"]["tekst"].strip()
                groep_v: Voorwaarde | None
                if groep.startswith("alleen"):
                    groep_v, zonder = categorie_voorwaarde(mz_uitsplitsing, mz_categorie), False
                elif groep.startswith("zonder"):
                    groep_v, zonder = _zonder_voorwaarde(mz_uitsplitsing, mz_categorie), True
                elif groep.startswith("alle"):
                    groep_v, zonder = None, False
                else:
                    uit.onbegrepen.append(f"{antwoord.sleutel}: rij {groep!r}")
                    continue
                for k in kolommen:
                    if ksoort[k] != "aantal":
                        continue
                    periode = Voorwaarde(KWARTAAL, "in", kwartalen(klabel[k]))
                    uit.cellen.append(cel(groep, k, r[k], _predikaat(gebied, periode, groep_v), zonder=zonder))
        elif soort == "kwaliteit":
            periode = _periode_voorwaarde(p["periode"])
            dim = SOORT if p.get("groep") == "melder_soort" else REGIO
            kolom_voorwaarde = {
                "meldingen": None,
                "plaats_delict_onbekend": Voorwaarde(PLAATS, "in", frozenset({ONBEKEND})),
                "werkwijze_onbekend": Voorwaarde("werkwijze", "geen"),
                "nationaliteit_onbekend": Voorwaarde("nationaliteit", "geen"),
            }
            for r in rijen():
                code = r["groep"]["tekst"]
                rij_v = None if code == TOTAAL else Voorwaarde(dim, "in", frozenset({code}))
                for k in kolommen:
                    if ksoort[k] != "aantal":
                        continue
                    if k not in kolom_voorwaarde:
                        uit.onbegrepen.append(f"{antwoord.sleutel}: kolom {k}")
                        continue
                    uit.cellen.append(cel(code, k, r[k], _predikaat(rij_v, periode, kolom_voorwaarde[k])))
        else:
            uit.onbegrepen.append(f"{antwoord.sleutel}: soort {soort}")
    except (KeyError, ValueError) as exc:
        uit.onbegrepen.append(f"{antwoord.sleutel}: {type(exc).__name__} {exc}")
    return uit


def _met_filter(vorm: Voorwaarde | None, categorie: Voorwaarde | None) -> tuple[Voorwaarde | None, ...] | None:
    """Filter and category together; None when they restrict the form in two different ways (then the cell
    counts a combination of forms the attacker's dimensions do not hold)."""
    if vorm is None or categorie is None or categorie.dim != VORM:
        return (vorm, categorie)
    if vorm == categorie:
        return (vorm,)
    return None


def lees_alles(verzamelingen: Iterable[Verzameling], geo: Geografie) -> Gelezen:
    """Every cell of every response."""
    uit = Gelezen()
    for v in verzamelingen:
        for a in v.antwoorden:
            g = lees(a, geo)
            uit.cellen += g.cellen
            uit.afgeleid += g.afgeleid
            uit.blootstellingen += g.blootstellingen
            uit.onbegrepen += g.onbegrepen
    return uit
