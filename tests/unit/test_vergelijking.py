# SPDX-License-Identifier: EUPL-1.2
"""Comparing an area: intervals come from what a published figure stands for (a shown 35 is 33–37, ``<10`` is
0–9, ``x`` nothing), widened exact Poisson intervals, comparable gemeenten by size and density class (widened
when the class is small), and a ranking that puts overlapping intervals together with the median area."""

from __future__ import annotations

import pytest

from tests.unit.test_stat_beveiliging import BELEID, JAAR, _data
from tests.unit.test_stat_reference import REF, ruw
from zicht.analysis import Bereik, BuitenBereik, Statistiekdienst, Tabelsoort, Verzoek, maak_extract
from zicht.analysis.tabel import Markering, Waarde
from zicht.analysis.vergelijkbaar import MIN_GROEP, kenmerken, vergelijkbare_gebieden
from zicht.analysis.vergelijking import Band, poisson_interval, telinterval, vergelijk
from zicht.reference import Gebiedsniveau


@pytest.fixture(scope="module")
def dienst() -> Statistiekdienst:
    extract = maak_extract(ruw(_data()), REF)
    return Statistiekdienst(lambda: extract, BELEID)


def test_interval_omvat_elk_waar_aantal_achter_het_gepubliceerde_cijfer(dienst: Statistiekdienst) -> None:
    tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.provincie), rol="gemeente")
    assert telinterval(Waarde(35.0, "35"), tabel) == (33, 37)
    assert telinterval(Waarde(10.0, "10"), tabel) == (10, 12)  # never below the threshold
    assert telinterval(Waarde(None, "<10", Markering.klein_aantal), tabel) == (0, 9)
    assert telinterval(Waarde(None, "x", Markering.onderdrukt), tabel) is None
    assert telinterval(Waarde(0.0, "0"), tabel) == (0, 0)
    exact = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.provincie), rol="analist")
    assert telinterval(Waarde(37.0, "37"), exact) == (37, 37)


def test_exact_poisson_interval_garwood() -> None:
    assert poisson_interval(0, 0) == pytest.approx((0.0, 3.689), abs=1e-3)
    assert poisson_interval(10, 10) == pytest.approx((4.795, 18.390), abs=1e-3)
    smal, breed = poisson_interval(35, 35), poisson_interval(33, 37)
    assert breed[0] < smal[0] and breed[1] > smal[1]


def test_vergelijkbare_gemeenten_zelfde_grootte_en_dichtheid() -> None:
    utrecht = vergelijkbare_gebieden(REF, Gebiedsniveau.gemeente, "GM0344")
    km = kenmerken(REF, Gebiedsniveau.gemeente)
    assert "GM0344" in utrecht.leden and "GM0363" in utrecht.leden  # Amsterdam
    assert all(km[g].inwoners >= 100_000 and km[g].dichtheid >= 1_500 for g in utrecht.leden)
    assert "100.000 of meer inwoners" in utrecht.beschrijving
    # Emmen: 100,000 or more but fewer than 500 per km² (three such gemeenten): the next density class is added
    emmen = vergelijkbare_gebieden(REF, Gebiedsniveau.gemeente, "GM0114")
    assert len(emmen.leden) >= MIN_GROEP and "naastgelegen dichtheidsklasse" in emmen.beschrijving
    regio = vergelijkbare_gebieden(REF, Gebiedsniveau.veiligheidsregio, "VR09")
    assert len(regio.leden) == 25


def test_rangorde_leest_overlappende_intervallen_niet_als_verschil(dienst: Statistiekdienst) -> None:
    v = vergelijk(
        dienst, Gebiedsniveau.veiligheidsregio, "VR09", JAAR, rol="gemeente", bereik=Bereik(frozenset({"GM0344"}))
    )
    assert v.mediaan is not None and v.mediaan.laag is not None and v.mediaan.hoog is not None
    for p in v.punten:
        if p.laag is None or p.hoog is None:
            assert p.band is Band.onbekend
        elif p.laag > v.mediaan.hoog:
            assert p.band is Band.hoger
        elif p.hoog < v.mediaan.laag:
            assert p.band is Band.lager
        else:
            assert p.band is Band.midden
    banden = [(Band.hoger, Band.midden, Band.lager, Band.onbekend).index(p.band) for p in v.punten]
    assert banden == sorted(banden)
    # only published figures: every count is the overview's cell as published for the role
    overzicht = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.veiligheidsregio), rol="gemeente")
    for p in v.punten:
        assert p.aantal == overzicht.rij("gebiedscode", p.code)[overzicht.kolom_index("aantal")]
    assert [r.code for r in v.referenties] == ["Midden-Nederland", "NL"]  # provincie Utrecht = VR09, left out


def test_vergelijking_buiten_bereik_geweigerd(dienst: Statistiekdienst) -> None:
    with pytest.raises(BuitenBereik):
        vergelijk(dienst, Gebiedsniveau.gemeente, "GM0363", JAAR, rol="gemeente", bereik=Bereik(frozenset({"GM0344"})))


class _AlleenGepubliceerd:
    """A statistics service that knows nothing but the reference data and the tables the real service publishes
    for the caller's role: the comparison must come out the same from it."""

    def __init__(self, echt: Statistiekdienst) -> None:
        self._echt = echt
        self.gevraagd: list[tuple[Verzoek, str]] = []

    def extract(self, *, beveiligd: bool) -> object:
        return type("Leeg", (), {"referentie": self._echt.extract(beveiligd=beveiligd).referentie})()

    def statistiek(self, verzoek: Verzoek, *, rol: str) -> object:
        self.gevraagd.append((verzoek, rol))
        return self._echt.statistiek(verzoek, rol=rol)


@pytest.mark.parametrize(
    ("niveau", "code"),
    [(Gebiedsniveau.gemeente, "GM0344"), (Gebiedsniveau.veiligheidsregio, "VR09"), (Gebiedsniveau.provincie, "PV26")],
)
def test_vergelijking_komt_alleen_uit_gepubliceerde_overzichten(
    dienst: Statistiekdienst, niveau: Gebiedsniveau, code: str
) -> None:
    """Every count, interval, band and position of a protected comparison is a function of the overview tables
    published for the role plus public reference data: no other path reads the registry (issue 13: "every
    comparison passes the same disclosure gate")."""
    bereik = Bereik(frozenset({"GM0344"}))
    echt = vergelijk(dienst, niveau, code, JAAR, rol="gemeente", bereik=bereik)
    stub = _AlleenGepubliceerd(dienst)
    uit_publicatie = vergelijk(stub, niveau, code, JAAR, rol="gemeente", bereik=bereik)  # type: ignore[arg-type]
    assert uit_publicatie == echt
    assert stub.gevraagd and all(v.soort is Tabelsoort.overzicht and r == "gemeente" for v, r in stub.gevraagd)
    assert all(t.meta.beveiligd for t in echt.bronnen)
