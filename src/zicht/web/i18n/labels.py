# SPDX-License-Identifier: EUPL-1.2
"""Labels of stored words that pages show but the codebook does not list (a melding's source, a logboek action,
an upload's or a pair's status, …): Dutch source text, translated through :mod:`zicht.taal` where shown.

Templates write ``{{ label("bron", m.bron) }}`` (``render`` binds ``label`` to the page language), so a page never
shows the stored word itself; roles go through the one role list (:class:`zicht.domain.rollen.Rol`), codebook
codes through the codebook's own labels. ``tests/unit/test_vertalingen.py`` checks that every stored value of
each kind has a label here and an English translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from zicht.analysis.dimensies import Uitsplitsing, categorie_label
from zicht.domain.rollen import Rol
from zicht.opvang.regels import (
    BESCHERMING_LABELS,
    PROFIEL_LABELS,
    SOORT_LABELS,
    STATUS_LABELS,
    VERLENGINGSREDENEN,
)
from zicht.taal import N_, vertaler

__all__ = ["LABELS", "labeler"]

#: Kind -> stored word -> Dutch label.
LABELS: Mapping[str, Mapping[str, str]] = {
    # how a melding arrived (MeldingVersie / Melding.bron)
    "bron": {"formulier": N_("formulier"), "api": N_("API"), "upload": N_("upload")},
    # logboek actions (zicht.privacy.logboek.ACTIES)
    "actie": {
        "aanmaken": N_("aanmaken"),
        "lezen": N_("lezen"),
        "wijzigen": N_("wijzigen"),
        "exporteren": N_("exporteren"),
        "onthullen": N_("onthullen"),
        "koppelen": N_("koppelen"),
        "verwijderen": N_("verwijderen"),
    },
    # an import job (zicht.registry.uploads.toon_status)
    "uploadstatus": {
        "bezig": N_("bezig"),
        "klaar": N_("klaar"),
        "afgebroken": N_("afgebroken"),
        "onderbroken": N_("onderbroken"),
    },
    # a review pair of the linkage (zicht.linkage.review)
    "paarstatus": {"open": N_("open"), "besloten": N_("besloten"), "vervallen": N_("vervallen")},
    # a signalen cluster (zicht.signalen.wachtrij)
    "clusterstatus": {"open": N_("open"), "afgewezen": N_("afgewezen"), "omgezet": N_("omgezet")},
    # the actor of a logboek record that is no person
    "actor": {"systeem": N_("systeem")},
    # opvang: a placement request's state and profile, a facility's kind, target group and security, a history step
    "opvangstatus": STATUS_LABELS,
    "opvang_geslacht": PROFIEL_LABELS["geslacht"],
    "opvang_eu": PROFIEL_LABELS["eu_status"],
    "opvang_verblijf": PROFIEL_LABELS["verblijfsstatus"],
    "opvang_doelgroep": PROFIEL_LABELS["doelgroep"],
    "voorzieningsoort": SOORT_LABELS,
    "beveiliging": BESCHERMING_LABELS,
    "verlengingsreden": VERLENGINGSREDENEN,
    "opvanghandeling": {
        "aanvraag": N_("aanvraag"),
        "status": N_("besluit"),
        "capaciteit": N_("geen plek vrij"),
        "verlenging": N_("verlenging"),
    },
}


def labeler(taal: str) -> Callable[[str, str | None], str]:
    """``label(soort, code)`` in ``taal``: the label of a stored word, or ``–`` for none. A role (``soort`` "rol")
    comes from the role list, an age band (``leeftijdsklasse``) from the statistics' category labels; an unknown
    word is shown as it is (a test keeps the lists complete)."""
    _ = vertaler(taal)

    def label(soort: str, code: str | None) -> str:
        if not code:
            return "–"
        if soort == "rol" and code in Rol.__members__:
            return Rol(code).label(taal)
        if soort == "leeftijdsklasse":
            return categorie_label(Uitsplitsing.leeftijdsklasse, code, taal)
        labels = LABELS["actor" if soort == "rol" else soort]
        return _(labels.get(code, code))

    return label
