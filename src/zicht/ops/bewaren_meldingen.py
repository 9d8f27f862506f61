# SPDX-License-Identifier: EUPL-1.2
"""Retention of meldingen: delete the meldingen of persons past ``bewaar_melding_jaren`` from every table, after
writing their counts to the ledger (``telling_archief``), so published figures stay the same.

The rule (docs/bewaren.md): a melding expires ``bewaar_melding_jaren`` after its melddatum, but a person is only
deleted whole, when *every* melding of the person (withdrawn ones included, merged persons counted with the
person they went into) has expired and no placement request of the person is still open or was closed within
the term. An unlinked melding is a person of its own.

What is removed is found from the ORM metadata, not from a list: every row of every table with a foreign key to a
deleted melding or person, and onwards (a review item's decision, a request's events). A foreign key declared
``ON DELETE CASCADE`` or ``NOT NULL`` means the row belongs to what is deleted and goes too; any other (nullable)
reference from a row that stays is set to NULL. Two references without a foreign key are cleared by hand:
``melding.dubbel_van`` of a kept duplicate, and the person ids in ``koppel_gebeurtenis.van``/``naar`` (replaced
by ``verwijderd``; an event left about nobody goes). The logboek keeps its records (it has its own retention,
``zicht.privacy.logboek_bewaren``) and the ledger holds no id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Column, Table, delete, func, or_, select, text, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from zicht.analysis.archief import Profiel, maak_profielen
from zicht.privacy.vault import vernietig_identiteiten
from zicht.storage.base import Base, utcnow
from zicht.storage.tables import KoppelGebeurtenis, Melding, OpvangAanvraag, Persoon, TellingArchief

#: Tables whose rows stay whatever they refer to: the logboek (chained; own retention) and the ledger itself.
NIET_AANRAKEN = frozenset({"logboek", "telling_archief"})
#: What a deleted person's id becomes in the linkage history of persons that stay.
VERWIJDERD = "verwijderd"
_BLOK = 900
_SLOT_PG = 4242002  # serialises purges on PostgreSQL (the logboek uses 4242001)


@dataclass(frozen=True)
class Verwijdereenheid:
    """What is deleted as one: a person (with the persons merged into it) and its meldingen, or one unlinked
    melding (``persoon`` None)."""

    persoon: uuid.UUID | None
    personen: tuple[uuid.UUID, ...]
    meldingen: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class Verwijdering:
    """What one batch removed."""

    meldingen: int
    personen: int
    profielen: int  # units written to the ledger (withdrawn-only units count nowhere)
    rijen: dict[str, int]  # rows deleted per table (melding and persoon included)
    identiteiten: int


def _blokken(waarden: Sequence[object]) -> Iterable[list[object]]:
    for i in range(0, len(waarden), _BLOK):
        yield list(waarden[i : i + _BLOK])


def alle_samengevoegd(session: Session, personen: Iterable[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each person with every person merged into it, directly or through others."""
    uit = {p: {p} for p in personen}
    eigenaar = {p: p for p in uit}
    rand = list(uit)
    while rand:
        volgende = []
        for blok in _blokken(rand):
            for pid, doel in session.execute(
                select(Persoon.id, Persoon.opgegaan_in).where(Persoon.opgegaan_in.in_(blok))
            ):
                assert doel is not None
                if pid not in eigenaar:
                    eigenaar[pid] = eigenaar[doel]
                    uit[eigenaar[doel]].add(pid)
                    volgende.append(pid)
        rand = volgende
    return uit


def verlopen_eenheden(session: Session, grens: date, *, na: uuid.UUID | None = None, limiet: int = 200) -> tuple[
    list[Verwijdereenheid], uuid.UUID | None
]:  # fmt: skip
    """Up to ``limiet`` expired persons after ``na`` (keyset order) and the last person looked at; ``(…, None)``
    when none remain. Persons held back by a placement request are skipped, not returned."""
    p = aliased(Persoon)
    persoon = func.coalesce(p.opgegaan_in, Melding.persoon_id)
    stmt = (
        select(persoon)
        .select_from(Melding)
        .outerjoin(p, p.id == Melding.persoon_id)
        .where(Melding.persoon_id.is_not(None))
        .group_by(persoon)
        .having(func.max(Melding.melddatum) < grens)
        .order_by(persoon)
        .limit(limiet)
    )
    if na is not None:
        stmt = stmt.where(persoon > na)
    kandidaten = list(session.scalars(stmt))
    if not kandidaten:
        return [], None
    groepen = alle_samengevoegd(session, kandidaten)
    alle = [q for g in groepen.values() for q in g]
    grens_moment = datetime.combine(grens, datetime.min.time(), UTC)
    vast: set[uuid.UUID] = set()
    for blok in _blokken(alle):
        vast.update(
            session.scalars(
                select(OpvangAanvraag.persoon_id).where(
                    OpvangAanvraag.persoon_id.in_(blok),
                    or_(OpvangAanvraag.afgesloten_op.is_(None), OpvangAanvraag.afgesloten_op >= grens_moment,
                        OpvangAanvraag.aangevraagd_op >= grens_moment),
                )
            )
        )  # fmt: skip
    meldingen: dict[uuid.UUID, list[uuid.UUID]] = {}
    van = {q: k for k, g in groepen.items() for q in g}
    for blok in _blokken(alle):
        for mid, pid in session.execute(select(Melding.id, Melding.persoon_id).where(Melding.persoon_id.in_(blok))):
            if pid is not None:
                meldingen.setdefault(van[pid], []).append(mid)
    eenheden = [
        Verwijdereenheid(k, tuple(sorted(g)), tuple(sorted(meldingen.get(k, []))))
        for k, g in groepen.items()
        if not g & vast
    ]
    return eenheden, kandidaten[-1]


def verlopen_losse_meldingen(session: Session, grens: date, limiet: int = 500) -> list[Verwijdereenheid]:
    """Up to ``limiet`` expired meldingen not linked to a person."""
    ids = session.scalars(
        select(Melding.id)
        .where(Melding.persoon_id.is_(None), Melding.melddatum < grens)
        .order_by(Melding.id)
        .limit(limiet)
    )
    return [Verwijdereenheid(None, (), (m,)) for m in ids]


def _schrijf_archief(session: Session, eenheden: Sequence[Verwijdereenheid], nu: datetime) -> int:
    """Add the units' profiles to the ledger (one row per distinct profile, its count raised)."""
    conn = session.connection()
    profielen = maak_profielen(conn, [(e.persoon is not None, e.meldingen) for e in eenheden], nu)
    per_hash: dict[str, tuple[Profiel, int]] = {}
    for profiel in profielen:
        if profiel is not None:
            per_hash[profiel.hash] = (profiel, per_hash.get(profiel.hash, (profiel, 0))[1] + 1)
    for h, (profiel, n) in sorted(per_hash.items()):
        rij = session.scalars(select(TellingArchief).where(TellingArchief.profiel_hash == h).with_for_update()).first()
        if rij is not None:
            rij.aantal += n
            rij.bijgewerkt_op = nu
        else:
            session.add(
                TellingArchief(profiel_hash=h, profiel=profiel.tekst, aantal=n, meldingen=profiel.meldingen,
                               eerste_jaar=profiel.eerste_jaar, laatste_jaar=profiel.laatste_jaar, aangemaakt_op=nu,
                               bijgewerkt_op=nu)
            )  # fmt: skip
    session.flush()
    return sum(n for _, n in per_hash.values())


def _rijen_te_wissen(session: Session, start: dict[str, set[object]]) -> tuple[
    dict[str, list[tuple[Column[object], set[object]]]], list[tuple[Column[object], set[object]]]
]:  # fmt: skip
    """Which rows go (per table: column-in-values conditions, any of which selects a row) and which references
    from rows that stay become NULL, following the foreign keys of the ORM metadata to a fixpoint."""
    tabellen = Base.metadata.tables
    wis: dict[str, list[tuple[Column[object], set[object]]]] = {
        naam: [(next(iter(tabellen[naam].primary_key.columns)), set(waarden))] for naam, waarden in start.items()
    }
    nul: dict[tuple[str, str], tuple[Column[object], set[object]]] = {}

    def waarden_van(tabel: Table, kolom: Column[object]) -> set[object]:
        voorwaarden = wis.get(tabel.name, [])
        uit: set[object] = set()
        for c, vs in voorwaarden:
            if c is kolom:
                uit |= vs
                continue
            for blok in _blokken(sorted(vs, key=str)):
                uit.update(session.scalars(select(kolom).where(c.in_(blok))))
        return uit

    veranderd = True
    while veranderd:
        veranderd = False
        for tabel in Base.metadata.sorted_tables:
            if tabel.name in NIET_AANRAKEN:
                continue
            for fk in tabel.foreign_keys:
                doel = fk.column.table
                if doel.name not in wis:
                    continue
                waarden = waarden_van(doel, fk.column)
                if not waarden:
                    continue
                kolom: Column[object] = fk.parent
                hoort_erbij = fk.ondelete == "CASCADE" or not kolom.nullable
                if hoort_erbij and doel is not tabel:
                    lijst = wis.setdefault(tabel.name, [])
                    bestaand = next((vs for c, vs in lijst if c is kolom), None)
                    if bestaand is None:
                        lijst.append((kolom, set(waarden)))
                        veranderd = True
                    elif not waarden <= bestaand:
                        bestaand |= waarden
                        veranderd = True
                else:
                    nul[(tabel.name, kolom.name)] = (kolom, waarden)
    return wis, list(nul.values())


def _in(kolom: Column[object], waarden: set[object]) -> ColumnElement[bool]:
    """``kolom IN waarden``, in blocks of at most _BLOK values (``waarden`` not empty)."""
    return or_(*(kolom.in_(b) for b in _blokken(sorted(waarden, key=str))))


def _gebeurtenissen(session: Session, personen: set[uuid.UUID]) -> int:
    """Replace deleted persons' ids in the linkage history; drop events left about nobody."""
    weg = {str(p) for p in personen}
    gewijzigd = 0
    for g in session.scalars(select(KoppelGebeurtenis)):
        if not (weg & set(g.van) or weg & set(g.naar)):
            continue
        van = [VERWIJDERD if x in weg else x for x in g.van]
        naar = [VERWIJDERD if x in weg else x for x in g.naar]
        if all(x == VERWIJDERD for x in (*van, *naar)):
            session.delete(g)
        else:
            g.van, g.naar = van, naar
        gewijzigd += 1
    return gewijzigd


def verwijder_eenheden(session: Session, eenheden: Sequence[Verwijdereenheid]) -> Verwijdering:
    """Write the units' counts to the ledger and delete them from every table, in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SELECT pg_advisory_xact_lock({_SLOT_PG})"))
    elif session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))  # freed pages are zeroed, so no backup holds them
    nu = utcnow()
    meldingen = {m for e in eenheden for m in e.meldingen}
    personen = {p for e in eenheden for p in e.personen}
    profielen = _schrijf_archief(session, eenheden, nu)
    identiteiten = vernietig_identiteiten(session, sorted(meldingen, key=str))
    start: dict[str, set[object]] = {"melding": set(meldingen)}
    if personen:
        start["persoon"] = set(personen)
    wis, nul = _rijen_te_wissen(session, start)
    rijen: dict[str, int] = {}
    for kolom, waarden in nul:  # references from rows that stay (and cycles among those that go)
        session.execute(update(kolom.table).where(_in(kolom, waarden)).values({kolom.name: None}))
    if meldingen:
        dubbel: Column[object] = Melding.__table__.c.dubbel_van  # type: ignore[assignment]
        session.execute(update(Melding).where(_in(dubbel, set(meldingen))).values(dubbel_van=None))
    if personen:
        _gebeurtenissen(session, personen)
        session.flush()
    for tabel in reversed(Base.metadata.sorted_tables):
        voorwaarden = wis.get(tabel.name)
        if not voorwaarden:
            continue
        waar = or_(*(_in(c, vs) for c, vs in voorwaarden if vs))
        aantal = session.execute(delete(tabel).where(waar)).rowcount  # type: ignore[attr-defined]
        if aantal:
            rijen[tabel.name] = int(aantal)
    return Verwijdering(len(meldingen), len([e for e in eenheden if e.persoon]), profielen, rijen, identiteiten)
