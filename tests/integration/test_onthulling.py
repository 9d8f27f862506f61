# SPDX-License-Identifier: EUPL-1.2
"""Identity reveal: a purpose from the code list plus a case reference (not free text alone), a budget of
reveals per user per 24 hours with an alert to the beheerder, and the budget holding under parallel requests
on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from tests.web_support import GEHEIME_NAAM, WebBed, csrf_van, maak_testbed, nieuwe_melding
from zicht.accounts import toegang_van, zoek_gebruiker
from zicht.privacy.vault import Vault
from zicht.registry.identiteit import (
    OngeldigOnthulverzoek,
    Onthuldoel,
    Onthulstatus,
    controleer_onthulverzoek,
    onthul_voor_zaak,
)
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord

ACHTERNAAM = GEHEIME_NAAM.split()[1]


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("onthulling"), ZICHT_ONTHULLINGEN_PER_DAG="3")


def _records(bed: WebBed, **filters: str) -> list[LogboekRecord]:
    with bed.sessions() as s:
        stmt = select(LogboekRecord).order_by(LogboekRecord.volgnummer)
        for k, v in filters.items():
            stmt = stmt.where(getattr(LogboekRecord, k) == v)
        return list(s.scalars(stmt))


def _onthul(bed: WebBed, melding_id: str, **velden: str) -> httpx.Response:
    client = bed.als("identiteit")
    token = csrf_van(client.get(f"/meldingen/{melding_id}/identiteit").text)
    return client.post(f"/meldingen/{melding_id}/identiteit", data={"csrf_token": token, **velden})


@pytest.mark.parametrize(
    ("doel", "zaaknummer", "toelichting", "velden"),
    [
        ("xxxxxxxxxx", "", "", {"doel", "zaaknummer"}),  # the red team's free-text purpose
        ("opsporing", "xxxxxxxxxx", "", {"zaaknummer"}),
        ("opsporing", "12345", "", {"zaaknummer"}),
        ("opsporing", "PL-ZAAK", "", {"zaaknummer"}),  # no digit
        ("anders", "OM-2026-0042", "kort", {"toelichting"}),
        ("hulpverlening", "CM-2026-17", "x" * 141, {"toelichting"}),
    ],
)
def test_onthuldoel_komt_uit_de_lijst_met_een_geldig_zaaknummer(
    doel: str, zaaknummer: str, toelichting: str, velden: set[str]
) -> None:
    with pytest.raises(OngeldigOnthulverzoek) as exc:
        controleer_onthulverzoek(doel, zaaknummer, toelichting)
    assert {veld for veld, _ in exc.value.fouten} == velden


def test_een_geldig_onthulverzoek_wordt_het_logboekdoel() -> None:
    verzoek = controleer_onthulverzoek("koppelcontrole", " pl0900-2026-123456 ", "")
    assert verzoek.doel is Onthuldoel.koppelcontrole and verzoek.zaaknummer == "PL0900-2026-123456"
    assert verzoek.logboekdoel == "koppelcontrole | zaak PL0900-2026-123456"
    anders = controleer_onthulverzoek("anders", "OM-2026-0042", "verzoek van de rechter-commissaris")
    assert anders.logboekdoel == "anders | zaak OM-2026-0042 | verzoek van de rechter-commissaris"


def test_vrije_tekst_alleen_onthult_niets(bed: WebBed) -> None:
    melding_id = nieuwe_melding(bed.als("melder"), melder_referentie="ONT-1")
    r = _onthul(bed, melding_id, doel="xxxxxxxxxx")
    assert r.status_code == 400
    assert ACHTERNAAM not in r.text and "Kies een doel uit de lijst." in r.text
    assert not _records(bed, actie="onthullen", object_id=melding_id)


def test_onthullen_met_doel_en_zaaknummer_wordt_gelogd(bed: WebBed) -> None:
    melding_id = nieuwe_melding(bed.als("melder"), melder_referentie="ONT-2")
    r = _onthul(bed, melding_id, doel="opsporing", zaaknummer="PL0900-2026-123456")
    assert r.status_code == 200 and ACHTERNAAM in r.text
    (record,) = _records(bed, actie="onthullen", object_id=melding_id)
    assert record.doel == "opsporing | zaak PL0900-2026-123456"


def test_boven_het_dagbudget_geweigerd_met_alert_voor_de_beheerder(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path, ZICHT_ONTHULLINGEN_PER_DAG="2")
    meldingen = [nieuwe_melding(bed.als("melder"), melder_referentie=f"BUD-{i}") for i in range(3)]
    for melding_id in meldingen[:2]:
        assert _onthul(bed, melding_id, doel="hulpverlening", zaaknummer="CM-2026-17").status_code == 200
    r = _onthul(bed, meldingen[2], doel="hulpverlening", zaaknummer="CM-2026-17")
    assert r.status_code == 429 and ACHTERNAAM not in r.text
    assert "maximum aantal identiteiten" in r.text
    assert not _records(bed, actie="onthullen", object_id=meldingen[2])
    (alert,) = _records(bed, object_type="alert")
    assert alert.actor == str(bed.gebruiker_id(bed.accounts["identiteit"].gebruikersnaam)) and alert.status == 2
    for pad in ("/beheer", "/beheer/gebruikers"):
        pagina = bed.als("beheerder").get(pad)
        assert "Identiteitsonthullingen boven het dagbudget" in pagina.text
        assert bed.accounts["identiteit"].gebruikersnaam in pagina.text
    assert "boven het dagbudget" not in bed.als("identiteit").get("/meldingen").text


def test_het_dagbudget_houdt_bij_parallelle_onthullingen(tmp_path: Path, db_url: str) -> None:
    bed = maak_testbed(tmp_path, db_url=db_url)
    melding_id = uuid.UUID(nieuwe_melding(bed.als("melder"), melder_referentie="PAR-1"))
    vault = Vault.from_settings(bed.settings)
    verzoek = controleer_onthulverzoek("opsporing", "OM-2026-0042")
    with bed.sessions() as s:
        gebruiker = zoek_gebruiker(s, bed.accounts["identiteit"].gebruikersnaam)
        assert gebruiker is not None
        toegang = toegang_van(s, gebruiker)

    def onthul(_: int) -> Onthulstatus:
        with transaction(bed.sessions) as s:
            return onthul_voor_zaak(s, vault, toegang, melding_id, verzoek, dagbudget=4).status

    with ThreadPoolExecutor(max_workers=12) as pool:
        uitkomsten = list(pool.map(onthul, range(12)))
    assert uitkomsten.count(Onthulstatus.ok) == 4
    assert uitkomsten.count(Onthulstatus.budget_op) == 8
    assert len(_records(bed, actie="onthullen", object_type="melding")) == 4


def test_paar_onthullen_met_doel_uit_de_lijst_en_binnen_het_dagbudget(tmp_path: Path) -> None:
    """The linkage review pair asks the same purpose + case reference as one melding (free text alone reveals
    nothing) and counts both reveals against the budget: with 3 left, one pair (2) is shown, the next refused."""
    from tests.web_support import maak_beoordelingen

    bed = maak_testbed(tmp_path, ZICHT_ONTHULLINGEN_PER_DAG="3")
    melder = bed.als("melder")
    ids = [nieuwe_melding(melder, melder_referentie=f"PAAR-{i}") for i in range(4)]
    paren = maak_beoordelingen(bed.sessions, [(ids[0], ids[1]), (ids[2], ids[3])])
    client = bed.als("identiteit")

    def onthul(item: str, **velden: str) -> httpx.Response:
        token = csrf_van(client.get(f"/analyse/koppelingen/{item}").text)
        return client.post(f"/analyse/koppelingen/{item}/identiteit", data={"csrf_token": token, **velden})

    vrij = onthul(paren[0], doel="controle van een mogelijke koppeling")
    assert vrij.status_code == 400 and ACHTERNAAM not in vrij.text
    assert "Kies een doel uit de lijst." in vrij.text and "Geef een geldig zaaknummer" in vrij.text
    goed = onthul(paren[0], doel="koppelcontrole", zaaknummer="CM-2026-17")
    assert goed.status_code == 200 and ACHTERNAAM in goed.text
    assert len(_records(bed, actie="onthullen", doel="koppelcontrole | zaak CM-2026-17")) == 2
    op = onthul(paren[1], doel="koppelcontrole", zaaknummer="CM-2026-17")
    assert op.status_code == 429 and ACHTERNAAM not in op.text
    assert len(_records(bed, object_type="alert")) == 1
