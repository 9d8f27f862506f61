# SPDX-License-Identifier: EUPL-1.2
"""Authorisation in one place: roles, their rights, and the query filters that enforce them.

Every face of zicht (web pages, the API, the CLI) asks this module what a caller may do, including how
precise its statistics are (:func:`ziet_exacte_cijfers`) and which areas it may study (:func:`studiegemeenten`). Rights are binary;
a role is a named set of rights (the table :data:`RECHTEN`). Object-level access is a SQL filter
(:func:`melding_filter`) that the caller applies *before* counting and paginating, so an object outside
the caller's scope behaves exactly like an object that does not exist (a guessed id gives 404).

Roles:

* ``melder`` creates meldingen and sees its own organisation's meldingen;
* ``analist`` sees pseudonymised meldingen nationally and may list a person's processing history;
* ``identiteit`` has the analyst's rights and may reveal an identity for a stated, logged purpose;
* ``gemeente`` sees aggregates for its municipality or region only, never a melding or person;
* ``opvang`` works with shelter capacity and placements (pseudonymised) and reports its own facilities'
  occupancy; CoMensha's opvang users also keep the care-coordination network (:func:`beheert_netwerk`);
* ``beheerder`` manages users, organisations and tokens, and sees no victim data.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import ColumnElement, false, true

from zicht.domain.rollen import Rol
from zicht.privacy.logboek import Actor
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.storage.tables import Melding
from zicht.taal import N_


class Recht(StrEnum):
    """One binary right."""

    melding_aanmaken = "melding_aanmaken"
    #: Read meldingen within the caller's scope (own organisation, or national for analysts).
    melding_lezen = "melding_lezen"
    #: Read every melding (pseudonymised) and filter the national list.
    melding_landelijk = "melding_landelijk"
    upload = "upload"
    identiteit_onthullen = "identiteit_onthullen"
    logboek_persoon = "logboek_persoon"
    #: Aggregated figures (with disclosure control), limited to the caller's area when it has one.
    aggregaten = "aggregaten"
    opvang = "opvang"
    #: Report the occupancy (beds) of the caller's own organisation's facilities, and nothing else of opvang.
    bezetting_melden = "bezetting_melden"
    beheer = "beheer"
    ui_galerij = "ui_galerij"
    #: Review the signalen queue of the caller's own organisation (ad clusters; docs/signalen.md).
    signalen_beoordelen = "signalen_beoordelen"
    #: Correct a melding: the reporting organisation its own, CoMensha (national readers) any.
    melding_corrigeren = "melding_corrigeren"
    #: Decide a melding's status (vastgesteld / geen) and withdraw duplicates: CoMensha.
    melding_beoordelen = "melding_beoordelen"
    #: Erase a person's identity on their request (AVG art. 17): CoMensha's identity staff and the beheerder.
    identiteit_wissen = "identiteit_wissen"


RECHTEN: dict[Rol, frozenset[Recht]] = {
    Rol.melder: frozenset(
        {
            Recht.melding_aanmaken,
            Recht.melding_lezen,
            Recht.melding_corrigeren,
            Recht.upload,
            Recht.signalen_beoordelen,
        }
    ),
    Rol.analist: frozenset(
        {
            Recht.melding_lezen,
            Recht.melding_landelijk,
            Recht.melding_corrigeren,
            Recht.melding_beoordelen,
            Recht.logboek_persoon,
            Recht.aggregaten,
        }
    ),
    Rol.identiteit: frozenset(
        {
            Recht.melding_lezen,
            Recht.melding_landelijk,
            Recht.logboek_persoon,
            Recht.aggregaten,
            Recht.identiteit_onthullen,
            Recht.identiteit_wissen,
        }
    ),
    Rol.gemeente: frozenset({Recht.aggregaten}),
    Rol.opvang: frozenset({Recht.opvang, Recht.bezetting_melden}),
    Rol.beheerder: frozenset({Recht.beheer, Recht.ui_galerij, Recht.identiteit_wissen}),
}

#: Roles that must log in with a second factor. Every role: roles without victim data (gemeente,
#: beheerder) still see small-area figures or can grant access to others.
TOTP_VERPLICHT: frozenset[Rol] = frozenset(Rol)

#: API token scopes and the right each grants.
TOKEN_SCOPES: dict[str, Recht] = {
    "meldingen:aanmaken": Recht.melding_aanmaken,
    "meldingen:lezen": Recht.melding_lezen,
    "meldingen:corrigeren": Recht.melding_corrigeren,
    "uploads": Recht.upload,
    "opvang:bezetting": Recht.bezetting_melden,
}
#: What each scope allows (Dutch source text of zicht.taal, shown translated instead of the scope's code on pages).
TOKEN_SCOPE_LABELS: dict[str, str] = {
    "meldingen:aanmaken": N_("meldingen aanleveren"),
    "meldingen:lezen": N_("eigen meldingen lezen"),
    "meldingen:corrigeren": N_("eigen meldingen corrigeren"),
    "uploads": N_("bestanden aanleveren"),
    "opvang:bezetting": N_("bezetting van eigen opvangvoorzieningen melden"),
}
#: The role a token acts as for each scope (of its organisation). A token's scopes all belong to one role: a
#: shelter operator's occupancy token can never also read meldingen.
TOKEN_ROL: dict[str, Rol] = {
    "meldingen:aanmaken": Rol.melder,
    "meldingen:lezen": Rol.melder,
    "meldingen:corrigeren": Rol.melder,
    "uploads": Rol.melder,
    "opvang:bezetting": Rol.opvang,
}

#: The organisation code of CoMensha, whose opvang users keep the network of zorgcoördinatoren and
#: aandachtsfunctionarissen (no separate right exists for it).
NETWERK_ORGANISATIE = "comensha"

#: Area levels a gemeente user can be scoped to (``niveau:code``).
GEBIED_NIVEAUS = ("gemeente", "veiligheidsregio", "politie_eenheid", "riec_regio", "provincie")


class GeenToegang(PermissionError):
    """The caller lacks a right. Carries no detail about the object asked for."""


@dataclass(frozen=True, slots=True)
class Gebied:
    """The area a gemeente user is limited to: a level and a code, e.g. ``gemeente:GM0344``."""

    niveau: str
    code: str

    @classmethod
    def parse(cls, text: str) -> Gebied:
        """Parse ``niveau:code``; a bare ``GMxxxx`` means that gemeente."""
        niveau, sep, code = text.partition(":")
        if not sep:
            niveau, code = "gemeente", text
        if niveau not in GEBIED_NIVEAUS or not code.strip():
            raise ValueError(f"gebied must be niveau:code with niveau one of {', '.join(GEBIED_NIVEAUS)}")
        return cls(niveau, code.strip().upper() if niveau == "gemeente" else code.strip())

    def __str__(self) -> str:
        return f"{self.niveau}:{self.code}"


@dataclass(frozen=True, slots=True)
class Toegang:
    """What one caller (a logged-in user or an API token) may do, and on whose behalf it acts."""

    actor_id: str
    rol: Rol
    rechten: frozenset[Recht]
    organisatie_id: uuid.UUID | None = None
    organisatie_code: str | None = None
    gebied: Gebied | None = None
    scopes: tuple[str, ...] = field(default=())

    @classmethod
    def voor_rol(
        cls,
        actor_id: str,
        rol: Rol | str,
        *,
        organisatie_id: uuid.UUID | None = None,
        organisatie_code: str | None = None,
        gebied: Gebied | None = None,
    ) -> Toegang:
        """The rights of a user with ``rol``."""
        rol = Rol(rol)
        return cls(actor_id, rol, RECHTEN[rol], organisatie_id, organisatie_code, gebied)

    @classmethod
    def voor_token(
        cls, token_id: uuid.UUID, organisatie_id: uuid.UUID, organisatie_code: str, scopes: tuple[str, ...]
    ) -> Toegang:
        """An API token acts for its organisation in the role of its scopes (:data:`TOKEN_ROL`), limited to the
        rights its scopes grant; scopes of different roles together grant nothing."""
        rollen = {TOKEN_ROL[s] for s in scopes if s in TOKEN_ROL}
        rol = next(iter(rollen)) if len(rollen) == 1 else Rol.melder
        granted = (
            frozenset(TOKEN_SCOPES[s] for s in scopes if s in TOKEN_SCOPES) & RECHTEN[rol]
            if len(rollen) == 1
            else frozenset()
        )
        return cls(f"token:{token_id}", rol, granted, organisatie_id, organisatie_code, None, scopes)

    def mag(self, recht: Recht) -> bool:
        """True when the caller holds ``recht``."""
        return recht in self.rechten

    def vereis(self, recht: Recht) -> None:
        """Raise GeenToegang unless the caller holds ``recht``."""
        if recht not in self.rechten:
            raise GeenToegang(recht.value)

    def actor(self) -> Actor:
        """The logboek actor for this caller."""
        return Actor(self.actor_id, self.rol.value, self.organisatie_code)

    def is_eigen_organisatie(self, organisatie_id: uuid.UUID) -> bool:
        """True when an object belongs to the caller's own organisation."""
        return self.organisatie_id is not None and self.organisatie_id == organisatie_id


def ziet_exacte_cijfers(toegang: Toegang) -> bool:
    """Whether the caller gets exact statistics. Only those who may read every melding (analysts, identity
    staff) do; everyone else gets disclosure-controlled figures (docs/disclosure.md)."""
    return toegang.mag(Recht.melding_landelijk)


def statistiekrol(toegang: Toegang) -> str:
    """The role under which the statistics service serves the caller: ``analist`` (exact) or the caller's
    own role (protected)."""
    return "analist" if ziet_exacte_cijfers(toegang) else toegang.rol.value


def studiegemeenten(toegang: Toegang, referentie: Referentiedata) -> frozenset[str] | None:
    """The gemeenten whose figures the caller may study in depth (breakdowns, series, the area dashboard):
    None for every area (exact-figure roles without an area), the gemeenten of the caller's area, or none
    at all (a protected role without an area sees national and overview figures only)."""
    if toegang.gebied is None:
        return None if ziet_exacte_cijfers(toegang) else frozenset()
    niveau = Gebiedsniveau(toegang.gebied.niveau)
    return frozenset(g.code for g in referentie.gemeenten.values() if g.gebied_code(niveau) == toegang.gebied.code)


def ziet_opvangadres(toegang: Toegang, exploitant_id: uuid.UUID) -> bool:
    """Whether the caller may see a shelter's confidential address: only opvang users of its operator."""
    return toegang.mag(Recht.opvang) and toegang.is_eigen_organisatie(exploitant_id)


def beheert_netwerk(toegang: Toegang) -> bool:
    """Whether the caller may register and end network functions: opvang users of CoMensha."""
    return toegang.mag(Recht.opvang) and toegang.organisatie_code == NETWERK_ORGANISATIE


def mag_corrigeren(toegang: Toegang, organisatie_id: uuid.UUID) -> bool:
    """Whether the caller may correct a melding of ``organisatie_id``: its own organisation's, or any for
    CoMensha (who may read every melding)."""
    if not toegang.mag(Recht.melding_corrigeren):
        return False
    return toegang.mag(Recht.melding_landelijk) or toegang.is_eigen_organisatie(organisatie_id)


def melding_filter(toegang: Toegang) -> ColumnElement[bool]:
    """The SQL condition selecting exactly the meldingen the caller may read; apply before pagination."""
    if toegang.mag(Recht.melding_landelijk):
        return true()
    if toegang.mag(Recht.melding_lezen) and toegang.organisatie_id is not None:
        return Melding.organisatie_id == toegang.organisatie_id
    return false()
