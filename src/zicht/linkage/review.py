# SPDX-License-Identifier: EUPL-1.2
"""The review queue and analyst decisions.

Pairs scored between the two thresholds whose meldingen ended up in different persons wait in the queue.
An analyst sees the two meldingen side by side by their *minimised* attributes (melder kind, report date,
gender, birth year, nationalities, place of exploitation, forms of exploitation) and the comparison levels
that drove the score ("voornaam: fonetisch gelijk, +6.1"), never a name. A reviewer with the ``identiteit``
role may reveal the two identities for a stated purpose, which is logged per melding (:func:`reveal`).

A decision (*zelfde* / *verschillend*) is stored, always overrides the model, and takes effect at once: the
persons of the two meldingen are re-clustered from the stored pairs with every active decision as a
constraint, and any merge or split is recorded as an event. :func:`undo` withdraws a decision (the row
stays, with who and when) and re-clusters the same way.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from zicht.domain import Identiteitsgegevens
from zicht.linkage.clusters import cluster
from zicht.linkage.engine import Drempels, TrainedModel
from zicht.linkage.meting import besluiten_per_paar, wachtrij_volgorde
from zicht.linkage.opslag import apply_assignment
from zicht.linkage.persons import assign
from zicht.privacy import logboek
from zicht.privacy.toegang import Toegang
from zicht.privacy.vault import Vault
from zicht.storage.base import utcnow
from zicht.storage.tables import (
    KoppelBeoordeling,
    KoppelBesluit,
    KoppelPaar,
    KoppelRun,
    KoppelStrijdig,
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingWerkwijze,
    Organisatie,
    Persoon,
)

DOEL_BEOORDELEN = "beoordelen van mogelijke koppeling van meldingen"

#: Readable names of the comparisons for the review page.
VERGELIJKINGEN = {
    "voornaam": "Voornaam",
    "achternaam": "Achternaam",
    "geboortedatum": "Geboortedatum",
    "geslacht": "Geslacht",
    "nationaliteit": "Nationaliteit",
    "document": "Documentnummer",
    "telefoon": "Telefoonnummer",
    "naam": "Naam",
    "melddag": "Melddatum",
    "plaats_delict": "Plaats delict",
    "uitbuitingsvorm": "Uitbuitingsvorm en sector",
    "werkwijze": "Werkwijze",
    "melder": "Melder",
}


class BesluitFout(ValueError):
    """A decision that cannot be taken: unknown item, item no longer open, or a pair of one melding."""


@dataclass(frozen=True)
class Niveau:
    """One comparison's outcome for a pair: which level, and how much it weighed.

    Attributes:
        vergelijking: comparison name (``voornaam``, ``geboortedatum``, ...).
        label: the level in words (``fonetisch gelijk``), never a value.
        gamma: level number (-1 = unknown on one side).
        match_weight: log2 of the Bayes factor, term-frequency adjustment included.
        bayes_factor: how many times more likely this level is for the same person than for two persons.
    """

    vergelijking: str
    label: str
    gamma: int
    match_weight: float
    bayes_factor: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Niveau:
        """From the JSON stored with a review item."""
        return cls(
            vergelijking=str(data["vergelijking"]),
            label=str(data["label"]),
            gamma=int(data["gamma"]),
            match_weight=float(data["match_weight"]),
            bayes_factor=float(data["bayes_factor"]),
        )


@dataclass(frozen=True)
class MeldingKenmerken:
    """The minimised attributes of one melding shown in review (nothing identifying)."""

    melding_id: uuid.UUID
    melder: str
    melder_soort: str
    melddatum: date
    geslacht: str
    geboortejaar: int | None
    leeftijd_bij_melding: int | None
    nationaliteiten: tuple[str, ...]
    plaats_delict: str
    uitbuitingsvormen: tuple[str, ...]
    persoon_id: uuid.UUID | None
    melder_naam: str = ""
    sectoren: tuple[str, ...] = ()
    werkwijzen: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewItem:
    """A pair waiting for an analyst's decision.

    ``soort`` says why it is there: ``wachtrij`` (the model is unsure) or ``steekproef`` (drawn at random to
    measure the linkage). ``prior`` is the model's prior weight, log2 of λ/(1 − λ) with λ the probability that
    two random meldingen are one person, so prior plus the levels' weights is ``match_weight`` (``None``
    when the run's model is not known).
    """

    id: uuid.UUID
    run_id: uuid.UUID
    match_probability: float
    match_weight: float
    links: MeldingKenmerken
    rechts: MeldingKenmerken
    niveaus: tuple[Niveau, ...]
    status: str
    aangemaakt_op: datetime
    soort: str = "wachtrij"
    prior: float | None = None


def niveaus_van(model: TrainedModel, row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per comparison: level label and weight, from a scored pair row (``gamma_*``, ``mw_*`` columns)."""
    labels = model.level_labels()
    out: list[dict[str, Any]] = []
    for name, levels in labels.items():
        gamma_value = row.get(f"gamma_{name}")
        if gamma_value is None:
            continue
        gamma = int(gamma_value)
        weight = float(row.get(f"mw_{name}") or 0.0) + float(row.get(f"mw_tf_adj_{name}") or 0.0)
        out.append(
            {
                "vergelijking": name,
                "label": levels.get(gamma, str(gamma)),
                "gamma": gamma,
                "match_weight": round(weight, 3),
                "bayes_factor": float(2.0**weight),
            }
        )
    return out


# ---- reading the queue ---------------------------------------------------------------------------------


def review_count(session: Session) -> int:
    """Number of open review items."""
    return int(session.scalar(select(func.count()).where(KoppelBeoordeling.status == "open")) or 0)


def review_queue(session: Session, limit: int = 50, offset: int = 0) -> list[ReviewItem]:
    """Open review items, the one whose decision teaches most first (:func:`zicht.linkage.meting.
    wachtrij_volgorde`; without an audit: highest probability first), with both meldingen's attributes."""
    open_items = [
        (item_id, p)
        for item_id, p in session.execute(
            select(KoppelBeoordeling.id, KoppelBeoordeling.match_probability).where(KoppelBeoordeling.status == "open")
        )
    ]
    ids = wachtrij_volgorde(session, open_items)[offset : offset + limit]
    found = {item.id: item for item in session.scalars(select(KoppelBeoordeling).where(KoppelBeoordeling.id.in_(ids)))}
    return _with_attributes(session, [found[i] for i in ids if i in found])


def review_item(session: Session, item_id: uuid.UUID) -> ReviewItem | None:
    """One review item (any status), or None."""
    item = session.get(KoppelBeoordeling, item_id)
    return _with_attributes(session, [item])[0] if item is not None else None


def _with_attributes(session: Session, items: list[KoppelBeoordeling]) -> list[ReviewItem]:
    ids = {m for item in items for m in (item.melding_a, item.melding_b)}
    attrs = kenmerken(session, ids)
    priors = {run_id: prior_gewicht(session, run_id) for run_id in {item.run_id for item in items}}
    return [
        ReviewItem(
            id=item.id,
            run_id=item.run_id,
            match_probability=item.match_probability,
            match_weight=item.match_weight,
            links=attrs[item.melding_a],
            rechts=attrs[item.melding_b],
            niveaus=tuple(Niveau.from_dict(n) for n in item.niveaus),
            status=item.status,
            aangemaakt_op=item.aangemaakt_op,
            soort=item.soort,
            prior=priors[item.run_id],
        )
        for item in items
    ]


def prior_gewicht(session: Session, run_id: uuid.UUID) -> float | None:
    """The prior match weight of a run's model: log2 of λ/(1 − λ), λ the probability that two random
    meldingen are one person (an incremental run uses the model of the full run it names)."""
    run = session.get(KoppelRun, run_id)
    if run is not None and not run.parameters and run.model_van is not None:
        run = session.get(KoppelRun, run.model_van)
    if run is None or not run.parameters:
        return None
    lam = run.parameters.get("splink", {}).get("probability_two_random_records_match")
    if lam is None or not 0.0 < float(lam) < 1.0:
        return None
    return math.log2(float(lam) / (1.0 - float(lam)))


def kenmerken(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, MeldingKenmerken]:
    """Minimised attributes of meldingen by id."""
    if not ids:
        return {}
    rows = session.execute(
        select(Melding, Organisatie.code, Organisatie.naam)
        .join(Organisatie, Organisatie.id == Melding.organisatie_id)
        .where(Melding.id.in_(ids))
    )
    nats: dict[uuid.UUID, list[str]] = {}
    for mid, land in session.execute(
        select(MeldingNationaliteit.melding_id, MeldingNationaliteit.land)
        .where(MeldingNationaliteit.melding_id.in_(ids))
        .order_by(MeldingNationaliteit.volgorde)
    ):
        nats.setdefault(mid, []).append(land)
    vormen: dict[uuid.UUID, list[str]] = {}
    sectoren: dict[uuid.UUID, list[str]] = {}
    for mid, vorm, sector in session.execute(
        select(MeldingUitbuiting.melding_id, MeldingUitbuiting.vorm, MeldingUitbuiting.sector).where(
            MeldingUitbuiting.melding_id.in_(ids)
        )
    ):
        if vorm not in vormen.setdefault(mid, []):
            vormen[mid].append(vorm)
        if sector != "onbekend" and sector not in sectoren.setdefault(mid, []):
            sectoren[mid].append(sector)
    werkwijzen: dict[uuid.UUID, list[str]] = {}
    for mid, werkwijze in session.execute(
        select(MeldingWerkwijze.melding_id, MeldingWerkwijze.werkwijze).where(MeldingWerkwijze.melding_id.in_(ids))
    ):
        werkwijzen.setdefault(mid, []).append(werkwijze)
    out: dict[uuid.UUID, MeldingKenmerken] = {}
    for melding, code, naam in rows:
        plaats = melding.plaats_delict_gemeente or melding.plaats_delict_land or "onbekend"
        out[melding.id] = MeldingKenmerken(
            melding_id=melding.id,
            melder=code,
            melder_soort=melding.melder_soort,
            melddatum=melding.melddatum,
            geslacht=melding.geslacht,
            geboortejaar=melding.geboortejaar,
            leeftijd_bij_melding=melding.leeftijd_bij_melding,
            nationaliteiten=tuple(nats.get(melding.id, [])),
            plaats_delict=plaats,
            uitbuitingsvormen=tuple(sorted(vormen.get(melding.id, []))),
            persoon_id=melding.persoon_id,
            melder_naam=naam,
            sectoren=tuple(sorted(sectoren.get(melding.id, []))),
            werkwijzen=tuple(sorted(werkwijzen.get(melding.id, []))),
        )
    return out


# ---- decisions ---------------------------------------------------------------------------------------------


def actieve_besluiten(session: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Active decisions as (zelfde, verschillend) lists of melding-id pairs (text). The latest decision per
    pair wins."""
    latest = besluiten_per_paar(session)
    zelfde = [p for p, o in latest.items() if o == "zelfde"]
    verschillend = [p for p, o in latest.items() if o == "verschillend"]
    return zelfde, verschillend


def decide(session: Session, actor: logboek.Actor, item_id: uuid.UUID, same: bool) -> uuid.UUID:
    """Decide an open review item: the two meldingen are (``same``) or are not one person.

    Returns:
        The decision id (for :func:`undo`).

    Raises:
        BesluitFout: the item does not exist or is no longer open.
    """
    item = session.get(KoppelBeoordeling, item_id)
    if item is None or item.status != "open":
        raise BesluitFout("dit paar staat niet (meer) open / this pair is not (or no longer) open")
    besluit_id = decide_pair(session, actor, item.melding_a, item.melding_b, same, beoordeling_id=item.id)
    item.status = "besloten"
    session.flush()
    return besluit_id


def decide_pair(
    session: Session,
    actor: logboek.Actor,
    melding_a: uuid.UUID,
    melding_b: uuid.UUID,
    same: bool,
    *,
    beoordeling_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record a decision on any two meldingen and apply it at once (re-cluster their persons)."""
    if melding_a == melding_b:
        raise BesluitFout("twee verschillende meldingen nodig / two different meldingen needed")
    a, b = sorted((melding_a, melding_b), key=str)
    besluit = KoppelBesluit(
        melding_a=a,
        melding_b=b,
        oordeel="zelfde" if same else "verschillend",
        beoordeling_id=beoordeling_id,
        genomen_door=actor.id,
        rol=actor.rol,
        genomen_op=utcnow(),
    )
    session.add(besluit)
    session.flush()
    changed = _herclusteren(session, {a, b}, oorzaak="besluit", besluit_id=besluit.id)
    _close_items_for_pair(session, a, b)
    logboek.append(
        session, actor, actie="koppelen", object_type="melding", object_ids=[str(a), str(b)],
        persoon_ids=_persons_of(session, [a, b]), doel=DOEL_BEOORDELEN,
        details={"besluit_id": str(besluit.id), "oordeel": besluit.oordeel, "gewijzigd": len(changed)},
    )  # fmt: skip
    return besluit.id


def undo(session: Session, actor: logboek.Actor, decision_id: uuid.UUID) -> None:
    """Withdraw a decision: it stays stored with who withdrew it and when; persons are re-clustered.

    Raises:
        BesluitFout: unknown or already withdrawn decision.
    """
    besluit = session.get(KoppelBesluit, decision_id)
    if besluit is None or besluit.ingetrokken_op is not None:
        raise BesluitFout("onbekend of al ingetrokken besluit / unknown or already withdrawn decision")
    besluit.ingetrokken_op = utcnow()
    besluit.ingetrokken_door = actor.id
    session.flush()
    changed = _herclusteren(session, {besluit.melding_a, besluit.melding_b}, oorzaak="ongedaan", besluit_id=besluit.id)
    if besluit.beoordeling_id is not None:
        item = session.get(KoppelBeoordeling, besluit.beoordeling_id)
        if item is not None and item.status == "besloten":
            item.status = "open"
    logboek.append(
        session, actor, actie="koppelen", object_type="melding",
        object_ids=[str(besluit.melding_a), str(besluit.melding_b)],
        persoon_ids=_persons_of(session, [besluit.melding_a, besluit.melding_b]), doel=DOEL_BEOORDELEN,
        details={"besluit_id": str(besluit.id), "ingetrokken": True, "gewijzigd": len(changed)},
    )  # fmt: skip
    session.flush()


def _persons_of(session: Session, ids: list[uuid.UUID]) -> list[str | None]:
    found = {m: p for m, p in session.execute(select(Melding.id, Melding.persoon_id).where(Melding.id.in_(ids)))}
    return [str(found[i]) if found.get(i) else None for i in ids]


def _close_items_for_pair(session: Session, a: uuid.UUID, b: uuid.UUID) -> None:
    for item in session.scalars(
        select(KoppelBeoordeling).where(
            KoppelBeoordeling.status == "open",
            or_(
                (KoppelBeoordeling.melding_a == a) & (KoppelBeoordeling.melding_b == b),
                (KoppelBeoordeling.melding_a == b) & (KoppelBeoordeling.melding_b == a),
            ),
        )
    ):
        item.status = "besloten"


def _threshold(session: Session) -> float:
    run = session.scalars(
        select(KoppelRun).where(KoppelRun.soort == "volledig", KoppelRun.status == "voltooid")
        .order_by(KoppelRun.gestart_op.desc()).limit(1)
    ).first()  # fmt: skip
    return run.drempel_boven if run is not None else Drempels().boven


def _herclusteren(session: Session, seeds: set[uuid.UUID], *, oorzaak: str, besluit_id: uuid.UUID) -> list[str]:
    """Re-cluster the persons of ``seeds`` from stored pairs and active decisions; write the changes."""
    persons = {p for p in session.scalars(select(Melding.persoon_id).where(Melding.id.in_(seeds))) if p is not None}
    members: set[uuid.UUID] = set(seeds)
    if persons:
        members |= set(session.scalars(select(Melding.id).where(Melding.persoon_id.in_(persons))))
    member_text = {str(m) for m in members}
    previous = {
        str(m): str(p)
        for m, p in session.execute(select(Melding.id, Melding.persoon_id).where(Melding.id.in_(members)))
        if p is not None
    }
    edges = [
        (str(a), str(b), p)
        for a, b, p in session.execute(
            select(KoppelPaar.melding_a, KoppelPaar.melding_b, KoppelPaar.match_probability).where(
                KoppelPaar.melding_a.in_(members), KoppelPaar.melding_b.in_(members)
            )
        )
    ]
    zelfde, verschillend = actieve_besluiten(session)
    zelfde = [(a, b) for a, b in zelfde if a in member_text and b in member_text]
    verschillend = [(a, b) for a, b in verschillend if a in member_text and b in member_text]
    strijdig = [
        (str(a), str(b))
        for a, b in session.execute(
            select(KoppelStrijdig.melding_a, KoppelStrijdig.melding_b).where(
                KoppelStrijdig.melding_a.in_(members), KoppelStrijdig.melding_b.in_(members)
            )
        )
    ]
    result = cluster(
        sorted(member_text), edges, _threshold(session), zelfde=zelfde, verschillend=verschillend, strijdig=strijdig
    )
    ages = {
        str(pid): i
        for i, (pid,) in enumerate(session.execute(select(Persoon.id).order_by(Persoon.aangemaakt_op, Persoon.id)))
    }
    toewijzing = assign(result.labels, previous, age=ages)
    return apply_assignment(session, toewijzing, oorzaak=oorzaak, besluit_id=besluit_id, previous=previous)


# ---- revealing names (identiteit role only) ----------------------------------------------------------------


def reveal(
    session: Session, vault: Vault, toegang: Toegang, item_id: uuid.UUID, doel: str
) -> tuple[Identiteitsgegevens | None, Identiteitsgegevens | None]:
    """The identities of both meldingen of a review item, for a stated purpose (logged per melding).

    Raises:
        GeenToegang: the caller lacks the ``identiteit_onthullen`` right (analysts without it see no names).
        DoelOntbreekt: no usable purpose.
        BesluitFout: unknown item.
    """
    from zicht.privacy.onthulling import onthul_identiteit

    item = session.get(KoppelBeoordeling, item_id)
    if item is None:
        raise BesluitFout("onbekend paar / unknown pair")
    trace = uuid.uuid4().hex
    links = onthul_identiteit(session, vault, toegang, item.melding_a, doel, trace_id=trace)
    rechts = onthul_identiteit(session, vault, toegang, item.melding_b, doel, trace_id=trace)
    return links, rechts
