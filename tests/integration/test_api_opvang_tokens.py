# SPDX-License-Identifier: EUPL-1.2
"""API tokens of shelter operators (scope ``opvang:bezetting``): weekly occupancy machine to machine, for the
operator's own active facilities only, and nothing else (no address, no queue, no meldingen)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from tests import conftest
from tests.opvang_support import GEHEIM_ADRES, Opvangbed, maak_opvangbed
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.accounts import Tokenfout, maak_organisatie, maak_token, zoek_organisatie
from zicht.cli import main
from zicht.opvang.regels import Doelgroep, Voorzieningsoort
from zicht.opvang.voorzieningen import NieuweVoorziening, maak_voorziening
from zicht.privacy.toegang import Recht, Rol, Toegang
from zicht.reference import load_reference
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import OpvangBezetting, OpvangVoorziening

BEZETTINGEN = "/api/v1/opvang/bezettingen"
BESTANDEN = "/api/v1/opvang/bezettingsbestanden"


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> tuple[WebBed, Opvangbed, dict[str, str]]:
    bed = maak_testbed(tmp_path_factory.mktemp("opvangtokens"))
    ref = load_reference(bed.settings.reference_dir)
    obed = maak_opvangbed(bed.sessions, ref)
    with transaction(bed.sessions) as s:
        tweede = maak_organisatie(s, code="exploitant-twee", naam="Exploitant twee", soort="opvang")
        maak_voorziening(
            s,
            NieuweVoorziening("mo-twee", "MO twee", Voorzieningsoort.maatschappelijke_opvang, tweede.id, "GM0599",
                              "GM0599", 8, Doelgroep(), GEHEIM_ADRES),
            ref,
            laad_opvangregios(ref.bron_dir),
        )  # fmt: skip
    tokens = {
        "eigen": bed.token("exploitant-test", ["opvang:bezetting"]),
        "twee": bed.token("exploitant-twee", ["opvang:bezetting"]),
        "zonder": bed.token("exploitant-test", ["uploads"]),
    }
    return bed, obed, tokens


def _kop(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _melding(code: str, dagen_terug: int = 1, bezet: int = 2) -> dict[str, object]:
    datum = (utcnow().date() - timedelta(days=dagen_terug)).isoformat()
    return {"voorzieningCode": code, "datum": datum, "totaal": 5, "bezet": bezet, "gereserveerd": 1}


def test_token_handelt_als_opvang_met_alleen_bezetting_melden() -> None:
    t = Toegang.voor_token(uuid.uuid4(), uuid.uuid4(), "exploitant-test", ("opvang:bezetting",))
    assert t.rol is Rol.opvang and t.rechten == frozenset({Recht.bezetting_melden})
    gemengd = Toegang.voor_token(uuid.uuid4(), uuid.uuid4(), "x", ("opvang:bezetting", "meldingen:lezen"))
    assert gemengd.rechten == frozenset()  # a mixed token (not creatable) gets nothing


def test_bezetting_melden_voor_een_eigen_voorziening_is_idempotent(
    omgeving: tuple[WebBed, Opvangbed, dict[str, str]],
) -> None:
    bed, obed, tokens = omgeving
    c = bed.client()
    r = c.post(BEZETTINGEN, headers=_kop(tokens["eigen"]), json=_melding("vo-test"))
    assert r.status_code == 201 and r.json() == {"uitkomst": "opgeslagen"}
    r = c.post(BEZETTINGEN, headers=_kop(tokens["eigen"]), json=_melding("vo-test"))
    assert r.status_code == 200 and r.json() == {"uitkomst": "al_aanwezig"}
    r = c.post(BEZETTINGEN, headers=_kop(tokens["eigen"]), json=_melding("vo-test", bezet=3))
    assert r.status_code == 200 and r.json() == {"uitkomst": "bijgewerkt"}
    with bed.sessions() as s:
        rij = s.get(OpvangBezetting, (obed.vo, utcnow().date() - timedelta(days=1)))
        assert rij is not None and (rij.bezet, rij.gereserveerd, rij.bron) == (3, 1, "api")


def test_andermans_of_onbekende_voorziening_geeft_dezelfde_403(
    omgeving: tuple[WebBed, Opvangbed, dict[str, str]],
) -> None:
    bed, _, tokens = omgeving
    c = bed.client()
    ander = c.post(BEZETTINGEN, headers=_kop(tokens["eigen"]), json=_melding("mo-twee"))
    onbekend = c.post(BEZETTINGEN, headers=_kop(tokens["eigen"]), json=_melding("bestaat-niet"))
    assert ander.status_code == onbekend.status_code == 403
    assert ander.json()["detail"] == onbekend.json()["detail"]
    with bed.sessions() as s:  # the refused report stored nothing
        assert s.query(OpvangBezetting).join(OpvangVoorziening).filter(OpvangVoorziening.code == "mo-twee").count() == 0
    # the other operator's own token may
    assert c.post(BEZETTINGEN, headers=_kop(tokens["twee"]), json=_melding("mo-twee")).status_code == 201


def test_token_zonder_scope_en_wat_het_token_niet_mag(omgeving: tuple[WebBed, Opvangbed, dict[str, str]]) -> None:
    bed, _, tokens = omgeving
    c = bed.client()
    r = c.post(BEZETTINGEN, headers=_kop(tokens["zonder"]), json=_melding("vo-test", dagen_terug=2))
    assert r.status_code == 403
    r = c.post(BESTANDEN, headers=_kop(tokens["zonder"]), files={"bestand": ("b.csv", b"voorziening,datum\n")})
    assert r.status_code == 403
    for pad in ("/api/v1/opvang/voorzieningen", "/api/v1/opvang/regios", "/api/v1/meldingen", "/api/v1/uploads/x"):
        r = c.get(pad, headers=_kop(tokens["eigen"]))
        assert r.status_code in (403, 404), pad
        assert GEHEIM_ADRES not in r.text
    r = c.post("/api/v1/meldingen", headers=_kop(tokens["eigen"]), json={})
    assert r.status_code == 403


def test_bestand_met_rijrapport_en_opnieuw_sturen(omgeving: tuple[WebBed, Opvangbed, dict[str, str]]) -> None:
    bed, _, tokens = omgeving
    gisteren = (utcnow().date() - timedelta(days=3)).isoformat()
    morgen = (utcnow().date() + timedelta(days=1)).isoformat()
    inhoud = (
        "voorziening,datum,totaal,bezet,gereserveerd,geblokkeerd\n"
        f"cosm-test,{gisteren},3,2,0,0\n"
        f"mo-twee,{gisteren},8,1,0,0\n"
        f"vo-test,{gisteren},5,zes,0,0\n"
        f"vo-test,{morgen},5,1,0,0\n"
        f"vo-test,{gisteren},5,4,2,0\n"
    ).encode()
    c = bed.client()
    r = c.post(BESTANDEN, headers=_kop(tokens["eigen"]), files={"bestand": ("week.csv", inhoud, "text/csv")})
    assert r.status_code == 200, r.text
    rapport = r.json()
    assert (rapport["gelezen"], rapport["opgeslagen"], rapport["afgewezen"]) == (5, 1, 4)
    redenen = {(a["rijnummer"], a["kolom"]) for a in rapport["afwijzingen"]}
    assert redenen == {(3, "voorziening"), (4, "bezet"), (5, "bezet"), (6, "bezet")}
    assert GEHEIM_ADRES not in r.text
    opnieuw = c.post(BESTANDEN, headers=_kop(tokens["eigen"]), files={"bestand": ("week.csv", inhoud, "text/csv")})
    assert opnieuw.status_code == 200
    assert (opnieuw.json()["opgeslagen"], opnieuw.json()["alAanwezig"], opnieuw.json()["afgewezen"]) == (0, 1, 4)
    kapot = c.post(BESTANDEN, headers=_kop(tokens["eigen"]), files={"bestand": ("x.csv", b"a,b\n1,2\n")})
    assert kapot.status_code == 400 and "kolommen ontbreken" in kapot.json()["detail"]


def test_gemengde_scopes_kunnen_niet(omgeving: tuple[WebBed, Opvangbed, dict[str, str]]) -> None:
    bed, _, _ = omgeving
    with transaction(bed.sessions) as s:
        org = zoek_organisatie(s, "exploitant-test")
        assert org is not None
        with pytest.raises(Tokenfout, match="niet samen"):
            maak_token(s, org, ["opvang:bezetting", "meldingen:lezen"], omschrijving="gemengd")


def test_beheerder_maakt_een_opvangtoken_op_het_tokenscherm(
    omgeving: tuple[WebBed, Opvangbed, dict[str, str]],
) -> None:
    bed, _, _ = omgeving
    c = bed.als("beheerder")
    pagina = c.get("/beheer/tokens")
    assert 'value="opvang:bezetting"' in pagina.text
    r = c.post("/beheer/tokens", data={"csrf_token": csrf_van(pagina.text), "organisatie": "exploitant-test",
                                       "scopes": ["opvang:bezetting", "uploads"], "omschrijving": "fout"})  # fmt: skip
    assert r.status_code == 400 and "gaat niet samen" in r.text
    r = c.post("/beheer/tokens", data={"csrf_token": csrf_van(pagina.text), "organisatie": "exploitant-test",
                                       "scopes": ["opvang:bezetting"], "omschrijving": "bezetting week"})  # fmt: skip
    assert r.status_code == 200
    token = r.text.split('zicht-geheim">')[1].split("<")[0]
    melding = _melding("cosm-test", dagen_terug=4, bezet=1)
    melding["totaal"] = 3
    assert bed.client().post(BEZETTINGEN, headers=_kop(token), json=melding).status_code == 201


def test_cli_maakt_een_opvangtoken(
    omgeving: tuple[WebBed, Opvangbed, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bed, _, _ = omgeving
    env = conftest.test_environ(tmp_path, ZICHT_DATABASE_URL=bed.settings.effective_database_url)
    args = ["users", "create-token", "--organisatie", "exploitant-test", "--scope", "opvang:bezetting"]
    assert main(args, env) == 0
    token = capsys.readouterr().out.split("shown once): ")[1].strip()
    r = bed.client().get("/api/v1/opvang/voorzieningen", headers=_kop(token))
    assert r.status_code == 403
    assert main([*args, "--scope", "uploads"], env) == 2
