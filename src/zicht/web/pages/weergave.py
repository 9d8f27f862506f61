# SPDX-License-Identifier: EUPL-1.2
"""How a stored melding is shown on pages: codes as labels in the user's language, places as names.

A pseudonymised view: no identifying data (it is not in the registry rows anyway); the organisation's own
reference only for the organisation itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from zicht.codebook import codelijst
from zicht.domain import leeftijdsklasse
from zicht.domain.levensloop import Intrekkingsreden, Statusbeslisser
from zicht.intake import KOLOMMEN
from zicht.intake.columns import kolom
from zicht.intake.kolom import Kolom, Soort
from zicht.intake.store import plaatskolommen
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import Referentiedata
from zicht.storage.tables import Melding
from zicht.taal import vertaler


@dataclass(frozen=True)
class MeldingWeergave:
    """The fields of a melding as text, ready for a template."""

    id: uuid.UUID
    referentie: str | None
    melddatum: date
    #: Every field the detail page shows, as (label, text) in declaration order (labels translated).
    velden: tuple[tuple[str, str], ...]
    melder_soort: str
    bron: str
    persoon_id: uuid.UUID | None
    aangemaakt_op: datetime
    versie: int = 1
    #: Who decided the status and when (None while no decision is recorded).
    besluit: str | None = None
    #: Why and when the melding was withdrawn (None: it counts).
    ingetrokken: str | None = None
    #: The route: (kind, place, date) per event, in order.
    route: tuple[tuple[str, str, str], ...] = ()


def _label(lijst: str, code: str | None, taal: str) -> str:
    if not code:
        return "–"
    try:
        return codelijst(lijst)[code].label(taal)
    except KeyError:
        return code


def plaats_tekst(reference: Referentiedata, gemeente: str | None, land: str | None, taal: str) -> str:
    """A place as a name: the gemeente's name, the country's name, or 'onbekend'/'unknown'."""
    if gemeente:
        gm = reference.gemeenten.get(gemeente)
        return gm.weergavenaam if gm else gemeente
    if land:
        return _label("land", land, taal)
    _ = vertaler(taal)
    return _("onbekend")


def veld_tekst(m: Melding, k: Kolom, reference: Referentiedata, taal: str) -> str:
    """Field ``k`` of a stored melding as text: codes as labels, places as names, a period on one line."""
    if k.soort is Soort.plaats:
        _, gemeente, land = plaatskolommen(k)
        return plaats_tekst(reference, getattr(m, gemeente), getattr(m, land), taal)
    lijst = k.codelijst or ""
    if isinstance(k.opslag, str):
        waarde = getattr(m, k.kolomnaam)
        if k.soort is Soort.code:
            return _label(lijst, waarde, taal)
        if k.einde is not None:  # the start of a period: shown with its end
            tot = getattr(m, kolom(k.einde).kolomnaam)
            return (
                f"{waarde.isoformat() if waarde else '…'} – {tot.isoformat() if tot else '…'}" if waarde or tot else "–"
            )
        if waarde is None:
            return "–"
        return waarde.isoformat() if isinstance(waarde, date) else str(waarde)
    waarden = [getattr(r, k.kindtabel.kolom) for r in getattr(m, k.kindtabel.relatie)]
    if k.soort is Soort.codes:
        return ", ".join(_label(lijst, w, taal) for w in waarden) or _label(lijst, k.standaard, taal)
    uniek = sorted(set(waarden) - ({"onbekend"} if k.soort is Soort.sector else set()))
    return ", ".join(_label(lijst, w, taal) for w in uniek) or "–"


def _velden(m: Melding, reference: Referentiedata, taal: str, besluit: str | None) -> tuple[tuple[str, str], ...]:
    """(label, text) of every field the detail page shows; the status with CoMensha's decision beside it."""
    _ = vertaler(taal)
    uit = []
    for k in KOLOMMEN:
        if k.detail:
            tekst = veld_tekst(m, k, reference, taal)
            if besluit and k.opslag == Melding.status.key:
                woord = _("besluit")
                tekst = f"{tekst} ({woord}: {besluit})"
            uit.append((_(k.label_detail), tekst))
    return tuple(uit)


@dataclass(frozen=True)
class MeldingRij:
    """A melding as one row of a list (needs only the forms of exploitation loaded)."""

    id: uuid.UUID
    referentie: str | None
    melddatum: date
    vormen: str
    plaats_delict: str
    melder_soort: str
    geslacht: str
    leeftijdsklasse: str
    bron: str
    persoon_id: uuid.UUID | None
    status: str = ""
    ingetrokken: bool = False


def melding_rij(m: Melding, toegang: Toegang, reference: Referentiedata, taal: str) -> MeldingRij:
    """The list view of one melding for ``toegang``."""
    return MeldingRij(
        id=m.id,
        referentie=m.melder_referentie if toegang.is_eigen_organisatie(m.organisatie_id) else None,
        melddatum=m.melddatum,
        vormen=veld_tekst(m, kolom("uitbuitingsvorm"), reference, taal),
        plaats_delict=veld_tekst(m, kolom("plaats_delict"), reference, taal),
        melder_soort=_label("melder_soort", m.melder_soort, taal),
        geslacht=veld_tekst(m, kolom("geslacht"), reference, taal),
        leeftijdsklasse=leeftijdsklasse(m.leeftijd_bij_melding),
        bron=m.bron,
        persoon_id=m.persoon_id if toegang.mag(Recht.melding_landelijk) else None,
        status=veld_tekst(m, kolom("status"), reference, taal),
        ingetrokken=m.ingetrokken_op is not None,
    )


def melding_weergave(m: Melding, toegang: Toegang, reference: Referentiedata, taal: str) -> MeldingWeergave:
    """The view of one melding for ``toegang``."""
    besluit = (
        f"{Statusbeslisser(m.status_beslisser).label(taal)}, {m.status_datum.isoformat() if m.status_datum else '–'}"
        if m.status_beslisser
        else None
    )
    return MeldingWeergave(
        id=m.id,
        referentie=m.melder_referentie if toegang.is_eigen_organisatie(m.organisatie_id) else None,
        melddatum=m.melddatum,
        velden=_velden(m, reference, taal, besluit),
        melder_soort=_label("melder_soort", m.melder_soort, taal),
        bron=m.bron,
        persoon_id=m.persoon_id if toegang.mag(Recht.melding_landelijk) else None,
        aangemaakt_op=m.aangemaakt_op,
        versie=m.versie,
        besluit=besluit,
        ingetrokken=(
            f"{Intrekkingsreden(m.intrekkingsreden).label(taal)}, {m.ingetrokken_op.date().isoformat()}"
            if m.ingetrokken_op and m.intrekkingsreden
            else None
        ),
        route=tuple(
            (
                _label("route_soort", r.soort, taal),
                plaats_tekst(reference, r.gemeentecode, r.land, taal),
                r.datum.isoformat() if r.datum else "–",
            )
            for r in m.route
        ),
    )
