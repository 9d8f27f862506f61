# SPDX-License-Identifier: EUPL-1.2
"""Small things a melder and a beheerder missed (issues 14 and 15): the upload page offers the import template
(it was only available from the CLI) and names each earlier upload's file; revoking an API token asks for
confirmation and says it cannot be undone; a reporting organisation never sees the national person pseudonym."""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.integration.test_api_meldingen import MELDING
from tests.integration.upload_helpers import wacht_op_uploads
from tests.web_support import csrf_van, maak_testbed
from zicht.analysis import NietBeschikbaar
from zicht.storage import transaction
from zicht.storage.tables import Melding, Persoon


def test_sjabloon_downloaden_en_bestandsnaam_in_de_geschiedenis(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    melder = bed.als("melder")
    pagina = melder.get("/uploads")
    assert 'href="/uploads/sjabloon.xlsx"' in pagina.text
    r = melder.get("/uploads/sjabloon.xlsx")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    boek = load_workbook(io.BytesIO(r.content))
    assert "melder_referentie" in [c.value for c in next(boek["Meldingen"].iter_rows(max_row=1))]
    assert bed.als("gemeente").get("/uploads/sjabloon.xlsx").status_code == 403
    melder.post(
        "/uploads",
        data={"csrf_token": csrf_van(pagina.text)},
        files={
            "bestand": (
                "aanlevering-week-12.csv",
                b"melder_referentie,melddatum,uitbuitingsvorm\nS-1,2024-01-01,arbeid\n",
            )
        },
    )
    wacht_op_uploads(bed.app)
    assert "aanlevering-week-12.csv" in melder.get("/uploads").text


def test_token_intrekken_vraagt_bevestiging_en_zegt_dat_het_niet_terug_kan(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    geheim = bed.token(bed.org_a, ["meldingen:lezen"])
    beheerder = bed.als("beheerder")
    lijst = beheerder.get("/beheer/tokens").text
    pad = re.search(r'href="(/beheer/tokens/[0-9a-f-]+/intrekken)"', lijst)
    assert pad is not None
    bevestig = beheerder.get(pad.group(1))
    assert bevestig.status_code == 200 and "niet terug te zetten" in bevestig.text
    zonder = beheerder.post(pad.group(1), data={"csrf_token": csrf_van(bevestig.text)})
    assert zonder.status_code == 400
    assert bed.client().get("/api/v1/meldingen", headers={"Authorization": f"Bearer {geheim}"}).status_code == 200
    met = beheerder.post(pad.group(1), data={"csrf_token": csrf_van(bevestig.text), "bevestig": "ja"})
    assert met.status_code == 303
    assert bed.client().get("/api/v1/meldingen", headers={"Authorization": f"Bearer {geheim}"}).status_code == 401
    assert beheerder.get(pad.group(1)).status_code == 404  # nothing left to revoke


def test_melder_ziet_het_landelijke_persoonspseudoniem_niet(tmp_path: Path) -> None:
    """Issue 15 finding 9: the person pseudonym is CoMensha's; a reporting organisation gets none, by page or API."""
    bed = maak_testbed(tmp_path)
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    r = bed.client().post("/api/v1/meldingen", json=MELDING, headers={"Authorization": f"Bearer {token}"})
    mid = r.json()["id"]
    with transaction(bed.sessions) as s:
        persoon = Persoon()
        s.add(persoon)
        s.flush()
        melding = s.get(Melding, uuid.UUID(mid))
        assert melding is not None
        melding.persoon_id = persoon.id
        pid = str(persoon.id)
    api = bed.client().get(f"/api/v1/meldingen/{mid}", headers={"Authorization": f"Bearer {token}"}).json()
    assert api["persoonId"] is None
    lijst = bed.client().get("/api/v1/meldingen", headers={"Authorization": f"Bearer {token}"}).text
    assert pid not in lijst
    assert pid not in bed.als("melder").get(f"/meldingen/{mid}").text
    assert pid not in bed.als("melder").get("/meldingen").text
    assert pid in bed.als("analist").get(f"/meldingen/{mid}").text  # CoMensha does see it


def test_statistiekpagina_zonder_publiceerbare_cijfers_geeft_uitleg_geen_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench_load found a 500 when nothing could be published for a gemeente and year (``NietBeschikbaar`` from
    the publication escaped the page). The page now says why and what to choose instead."""
    from zicht.web.pages import dashboard

    def niets(*args: object, **kwargs: object) -> None:
        raise NietBeschikbaar("De aantallen zijn te klein om iets te publiceren.")

    monkeypatch.setattr(dashboard, "maak_dashboard", niets)
    bed = maak_testbed(tmp_path)
    r = bed.als("gemeente").get("/statistieken?periode=2020&niveau=gemeente&gebied=GM0344")
    assert r.status_code == 200
    assert "De aantallen zijn te klein" in r.text and "Kies een hoger niveau" in r.text
    assert 'id="stat-gebied"' in r.text  # the filter stays, to choose again


def test_start_is_alleen_actief_op_de_startpagina(tmp_path: Path) -> None:
    """Issue 14: "Start" was shown as the current menu item on every page outside the menu."""
    bed = maak_testbed(tmp_path)
    melder = bed.als("melder")

    def huidig(pad: str) -> list[str]:
        nav = re.search(r'<nav[^>]*aria-label="Hoofdmenu".*?</nav>', melder.get(pad).text, re.S)
        assert nav is not None
        return re.findall(r'href="([^"]+)" aria-current="page"', nav.group(0))

    assert huidig("/") == ["/"]
    assert huidig("/mijn-gegevens") == []
    assert huidig("/meldingen") == ["/meldingen"]
    assert huidig("/meldingen/nieuw") == ["/meldingen/nieuw"]
