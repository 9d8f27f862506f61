# SPDX-License-Identifier: EUPL-1.2
"""A melding's lifecycle (issue 14): corrections by the reporting organisation and by CoMensha, status
decisions, withdrawal; every transition allowed and refused per role; history and logboek per step; a stale
version refused; a corrected name detaches the melding from its person; statistics drop a withdrawn melding
and see a correction at the next vintage. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.web_support import GEHEIME_NAAM, WebBed, maak_testbed
from zicht.accounts import zoek_gebruiker
from zicht.analysis.extract import lees_register, lees_vintage
from zicht.domain.levensloop import Correctiereden, Intrekkingsreden, Statusbeslisser
from zicht.domain.rollen import Rol
from zicht.privacy.toegang import GeenToegang, Toegang
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.registry import registreer_melding
from zicht.registry.levensloop import (
    NietGevonden,
    Ongeldig,
    VerouderdeVersie,
    corrigeer,
    geschiedenis,
    trek_in,
    wijzig_status,
)
from zicht.storage import transaction
from zicht.storage.tables import Identiteit, LogboekRecord, Melding, Organisatie

RAW = {
    "melder_referentie": "LV-1",
    "melddatum": "2024-03-01",
    "uitbuitingsvorm": ["seksueel"],
    "werkwijze": ["loverboymethode"],
    "plaats_delict": "Utrecht",
    "geslacht": "vrouw",
    "voornamen": GEHEIME_NAAM.split()[0],
    "achternaam": GEHEIME_NAAM.split()[1],
    "geboortedatum": "2005-06-07",
    "route": ["werving:Utrecht:2023-10-01", "uitbuiting:Amsterdam"],
}


@pytest.fixture
def bed(tmp_path: Path, db_url: str) -> WebBed:
    return maak_testbed(tmp_path, db_url)


def toegang(bed: WebBed, rol: str) -> Toegang:
    """The rights of the bed's account for ``rol`` (``melder_b`` for the second organisation's melder)."""
    naam = bed.accounts[rol].gebruikersnaam
    with bed.sessions() as s:
        g = zoek_gebruiker(s, naam)
        assert g is not None
        org = s.get(Organisatie, g.organisatie_id) if g.organisatie_id else None
        return Toegang.voor_rol(
            str(g.id), Rol(g.rol), organisatie_id=g.organisatie_id, organisatie_code=org.code if org else None
        )


def _registreer(bed: WebBed, referentie: str = "LV-1", **velden: object) -> uuid.UUID:
    raw = RAW | {"melder_referentie": referentie} | velden
    with transaction(bed.sessions) as s:
        r = registreer_melding(
            s, Vault.from_settings(bed.settings), ref(bed), toegang(bed, "melder"), raw, bron="formulier"
        )
        assert r.melding is not None, r.fouten
        return r.melding.id


@pytest.fixture
def melding(bed: WebBed) -> uuid.UUID:
    return _registreer(bed)


def ref(bed: WebBed) -> Referentiedata:
    return bed.app.state.zicht.reference  # type: ignore[no-any-return]


def _corrigeer(bed: WebBed, rol: str, mid: uuid.UUID, wijzigingen: dict[str, object], versie: int | None = 1):  # type: ignore[no-untyped-def]
    with transaction(bed.sessions) as s:
        return corrigeer(
            s,
            Vault.from_settings(bed.settings),
            ref(bed),
            toegang(bed, rol),
            mid,
            wijzigingen,  # type: ignore[arg-type]
            versie=versie,
            reden=Correctiereden.typefout,
        )


def test_melder_corrigeert_eigen_melding_met_geschiedenis_en_logboek(bed: WebBed, melding: uuid.UUID) -> None:
    uit = _corrigeer(bed, "melder", melding, {"achternaam": "Geheimhoudster", "plaats_delict": "Amersfoort"})
    assert {w.veld for w in uit.wijzigingen} == {"achternaam", "plaats_delict"}
    naam = next(w for w in uit.wijzigingen if w.veld == "achternaam")
    assert naam.van is None and naam.naar is None  # an identifying field by name only
    plaats = next(w for w in uit.wijzigingen if w.veld == "plaats_delict")
    assert (plaats.van, plaats.naar) == ("GM0344", "GM0307")
    assert uit.opnieuw_koppelen
    with bed.sessions() as s:
        m = s.get(Melding, melding)
        assert m is not None and m.versie == 2 and m.plaats_delict_gemeente == "GM0307" and m.gewijzigd_op
        assert m.persoon_id is None
        assert [r.soort for r in m.route] == ["werving", "uitbuiting"]  # untouched fields kept
        ident = s.get(Identiteit, melding)
        assert ident is not None
        gegevens = Vault.from_settings(bed.settings).decrypt(melding, ident.sleutel_id, ident.versleuteld)
        assert gegevens.achternaam == "Geheimhoudster" and gegevens.voornamen == GEHEIME_NAAM.split()[0]
        stappen = geschiedenis(s, m)
        assert [v.versie for v in stappen] == [1, 2] and stappen[1].reden == "typefout"
        assert "Geheim" not in repr(stappen)
        log = s.scalars(select(LogboekRecord).where(LogboekRecord.actie == "wijzigen")).all()
        assert [r.object_id for r in log] == [str(melding)]
        assert "Geheim" not in repr([r.details for r in log])


def test_correctie_zonder_verschil_maakt_geen_versie(bed: WebBed, melding: uuid.UUID) -> None:
    uit = _corrigeer(bed, "melder", melding, {"plaats_delict": "gm0344", "achternaam": GEHEIME_NAAM.split()[1]})
    assert uit.wijzigingen == ()
    with bed.sessions() as s:
        m = s.get(Melding, melding)
        assert m is not None and m.versie == 1


def test_verouderde_versie_wordt_geweigerd_en_verandert_niets(bed: WebBed, melding: uuid.UUID) -> None:
    _corrigeer(bed, "melder", melding, {"geslacht": "man"})
    with pytest.raises(VerouderdeVersie) as exc:
        _corrigeer(bed, "melder", melding, {"geslacht": "onbekend"}, versie=1)
    assert exc.value.huidig == 2
    with bed.sessions() as s:
        m = s.get(Melding, melding)
        assert m is not None and m.geslacht == "man" and m.versie == 2


def test_ongeldige_correctie_geeft_elke_fout_en_verandert_niets(bed: WebBed, melding: uuid.UUID) -> None:
    with pytest.raises(Ongeldig) as exc:
        _corrigeer(bed, "melder", melding, {"plaats_delict": "Atlantis", "melddatum": "2999-01-01"})
    assert {f.kolom for f in exc.value.fouten} == {"plaats_delict", "melddatum"}
    with pytest.raises(Ongeldig):
        _corrigeer(bed, "melder", melding, {"geboortedatum_typo": "x"})
    with bed.sessions() as s:
        m = s.get(Melding, melding)
        assert m is not None and m.versie == 1 and m.plaats_delict_gemeente == "GM0344"


@pytest.mark.parametrize(
    ("rol", "fout"),
    [
        ("melder_b", NietGevonden),  # another organisation's melding does not exist for it
        ("gemeente", GeenToegang),
        ("opvang", GeenToegang),
        ("beheerder", GeenToegang),
    ],
)
def test_correctie_geweigerd_per_rol(bed: WebBed, melding: uuid.UUID, rol: str, fout: type[Exception]) -> None:
    with pytest.raises(fout):
        _corrigeer(bed, rol, melding, {"geslacht": "man"})


def test_comensha_corrigeert_elke_melding(bed: WebBed, melding: uuid.UUID) -> None:
    uit = _corrigeer(bed, "analist", melding, {"werkwijze": ["loverboymethode", "schuldslavernij"]})
    assert [w.veld for w in uit.wijzigingen] == ["werkwijze"] and not uit.opnieuw_koppelen


def _status(bed: WebBed, rol: str, mid: uuid.UUID, status: str, versie: int = 1, **kw: object):  # type: ignore[no-untyped-def]
    with transaction(bed.sessions) as s:
        return wijzig_status(s, toegang(bed, rol), mid, status, versie=versie, **kw)  # type: ignore[arg-type]


def test_statusbesluit_door_comensha(bed: WebBed, melding: uuid.UUID) -> None:
    with pytest.raises(Ongeldig) as exc:
        _status(bed, "analist", melding, "vastgesteld", beslisser=None, datum=None)
    assert {f.kolom for f in exc.value.fouten} == {"beslisser", "datum"}
    with pytest.raises(Ongeldig):
        _status(bed, "analist", melding, "vastgesteld", beslisser=Statusbeslisser.rechter, datum=date(2023, 1, 1))
    uit = _status(bed, "analist", melding, "vastgesteld", beslisser=Statusbeslisser.rechter, datum=date(2024, 6, 1))
    assert {w.veld for w in uit.wijzigingen} == {"status", "status_beslisser", "status_datum"}
    terug = _status(bed, "analist", melding, "mogelijk", versie=2, beslisser=None, datum=None)
    assert {(w.veld, w.naar) for w in terug.wijzigingen} == {
        ("status", "mogelijk"),
        ("status_beslisser", None),
        ("status_datum", None),
    }
    with bed.sessions() as s:
        m = s.get(Melding, melding)
        assert m is not None and m.status == "mogelijk" and m.versie == 3


@pytest.mark.parametrize("rol", ["melder", "melder_b", "gemeente", "opvang", "beheerder", "identiteit"])
def test_statusbesluit_geweigerd_voor_andere_rollen(bed: WebBed, melding: uuid.UUID, rol: str) -> None:
    with pytest.raises(GeenToegang):
        _status(bed, rol, melding, "geen", beslisser=Statusbeslisser.comensha, datum=date(2024, 6, 1))


def test_intrekken_van_een_dubbele_melding(bed: WebBed, melding: uuid.UUID) -> None:
    dubbel = _registreer(bed, "LV-2")
    with transaction(bed.sessions) as s, pytest.raises(Ongeldig):  # a duplicate of what?
        trek_in(s, toegang(bed, "analist"), dubbel, versie=1, reden=Intrekkingsreden.dubbel)
    with transaction(bed.sessions) as s, pytest.raises(GeenToegang):
        trek_in(s, toegang(bed, "melder"), dubbel, versie=1, reden=Intrekkingsreden.dubbel, dubbel_van=melding)
    voor = lees_vintage(bed.engine, ref(bed))
    with transaction(bed.sessions) as s:
        trek_in(s, toegang(bed, "analist"), dubbel, versie=1, reden=Intrekkingsreden.dubbel, dubbel_van=melding)
    with pytest.raises(Ongeldig):
        _corrigeer(bed, "melder", dubbel, {"geslacht": "man"}, versie=2)
    # statistics: the withdrawn melding counts nowhere, and the vintage changed
    na = lees_vintage(bed.engine, ref(bed))
    assert (voor.meldingen, na.meldingen) == (2, 1) and voor.code != na.code
    ruw = lees_register(bed.engine)
    assert [uuid.UUID(i) for i in ruw.melding.column("id").to_pylist()] == [melding]
    assert {uuid.UUID(i) for i in ruw.uitbuiting.column("id").to_pylist()} == {melding}
    with bed.sessions() as s:
        m = s.get(Melding, dubbel)
        assert m is not None and m.ingetrokken_op and m.intrekkingsreden == "dubbel" and m.dubbel_van == melding
        assert [v.actie.value for v in geschiedenis(s, m)] == ["aanmaken", "intrekking"]


def test_correctie_verandert_de_gegevensstand(bed: WebBed, melding: uuid.UUID) -> None:
    voor = lees_vintage(bed.engine, ref(bed))
    _corrigeer(bed, "melder", melding, {"plaats_delict": "Amersfoort"})
    na = lees_vintage(bed.engine, ref(bed))
    assert voor.code != na.code and na.wijzigingen == 1
    # the count moves to the corrected crime location
    assert lees_register(bed.engine).melding.column("plaats_delict_gemeente").to_pylist() == ["GM0307"]
