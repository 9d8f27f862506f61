# SPDX-License-Identifier: EUPL-1.2
"""The review queue: what a reviewer of the owning organisation sees and decides.

Every function authorises first: a reviewer sees only clusters of runs of their own organisation, and a
cluster outside that scope behaves as if it does not exist (None). Reading a cluster's ads (raw text) and
every decision append to the logboek; a decision always carries a reason. Converting a cluster opens the
melding form prefilled with what the ads make evident (no automated melding, no personal data in the URL).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from zicht.privacy import logboek
from zicht.privacy.disclosure import DisclosurePolicy, ProtectedTable, Unit, protect_table
from zicht.privacy.toegang import Recht, Toegang
from zicht.signalen.opslag import DOEL
from zicht.storage.tables import SignaalAdvertentie, SignaalBesluit, SignaalCluster, SignaalRun

BESLUITEN = ("afgewezen", "omgezet")


class BesluitFout(ValueError):
    """The decision cannot be taken (no reason, unknown decision, cluster not open)."""


def _filter(toegang: Toegang) -> ColumnElement[bool]:
    if not toegang.mag(Recht.signalen_beoordelen) or toegang.organisatie_id is None:
        return false()
    return SignaalRun.organisatie_id == toegang.organisatie_id


@dataclass(frozen=True)
class Wachtrij:
    """One page of the queue: open clusters by rank, the audit sample, and counts."""

    clusters: list[SignaalCluster]
    steekproef: list[SignaalCluster]
    open: int
    besloten: int


def wachtrij(session: Session, toegang: Toegang, limit: int = 100) -> Wachtrij:
    """The caller's open clusters (best first) and the open audit-sample clusters."""
    basis = select(SignaalCluster).join(SignaalRun).where(_filter(toegang))
    open_ = basis.where(SignaalCluster.status == "open")
    clusters = list(
        session.scalars(
            open_.where(SignaalCluster.soort == "rang")
            .order_by(SignaalRun.gestart_op.desc(), SignaalCluster.rang)
            .limit(limit)
        )
    )
    steekproef = list(
        session.scalars(open_.where(SignaalCluster.soort == "steekproef").order_by(SignaalCluster.rang).limit(limit))
    )
    tel = select(func.count()).select_from(SignaalCluster).join(SignaalRun).where(_filter(toegang))
    aantal_open = session.scalar(tel.where(SignaalCluster.status == "open")) or 0
    besloten = session.scalar(tel.where(SignaalCluster.status != "open")) or 0
    return Wachtrij(clusters, steekproef, aantal_open, besloten)


def pagina(
    session: Session,
    toegang: Toegang,
    *,
    status: str = "open",
    soort: str | None = None,
    pagina: int = 1,
    pagina_grootte: int = 25,
) -> tuple[list[SignaalCluster], int]:
    """One page of the caller's clusters with ``status`` (newest run first, then by rank) and the total."""
    basis = select(SignaalCluster).join(SignaalRun).where(_filter(toegang), SignaalCluster.status == status)
    if soort is not None:
        basis = basis.where(SignaalCluster.soort == soort)
    totaal = session.scalar(select(func.count()).select_from(basis.subquery())) or 0
    items = session.scalars(
        basis.order_by(SignaalRun.gestart_op.desc(), SignaalCluster.rang, SignaalCluster.id)
        .offset((pagina - 1) * pagina_grootte)
        .limit(pagina_grootte)
    )
    return list(items), totaal


def bestaat(session: Session, toegang: Toegang, cluster_id: uuid.UUID) -> bool:
    """Whether the cluster exists within the caller's scope (no raw text read, so not logged)."""
    return (
        session.scalar(
            select(SignaalCluster.id).join(SignaalRun).where(_filter(toegang), SignaalCluster.id == cluster_id)
        )
        is not None
    )


def besluiten(session: Session, cluster_id: uuid.UUID) -> list[SignaalBesluit]:
    """The decisions on a cluster (call only after :func:`cluster` authorised it)."""
    return list(
        session.scalars(
            select(SignaalBesluit).where(SignaalBesluit.cluster_id == cluster_id).order_by(SignaalBesluit.genomen_op)
        )
    )


def cluster(
    session: Session, toegang: Toegang, cluster_id: uuid.UUID
) -> tuple[SignaalCluster, list[SignaalAdvertentie]] | None:
    """One cluster with its ads (raw text); the read is logged. None outside the caller's scope."""
    rij = session.scalar(
        select(SignaalCluster).join(SignaalRun).where(_filter(toegang), SignaalCluster.id == cluster_id)
    )
    if rij is None:
        return None
    ads = list(
        session.scalars(
            select(SignaalAdvertentie)
            .where(SignaalAdvertentie.cluster_id == rij.id)
            .order_by(SignaalAdvertentie.geplaatst_op)
        )
    )
    logboek.append(
        session,
        toegang.actor(),
        actie="lezen",
        object_type="signaal_cluster",
        object_ids=[str(rij.id)],
        doel=DOEL,
        details={"advertenties": len(ads)},
    )
    return rij, ads


def besluit(session: Session, toegang: Toegang, cluster_id: uuid.UUID, besluit: str, reden: str) -> SignaalBesluit:
    """Record a reviewer's decision with its reason, in the table and in the logboek."""
    reden = reden.strip()
    if besluit not in BESLUITEN:
        raise BesluitFout("onbekend besluit")
    if not 5 <= len(reden) <= 500:
        raise BesluitFout("reden ontbreekt")
    rij = session.scalar(
        select(SignaalCluster).join(SignaalRun).where(_filter(toegang), SignaalCluster.id == cluster_id)
    )
    if rij is None or rij.status != "open":
        raise BesluitFout("niet open")
    rij.status = besluit
    genomen = SignaalBesluit(
        cluster_id=rij.id, besluit=besluit, reden=reden, genomen_door=toegang.actor_id, rol=toegang.rol.value
    )
    session.add(genomen)
    session.flush()
    logboek.append(
        session,
        toegang.actor(),
        actie="wijzigen",
        object_type="signaal_cluster",
        object_ids=[str(rij.id)],
        doel=DOEL,
        details={"besluit": besluit, "reden": reden, "score": rij.score, "rang": rij.rang, "soort": rij.soort},
    )
    return genomen


def melding_voorinvulling(rij: SignaalCluster, ads: list[SignaalAdvertentie], gemeentenaam: dict[str, str]) -> str:
    """Query string for the melding form: reference, plaats delict (the most frequent gemeente of the ads),
    uitbuitingsvorm, sector and werkwijze only where the ads make them evident. No personal data."""
    velden: list[tuple[str, str]] = [("melder_referentie", f"SIG-{str(rij.id)[:8]}")]
    gemeenten = Counter(a.gemeente for a in ads if a.gemeente != "onbekend")
    if gemeenten:
        velden.append(("plaats_delict", gemeentenaam.get(gemeenten.most_common(1)[0][0], "")))
    codes = {c for a in ads for c in a.treffers}
    arbeid = any(c.startswith("J") for c in codes)
    velden.append(("uitbuitingsvorm", "arbeid" if arbeid else "seksueel"))
    if not arbeid and "S10" in codes:
        velden.append(("sector", "thuisprostitutie"))
    for code, werkwijze in (("J4", "schuldslavernij"), ("J5", "innemen_documenten"), ("J7", "excessieve_werktijden")):
        if code in codes:
            velden.append(("werkwijze", werkwijze))
    return urlencode([(k, v) for k, v in velden if v])


def aggregaten(session: Session, gemeenten: frozenset[str] | None) -> dict[str, dict[str, int]]:
    """True counts per gemeente over all unexpired runs (for disclosure control by the caller's layer)."""
    uit: dict[str, Counter[str]] = {}
    for (agg,) in session.execute(select(SignaalRun.aggregaten)):
        for g, tel in agg.items():
            if gemeenten is not None and g not in gemeenten:
                continue
            uit.setdefault(g, Counter()).update(tel)
    return {g: dict(c) for g, c in sorted(uit.items())}


def beschermd_overzicht(
    session: Session, gemeenten: frozenset[str] | None, policy: DisclosurePolicy
) -> ProtectedTable | None:
    """Ads per gemeente, in and outside the queue, through disclosure control (what a gemeente may see).
    ``gemeenten`` limits the rows (None: all); an empty selection gives None."""
    tellingen = aggregaten(session, gemeenten)
    if not tellingen:
        return None
    counts = {
        g: {
            "in_wachtrij": t.get("in_wachtrij", 0),
            "niet_in_wachtrij": t.get("advertenties", 0) - t.get("in_wachtrij", 0),
        }
        for g, t in tellingen.items()
    }
    return protect_table(counts, policy, unit=Unit.meldingen, name="signalen per gemeente")
