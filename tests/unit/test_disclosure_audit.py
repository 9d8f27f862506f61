# SPDX-License-Identifier: EUPL-1.2
"""The library's own audit: it catches what primary suppression alone leaves open, and it is quiet."""

from __future__ import annotations

import pytest

from zicht.privacy.disclosure import (
    Cell,
    CellStatus,
    DisclosurePolicy,
    FindingKind,
    HierarchyLevel,
    InconsistentReleaseError,
    ProtectedTable,
    Unit,
    audit,
    protect_hierarchy,
    protect_table,
)

POLICY = DisclosurePolicy(rounding_base=1)


def shown(value: int) -> Cell:
    return Cell(value, str(value), CellStatus.getoond)


def small() -> Cell:
    return Cell(None, "<10", CellStatus.primair_onderdrukt)


def naive_table() -> ProtectedTable:
    """The ACRO gap: primary suppression only, margins published."""
    return ProtectedTable(
        name="",
        rows=("A", "B"),
        columns=("x", "y"),
        cells={("A", "x"): shown(40), ("A", "y"): small(), ("B", "x"): shown(25), ("B", "y"): shown(30)},
        row_totals={"A": shown(43), "B": shown(55)},
        column_totals={"x": shown(65), "y": shown(33)},
        total=shown(98),
        unit=Unit.personen,
        policy=POLICY,
    )


def test_audit_finds_a_small_count_recoverable_from_the_margins_when_only_primary_suppression_was_applied() -> None:
    report = audit(naive_table())
    assert not report.passed
    [finding] = report.findings
    assert finding.kind is FindingKind.vastgepind
    assert (finding.key.row, finding.key.column, finding.lower, finding.upper) == ("A", "y", 3, 3)


def test_audit_with_the_original_counts_flags_a_shown_small_count() -> None:
    table = naive_table()
    tampered = ProtectedTable(**{**table.__dict__, "cells": {**table.cells, ("A", "y"): shown(3)}})
    report = audit(tampered, {"A": {"x": 40, "y": 3}, "B": {"x": 25, "y": 30}})
    assert FindingKind.klein_aantal_getoond in {f.kind for f in report.findings}


def test_audit_with_the_original_counts_flags_a_shown_dominated_row() -> None:
    cells = {("A", "x"): shown(40), ("A", "y"): shown(0), ("B", "x"): shown(25), ("B", "y"): shown(30)}
    table = ProtectedTable(
        name="",
        rows=("A", "B"),
        columns=("x", "y"),
        cells=cells,
        row_totals={"A": shown(40), "B": shown(55)},
        column_totals={"x": shown(65), "y": shown(30)},
        total=shown(95),
        unit=Unit.personen,
        policy=POLICY,
    )
    report = audit(table, {"A": {"x": 40, "y": 0}, "B": {"x": 25, "y": 30}})
    assert FindingKind.dominantie_getoond in {f.kind for f in report.findings}


def test_audit_finds_a_dominant_category_that_the_margins_still_prove() -> None:
    hidden = Cell(None, "x", CellStatus.dominantie_onderdrukt)
    table = ProtectedTable(
        name="",
        rows=("A", "B"),
        columns=("x", "y"),
        cells={("A", "x"): hidden, ("A", "y"): hidden, ("B", "x"): shown(25), ("B", "y"): shown(30)},
        row_totals={"A": shown(43), "B": shown(55)},
        column_totals={"x": shown(65), "y": shown(33)},
        total=shown(98),
        unit=Unit.personen,
        policy=POLICY,
    )
    report = audit(table)
    assert FindingKind.groepsonthulling in {f.kind for f in report.findings}


def test_every_protected_table_passes_its_own_audit_exactly_and_quickly() -> None:
    counts = {"A": {"x": 40, "y": 3, "z": 0}, "B": {"x": 25, "y": 30, "z": 12}, "C": {"x": 2, "y": 14, "z": 18}}
    table = protect_table(counts, DisclosurePolicy(), unit=Unit.personen)
    quick, exact = audit(table, counts), audit(table, counts, exact=True)
    assert quick.passed and exact.passed
    assert {iv.key for iv in quick.intervals} == {iv.key for iv in exact.intervals}
    assert all(iv.exact for iv in exact.intervals)
    narrowest = exact.narrowest()
    assert narrowest is not None and narrowest.width >= 1


def test_a_protected_hierarchy_passes_its_audit_against_the_original_counts() -> None:
    counts = {"g1": {"x": 3, "y": 20}, "g2": {"x": 15, "y": 0}, "g3": {"x": 30, "y": 4}}
    levels = [
        HierarchyLevel("gemeente", breakdown=False),
        HierarchyLevel("veiligheidsregio", {"g1": "V1", "g2": "V1", "g3": "V2"}),
    ]
    hierarchy = protect_hierarchy(counts, DisclosurePolicy(), unit=Unit.personen, levels=levels)
    assert audit(hierarchy, counts).passed
    assert (
        hierarchy.assessment("gemeente").suggestion is None
        or "veiligheidsregio" in hierarchy.assessment("gemeente").suggestion
    )


def test_audit_refuses_a_release_whose_numbers_contradict_each_other() -> None:
    table = naive_table()
    contradictory = ProtectedTable(**{**table.__dict__, "total": shown(120)})
    with pytest.raises(InconsistentReleaseError):
        audit(contradictory)


def test_protecting_and_auditing_write_nothing_to_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    counts = {f"r{i}": {f"c{j}": (i * 7 + j * 5) % 23 for j in range(4)} for i in range(6)}
    audit(protect_table(counts, DisclosurePolicy(), unit=Unit.personen), counts, exact=True)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
