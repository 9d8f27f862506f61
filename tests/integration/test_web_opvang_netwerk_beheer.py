# SPDX-License-Identifier: EUPL-1.2
"""The management screens: the beheerder keeps the facility register (register, edit, deactivate after
confirmation), CoMensha's opvang users keep the care-coordination network (register and end a function). Every
write is validated, logged in the logboek, and errors are sentences on the form; the confidential address is
never shown back, not even to the beheerder who entered it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tests.opvang_support import GEHEIM_ADRES, Opvangbed, maak_opvangbed
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.accounts import Beveiliging, maak_gebruiker, maak_organisatie
from zicht.netwerk.dekking import dekking
from zicht.opvang.bezetting import Bedden, NietEigenVoorziening, meld
from zicht.opvang.regels import COMENSHA
from zicht.opvang.voorzieningen import voorzieningen
from zicht.privacy.toegang import Toegang
from zicht.reference import load_reference
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import LogboekRecord, NetwerkFunctie, OpvangVoorziening

NIEUW_ADRES = "Schuilweg 7, 9999 ZZ Nergensdorp"


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> tuple[WebBed, Opvangbed]:
    bed = maak_testbed(tmp_path_factory.mktemp("beheer"))
    obed = maak_opvangbed(bed.sessions, load_reference(bed.settings.reference_dir))
    bev = Beveiliging.from_settings(bed.settings)
    with transaction(bed.sessions) as s:
        maak_organisatie(s, code="exploitant-drie", naam="Exploitant drie", soort="opvang")
        for naam, org in (("opvang-comensha", COMENSHA), ("opvang-drie", "exploitant-drie")):
            maak_gebruiker(s, bev, gebruikersnaam=naam, naam=naam, rol="opvang", wachtwoord="een-lang-wachtwoord-x",
                           organisatie_code=org)  # fmt: skip
    return bed, obed


def _formulier(csrf: str, **anders: Any) -> dict[str, Any]:
    data = {"csrf_token": csrf, "code": "mo-drie", "naam": "MO Drie", "soort": "maatschappelijke_opvang",
            "exploitant": "exploitant-drie", "gemeentecode": "Utrecht", "centrumgemeente": "GM0344",
            "capaciteit": "12", "doelgroep_geslacht": "alle", "leeftijd_min": "18", "leeftijd_max": "",
            "beveiligingsniveau": "verhoogd", "kinderen": "ja", "adres": NIEUW_ADRES}  # fmt: skip
    data.update(anders)
    return data


def _logboek(bed: WebBed, object_type: str) -> list[LogboekRecord]:
    with bed.sessions() as s:
        return list(s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == object_type)))


def test_beheerder_registreert_en_bewerkt_een_voorziening_zonder_het_adres_te_zien(
    omgeving: tuple[WebBed, Opvangbed],
) -> None:
    bed, _ = omgeving
    c = bed.als("beheerder")
    pagina = c.get("/beheer/voorzieningen/nieuw")
    assert pagina.status_code == 200
    r = c.post("/beheer/voorzieningen/nieuw", data=_formulier(csrf_van(pagina.text)))
    assert r.status_code == 303, r.text[:1000]
    with bed.sessions() as s:
        v = s.scalars(select(OpvangVoorziening).where(OpvangVoorziening.code == "mo-drie")).one()
        assert (v.gemeentecode, v.capaciteit, v.leeftijd_min, v.kinderen, v.adres) == ("GM0344", 12, 18, True,
                                                                                     NIEUW_ADRES)  # fmt: skip
        vid = v.id
    lijst = c.get(r.headers["location"])
    assert "MO Drie" in lijst.text and "mo-drie" in lijst.text and NIEUW_ADRES not in lijst.text
    bewerk = c.get(f"/beheer/voorzieningen/{vid}")
    assert bewerk.status_code == 200 and NIEUW_ADRES not in bewerk.text and GEHEIM_ADRES not in bewerk.text
    assert "Er is een adres vastgelegd" in bewerk.text
    # an edit with the address left empty keeps it; the region follows the new municipality
    r = c.post(f"/beheer/voorzieningen/{vid}",
               data=_formulier(csrf_van(bewerk.text), capaciteit="15", gemeentecode="Amsterdam", adres=""))  # fmt: skip
    assert r.status_code == 303
    regios = laad_opvangregios(load_reference(bed.settings.reference_dir).bron_dir)
    with bed.sessions() as s:
        v = s.get(OpvangVoorziening, vid)
        assert v is not None and (v.capaciteit, v.gemeentecode, v.adres) == (15, "GM0363", NIEUW_ADRES)
        assert v.regio == regios.regio_van["GM0363"]
    records = _logboek(bed, "opvang_voorziening")
    assert [x.actie for x in records] == ["aanmaken", "wijzigen"]
    assert all(NIEUW_ADRES not in x.details and "Schuilweg" not in x.details for x in records)
    assert json.loads(records[1].details)["velden"] == ["capaciteit", "gemeentecode", "regio"]
    # only the operator's own opvang users see the address
    assert NIEUW_ADRES in bed.als("opvang", gebruikersnaam="opvang-drie").get("/opvang").text
    assert NIEUW_ADRES not in bed.als("opvang", gebruikersnaam="opvang-comensha").get("/opvang").text
    # clearing it
    bewerk = c.get(f"/beheer/voorzieningen/{vid}")
    r = c.post(f"/beheer/voorzieningen/{vid}", data=_formulier(csrf_van(bewerk.text), adres="", adres_wissen="ja",
                                                                capaciteit="15", gemeentecode="GM0363"))  # fmt: skip
    assert r.status_code == 303
    with bed.sessions() as s:
        assert s.scalar(select(OpvangVoorziening.adres).where(OpvangVoorziening.id == vid)) is None


@pytest.mark.parametrize(
    ("anders", "veld", "tekst"),
    [
        ({"code": "cosm-test"}, "code", "Er is al een voorziening met deze code."),
        ({"code": "Fout code!"}, "code", "De code bestaat uit 2 tot 63 kleine letters"),
        ({"gemeentecode": "Atlantis"}, "gemeentecode", "Onbekende of dubbelzinnige gemeente."),
        ({"capaciteit": "veel"}, "capaciteit", "Vul een geheel getal van 0 of meer in."),
        ({"exploitant": "bestaat-niet"}, "exploitant", "Kies de organisatie die de voorziening exploiteert."),
        ({"leeftijd_min": "30", "leeftijd_max": "20"}, "leeftijd_max", "De hoogste leeftijd is lager dan de laagste."),
        ({"soort": "hotel"}, "soort", "Kies een soort voorziening."),
    ],
)
def test_fouten_staan_als_zin_bij_het_veld(
    omgeving: tuple[WebBed, Opvangbed], anders: dict[str, str], veld: str, tekst: str
) -> None:
    bed, _ = omgeving
    c = bed.als("beheerder")
    pagina = c.get("/beheer/voorzieningen/nieuw")
    r = c.post("/beheer/voorzieningen/nieuw", data=_formulier(csrf_van(pagina.text), **{"code": "mo-fout", **anders}))
    assert r.status_code == 400
    assert tekst in r.text and f'href="#{veld}"' in r.text
    assert NIEUW_ADRES not in r.text  # not even the address just entered is shown back
    c.cookies.set("zicht_taal", "en")
    engels = c.post("/beheer/voorzieningen/nieuw", data=_formulier(csrf_van(pagina.text), code="cosm-test"))
    assert "There already is a facility with this code." in engels.text


def test_deactiveren_vraagt_bevestiging_en_stopt_voorstellen_en_meldingen(
    omgeving: tuple[WebBed, Opvangbed],
) -> None:
    bed, obed = omgeving
    c = bed.als("beheerder")
    lijst = c.get("/beheer/voorzieningen")
    url = f"/beheer/voorzieningen/{obed.vo}/deactiveren"
    vraag = c.post(url, data={"csrf_token": csrf_van(lijst.text)})
    assert vraag.status_code == 200 and "Weet u het zeker?" in vraag.text and 'name="bevestigd"' in vraag.text
    with bed.sessions() as s:
        assert obed.vo in {v.id for v in voorzieningen(s)}
    r = c.post(url, data={"csrf_token": csrf_van(vraag.text), "bevestigd": "ja"})
    assert r.status_code == 303
    with transaction(bed.sessions) as s:
        assert obed.vo not in {v.id for v in voorzieningen(s)}
        with pytest.raises(NietEigenVoorziening):
            meld(s, obed.toegang_exploitant(), "vo-test", utcnow().date(), Bedden(5, 1), "formulier")
    assert json.loads(_logboek(bed, "opvang_voorziening")[-1].details)["actief"] is False
    r = c.post(f"/beheer/voorzieningen/{obed.vo}/activeren", data={"csrf_token": csrf_van(lijst.text)})
    assert r.status_code == 303
    with bed.sessions() as s:
        assert obed.vo in {v.id for v in voorzieningen(s)}


def test_comensha_legt_een_netwerkfunctie_vast_en_beeindigt_hem(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, _ = omgeving
    ref = load_reference(bed.settings.reference_dir)
    regios = laad_opvangregios(ref.bron_dir)
    c = bed.als("opvang", gebruikersnaam="opvang-comensha")
    assert "/netwerk/functies" in c.get("/opvang").text
    pagina = c.get("/netwerk/functies")
    assert pagina.status_code == 200
    sinds = (utcnow().date() - timedelta(days=30)).isoformat()
    r = c.post("/netwerk/functies", data={"csrf_token": csrf_van(pagina.text), "gemeente": "Zeist",
               "functie": "aandachtsfunctionaris", "dekking": "gemeente", "organisatie": "Gemeente Zeist",
               "contactrol": "aandachtsfunctionaris mensenhandel", "sinds": sinds})  # fmt: skip
    assert r.status_code == 303, r.text[:1000]
    zeist = ref.gemeente("Zeist").code
    with bed.sessions() as s:
        f = s.scalars(select(NetwerkFunctie).where(NetwerkFunctie.gemeentecode == zeist)).one()
        d = dekking(s, ref, regios, utcnow().date())
    assert next(g for g in d.gemeenten if g.code == zeist).aandachtsfunctionaris_sinds == date.fromisoformat(sinds)
    lijst = c.get("/netwerk/functies?gemeente=Zeist")
    assert "Gemeente Zeist" in lijst.text
    tot = utcnow().date().isoformat()
    r = c.post(f"/netwerk/functies/{f.id}/beeindigen", data={"csrf_token": csrf_van(lijst.text), "tot": sinds})
    assert r.status_code == 400 and "De einddatum ligt niet na de begindatum." in r.text
    r = c.post(f"/netwerk/functies/{f.id}/beeindigen", data={"csrf_token": csrf_van(lijst.text), "tot": tot})
    assert r.status_code == 303
    with bed.sessions() as s:
        d = dekking(s, ref, regios, utcnow().date())
        assert next(g for g in d.gemeenten if g.code == zeist).aandachtsfunctionaris_sinds is None
        eerder = dekking(s, ref, regios, utcnow().date() - timedelta(days=1))  # an earlier day stays true
        assert next(g for g in eerder.gemeenten if g.code == zeist).aandachtsfunctionaris_sinds is not None
    assert [x.actie for x in _logboek(bed, "netwerk_functie")] == ["aanmaken", "wijzigen"]


@pytest.mark.parametrize(
    ("anders", "veld", "tekst"),
    [
        ({"contactrol": "mail j.jansen@example.org"}, "contactrol", "Geen contactgegevens"),
        ({"organisatie": "bel 06-12345678"}, "organisatie", "Geen contactgegevens"),
        ({"gemeente": "Atlantis"}, "gemeente", "Onbekende of dubbelzinnige gemeente."),
        ({"dekking": "regio"}, "dekking", "Alleen een zorgcoördinator kan de hele regio dekken."),
        ({"sinds": "2999-01-01"}, "sinds", "De begindatum ligt in de toekomst."),
        ({"functie": ""}, "functie", "Kies zorgcoördinator of aandachtsfunctionaris."),
    ],
)
def test_netwerkfouten_en_geen_contactgegevens(
    omgeving: tuple[WebBed, Opvangbed], anders: dict[str, str], veld: str, tekst: str
) -> None:
    bed, _ = omgeving
    c = bed.als("opvang", gebruikersnaam="opvang-comensha")
    pagina = c.get("/netwerk/functies")
    data = {"csrf_token": csrf_van(pagina.text), "gemeente": "GM0344", "functie": "aandachtsfunctionaris",
            "dekking": "gemeente", "organisatie": "Gemeente Utrecht", "contactrol": "aandachtsfunctionaris",
            "sinds": "2024-01-01", **anders}  # fmt: skip
    r = c.post("/netwerk/functies", data=data)
    assert r.status_code == 400 and tekst in r.text and f'href="#{veld}"' in r.text
    assert "example.org" not in r.text.split("foutoverzicht")[1].split("</div>")[0]


def test_alleen_comensha_beheert_het_netwerk(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, obed = omgeving
    c = bed.als("opvang", gebruikersnaam="opvang-drie")
    assert "/netwerk/functies" not in c.get("/opvang").text
    assert c.get("/netwerk/functies").status_code == 403
    from zicht.netwerk.beheer import NieuweFunctie, registreer
    from zicht.privacy.toegang import GeenToegang

    ref = load_reference(bed.settings.reference_dir)
    with transaction(bed.sessions) as s, pytest.raises(GeenToegang):
        registreer(s, obed.toegang_exploitant(), NieuweFunctie("GM0344", "zorgcoordinator", "X", "Y", date(2024, 1, 1)),
                   ref)  # fmt: skip
    beheerder = Toegang.voor_rol("test:beheer", "beheerder")
    with transaction(bed.sessions) as s, pytest.raises(GeenToegang):
        registreer(s, beheerder, NieuweFunctie("GM0344", "zorgcoordinator", "X", "Y", date(2024, 1, 1)), ref)
