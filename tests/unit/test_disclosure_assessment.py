# SPDX-License-Identifier: EUPL-1.2
"""When most of a table vanishes, the result says so and suggests the coarser level or a longer period."""

from __future__ import annotations

import pytest

from zicht.privacy.disclosure import (
    DisclosurePolicy,
    HierarchyLevel,
    Unit,
    assess_suppression,
    protect_hierarchy,
    protect_table,
)


def test_a_table_with_more_than_half_of_its_informative_cells_hidden_is_mostly_suppressed() -> None:
    sparse = protect_table({"A": {"x": 3, "y": 4}, "B": {"x": 2, "y": 30}}, DisclosurePolicy(), unit=Unit.personen)
    assert sparse.mostly_suppressed
    assessment = sparse.assessment(coarser_level="veiligheidsregio", longer_period="2021-2023")
    assert assessment.share_suppressed > 0.5
    assert assessment.suggestion is not None
    assert "veiligheidsregio" in assessment.suggestion and "2021-2023" in assessment.suggestion
    assert sparse.to_dict()["mostly_suppressed"] is True


def test_a_table_of_large_counts_is_not_mostly_suppressed() -> None:
    dense = protect_table({"A": {"x": 30, "y": 40}, "B": {"x": 25, "y": 30}}, DisclosurePolicy(), unit=Unit.personen)
    assessment = dense.assessment()
    assert not dense.mostly_suppressed
    assert assessment.share_suppressed == 0.0 and assessment.suggestion is None


def test_shown_zeros_do_not_count_as_information_that_survived() -> None:
    table = protect_table(
        {"A": {"x": 3, "y": 0, "z": 0}, "B": {"x": 0, "y": 0, "z": 0}, "C": {"x": 0, "y": 0, "z": 40}},
        DisclosurePolicy(),
        unit=Unit.personen,
    )
    assert table.assessment().share_suppressed == 1.0


@pytest.mark.parametrize(("share", "mostly"), [(0.0, False), (0.5, False), (0.51, True), (1.0, True)])
def test_mostly_suppressed_means_more_than_the_limit(share: float, mostly: bool) -> None:
    assert assess_suppression(share).mostly_suppressed is mostly
    assert assess_suppression(share, limit=0.25).mostly_suppressed is (share > 0.25)


def test_assess_suppression_refuses_a_share_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="share"):
        assess_suppression(1.5)


def test_a_hierarchy_suggests_the_next_coarser_level_for_a_mostly_suppressed_level() -> None:
    counts = {f"g{i}": {"x": 1 + i % 3, "y": i % 2} for i in range(8)}
    levels = [
        HierarchyLevel("gemeente"),
        HierarchyLevel("veiligheidsregio", {f"g{i}": f"vr{i // 4}" for i in range(8)}),
    ]
    hierarchy = protect_hierarchy(counts, DisclosurePolicy(), unit=Unit.personen, levels=levels)
    assessment = hierarchy.assessment("gemeente", longer_period="2021-2023")
    assert assessment.mostly_suppressed
    assert assessment.suggestion is not None and "veiligheidsregio" in assessment.suggestion
    top = hierarchy.assessment("veiligheidsregio")
    assert top.suggestion is None or "nationaal" in top.suggestion
