# SPDX-License-Identifier: EUPL-1.2
"""Quality indicators of the network per shelter region, from the registry: days from melding to the first
contact by a zorgcoördinator, the share of meldingen with plaats delict and werkwijze filled in, and the share
of placements within 24 hours and within 7 days of the request.

A melding counts in the region of its crime location (unknown or abroad: ``onbekend``); a placement in the
region of its facility. Shares and medians over fewer cases than the disclosure threshold are withheld for
callers who do not see exact statistics.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import Melding, MeldingWerkwijze, NetwerkContact, OpvangAanvraag, OpvangVoorziening
from zicht.taal import N_


@dataclass(frozen=True)
class Indicatoren:
    """One region's indicators as display text (``–`` no cases, the marker when withheld)."""

    regio: str
    naam: str
    meldingen: str
    dagen_tot_contact: str
    plaats_delict_ingevuld: str
    werkwijze_ingevuld: str
    binnen_24_uur: str
    binnen_7_dagen: str


def indicatoren(
    session: Session, regios: Opvangregios, van: date, tot: date, *, exact: bool, drempel: int, marker: str
) -> list[Indicatoren]:
    """Indicators per region over meldingen and requests from ``van`` up to and including ``tot``."""
    m = Melding
    werkwijze = set(
        session.scalars(select(MeldingWerkwijze.melding_id).where(MeldingWerkwijze.werkwijze != "onbekend"))
    )
    contact = dict(session.execute(select(NetwerkContact.melding_id, NetwerkContact.contact_op)).all())
    per: dict[str, list[tuple[bool, bool, float | None]]] = defaultdict(list)
    stmt = select(m.id, m.melddatum, m.plaats_delict_soort, m.plaats_delict_gemeente).where(
        m.melddatum >= van, m.melddatum <= tot
    )
    for mid, melddatum, soort, gm in session.execute(stmt):
        regio = regios.regio_van.get(gm or "", "onbekend")
        c = contact.get(mid)
        per[regio].append((soort != "onbekend", mid in werkwijze, (c - melddatum).days if c else None))
    regio_van = dict(session.execute(select(OpvangVoorziening.id, OpvangVoorziening.regio)).all())
    plaatsing: dict[str, list[float]] = defaultdict(list)
    a = OpvangAanvraag
    for vid, aangevraagd, geplaatst in session.execute(
        select(a.voorziening_id, a.aangevraagd_op, a.geplaatst_op).where(a.geplaatst_op.is_not(None))
    ):
        if geplaatst is not None and vid is not None and van <= geplaatst.date() <= tot:
            plaatsing[regio_van.get(vid, "onbekend")].append((geplaatst - aangevraagd).total_seconds() / 3600)

    def aandeel(teller: int, noemer: int) -> str:
        if noemer == 0:
            return "–"
        return marker if not exact and noemer < drempel else f"{100 * teller / noemer:.0f}%"

    uit = []
    for regio in [*regios.namen, "onbekend"]:
        rij = per.get(regio, [])
        dagen = [d for _, _, d in rij if d is not None]
        uren = plaatsing.get(regio, [])
        mediaan = (
            "–" if not dagen else marker if not exact and len(dagen) < drempel else f"{statistics.median(dagen):.0f}"
        )
        n = len(rij)
        uit.append(Indicatoren(
            regio, regios.naam(regio) if regio != "onbekend" else N_("onbekend of buitenland"),
            str(n) if exact or n >= drempel or n == 0 else marker, mediaan,
            aandeel(sum(p for p, _, _ in rij), n), aandeel(sum(w for _, w, _ in rij), n),
            aandeel(sum(u <= 24 for u in uren), len(uren)), aandeel(sum(u <= 24 * 7 for u in uren), len(uren)),
        ))  # fmt: skip
    return uit
