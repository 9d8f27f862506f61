# SPDX-License-Identifier: EUPL-1.2
"""Configuration: one pydantic-settings class, read from ``ZICHT_*`` environment variables.

Every field has a description; ``zicht`` fails at start with a message naming the variable to set when a
required setting is missing or malformed. There are no default secrets: keys for the identity vault, the
pseudonyms and web sessions must be provided (``make demo`` writes throw-away ones to ``var/demo.env``).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

#: The project root when running from a checkout (src/zicht/config.py -> ../../..).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: One e-mail address, nothing around it (it is written into security.txt and pages).
_EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+")


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message says which ``ZICHT_*`` variable to set and how."""


class Omgeving(StrEnum):
    """Deployment environment. Demo conveniences are refused in ``productie``."""

    ontwikkeling = "ontwikkeling"
    test = "test"
    demo = "demo"
    productie = "productie"


def _decode_key(value: str, *, name: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{name}: not valid base64") from exc
    if len(raw) != 32:
        raise ValueError(f"{name}: a key must be 32 bytes (base64 of 32 random bytes), got {len(raw)}")
    return raw


class Settings(BaseSettings):
    """All of zicht's settings. Environment variables are the field names in capitals with ``ZICHT_``."""

    model_config = SettingsConfigDict(
        env_prefix="ZICHT_",
        env_file=None,
        extra="ignore",
        frozen=True,
        validate_default=True,
    )

    omgeving: Omgeving = Field(
        Omgeving.ontwikkeling,
        description="Environment: ontwikkeling, test, demo or productie. Productie refuses demo conveniences "
        "(the demo login bypass, throw-away keys) and requires TLS-only cookies.",
    )
    data_dir: Path = Field(
        Path("var"),
        description="Directory for local state: the SQLite database (by default), uploads and generated files. "
        "Relative paths are taken from the working directory.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the registry database. Empty means an SQLite file "
        "``<data_dir>/zicht.sqlite3``. Production uses PostgreSQL, e.g. "
        "``postgresql+psycopg://zicht@db/zicht``.",
    )
    reference_dir: Path | None = Field(
        None,
        description="Directory with the Dutch reference data (gemeenten_2023.csv, veiligheidsregios.csv, "
        "bevolking_2022.csv, boundaries). Empty means ``../shared/data/nl`` beside the project root when present.",
    )
    vault_keys: Annotated[dict[str, SecretStr], NoDecode] = Field(
        default_factory=dict,
        description="Keys of the identity vault as ``keyid:base64key,keyid:base64key`` (32 random bytes each, "
        "URL-safe base64). Old keys stay listed so old records can still be read; see ``zicht vault rotate``.",
    )
    vault_active_key: str | None = Field(
        None,
        description="Key id from ZICHT_VAULT_KEYS used to encrypt new identity records. Defaults to the first "
        "listed key.",
    )
    pseudonym_key: SecretStr | None = Field(
        None,
        description="Secret for keyed pseudonyms (HMAC-SHA256) of exact-match identifiers, 32 random bytes in "
        "URL-safe base64. Changing it breaks linkage keys of stored records.",
    )
    session_secret: SecretStr | None = Field(
        None,
        description="Secret that signs web session and CSRF cookies, at least 32 characters.",
    )
    logboek_sleutel: SecretStr | None = Field(
        None,
        description="Key of the logboek (32 random bytes, URL-safe base64): records are chained with "
        "HMAC-SHA256 under it and the ankers (signed checkpoints) are signed with it, so whoever can write the "
        "database but lacks the key cannot rewrite the logboek unnoticed. Keep it out of the database and "
        "never change it once set. Empty: derived from ZICHT_PSEUDONYM_KEY (a separate key is better: an "
        "auditor can then verify the logboek without the pseudonym key).",
    )
    logboek_ankers: Path | None = Field(
        None,
        description="JSON-lines file to which signed logboek ankers (record count, head hash, time) are "
        "appended. Empty means ``<data_dir>/logboek-ankers.jsonl``. Put it on append-only storage apart from "
        "the database (e.g. a mount with chattr +a), so truncating the logboek stays visible.",
    )
    logboek_anker_interval: int = Field(
        100,
        ge=1,
        description="Write an anker after a commit that takes the logboek past a multiple of this many records "
        "(1: after every commit that appended records).",
    )
    logboek_anker_seconden: float = Field(
        60.0,
        ge=0,
        description="Also write an anker after a commit that appended records when the process wrote none for "
        "this many seconds (0: after every such commit). ``zicht logboek anker`` writes one at any time.",
    )
    session_idle_minutes: int = Field(
        20, ge=1, le=480, description="Web sessions end after this many minutes without a request."
    )
    demo_login_bypass: bool = Field(
        False,
        description="Demo only: accept the fixed demo TOTP code 000000 for demo accounts. Refused in productie.",
    )
    vertrouwde_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Reverse proxies (IP addresses or networks, comma-separated, e.g. ``10.0.0.5,10.1.0.0/24``) "
        "whose X-Forwarded-For and X-Forwarded-Proto headers ``zicht serve`` believes. Empty (default): no proxy "
        "is trusted, not even localhost, and the client address is the socket's peer. Behind a TLS-offloading "
        "proxy set it, or every user shares the proxy's address for login throttling.",
    )
    onthullingen_per_dag: int = Field(
        25,
        ge=1,
        le=10_000,
        description="Identity reveals one user may do in 24 hours. A reveal beyond it is refused and writes an "
        "alert to the logboek, shown to the beheerder on the accounts page.",
    )
    statistiek_berekeningen_per_minuut: int = Field(
        300,
        ge=1,
        le=1_000_000,
        description="Statistics tables one user may have computed (not already computed for anyone) per minute. "
        "Normal use stays far below it; a script walking the request space is slowed down (429 with Retry-After).",
    )
    disclosure_threshold: int = Field(
        10,
        ge=2,
        description="Statistical disclosure control: counts from 1 up to this value minus one are suppressed "
        "(shown as '<threshold') in every table that leaves the analyst role.",
    )
    disclosure_rounding_base: int = Field(
        5, ge=1, description="Published counts are rounded to a multiple of this base (1 disables rounding)."
    )
    disclosure_dominance: float = Field(
        0.9,
        gt=0.5,
        le=1.0,
        description="Group-disclosure rule: a row where one category holds at least this share of the row "
        "total is suppressed as a whole.",
    )
    publicatie_min_meldingen: int = Field(
        10,
        ge=1,
        description="Protected statistics (every role but the analyst's) show the meldingen recorded up to the "
        "newest publicatie. A new publicatie is made automatically once at least this many meldingen arrived "
        "since the last one (and publicatie_min_uren passed), so one new melding never changes a published "
        "table (docs/adr/0006).",
    )
    publicatie_min_uren: float = Field(
        24.0,
        ge=0,
        description="Minimum time in hours between two automatic publicaties (``zicht publiceer`` makes one "
        "at any time).",
    )
    signalen_bewaardagen: int = Field(
        28,
        ge=1,
        le=365,
        description="Signalen (queued ad clusters, their ads with raw text, and reviewers' decisions) are deleted "
        "this many days after their run (``zicht signalen opschonen``; signals.md §4.4: short retention).",
    )
    signalen_crawler_hosts: str = Field(
        "",
        description="Hosts the signalen crawler may fetch (``zicht signalen crawl``), comma-separated. Empty "
        "(default): the crawler is off. Dutch courts have not confirmed a legal basis for crawling sex-work ads "
        "(signals.md §4.4) and a municipality has none (§4.1): enable only with a legal basis and a DPIA.",
    )
    bewaar_identiteit_jaren: int = Field(
        5,
        ge=1,
        le=100,
        description="Identities (the encrypted identifying data and the pseudonyms of a melding) are crypto-shredded "
        "by ``zicht bewaartermijn opschonen`` this many years after the newest melding of the person (or of the "
        "melding itself when it is not linked); the minimised melding stays, so counts survive.",
    )
    bewaar_melding_jaren: int = Field(
        20,
        ge=1,
        le=100,
        description="Minimised meldingen (no identity) are kept this many years after their melddatum for the "
        "statistics series. ``zicht bewaartermijn opschonen`` deletes a person's meldingen from every table once all "
        "of them are older (an unlinked melding on its own), after writing their counts to the ledger "
        "(``telling_archief``), so published figures stay the same (docs/bewaren.md).",
    )
    bewaar_logboek_jaren: int = Field(
        20,
        ge=1,
        le=100,
        description="The logboek is kept this many years (accountability towards data subjects and the "
        "supervisor); ``zicht bewaartermijn opschonen`` then cuts older records from the start of the chain behind a "
        "signed bewaaranker, so ``zicht logboek verify`` keeps verifying the rest (docs/logboek.md).",
    )
    bewaar_importrapport_dagen: int = Field(
        90,
        ge=1,
        le=3650,
        description="Row reports of imports (rejected rows with their reasons) and any stored upload file are "
        "cleared this many days after the import by ``zicht bewaartermijn opschonen``; the counts stay.",
    )
    statistiek_opwarmen: bool = Field(
        True,
        description="Precompute the protected dashboard tables in the background at start-up and for every new "
        "publicatie, so the first user does not wait for disclosure control.",
    )
    import_max_bestand_mb: int = Field(
        50,
        ge=1,
        description="Import files (zicht import, uploads) larger than this many MB are refused; for an XLSX file "
        "this is its compressed size. The web page and the API also keep their own upload limit.",
    )
    import_max_uitgepakt_mb: int = Field(
        200,
        ge=1,
        description="An XLSX file whose parts add up to more than this many MB unpacked is refused (checked "
        "against the sizes the zip declares and against the bytes actually unpacked).",
    )
    import_max_rijen: int = Field(
        200_000, ge=1, description="Import files with more than this many rows (besides the header) are refused."
    )
    import_max_kolommen: int = Field(
        200,
        ge=30,
        description="A header with more columns is refused; a row with more cells is rejected.",
    )
    import_max_celtekens: int = Field(
        10_000, ge=5000, description="A row with a cell longer than this many characters is rejected."
    )
    import_max_gedeelde_teksten: int = Field(
        1_000_000,
        ge=1,
        description="An XLSX file whose table of shared strings holds more entries is refused (the table is "
        "held in memory while the sheet is read).",
    )
    import_max_zip_onderdelen: int = Field(
        1000, ge=20, description="An XLSX file made of more zip members than this is refused."
    )
    import_werkers: int = Field(
        1,
        ge=1,
        le=8,
        description="Threads per process that run uploaded files (web and API) as background import jobs; on "
        "PostgreSQL the workers of every process claim jobs from import_run with SKIP LOCKED.",
    )
    import_onderbroken_na_seconden: int = Field(
        600,
        ge=30,
        description="An import job still 'bezig' whose worker gave no sign of life (a chunk stored) for this many "
        "seconds is shown as 'onderbroken' and then marked 'afgebroken'; uploading the file again completes it.",
    )
    log_level: str = Field("INFO", description="Level of the operational log (never contains personal data).")
    contact_beveiliging: str = Field(
        "security@example.org",
        description="E-mail address for vulnerability reports, the Contact of /.well-known/security.txt. Set it "
        "in every deployment; the default is a placeholder.",
    )
    contact_toegankelijkheid: str = Field(
        "toegankelijkheid@example.org",
        description="E-mail address for accessibility problems, named in the accessibility statement. Set it in "
        "every deployment; the default is a placeholder.",
    )

    @field_validator("vault_keys", mode="before")
    @classmethod
    def _parse_vault_keys(cls, value: Any) -> Any:
        if value is None or value == "":
            return {}
        if isinstance(value, Mapping):
            return dict(value)
        keys: dict[str, str] = {}
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            key_id, sep, key = part.partition(":")
            if not sep or not key_id.strip():
                raise ValueError("expected keyid:base64key pairs separated by commas")
            _decode_key(key, name=f"key {key_id.strip()!r}")
            keys[key_id.strip()] = key.strip()
        return keys

    @field_validator("vertrouwde_proxies", mode="before")
    @classmethod
    def _parse_proxies(cls, value: Any) -> Any:
        import ipaddress

        if value is None or value == "":
            return []
        delen = [str(p).strip() for p in (value.split(",") if isinstance(value, str) else value)]
        for deel in delen:
            if deel:
                try:
                    ipaddress.ip_network(deel, strict=False)
                except ValueError:
                    raise ValueError(f"{deel!r} is no IP address or network") from None
        return [d for d in delen if d]

    @field_validator("pseudonym_key")
    @classmethod
    def _check_pseudonym_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _decode_key(value.get_secret_value(), name="pseudonym key")
        return value

    @field_validator("logboek_sleutel")
    @classmethod
    def _check_logboek_sleutel(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _decode_key(value.get_secret_value(), name="logboek key")
        return value

    @field_validator("session_secret")
    @classmethod
    def _check_session_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters")
        return value

    @field_validator("contact_beveiliging", "contact_toegankelijkheid")
    @classmethod
    def _check_contact(cls, value: str) -> str:
        if not _EMAIL.fullmatch(value):
            raise ValueError("must be one e-mail address, e.g. cvd@organisatie.nl")
        return value

    @model_validator(mode="after")
    def _check_consistency(self) -> Settings:
        if self.vault_active_key is not None and self.vault_active_key not in self.vault_keys:
            raise ValueError(f"ZICHT_VAULT_ACTIVE_KEY {self.vault_active_key!r} is not in ZICHT_VAULT_KEYS")
        if self.omgeving is Omgeving.productie and self.demo_login_bypass:
            raise ValueError("ZICHT_DEMO_LOGIN_BYPASS cannot be enabled when ZICHT_OMGEVING=productie")
        for veld in ("contact_beveiliging", "contact_toegankelijkheid"):
            if self.omgeving is Omgeving.productie and getattr(self, veld).endswith("@example.org"):
                raise ValueError(
                    f"ZICHT_{veld.upper()} must be set to the organisation's own address when "
                    "ZICHT_OMGEVING=productie (the default is a placeholder)"
                )
        return self

    # ---- derived values -------------------------------------------------------------------------------

    @property
    def effective_database_url(self) -> str:
        """The database URL, defaulting to an SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'zicht.sqlite3').resolve()}"

    @property
    def effective_reference_dir(self) -> Path:
        """The reference-data directory; raises ConfigError with a hint when none is found."""
        if self.reference_dir is not None:
            candidate = self.reference_dir
            if not (candidate / "gemeenten_2023.csv").is_file():
                raise ConfigError(
                    f"ZICHT_REFERENCE_DIR={candidate} holds no gemeenten_2023.csv. Point it at the directory "
                    "with the Dutch reference data (see ../shared/data/nl/SOURCES.md)."
                )
            return candidate
        for candidate in (PROJECT_ROOT.parent / "shared" / "data" / "nl", Path.cwd().parent / "shared/data/nl"):
            if (candidate / "gemeenten_2023.csv").is_file():
                return candidate
        raise ConfigError(
            "No reference data found. Set ZICHT_REFERENCE_DIR to the directory holding gemeenten_2023.csv, "
            "veiligheidsregios.csv and bevolking_2022.csv (by default ../shared/data/nl beside the project)."
        )

    def vault_keyring(self) -> tuple[str, dict[str, bytes]]:
        """Return (active key id, {key id: key bytes}); raises ConfigError when no key is configured."""
        if not self.vault_keys:
            raise ConfigError(
                "ZICHT_VAULT_KEYS is not set. Set it to keyid:key with a key of 32 random bytes in URL-safe "
                "base64, e.g. ZICHT_VAULT_KEYS=\"k1:$(python -c 'import secrets,base64;"
                "print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')\""
            )
        ring = {k: _decode_key(v.get_secret_value(), name=k) for k, v in self.vault_keys.items()}
        active = self.vault_active_key or next(iter(ring))
        return active, ring

    def pseudonym_secret(self) -> bytes:
        """The HMAC key for pseudonyms; raises ConfigError when not configured."""
        if self.pseudonym_key is None:
            raise ConfigError(
                "ZICHT_PSEUDONYM_KEY is not set. Set it to 32 random bytes in URL-safe base64 "
                "(it must stay the same for the lifetime of the registry)."
            )
        return _decode_key(self.pseudonym_key.get_secret_value(), name="pseudonym key")

    def logboek_secret(self) -> bytes | None:
        """The logboek key from ZICHT_LOGBOEK_SLEUTEL, or None (zicht.privacy then derives one)."""
        if self.logboek_sleutel is None:
            return None
        return _decode_key(self.logboek_sleutel.get_secret_value(), name="logboek key")

    @property
    def effective_logboek_ankers(self) -> Path:
        """The file of signed logboek ankers, by default in the data directory."""
        return self.logboek_ankers if self.logboek_ankers is not None else self.data_dir / "logboek-ankers.jsonl"

    def session_signing_secret(self) -> str:
        """The secret for signed session cookies; raises ConfigError when not configured."""
        if self.session_secret is None:
            raise ConfigError("ZICHT_SESSION_SECRET is not set. Set it to a random string of 32+ characters.")
        return self.session_secret.get_secret_value()


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from ``environ`` (default: the process environment) plus explicit overrides.

    Raises ConfigError with one line per problem, naming the environment variable to fix.
    """
    import os

    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        key = f"ZICHT_{name.upper()}"
        if key in env and env[key] != "":
            values[name] = env[key]
    values.update(overrides)
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            var = f"ZICHT_{field.upper()}" if field != "settings" else "settings"
            lines.append(f"{var}: {err['msg']}")
        raise ConfigError("Invalid configuration:\n  " + "\n  ".join(lines)) from None


def generate_key() -> str:
    """A new random 32-byte key in URL-safe base64 (for vault and pseudonym keys)."""
    import secrets

    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def demo_environment(data_dir: str = "var") -> str:
    """Contents of a throw-away ``demo.env`` for ``make demo``: fresh random keys, demo environment.

    Never use these for real data: the file lives beside the demo database and the demo prints logins.
    """
    import secrets

    lines = [
        "# Generated by make demo: throw-away keys for synthetic data only. Never use for real data.",
        "ZICHT_OMGEVING=demo",
        f"ZICHT_DATA_DIR={data_dir}",
        f"ZICHT_VAULT_KEYS=demo1:{generate_key()}",
        f"ZICHT_PSEUDONYM_KEY={generate_key()}",
        f"ZICHT_LOGBOEK_SLEUTEL={generate_key()}",
        f"ZICHT_SESSION_SECRET={secrets.token_urlsafe(48)}",
    ]
    return "\n".join(lines) + "\n"
