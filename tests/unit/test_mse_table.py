# SPDX-License-Identifier: EUPL-1.2
"""Input hygiene of capture tables: validation, aggregation, invariances and uninformative lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.analysis.mse import (
    CaptureTable,
    MSEError,
    MSEInputError,
    MSEWarning,
    drop_uninformative_lists,
    estimate,
    read_capture_csv,
)

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")

KOSOVO_ROWS = [
    (1, 0, 0, 0, 1131), (0, 1, 0, 0, 845), (0, 0, 1, 0, 936), (0, 0, 0, 1, 306), (1, 1, 0, 0, 177),
    (1, 0, 1, 0, 228), (1, 0, 0, 1, 106), (0, 1, 1, 0, 217), (0, 1, 0, 1, 31), (0, 0, 1, 1, 123),
    (1, 1, 1, 0, 181), (1, 1, 0, 1, 18), (1, 0, 1, 1, 42), (0, 1, 1, 1, 32), (1, 1, 1, 1, 27),
]  # fmt: skip
KOSOVO_LISTS = ("EXH", "ABA", "OSCE", "HRW")


def outcome(table: CaptureTable, method: str = "stepwise") -> tuple[object, ...]:
    """Estimate and model, or the error class and message, for comparing two tables."""
    try:
        result = estimate(table, method=method)
    except MSEError as exc:
        return (type(exc).__name__, str(exc))
    return (result.estimate, result.model, result.intervals)


def test_all_zero_pattern_is_rejected_with_a_clear_error() -> None:
    with pytest.raises(MSEInputError, match="all-zero pattern"):
        CaptureTable.from_rows(["A", "B", "C"], [(1, 0, 0, 5), (0, 0, 0, 7)])
    with pytest.raises(MSEInputError, match="row 2 has the all-zero pattern"):
        CaptureTable.from_rows(["A", "B"], [(1, 1, 5), (0, 0, 0)])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(1, 2, 3)], "is not 0 or 1"),
        ([(1, 0, -3)], "not a non-negative integer"),
        ([(1, 0, 2.5)], "not a non-negative integer"),
        ([(1, "x", 2)], "is not a number"),
        ([(1, "", 2)], "value is missing"),
        ([(1, 0)], "has 2 values, expected 3"),
        ([], "no rows"),
        ([(1, 0, 0), (0, 1, 0)], "contains no individuals"),
    ],
)
def test_invalid_tables_are_rejected_with_the_row_and_reason(rows: list[tuple[object, ...]], message: str) -> None:
    with pytest.raises(MSEInputError, match=message):
        CaptureTable.from_rows(["A", "B"], rows)


def test_table_needs_two_uniquely_named_lists() -> None:
    with pytest.raises(MSEInputError, match="at least two list columns"):
        CaptureTable.from_rows(["A"], [(1, 3)])
    with pytest.raises(MSEInputError, match="unique"):
        CaptureTable.from_rows(["A", "A"], [(1, 0, 3)])


def test_repeated_patterns_are_summed_and_missing_patterns_are_zero() -> None:
    table = CaptureTable.from_rows(["A", "B"], [(1, 1, 2), (1, 0, 3), (1, 1, 4), (0, 1, 0)])
    assert table.patterns == ((1, 0), (1, 1))
    assert table.counts == (3, 6)
    assert table.observed == 9
    assert table.list_totals() == (9, 6)


def test_string_and_float_cells_are_accepted_when_they_are_exact() -> None:
    table = CaptureTable.from_rows(["A", "B"], [(" 1", "0.0", "3"), (1.0, 1, 2.0)])
    assert table.to_rows() == [(1, 0, 3), (1, 1, 2)]


@needs_ref
def test_reference_csv_files_read_with_exact_observed_totals() -> None:
    expected = {"NewOrl": 185, "NewOrl_5": 185, "Kosovo": 4400, "Korea": 123, "Artificial_3": 96}
    for name, total in expected.items():
        assert read_capture_csv(REF / f"{name}.csv").observed == total
    assert read_capture_csv(REF / "Korea.csv").lists == ("b", "c", "d")


def test_csv_with_semicolons_and_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lijsten.csv"
    path.write_text("\ufeffpolitie;kmar;n\n1;0;5\n0;1;4\n1;1;2\n", encoding="utf-8")
    table = read_capture_csv(path)
    assert table.lists == ("politie", "kmar")
    assert table.count_name == "n"


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "is empty"), ("A,B,n\n", "no data rows"), ("A,n\n1,3\n", "at least two list columns")],
)
def test_unusable_csv_files_are_rejected(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MSEInputError, match=message):
        read_capture_csv(path)
    with pytest.raises(MSEInputError, match="file not found"):
        read_capture_csv(tmp_path / "missing.csv")


def test_empty_full_and_duplicate_lists_are_dropped_with_a_warning() -> None:
    rows = [(r[0], r[1], 0, r[2], r[3], r[1], r[4]) for r in KOSOVO_ROWS]  # Z: no cases; ABA2 = ABA
    table = CaptureTable.from_rows(["EXH", "ABA", "Z", "OSCE", "HRW", "ABA2"], rows)
    cleaned, dropped = drop_uninformative_lists(table)
    assert cleaned.lists == KOSOVO_LISTS
    assert [d.name for d in dropped] == ["Z", "ABA2"]
    with pytest.warns(MSEWarning) as record:
        result = estimate(table)
    assert [str(w.message) for w in record] == [
        "list 'Z' dropped as uninformative: no individuals on this list",
        "list 'ABA2' dropped as uninformative: same individuals as list 'ABA'",
    ]
    assert result.dropped_lists == ("Z: no individuals on this list", "ABA2: same individuals as list 'ABA'")
    assert result.estimate == estimate(CaptureTable.from_rows(KOSOVO_LISTS, KOSOVO_ROWS)).estimate


def test_a_list_with_every_case_is_dropped_and_the_rest_estimated() -> None:
    rows = [(1, *r) for r in KOSOVO_ROWS]
    table = CaptureTable.from_rows(["ALL", *KOSOVO_LISTS], rows)
    with pytest.warns(MSEWarning, match="every observed individual"):
        result = estimate(table)
    assert result.lists == KOSOVO_LISTS
    assert result.estimate == pytest.approx(14341.66, abs=0.005)


def test_fewer_than_two_informative_lists_is_an_input_error() -> None:
    table = CaptureTable.from_rows(["A", "B", "C"], [(1, 0, 1, 5), (0, 0, 1, 4)])
    with pytest.raises(MSEInputError, match="fewer than two informative lists"):
        drop_uninformative_lists(table)


pattern_counts = st.lists(st.integers(min_value=0, max_value=40), min_size=7, max_size=7)


def three_list_rows(counts: list[int]) -> list[tuple[int, ...]]:
    patterns = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)]
    return [(*p, c) for p, c in zip(patterns, counts, strict=True)]


def informative(rows: list[tuple[int, ...]]) -> bool:
    totals = [sum(r[i] * r[-1] for r in rows) for i in range(3)]
    total = sum(r[-1] for r in rows)
    return total > 0 and all(0 < t < total for t in totals)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=pattern_counts, order=st.randoms(use_true_random=False))
def test_permuting_rows_and_splitting_patterns_gives_identical_results(counts: list[int], order: object) -> None:
    rows = three_list_rows(counts)
    if not informative(rows):
        return
    split: list[tuple[int, ...]] = []
    for row in rows:  # split every count into two rows with the same pattern
        half = row[-1] // 2
        split += [(*row[:-1], half), (*row[:-1], row[-1] - half)]
    order.shuffle(split)  # type: ignore[attr-defined]
    original = CaptureTable.from_rows(["A", "B", "C"], rows)
    shuffled = CaptureTable.from_rows(["A", "B", "C"], split)
    assert shuffled == original
    assert outcome(shuffled) == outcome(original)


@settings(max_examples=40, deadline=None)
@given(counts=pattern_counts, permutation=st.permutations([0, 1, 2]))
def test_permuting_list_columns_gives_the_same_estimate(counts: list[int], permutation: list[int]) -> None:
    rows = three_list_rows(counts)
    if not informative(rows):
        return
    names = ["A", "B", "C"]
    permuted = CaptureTable.from_rows(
        [names[i] for i in permutation], [(*(r[i] for i in permutation), r[-1]) for r in rows]
    )
    original = CaptureTable.from_rows(names, rows)
    for method in ("main", "fixed"):
        kwargs = {"pairs": ["A:B"]} if method == "fixed" else {}
        try:
            a = estimate(original, method=method, **kwargs)  # type: ignore[arg-type]
        except MSEError as exc:
            with pytest.raises(type(exc)):
                estimate(permuted, method=method, **kwargs)  # type: ignore[arg-type]
            continue
        b = estimate(permuted, method=method, **kwargs)  # type: ignore[arg-type]
        assert b.estimate == pytest.approx(a.estimate, rel=1e-9)
        assert b.interval("analytic", 0.95).high == pytest.approx(a.interval("analytic", 0.95).high, rel=1e-9)


@settings(max_examples=30, deadline=None)
@given(counts=pattern_counts, position=st.integers(min_value=0, max_value=7))
def test_an_all_zero_row_anywhere_is_rejected(counts: list[int], position: int) -> None:
    rows = three_list_rows(counts)
    rows.insert(position, (0, 0, 0, counts[0]))
    with pytest.raises(MSEInputError, match="all-zero pattern"):
        CaptureTable.from_rows(["A", "B", "C"], rows)


def test_a_pandas_dataframe_is_accepted_like_the_csv() -> None:
    import pandas as pd

    frame = pd.DataFrame(KOSOVO_ROWS, columns=[*KOSOVO_LISTS, "Frequency"])
    assert estimate(frame).estimate == pytest.approx(14341.66, abs=0.005)


def test_more_lists_than_supported_is_an_input_error() -> None:
    t = 15
    rows = [(*(int(i == j) for j in range(t)), 3) for i in range(t)]
    rows += [(*(int(j in (i, (i + 1) % t)) for j in range(t)), 1) for i in range(t)]
    with pytest.raises(MSEInputError, match="more than the 14"):
        estimate(CaptureTable.from_rows([f"L{i}" for i in range(t)], rows))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "bayes"}, "unknown method"),
        ({"threshold": 1.5}, "threshold must lie in"),
        ({"pairs": ["EXH:ABA"]}, "only be given with method 'fixed'"),
        ({"method": "fixed", "pairs": ["EXH:EXH"]}, "same list twice"),
        ({"method": "fixed", "pairs": ["EXH:ABA", "ABA:EXH"]}, "given twice"),
        ({"method": "fixed", "pairs": ["EXH-ABA"]}, "two list names"),
        ({"bootstrap": -1}, "cannot be negative"),
        ({"levels": (0.95, 1.0)}, "strictly between 0 and 1"),
        ({"workers": 0}, "at least 1"),
        ({"seed": -5}, "non-negative"),
    ],
)
def test_invalid_arguments_raise_an_argument_error(kwargs: dict[str, object], message: str) -> None:
    from zicht.analysis.mse import MSEArgumentError

    with pytest.raises(MSEArgumentError, match=message):
        estimate(CaptureTable.from_rows(KOSOVO_LISTS, KOSOVO_ROWS), **kwargs)  # type: ignore[arg-type]
