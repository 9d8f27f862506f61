# SPDX-License-Identifier: EUPL-1.2
"""The lifecycle of a stored melding: what can happen to it after registration, and why.

A melding is never overwritten silently. A correction (by the reporting organisation or by CoMensha), a
status decision (``mogelijk`` → ``vastgesteld`` / ``geen``, by CoMensha, naming who decided and when) and a
withdrawal (of a duplicate or a melding made in error, by CoMensha) each write a new version with who, when
and a coded reason (never free text: the history is shown to every reader of the melding), plus a logboek
record. The codes here are stored words; labels are in Dutch and English.
"""

from __future__ import annotations

from enum import StrEnum


class _Gelabeld(StrEnum):
    """A code with a Dutch and an English label (``_LABELS`` of the subclass)."""

    def label(self, taal: str = "nl") -> str:
        """The label in ``taal`` (``en`` or Dutch)."""
        nl, en = _LABELS[self]
        return en if taal == "en" else nl


class Actie(_Gelabeld):
    """What a version records."""

    aanmaken = "aanmaken"
    correctie = "correctie"
    status = "status"
    intrekking = "intrekking"


class Correctiereden(_Gelabeld):
    """Why a melding was corrected."""

    typefout = "typefout"
    nieuwe_informatie = "nieuwe_informatie"
    verkeerd_ingevuld = "verkeerd_ingevuld"
    overig = "overig"


class Statusbeslisser(_Gelabeld):
    """Who decided a melding's status (``vastgesteld`` or ``geen``)."""

    comensha = "comensha"
    openbaar_ministerie = "openbaar_ministerie"
    rechter = "rechter"
    ind = "ind"
    politie = "politie"
    kmar = "kmar"
    arbeidsinspectie = "arbeidsinspectie"
    overig = "overig"


class Intrekkingsreden(_Gelabeld):
    """Why a melding was withdrawn (it then counts nowhere, but stays with its history)."""

    dubbel = "dubbel"
    ten_onrechte = "ten_onrechte"
    op_verzoek_melder = "op_verzoek_melder"


_LABELS: dict[StrEnum, tuple[str, str]] = {
    Actie.aanmaken: ("aangemaakt", "created"),
    Actie.correctie: ("gecorrigeerd", "corrected"),
    Actie.status: ("status gewijzigd", "status changed"),
    Actie.intrekking: ("ingetrokken", "withdrawn"),
    Correctiereden.typefout: ("typefout", "typing error"),
    Correctiereden.nieuwe_informatie: ("nieuwe informatie", "new information"),
    Correctiereden.verkeerd_ingevuld: ("verkeerd ingevuld", "filled in wrongly"),
    Correctiereden.overig: ("overig", "other"),
    Statusbeslisser.comensha: ("CoMensha", "CoMensha"),
    Statusbeslisser.openbaar_ministerie: ("Openbaar Ministerie", "Public Prosecution Service"),
    Statusbeslisser.rechter: ("rechter", "court"),
    Statusbeslisser.ind: ("IND", "IND (immigration service)"),
    Statusbeslisser.politie: ("politie", "police"),
    Statusbeslisser.kmar: ("Koninklijke Marechaussee", "Royal Netherlands Marechaussee"),
    Statusbeslisser.arbeidsinspectie: ("Nederlandse Arbeidsinspectie", "Netherlands Labour Authority"),
    Statusbeslisser.overig: ("andere organisatie", "other organisation"),
    Intrekkingsreden.dubbel: ("dubbele melding", "duplicate melding"),
    Intrekkingsreden.ten_onrechte: ("ten onrechte gemeld", "reported in error"),
    Intrekkingsreden.op_verzoek_melder: ("op verzoek van de melder", "at the reporter's request"),
}

#: The statuses CoMensha can decide, and the ones a decision needs a decider and date for.
BESLUITSTATUSSEN = ("mogelijk", "vastgesteld", "geen")
