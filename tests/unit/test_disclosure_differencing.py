# SPDX-License-Identifier: EUPL-1.2
"""Determinism and differencing: the same request gives the same table, and near-identical requests (a
filter that differs by one category, data that differs by one record) cannot be differenced to reveal a
small count."""

from __future__ import annotations

from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_disclosure_oracle import (
    Position,
    breaches,
    count_tables,
    derived_intervals,
    policies,
    reader_bounds,
    reveals_small_count,
    table_positions,
    universe_of,
)
from zicht.privacy.disclosure import (
    DisclosureError,
    DisclosurePolicy,
    PreviousRelease,
    ProtectedTable,
    Unit,
    protect_series,
    protect_table,
)

FAST = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Counts = dict[str, dict[str, int]]


@FAST
@given(policies().flatmap(lambda p: st.tuples(st.just(p), count_tables(p.threshold))), st.randoms())
def test_the_same_request_on_the_same_data_gives_the_same_table_in_any_row_order(
    case: tuple[DisclosurePolicy, Counts], random: Random
) -> None:
    policy, counts = case
    first = protect_table(counts, policy, unit=Unit.personen)
    again = protect_table(counts, policy, unit=Unit.personen)
    assert first == again
    assert first.to_records(include_reason=True) == again.to_records(include_reason=True)
    shuffled_rows = list(counts)
    random.shuffle(shuffled_rows)
    shuffled = {r: dict(reversed(list(counts[r].items()))) for r in shuffled_rows}
    other = protect_table(shuffled, policy, unit=Unit.personen)
    assert other.cells == first.cells
    assert other.row_totals == first.row_totals
    assert other.column_totals == first.column_totals


def test_a_count_differenced_between_two_independent_requests_is_never_pinned_by_default() -> None:
    policy = DisclosurePolicy()
    published = {n: protect_series({"x": n}, policy, unit=Unit.personen).total for n in range(0, 90)}
    for a in range(0, 80):
        for d in range(1, policy.threshold):
            low_a, high_a = reader_bounds(Position(("a",), frozenset(), published[a]), policy)
            low_b, high_b = reader_bounds(Position(("b",), frozenset(), published[a + d]), policy)
            low, high = max(0.0, low_b - high_a), high_b - low_a
            assert low <= d <= high
            assert high > low
            assert not reveals_small_count(low, high, policy), (a, d, low, high)


def joint_difference(
    policy: DisclosurePolicy, before: Counts, after: Counts, linked: bool
) -> tuple[list[object], dict[object, tuple[float, float]], dict[object, int]]:
    """Publish ``before`` and then ``after`` (= before + difference); the attacker's view of the difference."""
    first = protect_table(before, policy, unit=Unit.personen)
    previous = [PreviousRelease(first, before)] if linked else []
    second = protect_table(after, policy, unit=Unit.personen, previous=previous)
    cells = [(r, c) for r in before for c in before[r]]
    published = table_positions(first, {(r, c): [(r, c, "a")] for r, c in cells}, "A") + table_positions(
        second, {(r, c): [(r, c, "a"), (r, c, "d")] for r, c in cells}, "B"
    )
    quantities: dict[object, list[tuple[str, str, str]]] = {(r, c): [(r, c, "d")] for r, c in cells}
    for r in before:
        quantities[(r, None)] = [(r, c, "d") for c in before[r]]
    for c in before[next(iter(before))]:
        quantities[(None, c)] = [(r, c, "d") for r in before]
    quantities[(None, None)] = [(r, c, "d") for r, c in cells]
    truth = {q: sum(after[m[0]][m[1]] - before[m[0]][m[1]] for m in members) for q, members in quantities.items()}
    # Only a true count of 1..threshold-1 can be revealed as small; others cannot fall in that range.
    small = {q: members for q, members in quantities.items() if 0 < truth[q] < policy.threshold or not linked}
    intervals = derived_intervals(universe_of(published.positions, policy), small)
    return breaches(published, policy), intervals, truth


def assert_difference_hidden(policy: DisclosurePolicy, before: Counts, after: Counts) -> None:
    try:
        found, intervals, truth = joint_difference(policy, before, after, linked=True)
    except DisclosureError:
        # Refusing to publish the new table next to the earlier one is safe; it happens only in corner cases
        # with tiny thresholds where "<5"-markers of the new table already bound the earlier one too tightly.
        assert policy.threshold < DisclosurePolicy().threshold
        return
    assert found == []
    for quantity, (low, high) in intervals.items():
        assert low <= truth[quantity] <= high
        assert not reveals_small_count(low, high, policy), (quantity, low, high)


@st.composite
def table_and_extra_category(draw: st.DrawFn) -> tuple[DisclosurePolicy, Counts, Counts]:
    policy = draw(policies())
    before = draw(count_tables(policy.threshold, max_rows=3, max_columns=3))
    extra = {r: {c: draw(st.integers(0, policy.threshold - 1)) for c in row} for r, row in before.items()}
    after = {r: {c: before[r][c] + extra[r][c] for c in row} for r, row in before.items()}
    return policy, before, after


@FAST
@given(table_and_extra_category())
def test_a_filter_widened_by_one_category_and_linked_to_the_earlier_table_reveals_no_small_count(
    case: tuple[DisclosurePolicy, Counts, Counts],
) -> None:
    assert_difference_hidden(*case)


@st.composite
def table_and_one_more_record(draw: st.DrawFn) -> tuple[DisclosurePolicy, Counts, Counts]:
    policy = draw(policies())
    before = draw(count_tables(policy.threshold, max_rows=3, max_columns=3))
    row = draw(st.sampled_from(sorted(before)))
    column = draw(st.sampled_from(sorted(before[row])))
    after = {r: {c: before[r][c] + (r == row and c == column) for c in cols} for r, cols in before.items()}
    return policy, before, after


@FAST
@given(table_and_one_more_record())
def test_the_same_table_after_one_more_record_linked_to_the_earlier_one_reveals_no_small_count(
    case: tuple[DisclosurePolicy, Counts, Counts],
) -> None:
    assert_difference_hidden(*case)


def test_unlinked_requests_pin_a_difference_through_their_totals_which_linking_prevents() -> None:
    policy = DisclosurePolicy()
    before = {
        "r0": {"c0": 14, "c1": 3},
        "r1": {"c0": 7, "c1": 8},
        "r2": {"c0": 4, "c1": 24},
        "r3": {"c0": 28, "c1": 38},
    }
    after = {r: {c: n + (r == "r0" and c == "c0") for c, n in row.items()} for r, row in before.items()}
    _, unlinked, _ = joint_difference(policy, before, after, linked=False)
    assert unlinked[("r0", None)] == (1, 1)
    assert_difference_hidden(policy, before, after)


def test_a_linked_release_keeps_the_earlier_table_as_published() -> None:
    policy = DisclosurePolicy()
    before = {"r0": {"c0": 14, "c1": 3}, "r1": {"c0": 30, "c1": 22}}
    after = {"r0": {"c0": 15, "c1": 3}, "r1": {"c0": 30, "c1": 22}}
    first: ProtectedTable = protect_table(before, policy, unit=Unit.personen)
    second = protect_table(after, policy, unit=Unit.personen, previous=[PreviousRelease(first, before)])
    assert second.rows == first.rows and second.columns == first.columns
    assert protect_table(before, policy, unit=Unit.personen) == first


def test_linking_refuses_earlier_releases_that_are_not_nested_or_differently_shaped() -> None:
    policy = DisclosurePolicy()
    before = {"r0": {"c0": 14, "c1": 3}, "r1": {"c0": 30, "c1": 22}}
    first = protect_table(before, policy, unit=Unit.personen)
    crossing = {"r0": {"c0": 15, "c1": 2}, "r1": {"c0": 30, "c1": 22}}
    with pytest.raises(ValueError, match="nested"):
        protect_table(crossing, policy, unit=Unit.personen, previous=[PreviousRelease(first, before)])
    with pytest.raises(ValueError, match="same rows and columns"):
        protect_table({"r0": {"c0": 15}}, policy, unit=Unit.personen, previous=[PreviousRelease(first, before)])
