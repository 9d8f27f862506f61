# SPDX-License-Identifier: EUPL-1.2
"""The primary rules (threshold, zeros, group disclosure, rounding) and how protected tables are shown."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_disclosure_oracle import count_tables, policies
from zicht.privacy.disclosure import (
    TOTAL_LABEL,
    CellStatus,
    DisclosurePolicy,
    Marker,
    ProtectedTable,
    TableMetadata,
    Unit,
    audit,
    protect_series,
    protect_table,
)

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Counts = dict[str, dict[str, int]]


def true_positions(counts: Counts) -> dict[tuple[str | None, str | None], int]:
    rows, columns = list(counts), list(next(iter(counts.values())))
    out: dict[tuple[str | None, str | None], int] = {(r, c): counts[r][c] for r in rows for c in columns}
    out.update({(r, None): sum(counts[r].values()) for r in rows})
    out.update({(None, c): sum(counts[r][c] for r in rows) for c in columns})
    out[(None, None)] = sum(sum(row.values()) for row in counts.values())
    return out


def shown_positions(table: ProtectedTable) -> dict[tuple[str | None, str | None], object]:
    out: dict[tuple[str | None, str | None], object] = {
        (r, c): table.cells[(r, c)] for r in table.rows for c in table.columns
    }
    out.update({(r, None): cell for r, cell in table.row_totals.items()})
    out.update({(None, c): cell for c, cell in table.column_totals.items()})
    out[(None, None)] = table.total
    return out


@FAST
@given(policies().flatmap(lambda p: st.tuples(st.just(p), count_tables(p.threshold))))
def test_no_published_count_lies_below_the_threshold_and_every_one_is_a_multiple_of_the_base(
    case: tuple[DisclosurePolicy, Counts],
) -> None:
    policy, counts = case
    table = protect_table(counts, policy, unit=Unit.personen)
    for _, _, cell in table.entries():
        if cell.status is CellStatus.getoond:
            assert cell.value is not None
            assert cell.value == 0 or cell.value >= policy.threshold
            assert cell.value % policy.rounding_base == 0
            assert policy.zero_is_safe or cell.value != 0
        else:
            assert cell.value is None


@FAST
@given(policies().flatmap(lambda p: st.tuples(st.just(p), count_tables(p.threshold))))
def test_every_small_count_is_hidden_and_every_shown_count_is_the_true_count_rounded(
    case: tuple[DisclosurePolicy, Counts],
) -> None:
    policy, counts = case
    table = protect_table(counts, policy, unit=Unit.personen)
    truth = true_positions(counts)
    for position, cell in shown_positions(table).items():
        true = truth[position]
        if 0 < true < policy.threshold:
            assert cell.suppressed, position
        if not cell.suppressed:
            assert cell.value == policy.rounding_base * ((true + policy.rounding_base // 2) // policy.rounding_base)
    assert audit(table, counts).passed


def test_rounding_is_to_the_nearest_multiple_of_five_with_halves_up() -> None:
    table = protect_table({"A": {"x": 12, "y": 13}, "B": {"x": 37, "y": 38}}, DisclosurePolicy(), unit=Unit.personen)
    assert [table.cell(r, c).display for r in ("A", "B") for c in ("x", "y")] == ["10", "15", "35", "40"]
    assert table.total.display == "100"


def test_small_counts_read_less_than_ten_and_zeros_stay_zero() -> None:
    table = protect_series(
        {"seksueel": 40, "arbeid": 25, "overig": 3, "onbekend": 0}, DisclosurePolicy(), unit=Unit.personen
    )
    shown = {r: table.cell(r, "aantal").display for r in table.rows}
    assert shown["overig"] == "<10"
    assert shown["onbekend"] == "0"
    assert table.cell("overig", "aantal").marker is Marker.klein_aantal


def test_zeros_are_hidden_like_small_counts_when_the_policy_says_zeros_disclose() -> None:
    policy = DisclosurePolicy(zero_is_safe=False)
    table = protect_series({"seksueel": 40, "arbeid": 25, "onbekend": 0}, policy, unit=Unit.personen)
    assert table.cell("onbekend", "aantal").status is CellStatus.primair_onderdrukt


def test_a_zero_in_a_row_whose_total_is_small_is_marked_like_the_small_counts() -> None:
    counts = {f"n{i}": {"x": 1} for i in range(5)} | {"n5": {"x": 0}}
    table = protect_series({r: row["x"] for r, row in counts.items()}, DisclosurePolicy(), unit=Unit.personen)
    assert table.total.display == "<10"
    assert {table.cell(r, "aantal").display for r in table.rows} == {"<10"}


@FAST
@given(policies().flatmap(lambda p: st.tuples(st.just(p), count_tables(p.threshold))))
def test_a_row_where_one_category_holds_the_dominance_share_is_hidden_as_a_whole(
    case: tuple[DisclosurePolicy, Counts],
) -> None:
    policy, counts = case
    table = protect_table(counts, policy, unit=Unit.personen)
    for r, row in counts.items():
        total = sum(row.values())
        if len(row) >= 2 and total > 0 and max(row.values()) >= policy.dominance * total:
            assert all(table.cell(r, c).suppressed for c in row), r
            assert all(table.cell(r, c).marker is not Marker.getoond for c in row)


def test_a_dominated_row_is_marked_x_without_saying_why() -> None:
    table = protect_table(
        {"A": {"m": 38, "v": 2}, "B": {"m": 30, "v": 25}, "C": {"m": 20, "v": 40}},
        DisclosurePolicy(),
        unit=Unit.personen,
    )
    assert {table.cell("A", c).status for c in ("m", "v")} == {CellStatus.dominantie_onderdrukt}
    assert {table.cell("A", c).display for c in ("m", "v")} == {"x"}
    assert all("status" not in record for record in table.to_records())
    assert {
        r["status"] for r in table.to_records(include_reason=True) if r["row"] == "A" and not r["column_is_total"]
    } == {"dominantie_onderdrukt"}


def test_suppressed_cells_are_marked_and_never_dropped_from_exports() -> None:
    counts = {"A": {"x": 40, "y": 3}, "B": {"x": 25, "y": 30}}
    table = protect_table(counts, DisclosurePolicy(), unit=Unit.personen)
    records = table.to_records()
    assert len(records) == 4 + 2 + 2 + 1
    positions = {(r["row"], r["column"]) for r in records}
    assert positions == {
        ("A", "x"),
        ("A", "y"),
        ("B", "x"),
        ("B", "y"),
        ("A", TOTAL_LABEL),
        ("B", TOTAL_LABEL),
        (TOTAL_LABEL, "x"),
        (TOTAL_LABEL, "y"),
        (TOTAL_LABEL, TOTAL_LABEL),
    }
    for record in records:
        if record["value"] is None:
            assert record["marker"] in {"klein_aantal", "onderdrukt"}
            assert record["display"] in {"<10", "x"}
    frame = table.to_frame()
    assert len(frame) == len(records)
    assert frame["value"].isna().sum() == sum(r["value"] is None for r in records)
    wide = table.display_frame()
    assert list(wide.columns) == ["x", "y", TOTAL_LABEL]
    assert list(wide.index) == ["A", "B", TOTAL_LABEL]


def test_unit_and_metadata_pass_through_to_every_export() -> None:
    metadata = TableMetadata(
        period="2021-2023", reference_date=date(2024, 1, 1), data_vintage="koppeling-2024-02", extra={"tabel": "T1"}
    )
    table = protect_table({"A": {"x": 40}}, DisclosurePolicy(), unit=Unit.meldingen, metadata=metadata, name="T1")
    assert table.unit is Unit.meldingen and table.metadata == metadata
    frame = table.to_frame()
    assert frame.attrs["period"] == "2021-2023"
    assert frame.attrs["reference_date"] == "2024-01-01"
    assert frame.attrs["data_vintage"] == "koppeling-2024-02"
    assert set(frame["unit"]) == {"meldingen"}
    described = table.to_dict()
    assert described["extra"] == {"tabel": "T1"} and described["threshold"] == 10


@pytest.mark.parametrize("bad", [{"A": {"x": -1}}, {"A": {"x": 1.5}}, {"A": {"x": float("nan")}}])
def test_counts_must_be_non_negative_whole_numbers(bad: dict[str, dict[str, float]]) -> None:
    with pytest.raises(ValueError, match="counts must be"):
        protect_table(bad, DisclosurePolicy(), unit=Unit.personen)
