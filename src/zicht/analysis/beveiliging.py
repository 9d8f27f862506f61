# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control of whole publication families, on top of :mod:`zicht.privacy.disclosure`.

A *family* is every cell that is published for one population (period, unit, area basis, filter) and one
split of it, at every area level at once, so that a gemeente cannot be recovered from its region minus the
other gemeenten. Area levels form a lattice, not a chain: a veiligheidsregio lies in one politie-eenheid
*and* one provincie, which are not nested. :func:`rooster_structuur` therefore builds the release structure
for any set of levels that each group a finer level, merging areas that are the same set of gemeenten
(Limburg the province and Limburg the police unit) into one cell. Primary and secondary suppression,
rounding and the audit are the disclosure library's (``protect_release``, ``audit_release``); nothing here
decides what is small.

Families share their area totals: the totals family is authoritative, and a breakdown family is protected
with the totals family's cells as *fixed* cells (:func:`beveilig_familie` with ``vast``): the disclosure
library keeps their markers and values and protects the breakdown around them, so every page shows the
same total for an area and no combination of the two families gives a hidden count away. Protection is a pure function of the counts and the policy, so results are cached by a hash of
their input: a past year is protected once, however often the registry changes.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from zicht.privacy.disclosure import Cell, CellKey, DisclosurePolicy
from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.inputs import evaluate
from zicht.privacy.disclosure.primary import make_cell
from zicht.privacy.disclosure.secondary import DisclosureError, protect_release
from zicht.privacy.disclosure.structure import NATIONAL, Structure


@dataclass(frozen=True)
class Niveau:
    """One area level of a family.

    Attributes:
        naam: The level's name (``gemeente``, ``veiligheidsregio``, ...).
        rijen: The areas of this level.
        van: The finer level whose rows this level groups (None for the finest level).
        groepering: Row of ``van`` -> row of this level.
        uitsplitsing: Whether the categories are published at this level (False: totals only).
        kolomcellen: Whether the level has category cells at all. Without them (a totals-only finest
            level) the level only links its totals to the next level; its never-published breakdown is left
            out of the release, which keeps the attacker's LP small (see ``docs/statistieken.md``).
    """

    naam: str
    rijen: tuple[str, ...]
    van: str | None = None
    groepering: Mapping[str, str] | None = None
    uitsplitsing: bool = True
    kolomcellen: bool = True


class _Bouwer:
    """Collects cells and relations; ``bouw`` merges cells that are equal by construction."""

    def __init__(self) -> None:
        self.gewicht: dict[CellKey, float] = {}
        self.verborgen: set[CellKey] = set()
        self.relaties: list[tuple[CellKey, list[CellKey]]] = []
        self.groepen: list[tuple[CellKey, list[CellKey]]] = []

    def cel(self, key: CellKey, gewicht: float, *, verborgen: bool = False) -> CellKey:
        self.gewicht[key] = max(gewicht, self.gewicht.get(key, 0.0))
        if verborgen:
            self.verborgen.add(key)
        return key

    def bouw(self, vast: frozenset[CellKey] = frozenset()) -> Structure:
        volgorde = list(self.gewicht)
        rang = {k: i for i, k in enumerate(volgorde)}
        ouder = {k: k for k in volgorde}

        def vind(k: CellKey) -> CellKey:
            while ouder[k] != k:
                ouder[k] = ouder[ouder[k]]
                k = ouder[k]
            return k

        def voeg(a: CellKey, b: CellKey) -> None:
            ra, rb = vind(a), vind(b)
            if ra != rb:
                houd, weg = (ra, rb) if rang[ra] < rang[rb] else (rb, ra)
                ouder[weg] = houd

        veranderd = True
        while veranderd:  # merge one-part relations, then relations that became identical, until stable
            veranderd = False
            gezien: dict[tuple[CellKey, ...], CellKey] = {}
            for totaal, delen in self.relaties:
                reps = tuple(sorted({vind(d) for d in delen}, key=rang.__getitem__))
                if len(reps) == 1 and vind(totaal) != reps[0]:
                    voeg(totaal, reps[0])
                    veranderd = True
                elif reps in gezien and vind(gezien[reps]) != vind(totaal):
                    voeg(gezien[reps], totaal)
                    veranderd = True
                else:
                    gezien.setdefault(reps, totaal)
        vertegenwoordigers = [k for k in volgorde if vind(k) == k]
        nummer = {k: i for i, k in enumerate(vertegenwoordigers)}
        index = {k: nummer[vind(k)] for k in volgorde}
        gewichten = [0.0] * len(vertegenwoordigers)
        verborgen = set(range(len(vertegenwoordigers)))
        for k in volgorde:
            gewichten[index[k]] = max(gewichten[index[k]], self.gewicht[k])
            if k not in self.verborgen:
                verborgen.discard(index[k])

        def uniek(items: list[tuple[CellKey, list[CellKey]]], minimum: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
            out: dict[tuple[int, tuple[int, ...]], None] = {}
            for t, ds in items:
                delen = tuple(sorted({index[d] for d in ds}))
                if len(delen) >= minimum and index[t] not in delen:
                    out.setdefault((index[t], delen), None)
            return tuple(out)

        return Structure(
            keys=tuple(vertegenwoordigers),
            index=index,
            constraints=uniek(self.relaties, 2),
            groups=uniek(self.groepen, 1),
            hidden=frozenset(verborgen),
            weights=tuple(gewichten),
            fixed=frozenset(index[k] for k in vast if k in index),
        )


@dataclass(frozen=True)
class Splitsing:
    """A group of columns that adds up to the row total.

    An additive breakdown (gender) is one split of all its categories. A multi-valued breakdown (form of
    exploitation) is one split per category: ``seksueel`` and its complement ``niet:seksueel``; the
    complement is never published but is in the release, so differencing the total against a category
    (all persons minus the sexually exploited) is audited like any other hidden cell.

    The group-disclosure rule (one category holds nearly everyone) applies to ``groep``: all columns of an
    additive split; only the category itself in a yes/no split, since "almost nobody in this region was
    recruited online" discloses nothing about a person.

    A split may also divide a *column* instead of the row total (``totaal``): a form-filtered breakdown is
    protected together with the unfiltered one by splitting each unfiltered category cell into "names the
    form" and "does not" (:func:`zicht.analysis.cijfers.uitsplitsing_familie`). Splits whose columns another
    family publishes (``extern``) are in the release only as relations: their cells are fixed where that
    family published them and hidden everywhere else, and they are not part of this family's output.

    Attributes:
        kolommen: The columns of the split.
        verborgen: Columns that are never published (complements).
        groep: The columns the group-disclosure rule looks at (default: all; ``()`` for none).
        totaal: The column the split adds up to (None: the row total).
        extern: The columns are published by another family (see above).
    """

    kolommen: tuple[str, ...]
    verborgen: frozenset[str] = frozenset()
    groep: tuple[str, ...] | None = None
    totaal: str | None = None
    extern: bool = False

    @property
    def groepskolommen(self) -> tuple[str, ...]:
        """The columns the group-disclosure rule applies to."""
        return self.kolommen if self.groep is None else self.groep


def complement(kolom: str) -> str:
    """The name of a category's complement column."""
    return f"niet:{kolom}"


def rooster_structuur(
    splitsingen: Sequence[Splitsing], niveaus: Sequence[Niveau], vast: frozenset[CellKey] = frozenset()
) -> Structure:
    """The release structure of nested area levels that may each group any finer level (a lattice).

    Args:
        splitsingen: The column groups that each add up to the row total (one group with one column for a
            totals-only family).
        niveaus: Finest first; every later level names the level it groups (``van``).
        vast: Cells published earlier by another family (the authoritative totals); their markers and
            values cannot change here.

    Returns:
        The structure; national cells have level ``NATIONAL`` (``""``).
    """
    kolommen = sorted({c for sp in splitsingen for c in sp.kolommen} | {sp.totaal for sp in splitsingen if sp.totaal})
    nooit = {c for sp in splitsingen for c in sp.verborgen} | _externe_kolommen(splitsingen)
    b = _Bouwer()
    grof = 1.0 + len(niveaus)
    totaal = b.cel(CellKey(NATIONAL, None, None), 4.0 * grof)
    nationaal = {
        c: b.cel(
            CellKey(NATIONAL, None, c), 2.0 * grof, verborgen=c in nooit and CellKey(NATIONAL, None, c) not in vast
        )
        for c in kolommen
    }
    rijen_van: dict[str, tuple[str, ...]] = {}
    met_kolommen: dict[str, bool] = {}
    for diepte, niveau in enumerate(niveaus):
        gewicht = 1.0 + diepte
        rijen_van[niveau.naam] = tuple(sorted(niveau.rijen))
        met_kolommen[niveau.naam] = niveau.kolomcellen
        for r in rijen_van[niveau.naam]:
            rijtotaal = b.cel(CellKey(niveau.naam, r, None), 2.0 * gewicht)
            if not niveau.kolomcellen:
                continue
            for kolom in kolommen:
                key = CellKey(niveau.naam, r, kolom)
                b.cel(key, gewicht, verborgen=key not in vast and (not niveau.uitsplitsing or kolom in nooit))
            for sp in splitsingen:
                geheel = rijtotaal if sp.totaal is None else CellKey(niveau.naam, r, sp.totaal)
                b.relaties.append((geheel, [CellKey(niveau.naam, r, c) for c in sorted(sp.kolommen)]))
                groep = [CellKey(niveau.naam, r, c) for c in sorted(sp.groepskolommen)]
                if niveau.uitsplitsing and (len(groep) >= 2 or sp.groep is not None):
                    b.groepen.append((geheel, groep))
        if niveau.van is not None:
            groepering = niveau.groepering or {}
            for r in rijen_van[niveau.naam]:
                kinderen = [k for k in rijen_van[niveau.van] if groepering[k] == r]
                kols: list[str | None] = [*kolommen, None] if met_kolommen[niveau.van] else [None]
                for c in kols:
                    b.relaties.append((CellKey(niveau.naam, r, c), [CellKey(niveau.van, k, c) for k in kinderen]))
    boven = niveaus[-1].naam
    for c, cel in nationaal.items():
        b.relaties.append((cel, [CellKey(boven, r, c) for r in rijen_van[boven]]))
    b.relaties.append((totaal, [CellKey(boven, r, None) for r in rijen_van[boven]]))
    for sp in splitsingen:
        geheel = totaal if sp.totaal is None else nationaal[sp.totaal]
        b.relaties.append((geheel, [nationaal[c] for c in sorted(sp.kolommen)]))
        groep = [nationaal[c] for c in sorted(sp.groepskolommen)]
        if len(groep) >= 2 or sp.groep is not None:
            b.groepen.append((geheel, groep))
    return b.bouw(vast)


def _externe_kolommen(splitsingen: Sequence[Splitsing]) -> set[str]:
    """The columns another family publishes (the columns of ``extern`` splits and the columns they split)."""
    return {c for sp in splitsingen if sp.extern for c in (*sp.kolommen, *((sp.totaal,) if sp.totaal else ()))}


@dataclass(frozen=True)
class Beveiligd:
    """The published cells of one family: ``(level, row, column)`` with None for totals; the national
    level is ``""`` with row None."""

    cellen: Mapping[tuple[str, str | None, str | None], Cell]
    kolommen: tuple[str, ...]

    def cel(self, niveau: str, rij: str | None, kolom: str | None) -> Cell | None:
        """A published cell, or None when the family does not publish it."""
        return self.cellen.get((niveau, rij, kolom))

    @cached_property
    def niveaus_met_kolommen(self) -> frozenset[str]:
        """The levels at which category cells are published (``""`` for the national level)."""
        return frozenset(lvl for (lvl, _, kol) in self.cellen if kol is not None)

    def nationaal(self, kolom: str | None = None) -> Cell:
        """A national cell (the grand total when ``kolom`` is None)."""
        return self.cellen[(NATIONAL, None, kolom)]


def _sleutel(
    teller: Mapping[str, Mapping[str, int]],
    niveaus: Sequence[Niveau],
    beleid: DisclosurePolicy,
    vast: Mapping[tuple[str, str | None, str | None], Cell] | None,
    splitsingen: Sequence[Splitsing],
) -> str:
    data = {
        "s": [(sp.kolommen, sorted(sp.verborgen), sp.groep, sp.totaal, sp.extern) for sp in splitsingen],
        "t": sorted((r, sorted(v.items())) for r, v in teller.items()),
        "n": [(n.naam, n.rijen, n.van, sorted((n.groepering or {}).items()), n.uitsplitsing) for n in niveaus],
        "b": [beleid.threshold, beleid.rounding_base, beleid.dominance, beleid.zero_is_safe, beleid.width],
        "v": sorted((json.dumps(k), c.value, str(c.status)) for k, c in (vast or {}).items()),
    }
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


class _Cache:
    """Protected families by input hash; a family that cannot be protected is remembered as its error, so a
    failing request is not recomputed (seconds of LP work) every time it is asked."""

    def __init__(self, grootte: int = 512) -> None:
        self._data: OrderedDict[str, Beveiligd | DisclosureError] = OrderedDict()
        self._grootte = grootte
        self._lock = threading.Lock()

    def get(self, sleutel: str) -> Beveiligd | DisclosureError | None:
        with self._lock:
            if sleutel in self._data:
                self._data.move_to_end(sleutel)
                return self._data[sleutel]
            return None

    def put(self, sleutel: str, waarde: Beveiligd | DisclosureError) -> None:
        with self._lock:
            self._data[sleutel] = waarde
            while len(self._data) > self._grootte:
                self._data.popitem(last=False)


_CACHE = _Cache()
_SCHIJF: list[Path] = []  # the directory of the on-disk cache, when one is set
SCHIJF_MAX = 20_000
_GESCHREVEN = [0]


def zet_schijfcache(map: Path | None) -> None:
    """Keep protected families on disk as well (``<data_dir>/cache/beveiliging``), so a restarted server or
    a CLI run finds what an earlier process computed. The files hold only published cells (rounded values
    and markers), never a true count; they are named by the hash of their input."""
    _SCHIJF.clear()
    if map is not None:
        map.mkdir(parents=True, exist_ok=True)
        _SCHIJF.append(map)


def _van_schijf(sleutel: str) -> Beveiligd | DisclosureError | None:
    if not _SCHIJF:
        return None
    pad = _SCHIJF[0] / f"{sleutel}.json"
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if "fout" in data:
        return DisclosureError(str(data["fout"]))
    cellen = {
        (lvl, rij, kol): Cell(waarde, tekst, CellStatus(status)) for lvl, rij, kol, waarde, tekst, status in data["c"]
    }
    return Beveiligd(cellen, tuple(data["k"]))


def _naar_schijf(sleutel: str, waarde: Beveiligd | DisclosureError) -> None:
    if not _SCHIJF:
        return
    map = _SCHIJF[0]
    if isinstance(waarde, DisclosureError):
        data: dict[str, object] = {"fout": str(waarde)}
    else:
        cellen = [[*k, c.value, c.display, c.status.value] for k, c in waarde.cellen.items()]
        data = {"c": cellen, "k": list(waarde.kolommen)}
    tijdelijk = map / f".{sleutel}.{threading.get_ident()}.tmp"
    try:
        tijdelijk.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tijdelijk.replace(map / f"{sleutel}.json")  # atomic: a reader never sees half a file
        _GESCHREVEN[0] += 1
        if _GESCHREVEN[0] % 500 == 0:  # now and then: keep the newest SCHIJF_MAX files
            bestanden = sorted(map.glob("*.json"), key=lambda p: p.stat().st_mtime)
            for oud in bestanden[: max(0, len(bestanden) - SCHIJF_MAX)]:
                oud.unlink(missing_ok=True)
    except OSError:  # a full or read-only disk costs speed, not correctness
        tijdelijk.unlink(missing_ok=True)


def leeg_cache() -> None:
    """Forget every protected family and detach the disk cache (tests use it to prove protection is
    recomputed identically)."""
    with _CACHE._lock:
        _CACHE._data.clear()
    zet_schijfcache(None)


def beveilig_familie(
    teller: Mapping[str, Mapping[str, int]],
    niveaus: Sequence[Niveau],
    beleid: DisclosurePolicy,
    *,
    splitsingen: Sequence[Splitsing] | None = None,
    vast: Mapping[tuple[str, str | None, str | None], Cell] | None = None,
) -> Beveiligd:
    """Protect one family: true counts at the finest level, published at every level.

    Args:
        teller: ``finest row -> {column: count}`` (every row of the finest level, zeros included), with
            the complement columns of multi-valued splits filled in.
        niveaus: The levels, finest first.
        beleid: The disclosure policy.
        splitsingen: The column groups; default one additive group of all columns.
        vast: Cells published by other families: ``(level, row, column) -> cell`` (column None for the
            authoritative totals; the national grand total under ``("", None, None)``). They are fixed cells
            of this release (the disclosure library keeps their markers and values), so this family's own
            cells are protected together with them.

    Returns:
        The published cells (cached by a hash of the input).
    """
    if splitsingen is None:
        splits: tuple[Splitsing, ...] = (Splitsing(tuple(sorted({c for rij in teller.values() for c in rij}))),)
    else:
        splits = tuple(splitsingen)
    kolommen = tuple(sorted({c for sp in splits for c in sp.kolommen} | {sp.totaal for sp in splits if sp.totaal}))
    extern = _externe_kolommen(splits)
    sleutel = _sleutel(teller, niveaus, beleid, vast, splits)
    klaar = _CACHE.get(sleutel)
    if klaar is None:
        klaar = _van_schijf(sleutel)
        if klaar is not None:
            _CACHE.put(sleutel, klaar)
    if isinstance(klaar, DisclosureError):
        raise DisclosureError(str(klaar))
    if klaar is not None:
        return klaar
    vaste_cellen = {CellKey(lvl, rij, kol): cel for (lvl, rij, kol), cel in (vast or {}).items()}
    structuur = rooster_structuur(splits, niveaus, frozenset(vaste_cellen))
    bladeren = _bladeren(teller, niveaus, kolommen, splits[0].kolommen)
    waarden = evaluate(structuur, bladeren)
    vast_idx = {structuur.index[k]: (cel.status, cel.value) for k, cel in vaste_cellen.items() if k in structuur.index}
    try:
        statussen, gepubliceerd = protect_release(structuur, waarden, beleid, vast_idx)
    except DisclosureError as fout:
        _CACHE.put(sleutel, fout)
        _naar_schijf(sleutel, fout)
        raise
    cellen: dict[tuple[str, str | None, str | None], Cell] = {}
    for key, i in structuur.index.items():
        status = statussen[i]
        if status is not None and key.column not in extern:
            cellen[(key.level, key.row, key.column)] = make_cell(status, gepubliceerd[i], beleid)
    uitkomst = Beveiligd(cellen, tuple(k for k in kolommen if k not in extern))
    _CACHE.put(sleutel, uitkomst)
    _naar_schijf(sleutel, uitkomst)
    return uitkomst


def _bladeren(
    teller: Mapping[str, Mapping[str, int]],
    niveaus: Sequence[Niveau],
    kolommen: Sequence[str],
    eerste_splitsing: Sequence[str],
) -> dict[CellKey, int]:
    """The cells no relation computes: the finest level's cells, or, when the finest level has totals only,
    its totals and the next level's category cells (summed from the finest rows)."""
    fijn = niveaus[0]
    if fijn.kolomcellen:
        return {CellKey(fijn.naam, r, c): int(teller[r].get(c, 0)) for r in fijn.rijen for c in kolommen}
    bladeren = {
        CellKey(fijn.naam, r, None): int(sum(teller[r].get(c, 0) for c in eerste_splitsing)) for r in fijn.rijen
    }
    volgende = niveaus[1]
    groepering = volgende.groepering or {}
    for r in volgende.rijen:
        for c in kolommen:
            bladeren[CellKey(volgende.naam, r, c)] = sum(
                int(teller[k].get(c, 0)) for k in fijn.rijen if groepering[k] == r
            )
    return bladeren
