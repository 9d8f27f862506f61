# SPDX-License-Identifier: EUPL-1.2
"""Finding meldingen (issue 14): search by the reporter's reference, filter by year, form, status, crime
location, region, kind of reporter and person, sort, always within the caller's scope and before paging;
withdrawn meldingen only on request; bad filter values give a message on the field, never a 500."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from tests.web_support import WebBed, csrf_van, maak_testbed, nieuwe_melding
from zicht.storage import transaction
from zicht.storage.tables import Melding, Persoon


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("zoeken")))
    melder = bed.als("melder")
    ids = {
        "A": nieuwe_melding(melder, melder_referentie="ZOEK-A", plaats_delict="Utrecht", melddatum="2023-02-01"),
        "B": nieuwe_melding(
            melder, melder_referentie="ZOEK-B", plaats_delict="Groningen", melddatum="2024-05-01",
            uitbuitingsvorm=["arbeid"], werkwijze=["schuldslavernij"],
        ),
        "C": nieuwe_melding(melder, melder_referentie="ZOEK-C", plaats_delict="Utrecht", melddatum="2024-07-01"),
    }  # fmt: skip
    nieuwe_melding(bed.als("melder", gebruikersnaam="melder-b"), melder_referentie="ZOEK-A", plaats_delict="Utrecht")
    bed.extra["ids"] = ids
    analist = bed.als("analist")
    csrf = csrf_van(analist.get(f"/meldingen/{ids['C']}").text)
    r = analist.post(
        f"/meldingen/{ids['C']}/intrekken",
        data={"csrf_token": csrf, "versie": "1", "intrekkingsreden": "ten_onrechte", "bevestig": "ja"},
    )
    assert r.status_code == 303
    return bed


def _referenties(html: str) -> list[str]:
    tabel = re.search(r'<table[^>]*id="meldingen".*?</table>', html, re.S)
    return re.findall(r'href="/meldingen/[0-9a-f-]+">([^<]+)</a>', tabel.group(0)) if tabel else []


def _ids(html: str) -> list[str]:
    tabel = re.search(r'<table[^>]*id="landelijk".*?</table>', html, re.S)
    return re.findall(r'href="/meldingen/([0-9a-f-]+)"', tabel.group(0)) if tabel else []


def test_melder_zoekt_op_referentie_en_plaats_delict(bed: WebBed) -> None:
    melder = bed.als("melder")
    assert _referenties(melder.get("/meldingen", params={"referentie": "ZOEK-B"}).text) == ["ZOEK-B"]
    assert _referenties(melder.get("/meldingen", params={"gemeente": "Utrecht"}).text) == ["ZOEK-A"]
    assert _referenties(melder.get("/meldingen", params={"gemeente": "GM0014"}).text) == ["ZOEK-B"]
    assert _referenties(melder.get("/meldingen", params={"vorm": "arbeid", "jaar": "2024"}).text) == ["ZOEK-B"]
    assert _referenties(melder.get("/meldingen", params={"sorteer": "melddatum_op"}).text) == ["ZOEK-A", "ZOEK-B"]
    # the withdrawn one only on request, marked
    met = melder.get("/meldingen", params={"ingetrokken": "ja", "gemeente": "Utrecht"}).text
    assert _referenties(met) == ["ZOEK-C", "ZOEK-A"] and "(ingetrokken)" in met
    # national filters are not the melder's: a region or person parameter is ignored, not an error
    assert len(_referenties(melder.get("/meldingen", params={"regio": "VR01", "persoon": "x"}).text)) == 2


def test_andere_organisatie_vindt_de_referentie_van_een_ander_niet(bed: WebBed) -> None:
    b = bed.als("melder", gebruikersnaam="melder-b")
    assert _referenties(b.get("/meldingen", params={"referentie": "ZOEK-B"}).text) == []
    assert _referenties(b.get("/meldingen", params={"referentie": "ZOEK-A"}).text) == ["ZOEK-A"]  # its own


def test_analist_filtert_op_status_regio_en_persoon(bed: WebBed) -> None:
    ids = bed.extra["ids"]
    analist = bed.als("analist")
    alle = _ids(analist.get("/analyse/meldingen").text)
    assert ids["C"] not in alle and {ids["A"], ids["B"]} <= set(alle)
    assert _ids(analist.get("/analyse/meldingen", params={"regio": "VR01"}).text) == [ids["B"]]
    # a reference is the reporting organisation's own: nationally it can match meldingen of several
    assert len(_ids(analist.get("/analyse/meldingen", params={"referentie": "ZOEK-A"}).text)) == 2
    assert _ids(analist.get("/analyse/meldingen", params={"status": "vastgesteld"}).text) == []
    # A and B are one person (as linkage would record it): the person column and the detail page link to the
    # person's list, which holds exactly those two
    with transaction(bed.sessions) as s:
        persoon = Persoon()
        s.add(persoon)
        s.flush()
        for m in (ids["A"], ids["B"]):
            melding = s.get(Melding, uuid.UUID(m))
            assert melding is not None
            melding.persoon_id = persoon.id
        pid = str(persoon.id)
    lijst = analist.get("/analyse/meldingen").text
    assert f'href="/analyse/meldingen?persoon={pid}"' in lijst
    detail = analist.get(f"/meldingen/{ids['A']}").text
    assert f'href="/analyse/meldingen?persoon={pid}"' in detail and 'name="persoon_id"' in detail
    assert set(_ids(analist.get("/analyse/meldingen", params={"persoon": pid}).text)) == {ids["A"], ids["B"]}


@pytest.mark.parametrize(
    ("pad", "veld"),
    [
        ("/meldingen?jaar=0", "filter-jaar"),
        ("/meldingen?gemeente=Atlantis", "filter-gemeente"),
        ("/meldingen?status=bijna", "filter-status"),
        ("/analyse/meldingen?persoon=geen-uuid", "filter-persoon"),
        ("/analyse/meldingen?regio=VR99", "filter-regio"),
    ],
)
def test_ongeldig_filter_geeft_een_melding_bij_het_veld(bed: WebBed, pad: str, veld: str) -> None:
    rol = "analist" if pad.startswith("/analyse") else "melder"
    r = bed.als(rol).get(pad)
    assert r.status_code == 400 and f'href="#{veld}"' in r.text
