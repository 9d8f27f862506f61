# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control of the statistics: a non-analyst role cannot obtain an unsuppressed small number by any
route (tables, overviews at every level, series, with/without a group, data quality, CSV, XLSX, PDF, filters
that differ by one category), the same request gives the same bytes, and the published families together
pass the disclosure library's audit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.unit.test_stat_reference import REF, M, ruw
from zicht.analysis import (
    Bereik,
    BuitenBereik,
    Eenheid,
    NietBeschikbaar,
    Periode,
    Statistiekdienst,
    Tabelsoort,
    Uitsplitsing,
    Verzoek,
    maak_dashboard,
    maak_extract,
    maak_factsheet,
    naar_csv,
    naar_xlsx,
)
from zicht.analysis.beveiliging import Niveau, Splitsing, leeg_cache, rooster_structuur
from zicht.analysis.cijfers import niveaus_voor, totalen_familie, uitsplitsing_familie
from zicht.analysis.dimensies import Gebiedsbasis
from zicht.analysis.kwaliteit import Kwaliteitsgroep
from zicht.analysis.tabel import Kolomsoort, Tabel
from zicht.analysis.tellingen import aantal, tel
from zicht.privacy.disclosure import CellKey, DisclosurePolicy
from zicht.privacy.disclosure.audit import audit_release
from zicht.reference import Gebiedsniveau

BELEID = DisclosurePolicy()
JAAR = Periode.jaar(2023)


def _data(n: int = 2400, seed: int = 7) -> list[M]:
    """Meldingen spread over gemeenten by population, 2022-2023, most linked to persons."""
    rnd = random.Random(seed)
    gms = sorted(REF.gemeenten)
    gewichten = [REF.gemeenten[g].inwoners for g in gms]
    ms = []
    for i in range(n):
        soort = rnd.choices(("gemeente", "buitenland", "onbekend"), (0.75, 0.1, 0.15))[0]
        vormen = rnd.sample(("seksueel", "arbeid", "crimineel"), rnd.choice((1, 1, 1, 2)))
        ms.append(
            M(
                id=f"{rnd.getrandbits(48):012x}{i:05d}",
                persoon=f"p{rnd.randrange(int(n * 0.8))}" if rnd.random() < 0.85 else None,
                datum=dt.date(2022, 1, 1) + dt.timedelta(days=rnd.randrange(730)),
                status=rnd.choices(("mogelijk", "geen"), (0.95, 0.05))[0],
                pd_soort=soort,
                pd_gemeente=rnd.choices(gms, gewichten)[0] if soort == "gemeente" else None,
                melder_soort=rnd.choice(("nationale_politie", "kmar", "fairwork", "zorgcoordinatie", "nla")),
                melder_regio=rnd.choice(
                    (None, "Midden-Nederland", "Amsterdam", "Rotterdam", "Oost-Brabant", "KMar Schiphol")
                ),
                geslacht=rnd.choices(("vrouw", "man", "onbekend"), (0.65, 0.3, 0.05))[0],
                leeftijd=rnd.choice((None, 15, 17, 19, 21, 25, 30, 40)),
                dossiertype=rnd.choice(("registratie", "registratie_opvang", "registratie_informatie_advies")),
                uitbuitingen=[(v, "onbekend") for v in vormen],
                werkwijzen=[rnd.choice(("loverboymethode", "schuldslavernij", "onbekend"))],
                nationaliteiten=[rnd.choices(("NL", "PL", "RO", "NG", "UA", "onbekend"), (4, 2, 1, 1, 1, 1))[0]],
            )
        )
    return ms


@pytest.fixture(scope="module")
def dienst() -> Statistiekdienst:
    extract = maak_extract(ruw(_data()), REF)
    return Statistiekdienst(lambda: extract, BELEID)


@pytest.fixture(scope="module")
def dashboard_gemeente(dienst: Statistiekdienst):  # type: ignore[no-untyped-def]
    return maak_dashboard(dienst, Gebiedsniveau.gemeente, "GM0344", JAAR, rol="gemeente", van=2022)


def _aantallen(tabel: Tabel) -> list[float]:
    return [
        c.getal
        for rij in tabel.rijen
        for k, c in zip(tabel.kolommen, rij, strict=True)
        if k.soort is Kolomsoort.aantal and c.getal is not None
    ]


def _geen_klein_aantal(tabel: Tabel) -> None:
    for getal in _aantallen(tabel):
        assert getal == 0 or getal >= BELEID.threshold, (tabel.id, getal)
        assert getal % BELEID.rounding_base == 0, (tabel.id, getal)


def _alle_beveiligde_tabellen(dienst: Statistiekdienst, dashboard) -> list[Tabel]:  # type: ignore[no-untyped-def]
    tabellen = list(dashboard.tabellen())
    for niveau in Gebiedsniveau:
        tabellen.append(dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, niveau), rol="gemeente"))
        if niveau is not Gebiedsniveau.gemeente:
            tabellen.append(
                dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, niveau, vorm="arbeid"), rol="gemeente")
            )
    for niveau in (Gebiedsniveau.politie_eenheid, Gebiedsniveau.nederland):
        tabellen.append(
            dienst.statistiek(
                Verzoek(Tabelsoort.overzicht, JAAR, niveau, basis=Gebiedsbasis.melder_regio), rol="gemeente"
            )
        )
    tabellen.append(
        dienst.statistiek(
            Verzoek(Tabelsoort.reeks, JAAR, Gebiedsniveau.politie_eenheid, "Midden-Nederland", van=2022),
            rol="gemeente",
        )
    )
    per_kwartaal = Verzoek(
        Tabelsoort.reeks, JAAR, Gebiedsniveau.politie_eenheid, "Midden-Nederland", van=2022, kwartalen=True
    )
    with pytest.raises(NietBeschikbaar, match="per kalenderjaar"):  # the publication grid: years only
        dienst.statistiek(per_kwartaal, rol="gemeente")
    assert dienst.statistiek(per_kwartaal, rol="analist").rijen
    tabellen.append(
        dienst.statistiek(
            Verzoek(
                Tabelsoort.met_zonder,
                JAAR,
                Gebiedsniveau.veiligheidsregio,
                "VR09",
                Uitsplitsing.nationaliteit,
                categorie="NG",
            ),
            rol="gemeente",
        )
    )
    tabellen.append(
        dienst.statistiek(Verzoek(Tabelsoort.kwaliteit, JAAR, groep=Kwaliteitsgroep.melder_soort), rol="gemeente")
    )
    return tabellen


def test_gemeente_krijgt_langs_geen_enkele_weg_een_klein_aantal(dienst, dashboard_gemeente, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tabellen = _alle_beveiligde_tabellen(dienst, dashboard_gemeente)
    assert len(tabellen) > 20
    for tabel in tabellen:
        assert tabel.meta.beveiligd
        _geen_klein_aantal(tabel)
        # CSV: every cell as text; a number in a count column is never 1..9
        rijen = list(csv.reader(io.StringIO(naar_csv(tabel).decode("utf-8-sig")), delimiter=";"))
        for rij in rijen[1 : 1 + len(tabel.rijen)]:
            for k, tekst in zip(tabel.kolommen, rij, strict=True):
                if k.soort is Kolomsoort.aantal and tekst.replace(".", "").isdigit():
                    assert int(tekst.replace(".", "")) == 0 or int(tekst.replace(".", "")) >= BELEID.threshold
        # XLSX: numbers in count columns
        ws = load_workbook(io.BytesIO(naar_xlsx(tabel)))["Tabel"]
        for rij in ws.iter_rows(min_row=3, values_only=True):
            for k, waarde in zip(tabel.kolommen, rij, strict=True):
                if k.soort is Kolomsoort.aantal and isinstance(waarde, int | float):
                    assert waarde == 0 or waarde >= BELEID.threshold
    pdf = maak_factsheet(dashboard_gemeente, REF, BELEID)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pad = tmp_path / "f.pdf"
        pad.write_bytes(pdf)
        tekst = subprocess.run(
            ["pdftotext", "-layout", str(pad), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert "Exacte cijfers" not in tekst
        for tabel in dashboard_gemeente.tabellen():
            for getal in _aantallen(tabel):
                assert getal == 0 or getal >= BELEID.threshold


def test_zelfde_verzoek_geeft_zelfde_uitkomst_tot_op_de_byte(dienst, dashboard_gemeente) -> None:  # type: ignore[no-untyped-def]
    leeg_cache()
    opnieuw_extract = maak_extract(ruw(_data()), REF)  # a fresh extract of the same data: no shared caches
    opnieuw = Statistiekdienst(lambda: opnieuw_extract, BELEID)
    for soort, verzoek in (
        ("overzicht", Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.gemeente)),
        (
            "uitsplitsing",
            Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.gemeente, "GM0344", Uitsplitsing.geslacht),
        ),
    ):
        a, b = dienst.statistiek(verzoek, rol="gemeente"), opnieuw.statistiek(verzoek, rol="gemeente")
        assert a == b, soort
        assert naar_csv(a) == naar_csv(b) and naar_xlsx(a) == naar_xlsx(b)
    assert maak_factsheet(dashboard_gemeente, REF, BELEID) == maak_factsheet(dashboard_gemeente, REF, BELEID)


def test_xlsx_draagt_geen_tijdstip_van_het_moment_van_exporteren(dienst) -> None:  # type: ignore[no-untyped-def]
    """openpyxl's save writes the current time in docProps/core.xml and zipfile stamps entries with it: two
    identical exports a second apart differed. The export carries a fixed time only, wherever one is stored."""
    tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.provincie), rol="gemeente")
    with zipfile.ZipFile(io.BytesIO(naar_xlsx(tabel))) as archief:
        assert {deel.date_time for deel in archief.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        kern = archief.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", kern) == [
        ("created", "2000-01-01T00:00:00Z"),
        ("modified", "2000-01-01T00:00:00Z"),
    ]
    assert load_workbook(io.BytesIO(naar_xlsx(tabel)))["Tabel"]["A1"].value == tabel.titel


def _interval(getal: float | None, klein: bool) -> tuple[float, float]:
    if klein:
        return 0.0, BELEID.threshold - 1.0
    assert getal is not None
    if getal == 0:
        return 0.0, 0.0
    laag, hoog = BELEID.rounding_interval(int(getal))
    return float(max(laag, BELEID.threshold)), float(hoog)


@pytest.mark.parametrize("vorm", ["seksueel", "arbeid", "crimineel"])
def test_filters_die_een_categorie_verschillen_geven_geen_klein_verschil_prijs(dienst, vorm: str) -> None:  # type: ignore[no-untyped-def]
    for niveau in (Gebiedsniveau.veiligheidsregio, Gebiedsniveau.politie_eenheid, Gebiedsniveau.provincie):
        alle = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, niveau), rol="gemeente")
        met = dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, niveau, vorm=vorm), rol="gemeente")
        i = alle.kolom_index("aantal")
        for ra, rm in zip(alle.rijen, met.rijen, strict=True):
            a, m = ra[i], rm[i]
            if a.getal is None and a.markering.value != "klein_aantal":
                continue
            if m.getal is None and m.markering.value != "klein_aantal":
                continue
            la, ha = _interval(a.getal, a.getal is None)
            lm, hm = _interval(m.getal, m.getal is None)
            laag, hoog = max(0.0, la - hm), ha - lm  # units without the form
            veilig = laag >= BELEID.threshold or hoog <= 0 or hoog - laag >= BELEID.width
            assert veilig, (niveau, ra[0].tekst, laag, hoog)


def _verschil_veilig(alle: object, met: object) -> tuple[bool, float, float]:
    """Whether "all minus those naming the form" stays safe, from the two published cells alone."""
    from zicht.analysis.tabel import Waarde

    assert isinstance(alle, Waarde) and isinstance(met, Waarde)
    for w in (alle, met):
        if w.getal is None and w.markering.value != "klein_aantal":
            return True, 0.0, 0.0  # suppressed (x) or not published: no interval to subtract
    la, ha = _interval(alle.getal, alle.getal is None)
    lm, hm = _interval(met.getal, met.getal is None)
    laag, hoog = max(0.0, la - hm), ha - lm
    # docs/privacy.md §5.3 item 3: a derived count may not be narrowed to an interval inside 1..threshold-1
    # narrower than the protection width; an interval that still holds 0 reveals no one
    return laag <= 0 or hoog >= BELEID.threshold or hoog - laag >= BELEID.width, laag, hoog


@pytest.mark.parametrize("wat", [Uitsplitsing.nationaliteit, Uitsplitsing.werkwijze, Uitsplitsing.geslacht])
def test_gefilterde_uitsplitsing_naast_ongefilterde_geeft_geen_klein_verschil_prijs(dienst, wat: Uitsplitsing) -> None:  # type: ignore[no-untyped-def]
    """ "Dutch among the sexually exploited" next to "Dutch" in the same region must not give "Dutch among
    everyone else" away (the leak the demo-scale attack found before the two were one release, ADR 0006)."""
    regio_s = sorted(dienst.extract().referentie.gebieden(Gebiedsniveau.veiligheidsregio))
    bekeken = 0
    for vorm in ("seksueel", "arbeid", "crimineel"):
        for vr in regio_s:
            zonder_filter = Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.veiligheidsregio, vr, wat)
            gefilterd = Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.veiligheidsregio, vr, wat, vorm=vorm)
            alle, met = (dienst.statistiek(v, rol="gemeente") for v in (zonder_filter, gefilterd))
            exact_alle, exact_met = (dienst.statistiek(v, rol="analist") for v in (zonder_filter, gefilterd))
            for kolom in (k.sleutel for k in alle.kolommen if k.sleutel.startswith("aantal_")):
                waar = [
                    int((a.getal or 0) - (m.getal or 0))
                    for a, m in zip(exact_alle.kolom(kolom), exact_met.kolom(kolom), strict=True)
                ]
                for ra, rm, verschil in zip(alle.kolom(kolom), met.kolom(kolom), waar, strict=True):
                    if not 0 < verschil < BELEID.threshold:
                        continue  # only a small difference is sensitive (zeros are safe under the policy)
                    veilig, laag, hoog = _verschil_veilig(ra, rm)
                    bekeken += 1
                    assert veilig, (vorm, vr, kolom, ra.tekst, rm.tekst, laag, hoog)
    assert bekeken > 50


def test_uitsplitsing_per_gemeente_en_vorm_per_gemeente_niet_gepubliceerd(dienst) -> None:  # type: ignore[no-untyped-def]
    tabel = dienst.statistiek(
        Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.gemeente, "Utrecht", Uitsplitsing.leeftijdsklasse),
        rol="gemeente",
    )
    assert all(c.tekst == "–" for c in tabel.kolom("aantal_GM0344")[:-1])
    assert any("niet gepubliceerd" in n for n in tabel.voetnoten)
    with pytest.raises(NietBeschikbaar):
        dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.gemeente, vorm="seksueel"), rol="gemeente")
    exact = dienst.statistiek(
        Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.gemeente, "Utrecht", Uitsplitsing.leeftijdsklasse),
        rol="analist",
    )
    assert not exact.meta.beveiligd and all(c.getal is not None for c in exact.kolom("aantal_GM0344"))


def test_analist_ziet_exacte_aantallen_en_onbekende_rol_is_beveiligd(dienst) -> None:  # type: ignore[no-untyped-def]
    verzoek = Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.veiligheidsregio)
    exact = dienst.statistiek(verzoek, rol="analist")
    extract = dienst.extract()
    kubus = tel(extract, periodes=[JAAR], eenheid=Eenheid.personen)
    for rij in exact.rijen:
        code = rij[0].tekst
        niveau = Gebiedsniveau.nederland if code == "NL" else Gebiedsniveau.veiligheidsregio
        assert rij[2].getal == aantal(kubus, 0, niveau, code, None, extract)
    for rol in ("gemeente", "opvang", "beheerder", "", "ANALIST", "publiek"):
        assert dienst.statistiek(verzoek, rol=rol).meta.beveiligd


def test_gemeente_kan_alleen_eigen_gebied_openen(dienst) -> None:  # type: ignore[no-untyped-def]
    bereik = Bereik(frozenset({"GM0228"}))  # Ede
    eigen = Verzoek(Tabelsoort.reeks, JAAR, Gebiedsniveau.gemeente, "Ede", van=2022)
    assert dienst.statistiek(eigen, rol="gemeente", bereik=bereik).meta.beveiligd
    regio = Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.veiligheidsregio, "VR07", Uitsplitsing.geslacht)
    dienst.statistiek(regio, rol="gemeente", bereik=bereik)
    with pytest.raises(BuitenBereik):
        dienst.statistiek(
            Verzoek(Tabelsoort.reeks, JAAR, Gebiedsniveau.gemeente, "Utrecht"), rol="gemeente", bereik=bereik
        )
    # the national map is open to everyone (it is protected like everything else)
    dienst.statistiek(Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.gemeente), rol="gemeente", bereik=bereik)


@pytest.mark.parametrize(
    "wat", [Uitsplitsing.geslacht, pytest.param(Uitsplitsing.uitbuitingsvorm, marks=pytest.mark.slow)]
)
def test_totalen_en_uitsplitsing_samen_doorstaan_de_strenge_audit(dienst, wat: Uitsplitsing) -> None:  # type: ignore[no-untyped-def]
    """The totals family and a breakdown family, with the gemeenten's never-published breakdown put back in
    (the strict structure), pass the disclosure library's audit together."""
    extract = dienst.extract()
    totalen = totalen_familie(extract, BELEID, JAAR, Eenheid.personen, Gebiedsbasis.plaats_delict)
    uit, _, _ = uitsplitsing_familie(extract, BELEID, JAAR, Eenheid.personen, Gebiedsbasis.plaats_delict, wat)
    niveaus: list[Niveau] = niveaus_voor(
        extract, Gebiedsbasis.plaats_delict, gemeenten=True, gm_uitsplitsing=False, streng=True
    )
    kolommen = tuple(k for k in uit.kolommen if not k.startswith("niet:"))
    splitsingen = (
        [Splitsing(kolommen)]
        if wat.additief(Eenheid.personen)
        else [Splitsing((c, f"niet:{c}"), frozenset({f"niet:{c}"}), groep=(c,)) for c in kolommen]
    )
    structuur = rooster_structuur(splitsingen, niveaus)
    statussen: list[object] = [None] * structuur.size
    waarden: list[int | None] = [None] * structuur.size
    for key, i in structuur.index.items():
        cel = uit.cel(key.level, key.row, key.column) if key.column else totalen.cel(key.level, key.row, None)
        if cel is not None and i not in structuur.hidden:
            statussen[i], waarden[i] = cel.status, cel.value
    assert CellKey("", None, None) in structuur.index
    rapport = audit_release(structuur, statussen, waarden, BELEID)  # type: ignore[arg-type]
    assert rapport.passed, rapport.summary()


@pytest.mark.parametrize(
    ("wat", "vorm"),
    [
        (Uitsplitsing.geslacht, "seksueel"),
        (Uitsplitsing.werkwijze, "arbeid"),
        (Uitsplitsing.nationaliteit, "crimineel"),
    ],
)
def test_gefilterde_en_ongefilterde_uitsplitsing_samen_doorstaan_de_strenge_audit(  # type: ignore[no-untyped-def]
    dienst, wat: Uitsplitsing, vorm: str
) -> None:
    """A form-filtered breakdown, the unfiltered breakdown, the form's column and the totals, with every
    relation between them written out here (each unfiltered cell = the units naming the form + the others;
    the gemeenten's never-published breakdown put back in), pass the disclosure library's audit together."""
    extract = dienst.extract()
    args = (extract, BELEID, JAAR, Eenheid.personen, Gebiedsbasis.plaats_delict)
    totalen = totalen_familie(*args)
    alle, _, _ = uitsplitsing_familie(*args, wat)
    vormen, _, _ = uitsplitsing_familie(*args, Uitsplitsing.uitbuitingsvorm)
    met, _, _ = uitsplitsing_familie(*args, wat, vorm)
    niveaus = niveaus_voor(extract, Gebiedsbasis.plaats_delict, gemeenten=True, gm_uitsplitsing=False, streng=True)
    kolommen = tuple(k for k in alle.kolommen if not k.startswith("niet:"))
    assert kolommen and any(met.cel("provincie", r, k) for r in niveaus[-1].rijen for k in kolommen)
    verborgen = frozenset({"niet:v", *(f"z:{c}" for c in kolommen), *(f"niet:{c}" for c in kolommen)})
    verborgen |= {f"z:niet:{c}" for c in kolommen} | {f"v:niet:{c}" for c in kolommen}
    splitsingen = [Splitsing(("v", "niet:v"), verborgen, groep=())]
    if wat.additief(Eenheid.personen):
        splitsingen += [
            Splitsing(kolommen, groep=()),
            Splitsing(tuple(f"v:{c}" for c in kolommen), groep=(), totaal="v"),
        ]
        delen = kolommen
    else:
        delen = (*kolommen, *(f"niet:{c}" for c in kolommen))
        for c in kolommen:
            splitsingen += [
                Splitsing((c, f"niet:{c}"), verborgen, groep=()),
                Splitsing((f"v:{c}", f"v:niet:{c}"), verborgen, groep=(), totaal="v"),
            ]
    splitsingen += [Splitsing((f"v:{c}", f"z:{c}"), verborgen, groep=(), totaal=c) for c in delen]
    structuur = rooster_structuur(splitsingen, niveaus)
    statussen: list[object] = [None] * structuur.size
    waarden: list[int | None] = [None] * structuur.size
    for key, i in structuur.index.items():
        k = key.column
        if k is None:
            cel = totalen.cel(key.level, key.row, None)
        elif k == "v":
            cel = vormen.cel(key.level, key.row, vorm)
        elif k.startswith("v:"):
            cel = met.cel(key.level, key.row, k[2:])
        else:
            cel = alle.cel(key.level, key.row, k)
        if cel is not None and i not in structuur.hidden:
            statussen[i], waarden[i] = cel.status, cel.value
    rapport = audit_release(structuur, statussen, waarden, BELEID)  # type: ignore[arg-type]
    assert rapport.passed, rapport.summary()
