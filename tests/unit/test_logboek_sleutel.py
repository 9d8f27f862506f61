# SPDX-License-Identifier: EUPL-1.2
"""The logboek key (from settings, never from the database), the keyed record hash and signed ankers."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests import conftest
from zicht.config import ConfigError, generate_key, load_settings
from zicht.privacy.logboek_anker import lees, schrijf, teken
from zicht.privacy.logboek_keten import _BatchDigest, _digest
from zicht.privacy.logboek_sleutel import LogboekInstellingen, Sleutel, database_naam

RIJ: dict[str, object] = {
    "tijdstip": datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    "trace_id": "ab" * 16,
    "actor": "u-1",
    "rol": "analist",
    "organisatie": None,
    "doel": "analyse",
    "actie": "lezen",
    "object_type": "melding",
    "details": "{}",
    "status": 1,
}


def test_gesleutelde_hash_hangt_af_van_de_sleutel_en_is_geen_sha256(tmp_path: Path) -> None:
    a, b = Sleutel.uit(secrets.token_bytes(32)), Sleutel.uit(secrets.token_bytes(32))
    rij = {**RIJ, "volgnummer": 7, "object_id": "m7", "persoon_id": "p1"}
    zonder = _digest(rij, "0" * 64)
    met_a, met_b = _digest(rij, "0" * 64, a.keten), _digest(rij, "0" * 64, b.keten)
    assert len({zonder, met_a, met_b}) == 3
    assert _BatchDigest(RIJ, a.keten)(7, "m7", "p1", "0" * 64) == met_a  # bulk append = what verify recomputes


def test_sleutel_heeft_aparte_deelsleutels_en_een_stabiel_id() -> None:
    geheim = secrets.token_bytes(32)
    sleutel = Sleutel.uit(geheim)
    assert sleutel == Sleutel.uit(geheim) and len(sleutel.id) == 16
    assert len({sleutel.keten, sleutel.anker, geheim}) == 3
    assert geheim.hex() not in repr(sleutel) and sleutel.keten.hex() not in repr(sleutel)


def test_instellingen_uit_de_omgeving(tmp_path: Path) -> None:
    zonder = {k: v for k, v in conftest.test_environ(tmp_path).items() if k != "ZICHT_PSEUDONYM_KEY"}
    assert LogboekInstellingen.from_settings(load_settings(zonder)) is None

    afgeleid = LogboekInstellingen.from_settings(load_settings(conftest.test_environ(tmp_path)))
    assert afgeleid is not None and afgeleid.andere == ()
    assert afgeleid.ankers == tmp_path / "var" / "logboek-ankers.jsonl"
    assert (afgeleid.anker_interval, afgeleid.anker_seconden) == (100, 60.0)

    env = conftest.test_environ(
        tmp_path,
        ZICHT_LOGBOEK_SLEUTEL=generate_key(),
        ZICHT_LOGBOEK_ANKERS=str(tmp_path / "elders.jsonl"),
        ZICHT_LOGBOEK_ANKER_INTERVAL="1",
    )
    eigen = LogboekInstellingen.from_settings(load_settings(env))
    assert eigen is not None and eigen.ankers == tmp_path / "elders.jsonl" and eigen.anker_interval == 1
    # the own key signs new records; the key derived from the pseudonym key stays accepted for older ones
    assert eigen.actief != afgeleid.actief
    afgeleid_in_ring = LogboekInstellingen.from_settings(load_settings({**env, "ZICHT_LOGBOEK_SLEUTEL": ""}))
    assert afgeleid_in_ring is not None
    assert set(eigen.sleutels) == {eigen.actief.id, afgeleid_in_ring.actief.id}


def test_ongeldige_logboeksleutel_wordt_geweigerd(tmp_path: Path) -> None:
    kort = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode()
    with pytest.raises(ConfigError, match="ZICHT_LOGBOEK_SLEUTEL"):
        load_settings(conftest.test_environ(tmp_path, ZICHT_LOGBOEK_SLEUTEL=kort))


def test_databasenaam_bevat_geen_wachtwoord_of_driver(tmp_path: Path) -> None:
    naam = database_naam(make_url("postgresql+psycopg://zicht:geheim@db.intern:5433/register"))
    assert naam == "postgresql://db.intern:5433/register"
    assert database_naam(make_url(f"sqlite:///{tmp_path}/a/../z.sqlite3")) == f"sqlite:{tmp_path / 'z.sqlite3'}"


def test_ankers_worden_ondertekend_en_gecontroleerd(tmp_path: Path) -> None:
    sleutel, vreemd = Sleutel.uit(secrets.token_bytes(32)), Sleutel.uit(secrets.token_bytes(32))
    pad = tmp_path / "sub" / "ankers.jsonl"
    schrijf(pad, teken(sleutel, database="sqlite:/x", aantal=10, kop="a" * 64, reden="interval"))
    schrijf(pad, teken(sleutel, database="sqlite:/ander", aantal=99, kop="b" * 64, reden="verify"))
    schrijf(pad, teken(vreemd, database="sqlite:/x", aantal=11, kop="c" * 64, reden="handmatig"))
    vervalst = json.loads(pad.read_text().splitlines()[0])
    vervalst["aantal"] = 5
    with pad.open("a") as f:
        f.write(json.dumps(vervalst) + "\nniet-json\n")
    assert pad.stat().st_mode & 0o777 == 0o600

    gelezen = lees(pad, "sqlite:/x", {sleutel.id: sleutel})
    assert [(regel, a.aantal, a.kop) for regel, a in gelezen.ankers] == [(1, 10, "a" * 64)]
    assert gelezen.andere_database == 1
    assert [regel for regel, _ in gelezen.ongeldig] == [3, 4, 5]
    assert "onbekende sleutel" in gelezen.ongeldig[0][1] and "handtekening" in gelezen.ongeldig[1][1]
    assert lees(tmp_path / "bestaat-niet.jsonl", "sqlite:/x", {}).bestand_bestaat is False


def test_onbekende_reden_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="reason"):
        teken(Sleutel.uit(secrets.token_bytes(32)), database="d", aantal=1, kop="0" * 64, reden="zomaar")
