# SPDX-License-Identifier: EUPL-1.2
"""A melding after registration: corrections, status decisions and withdrawal, each through one action.

Every action, in the caller's transaction:

1. finds the melding within the caller's scope (one outside it is "not found", as everywhere);
2. checks the right (:mod:`zicht.privacy.toegang`) and the version the caller saw (optimistic concurrency:
   a stale version raises :class:`VerouderdeVersie`, the API's 412);
3. validates (a correction re-validates the whole melding with the intake's validator);
4. writes the new content, ``versie + 1``, one :class:`~zicht.storage.tables.MeldingVersie` row with who,
   when, the coded reason and the changed fields (values only of fields that identify no one), and one
   logboek record (``wijzigen``);
5. reacts: a correction of the fields linkage compares detaches the melding from its person, so the next
   incremental link (``zicht link``) places it again; statistics see the change at the next data vintage
   (the vintage's fingerprint includes every melding's version). A withdrawn melding counts nowhere.

A melding's history is version 1 (its registration) plus its ``MeldingVersie`` rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.domain.levensloop import BESLUITSTATUSSEN, Actie, Correctiereden, Intrekkingsreden, Statusbeslisser
from zicht.intake import KOLOMMEN, Fout, Validator
from zicht.intake.correctie import Wijziging, herschrijf, invoer_uit, invoer_van, samengevoegd, verschillen
from zicht.intake.validate import RawValue
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Recht, Toegang, mag_corrigeren, melding_filter
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage.base import utcnow
from zicht.storage.tables import Identiteit, Melding, MeldingVersie, Organisatie

DOEL_CORRECTIE = "registratie van meldingen mogelijke slachtoffers mensenhandel: correctie en beoordeling"
#: Fields linkage compares: a correction of any of them places the melding again at the next link.
KOPPELVELDEN = frozenset(k.naam for k in KOLOMMEN if k.koppelveld)


class NietGevonden(LookupError):
    """No melding with this id within the caller's scope."""


class VerouderdeVersie(Exception):
    """The melding changed since the caller read it (``huidig`` is the stored version)."""

    def __init__(self, huidig: int) -> None:
        super().__init__(f"melding is at version {huidig}")
        self.huidig = huidig


class Ongeldig(ValueError):
    """The action is not allowed in the melding's state, or its input is invalid (``fouten``)."""

    def __init__(self, fouten: list[Fout]) -> None:
        super().__init__("; ".join(f"{f.kolom}: {f.reden_en}" for f in fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class Uitkomst:
    """The melding after the action and what changed (empty: nothing to change, no new version)."""

    melding: Melding
    wijzigingen: tuple[Wijziging, ...]
    opnieuw_koppelen: bool = False


@dataclass(frozen=True)
class Versie:
    """One step of a melding's history as pages and the API show it."""

    versie: int
    actie: Actie
    op: datetime
    actor: str
    organisatie: str | None
    reden: str | None
    wijzigingen: tuple[dict[str, object], ...]


def _fout(kolom: str, code: str, nl: str, en: str) -> Fout:
    return Fout(kolom, None, code, nl, en)


def _melding(session: Session, toegang: Toegang, melding_id: uuid.UUID, versie: int | None) -> Melding:
    melding = session.scalar(select(Melding).where(Melding.id == melding_id, melding_filter(toegang)).with_for_update())
    if melding is None:
        raise NietGevonden(str(melding_id))
    if versie is not None and versie != melding.versie:
        raise VerouderdeVersie(melding.versie)
    return melding


def bestaat(session: Session, toegang: Toegang, melding_id: uuid.UUID) -> bool:
    """Whether the melding exists within the caller's scope (not a read of its content: not logged)."""
    return session.scalar(select(Melding.id).where(Melding.id == melding_id, melding_filter(toegang))) is not None


def _schrijf_versie(
    session: Session,
    toegang: Toegang,
    melding: Melding,
    actie: Actie,
    reden: str | None,
    wijzigingen: list[Wijziging],
    now: datetime,
) -> None:
    nieuw = melding.versie + 1
    melding.versie = nieuw
    melding.gewijzigd_op = now
    session.add(
        MeldingVersie(
            melding_id=melding.id,
            versie=nieuw,
            actie=actie.value,
            reden=reden,
            wijzigingen=[w.as_dict() for w in wijzigingen],
            actor=toegang.actor_id,
            organisatie=toegang.organisatie_code,
            op=now,
        )
    )
    logboek.append(
        session,
        toegang.actor(),
        actie="wijzigen",
        object_type="melding",
        object_ids=[str(melding.id)],
        persoon_ids=[str(melding.persoon_id) if melding.persoon_id else None],
        doel=DOEL_CORRECTIE,
        details={"actie": actie.value, "versie": nieuw, "reden": reden, "velden": [w.veld for w in wijzigingen]},
    )
    session.flush()


def corrigeer(
    session: Session,
    vault: Vault,
    reference: Referentiedata,
    toegang: Toegang,
    melding_id: uuid.UUID,
    wijzigingen: Mapping[str, RawValue],
    *,
    versie: int | None,
    reden: Correctiereden,
) -> Uitkomst:
    """Correct a melding: ``wijzigingen`` (intake column → new value; None clears) are merged into the
    stored melding and the whole melding is validated again.

    Raises:
        NietGevonden: Not within the caller's scope.
        GeenToegang: The caller may not correct this melding (another organisation's, or no right).
        VerouderdeVersie: ``versie`` is not the stored version.
        Ongeldig: The melding is withdrawn, or the corrected melding does not validate (every problem).
    """
    toegang.vereis(Recht.melding_corrigeren)
    melding = _melding(session, toegang, melding_id, versie)
    if not mag_corrigeren(toegang, melding.organisatie_id):
        raise GeenToegang("melding van een andere organisatie")
    if melding.ingetrokken_op is not None:
        raise Ongeldig([_fout("melding", "ingetrokken", "de melding is ingetrokken", "the melding is withdrawn")])
    organisatie = session.get(Organisatie, melding.organisatie_id)
    assert organisatie is not None
    opgeslagen = session.get(Identiteit, melding.id)
    identiteit = vault.decrypt(melding.id, opgeslagen.sleutel_id, opgeslagen.versleuteld) if opgeslagen else None
    huidig = invoer_van(melding, identiteit)
    try:
        nieuw_raw = samengevoegd(huidig, wijzigingen)
    except KeyError as exc:
        raise Ongeldig([_fout("melding", "onbekend_veld", "onbekend veld", str(exc.args[0]))]) from None
    validator = Validator(reference, melding.melder_soort)
    resultaat = validator.validate(nieuw_raw)
    if isinstance(resultaat, list):
        raise Ongeldig(resultaat)
    vorig = validator.validate(huidig)
    verschil = verschillen(invoer_uit(vorig) if not isinstance(vorig, list) else huidig, invoer_uit(resultaat))
    if not verschil:
        return Uitkomst(melding, ())
    now = utcnow()
    herschrijf(session, vault, melding, organisatie, resultaat, now=now)
    session.refresh(melding)
    opnieuw = any(w.veld in KOPPELVELDEN for w in verschil)
    if opnieuw:
        melding.persoon_id = None  # the next incremental link places it again
    _schrijf_versie(session, toegang, melding, Actie.correctie, reden.value, verschil, now)
    return Uitkomst(melding, tuple(verschil), opnieuw)


def wijzig_status(
    session: Session,
    toegang: Toegang,
    melding_id: uuid.UUID,
    status: str,
    *,
    versie: int | None,
    beslisser: Statusbeslisser | None,
    datum: date | None,
) -> Uitkomst:
    """CoMensha records a status decision: ``vastgesteld`` or ``geen`` with who decided and when, or back
    to ``mogelijk`` (which clears both).

    Raises:
        NietGevonden, GeenToegang, VerouderdeVersie: As for :func:`corrigeer`.
        Ongeldig: Unknown status, a decision without decider or date, a date in the future or before the
            report, or a withdrawn melding.
    """
    toegang.vereis(Recht.melding_beoordelen)
    melding = _melding(session, toegang, melding_id, versie)
    fouten = []
    if melding.ingetrokken_op is not None:
        fouten.append(_fout("melding", "ingetrokken", "de melding is ingetrokken", "the melding is withdrawn"))
    if status not in BESLUITSTATUSSEN:
        fouten.append(_fout("status", "onbekende_code", "kies mogelijk, vastgesteld of geen", "choose a status"))
    besluit = status in ("vastgesteld", "geen")
    if besluit and beslisser is None:
        fouten.append(_fout("beslisser", "verplicht", "wie heeft besloten?", "who decided?"))
    if besluit and datum is None:
        fouten.append(_fout("datum", "verplicht", "datum van het besluit ontbreekt", "date of the decision missing"))
    if datum is not None and (datum > date.today() or datum < melding.melddatum):
        fouten.append(
            _fout(
                "datum",
                "buiten_bereik",
                "de datum ligt in de toekomst of voor de melddatum",
                "the date is in the future or before the report date",
            )
        )
    if fouten:
        raise Ongeldig(fouten)
    nieuw = (status, beslisser.value if besluit and beslisser else None, datum if besluit else None)
    oud = (melding.status, melding.status_beslisser, melding.status_datum)
    if nieuw == oud:
        return Uitkomst(melding, ())
    wijzigingen = [
        Wijziging(veld, None if a is None else str(a), None if b is None else str(b))
        for veld, a, b in zip(("status", "status_beslisser", "status_datum"), oud, nieuw, strict=True)
        if a != b
    ]
    melding.status, melding.status_beslisser, melding.status_datum = nieuw
    _schrijf_versie(session, toegang, melding, Actie.status, status, wijzigingen, utcnow())
    return Uitkomst(melding, tuple(wijzigingen))


def trek_in(
    session: Session,
    toegang: Toegang,
    melding_id: uuid.UUID,
    *,
    versie: int | None,
    reden: Intrekkingsreden,
    dubbel_van: uuid.UUID | None = None,
) -> Uitkomst:
    """CoMensha withdraws a melding (a duplicate of ``dubbel_van``, made in error, or at the reporter's
    request). It stays with its history but counts nowhere; it cannot be corrected afterwards.

    Raises:
        NietGevonden, GeenToegang, VerouderdeVersie: As for :func:`corrigeer`.
        Ongeldig: Already withdrawn; a duplicate without (or of itself, or of an unknown) original.
    """
    toegang.vereis(Recht.melding_beoordelen)
    melding = _melding(session, toegang, melding_id, versie)
    fouten = []
    if melding.ingetrokken_op is not None:
        fouten.append(_fout("melding", "ingetrokken", "de melding is al ingetrokken", "already withdrawn"))
    if reden is Intrekkingsreden.dubbel:
        origineel = (
            session.scalar(select(Melding.id).where(Melding.id == dubbel_van, melding_filter(toegang)))
            if dubbel_van and dubbel_van != melding.id
            else None
        )
        if origineel is None:
            fouten.append(
                _fout(
                    "dubbel_van",
                    "verplicht",
                    "geef de melding waarvan dit een dubbele is (een andere, bestaande melding)",
                    "give the melding this one duplicates (another, existing melding)",
                )
            )
    if fouten:
        raise Ongeldig(fouten)
    now = utcnow()
    melding.ingetrokken_op = now
    melding.intrekkingsreden = reden.value
    melding.dubbel_van = dubbel_van if reden is Intrekkingsreden.dubbel else None
    wijziging = Wijziging("ingetrokken", None, reden.value)
    _schrijf_versie(session, toegang, melding, Actie.intrekking, reden.value, [wijziging], now)
    return Uitkomst(melding, (wijziging,))


def geschiedenis(session: Session, melding: Melding) -> list[Versie]:
    """The melding's history, oldest first: its registration (version 1), then every recorded version."""
    eerste = Versie(1, Actie.aanmaken, melding.aangemaakt_op, "", None, melding.bron, ())
    rijen = session.scalars(
        select(MeldingVersie).where(MeldingVersie.melding_id == melding.id).order_by(MeldingVersie.versie)
    ).all()
    return [eerste] + [
        Versie(r.versie, Actie(r.actie), r.op, r.actor, r.organisatie, r.reden, tuple(r.wijzigingen)) for r in rijen
    ]
