# SPDX-License-Identifier: EUPL-1.2
"""Authentication: password + TOTP login, enrolment, throttling, session expiry and fixation, logout, CSRF,
cookie flags and the demo bypass."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.web_support import Client, WebBed, csrf_van, maak_testbed
from zicht.accounts import Beveiliging, maak_gebruiker, totp
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import Sessie
from zicht.web.auth.cookies import SESSIE


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("auth"))


def _wachtwoord_stap(client: Client, naam: str, wachtwoord: str) -> object:
    token = csrf_van(client.get("/inloggen").text)
    return client.post(
        "/inloggen",
        data={"csrf_token": token, "gebruikersnaam": naam, "wachtwoord": wachtwoord, "volgende": "/meldingen"},
    )


def _code_stap(client: Client, code: str, pad: str = "/inloggen/code") -> object:
    token = csrf_van(client.get(pad).text)
    return client.post(pad, data={"csrf_token": token, "code": code, "volgende": "/meldingen"})


def test_inloggen_met_wachtwoord_en_totp_geeft_een_volledige_sessie(bed: WebBed) -> None:
    acc = bed.accounts["analist"]
    client = bed.client()
    r = _wachtwoord_stap(client, acc.gebruikersnaam, acc.wachtwoord)
    assert r.status_code == 303 and r.headers["location"].startswith("/inloggen/code")
    halverwege = client.cookies[SESSIE]
    assert client.get("/analyse/meldingen").status_code == 303  # not yet logged in fully
    r = _code_stap(client, totp.code_voor(acc.totp_geheim))
    assert r.status_code == 303 and r.headers["location"] == "/meldingen"
    assert client.cookies[SESSIE] != halverwege  # a new session id after the second factor (fixation)
    assert client.get("/analyse/meldingen").status_code == 200


def test_een_totp_code_werkt_maar_een_keer(bed: WebBed) -> None:
    acc = bed.accounts["identiteit"]
    eerste, tweede = bed.client(), bed.client()
    code = totp.code_voor(acc.totp_geheim)
    _wachtwoord_stap(eerste, acc.gebruikersnaam, acc.wachtwoord)
    assert _code_stap(eerste, code).status_code == 303
    _wachtwoord_stap(tweede, acc.gebruikersnaam, acc.wachtwoord)
    r = _code_stap(tweede, code)
    assert r.status_code == 400
    assert "al gebruikt" in r.text


def test_fout_wachtwoord_en_onbekende_gebruiker_geven_dezelfde_melding(bed: WebBed) -> None:
    r1 = _wachtwoord_stap(bed.client(), bed.accounts["opvang"].gebruikersnaam, "helemaal-verkeerd-1")
    r2 = _wachtwoord_stap(bed.client(), "bestaat-niet", "helemaal-verkeerd-1")
    assert r1.status_code == r2.status_code == 400
    fout = "De combinatie van gebruikersnaam en wachtwoord is onjuist."
    assert fout in r1.text and fout in r2.text
    assert SESSIE not in r1.cookies


def test_nieuwe_gebruiker_koppelt_eerst_de_tweede_factor(bed: WebBed) -> None:
    bev = Beveiliging.from_settings(bed.settings)
    with transaction(bed.sessions) as s:
        maak_gebruiker(
            s, bev, gebruikersnaam="nieuwe-analist", naam="Nieuw", rol="analist", wachtwoord="nog-een-lang-wachtwoord"
        )
    client = bed.client()
    r = _wachtwoord_stap(client, "nieuwe-analist", "nog-een-lang-wachtwoord")
    assert r.headers["location"].startswith("/inloggen/koppelen")
    pagina = client.get("/inloggen/koppelen")
    assert "otpauth://totp/" in pagina.text
    geheim = pagina.text.split('class="utrecht-code zicht-geheim">')[1].split("<")[0].replace(" ", "")
    assert client.get("/inloggen/koppelen").text.count(geheim[:4]) >= 1  # a reload shows the same secret
    r = _code_stap(client, totp.code_voor(geheim), "/inloggen/koppelen")
    assert r.status_code == 200 and r.text.count('class="utrecht-code zicht-herstelcode"') == 10  # shown once
    assert client.get("/analyse/meldingen").status_code == 200


def test_inloggen_wordt_begrensd_per_account(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    acc = bed.accounts["melder"]
    for _ in range(5):
        assert _wachtwoord_stap(bed.client(), acc.gebruikersnaam, "verkeerd-wachtwoord").status_code == 400
    r = _wachtwoord_stap(bed.client(), acc.gebruikersnaam, acc.wachtwoord)  # right password, but blocked
    assert r.status_code == 429
    assert "Te veel mislukte pogingen" in r.text
    # another account from the same address still works (5 < the per-address limit of 20)
    assert (
        _wachtwoord_stap(
            bed.client(), bed.accounts["analist"].gebruikersnaam, bed.accounts["analist"].wachtwoord
        ).status_code
        == 303
    )


def test_inloggen_wordt_begrensd_per_adres(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    for i in range(20):
        assert _wachtwoord_stap(bed.client(), f"raden-{i}", "verkeerd-wachtwoord").status_code == 400
    acc = bed.accounts["melder"]
    assert _wachtwoord_stap(bed.client(), acc.gebruikersnaam, acc.wachtwoord).status_code == 429


def test_sessie_verloopt_na_inactiviteit(bed: WebBed) -> None:
    client = bed.als("analist")
    assert client.get("/analyse/meldingen").status_code == 200
    with transaction(bed.sessions) as s:
        s.execute(
            update(Sessie).values(laatst_actief_op=utcnow() - timedelta(minutes=bed.settings.session_idle_minutes + 1))
        )
    r = client.get("/analyse/meldingen")
    assert r.status_code == 303
    assert "verlopen=1" in r.headers["location"]
    r = client.get("/api/v1/meldingen")
    assert r.status_code == 401


def test_uitloggen_beeindigt_de_sessie(bed: WebBed) -> None:
    client = bed.als("melder")
    cookie = client.cookies[SESSIE]
    r = client.post("/uitloggen", data={"csrf_token": csrf_van(client.get("/").text)})
    assert r.status_code == 303
    hergebruik = bed.client()
    hergebruik.cookies.set(SESSIE, cookie)
    assert hergebruik.get("/meldingen").status_code == 303  # the old cookie no longer works


def test_formulier_zonder_of_met_vals_csrf_token_wordt_geweigerd(bed: WebBed) -> None:
    client = bed.als("melder")
    data = {"melder_referentie": "X", "melddatum": "2024-01-01", "uitbuitingsvorm": "seksueel"}
    assert client.post("/meldingen/nieuw", data=data).status_code == 403
    assert client.post("/meldingen/nieuw", data={**data, "csrf_token": "0" * 64}).status_code == 403
    token = csrf_van(client.get("/meldingen/nieuw").text)
    vreemd = bed.als("melder")  # a token of another session is not valid here
    assert vreemd.post("/meldingen/nieuw", data={**data, "csrf_token": token}).status_code == 403
    r = client.post("/meldingen/nieuw", data={**data, "csrf_token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_htmx_verzoek_draagt_het_token_in_een_header(bed: WebBed) -> None:
    client = bed.als("melder")
    token = csrf_van(client.get("/").text)
    assert client.post("/sessie/verlengen", headers={"HX-Request": "true"}).status_code == 403
    r = client.post("/sessie/verlengen", headers={"HX-Request": "true", "X-CSRF-Token": token})
    assert r.status_code == 204


def test_inlogformulier_is_ook_tegen_csrf_beschermd(bed: WebBed) -> None:
    acc = bed.accounts["melder"]
    r = bed.client().post("/inloggen", data={"gebruikersnaam": acc.gebruikersnaam, "wachtwoord": acc.wachtwoord})
    assert r.status_code == 403


def test_cookies_zijn_httponly_samesite_en_secure_over_tls(bed: WebBed) -> None:
    acc = bed.accounts["gemeente"]
    client = bed.client(https=True)
    token = csrf_van(client.get("/inloggen").text)
    r = client.post(
        "/inloggen", data={"csrf_token": token, "gebruikersnaam": acc.gebruikersnaam, "wachtwoord": acc.wachtwoord}
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    r = bed.client().get("/inloggen")
    assert "secure" not in r.headers["set-cookie"].lower()  # plain http in a test environment


def test_demo_code_werkt_alleen_met_de_demo_instelling(tmp_path: Path) -> None:
    zonder = maak_testbed(tmp_path / "a")
    acc = zonder.accounts["opvang"]
    client = zonder.client()
    _wachtwoord_stap(client, acc.gebruikersnaam, acc.wachtwoord)
    assert _code_stap(client, totp.DEMO_CODE).status_code == 400
    met = maak_testbed(tmp_path / "b", ZICHT_DEMO_LOGIN_BYPASS="true")
    acc = met.accounts["opvang"]
    client = met.client()
    _wachtwoord_stap(client, acc.gebruikersnaam, acc.wachtwoord)
    assert _code_stap(client, totp.DEMO_CODE).status_code == 303


def test_code_van_het_vorige_tijdvak_wordt_nog_aanvaard(bed: WebBed) -> None:
    acc = bed.accounts["beheerder"]
    client = bed.client()
    _wachtwoord_stap(client, acc.gebruikersnaam, acc.wachtwoord)
    assert _code_stap(client, totp.code_voor(acc.totp_geheim, time.time() - 30)).status_code == 303
