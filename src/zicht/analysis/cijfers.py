# SPDX-License-Identifier: EUPL-1.2
"""Where the numbers of a table come from: exact counts (analyst) or protected families (everyone else).

Both kinds answer the same questions (the total of an area, the count of a category in an area, at any
level), so every table is built by the same code whatever the role; only the source differs. The protected
source publishes, per period, unit and area basis:

- the **totals family**: the total of every area at every level (gemeente, veiligheidsregio,
  politie-eenheid/RIEC-regio, provincie) and the nation, protected as one release;
- one **breakdown family** per breakdown, from veiligheidsregio upwards, with the gemeenten as unpublished
  cells (breakdowns per gemeente are not published: privacy.md §2.2, "coarse geography for breakdowns") and
  the totals family's totals imposed;
- with a form filter, the population is "units whose meldingen name that form": its totals are the form's
  column of the uitbuitingsvorm family, so they agree with it by construction; it is published from
  veiligheidsregio upwards.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import replace

from zicht.analysis.beveiliging import Beveiligd, Niveau, Splitsing, beveilig_familie, complement
from zicht.analysis.dimensies import (
    BUITENLAND,
    CENTRAAL,
    ONBEKEND,
    OVERIGE_REGIO,
    Eenheid,
    Gebiedsbasis,
    Periode,
    Uitsplitsing,
)
from zicht.analysis.extract import Extract
from zicht.analysis.tabel import Kolomsoort, Markering, Waarde, format_getal
from zicht.analysis.tellingen import GEEN_FILTER, Filter, Kubus, aantal, opgerold, tel
from zicht.privacy.disclosure import Cell, DisclosureError, DisclosurePolicy, Marker
from zicht.privacy.disclosure.structure import NATIONAL
from zicht.reference import Gebiedsniveau

GM, VR, PE, PV = "gemeente", "veiligheidsregio", "politie_eenheid", "provincie"


class Cijfers(ABC):
    """The figures of one population (period, unit, basis, filter) split by one breakdown."""

    categorieen: tuple[str, ...]
    beveiligd: bool

    @abstractmethod
    def totaal(self, niveau: Gebiedsniveau, gebied: str) -> Waarde:
        """The number of units in an area."""

    @abstractmethod
    def cel(self, niveau: Gebiedsniveau, gebied: str, categorie: str) -> Waarde:
        """The number of units of an area in a category."""

    @abstractmethod
    def interval(self, waarde: Waarde) -> tuple[int, float] | None:
        """The true counts a shown value stands for (None when nothing is known)."""

    def uitsplitsing_op(self, niveau: Gebiedsniveau) -> bool:
        """Whether categories are published at this level."""
        return True

    def totalen_op(self, niveau: Gebiedsniveau) -> bool:
        """Whether area totals are published at this level."""
        return True


def _exact(n: int) -> Waarde:
    return Waarde(float(n), format_getal(n, Kolomsoort.aantal))


class ExacteCijfers(Cijfers):
    """Exact counts from a count cube (analyst role only)."""

    beveiligd = False

    def __init__(self, kubus: Kubus, extract: Extract, periode: int = 0) -> None:
        self.kubus, self.extract, self.periode = kubus, extract, periode
        self.categorieen = kubus.categorieen

    def totaal(self, niveau: Gebiedsniveau, gebied: str) -> Waarde:
        return _exact(
            aantal(
                self.kubus,
                self.periode,
                _echt_niveau(niveau),
                echte_code(niveau, gebied, self.extract),
                None,
                self.extract,
            )
        )

    def cel(self, niveau: Gebiedsniveau, gebied: str, categorie: str) -> Waarde:
        return _exact(
            aantal(
                self.kubus,
                self.periode,
                _echt_niveau(niveau),
                echte_code(niveau, gebied, self.extract),
                categorie,
                self.extract,
            )
        )

    def interval(self, waarde: Waarde) -> tuple[int, float] | None:
        return None if waarde.getal is None else (int(waarde.getal), waarde.getal)


def _echt_niveau(niveau: Gebiedsniveau) -> Gebiedsniveau:
    return Gebiedsniveau.politie_eenheid if niveau is Gebiedsniveau.riec_regio else niveau


def echte_code(niveau: Gebiedsniveau, gebied: str, extract: Extract) -> str:
    """RIEC regions are the police units under another name: map a RIEC code to its police unit."""
    if niveau is not Gebiedsniveau.riec_regio:
        return gebied
    for gm in extract.referentie.gemeenten.values():
        if gm.riec_regio == gebied:
            return gm.politie_eenheid
    return gebied


def _familie_niveau(niveau: Gebiedsniveau) -> str:
    return {
        Gebiedsniveau.gemeente: GM,
        Gebiedsniveau.veiligheidsregio: VR,
        Gebiedsniveau.politie_eenheid: PE,
        Gebiedsniveau.riec_regio: PE,
        Gebiedsniveau.provincie: PV,
        Gebiedsniveau.nederland: NATIONAL,
    }[niveau]


def waarde_van(cel: Cell | None) -> Waarde:
    """The table cell for a published cell (``–`` when the family does not publish it)."""
    if cel is None:
        return Waarde.leeg()
    if cel.value is not None:
        return Waarde(float(cel.value), format_getal(cel.value, Kolomsoort.aantal))
    markering = Markering.klein_aantal if cel.marker is Marker.klein_aantal else Markering.onderdrukt
    return Waarde(None, cel.display, markering)


class BeveiligdeCijfers(Cijfers):
    """Figures after disclosure control (see the module docstring for the families)."""

    beveiligd = True

    def __init__(
        self,
        extract: Extract,
        beleid: DisclosurePolicy,
        totalen: Beveiligd,
        totaal_kolom: str | None,
        uitsplitsing: Beveiligd | None,
        categorieen: tuple[str, ...],
        vanaf_regio: bool,
        nul: frozenset[str] = frozenset(),
    ) -> None:
        self.extract, self.beleid = extract, beleid
        self._nul = nul
        self._totalen, self._totaal_kolom, self._uit = totalen, totaal_kolom, uitsplitsing
        self.categorieen = categorieen
        self._vanaf_regio = vanaf_regio

    def uitsplitsing_op(self, niveau: Gebiedsniveau) -> bool:
        if self._uit is None:
            return niveau is not Gebiedsniveau.gemeente
        return _familie_niveau(niveau) in self._uit.niveaus_met_kolommen or not self._uit.kolommen

    def totalen_op(self, niveau: Gebiedsniveau) -> bool:
        return not (self._vanaf_regio and niveau is Gebiedsniveau.gemeente)

    def _rij(self, niveau: Gebiedsniveau, gebied: str) -> tuple[str, str | None]:
        if niveau is Gebiedsniveau.nederland:
            return NATIONAL, None
        return _familie_niveau(niveau), echte_code(niveau, gebied, self.extract)

    def totaal(self, niveau: Gebiedsniveau, gebied: str) -> Waarde:
        if not self.totalen_op(niveau):
            return Waarde.leeg()
        if self._totaal_kolom is not None and self._totaal_kolom not in self._totalen.kolommen:
            return _exact(0)  # no unit in the period names this form
        lvl, rij = self._rij(niveau, gebied)
        return waarde_van(self._totalen.cel(lvl, rij, self._totaal_kolom))

    def cel(self, niveau: Gebiedsniveau, gebied: str, categorie: str) -> Waarde:
        if self._uit is None:
            return self.totaal(niveau, gebied) if categorie == "totaal" else Waarde.leeg()
        if categorie in self._nul:
            # No unit in the period names this category: 0 everywhere, and zeros are safe under the policy.
            return _exact(0) if self.beleid.zero_is_safe else Waarde(None, self.beleid.marker, Markering.klein_aantal)
        if not self.uitsplitsing_op(niveau):
            return Waarde.leeg()
        lvl, rij = self._rij(niveau, gebied)
        cel = self._uit.cel(lvl, rij, categorie)
        return Waarde(None, "x", Markering.onderdrukt) if cel is None else waarde_van(cel)

    def interval(self, waarde: Waarde) -> tuple[int, float] | None:
        if waarde.markering is Markering.klein_aantal:
            return 0, float(self.beleid.threshold - 1)
        if waarde.getal is None:
            return None
        shown = int(waarde.getal)
        if shown == 0:
            return 0, 0.0
        low, high = self.beleid.rounding_interval(shown)
        return max(low, self.beleid.threshold), float(high)


# ---- building the families ------------------------------------------------------------------------------


def _fijne_rijen(extract: Extract, basis: Gebiedsbasis) -> tuple[str, ...]:
    if basis is Gebiedsbasis.melder_regio:
        return (*extract.referentie.gebieden(Gebiedsniveau.politie_eenheid), OVERIGE_REGIO, CENTRAAL)
    return (*sorted(extract.referentie.gemeenten), BUITENLAND, ONBEKEND)


def niveaus_voor(
    extract: Extract, basis: Gebiedsbasis, *, gemeenten: bool, gm_uitsplitsing: bool, streng: bool = False
) -> list[Niveau]:
    """The levels of a family: gemeente (optional) -> veiligheidsregio -> politie-eenheid and provincie.

    Pseudo-areas (abroad, unknown) are their own row at every level. The reporter's region has one level.
    """
    if basis is Gebiedsbasis.melder_regio:
        return [Niveau(PE, _fijne_rijen(extract, basis))]
    ref = extract.referentie
    rijen = _fijne_rijen(extract, basis)

    def code(gm: str, niveau: Gebiedsniveau) -> str:
        g = ref.gemeenten.get(gm)
        return gm if g is None else g.gebied_code(niveau)

    vr_van = {r: code(r, Gebiedsniveau.veiligheidsregio) for r in rijen}
    vrs = tuple(sorted(set(vr_van.values())))
    eerste: dict[str, str] = {}
    for r in rijen:
        eerste.setdefault(vr_van[r], r)
    pe_van = {v: code(eerste[v], Gebiedsniveau.politie_eenheid) for v in vrs}
    pv_van = {v: code(eerste[v], Gebiedsniveau.provincie) for v in vrs}
    regio = [
        Niveau(VR, vrs, GM if gemeenten else None, vr_van if gemeenten else None),
        Niveau(PE, tuple(sorted(set(pe_van.values()))), VR, pe_van),
        Niveau(PV, tuple(sorted(set(pv_van.values()))), VR, pv_van),
    ]
    if not gemeenten:
        return regio
    return [Niveau(GM, rijen, uitsplitsing=gm_uitsplitsing, kolomcellen=gm_uitsplitsing or streng), *regio]


def _teller(
    kubus: Kubus,
    extract: Extract,
    rijen: tuple[str, ...],
    niveau: Gebiedsniveau | None,
    kolommen: tuple[str, ...],
    complementen: tuple[str, ...] = (),
) -> dict[str, dict[str, int]]:
    cellen, totalen = (
        opgerold(kubus, niveau, extract)
        if niveau is not None
        else (
            {(p, g, c): n for (p, g, c), n in kubus.cellen.items()},
            {(p, g): n for (p, g), n in kubus.totalen.items()},
        )
    )
    teller: dict[str, dict[str, int]] = {}
    for r in rijen:
        rij = {c: cellen.get((0, r, c), 0) for c in kolommen}
        for c in complementen:
            rij[complement(c)] = totalen.get((0, r), 0) - rij[c]
        teller[r] = rij
    return teller


def _rijtotalen(kubus: Kubus, extract: Extract, rijen: tuple[str, ...], niveau: Gebiedsniveau | None) -> dict[str, int]:
    """The number of units per row (of the finest level, or rolled up to ``niveau``)."""
    totalen = opgerold(kubus, niveau, extract)[1] if niveau is not None else kubus.totalen
    return {r: totalen.get((0, r), 0) for r in rijen}


def _vast(
    familie: Beveiligd, kolom: str | None, als: str | None = None
) -> dict[tuple[str, str | None, str | None], Cell]:
    """The totals (or one column) of a family, to impose on another family (as column ``als``)."""
    return {(lvl, rij, als): cel for (lvl, rij, kol), cel in familie.cellen.items() if kol == kolom}


def totalen_familie(
    extract: Extract, beleid: DisclosurePolicy, periode: Periode, eenheid: Eenheid, basis: Gebiedsbasis
) -> Beveiligd:
    """The authoritative totals of every area at every level (cached per content, and per extract so a
    warm request does not even hash the counts)."""
    return extract.onthoud(
        ("totalen_familie", beleid, periode, eenheid, basis),
        lambda: _totalen_familie(extract, beleid, periode, eenheid, basis),
    )


def _totalen_familie(
    extract: Extract, beleid: DisclosurePolicy, periode: Periode, eenheid: Eenheid, basis: Gebiedsbasis
) -> Beveiligd:
    kubus = tel(extract, periodes=[periode], basis=basis, eenheid=eenheid)
    niveaus = niveaus_voor(extract, basis, gemeenten=True, gm_uitsplitsing=True)
    teller = _teller(kubus, extract, niveaus[0].rijen, None, ("totaal",))
    return beveilig_familie(teller, niveaus, beleid)


def uitsplitsing_familie(
    extract: Extract,
    beleid: DisclosurePolicy,
    periode: Periode,
    eenheid: Eenheid,
    basis: Gebiedsbasis,
    uitsplitsing: Uitsplitsing,
    vorm: str | None = None,
) -> tuple[Beveiligd, tuple[str, ...], frozenset[str]]:
    """A breakdown family with the authoritative totals fixed; returns it with the category order and the
    categories that no unit in the period has (0 everywhere, left out of the family). Remembered per extract."""
    return extract.onthoud(
        ("uitsplitsing_familie", beleid, periode, eenheid, basis, uitsplitsing, vorm),
        lambda: _uitsplitsing_familie(extract, beleid, periode, eenheid, basis, uitsplitsing, vorm),
    )


def _uitsplitsing_familie(
    extract: Extract,
    beleid: DisclosurePolicy,
    periode: Periode,
    eenheid: Eenheid,
    basis: Gebiedsbasis,
    uitsplitsing: Uitsplitsing,
    vorm: str | None = None,
) -> tuple[Beveiligd, tuple[str, ...], frozenset[str]]:
    if vorm is not None:
        return _gefilterde_familie(extract, beleid, periode, eenheid, basis, uitsplitsing, vorm)
    kubus = tel(extract, periodes=[periode], basis=basis, eenheid=eenheid, uitsplitsing=uitsplitsing)
    niveaus = niveaus_voor(extract, basis, gemeenten=True, gm_uitsplitsing=False)
    vast = _vast(totalen_familie(extract, beleid, periode, eenheid, basis), None)
    nul = _nul(kubus)
    if uitsplitsing.additief(eenheid):
        kolommen = tuple(c for c in kubus.categorieen if c not in nul) or kubus.categorieen[:1]
        teller = _teller(kubus, extract, niveaus[0].rijen, None, kolommen)
        splitsingen = [Splitsing(kolommen)]
    else:
        kolommen = tuple(c for c in kubus.categorieen if c not in nul)
        teller = _teller(kubus, extract, niveaus[0].rijen, None, kolommen, complementen=kolommen)
        splitsingen = [Splitsing((c, complement(c)), frozenset({complement(c)}), groep=(c,)) for c in kolommen]
    if not kolommen:
        return Beveiligd({}, ()), kubus.categorieen, nul
    return _met_terugval(teller, niveaus, beleid, splitsingen, vast), kubus.categorieen, nul


def _nul(kubus: Kubus) -> frozenset[str]:
    """The categories no unit of the population has (0 everywhere)."""
    nationaal = {c: sum(n for (_, _, cat), n in kubus.cellen.items() if cat == c) for c in kubus.categorieen}
    return frozenset(c for c, n in nationaal.items() if n == 0)


#: Columns of a form-filtered family (see :func:`_gefilterde_familie`).
_VORM, _NIET_VORM = "vorm|", "niet|vorm"


def _alle(kolom: str) -> str:
    return f"alle|{kolom}"


def _zonder(kolom: str) -> str:
    return f"zonder|{kolom}"


def _gefilterde_familie(
    extract: Extract,
    beleid: DisclosurePolicy,
    periode: Periode,
    eenheid: Eenheid,
    basis: Gebiedsbasis,
    uitsplitsing: Uitsplitsing,
    vorm: str,
) -> tuple[Beveiligd, tuple[str, ...], frozenset[str]]:
    """A breakdown of the units naming one form, protected *together with* the unfiltered breakdown.

    Published beside the unfiltered breakdown of the same period, a filtered cell ``c`` ("Dutch among the
    sexually exploited") gives away its difference ``alle|c - c`` ("Dutch among everyone else") unless the
    two are one release. So every unfiltered category cell ``alle|c`` of an area is split into ``c`` (names
    the form) and ``zonder|c`` (does not, never published), the form's total ``vorm|`` and the rest
    ``niet|vorm`` likewise; the unfiltered family's cells, the form column of the uitbuitingsvorm family
    and the authoritative totals are fixed cells. The disclosure library then protects ``c`` against every
    combination with them (ADR 0006). Published from veiligheidsregio upwards, like every breakdown.
    """
    alle_fam, categorieen, nul_alle = uitsplitsing_familie(extract, beleid, periode, eenheid, basis, uitsplitsing)
    vormen, _, _ = uitsplitsing_familie(extract, beleid, periode, eenheid, basis, Uitsplitsing.uitbuitingsvorm)
    gefilterd = tel(
        extract, periodes=[periode], basis=basis, eenheid=eenheid, uitsplitsing=uitsplitsing, filter=Filter(vorm=vorm)
    )
    nul = _nul(gefilterd)
    if uitsplitsing.additief(eenheid):
        kolommen = tuple(c for c in categorieen if c not in nul_alle) or categorieen[:1]
        delen: tuple[str, ...] = kolommen
    else:
        kolommen = tuple(c for c in categorieen if c not in nul_alle)
        delen = (*kolommen, *(complement(c) for c in kolommen))
    if not kolommen or vorm not in vormen.kolommen:
        return Beveiligd({}, ()), categorieen, nul
    alle = tel(extract, periodes=[periode], basis=basis, eenheid=eenheid, uitsplitsing=uitsplitsing)
    niveaus, op = _gefilterde_niveaus(extract, basis)
    rijen = niveaus[0].rijen
    complementen = () if uitsplitsing.additief(eenheid) else kolommen
    met = _teller(gefilterd, extract, rijen, op, kolommen, complementen)
    zonder_filter = _teller(alle, extract, rijen, op, kolommen, complementen)
    t_alle, t_vorm = _rijtotalen(alle, extract, rijen, op), _rijtotalen(gefilterd, extract, rijen, op)
    teller: dict[str, dict[str, int]] = {}
    for r in rijen:
        rij = {_VORM: t_vorm[r], _NIET_VORM: t_alle[r] - t_vorm[r]}
        for c in delen:
            rij[c] = met[r][c]
            rij[_alle(c)] = zonder_filter[r][c]
            rij[_zonder(c)] = zonder_filter[r][c] - met[r][c]
            if rij[_zonder(c)] < 0:
                raise ValueError(f"a filtered count exceeds the unfiltered count ({r}, {c})")
        teller[r] = rij
    splitsingen = _gefilterde_splitsingen(kolommen, additief=uitsplitsing.additief(eenheid))
    niveaunamen = {n.naam for n in niveaus} | {NATIONAL}
    vast = {
        k: cel
        for k, cel in {
            **_vast(totalen_familie(extract, beleid, periode, eenheid, basis), None),
            **_vast(vormen, vorm, _VORM),
            **{k: v for c in kolommen for k, v in _vast(alle_fam, c, _alle(c)).items()},
        }.items()
        if k[0] in niveaunamen
    }
    return _met_terugval(teller, niveaus, beleid, splitsingen, vast), categorieen, nul


def _gefilterde_niveaus(extract: Extract, basis: Gebiedsbasis) -> tuple[list[Niveau], Gebiedsniveau | None]:
    """The levels of a form-filtered family and the level its counts are rolled up to: provinces (plaats
    delict) or politie-eenheden (the reporter's region), and the nation.

    Filtered breakdowns are not published per veiligheidsregio or politie-eenheid (plaats delict): jointly
    with the unfiltered breakdown that release is several times larger than the unfiltered one and its
    audit took minutes per family at demo scale; per province it stays as small as an unfiltered family.
    """
    if basis is Gebiedsbasis.melder_regio:
        return niveaus_voor(extract, basis, gemeenten=False, gm_uitsplitsing=False), None
    provincies = tuple(sorted({_provincie(extract, r) for r in _fijne_rijen(extract, basis)}))
    return [Niveau(PV, provincies)], Gebiedsniveau.provincie


def _provincie(extract: Extract, fijn: str) -> str:
    g = extract.referentie.gemeenten.get(fijn)
    return fijn if g is None else g.gebied_code(Gebiedsniveau.provincie)


def _gefilterde_splitsingen(kolommen: tuple[str, ...], *, additief: bool) -> list[Splitsing]:
    """The relations of a form-filtered family (columns as in :func:`_gefilterde_familie`)."""
    splitsingen = [Splitsing((_VORM, _NIET_VORM), frozenset({_NIET_VORM}), groep=(), extern=True)]
    if additief:
        splitsingen += [
            Splitsing(tuple(_alle(c) for c in kolommen), groep=(), extern=True),
            Splitsing(kolommen, totaal=_VORM),
            Splitsing(
                tuple(_zonder(c) for c in kolommen),
                frozenset(_zonder(c) for c in kolommen),
                groep=(),
                totaal=_NIET_VORM,
            ),
        ]
        delen = kolommen
    else:
        for c in kolommen:
            nc = complement(c)
            splitsingen += [
                Splitsing((_alle(c), _alle(nc)), frozenset({_alle(nc)}), groep=(), extern=True),
                Splitsing((c, nc), frozenset({nc}), groep=(c,), totaal=_VORM),
                Splitsing((_zonder(c), _zonder(nc)), frozenset({_zonder(c), _zonder(nc)}), groep=(), totaal=_NIET_VORM),
            ]
        delen = (*kolommen, *(complement(c) for c in kolommen))
    splitsingen += [Splitsing((c, _zonder(c)), frozenset({_zonder(c)}), groep=(), totaal=_alle(c)) for c in delen]
    return splitsingen


def _met_terugval(
    teller: dict[str, dict[str, int]],
    niveaus: list[Niveau],
    beleid: DisclosurePolicy,
    splitsingen: list[Splitsing],
    vast: dict[tuple[str, str | None, str | None], Cell],
) -> Beveiligd:
    """Protect a breakdown family; when no safe pattern exists around the fixed totals, publish the
    categories at fewer levels (first without veiligheidsregio's, then nationally only, then not at all)."""
    pogingen = [
        niveaus,
        [replace(n, uitsplitsing=False) if n.naam in (GM, VR) else n for n in niveaus],
        [replace(n, uitsplitsing=False) for n in niveaus],
    ]
    for poging in pogingen:
        try:
            return beveilig_familie(teller, poging, beleid, splitsingen=splitsingen, vast=vast)
        except DisclosureError:
            continue
    return Beveiligd({}, ())


def cijfers(
    extract: Extract,
    beleid: DisclosurePolicy | None,
    periode: Periode,
    *,
    eenheid: Eenheid,
    basis: Gebiedsbasis = Gebiedsbasis.plaats_delict,
    uitsplitsing: Uitsplitsing = Uitsplitsing.totaal,
    vorm: str | None = None,
) -> Cijfers:
    """The figures of one period, unit, basis, breakdown and form filter: exact when ``beleid`` is None.

    Example:
        >>> c = cijfers(extract, DisclosurePolicy(), Periode.jaar(2024), eenheid=Eenheid.personen)
        >>> c.totaal(Gebiedsniveau.gemeente, "GM0344").tekst  # doctest: +SKIP
        '<10'
    """
    if beleid is None:
        filter = GEEN_FILTER if vorm is None else Filter(vorm=vorm)
        kubus = tel(extract, periodes=[periode], basis=basis, eenheid=eenheid, uitsplitsing=uitsplitsing, filter=filter)
        return ExacteCijfers(kubus, extract)
    if vorm is None:
        totalen, kolom = totalen_familie(extract, beleid, periode, eenheid, basis), None
    else:
        totalen, _, _ = uitsplitsing_familie(extract, beleid, periode, eenheid, basis, Uitsplitsing.uitbuitingsvorm)
        kolom = vorm
    uit: Beveiligd | None = None
    categorieen: tuple[str, ...] = ("totaal",)
    nul: frozenset[str] = frozenset()
    if uitsplitsing is not Uitsplitsing.totaal:
        uit, categorieen, nul = uitsplitsing_familie(extract, beleid, periode, eenheid, basis, uitsplitsing, vorm)
    return BeveiligdeCijfers(extract, beleid, totalen, kolom, uit, categorieen, vanaf_regio=vorm is not None, nul=nul)


def deel(teller: Waarde, noemer: Waarde) -> float | None:
    """A share from two published values (None when either is withheld or the denominator is 0)."""
    if teller.getal is None or not noemer.getal:
        return None
    return teller.getal / noemer.getal


def is_eindig(x: float | None) -> bool:
    """Whether a number is present and finite."""
    return x is not None and not math.isinf(x) and not math.isnan(x)
