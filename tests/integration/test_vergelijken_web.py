# SPDX-License-Identifier: EUPL-1.2
"""The municipal view on the web: a gemeente user chooses an area by name among its own gemeente, every region
it lies in and the nation (and nothing else), compares it with similar municipalities from published figures
only, sorts the comparison without JavaScript and downloads it as Dutch CSV (``;``, decimal comma) or XLSX."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest

from tests.integration.test_stat_registry import _invoer
from tests.unit.test_stat_beveiliging import _data
from tests.web_support import WebBed, maak_testbed
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import Organisatie

PAD = "/statistieken/vergelijken"


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("vergelijken")))
    ms = [m for m in _data(n=500, seed=5) if m.pd_gemeente != "GM9999"]
    with transaction(bed.sessions) as s:
        org = Organisatie(code="stat-verg", naam="politie", soort="nationale_politie", regio="Midden-Nederland")
        s.add(org)
        s.flush()
        bewaar_meldingen(
            s,
            Vault.from_settings(bed.settings),
            org,
            [_invoer(m, f"V{i}") for i, m in enumerate(ms)],
            bron="api",
            actor=logboek.SYSTEEM,
        )
    return bed


def _opties(html: str) -> list[str]:
    lijst = re.search(r'<datalist id="stat-gebied-lijst">(.*?)</datalist>', html, re.S)
    assert lijst is not None
    return re.findall(r'<option value="([^"]*)">', lijst.group(1))


def test_gemeente_kiest_uit_eigen_gemeente_elke_regio_en_nederland(bed: WebBed) -> None:
    r = bed.als("gemeente").get("/statistieken", params={"periode": "2023"})
    assert r.status_code == 200, r.text
    assert _opties(r.text) == [
        "gemeente Utrecht",
        "veiligheidsregio Utrecht",
        "politie-eenheid Midden-Nederland",
        "RIEC Midden-Nederland",
        "provincie Utrecht",
        "Nederland",
    ]
    assert 'list="stat-gebied-lijst"' in r.text and 'value="gemeente Utrecht"' in r.text
    # links to every region the gemeente lies in
    for niveau, code in (("veiligheidsregio", "VR09"), ("provincie", "PV26"), ("nederland", "NL")):
        assert f"niveau={niveau}&amp;gebied={code}" in r.text


def test_een_gekozen_naam_leidt_naar_de_vaste_url_van_dat_gebied(bed: WebBed) -> None:
    c = bed.als("gemeente")
    r = c.get("/statistieken", params={"periode": "2023", "gebied": "veiligheidsregio Utrecht"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/statistieken?periode=2023&niveau=veiligheidsregio&gebied=VR09"
    assert "veiligheidsregio Utrecht" in c.get(r.headers["location"]).text
    # a gemeente outside the user's area is not found, whatever way it is typed
    for tekst in ("gemeente Amsterdam", "Amsterdam", "GM0363"):
        fout = c.get("/statistieken", params={"periode": "2023", "gebied": tekst}, follow_redirects=False)
        assert fout.status_code == 400 and "Kies een gebied uit de lijst." in fout.text
    assert c.get("/statistieken", params={"niveau": "gemeente", "gebied": "GM0363"}).status_code == 400


def test_periodehint_belooft_beschermde_rollen_geen_kwartalen(bed: WebBed) -> None:
    gemeente = bed.als("gemeente").get("/statistieken", params={"periode": "2023"}).text
    assert "kwartaal" not in gemeente.lower() and "-Q" not in gemeente
    analist = bed.als("analist").get("/statistieken", params={"periode": "2023"}).text
    assert 'value="2023-Q3"' in analist and "een kwartaal" in analist


def test_vergelijking_toont_gepubliceerde_cijfers_met_intervallen_en_groepering(bed: WebBed) -> None:
    r = bed.als("gemeente").get(PAD, params={"periode": "2023", "niveau": "gemeente", "gebied": "GM0344"})
    assert r.status_code == 200, r.text
    html = r.text
    assert "Vergelijkbare gemeenten: 100.000 of meer inwoners en 1.500 of meer inwoners per km² land" in html
    assert 'role="img"' in html
    assert "veiligheidsregio Utrecht" in html and "Nederland" in html
    tabel = re.search(r'<table[^>]*id="tabel-vergelijking".*?</table>', html, re.S)
    assert tabel is not None
    aantallen = re.findall(r"<td[^>]*>(\d[\d.]*)</td>", tabel.group(0))
    assert aantallen  # counts and rates; every count shown is published (0 or >= 10, multiple of 5)
    assert "&lt;10" in tabel.group(0)
    regio = bed.als("gemeente").get(PAD, params={"periode": "2023", "niveau": "veiligheidsregio", "gebied": "VR09"})
    assert regio.status_code == 200 and "midden (mediaan)" in regio.text
    assert "Vergeleken met alle gebieden van dit niveau (25 × veiligheidsregio)" in regio.text
    assert re.search(r"(hoger dan|lager dan|niet te onderscheiden van) het midden", regio.text)


def test_vergelijking_sorteert_via_de_url_zonder_javascript(bed: WebBed) -> None:
    c = bed.als("gemeente")
    basis = {"periode": "2023", "niveau": "gemeente", "gebied": "GM0344"}

    def namen(**extra: str) -> list[str]:
        html = c.get(PAD, params=basis | extra).text
        tabel = re.search(r'<table[^>]*id="tabel-vergelijking".*?</table>', html, re.S)
        assert tabel is not None
        return re.findall(r'<th class="utrecht-table__header-cell" scope="row">([^<]*)</th>', tabel.group(0))

    op = namen(sorteer="gebied", richting="op")
    assert op == sorted(op, key=str.casefold) and len(op) >= 5
    assert namen(sorteer="gebied", richting="af") == list(reversed(op))
    html = c.get(PAD, params=basis | {"sorteer": "gebied", "richting": "op"}).text
    assert 'aria-sort="ascending"' in html and "sorteer=gebied&amp;richting=af" in html


def test_de_kaarttabel_van_het_dashboard_sorteert_zonder_iets_over_afgeschermde_cijfers_te_zeggen(bed: WebBed) -> None:
    """The map's 342-row table sorts by name and by rate through header links; withheld rows keep their published
    (CBS code) order after every shown figure in both directions, and the nation's row stays last."""
    c = bed.als("gemeente")
    basis = {"periode": "2023", "niveau": "gemeente", "gebied": "GM0344"}

    def rijen(**extra: str) -> list[tuple[str, str, str]]:
        r = c.get("/statistieken", params=basis | extra)
        assert r.status_code == 200
        tabel = re.search(r'<table[^>]*id="tabel-kaart".*?</table>', r.text, re.S)
        assert tabel is not None
        cellen = re.findall(r'scope="row">([^<]*)</th>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>', tabel.group(0))
        return [(unescape(a), unescape(b), unescape(c)) for a, b, c in cellen]

    gepubliceerd = rijen()
    assert len(gepubliceerd) > 300 and gepubliceerd[-1][0] == "Nederland"
    gebieden = gepubliceerd[:-1]
    afgeschermd = [r for r in gebieden if r[2] in ("x", "<10", "–")]
    assert afgeschermd and len(afgeschermd) < len(gebieden)

    op = rijen(sorteer="gebied", richting="op")
    assert [r[0] for r in op[:-1]] == sorted((r[0] for r in gebieden), key=str.casefold)
    assert rijen(sorteer="gebied", richting="af")[:-1] == list(reversed(op[:-1]))

    for richting in ("af", "op"):
        gesorteerd = rijen(sorteer="per_100k", richting=richting)
        assert gesorteerd[-1][0] == "Nederland" and sorted(gesorteerd) == sorted(gepubliceerd)
        getoond = [float(r[2].replace(".", "").replace(",", ".")) for r in gesorteerd[:-1] if r not in afgeschermd]
        assert getoond == sorted(getoond, reverse=richting == "af")
        assert gesorteerd[len(getoond) : -1] == afgeschermd  # withheld last, in their published order

    html = c.get("/statistieken", params=basis | {"sorteer": "per_100k", "richting": "af"}).text
    kop = re.search(r'<th[^>]*aria-sort="descending"[^>]*>\s*<a[^>]*href="([^"]*)"', html)
    assert kop is not None and "sorteer=per_100k&amp;richting=op" in kop.group(1) and "gebied=GM0344" in kop.group(1)
    # an unknown column is the published order, not an error
    assert rijen(sorteer="geboortedatum", richting="af") == gepubliceerd


def test_vergelijking_buiten_het_eigen_gebied_wordt_niet_getoond(bed: WebBed) -> None:
    r = bed.als("gemeente").get(PAD, params={"periode": "2023", "niveau": "gemeente", "gebied": "GM0363"})
    assert r.status_code == 400 and "Amsterdam vergeleken" not in r.text


def test_vergelijking_downloaden_als_nederlandse_csv_en_xlsx(bed: WebBed) -> None:
    c = bed.als("gemeente")
    params = {"periode": "2023", "niveau": "veiligheidsregio", "gebied": "VR09"}
    r = c.get(PAD + "/export", params=params | {"formaat": "csv"})
    assert r.status_code == 200
    assert re.search(r'filename="zicht-vergelijking-[^"]*_nl\.csv"', r.headers["content-disposition"])
    assert r.content.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["code", "gebied", "vergeleken als"]
    rates = [rij[5] for rij in rijen[1:] if len(rij) > 5 and rij[5] not in ("–", "")]
    assert rates and all(re.fullmatch(r"\d+,\d", x) for x in rates), rates
    en = c.get(PAD + "/export", params=params | {"formaat": "csv", "lang": "en"})
    assert en.headers["content-disposition"].endswith('_en.csv"')
    rijen_en = list(csv.reader(io.StringIO(en.content.decode("utf-8-sig"))))
    assert all(re.fullmatch(r"\d+\.\d", rij[5]) for rij in rijen_en[1:] if len(rij) > 5 and rij[5] not in ("–", ""))
    x = c.get(PAD + "/export", params=params | {"formaat": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
