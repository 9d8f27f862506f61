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
