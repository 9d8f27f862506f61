# SPDX-License-Identifier: EUPL-1.2
"""The counts ledger (tellingarchief): deleted meldingen at the grain the statistics count them.

When meldingen pass their retention period (``ZICHT_BEWAAR_MELDING_JAREN``) they are deleted, a person whole
(``zicht.ops.bewaren_meldingen``). Before that, :func:`maak_profielen` condenses each deleted person, or each
unlinked melding, into a *profiel*: per melding only what a published table can tell apart, and
:class:`~zicht.storage.tables.TellingArchief` keeps one row per distinct profile with the number of persons that
had it. :func:`lees_archief` and :func:`archief_vangstrecords` expand the rows again for the extract and for the
capture rows of the iceberg estimate, as anonymous persons and meldingen, so every published table gives the
same figures after a deletion as before (docs/bewaren.md explains the grain and why this is not a declared
source).

What a profile keeps of a melding, and why that is enough:

- ``melddatum``: the quarter (the finest period any table has), as its first day plus the melding's rank among
  the person's distinct dates in that quarter, so the order of the person's meldingen (which decides their
  area and single-valued categories) is the same as before and no real date is kept;
- ``aangemaakt``: the ``tot`` of the first publicatie that counted the melding (or the moment of deletion when
  none did yet), so every publicatie, past or future, counts exactly the meldingen it counted;
- the coded values the extract and the capture rows read (every raw column of
  :data:`zicht.analysis.extract.MELDING_KOLOMMEN` under its own name: status, plaats delict kind and gemeente,
  kind and region of the reporter, gender, dossier type and each further coded field declared for the extract),
  the age band instead of the age, and the forms with sectors, methods and nationalities.

The meldingen of a profile are listed in the person's order (date, then id, as the extract breaks ties). No id,
reference, organisation, birth year, route or identity is kept, and expanded rows get new, meaningless ids.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from zicht.analysis.bronnen import stand_tekst, verbind
from zicht.storage.tables import (
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingWerkwijze,
    Publicatie,
    TellingArchief,
)

#: Version of the profile format (part of every profile, so a later format never merges with this one).
VERSIE = 1
#: A representative age per age band of the extract (``zicht.analysis.extract``: <18, 18-22, 23+).
LEEFTIJD_VAN_KLASSE: dict[str, int] = {"minderjarig": 17, "18-22": 22, "23+": 23}
_PREFIX = "archief"
_BLOK = 900  # ids per IN list


def leeftijdsklasse(leeftijd: int | None) -> str | None:
    """The extract's age band of an age (None when unknown)."""
    if leeftijd is None:
        return None
    return "minderjarig" if leeftijd < 18 else "18-22" if leeftijd <= 22 else "23+"


def _kwartaalbegin(dag: date) -> date:
    return date(dag.year, 3 * ((dag.month - 1) // 3) + 1, 1)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Profiel:
    """One deleted person (or unlinked melding) as the ledger keeps it."""

    tekst: str  # canonical JSON
    meldingen: int
    eerste_jaar: int
    laatste_jaar: int

    @property
    def hash(self) -> str:
        """The SHA-256 of the canonical text (the ledger's key)."""
        return hashlib.sha256(self.tekst.encode()).hexdigest()


def _blokken(ids: Sequence[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for i in range(0, len(ids), _BLOK):
        yield list(ids[i : i + _BLOK])


def _lijsten(conn: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, list[Any]]]:
    uit: dict[uuid.UUID, dict[str, list[Any]]] = defaultdict(lambda: {"u": [], "w": [], "n": []})
    for blok in _blokken(ids):
        for mid, vorm, sector in conn.execute(
            select(MeldingUitbuiting.melding_id, MeldingUitbuiting.vorm, MeldingUitbuiting.sector).where(
                MeldingUitbuiting.melding_id.in_(blok)
            )
        ):
            uit[mid]["u"].append([vorm, sector])
        for mid, werkwijze in conn.execute(
            select(MeldingWerkwijze.melding_id, MeldingWerkwijze.werkwijze).where(MeldingWerkwijze.melding_id.in_(blok))
        ):
            uit[mid]["w"].append(werkwijze)
        for mid, land in conn.execute(
            select(MeldingNationaliteit.melding_id, MeldingNationaliteit.land).where(
                MeldingNationaliteit.melding_id.in_(blok)
            )
        ):
            uit[mid]["n"].append(land)
    return uit


def _gecodeerd() -> tuple[str, ...]:
    """The raw melding columns a profile keeps as they are (the extract's, but for ids, date and age)."""
    from zicht.analysis.extract import MELDING_KOLOMMEN  # the extract imports this module

    return tuple(k for k in MELDING_KOLOMMEN if k not in ("id", "persoon_id", "melddatum", "leeftijd_bij_melding"))


def maak_profielen(
    conn: Connection, eenheden: Sequence[tuple[bool, Sequence[uuid.UUID]]], nu: datetime
) -> list[Profiel | None]:
    """The profile of each unit: ``(linked, melding ids)`` of one person, or ``(False, [id])`` of an unlinked
    melding. Withdrawn meldingen count nowhere and are left out; a unit of withdrawn meldingen only gives None.

    Args:
        conn: The registry (the caller's transaction).
        eenheden: The units about to be deleted.
        nu: The moment of deletion (stands in for the publicatie of meldingen no publicatie counted yet).
    """
    alle = [m for _, ids in eenheden for m in ids]
    gecodeerd = _gecodeerd()
    c = Melding.__table__.c
    kolommen = (c.id, c.melddatum, c.aangemaakt_op, c.leeftijd_bij_melding, *(c[k] for k in gecodeerd))
    rijen: dict[uuid.UUID, Any] = {}
    for blok in _blokken(alle):
        for r in conn.execute(select(*kolommen).where(Melding.id.in_(blok), Melding.ingetrokken_op.is_(None))):
            rijen[r.id] = r
    lijsten = _lijsten(conn, list(rijen))
    momenten = sorted(_utc(t) for t in conn.execute(select(Publicatie.tot)).scalars())
    uit: list[Profiel | None] = []
    for gekoppeld, ids in eenheden:
        eigen = sorted((rijen[m] for m in ids if m in rijen), key=lambda r: (r.melddatum, str(r.id)))
        if not eigen:
            uit.append(None)
            continue
        rang: dict[date, int] = {}
        for kwartaal in sorted({_kwartaalbegin(r.melddatum) for r in eigen}):
            dagen = sorted({r.melddatum for r in eigen if _kwartaalbegin(r.melddatum) == kwartaal})
            rang.update({d: i for i, d in enumerate(dagen)})
        meldingen = []
        for r in eigen:
            i = bisect.bisect_left(momenten, _utc(r.aangemaakt_op))
            aangemaakt = momenten[i] if i < len(momenten) else _utc(nu)
            lijst = lijsten.get(r.id, {"u": [], "w": [], "n": []})
            meldingen.append(
                {
                    **{k: r._mapping[k] for k in gecodeerd},
                    "melddatum": (_kwartaalbegin(r.melddatum) + timedelta(days=rang[r.melddatum])).isoformat(),
                    "aangemaakt": aangemaakt.isoformat(),
                    "leeftijdsklasse": leeftijdsklasse(r.leeftijd_bij_melding),
                    "uitbuiting": sorted(lijst["u"]),
                    "werkwijze": sorted(lijst["w"]),
                    "nationaliteit": sorted(lijst["n"]),
                }
            )
        tekst = json.dumps({"versie": VERSIE, "gekoppeld": gekoppeld, "meldingen": meldingen}, sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)  # fmt: skip
        jaren = [r.melddatum.year for r in eigen]
        uit.append(Profiel(tekst, len(eigen), min(jaren), max(jaren)))
    return uit


# ---- reading the ledger back --------------------------------------------------------------------------------


@dataclass
class Archiefrijen:
    """The ledger expanded into raw rows shaped like ``zicht.analysis.extract.lees_register``'s (melding rows in the
    order of :data:`~zicht.analysis.extract.MELDING_KOLOMMEN`)."""

    melding: list[tuple[Any, ...]] = field(default_factory=list)
    uitbuiting: list[tuple[str, str, str]] = field(default_factory=list)
    werkwijze: list[tuple[str, str]] = field(default_factory=list)
    nationaliteit: list[tuple[str, str]] = field(default_factory=list)


def _profielen(bind: Engine | Connection) -> list[tuple[int, dict[str, Any], int]]:
    with verbind(bind) as conn:
        rijen = conn.execute(
            select(TellingArchief.id, TellingArchief.profiel, TellingArchief.aantal).order_by(TellingArchief.id)
        ).all()
    return [(int(i), json.loads(p), int(n)) for i, p, n in rijen]


def _eenheden(bind: Engine | Connection, tot: datetime | None) -> Iterable[tuple[str | None, str, dict[str, Any]]]:
    """(person id or None, melding id, melding) of every expanded melding (as of ``tot`` when given)."""
    grens = None if tot is None else _utc(tot)
    for rij, profiel, aantal in _profielen(bind):
        meldingen = [
            (i, m)
            for i, m in enumerate(profiel["meldingen"])
            if grens is None or datetime.fromisoformat(m["aangemaakt"]) <= grens
        ]
        for k in range(aantal):
            persoon = f"{_PREFIX}:{rij:010d}:{k:06d}" if profiel["gekoppeld"] else None
            for i, m in meldingen:
                yield persoon, f"{_PREFIX}:{rij:010d}:{k:06d}:{i:04d}", m


def lees_archief(bind: Engine | Connection, tot: datetime | None = None) -> Archiefrijen:
    """The ledger as raw extract rows: one anonymous person per counted person, one melding per melding of its
    profile (only those a publicatie with ``tot`` counted). Ids are new and sort in the person's order."""
    from zicht.analysis.extract import MELDING_KOLOMMEN  # the extract imports this module

    uit = Archiefrijen()
    for persoon, mid, m in _eenheden(bind, tot):
        klasse = m["leeftijdsklasse"]
        eigen = {"id": mid, "persoon_id": persoon, "melddatum": m["melddatum"],
                 "leeftijd_bij_melding": None if klasse is None else LEEFTIJD_VAN_KLASSE[klasse]}  # fmt: skip
        # a field declared after the deletion is not in the profile: unknown (None becomes ``onbekend``)
        uit.melding.append(tuple(eigen[k] if k in eigen else m.get(k) for k in MELDING_KOLOMMEN))
        uit.uitbuiting.extend((mid, vorm, sector) for vorm, sector in m["uitbuiting"])
        uit.werkwijze.extend((mid, w) for w in m["werkwijze"])
        uit.nationaliteit.extend((mid, land) for land in m["nationaliteit"])
    return uit


def archief_vangstrecords(bind: Engine | Connection) -> list[tuple[Any, ...]]:
    """The ledger as the registry records of :func:`zicht.analysis.iceberg.rijen.rijen_uit_register`: (id,
    person, organisation None, reference None, melder_soort, melddatum, plaats delict kind, gemeente, vorm), one
    per form (vorm None without one), meldingen with status ``geen`` left out as there."""
    uit: list[tuple[Any, ...]] = []
    for persoon, mid, m in _eenheden(bind, None):
        if m["status"] == "geen":
            continue
        dag = date.fromisoformat(m["melddatum"])
        vormen = sorted({vorm for vorm, _ in m["uitbuiting"]}) or [None]
        uit.extend(
            (mid, persoon, None, None, m["melder_soort"], dag, m["plaats_delict_soort"], m["plaats_delict_gemeente"],
             vorm)
            for vorm in vormen
        )  # fmt: skip
    return uit


def archief_stand(bind: Engine | Connection) -> str:
    """A text that changes whenever the ledger does ('' while it is empty), for the gegevensstand."""
    with verbind(bind) as conn:
        rij = conn.execute(
            select(func.count(), func.coalesce(func.sum(TellingArchief.aantal), 0), func.max(TellingArchief.id),
                   func.max(TellingArchief.bijgewerkt_op))
        ).one()  # fmt: skip
    return "" if not rij[0] else stand_tekst(rij)


__all__ = [
    "LEEFTIJD_VAN_KLASSE",
    "Archiefrijen",
    "Profiel",
    "archief_stand",
    "archief_vangstrecords",
    "leeftijdsklasse",
    "lees_archief",
    "maak_profielen",
]
