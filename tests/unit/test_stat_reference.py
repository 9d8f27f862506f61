# SPDX-License-Identifier: EUPL-1.2
"""Every count of the DuckDB statistics equals a plain-Python reference on generated data (Hypothesis), for
every area level, both area bases, both units, every breakdown and the population filters.

The reference re-states the counting rules of ``zicht.analysis.tellingen`` from scratch: a unit is a melding
or a person (an unlinked melding is a person of its own); its area is that of its earliest melding whose place
is known; single-valued categories follow the earliest melding that knows them; multi-valued categories are
every value named, ``onbekend`` only without any known value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REFERENCE_DIR
from zicht.analysis.dimensies import (
    BUITENLAND,
    CENTRAAL,
    ONBEKEND,
    OVERIG,
    OVERIGE_REGIO,
    Eenheid,
    Gebiedsbasis,
    Periode,
    Persoonregel,
    Uitsplitsing,
)
from zicht.analysis.extract import MELDING_KOLOMMEN, RuweGegevens, maak_extract
from zicht.analysis.tellingen import Filter, aantal, tel, top_nationaliteiten
from zicht.codebook import is_eu
from zicht.domain.melding import leeftijdsklasse
from zicht.reference import Gebiedsniveau, Referentiedata, load_reference
from zicht.reference import normalise_name as norm

# A few gemeenten in different regions and provinces (Utrecht, Zeist, Amsterdam, Ede, Westland, Venlo), one
# code outside the 2023 division, and the pseudo-places.
GEMEENTEN = ("GM0344", "GM0355", "GM0363", "GM0228", "GM1783", "GM0983", "GM9999")
REGIO_TEKSTEN = ("Midden-Nederland", "Eenheid Rotterdam", "Amsterdam", "KMar Schiphol", None, "")
VORMEN = ("seksueel", "arbeid", "crimineel", "onbekend")
SECTOREN = {
    "seksueel": ("thuisprostitutie", "escort", "onbekend"),
    "arbeid": ("land_tuinbouw", "onbekend"),
    "crimineel": ("drugs", "onbekend"),
    "onbekend": ("onbekend",),
}
WERKWIJZEN = ("loverboymethode", "schuldslavernij", "werving_online", "onbekend")
LANDEN = ("NL", "PL", "RO", "NG", "UA", "staatloos", "onbekend")


@dataclass
class M:
    """One generated melding."""

    id: str
    persoon: str | None
    datum: dt.date
    status: str
    pd_soort: str
    pd_gemeente: str | None
    melder_soort: str
    melder_regio: str | None
    geslacht: str
    leeftijd: int | None
    dossiertype: str
    uitbuitingen: list[tuple[str, str]] = field(default_factory=list)
    werkwijzen: list[str] = field(default_factory=list)
    nationaliteiten: list[str] = field(default_factory=list)


@st.composite
def melding(draw: st.DrawFn, i: int) -> M:
    soort = draw(st.sampled_from(("gemeente", "gemeente", "gemeente", "buitenland", "onbekend")))
    vormen = draw(st.lists(st.sampled_from(VORMEN), max_size=2, unique=True))
    return M(
        id=f"{draw(st.integers(0, 2**32)):08x}{i:04d}",
        persoon=draw(st.one_of(st.none(), st.sampled_from([f"p{k}" for k in range(12)]))),
        datum=draw(st.dates(dt.date(2021, 11, 1), dt.date(2023, 2, 28))),
        status=draw(st.sampled_from(("mogelijk", "mogelijk", "vastgesteld", "geen"))),
        pd_soort=soort,
        pd_gemeente=draw(st.sampled_from(GEMEENTEN)) if soort == "gemeente" else None,
        melder_soort=draw(st.sampled_from(("nationale_politie", "kmar", "fairwork", "onbekend"))),
        melder_regio=draw(st.sampled_from(REGIO_TEKSTEN)),
        geslacht=draw(st.sampled_from(("vrouw", "man", "onbekend"))),
        leeftijd=draw(st.one_of(st.none(), st.integers(0, 70))),
        dossiertype=draw(st.sampled_from(("registratie", "registratie_opvang", "onbekend"))),
        uitbuitingen=[(v, draw(st.sampled_from(SECTOREN[v]))) for v in vormen],
        werkwijzen=draw(st.lists(st.sampled_from(WERKWIJZEN), max_size=2, unique=True)),
        nationaliteiten=draw(st.lists(st.sampled_from(LANDEN), max_size=2, unique=True)),
    )


meldingen_st = st.integers(1, 45).flatmap(lambda n: st.tuples(*(melding(i) for i in range(n)))).map(list)


def ruw(ms: list[M]) -> RuweGegevens:
    """The raw Arrow tables of generated meldingen."""
    kol: dict[str, list[object]] = {k: [] for k in MELDING_KOLOMMEN}
    u: dict[str, list[object]] = {"id": [], "vorm": [], "sector": []}
    w: dict[str, list[object]] = {"id": [], "werkwijze": []}
    n: dict[str, list[object]] = {"id": [], "land": []}
    for m in ms:
        for k, v in zip(
            MELDING_KOLOMMEN,
            (
                m.id,
                m.persoon,
                m.datum.isoformat(),
                m.status,
                m.pd_soort,
                m.pd_gemeente,
                m.melder_soort,
                m.melder_regio,
                m.geslacht,
                m.leeftijd,
                m.dossiertype,
            ),
            strict=True,
        ):
            kol[k].append(v)
        for vorm, sector in m.uitbuitingen:
            u["id"].append(m.id), u["vorm"].append(vorm), u["sector"].append(sector)
        for x in m.werkwijzen:
            w["id"].append(m.id), w["werkwijze"].append(x)
        for x in m.nationaliteiten:
            n["id"].append(m.id), n["land"].append(x)
    schema = pa.schema([(k, pa.int64() if k == "leeftijd_bij_melding" else pa.string()) for k in MELDING_KOLOMMEN])
    tekst = pa.string()
    return RuweGegevens(
        pa.table(kol, schema=schema),
        pa.table(u, schema=pa.schema([("id", tekst), ("vorm", tekst), ("sector", tekst)])),
        pa.table(w, schema=pa.schema([("id", tekst), ("werkwijze", tekst)])),
        pa.table(n, schema=pa.schema([("id", tekst), ("land", tekst)])),
    )


# ---- the reference --------------------------------------------------------------------------------------


def plaats(m: M, ref: Referentiedata) -> str:
    if m.pd_soort == "gemeente" and m.pd_gemeente in ref.gemeenten:
        return str(m.pd_gemeente)
    return BUITENLAND if m.pd_soort == "buitenland" else ONBEKEND


def melder_regio(m: M, ref: Referentiedata) -> str:
    if not m.melder_regio or not m.melder_regio.strip():
        return CENTRAAL
    eenheden = {norm(pe): pe for pe in ref.gebieden(Gebiedsniveau.politie_eenheid)}
    return (
        eenheden.get(norm(m.melder_regio))
        or eenheden.get(norm(m.melder_regio.removeprefix("Eenheid ")))
        or OVERIGE_REGIO
    )


def natgroep(m: M) -> str:
    bekend = [x for x in m.nationaliteiten if x != ONBEKEND]
    if "NL" in bekend:
        return "nederlands"
    if any(is_eu(x) for x in bekend):
        return "eu"
    return "niet_eu" if bekend else ONBEKEND


def waarden(m: M, wat: Uitsplitsing, ref: Referentiedata, top: tuple[str, ...]) -> list[str]:
    """The categories one melding names (possibly none)."""
    if wat is Uitsplitsing.uitbuitingsvorm:
        return [v for v, _ in m.uitbuitingen]
    if wat is Uitsplitsing.sector:
        return [s for _, s in m.uitbuitingen]
    if wat is Uitsplitsing.werkwijze:
        return list(m.werkwijzen)
    if wat is Uitsplitsing.nationaliteit:
        return [x if x == ONBEKEND or x in top else OVERIG for x in m.nationaliteiten]
    return [
        {
            Uitsplitsing.geslacht: m.geslacht,
            Uitsplitsing.leeftijdsklasse: leeftijdsklasse(m.leeftijd),
            Uitsplitsing.nationaliteitsgroep: natgroep(m),
            Uitsplitsing.melder_soort: m.melder_soort,
            Uitsplitsing.dossiertype: m.dossiertype,
        }[wat]
    ]


def categorieen(ms: list[M], wat: Uitsplitsing, ref: Referentiedata, top: tuple[str, ...]) -> set[str]:
    """The categories of a unit made of meldingen ``ms`` (ordered by date and row)."""
    if wat.persoonregel is Persoonregel.eerste_bekende:
        for m in ms:
            w = waarden(m, wat, ref, top)
            if w and w[0] != ONBEKEND:
                return {w[0]}
        return {ONBEKEND}
    alle = {x for m in ms for x in waarden(m, wat, ref, top)}
    bekend = alle - {ONBEKEND}
    return bekend or {ONBEKEND}


def referentie_tellingen(
    ms: list[M],
    ref: Referentiedata,
    periode: Periode,
    eenheid: Eenheid,
    basis: Gebiedsbasis,
    wat: Uitsplitsing,
    filter: Filter,
    top: tuple[str, ...],
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Totals per finest area and counts per (finest area, category)."""
    rij = {m.id: r for r, m in enumerate(sorted(ms, key=lambda m: m.id))}
    in_periode = [m for m in ms if m.status != "geen" and periode.begin <= m.datum < periode.eind]
    eenheden: dict[object, list[M]] = defaultdict(list)
    for m in in_periode:
        sleutel = m.id if eenheid is Eenheid.meldingen else (m.persoon or ("m", m.id))
        eenheden[sleutel].append(m)
    totalen: dict[str, int] = defaultdict(int)
    cellen: dict[tuple[str, str], int] = defaultdict(int)
    for groep in eenheden.values():
        groep.sort(key=lambda m: (m.datum, rij[m.id]))
        if filter.vorm and filter.vorm not in categorieen(groep, Uitsplitsing.uitbuitingsvorm, ref, top):
            continue
        if filter.zonder and filter.zonder[1] in categorieen(groep, filter.zonder[0], ref, top):
            continue
        if filter.alleen and filter.alleen[1] not in categorieen(groep, filter.alleen[0], ref, top):
            continue
        if basis is Gebiedsbasis.plaats_delict:
            gebied = next((p for m in groep if (p := plaats(m, ref)) != ONBEKEND), ONBEKEND)
        else:
            gebied = next(
                (r for m in groep if (r := melder_regio(m, ref)) not in (CENTRAAL, OVERIGE_REGIO)),
                melder_regio(groep[0], ref),
            )
        totalen[gebied] += 1
        if wat is Uitsplitsing.totaal:
            cellen[(gebied, "totaal")] += 1
            continue
        for c in categorieen(groep, wat, ref, top):
            cellen[(gebied, c)] += 1
    return dict(totalen), dict(cellen)


def op_niveau(ref: Referentiedata, basis: Gebiedsbasis, fijn: str, niveau: Gebiedsniveau) -> str:
    if niveau is Gebiedsniveau.nederland:
        return "NL"
    if basis is Gebiedsbasis.melder_regio or fijn not in ref.gemeenten:
        return fijn
    return ref.gemeenten[fijn].gebied_code(niveau)


REF = load_reference(REFERENCE_DIR)
PERIODE = Periode.jaar(2022)
_GEZONDHEID = [HealthCheck.too_slow, HealthCheck.data_too_large]
VOORBEELDEN = settings(max_examples=12, deadline=None, suppress_health_check=_GEZONDHEID)
WEINIG = settings(max_examples=6, deadline=None, suppress_health_check=_GEZONDHEID)


def _vergelijk(
    ms: list[M], eenheid: Eenheid, basis: Gebiedsbasis, filter: Filter, uitsplitsingen: tuple[Uitsplitsing, ...]
) -> None:
    extract = maak_extract(ruw(ms), REF)
    top = top_nationaliteiten(extract, [PERIODE])
    niveaus = basis.niveaus()
    for wat in uitsplitsingen:
        kubus = tel(extract, periodes=[PERIODE], basis=basis, eenheid=eenheid, uitsplitsing=wat, filter=filter)
        totalen, cellen = referentie_tellingen(ms, REF, PERIODE, eenheid, basis, wat, filter, top)
        for niveau in niveaus:
            verwacht_tot: dict[str, int] = defaultdict(int)
            verwacht_cel: dict[tuple[str, str], int] = defaultdict(int)
            for g, n in totalen.items():
                verwacht_tot[op_niveau(REF, basis, g, niveau)] += n
            for (g, c), n in cellen.items():
                verwacht_cel[(op_niveau(REF, basis, g, niveau), c)] += n
            for g, n in verwacht_tot.items():
                assert aantal(kubus, 0, niveau, g, None, extract) == n, (wat, niveau, g)
            for (g, c), n in verwacht_cel.items():
                assert aantal(kubus, 0, niveau, g, c, extract) == n, (wat, niveau, g, c)
            gevonden = sum(
                aantal(kubus, 0, niveau, g, None, extract) for g in {op_niveau(REF, basis, x, niveau) for x in totalen}
            )
            assert gevonden == sum(totalen.values())
        if wat.additief(eenheid) and wat is not Uitsplitsing.totaal:
            nl = aantal(kubus, 0, Gebiedsniveau.nederland, "NL", None, extract)
            assert sum(aantal(kubus, 0, Gebiedsniveau.nederland, "NL", c, extract) for c in kubus.categorieen) == nl


ALLE = tuple(Uitsplitsing)


@VOORBEELDEN
@given(meldingen_st, st.sampled_from(list(Eenheid)))
def test_tellingen_naar_plaats_delict_gelijk_aan_referentie(ms: list[M], eenheid: Eenheid) -> None:
    _vergelijk(ms, eenheid, Gebiedsbasis.plaats_delict, Filter(), ALLE)


@VOORBEELDEN
@given(meldingen_st, st.sampled_from(list(Eenheid)))
def test_tellingen_naar_melder_regio_gelijk_aan_referentie(ms: list[M], eenheid: Eenheid) -> None:
    _vergelijk(ms, eenheid, Gebiedsbasis.melder_regio, Filter(), ALLE)


@VOORBEELDEN
@given(
    meldingen_st,
    st.sampled_from(list(Eenheid)),
    st.sampled_from(
        [
            Filter(vorm="seksueel"),
            Filter(zonder=(Uitsplitsing.nationaliteit, "NG")),
            Filter(alleen=(Uitsplitsing.nationaliteit, "NG")),
            Filter(zonder=(Uitsplitsing.leeftijdsklasse, "minderjarig")),
            Filter(vorm="arbeid", alleen=(Uitsplitsing.geslacht, "man")),
        ]
    ),
)
def test_tellingen_met_filter_gelijk_aan_referentie(ms: list[M], eenheid: Eenheid, filter: Filter) -> None:
    _vergelijk(
        ms,
        eenheid,
        Gebiedsbasis.plaats_delict,
        filter,
        (Uitsplitsing.totaal, Uitsplitsing.geslacht, Uitsplitsing.werkwijze),
    )


@WEINIG
@given(meldingen_st, st.sampled_from(list(Eenheid)))
def test_met_plus_zonder_is_alle(ms: list[M], eenheid: Eenheid) -> None:
    extract = maak_extract(ruw(ms), REF)
    for groep in (
        (Uitsplitsing.nationaliteit, "NL"),
        (Uitsplitsing.geslacht, "vrouw"),
        (Uitsplitsing.uitbuitingsvorm, "seksueel"),
    ):
        alle = tel(extract, periodes=[PERIODE], eenheid=eenheid)
        zonder = tel(extract, periodes=[PERIODE], eenheid=eenheid, filter=Filter(zonder=groep))
        alleen = tel(extract, periodes=[PERIODE], eenheid=eenheid, filter=Filter(alleen=groep))
        breakdown = tel(extract, periodes=[PERIODE], eenheid=eenheid, uitsplitsing=groep[0])
        for niveau, code in ((Gebiedsniveau.nederland, "NL"), (Gebiedsniveau.veiligheidsregio, "VR09")):
            a = aantal(alle, 0, niveau, code, None, extract)
            assert a == aantal(zonder, 0, niveau, code, None, extract) + aantal(alleen, 0, niveau, code, None, extract)
            assert aantal(alleen, 0, niveau, code, None, extract) == aantal(
                breakdown, 0, niveau, code, groep[1], extract
            )


@WEINIG
@given(meldingen_st)
def test_meerdere_perioden_in_een_keer_gelijk_aan_los(ms: list[M]) -> None:
    extract = maak_extract(ruw(ms), REF)
    kwartalen = list(PERIODE.kwartalen())
    samen = tel(extract, periodes=kwartalen, eenheid=Eenheid.personen, uitsplitsing=Uitsplitsing.geslacht)
    for i, q in enumerate(kwartalen):
        los = tel(extract, periodes=[q], eenheid=Eenheid.personen, uitsplitsing=Uitsplitsing.geslacht)
        for c in samen.categorieen:
            assert aantal(samen, i, Gebiedsniveau.nederland, "NL", c, extract) == aantal(
                los, 0, Gebiedsniveau.nederland, "NL", c, extract
            )


def test_overlappende_perioden_geweigerd() -> None:
    extract = maak_extract(ruw([]), REF)
    with pytest.raises(ValueError, match="overlap"):
        tel(extract, periodes=[Periode.jaar(2022), Periode.kwartaal(2022, 3)])
