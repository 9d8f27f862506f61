# SPDX-License-Identifier: EUPL-1.2
"""The true table as a known feasible point (``audit_release(truth=...)``) only saves solving: the audit's
verdict and findings are the same with and without it, for protected and for under-protected releases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_disclosure_oracle import count_tables
from zicht.analysis.beveiliging import Niveau, Splitsing, rooster_structuur
from zicht.privacy.disclosure import CellKey, DisclosurePolicy
from zicht.privacy.disclosure.audit import audit_release
from zicht.privacy.disclosure.inputs import evaluate
from zicht.privacy.disclosure.primary import primary_statuses, publish
from zicht.privacy.disclosure.secondary import protect_release

BELEID = DisclosurePolicy()


def _release(tabel: dict[str, dict[str, int]]):  # type: ignore[no-untyped-def]
    rijen = tuple(sorted(tabel))
    kolommen = tuple(sorted({k for rij in tabel.values() for k in rij}))
    structuur = rooster_structuur([Splitsing(kolommen)], [Niveau("regio", rijen)])
    waarden = evaluate(structuur, {CellKey("regio", r, k): tabel[r].get(k, 0) for r in rijen for k in kolommen})
    return structuur, waarden


def _bevindingen(rapport) -> set[tuple[object, str]]:  # type: ignore[no-untyped-def]
    return {(f.key, f.kind.value) for f in rapport.findings}


@settings(max_examples=40, deadline=None)
@given(count_tables(BELEID.threshold), st.booleans())
def test_de_ware_tabel_verandert_het_oordeel_van_de_audit_niet(
    tabel: dict[str, dict[str, int]], beveilig: bool
) -> None:
    structuur, waarden = _release(tabel)
    if beveilig:
        statussen, gepubliceerd = protect_release(structuur, waarden, BELEID)
    else:  # primary suppression only: the audit usually has findings here
        statussen = primary_statuses(structuur, waarden, BELEID)
        gepubliceerd = publish(waarden, statussen, BELEID)
    zonder = audit_release(structuur, statussen, gepubliceerd, BELEID)
    met = audit_release(structuur, statussen, gepubliceerd, BELEID, truth=waarden)
    assert zonder.passed == met.passed
    assert _bevindingen(zonder) == _bevindingen(met)
    if beveilig:
        assert met.passed
