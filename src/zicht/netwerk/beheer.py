# SPDX-License-Identifier: EUPL-1.2
"""Keeping the care-coordination network: register a zorgcoördinator or aandachtsfunctionaris for a gemeente
(or, for a centrumgemeente's coordinator, its whole shelter region) and end it.

No right names this task; CoMensha builds and secures the network (domain.md §5), so its opvang users keep it
(:func:`zicht.privacy.toegang.beheert_netwerk`). Only an organisation, a contact role and dates are stored: no
person's name or contact data (a text that looks like an e-mail address or a phone number is refused). Each
function validates, writes and appends a logboek record in the caller's transaction. A function is ended, not
deleted, so the coverage map of an earlier day stays true.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.netwerk.dekking import FUNCTIES
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Toegang, beheert_netwerk
from zicht.reference import Referentiedata
from zicht.storage.base import utcnow
from zicht.storage.tables import NetwerkFunctie
from zicht.taal import N_

DOEL = "netwerk: beheer van zorgcoördinatoren en aandachtsfunctionarissen"
DEKKINGEN = ("gemeente", "regio")
_CONTACTGEGEVENS = re.compile(r"@|https?://|www\.|(?:\+|\b0)\d[\d\s-]{7,}")


class Netwerkfout(ValueError):
    """Input that cannot be stored; ``veld`` names the form field, the message is a Dutch sentence."""

    def __init__(self, veld: str, tekst: str) -> None:
        super().__init__(tekst)
        self.veld = veld
        self.tekst = tekst


class OnbekendeFunctie(LookupError):
    """No network function with this id."""


@dataclass(frozen=True)
class NieuweFunctie:
    """A function to register: the gemeente, which function, its reach, the organisation and contact role."""

    gemeentecode: str
    functie: str
    organisatie: str
    contactrol: str
    sinds: date
    dekking: str = "gemeente"


def _vereis(toegang: Toegang) -> None:
    if not beheert_netwerk(toegang):
        raise GeenToegang("netwerk beheren")


def _tekst(veld: str, waarde: str, omschrijving: str) -> str:
    waarde = " ".join(waarde.split())
    if not waarde or len(waarde) > 200:
        raise Netwerkfout(veld, f"Vul {omschrijving} in van hooguit 200 tekens.")
    if _CONTACTGEGEVENS.search(waarde):
        raise Netwerkfout(veld, N_("Geen contactgegevens: noem alleen de organisatie en de rol."))
    return waarde


def registreer(session: Session, toegang: Toegang, nieuw: NieuweFunctie, referentie: Referentiedata) -> NetwerkFunctie:
    """Register a network function from ``sinds`` on (open-ended).

    Raises:
        GeenToegang: not an opvang user of CoMensha.
        Netwerkfout: invalid input.
    """
    _vereis(toegang)
    if nieuw.gemeentecode not in referentie.gemeenten:
        raise Netwerkfout("gemeente", N_("Onbekende gemeente."))
    if nieuw.functie not in FUNCTIES:
        raise Netwerkfout("functie", N_("Kies zorgcoördinator of aandachtsfunctionaris."))
    if nieuw.dekking not in DEKKINGEN or (nieuw.dekking == "regio" and nieuw.functie != "zorgcoordinator"):
        raise Netwerkfout("dekking", N_("Alleen een zorgcoördinator kan de hele regio dekken."))
    if nieuw.sinds > utcnow().date():
        raise Netwerkfout("sinds", N_("De begindatum ligt in de toekomst."))
    f = NetwerkFunctie(
        id=uuid.uuid4(),
        gemeentecode=nieuw.gemeentecode,
        functie=nieuw.functie,
        dekking=nieuw.dekking,
        organisatie=_tekst("organisatie", nieuw.organisatie, "de organisatie"),
        contactrol=_tekst("contactrol", nieuw.contactrol, "de contactrol"),
        sinds=nieuw.sinds,
        tot=None,
    )
    session.add(f)
    session.flush()
    logboek.append(session, toegang.actor(), actie="aanmaken", object_type="netwerk_functie", object_ids=[str(f.id)],
                   doel=DOEL, details={"gemeente": f.gemeentecode, "functie": f.functie, "dekking": f.dekking,
                                       "sinds": f.sinds.isoformat()})  # fmt: skip
    return f


def beeindig(session: Session, toegang: Toegang, functie_id: uuid.UUID, tot: date) -> NetwerkFunctie:
    """End a function on ``tot`` (the first day it no longer holds).

    Raises:
        GeenToegang, OnbekendeFunctie, Netwerkfout: already ended, or ``tot`` not after ``sinds``.
    """
    _vereis(toegang)
    f = session.get(NetwerkFunctie, functie_id, with_for_update=True)
    if f is None:
        raise OnbekendeFunctie(str(functie_id))
    if f.tot is not None:
        raise Netwerkfout("tot", N_("Deze functie is al beëindigd."))
    if tot <= f.sinds:
        raise Netwerkfout("tot", N_("De einddatum ligt niet na de begindatum."))
    if tot > utcnow().date() + timedelta(days=366):
        raise Netwerkfout("tot", N_("De einddatum ligt meer dan een jaar vooruit."))
    f.tot = tot
    session.flush()
    logboek.append(session, toegang.actor(), actie="wijzigen", object_type="netwerk_functie", object_ids=[str(f.id)],
                   doel=DOEL, details={"gemeente": f.gemeentecode, "tot": tot.isoformat()})  # fmt: skip
    return f


def functies(session: Session, toegang: Toegang, *, gemeentecode: str | None = None) -> list[NetwerkFunctie]:
    """Registered functions (current and ended), current first, by gemeente.

    Raises:
        GeenToegang: not an opvang user of CoMensha.
    """
    _vereis(toegang)
    stmt = select(NetwerkFunctie).order_by(
        NetwerkFunctie.tot.is_not(None), NetwerkFunctie.gemeentecode, NetwerkFunctie.functie, NetwerkFunctie.sinds
    )
    if gemeentecode is not None:
        stmt = stmt.where(NetwerkFunctie.gemeentecode == gemeentecode)
    return list(session.scalars(stmt))
