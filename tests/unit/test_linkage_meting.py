# SPDX-License-Identifier: EUPL-1.2
"""The quality audit against the registry: a relink stores its design and sample, queues the sample, the
estimate follows the analysts' decisions (only those from the top of each stratum's random order), nothing
identifying is stored, and a pair's shown weights add up to its score, prior included."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.unit.test_linkage_service import ACTOR, CONFIG, Gemeld, identifying_values, make_meldingen, store
from zicht.linkage import service
from zicht.linkage.engine import Drempels
from zicht.linkage.meting import besluiten_per_paar
from zicht.privacy.vault import Vault
from zicht.storage import session_factory, transaction
from zicht.storage.tables import KoppelBeoordeling, KoppelRun, KoppelSteekproef


@dataclass
class Registry:
    sessions: sessionmaker[Session]
    vault: Vault
    truth: dict[str, int]
    data: list[Gemeld]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    from tests.conftest import test_environ
    from zicht.config import load_settings
    from zicht.storage import make_engine, upgrade

    tmp: Path = tmp_path_factory.mktemp("kwaliteit")
    engine = make_engine(f"sqlite:///{tmp / 'zicht.sqlite3'}")
    upgrade(engine)
    vault = Vault.from_settings(load_settings(test_environ(tmp)))
    sessions = session_factory(engine)
    data = make_meldingen(seed=5, personen=40)
    truth = store(sessions, vault, data)
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG, drempels=Drempels(0.99, 0.3))
    yield Registry(sessions, vault, truth, data)
    engine.dispose()


def test_een_herkoppeling_bewaart_opzet_en_steekproef_zonder_identificerende_gegevens(registry: Registry) -> None:
    with registry.sessions() as s:
        run = s.scalars(select(KoppelRun)).one()
        assert run.kwaliteit_opzet and {d["naam"] for d in run.kwaliteit_opzet["strata"]} >= {
            "gekoppeld_direct",
            "gekoppeld_indirect",
            "gekoppeld_besloten",
        }
        units = s.scalars(select(KoppelSteekproef)).all()
        sample_items = s.scalars(select(KoppelBeoordeling).where(KoppelBeoordeling.soort == "steekproef")).all()
        assert units and sample_items
        assert all(u.beoordeling_id is not None for u in units)
        # a unit of the queue's own band is the queue item itself, not a second item
        queued = {i.id for i in s.scalars(select(KoppelBeoordeling).where(KoppelBeoordeling.soort == "wachtrij"))}
        assert {u.beoordeling_id for u in units if u.stratum.startswith("apart_0.9")} <= queued | {
            i.id for i in sample_items
        }
        dumps = [repr(tuple(r)) for r in s.execute(text("SELECT * FROM koppel_steekproef"))]
        dumps.append(repr(run.kwaliteit_opzet))
    blob = "\n".join(dumps)
    for value in identifying_values(registry.data):
        assert value not in blob


def _truth_of(registry: Registry, a: uuid.UUID, b: uuid.UUID) -> bool:
    return registry.truth[str(a)] == registry.truth[str(b)]


def test_de_schatting_volgt_de_besluiten_in_de_volgorde_van_de_wachtrij(registry: Registry) -> None:
    with registry.sessions() as s:
        before = service.kwaliteit(s)
        first = service.review_queue(s, limit=3)
    assert before is not None and before.totaal.precisie is not None
    assert before.totaal.beslissingen == 0 or before.totaal.precisie.bron != "beoordeeld"
    assert first, "the relink queues its audit"
    for _ in range(60):  # the analyst works from the top of the queue, as the page leads them
        with registry.sessions() as s:
            top = service.review_queue(s, limit=1)
        if not top:
            break
        item = top[0]
        with transaction(registry.sessions) as s:
            service.decide(s, ACTOR, item.id, same=_truth_of(registry, item.links.melding_id, item.rechts.melding_id))
    with registry.sessions() as s:
        after = service.kwaliteit(s)
        labels = besluiten_per_paar(s)
        units = s.scalars(select(KoppelSteekproef)).all()
    assert after is not None and after.totaal.precisie is not None and after.totaal.recall is not None
    counted = sum(st.beslissingen for st in after.strata if st.naam != "gekoppeld_besloten")
    assert counted == sum(1 for u in units if (str(u.melding_a), str(u.melding_b)) in labels)
    assert after.totaal.beslissingen > before.totaal.beslissingen
    assert after.totaal.precisie.onder <= after.totaal.precisie.schatting <= after.totaal.precisie.boven
    assert after.per_melder_paar and after.per_variatie
    as_json = after.to_dict()
    assert {"precisie", "recall", "per_melder_paar", "per_variatie", "strata", "niet_gedekt"} <= set(as_json)


def test_de_getoonde_gewichten_met_prior_tellen_op_tot_de_score(registry: Registry) -> None:
    with registry.sessions() as s:
        ids = s.scalars(select(KoppelBeoordeling.id)).all()  # open or decided: the other test decides some
        items = [service.review_item(s, i) for i in ids]
    assert items
    for item in items:
        assert item is not None and item.prior is not None
        assert item.prior + sum(n.match_weight for n in item.niveaus) == pytest.approx(
            item.match_weight, abs=0.001 * (len(item.niveaus) + 1)
        )
