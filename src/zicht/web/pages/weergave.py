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
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import Referentiedata
from zicht.storage.tables import Melding


@dataclass(frozen=True)
class MeldingWeergave:
    """The fields of a melding as text, ready for a template."""

    id: uuid.UUID
    referentie: str | None
    melddatum: date
    vormen: str
    sectoren: str
    werkwijzen: str
    plaats_delict: str
    wervingsplaats: str
    periode: str
    geslacht: str
    geboortejaar: str
    leeftijd: str
    leeftijdsklasse: str
    nationaliteiten: str
    dossiertype: str
    status: str
    grondslag: str
    toestemming: str
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
    return "unknown" if taal == "en" else "onbekend"


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
        vormen=", ".join(_label("uitbuitingsvorm", v, taal) for v in sorted({u.vorm for u in m.uitbuitingen})) or "–",
        plaats_delict=plaats_tekst(reference, m.plaats_delict_gemeente, m.plaats_delict_land, taal),
        melder_soort=_label("melder_soort", m.melder_soort, taal),
        geslacht=_label("geslacht", m.geslacht, taal),
        leeftijdsklasse=leeftijdsklasse(m.leeftijd_bij_melding),
        bron=m.bron,
        persoon_id=m.persoon_id if toegang.mag(Recht.melding_landelijk) else None,
        status=_label("status", m.status, taal),
        ingetrokken=m.ingetrokken_op is not None,
    )


def melding_weergave(m: Melding, toegang: Toegang, reference: Referentiedata, taal: str) -> MeldingWeergave:
    """The view of one melding for ``toegang``."""
    vormen = sorted({u.vorm for u in m.uitbuitingen})
    sectoren = sorted({u.sector for u in m.uitbuitingen if u.sector != "onbekend"})
    van, tot = m.uitbuiting_van, m.uitbuiting_tot
    return MeldingWeergave(
        id=m.id,
        referentie=m.melder_referentie if toegang.is_eigen_organisatie(m.organisatie_id) else None,
        melddatum=m.melddatum,
        vormen=", ".join(_label("uitbuitingsvorm", v, taal) for v in vormen) or "–",
        sectoren=", ".join(_label("sector", s, taal) for s in sectoren) or "–",
        werkwijzen=", ".join(_label("werkwijze", w.werkwijze, taal) for w in m.werkwijzen)
        or _label("werkwijze", "onbekend", taal),
        plaats_delict=plaats_tekst(reference, m.plaats_delict_gemeente, m.plaats_delict_land, taal),
        wervingsplaats=plaats_tekst(reference, m.wervingsplaats_gemeente, m.wervingsplaats_land, taal),
        periode=f"{van.isoformat() if van else '…'} – {tot.isoformat() if tot else '…'}" if van or tot else "–",
        geslacht=_label("geslacht", m.geslacht, taal),
        geboortejaar=str(m.geboortejaar) if m.geboortejaar else "–",
        leeftijd=str(m.leeftijd_bij_melding) if m.leeftijd_bij_melding is not None else "–",
        leeftijdsklasse=leeftijdsklasse(m.leeftijd_bij_melding),
        nationaliteiten=", ".join(_label("land", n.land, taal) for n in m.nationaliteiten)
        or _label("land", "onbekend", taal),
        dossiertype=_label("dossiertype", m.dossiertype, taal),
        status=_label("status", m.status, taal),
        grondslag=_label("grondslag", m.grondslag, taal),
        toestemming=_label("toestemming", m.toestemming, taal),
        melder_soort=_label("melder_soort", m.melder_soort, taal),
        bron=m.bron,
        persoon_id=m.persoon_id if toegang.mag(Recht.melding_landelijk) else None,
        aangemaakt_op=m.aangemaakt_op,
        versie=m.versie,
        besluit=(
            f"{Statusbeslisser(m.status_beslisser).label(taal)}, {m.status_datum.isoformat() if m.status_datum else '–'}"
            if m.status_beslisser
            else None
        ),
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
