# SPDX-License-Identifier: EUPL-1.2
"""The attacker's LP (written independently, see test_disclosure_oracle) against protected releases.

For random tables and policies: no suppressed cell can be pinned to one value or, when it may hide a small
count, narrowed below the protection width; not from the table's own margins, not across the levels of a
hierarchy, and no category of a row hidden for group disclosure can be proven dominant.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.unit.test_disclosure_oracle import (
    breaches,
    count_tables,
    derived_intervals,
    group_breaches,
    hierarchy_positions,
    policies,
    reveals_small_count,
    table_positions,
    universe_of,
)
from zicht.privacy.disclosure import (
    DisclosurePolicy,
    HierarchyLevel,
    Unit,
    protect_hierarchy,
    protect_series,
    protect_table,
)

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def policy_and_table(draw: st.DrawFn) -> tuple[DisclosurePolicy, dict[str, dict[str, int]]]:
    policy = draw(policies())
    return policy, draw(count_tables(policy.threshold))


@FAST
@given(policy_and_table())
def test_no_suppressed_cell_of_a_table_can_be_pinned_or_narrowed_from_its_margins(
    case: tuple[DisclosurePolicy, dict[str, dict[str, int]]],
) -> None:
    policy, counts = case
    table = protect_table(counts, policy, unit=Unit.personen)
    published = table_positions(table, {(r, c): [(r, c)] for r in table.rows for c in table.columns})
    assert breaches(published, policy) == []


@FAST
@given(policy_and_table())
def test_no_category_of_a_row_hidden_for_group_disclosure_can_be_proven_dominant(
    case: tuple[DisclosurePolicy, dict[str, dict[str, int]]],
) -> None:
    policy, counts = case
    table = protect_table(counts, policy, unit=Unit.personen)
    published = table_positions(table, {(r, c): [(r, c)] for r in table.rows for c in table.columns})
    assert group_breaches(published, policy) == []


@FAST
@given(policies().flatmap(lambda p: st.tuples(st.just(p), count_tables(p.threshold, max_columns=1, max_rows=6))))
def test_no_suppressed_category_of_a_breakdown_can_be_recovered_from_its_total(
    case: tuple[DisclosurePolicy, dict[str, dict[str, int]]],
) -> None:
    policy, table_counts = case
    series = {r: row["c0"] for r, row in table_counts.items()}
    protected = protect_series(series, policy, unit=Unit.personen)
    published = table_positions(protected, {(r, "aantal"): [r] for r in protected.rows})
    assert breaches(published, policy) == []
    assert group_breaches(published, policy) == []


@st.composite
def hierarchies(draw: st.DrawFn) -> tuple[DisclosurePolicy, dict[str, dict[str, int]], list[HierarchyLevel]]:
    policy = draw(policies())
    n_municipalities = draw(st.integers(2, 7))
    municipalities = [f"g{i}" for i in range(n_municipalities)]
    n_columns = draw(st.integers(1, 3))
    counts = {m: {f"c{j}": draw(st_counts(policy.threshold)) for j in range(n_columns)} for m in municipalities}
    regions = {m: f"vr{draw(st.integers(0, max(0, n_municipalities // 2 - 1)))}" for m in municipalities}
    provinces = {r: f"p{draw(st.integers(0, 1))}" for r in sorted(set(regions.values()))}
    levels = [
        HierarchyLevel("gemeente", breakdown=draw(st.booleans())),
        HierarchyLevel("veiligheidsregio", regions),
        HierarchyLevel("provincie", provinces, breakdown=draw(st.booleans())),
    ]
    return policy, counts, levels


def st_counts(threshold: int) -> st.SearchStrategy[int]:
    return st.one_of(st.just(0), st.integers(1, threshold - 1), st.integers(threshold, 3 * threshold))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies())
# Found by Hypothesis: the only province, published as totals only, makes the national column totals the
# totals of the regions' cells, so vr0's zeros are marked <3; the oracle once read them as at least 1.
@example(
    (
        DisclosurePolicy(threshold=3, rounding_base=1, dominance=0.75, zero_is_safe=True),
        {"g0": {"c0": 0, "c1": 0}, "g1": {"c0": 0, "c1": 0}, "g2": {"c0": 0, "c1": 0}, "g3": {"c0": 1, "c1": 2}},
        [
            HierarchyLevel("gemeente", breakdown=False),
            HierarchyLevel("veiligheidsregio", {"g0": "vr0", "g1": "vr0", "g2": "vr0", "g3": "vr1"}),
            HierarchyLevel("provincie", {"vr0": "p0", "vr1": "p0"}, breakdown=False),
        ],
    )
)
def test_no_municipality_can_be_recovered_from_its_region_total_minus_the_other_municipalities(
    case: tuple[DisclosurePolicy, dict[str, dict[str, int]], list[HierarchyLevel]],
) -> None:
    policy, counts, levels = case
    protected = protect_hierarchy(counts, policy, unit=Unit.personen, levels=levels)
    published, members = hierarchy_positions(protected)
    assert breaches(published, policy) == []
    assert group_breaches(published, policy) == []
    universe = universe_of(published.positions, policy)
    unpublished = {
        key: cells for key, cells in members.items() if not any(p.members == cells for p in published.positions)
    }
    for key, (low, high) in derived_intervals(universe, unpublished).items():
        assert not reveals_small_count(low, high, policy), (key, low, high)


def test_tables_protected_one_at_a_time_give_a_region_away_that_the_hierarchy_protects() -> None:
    policy = DisclosurePolicy(rounding_base=1)
    counts = {"g0": {"c0": 0, "c1": 8, "c2": 8}, "g1": {"c0": 4, "c1": 1, "c2": 0}, "g2": {"c0": 18, "c1": 0, "c2": 0}}
    region_of = {"g0": "vr0", "g1": "vr1", "g2": "vr0"}
    columns = ["c0", "c1", "c2"]
    regions = {r: [m for m in counts if region_of[m] == r] for r in ("vr0", "vr1")}
    region_counts = {r: {c: sum(counts[m][c] for m in ms) for c in columns} for r, ms in regions.items()}
    region_table = protect_table(region_counts, policy, unit=Unit.personen, name="vr")
    one_at_a_time = table_positions(
        region_table, {(r, c): [(m, c) for m in ms] for r, ms in regions.items() for c in columns}, "vr"
    )
    for r, ms in regions.items():
        municipal = protect_table({m: counts[m] for m in ms}, policy, unit=Unit.personen, name=r)
        one_at_a_time = one_at_a_time + table_positions(municipal, {(m, c): [(m, c)] for m in ms for c in columns}, r)
    recovered = {b.label for b in breaches(one_at_a_time, policy) if b.low == b.high}
    assert ("vr", "vr1", None) in recovered

    together = protect_hierarchy(
        counts,
        policy,
        unit=Unit.personen,
        levels=[HierarchyLevel("gemeente"), HierarchyLevel("veiligheidsregio", region_of)],
    )
    published, _ = hierarchy_positions(together)
    assert breaches(published, policy) == []
