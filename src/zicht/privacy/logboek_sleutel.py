# SPDX-License-Identifier: EUPL-1.2
"""The logboek key and where the logboek's ankers go: :class:`LogboekInstellingen`.

The logboek chain is keyed (HMAC-SHA256) and its ankers are signed with a key that is never stored in the
database: ``ZICHT_LOGBOEK_SLEUTEL``, or, when that is not set, a key derived from ``ZICHT_PSEUDONYM_KEY``. Both
are in the key ring when both are configured, so setting ``ZICHT_LOGBOEK_SLEUTEL`` later keeps the records
written under the derived key verifiable. Two sub-keys are derived from each key (one for the chain, one for
ankers) so a record hash can never pass for an anker signature.

:func:`append <zicht.privacy.logboek.append>` takes no settings, so it finds its settings by session:

1. ``session.info[INFO]``, set by :func:`configureer` on a session or session factory;
2. otherwise the ``ZICHT_*`` variables of the process environment (how ``zicht serve`` and every ``zicht``
   command run in a deployment);
3. otherwise none: records are written unkeyed (the pre-0006 scheme), which is refused in ``productie`` and
   once the logboek holds keyed records.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from zicht.config import ConfigError, Omgeving, Settings, load_settings

#: The key of :attr:`Session.info` that holds a session's :class:`LogboekInstellingen`.
INFO = "zicht.logboek"


def _afgeleid(sleutel: bytes, label: str) -> bytes:
    return hmac.new(sleutel, f"zicht/logboek/{label}".encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class Sleutel:
    """One logboek key: its public id (stored per record) and the sub-keys for the chain and for ankers."""

    id: str
    keten: bytes = field(repr=False)
    anker: bytes = field(repr=False)

    @classmethod
    def uit(cls, geheim: bytes) -> Sleutel:
        """The key with its id and sub-keys, from 32 secret bytes."""
        return cls(_afgeleid(geheim, "sleutel-id").hex()[:16], _afgeleid(geheim, "keten"), _afgeleid(geheim, "anker"))


@dataclass(frozen=True)
class LogboekInstellingen:
    """The key ring of the logboek and where and how often ankers are written."""

    actief: Sleutel
    ankers: Path
    anker_interval: int = 100
    anker_seconden: float = 60.0
    andere: tuple[Sleutel, ...] = ()

    @property
    def sleutels(self) -> dict[str, Sleutel]:
        """Every configured key by id (the active one and those still accepted for older records)."""
        return {s.id: s for s in (self.actief, *self.andere)}

    @classmethod
    def from_settings(cls, settings: Settings) -> LogboekInstellingen | None:
        """From ZICHT_LOGBOEK_SLEUTEL / ZICHT_PSEUDONYM_KEY and the anker settings; None without either key."""
        sleutels: list[Sleutel] = []
        eigen = settings.logboek_secret()
        if eigen is not None:
            sleutels.append(Sleutel.uit(eigen))
        if settings.pseudonym_key is not None:
            sleutels.append(Sleutel.uit(_afgeleid(settings.pseudonym_secret(), "afgeleid-van-pseudoniemsleutel")))
        if not sleutels:
            return None
        return cls(
            actief=sleutels[0],
            andere=tuple(sleutels[1:]),
            ankers=settings.effective_logboek_ankers,
            anker_interval=settings.logboek_anker_interval,
            anker_seconden=settings.logboek_anker_seconden,
        )


def configureer(doel: Session | sessionmaker[Session], instellingen: LogboekInstellingen | None) -> None:
    """Make ``append`` and ``verify`` use ``instellingen`` for this session or every session of this factory."""
    if isinstance(doel, Session):
        doel.info[INFO] = instellingen
        return
    info = dict(doel.kw.get("info") or {})
    info[INFO] = instellingen
    doel.configure(info=info)


@dataclass(frozen=True)
class Gevonden:
    """The settings found for a session, and whether the environment is ``productie``."""

    instellingen: LogboekInstellingen | None
    productie: bool = False


_OMGEVING_CACHE: dict[tuple[tuple[str, str], ...], Gevonden] = {}


def _uit_omgeving() -> Gevonden:
    variabelen = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("ZICHT_")))
    gevonden = _OMGEVING_CACHE.get(variabelen)
    if gevonden is None:
        settings = load_settings(dict(variabelen))
        gevonden = Gevonden(LogboekInstellingen.from_settings(settings), settings.omgeving is Omgeving.productie)
        _OMGEVING_CACHE.clear()
        _OMGEVING_CACHE[variabelen] = gevonden
    return gevonden


def instellingen_voor(session: Session) -> Gevonden:
    """The logboek settings of ``session``: its own (see :func:`configureer`), else the process environment's."""
    if INFO in session.info:
        return Gevonden(session.info[INFO])
    return _uit_omgeving()


def zonder_sleutel_fout() -> ConfigError:
    """The error for appending without a key where that is not allowed."""
    return ConfigError(
        "ZICHT_LOGBOEK_SLEUTEL is not set (nor ZICHT_PSEUDONYM_KEY to derive it from): the logboek cannot be "
        "chained with a key. Set it to 32 random bytes in URL-safe base64."
    )


def database_naam(url: URL) -> str:
    """Which database a logboek belongs to, as written in its ankers: no driver, user or password.

    SQLite files are named by their absolute path; other databases by host, port and database name.
    """
    backend = url.get_backend_name()
    if backend == "sqlite":
        pad = url.database or ""
        return f"sqlite:{Path(pad).resolve() if pad and pad != ':memory:' else pad}"
    poort = f":{url.port}" if url.port else ""
    return f"{backend}://{url.host or ''}{poort}/{url.database or ''}"


def database_van(session: Session) -> str:
    """:func:`database_naam` of the database ``session`` works on."""
    return database_naam(session.get_bind().engine.url)


def sleutelring(instellingen: LogboekInstellingen | None) -> Mapping[str, Sleutel]:
    """The keys by id, empty without settings."""
    return instellingen.sleutels if instellingen is not None else {}
