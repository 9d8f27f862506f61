# SPDX-License-Identifier: EUPL-1.2
"""Publicaties: protected figures show a frozen data vintage, not the registry of this second.

Every role but the analyst's sees the meldingen recorded up to the newest *publicatie* (``docs/adr/0006``).
A table asked for before and after one new melding is therefore the same table: nothing to difference. A
new publicatie is made automatically once at least ``publicatie_min_meldingen`` meldingen arrived since the
last one and ``publicatie_min_uren`` passed (checked in the background, so the request that notices it is
served the previous publicatie meanwhile), or by hand with ``zicht publiceer``. When there is none yet, the
first request makes one over everything recorded so far.

The analyst keeps the live registry (:class:`~zicht.analysis.extract.ExtractBron`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, insert, select

from zicht.analysis.extract import Extract, lees_register, lees_vintage, maak_extract
from zicht.config import Settings
from zicht.reference import Referentiedata
from zicht.storage.base import utcnow
from zicht.storage.tables import Melding, Publicatie

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Publicatieregel:
    """When a new publicatie is made automatically.

    Attributes:
        min_meldingen: At least this many meldingen recorded since the last publicatie.
        min_uren: And at least this many hours since it was made.
    """

    min_meldingen: int = 10
    min_uren: float = 24.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Publicatieregel:
        """The rule from ``ZICHT_PUBLICATIE_MIN_MELDINGEN`` and ``ZICHT_PUBLICATIE_MIN_UREN``."""
        return cls(settings.publicatie_min_meldingen, settings.publicatie_min_uren)


@dataclass(frozen=True)
class Publicatiestand:
    """The newest publicatie and what arrived since (for the beheerder and ``zicht publiceer``)."""

    id: int
    tot: datetime
    reden: str
    aangemaakt_op: datetime
    nieuwe_meldingen: int


def huidige_publicatie(engine: Engine) -> Publicatiestand | None:
    """The newest publicatie with the number of meldingen recorded after it, or None."""
    with engine.connect() as conn:
        rij = conn.execute(
            select(Publicatie.id, Publicatie.tot, Publicatie.reden, Publicatie.aangemaakt_op)
            .order_by(Publicatie.tot.desc(), Publicatie.id.desc())
            .limit(1)
        ).first()
        if rij is None:
            return None
        nieuw = conn.execute(select(func.count()).where(Melding.aangemaakt_op > rij.tot)).scalar_one()
    return Publicatiestand(int(rij.id), rij.tot, rij.reden, rij.aangemaakt_op, int(nieuw))


def publiceer(engine: Engine, *, reden: str = "handmatig", door: str | None = None) -> Publicatiestand:
    """Make a publicatie over every melding recorded until now."""
    nu = utcnow()
    with engine.begin() as conn:
        conn.execute(insert(Publicatie).values(tot=nu, reden=reden, door=door, aangemaakt_op=nu))
    stand = huidige_publicatie(engine)
    assert stand is not None
    log.info("publicatie %s gemaakt (%s)", stand.id, reden)
    return stand


def is_verschuldigd(stand: Publicatiestand | None, regel: Publicatieregel, nu: datetime | None = None) -> bool:
    """Whether an automatic publicatie is due (none yet, or enough new meldingen and time)."""
    if stand is None:
        return True
    nu = nu or utcnow()
    return stand.nieuwe_meldingen >= regel.min_meldingen and nu - stand.aangemaakt_op >= timedelta(hours=regel.min_uren)


class PublicatieBron:
    """Hands out the extract of the newest publicatie.

    Like :class:`~zicht.analysis.extract.ExtractBron`, the first extract is built when first asked for and
    later checks run at most every ``controle_interval`` seconds in a background thread, so a request never
    waits for a rebuild it did not cause. The extract is rebuilt when a publicatie is made, or when the
    linkage of its meldingen changed (an analyst's decision, never a new melding: those are outside it).

    Args:
        engine: The registry.
        referentie: Reference data.
        regel: When to publish automatically.
        controle_interval: Seconds between background checks.
        na_bouw: Called with every new extract, in the thread that built it (e.g. to precompute tables
            before it is handed out).
    """

    def __init__(
        self,
        engine: Engine,
        referentie: Referentiedata,
        regel: Publicatieregel,
        *,
        controle_interval: float = 30.0,
        na_bouw: Callable[[Extract], None] | None = None,
    ) -> None:
        self.engine = engine
        self.referentie = referentie
        self.regel = regel
        self.controle_interval = controle_interval
        self.na_bouw = na_bouw
        self._extract: Extract | None = None
        self._gecontroleerd = 0.0
        self._lock = threading.Lock()
        self._bouwlock = threading.Lock()
        self._bezig = False

    def extract(self) -> Extract:
        """The extract of the newest publicatie that has been built."""
        with self._lock:
            huidig = self._extract
            due = not self._bezig and time.monotonic() - self._gecontroleerd >= self.controle_interval
            if huidig is not None and due:
                self._bezig = True
                self._gecontroleerd = time.monotonic()
                threading.Thread(target=self._achtergrond, name="zicht-publicatie", daemon=True).start()
        if huidig is not None:
            return huidig
        return self.ververs()

    def ververs(self) -> Extract:
        """Publish now if a publicatie is due, and return the extract of the newest one (synchronously)."""
        with self._bouwlock:
            stand = huidige_publicatie(self.engine)
            if is_verschuldigd(stand, self.regel):
                stand = publiceer(self.engine, reden="eerste" if stand is None else "automatisch")
            assert stand is not None
            vintage = lees_vintage(self.engine, self.referentie, tot=stand.tot)
            with self._lock:
                huidig = self._extract
                self._gecontroleerd = time.monotonic()
            if huidig is not None and huidig.vintage == vintage:
                return huidig
            nieuw = maak_extract(lees_register(self.engine, tot=stand.tot), self.referentie, vintage)
            if huidig is not None:
                self._warm(nieuw)  # a later publicatie: ready before anyone is served it
            with self._lock:
                self._extract = nieuw
        if huidig is None and self.na_bouw is not None:  # the first: served at once, warmed meanwhile
            threading.Thread(target=self._warm, args=(nieuw,), name="zicht-opwarmen", daemon=True).start()
        return nieuw

    def _warm(self, extract: Extract) -> None:
        if self.na_bouw is None:
            return
        try:
            self.na_bouw(extract)
        except Exception:  # warming is an optimisation; a failure shows up again when a user asks
            log.exception("voorberekenen van de publicatie mislukt")

    def publiceer(self, *, door: str | None = None) -> Extract:
        """Make a publicatie by hand now and return its extract."""
        with self._bouwlock:
            publiceer(self.engine, reden="handmatig", door=door)
        return self.ververs()

    def _achtergrond(self) -> None:
        try:
            self.ververs()
        except Exception:  # a failed check keeps the current publicatie; the next check tries again
            log.exception("controle van de publicatie mislukt")
        finally:
            with self._lock:
                self._bezig = False
                self._gecontroleerd = time.monotonic()
