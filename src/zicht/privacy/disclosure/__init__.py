# SPDX-License-Identifier: EUPL-1.2
"""Statistical disclosure control for every table that leaves the analyst role.

Municipal statistics on possible victims of trafficking are small numbers about a motivated adversary's
target group, so every table, breakdown and hierarchy passes through this package before any page, API,
CLI or export sees it. The analysis layer calls ``protect_table``, ``protect_series`` or
``protect_hierarchy`` with the true counts and gets a ``ProtectedTable`` (or ``ProtectedHierarchy``) that
holds no true counts. The policy comes from configuration: ``DisclosurePolicy.from_settings(settings)``.

What is applied, in order (see docs/disclosure.md and docs/adr/0003-disclosure-control.md):

1. Primary suppression: counts 1..threshold-1 are hidden and shown as ``<10``; a zero stays 0 unless the
   policy says zeros are disclosive.
2. Group disclosure: a row in which one category holds at least the dominance share (default 90%) is
   hidden as a whole and marked ``x``.
3. Secondary suppression: further cells are hidden (cheapest first, by a small MILP per breach) until an
   audit (the attacker's LP over all published cells, margins, linked levels and rounding intervals) shows
   that no hidden count is pinned or narrowed below the protection width, and no hidden row's dominant
   category can be proven.
4. Rounding: every shown count, totals included, is the true count rounded to the base (default 5).
   Totals are true totals, rounded and protected like any other cell.

Why repeated or near-identical requests cannot be differenced to reveal a small count:

- Determinism. The output is a pure function of the counts, the policy and the earlier releases it is
  linked to: labels are sorted before solving, the solvers are deterministic and run without a time limit,
  and there is no randomness. Asking again returns the same table, so repetition cannot average anything
  away.
- Rounding. Every published number is a fixed function of one true count (``policy.round``), never of the
  request. A small count an attacker could derive from two requests (a filter one category wider, data one
  record later: ``b = a + d``) is only known to lie in ``[lo(b) - hi(a), hi(b) - lo(a)]``, where
  ``[lo, hi]`` is what a published number says (its rounding interval, clipped at the threshold; 1..9 for
  ``<10``). With base 5 and threshold 10 that interval either contains 0 (it is not even known that anyone
  differs) or covers at least seven values; it is never a single value.
- Linked releases. Two independently protected tables can still narrow a difference through their
  margins (the tests show one record pinned through a row total that crosses a rounding boundary in one
  table only). ``protect_table(..., previous=[PreviousRelease(table, counts)])`` therefore protects a new
  table together with earlier releases of nested data: the difference and its margins become unpublished
  cells of one release, and the new table is suppressed until the joint audit passes (no derived count
  lies entirely within 1..9 in a range narrower than the protection width).
- Linked tables are one release. A municipality cannot be recovered from its region's total minus the
  other municipalities, nor a category from its breakdown's total, because ``protect_hierarchy`` and the
  margins of ``protect_table`` put all those relations into one attacker LP that must pass first. Filters
  are best offered as dimensions of such tables ("all forms" is the row total of the forms table).
- What is not covered: overlapping (not nested) releases that are not linked, releases outside what is
  passed in, and rounding base 1 (no rounding). The caller keeps the release register.

Public API: ``DisclosurePolicy``, ``Unit``, ``Cell``, ``CellStatus``, ``Marker``, ``TableMetadata``,
``ProtectedTable``, ``ProtectedHierarchy``, ``HierarchyLevel``, ``protect_table``, ``protect_series``,
``protect_hierarchy``, ``audit``, ``AuditReport``, ``Finding``, ``FindingKind``, ``CellInterval``,
``SuppressionAssessment``, ``assess_suppression``, ``suppressed_share``, ``DisclosureError``,
``PreviousRelease``, ``InconsistentReleaseError``, ``CellKey``, ``release_structure``, ``TOTAL_LABEL``.
"""

from zicht.privacy.disclosure.assessment import SuppressionAssessment, assess_suppression, suppressed_share
from zicht.privacy.disclosure.attacker import InconsistentReleaseError
from zicht.privacy.disclosure.cells import Cell, CellStatus, Marker, TableMetadata
from zicht.privacy.disclosure.hierarchy import HierarchyLevel, ProtectedHierarchy, protect_hierarchy
from zicht.privacy.disclosure.linked import PreviousRelease
from zicht.privacy.disclosure.policy import DisclosurePolicy, Unit
from zicht.privacy.disclosure.protect import protect_series, protect_table
from zicht.privacy.disclosure.report import AuditReport, CellInterval, Finding, FindingKind
from zicht.privacy.disclosure.secondary import DisclosureError
from zicht.privacy.disclosure.structure import CellKey
from zicht.privacy.disclosure.table import TOTAL_LABEL, ProtectedTable
from zicht.privacy.disclosure.verify import audit, release_structure

__all__ = [
    "TOTAL_LABEL",
    "AuditReport",
    "Cell",
    "CellInterval",
    "CellKey",
    "CellStatus",
    "DisclosureError",
    "DisclosurePolicy",
    "Finding",
    "FindingKind",
    "HierarchyLevel",
    "InconsistentReleaseError",
    "Marker",
    "PreviousRelease",
    "ProtectedHierarchy",
    "ProtectedTable",
    "SuppressionAssessment",
    "TableMetadata",
    "Unit",
    "assess_suppression",
    "audit",
    "protect_hierarchy",
    "protect_series",
    "protect_table",
    "release_structure",
    "suppressed_share",
]
