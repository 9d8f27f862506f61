# SPDX-License-Identifier: EUPL-1.2
"""Revealing the identity behind a melding. The rule lives in :mod:`zicht.privacy.onthulling` so that the
linkage review (a capability below this service layer) can use the same, logged, path.

A reveal from the identity page states its purpose from a short code list (:class:`Onthuldoel`) plus a case
reference (zaaknummer) in a checked format, not free text alone; ``anders`` needs an explanation. Each user has
a budget of reveals per 24 hours (``ZICHT_ONTHULLINGEN_PER_DAG``): a reveal beyond it is refused, and the
refusal is written to the logboek as an alert (object type ``alert``) that the beheerder sees on the
accounts page. The budget is checked under a lock per user, so parallel requests cannot overshoot it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zicht.accounts.vergrendeling import ONTHULBUDGET, vergrendel
from zicht.domain import Identiteitsgegevens
from zicht.privacy import logboek
from zicht.privacy.onthulling import DoelOntbreekt, controleer_doel, onthul_identiteit
from zicht.privacy.toegang import Recht, Toegang
from zicht.privacy.vault import Vault
from zicht.storage.base import utcnow
from zicht.storage.tables import LogboekRecord
from zicht.taal import N_, Tekst

__all__ = [
    "BUDGETPERIODE",
    "DOELEN",
    "Budgetalert",
    "DoelOntbreekt",
    "OngeldigOnthulverzoek",
    "Onthuldoel",
    "Onthulling",
    "Onthulstatus",
    "Onthulverzoek",
    "controleer_doel",
    "controleer_onthulverzoek",
    "onthul_identiteit",
    "onthul_voor_zaak",
    "recente_alerts",
]

#: The budget counts reveals in this rolling period.
BUDGETPERIODE = timedelta(hours=24)
MAX_TOELICHTING = 140
ALERT_DOEL = "dagbudget identiteitsonthullingen overschreden"


class Onthuldoel(StrEnum):
    """Why an identity is revealed (the code stored in the logboek's purpose)."""

    opsporing = "opsporing"
    hulpverlening = "hulpverlening"
    koppelcontrole = "koppelcontrole"
    inzageverzoek = "inzageverzoek"
    anders = "anders"


#: The purposes with their Dutch labels, in the order the form shows them.
DOELEN: dict[Onthuldoel, str] = {
    Onthuldoel.opsporing: N_("Opsporing en vervolging"),
    Onthuldoel.hulpverlening: N_("Hulpverlening of plaatsing in de opvang"),
    Onthuldoel.koppelcontrole: N_("Controle van een koppeling (dubbele registratie)"),
    Onthuldoel.inzageverzoek: N_("Verzoek van de betrokkene (inzage, AVG art. 15)"),
    Onthuldoel.anders: N_("Anders (met toelichting)"),
}

#: A case reference: a letter, then letters or digits, then one to three dash-separated parts, with at least
#: one digit; e.g. ``PL0900-2026-123456``, ``OM-2026-0042``, ``CM-2026-17``.
_ZAAKNUMMER = re.compile(r"^[A-Z][A-Z0-9]{1,11}(?:-[A-Z0-9]{1,12}){1,3}$")


class OngeldigOnthulverzoek(ValueError):
    """The purpose, case reference or explanation is missing or invalid; ``fouten`` is (field, Dutch message)."""

    def __init__(self, fouten: Sequence[tuple[str, str]]) -> None:
        super().__init__("; ".join(tekst for _, tekst in fouten))
        self.fouten = list(fouten)


@dataclass(frozen=True)
class Onthulverzoek:
    """A checked purpose: code, case reference and (for ``anders``, required) explanation."""

    doel: Onthuldoel
    zaaknummer: str
    toelichting: str = ""

    @property
    def logboekdoel(self) -> str:
        """The purpose as written to the logboek: ``code | zaak REF`` plus the explanation, if any."""
        tekst = f"{self.doel.value} | zaak {self.zaaknummer}"
        return f"{tekst} | {self.toelichting}" if self.toelichting else tekst


def controleer_onthulverzoek(doel: str, zaaknummer: str, toelichting: str = "") -> Onthulverzoek:
    """Check the form's values; raises OngeldigOnthulverzoek naming each wrong field."""
    fouten: list[tuple[str, str]] = []
    try:
        code: Onthuldoel | None = Onthuldoel(doel.strip())
    except ValueError:
        code = None
        fouten.append(("doel", N_("Kies een doel uit de lijst.")))
    zaak = zaaknummer.strip().upper()
    if not (_ZAAKNUMMER.fullmatch(zaak) and any(c.isdigit() for c in zaak)):
        fouten.append(
            ("zaaknummer", N_("Geef een geldig zaaknummer, bijvoorbeeld PL0900-2026-123456 of OM-2026-0042."))
        )
    toelichting = " ".join(toelichting.split())
    if len(toelichting) > MAX_TOELICHTING:
        fouten.append(("toelichting", Tekst("De toelichting is ten hoogste {n} tekens.", n=MAX_TOELICHTING)))
    elif code is Onthuldoel.anders and len(toelichting) < 10:
        fouten.append(("toelichting", N_("Licht het doel 'anders' toe in 10 tot 140 tekens.")))
    if fouten or code is None:
        raise OngeldigOnthulverzoek(fouten)
    return Onthulverzoek(code, zaak, toelichting)


class Onthulstatus(StrEnum):
    """Outcome of :func:`onthul_voor_zaak`."""

    ok = "ok"
    niet_gevonden = "niet_gevonden"
    budget_op = "budget_op"


@dataclass(frozen=True)
class Onthulling:
    """The outcome, and the identity when ``ok``."""

    status: Onthulstatus
    identiteit: Identiteitsgegevens | None = None
    budget: int = 0


def _onthuld_sinds(session: Session, actor_id: str, sinds: datetime) -> int:
    stmt = select(func.count()).where(
        LogboekRecord.actor == actor_id,
        LogboekRecord.actie == "onthullen",
        LogboekRecord.object_type == "melding",
        LogboekRecord.tijdstip >= sinds,
    )
    return int(session.scalar(stmt) or 0)


def onthul_voor_zaak(
    session: Session,
    vault: Vault,
    toegang: Toegang,
    melding_id: uuid.UUID,
    verzoek: Onthulverzoek,
    *,
    dagbudget: int,
    now: datetime | None = None,
) -> Onthulling:
    """Reveal one melding's identity for a checked purpose, within the caller's budget per 24 hours.

    Over budget nothing is decrypted and an alert is appended to the logboek; the caller commits it (the
    outcome is returned, not raised, so the alert is not rolled back).

    Raises:
        GeenToegang: the caller lacks the ``identiteit_onthullen`` right.
    """
    toegang.vereis(Recht.identiteit_onthullen)
    now = now or utcnow()
    actor = toegang.actor()
    vergrendel(session, ONTHULBUDGET, actor.id)
    gedaan = _onthuld_sinds(session, actor.id, now - BUDGETPERIODE)
    if gedaan >= dagbudget:
        logboek.append(
            session,
            actor,
            actie="onthullen",
            object_type="alert",
            doel=ALERT_DOEL,
            details={"budget": dagbudget, "onthuld_24u": gedaan, "doelcode": verzoek.doel.value},
            status=2,
        )
        return Onthulling(Onthulstatus.budget_op, budget=dagbudget)
    identiteit = onthul_identiteit(session, vault, toegang, melding_id, verzoek.logboekdoel)
    if identiteit is None:
        return Onthulling(Onthulstatus.niet_gevonden, budget=dagbudget)
    return Onthulling(Onthulstatus.ok, identiteit, budget=dagbudget)


@dataclass(frozen=True)
class Paaronthulling:
    """The outcome for a review pair, and both identities when ``ok``."""

    status: Onthulstatus
    links: Identiteitsgegevens | None = None
    rechts: Identiteitsgegevens | None = None
    budget: int = 0


def onthul_paar_voor_zaak(
    session: Session,
    vault: Vault,
    toegang: Toegang,
    item_id: uuid.UUID,
    verzoek: Onthulverzoek,
    *,
    dagbudget: int,
    now: datetime | None = None,
) -> Paaronthulling:
    """Reveal both identities of a linkage review pair for a checked purpose (list + case reference, as for one
    melding), counting two reveals against the caller's budget per 24 hours; over budget nothing is decrypted
    and an alert is appended to the logboek.

    Raises:
        GeenToegang: the caller lacks the ``identiteit_onthullen`` right.
        BesluitFout: unknown pair.
    """
    from zicht.linkage.review import reveal

    toegang.vereis(Recht.identiteit_onthullen)
    now = now or utcnow()
    actor = toegang.actor()
    vergrendel(session, ONTHULBUDGET, actor.id)
    gedaan = _onthuld_sinds(session, actor.id, now - BUDGETPERIODE)
    if gedaan + 2 > dagbudget:
        logboek.append(
            session,
            actor,
            actie="onthullen",
            object_type="alert",
            doel=ALERT_DOEL,
            details={"budget": dagbudget, "onthuld_24u": gedaan, "doelcode": verzoek.doel.value, "paar": True},
            status=2,
        )
        return Paaronthulling(Onthulstatus.budget_op, budget=dagbudget)
    links, rechts = reveal(session, vault, toegang, item_id, verzoek.logboekdoel)
    return Paaronthulling(Onthulstatus.ok, links, rechts, budget=dagbudget)


@dataclass(frozen=True)
class Budgetalert:
    """Budget alerts of one user since a moment: how many, and the last one."""

    actor: str
    aantal: int
    laatst: datetime


def recente_alerts(session: Session, sinds: datetime) -> list[Budgetalert]:
    """Users whose reveal budget was exceeded since ``sinds``, most recent first (for the beheerder)."""
    stmt = (
        select(LogboekRecord.actor, func.count(), func.max(LogboekRecord.tijdstip))
        .where(LogboekRecord.object_type == "alert", LogboekRecord.doel == ALERT_DOEL, LogboekRecord.tijdstip >= sinds)
        .group_by(LogboekRecord.actor)
        .order_by(func.max(LogboekRecord.tijdstip).desc())
    )
    return [Budgetalert(actor, int(aantal), laatst) for actor, aantal, laatst in session.execute(stmt)]
