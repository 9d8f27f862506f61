# SPDX-License-Identifier: EUPL-1.2
"""The lifecycle of a stored melding: what can happen to it after registration, and why.

A melding is never overwritten silently. A correction (by the reporting organisation or by CoMensha), a
status decision (``mogelijk`` → ``vastgesteld`` / ``geen``, by CoMensha, naming who decided and when) and a
withdrawal (of a duplicate or a melding made in error, by CoMensha) each write a new version with who, when
and a coded reason (never free text: the history is shown to every reader of the melding), plus a logboek
record. The codes here are stored words; their labels are Dutch source text of the one catalogue (``zicht.taal``).
"""

from __future__ import annotations

from enum import StrEnum

from zicht.taal import N_, vertaler


class _Gelabeld(StrEnum):
    """A code with a label in every language (``_LABELS``, Dutch source text)."""

    def label(self, taal: str = "nl") -> str:
        """The label in ``taal`` (through the catalogue of :mod:`zicht.taal`)."""
        return vertaler(taal)(_LABELS[self])


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


#: Dutch labels (source text of the one catalogue, translated by ``label``).
_LABELS: dict[StrEnum, str] = {
    Actie.aanmaken: N_("aangemaakt"),
    Actie.correctie: N_("gecorrigeerd"),
    Actie.status: N_("status gewijzigd"),
    Actie.intrekking: N_("ingetrokken"),
    Correctiereden.typefout: N_("typefout"),
    Correctiereden.nieuwe_informatie: N_("nieuwe informatie"),
    Correctiereden.verkeerd_ingevuld: N_("verkeerd ingevuld"),
    Correctiereden.overig: N_("overig"),
    Statusbeslisser.comensha: N_("CoMensha"),
    Statusbeslisser.openbaar_ministerie: N_("Openbaar Ministerie"),
    Statusbeslisser.rechter: N_("rechter"),
    Statusbeslisser.ind: N_("IND"),
    Statusbeslisser.politie: N_("politie"),
    Statusbeslisser.kmar: N_("Koninklijke Marechaussee"),
    Statusbeslisser.arbeidsinspectie: N_("Nederlandse Arbeidsinspectie"),
    Statusbeslisser.overig: N_("andere organisatie"),
    Intrekkingsreden.dubbel: N_("dubbele melding"),
    Intrekkingsreden.ten_onrechte: N_("ten onrechte gemeld"),
    Intrekkingsreden.op_verzoek_melder: N_("op verzoek van de melder"),
}

#: The statuses CoMensha can decide, and the ones a decision needs a decider and date for.
BESLUITSTATUSSEN = ("mogelijk", "vastgesteld", "geen")
