# SPDX-License-Identifier: EUPL-1.2
"""The linkage review queue page through the app: paged, most likely first, every open pair reachable."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_support import GEHEIME_NAAM, WebBed, maak_beoordelingen, maak_testbed, nieuwe_melding
from zicht.web.pages.koppelingen import PER_PAGINA


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebBed]:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("koppelingen-web")))
    yield bed
    bed.engine.dispose()


def _paren_op(html: str) -> list[str]:
    return re.findall(r'href="/analyse/koppelingen/([0-9a-f-]{36})"', html)


def test_de_wachtrij_is_gepagineerd_en_elk_paar_is_bereikbaar(bed: WebBed) -> None:
    melder = bed.als("melder")
    aantal = PER_PAGINA + 7
    ids = [nieuwe_melding(melder, melder_referentie=f"PAG-{uuid.uuid4().hex[:8]}") for _ in range(2 * aantal)]
    items = maak_beoordelingen(bed.sessions, [(ids[2 * i], ids[2 * i + 1]) for i in range(aantal)])
    client = bed.als("analist")

    eerste = client.get("/analyse/koppelingen")
    assert eerste.status_code == 200
    assert f"{aantal} paren te beoordelen" in eerste.text
    assert _paren_op(eerste.text) == items[:PER_PAGINA]  # highest probability first
    assert 'aria-label="Paginering"' in eerste.text and 'href="/analyse/koppelingen?pagina=2"' in eerste.text

    tweede = client.get("/analyse/koppelingen?pagina=2")
    assert _paren_op(tweede.text) == items[PER_PAGINA:]
    assert "(pagina 2)" in tweede.text
    # a page beyond the last (the queue shrank after decisions) shows the last page, not an empty list
    assert _paren_op(client.get("/analyse/koppelingen?pagina=9").text) == items[PER_PAGINA:]
    assert _paren_op(client.get("/analyse/koppelingen?pagina=0").text) == items[:PER_PAGINA]


def test_het_paar_toont_de_vergeleken_kenmerken_zonder_identificerende_gegevens(bed: WebBed) -> None:
    """The pair page shows what the model compares (organisation, sector, methods used, ...), nothing identifying."""
    melder = bed.als("melder")
    a = nieuwe_melding(melder, melder_referentie=f"KEN-{uuid.uuid4().hex[:8]}", sector="raamprostitutie")
    b = nieuwe_melding(melder, melder_referentie=f"KEN-{uuid.uuid4().hex[:8]}", werkwijze=["schuldslavernij"])
    (item,) = maak_beoordelingen(bed.sessions, [(a, b)])
    html = bed.als("analist").get(f"/analyse/koppelingen/{item}").text
    assert ">De twee meldingen</caption>" in html
    tabel = html.split(">De twee meldingen</caption>")[1].split("</table>")[0]
    for kenmerk in ("Melder", "Soort melder", "Sectoren", "Werkwijzen", "Uitbuitingsvormen"):
        assert f">{kenmerk}<" in tabel, kenmerk
    assert "raamprostitutie" in tabel.lower()
    assert "overboymethode" in tabel and "chuldslavernij" in tabel
    assert GEHEIME_NAAM.split()[1] not in html


@pytest.fixture(scope="module")
def gekoppeld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebBed, dict[str, object]]]:
    """A registry linked by ``zicht link --json`` (with its quality audit), and the command's output."""
    import contextlib
    import io
    import json

    from tests.conftest import test_environ
    from tests.unit.test_linkage_service import make_meldingen, store
    from zicht.cli import main
    from zicht.privacy.vault import Vault

    tmp = Path(tmp_path_factory.mktemp("koppelkwaliteit-web"))
    environ = test_environ(tmp)
    bed = maak_testbed(tmp, **environ)
    store(bed.sessions, Vault.from_settings(bed.settings), make_meldingen())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["link", "--json", "--seed", "3", "--onder", "0.3"], environ) == 0
    yield bed, json.loads(out.getvalue())
    bed.engine.dispose()


def test_zicht_link_json_geeft_de_geschatte_kwaliteit_met_intervallen(
    gekoppeld: tuple[WebBed, dict[str, object]],
) -> None:
    _, uitvoer = gekoppeld
    kwaliteit = uitvoer["kwaliteit"]
    assert isinstance(kwaliteit, dict)
    for maat in ("precisie", "recall"):
        figuur = kwaliteit[maat]
        assert 0.0 <= figuur["onder"] <= figuur["schatting"] <= figuur["boven"] <= 1.0
        assert figuur["bron"] in ("model", "gemengd", "beoordeeld") and figuur["beslissingen"] >= 0
    assert kwaliteit["per_melder_paar"] and kwaliteit["per_variatie"] and kwaliteit["strata"]
    assert kwaliteit["niet_gedekt"]["meldingen_niet_koppelbaar"] == 0
    assert isinstance(uitvoer["steekproef"], int) and uitvoer["steekproef"] > 0


def test_de_wachtrij_toont_precisie_en_volledigheid_met_interval_en_besluiten(
    gekoppeld: tuple[WebBed, dict[str, object]],
) -> None:
    bed, _ = gekoppeld
    html = bed.als("analist").get("/analyse/koppelingen").text
    assert ">Kwaliteit van de koppeling<" in html
    tabel = html.split('id="kwaliteit-totaal"')[1].split("</table>")[0]
    assert ">Precisie<" in tabel and ">Volledigheid<" in tabel
    assert re.search(r"\d+,\d%</td>\s*<td[^>]*>\d+,\d% – \d+,\d%</td>", tabel)
    assert 'id="kwaliteit-melders"' in html and 'id="kwaliteit-variaties"' in html
    assert ">Steekproef<" in html  # the reason column shows why a pair is in the queue
    engels = bed.als("analist").get("/analyse/koppelingen?lang=en").text
    assert ">Quality of the linkage<" in engels and ">Precision<" in engels and ">Recall<" in engels


def _getal(tekst: str) -> float:
    return float(tekst.strip().replace(",", "."))


def test_de_getoonde_gewichten_tellen_op_tot_de_score_inclusief_prior(
    gekoppeld: tuple[WebBed, dict[str, object]],
) -> None:
    bed, _ = gekoppeld
    client = bed.als("analist")
    paren = _paren_op(client.get("/analyse/koppelingen").text)
    assert paren
    for item in paren[:10]:
        html = client.get(f"/analyse/koppelingen/{item}").text
        tabel = html.split('id="vergelijkingen"')[1].split("</table>")[0]
        rijen = re.findall(r'data-soort="(\w+)">(.*?)</tr>', tabel, flags=re.S)
        soorten = [soort for soort, _ in rijen]
        assert soorten[0] == "prior" and soorten[-1] == "som" and "niveau" in soorten
        # the weight is the first numeric cell of a row (the second is the Bayes factor)
        gewicht = [_getal(re.findall(r'numeric-data">(?:<strong>)?([-+]?\d+,\d)', cellen)[0]) for _, cellen in rijen]
        assert round(sum(gewicht[:-1]), 1) == gewicht[-1], (item, gewicht)
        assert GEHEIME_NAAM.split()[1] not in html
