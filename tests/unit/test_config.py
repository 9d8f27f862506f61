# SPDX-License-Identifier: EUPL-1.2
"""Configuration: documented fields, no default secrets, and errors that say what to set."""

from __future__ import annotations

import pytest

from zicht.config import ConfigError, Settings, generate_key, load_settings


def test_elk_veld_is_gedocumenteerd() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 20, name


def test_geen_standaardgeheimen() -> None:
    settings = load_settings({})
    with pytest.raises(ConfigError, match="ZICHT_VAULT_KEYS"):
        settings.vault_keyring()
    with pytest.raises(ConfigError, match="ZICHT_PSEUDONYM_KEY"):
        settings.pseudonym_secret()
    with pytest.raises(ConfigError, match="ZICHT_SESSION_SECRET"):
        settings.session_signing_secret()


@pytest.mark.parametrize(
    ("env", "naam"),
    [
        ({"ZICHT_VAULT_KEYS": "k1:kort"}, "ZICHT_VAULT_KEYS"),
        ({"ZICHT_VAULT_KEYS": "zonder-dubbele-punt"}, "ZICHT_VAULT_KEYS"),
        ({"ZICHT_PSEUDONYM_KEY": "!!!"}, "ZICHT_PSEUDONYM_KEY"),
        ({"ZICHT_DISCLOSURE_THRESHOLD": "tien"}, "ZICHT_DISCLOSURE_THRESHOLD"),
        ({"ZICHT_SESSION_SECRET": "te kort"}, "ZICHT_SESSION_SECRET"),
        ({"ZICHT_OMGEVING": "staging"}, "ZICHT_OMGEVING"),
    ],
)
def test_foute_instelling_noemt_de_variabele(env: dict[str, str], naam: str) -> None:
    with pytest.raises(ConfigError, match=naam):
        load_settings(env)


def test_demo_bypass_kan_niet_in_productie() -> None:
    with pytest.raises(ConfigError, match="ZICHT_DEMO_LOGIN_BYPASS"):
        load_settings({"ZICHT_OMGEVING": "productie", "ZICHT_DEMO_LOGIN_BYPASS": "true"})


def test_contactadressen_zijn_een_adres_en_in_productie_geen_voorbeeld() -> None:
    with pytest.raises(ConfigError, match="ZICHT_CONTACT_BEVEILIGING"):
        load_settings({"ZICHT_CONTACT_BEVEILIGING": "cvd@org.nl\nPolicy: https://kwaad.example"})
    with pytest.raises(ConfigError, match="ZICHT_CONTACT_TOEGANKELIJKHEID"):
        load_settings({"ZICHT_CONTACT_TOEGANKELIJKHEID": "geen adres"})
    with pytest.raises(ConfigError, match="ZICHT_CONTACT_BEVEILIGING"):
        load_settings({"ZICHT_OMGEVING": "productie"})
    settings = load_settings(
        {
            "ZICHT_OMGEVING": "productie",
            "ZICHT_CONTACT_BEVEILIGING": "cvd@comensha.nl",
            "ZICHT_CONTACT_TOEGANKELIJKHEID": "toegankelijkheid@comensha.nl",
        }
    )
    assert settings.contact_beveiliging == "cvd@comensha.nl"


def test_sleutelrotatie_actieve_sleutel_moet_bestaan() -> None:
    k1, k2 = generate_key(), generate_key()
    settings = load_settings({"ZICHT_VAULT_KEYS": f"k2:{k2},k1:{k1}"})
    assert settings.vault_keyring()[0] == "k2"
    settings = load_settings({"ZICHT_VAULT_KEYS": f"k2:{k2},k1:{k1}", "ZICHT_VAULT_ACTIVE_KEY": "k1"})
    assert settings.vault_keyring()[0] == "k1"
    with pytest.raises(ConfigError, match="ZICHT_VAULT_ACTIVE_KEY"):
        load_settings({"ZICHT_VAULT_KEYS": f"k1:{k1}", "ZICHT_VAULT_ACTIVE_KEY": "k9"})


def test_geheimen_verschijnen_niet_in_repr() -> None:
    key = generate_key()
    settings = load_settings({"ZICHT_PSEUDONYM_KEY": key, "ZICHT_VAULT_KEYS": f"k1:{key}"})
    assert key not in repr(settings)
    assert key not in str(settings.model_dump())


def test_sqlite_is_standaard_in_de_datamap(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings({"ZICHT_DATA_DIR": str(tmp_path)})
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'zicht.sqlite3'}"
