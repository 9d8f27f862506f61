# SPDX-License-Identifier: EUPL-1.2
"""Validate one raw melding (from a file row, a form or the API) against the codebook and reference data.

The result is either a :class:`~zicht.domain.MeldingInvoer` or the complete list of problems, each with the
column, the offending value and the reason in Dutch and English. The offending value of an identifying
column is never repeated (``<identificerend gegeven>``), so error reports and logs stay free of personal data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from zicht.codebook import Codelijst, UnknownCode, codelijst
from zicht.domain import (
    ONBEKENDE_PLAATS,
    Identiteitsgegevens,
    MeldingInvoer,
    Plaats,
    RouteStap,
    Uitbuiting,
    leeftijd_op,
)
from zicht.intake.columns import IDENTIFICERENDE_KOLOMMEN, KOLOMMEN
from zicht.intake.kolom import Kolom, Soort
from zicht.reference import AmbiguousName, Referentiedata, UnknownPlace

REDACTED = "<identificerend gegeven>"
RawValue = str | int | float | date | Sequence[Any] | None
_DATE_PATTERNS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NL_DATE = re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{4}\Z")
_CODES_CACHE_MAX = 50_000
#: Control characters, and the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
#: that make a name or reference display as something else (``\u202eJansen``).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Whole numbers longer than this many bits (about 4,200 digits) cannot safely be turned into text (Python
#: refuses over 4,300 digits) and are no value of any column.
_MAX_INT_BITS = 14_000
#: Most route events one melding can hold (the registry numbers them with a small integer).
MAX_ROUTESTAPPEN = 100


@dataclass(frozen=True, slots=True)
class Fout:
    """One problem with one value: column, offending value (redacted when identifying), code and reasons."""

    kolom: str
    waarde: str | None
    code: str
    reden_nl: str
    reden_en: str

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kolom": self.kolom,
            "waarde": self.waarde,
            "code": self.code,
            "reden_nl": self.reden_nl,
            "reden_en": self.reden_en,
        }


@dataclass
class _Errors:
    items: list[Fout] = field(default_factory=list)

    def add(self, kolom: str, waarde: object, code: str, nl: str, en: str) -> None:
        self.items.append(Fout(kolom, veilig_getoond(kolom, waarde), code, nl, en))


#: A number someone could be identified by (phone, document or citizen service number): six or more digits,
#: possibly with separators; and an e-mail address. Masked in reports even in non-identifying columns, where
#: they end up by mistake (a phone number typed into the age column).
_NUMMER = re.compile(r"\+?\d(?:[\s().-]*\d){5,}")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_DATUMVORM = re.compile(r"\s*\d{1,4}([-/.])\d{1,2}\1\d{1,4}\s*\Z")
NUMMER_VERBORGEN = "<nummer>"
EMAIL_VERBORGEN = "<e-mailadres>"
#: A value that could be a name or free text (a family name in the nationality column of a file whose header
#: has two columns swapped): the report names the column and the reason, not the value.
NAAM_VERBORGEN = "<waarde verborgen: lijkt op een naam of tekst>"
#: A real calendar date outside the identifying columns (a date of birth in the report-date column).
DATUM_VERBORGEN = "<datum verborgen>"
#: Every value of a column whose content does not fit its header (most of its values rejected), set on the
#: whole report by :meth:`zicht.intake.importer.ImportRapport.verberg_misplaatste_kolommen`.
KOLOM_VERBORGEN = "<waarde verborgen: past niet bij de kolom>"
VERBORGEN = frozenset({REDACTED, NAAM_VERBORGEN, DATUM_VERBORGEN, KOLOM_VERBORGEN})
_CODELIJST_VAN = {k.naam: k.codelijst for k in KOLOMMEN if k.codelijst}
#: The order fields are read in: as declared, the fields that live only in the identity last.
_VOLGORDE = tuple(k for k in KOLOMMEN if k.opslag is not None) + tuple(k for k in KOLOMMEN if k.opslag is None)
#: The start of a period, by the name of the field that ends it.
_BEGIN_VAN = {k.einde: k for k in KOLOMMEN if k.einde}
#: The sectors, read together with the forms of exploitation they belong to.
_SECTOR = next((k for k in KOLOMMEN if k.soort is Soort.sector), None)
#: What a reader returns for a field another reader already took care of.
_AL_GELEZEN = object()


class _Stand:
    """One melding being read: the raw values, the problems so far, and what was read: ``waarden`` by the name
    each is stored under (:class:`MeldingInvoer`'s attributes and ``velden``), ``identiteit`` by attribute of
    :class:`Identiteitsgegevens`."""

    __slots__ = ("err", "geboorte_kolom", "geboortedatum", "geboortejaar", "identiteit", "raw", "waarden")

    def __init__(self, raw: Mapping[str, RawValue], err: _Errors) -> None:
        self.raw, self.err = raw, err
        self.waarden: dict[str, object] = {}
        self.identiteit: dict[str, object] = {}
        self.geboorte_kolom = ""
        self.geboortedatum: date | None = None
        self.geboortejaar: int | None = None


def lijkt_op_naam(text: str) -> bool:
    """Whether ``text`` could be (part of) a name or free text, judged by its words (runs of letters):
    a capitalised word (``Jansen``, ``de Vries``, ``McBride``, ``Atlantis``), a word of four or more capitals
    (``JANSEN``), or three or more words. Codes (``seksueel``, ``NL``, ``GM0344``), numbers and misspelt codes
    in lower case (``zeeroverij``) are not."""
    woorden = _LETTERS.findall(text)
    if len(woorden) >= 3:
        return True
    for w in woorden:
        if len(w) >= 2 and w[0].isupper() and any(c.islower() for c in w[1:]):
            return True
        if len(w) >= 4 and w.isupper():
            return True
    return False


def _is_code(kolom: str, text: str) -> bool:
    """Every ``;``-separated part of ``text`` is a code (or label, or synonym) of ``kolom``'s code list."""
    lijst = _CODELIJST_VAN.get(kolom)
    if lijst is None:
        return False
    delen = [d.strip() for d in text.split(";") if d.strip()]
    if not delen:
        return False
    try:
        codes = codelijst(lijst)
        for deel in delen:
            codes.resolve(deel)
    except UnknownCode:
        return False
    return True


def veilig_getoond(kolom: str, waarde: object) -> str | None:
    """How an offending value may be repeated in a report, an error message or a log.

    A report echoes a value only when it can vouch that the value identifies nobody, whatever the file's
    header says (columns may be swapped: family names under ``nationaliteit``):

    - identifying columns: never (``<identificerend gegeven>``);
    - a real calendar date in any other column: never (``<datum verborgen>``: it may be a date of birth); an
      impossible date such as ``31-02-2024`` stays visible, so a date error can be found;
    - a value that looks like a name or free text (:func:`lijkt_op_naam`): never
      (``<waarde verborgen: lijkt op een naam of tekst>``), unless it is a code of the column's code list
      (``Seksueel;Arbeid`` where one value is allowed);
    - anything else: at most 80 characters, with anything that looks like a phone, document or citizen service
      number or an e-mail address masked.

    A column most of whose values are rejected is masked as a whole on the report (see
    :meth:`zicht.intake.importer.ImportRapport.verberg_misplaatste_kolommen`).
    """
    if waarde is None:
        return None
    if kolom in IDENTIFICERENDE_KOLOMMEN:
        return None if waarde == "" else REDACTED
    if isinstance(waarde, date):
        return DATUM_VERBORGEN
    text = str(waarde)[:80]
    if text in VERBORGEN:
        return text
    if _parse_date(text.strip()) is not None:
        return DATUM_VERBORGEN
    if not _DATUMVORM.match(text):  # an impossible date stays as it is, not a number
        text = _EMAIL.sub(EMAIL_VERBORGEN, _NUMMER.sub(NUMMER_VERBORGEN, text))
    if lijkt_op_naam(text) and not _is_code(kolom, str(waarde)):
        return NAAM_VERBORGEN
    return text


class Validator:
    """Validates raw meldingen for one reporting organisation. Reuse one instance for a whole file: look-ups
    of codes and places are cached."""

    def __init__(self, reference: Referentiedata, melder_soort: str, vandaag: date | None = None) -> None:
        self.reference = reference
        self.melder_soort = melder_soort
        self.vandaag = vandaag or date.today()
        self._cache: dict[tuple[str, str], str | UnknownCode] = {}
        self._plaats_cache: dict[str, Plaats | tuple[str, str, str]] = {}
        self._codes_cache: dict[tuple[str, str | None, str], tuple[tuple[str, ...], tuple[Fout, ...]]] = {}
        self._lists: dict[str, Codelijst] = {k.codelijst: codelijst(k.codelijst) for k in KOLOMMEN if k.codelijst}
        self._lists["route_soort"] = codelijst("route_soort")
        self._standaard = {k.naam: k.standaard_voor(melder_soort) for k in KOLOMMEN if k.codelijst}
        self._lezers: dict[Soort, Callable[[Kolom, _Stand], object]] = {
            Soort.tekst: self._lees_tekst,
            Soort.datum: self._lees_datum,
            Soort.code: self._lees_code,
            Soort.codes: self._lees_codes,
            Soort.plaats: self._lees_plaats,
            Soort.nummers: self._lees_nummers,
            Soort.uitbuiting: self._lees_uitbuiting,
            Soort.sector: self._lees_sector,
            Soort.geboorte: self._lees_geboorte,
            Soort.leeftijd: self._lees_leeftijd,
            Soort.route: self._lees_route,
        }
        #: Per field: its reader, and where the value goes (the identity, or the melding under its stored name).
        self._plan = tuple(
            (self._lezers[k.soort], k, k.opslag is None, (k.identiteit if k.opslag is None else k.opgeslagen_als) or "")
            for k in _VOLGORDE
            if k.soort is not Soort.sector  # read with the forms of exploitation
        )

    # ---- public -----------------------------------------------------------------------------------------

    def validate(self, raw: Mapping[str, RawValue]) -> MeldingInvoer | list[Fout]:
        """Validate one melding given as {column name: raw value}. Unknown keys are ignored here (the file
        reader rejects unknown columns for the whole file).

        Every declared field (:data:`zicht.intake.columns.KOLOMMEN`) is read by the handler of its kind, in
        declaration order; the fields that live only in the identity come last."""
        err = _Errors()
        raw, onbruikbaar = _onbruikbaar_weg(raw, err)
        gemeld = len(err.items)
        st = _Stand(raw, err)
        for lees, k, in_identiteit, naam in self._plan:
            waarde = lees(k, st)
            if waarde is not _AL_GELEZEN:
                (st.identiteit if in_identiteit else st.waarden)[naam] = waarde
        if err.items:
            if onbruikbaar:  # an unusable value is reported once, not again as missing
                return err.items[:gemeld] + [f for f in err.items[gemeld:] if f.kolom not in onbruikbaar]
            return err.items
        return MeldingInvoer(**st.waarden, identiteit=Identiteitsgegevens(**st.identiteit))  # type: ignore[arg-type]

    # ---- one reader per kind of field ------------------------------------------------------------------

    def _lees_tekst(self, k: Kolom, st: _Stand) -> object:
        waarde = st.raw.get(k.naam)
        if waarde is None and not k.verplicht:  # nothing given (the common case for identifying texts)
            return None
        return self._text(
            waarde, k.naam, st.err, required=k.verplicht, max_len=k.max_lengte or 5000, multiline=k.meerregelig
        )

    def _lees_datum(self, k: Kolom, st: _Stand) -> object:
        datum = self._date(st.raw.get(k.naam), k.naam, st.err, required=k.verplicht)
        if datum is None or not (k.min_jaar or k.naam in _BEGIN_VAN):
            return datum
        if k.min_jaar is not None and datum.year < k.min_jaar:
            st.err.add(
                k.naam,
                st.raw.get(k.naam),
                "buiten_bereik",
                f"{k.naam} ligt voor {k.min_jaar}",
                f"{k.en.lower()} is before {k.min_jaar}",
            )
        begin = _BEGIN_VAN.get(k.naam)
        if begin is not None and begin.periode_fout is not None:
            van = st.waarden.get(begin.kolomnaam)
            if isinstance(van, date) and van > datum:
                st.err.add(k.naam, st.raw.get(k.naam), "periode_omgekeerd", *begin.periode_fout)
        return datum

    def _lees_code(self, k: Kolom, st: _Stand) -> object:
        waarde = st.raw.get(k.naam)
        codes = self._codes(waarde, k.naam, st.err, k.codelijst)
        if len(codes) > 1:
            st.err.add(k.naam, waarde, "een_waarde", "slechts één waarde toegestaan", "only one value allowed")
            return None
        return codes[0] if codes else self._standaard[k.naam]

    def _lees_codes(self, k: Kolom, st: _Stand) -> object:
        codes = self._codes(st.raw.get(k.naam), k.naam, st.err, lijst=k.codelijst) or [k.standaard]
        return tuple(_drop_onbekend(codes))

    def _lees_plaats(self, k: Kolom, st: _Stand) -> object:
        return self._plaats(st.raw.get(k.naam), k.naam, st.err)

    def _lees_nummers(self, k: Kolom, st: _Stand) -> object:
        waarde = st.raw.get(k.naam)
        if waarde is None:
            return ()
        nummers = []
        for deel in self._list(waarde):
            if k.controle is not None and not k.controle.geldig(deel):
                st.err.add(k.naam, deel, k.controle.code, k.controle.nl, k.controle.en)
            else:
                nummers.append(deel)
        return tuple(nummers)

    def _lees_uitbuiting(self, k: Kolom, st: _Stand) -> object:
        """The forms of exploitation together with their sectors (a sector implies its form)."""
        vormen = self._codes(st.raw.get(k.naam), k.naam, st.err, lijst=k.codelijst)
        sector = _SECTOR
        sectoren = [] if sector is None else self._codes(st.raw.get(sector.naam), sector.naam, st.err, sector.codelijst)
        return self._uitbuitingen(k, vormen, sectoren, st.raw, st.err)

    def _lees_sector(self, k: Kolom, st: _Stand) -> object:
        """Read with the forms of exploitation (:meth:`_lees_uitbuiting`); not in the plan."""
        return _AL_GELEZEN

    def _lees_geboorte(self, k: Kolom, st: _Stand) -> object:
        """The birth year for the melding row; the date of birth itself only for the identity."""
        melddatum = st.waarden.get("melddatum")
        st.geboortedatum, st.geboortejaar = self._geboorte(
            st.raw.get(k.naam), k.naam, melddatum if isinstance(melddatum, date) else None, st.err
        )
        st.geboorte_kolom = k.naam
        if k.identiteit is not None:
            st.identiteit[k.identiteit] = st.geboortedatum
        return st.geboortejaar

    def _lees_leeftijd(self, k: Kolom, st: _Stand) -> object:
        melddatum = st.waarden.get("melddatum")
        return self._leeftijd(
            st.raw.get(k.naam),
            k.naam,
            st.geboorte_kolom,
            st.geboortedatum,
            st.geboortejaar,
            melddatum if isinstance(melddatum, date) else None,
            st.err,
        )

    def _lees_route(self, k: Kolom, st: _Stand) -> object:
        return tuple(self._route(st.raw.get(k.naam), k.naam, st.err))

    # ---- helpers ----------------------------------------------------------------------------------------

    @staticmethod
    def _list(value: RawValue) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            parts = value.split(";")
        elif isinstance(value, list | tuple):
            parts = [str(v) for v in value if v is not None]
        else:
            parts = [str(value)]
        return [p.strip() for p in parts if p.strip()]

    def _text(
        self,
        value: RawValue,
        kolom: str,
        err: _Errors,
        *,
        required: bool = False,
        max_len: int,
        multiline: bool = False,
    ) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                err.add(kolom, None, "verplicht", "verplicht veld is leeg", "required field is empty")
            return None
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if len(text) > max_len:
            err.add(kolom, text, "te_lang", f"langer dan {max_len} tekens", f"longer than {max_len} characters")
            return None
        checked = text.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else text
        if _CONTROL.search(checked) or (not multiline and ("\n" in text or "\r" in text)):
            err.add(kolom, text, "ongeldige_tekens", "bevat stuurtekens", "contains control characters")
            return None
        return text

    def _date(self, value: RawValue, kolom: str, err: _Errors, *, required: bool = False) -> date | None:
        if isinstance(value, datetime):
            value = value.date()
        parsed: date | None
        if isinstance(value, date):
            parsed = value
        elif value is None or (isinstance(value, str) and not value.strip()):
            if required:
                err.add(kolom, None, "verplicht", "verplicht veld is leeg", "required field is empty")
            return None
        else:
            parsed = _parse_date(str(value).strip())
            if parsed is None:
                err.add(
                    kolom, value, "ongeldige_datum", "geen geldige datum (JJJJ-MM-DD)", "not a valid date (YYYY-MM-DD)"
                )
                return None
        if parsed > self.vandaag:
            err.add(kolom, value, "toekomst", "datum ligt in de toekomst", "date is in the future")
            return None
        return parsed

    def _resolve(self, lijst: str, value: str) -> str | UnknownCode:
        key = (lijst, value)
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = self._lists[lijst].resolve(value)
            except UnknownCode as exc:
                hit = exc
            self._cache[key] = hit
        return hit

    def _codes(self, value: RawValue, kolom: str, err: _Errors, lijst: str | None = None) -> list[str]:
        # Files repeat the same cells over and over: remember the outcome per (column, list, text).
        key = (kolom, lijst, value) if isinstance(value, str) else None
        if key is not None:
            hit = self._codes_cache.get(key)
            if hit is not None:
                err.items.extend(hit[1])
                return list(hit[0])
        before = len(err.items)
        result = self._codes_uncached(value, kolom, err, lijst)
        if key is not None and len(self._codes_cache) < _CODES_CACHE_MAX:
            self._codes_cache[key] = (tuple(result), tuple(err.items[before:]))
        return result

    def _codes_uncached(self, value: RawValue, kolom: str, err: _Errors, lijst: str | None) -> list[str]:
        result: list[str] = []
        for part in self._list(value):
            hit = self._resolve(lijst or kolom, part)
            if isinstance(hit, UnknownCode):
                hint_nl = f"; bedoelde u {' of '.join(hit.suggestions)}?" if hit.suggestions else ""
                hint_en = f"; did you mean {' or '.join(hit.suggestions)}?" if hit.suggestions else ""
                err.add(
                    kolom,
                    part,
                    "onbekende_code",
                    f"onbekende waarde voor {kolom}{hint_nl}",
                    f"unknown value for {kolom}{hint_en}",
                )
            elif hit not in result:
                result.append(hit)
        return result

    def _uitbuitingen(
        self, k: Kolom, vormen: list[str], sectoren: list[str], raw: Mapping[str, RawValue], err: _Errors
    ) -> tuple[Uitbuiting, ...]:
        sector_kolom = _SECTOR.naam if _SECTOR is not None else ""
        sector_list = self._lists[_SECTOR.codelijst] if _SECTOR is not None and _SECTOR.codelijst else None
        vormen = list(vormen)
        for sector in sectoren:
            ouder = sector_list[sector].ouder if sector_list is not None and sector != "onbekend" else None
            if ouder and ouder not in vormen:
                if not vormen or vormen == ["onbekend"]:
                    vormen = [ouder]
                else:
                    err.add(
                        sector_kolom,
                        raw.get(sector_kolom),
                        "sector_past_niet",
                        f"sector {sector} hoort niet bij de opgegeven uitbuitingsvorm",
                        f"sector {sector} does not belong to the given form of exploitation",
                    )
        if not vormen:
            if self._list(raw.get(k.naam)):
                return ()  # the given values were unknown codes, already reported
            err.add(
                k.naam,
                raw.get(k.naam),
                "verplicht",
                "verplicht veld is leeg (vul 'onbekend' in als de vorm niet bekend is)",
                "required field is empty (use 'onbekend' when the form is unknown)",
            )
            return ()
        vormen = _drop_onbekend(vormen)
        result: list[Uitbuiting] = []
        for vorm in vormen:
            eigen = [
                s for s in sectoren if s != "onbekend" and sector_list is not None and sector_list[s].ouder == vorm
            ]
            result.extend(Uitbuiting(vorm, s) for s in eigen or ["onbekend"])
        return tuple(result)

    def _plaats(self, value: RawValue, kolom: str, err: _Errors) -> Plaats:
        text = "" if value is None else str(value).strip()
        if not text or text.lower() == "onbekend" or text.lower() == "unknown":
            return ONBEKENDE_PLAATS
        hit = self._plaats_cache.get(text)
        if hit is None:
            hit = self._lookup_plaats(text)
            self._plaats_cache[text] = hit
        if isinstance(hit, tuple):
            err.add(kolom, text, *hit)
            return ONBEKENDE_PLAATS
        return hit

    def _lookup_plaats(self, text: str) -> Plaats | tuple[str, str, str]:
        try:
            return Plaats.in_gemeente(self.reference.gemeente(text).code)
        except AmbiguousName as exc:
            return (
                "dubbelzinnig",
                f"meerdere gemeenten heten zo: {', '.join(exc.candidates)}",
                f"several gemeenten have this name: {', '.join(exc.candidates)}",
            )
        except UnknownPlace:
            pass
        land = self._resolve("land", text)
        if isinstance(land, UnknownCode) or land in ("onbekend", "staatloos"):
            return ("onbekende_plaats", "geen gemeente (indeling 2023) of land", "not a gemeente (2023) or country")
        if land == "NL":
            return ("gemeente_nodig", "geef de gemeente op, of 'onbekend'", "give the gemeente, or 'onbekend'")
        return Plaats.in_land(land)

    def _geboorte(
        self, value: RawValue, kolom: str, melddatum: date | None, err: _Errors
    ) -> tuple[date | None, int | None]:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, None
        text = str(value).strip()
        if isinstance(value, int | float) or re.fullmatch(r"\d{4}", text):
            jaar = _geheel(text)
            if jaar is None or not 1900 <= jaar <= self.vandaag.year:
                err.add(kolom, text, "buiten_bereik", "geboortejaar buiten bereik", "birth year out of range")
                return None, None
            return None, jaar
        parsed = self._date(value, kolom, err)
        if parsed is None:
            return None, None
        if parsed.year < 1900 or (melddatum is not None and parsed > melddatum):
            err.add(
                kolom,
                text,
                "buiten_bereik",
                "geboortedatum ligt na de melddatum of voor 1900",
                "date of birth is after the report date or before 1900",
            )
            return None, None
        return parsed, parsed.year

    def _leeftijd(
        self,
        value: RawValue,
        kolom: str,
        geboorte_kolom: str,
        geboortedatum: date | None,
        geboortejaar: int | None,
        melddatum: date | None,
        err: _Errors,
    ) -> int | None:
        berekend: int | None = None
        if melddatum is not None:
            if geboortedatum is not None:
                berekend = leeftijd_op(geboortedatum, melddatum)
            elif geboortejaar is not None:
                berekend = max(0, melddatum.year - geboortejaar - 1)  # lower bound: birthday may be later
        if berekend is not None and berekend > 120:  # the registry holds ages 0-120 (ck_melding_leeftijd)
            err.add(
                geboorte_kolom,
                geboortedatum or geboortejaar,
                "buiten_bereik",
                "leeftijd bij de melding zou boven 120 liggen",
                "age at the report would be above 120",
            )
            return None
        if value is None or (isinstance(value, str) and not value.strip()):
            return berekend
        leeftijd = _geheel(str(value).strip())
        if leeftijd is None:  # also inf, nan, 1e999 and 10**400 (no OverflowError reaches the caller)
            err.add(kolom, value, "geen_getal", "geen geheel getal", "not a whole number")
            return None
        if not 0 <= leeftijd <= 120:
            err.add(
                kolom,
                value,
                "buiten_bereik",
                "leeftijd moet tussen 0 en 120 liggen",
                "age must be between 0 and 120",
            )
            return None
        if berekend is not None and abs(berekend - leeftijd) > 1:
            err.add(
                kolom,
                value,
                "tegenstrijdig",
                "leeftijd past niet bij de geboortedatum",
                "age does not match the date of birth",
            )
            return None
        return berekend if berekend is not None else leeftijd

    def _route(self, value: RawValue, kolom: str, err: _Errors) -> list[RouteStap]:
        stappen: list[RouteStap] = []
        parts = self._list(value)
        if len(parts) > MAX_ROUTESTAPPEN:
            err.add(
                kolom,
                None,
                "te_veel",
                f"meer dan {MAX_ROUTESTAPPEN} gebeurtenissen op de route",
                f"more than {MAX_ROUTESTAPPEN} events on the route",
            )
            return stappen
        for part in parts:
            pieces = [p.strip() for p in part.split(":")]
            if len(pieces) not in (2, 3):
                err.add(
                    kolom,
                    part,
                    "ongeldige_route",
                    "verwacht soort:plaats of soort:plaats:datum",
                    "expected kind:place or kind:place:date",
                )
                continue
            soort = self._resolve("route_soort", pieces[0])
            if isinstance(soort, UnknownCode):
                err.add(
                    kolom,
                    part,
                    "onbekende_code",
                    "soort moet werving, transit of uitbuiting zijn",
                    "kind must be werving, transit or uitbuiting",
                )
                continue
            plaats = self._plaats(pieces[1], kolom, err)
            datum = self._date(pieces[2], kolom, err) if len(pieces) == 3 and pieces[2] else None
            stappen.append(RouteStap(soort, plaats, datum))
        return stappen


def _onbruikbaar_weg(raw: Mapping[str, RawValue], err: _Errors) -> tuple[Mapping[str, RawValue], frozenset[str]]:
    """``raw`` without the values no column can hold, each reported: text with lone surrogates (a JSON string
    may hold them, UTF-8 and so the database cannot) and numbers too long to write as text."""
    slecht: list[str] = []
    for kolom, waarde in raw.items():
        delen = waarde if isinstance(waarde, list | tuple) else (waarde,)
        for deel in delen:
            if isinstance(deel, str) and not deel.isascii() and _SURROGATE.search(deel):
                err.add(
                    kolom,
                    _SURROGATE.sub("\ufffd", deel),
                    "codering",
                    "bevat tekens die geen geldige Unicode zijn",
                    "contains characters that are not valid Unicode",
                )
            elif isinstance(deel, int) and deel.bit_length() > _MAX_INT_BITS:
                err.add(kolom, None, "buiten_bereik", "getal is veel te groot", "number is far too large")
            else:
                continue
            slecht.append(kolom)
            break
    if not slecht:
        return raw, frozenset()
    return {k: (None if k in slecht else v) for k, v in raw.items()}, frozenset(slecht)


def _geheel(text: str) -> int | None:
    """A whole number written as ``34``, ``34.0`` or ``3.4e1``; None for anything else, including fractions,
    ``inf``, ``nan`` and numbers too large for a float."""
    try:
        getal = float(text)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(getal) or not getal.is_integer():
        return None
    return int(getal)


def _parse_date(text: str) -> date | None:
    head = text[:10]
    # Fast paths for the two documented forms; anything else (or an impossible date) takes the general loop,
    # which gives the same result for these forms.
    try:
        if _ISO_DATE.match(head):
            return date.fromisoformat(head)
        if _NL_DATE.match(head):
            return date(int(head[6:10]), int(head[3:5]), int(head[0:2]))
    except ValueError:
        pass
    for pattern in _DATE_PATTERNS:
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


def _drop_onbekend(codes: list[str]) -> list[str]:
    """``onbekend`` only stands alone: with a known value beside it, it adds nothing."""
    known = [c for c in codes if c != "onbekend"]
    return known or ["onbekend"]
