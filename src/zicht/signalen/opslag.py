# SPDX-License-Identifier: EUPL-1.2
"""Storing a run's queue (minimised) and deleting what has expired.

Only the queue is stored: the top ``wachtrij`` clusters by score and a random audit sample of ``steekproef``
clusters from the rest (signals.md §2.2 B, §4.7: to estimate what the ranking misses and to avoid a feedback
loop), each with its ads (hashed contacts, indicator hits, raw text). Every other ad leaves only counts per
gemeente. Everything carries ``bewaren_tot``; :func:`verwijder_verlopen` deletes from every signalen table.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from zicht.privacy import logboek
from zicht.privacy.toegang import Toegang
from zicht.signalen.pijplijn import Resultaat
from zicht.signalen.rangschikking import Cluster
from zicht.storage.base import utcnow
from zicht.storage.tables import SignaalAdvertentie, SignaalBesluit, SignaalCluster, SignaalRun

DOEL = "signalen: opsporing van mensenhandel via online advertenties (docs/signalen.md)"


def _kenmerken(c: Cluster) -> dict[str, object]:
    return {
        "namen": c.namen[:30],
        "micro": c.micro,
        "contacten_gedeeld": c.contacten_gedeeld,
        "generieke_contacten": c.generieke_contacten,
        "steden_per_week": round(c.steden_per_week, 2),
        "burst": round(c.burst, 3),
        "wegwerp": round(c.wegwerp, 3),
        "adscore": round(c.adscore, 3),
        "tegen": round(c.tegen, 3),
        "treffers": c.treffers,
    }


def bewaar_run(
    session: Session,
    toegang: Toegang,
    resultaat: Resultaat,
    *,
    bron: str,
    bewaardagen: int,
    wachtrij: int = 100,
    steekproef: int = 10,
    seed: int | None = None,
    engine: str = "lokaal",
    nu: datetime | None = None,
) -> SignaalRun:
    """Store the queue of one run for the caller's organisation; returns the run."""
    if toegang.organisatie_id is None:
        raise ValueError("a signalen run belongs to an organisation")
    nu = nu or utcnow()
    tot = nu + timedelta(days=bewaardagen)
    rest = resultaat.clusters[wachtrij:]
    steekproef_rng = random.Random(seed)  # noqa: S311 (an audit sample, not a secret)
    audit = steekproef_rng.sample(range(len(rest)), min(steekproef, len(rest)))
    gekozen = [(i + 1, "rang", c) for i, c in enumerate(resultaat.clusters[:wachtrij])]
    gekozen += [(wachtrij + k + 1, "steekproef", rest[k]) for k in sorted(audit)]
    in_rij = {i for _, soort, c in gekozen if soort == "rang" for i in c.leden}
    per_gemeente: Counter[str] = Counter(a.gemeente for a in resultaat.ads)
    rij_gemeente: Counter[str] = Counter(resultaat.ads[i].gemeente for i in in_rij)
    run = SignaalRun(
        organisatie_id=toegang.organisatie_id,
        bron=bron[:200],
        engine=engine,
        aantal_advertenties=len(resultaat.ads),
        aantal_clusters=len(resultaat.clusters),
        aggregaten={g: {"advertenties": n, "in_wachtrij": rij_gemeente[g]} for g, n in sorted(per_gemeente.items())},
        parameters={"wachtrij": wachtrij, "steekproef": steekproef, "bewaardagen": bewaardagen},
        tijden={k: round(v, 4) for k, v in resultaat.tijden.items()},
        uitgevoerd_door=toegang.actor_id,
        gestart_op=nu,
        bewaren_tot=tot,
    )
    session.add(run)
    session.flush()
    for rang, soort, c in gekozen:
        rij = SignaalCluster(
            run_id=run.id,
            rang=rang,
            soort=soort,
            score=c.score,
            aantal_advertenties=len(c.leden),
            personen=c.personen,
            telefoons=c.telefoons,
            gemeenten=c.gemeenten,
            kenmerken=_kenmerken(c),
            redenen=[asdict(r) for r in c.redenen],
            bewaren_tot=tot,
        )
        session.add(rij)
        session.flush()
        for i in c.leden:
            a = resultaat.ads[i]
            session.add(
                SignaalAdvertentie(
                    cluster_id=rij.id,
                    site=a.site[:200],
                    advertentie_id=a.advertentie_id[:200],
                    geplaatst_op=a.geplaatst_op if a.geplaatst_op.tzinfo else a.geplaatst_op.replace(tzinfo=UTC),
                    gemeente=a.gemeente,
                    taal=a.taal,
                    prijs_uur=a.prijs_uur,
                    contacten=list(a.contacten),
                    treffers=a.treffers,
                    tekst=a.tekst,
                    bewaren_tot=tot,
                )
            )
    logboek.append(
        session,
        toegang.actor(),
        actie="aanmaken",
        object_type="signaal_run",
        object_ids=[str(run.id)],
        doel=DOEL,
        details={"advertenties": len(resultaat.ads), "clusters": len(gekozen), "bron": bron[:200]},
    )
    return run


def verwijder_verlopen(session: Session, nu: datetime | None = None) -> dict[str, int]:
    """Delete every signalen row past its ``bewaren_tot`` (decisions go with their cluster); logged."""
    nu = nu or utcnow()
    verlopen_clusters = select(SignaalCluster.id).where(SignaalCluster.bewaren_tot < nu)
    aantallen = {
        "signaal_besluit": session.scalar(select(func.count()).where(SignaalBesluit.cluster_id.in_(verlopen_clusters)))
        or 0,
        "signaal_advertentie": session.scalar(select(func.count()).where(SignaalAdvertentie.bewaren_tot < nu)) or 0,
        "signaal_cluster": session.scalar(select(func.count()).where(SignaalCluster.bewaren_tot < nu)) or 0,
        "signaal_run": session.scalar(select(func.count()).where(SignaalRun.bewaren_tot < nu)) or 0,
    }
    session.execute(delete(SignaalBesluit).where(SignaalBesluit.cluster_id.in_(verlopen_clusters)))
    session.execute(delete(SignaalAdvertentie).where(SignaalAdvertentie.bewaren_tot < nu))
    session.execute(delete(SignaalAdvertentie).where(SignaalAdvertentie.cluster_id.in_(verlopen_clusters)))
    session.execute(delete(SignaalCluster).where(SignaalCluster.bewaren_tot < nu))
    verlopen_runs = select(SignaalRun.id).where(SignaalRun.bewaren_tot < nu)
    session.execute(delete(SignaalCluster).where(SignaalCluster.run_id.in_(verlopen_runs)))
    session.execute(delete(SignaalRun).where(SignaalRun.bewaren_tot < nu))
    details: dict[str, object] = dict(aantallen)
    if any(aantallen.values()):
        logboek.append(
            session,
            logboek.SYSTEEM,
            actie="verwijderen",
            object_type="signalen",
            doel="bewaartermijn signalen verstreken",
            details=details,
        )
    return aantallen
