# SPDX-License-Identifier: EUPL-1.2
"""Protect nested tables together: gemeente within veiligheidsregio within provincie, and the nation.

Published separately, a region total minus its published municipalities gives the suppressed
municipality back. Here every level is one release: the caller gives the counts at the finest level and
how each level groups into the next, the coarser tables are summed from the finest (so they are consistent
by construction), and suppression and the audit see all relations at once. A level can be published as
totals only (``breakdown=False``), as recommended for municipalities; its breakdown is still part of the
release as unpublished cells, so a regional breakdown cannot be differenced against municipal totals
either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from zicht.privacy.disclosure.assessment import SuppressionAssessment
from zicht.privacy.disclosure.cells import Cell, TableMetadata
from zicht.privacy.disclosure.inputs import CountsLike, as_frame, evaluate, table_leaves
from zicht.privacy.disclosure.policy import DisclosurePolicy, Unit
from zicht.privacy.disclosure.secondary import protect_release
from zicht.privacy.disclosure.structure import NATIONAL, Structure, hierarchy_structure
from zicht.privacy.disclosure.table import ProtectedTable, build_table

#: Name used for the national level in advice texts.
NATIONAL_NAME = "nationaal"


@dataclass(frozen=True)
class HierarchyLevel:
    """One level of a hierarchy.

    Attributes:
        name: The level's name, e.g. ``gemeente`` or ``veiligheidsregio``.
        grouping: For every level but the first: the parent (a label of this level) of each row label of
            the level before. Labels not in the level before are ignored.
        breakdown: Publish the categories at this level; False publishes the row totals only.
    """

    name: str
    grouping: Mapping[str, str] | None = None
    breakdown: bool = True


@dataclass(frozen=True)
class ProtectedHierarchy:
    """Protected tables of every level, consistent with each other and with the national totals.

    Attributes:
        levels: The levels, finest first.
        tables: Level name to its protected table (totals-only levels have no columns).
        columns: The category labels.
        column_totals: The national total per category (shared by every level's table).
        total: The national grand total.
        unit: What is counted.
        policy: The policy that was applied.
        metadata: Passed through.
    """

    levels: tuple[HierarchyLevel, ...]
    tables: Mapping[str, ProtectedTable]
    columns: tuple[str, ...]
    column_totals: Mapping[str, Cell]
    total: Cell
    unit: Unit
    policy: DisclosurePolicy
    metadata: TableMetadata = field(default_factory=TableMetadata)

    def table(self, level: str) -> ProtectedTable:
        """The protected table of one level."""
        return self.tables[level]

    def assessment(self, level: str, *, limit: float = 0.5, longer_period: str | None = None) -> SuppressionAssessment:
        """The suppression assessment of one level, suggesting the next coarser level."""
        names = [lv.name for lv in self.levels]
        position = names.index(level)
        coarser = names[position + 1] if position + 1 < len(names) else NATIONAL_NAME
        return self.tables[level].assessment(limit=limit, coarser_level=coarser, longer_period=longer_period)


def level_rows(base_rows: Sequence[str], levels: Sequence[HierarchyLevel]) -> list[list[str]]:
    """The row labels of every level, validating the groupings.

    Raises:
        ValueError: When names are empty or repeated, or a grouping misses a label.
    """
    names = [lv.name for lv in levels]
    if not levels or any(not n or n == NATIONAL for n in names) or len(set(names)) != len(names):
        raise ValueError("a hierarchy needs at least one level, with unique non-empty names")
    if levels[0].grouping is not None:
        raise ValueError("the first (finest) level has no grouping")
    rows = [list(base_rows)]
    for level in levels[1:]:
        if level.grouping is None:
            raise ValueError(f"level {level.name!r} needs a grouping of the level before it")
        grouping = {str(k): str(v) for k, v in level.grouping.items()}
        missing = [r for r in rows[-1] if r not in grouping]
        if missing:
            raise ValueError(f"grouping of {level.name!r} has no parent for {missing[:5]}")
        rows.append(sorted({grouping[r] for r in rows[-1]}))
    return rows


def hierarchy_of(columns: Sequence[str], rows: Sequence[Sequence[str]], levels: Sequence[HierarchyLevel]) -> Structure:
    """The release structure of a hierarchy (shared by protection and audit)."""
    groupings = [{str(k): str(v) for k, v in (lv.grouping or {}).items()} for lv in levels[1:]]
    spec = [(lv.name, list(r), lv.breakdown) for lv, r in zip(levels, rows, strict=True)]
    return hierarchy_structure(columns, spec, groupings)


def protect_hierarchy(
    counts: CountsLike,
    policy: DisclosurePolicy,
    *,
    unit: Unit,
    levels: Sequence[HierarchyLevel],
    metadata: TableMetadata | None = None,
) -> ProtectedHierarchy:
    """Protect the tables of all levels of a hierarchy as one release.

    Args:
        counts: True counts at the finest level: rows are that level's units (include units with no
            persons as rows of zeros), columns the categories.
        policy: The policy in force.
        unit: What is counted.
        levels: Finest first; every level after the first has a grouping of the level before.
        metadata: Passed through to every table.

    Returns:
        The protected hierarchy; it passes ``audit``.

    Example:
        >>> levels = [HierarchyLevel("gemeente", breakdown=False),
        ...           HierarchyLevel("veiligheidsregio", {"Utrecht": "VR09", "Zeist": "VR09"})]
        >>> h = protect_hierarchy({"Utrecht": {"arbeid": 30, "seksueel": 40}, "Zeist": {"arbeid": 2,
        ...                       "seksueel": 12}}, DisclosurePolicy(), unit=Unit.personen, levels=levels)
        >>> h.table("gemeente").row_totals["Zeist"].display
        '15'
    """
    frame = as_frame(counts)
    columns = list(frame.columns)
    rows = level_rows(list(frame.index), levels)
    structure = hierarchy_of(columns, rows, levels)
    values = evaluate(structure, table_leaves(frame, levels[0].name))
    statuses, published = protect_release(structure, values, policy)
    meta = metadata or TableMetadata()
    tables = {
        level.name: build_table(
            structure,
            statuses,
            published,
            policy,
            name=level.name,
            rows=level_rows_,
            columns=columns if level.breakdown else [],
            row_totals=True,
            margin_level=NATIONAL,
            unit=unit,
            metadata=meta,
        )
        for level, level_rows_ in zip(levels, rows, strict=True)
    }
    national = build_table(
        structure,
        statuses,
        published,
        policy,
        name=NATIONAL,
        rows=[],
        columns=columns,
        row_totals=False,
        margin_level=NATIONAL,
        unit=unit,
        metadata=meta,
    )
    return ProtectedHierarchy(
        levels=tuple(levels),
        tables=tables,
        columns=tuple(columns),
        column_totals=national.column_totals,
        total=national.total,
        unit=unit,
        policy=policy,
        metadata=meta,
    )
