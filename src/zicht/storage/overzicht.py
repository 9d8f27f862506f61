# SPDX-License-Identifier: EUPL-1.2
"""A quick summary of what the registry holds (counts per year, form and region), for the terminal.

This is an operator's view for ``zicht demo`` and ``zicht db status``: it runs inside the trusted boundary and
is not a publication (published statistics go through ``zicht.analysis`` with disclosure control).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import distinct, extract, func, select
from sqlalchemy.orm import Session

from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.storage.tables import Melding, MeldingUitbuiting, Organisatie


@dataclass
class Overzicht:
    """Counts of meldingen: total, persons (linked), per year, per form, per police unit of plaats delict."""

    meldingen: int = 0
    personen: int = 0
    organisaties: int = 0
    per_jaar: dict[int, int] = field(default_factory=dict)
    per_vorm: dict[str, int] = field(default_factory=dict)
    per_eenheid: dict[str, int] = field(default_factory=dict)


def registry_overzicht(session: Session, reference: Referentiedata) -> Overzicht:
    """Count what the registry holds."""
    result = Overzicht()
    result.meldingen = int(session.scalar(select(func.count()).select_from(Melding)) or 0)
    result.personen = int(session.scalar(select(func.count(distinct(Melding.persoon_id)))) or 0)
    result.organisaties = int(session.scalar(select(func.count()).select_from(Organisatie)) or 0)
    jaar = extract("year", Melding.melddatum)
    result.per_jaar = {
        int(j): int(n) for j, n in session.execute(select(jaar, func.count()).group_by(jaar).order_by(jaar))
    }
    result.per_vorm = {
        str(v): int(n)
        for v, n in session.execute(
            select(MeldingUitbuiting.vorm, func.count(distinct(MeldingUitbuiting.melding_id)))
            .group_by(MeldingUitbuiting.vorm)
            .order_by(func.count(distinct(MeldingUitbuiting.melding_id)).desc())
        )
    }
    per_eenheid: Counter[str] = Counter()
    rows = session.execute(
        select(Melding.plaats_delict_soort, Melding.plaats_delict_gemeente, func.count()).group_by(
            Melding.plaats_delict_soort, Melding.plaats_delict_gemeente
        )
    )
    for soort, gemeente, n in rows:
        if soort == "gemeente" and gemeente is not None and gemeente in reference.gemeenten:
            per_eenheid[reference.gemeenten[gemeente].gebied_code(Gebiedsniveau.politie_eenheid)] += int(n)
        else:
            per_eenheid["buitenland" if soort == "buitenland" else "onbekend"] += int(n)
    result.per_eenheid = dict(per_eenheid.most_common())
    return result
