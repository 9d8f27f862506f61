# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the signalen tests: a small synthetic run stored for the demo melder's organisation."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from zicht.accounts import zoek_organisatie
from zicht.privacy.toegang import Toegang
from zicht.reference import load_reference
from zicht.signalen.opslag import bewaar_run
from zicht.signalen.pijplijn import verwerk
from zicht.signalen.verwerk import sleutel_pseudoniem
from zicht.storage import transaction
from zicht.synth.advertenties import WereldConfig, genereer

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "nl"


def sla_run_op(
    sessions: sessionmaker[Session], org_code: str, *, n: int = 1500, nu: datetime | None = None, bewaardagen: int = 28
) -> str:
    """Generate, process and store a run for ``org_code``; returns the run id."""
    wereld = genereer(WereldConfig(advertenties=n, seed=5))
    res = verwerk(wereld.advertenties, load_reference(REFERENCE_DIR), sleutel_pseudoniem(b"test"))
    with transaction(sessions) as s:
        org = zoek_organisatie(s, org_code)
        assert org is not None
        toegang = Toegang.voor_rol("test-melder", "melder", organisatie_id=org.id, organisatie_code=org.code)
        run = bewaar_run(
            s, toegang, res, bron="test", bewaardagen=bewaardagen, wachtrij=20, steekproef=3, seed=1, nu=nu
        )
        return str(run.id)
