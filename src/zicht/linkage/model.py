# SPDX-License-Identifier: EUPL-1.2
"""The Splink model: comparisons, blocking rules and training rules for this population.

The comparisons work on the features made by :func:`zicht.linkage.normalise.prepare`:

* ``naam`` (given and family name together, so a swap counts once): exact and swapped (with a
  term-frequency adjustment, so *Mohammed Ali* weighs less than a rare name), phonetic key (transliteration
  and tussenvoegsel variants), Jaro–Winkler on both (typing errors), partial names (one name missing, a
  shortened list of given names, names written in the other field);
* ``geboortedatum``: exact, exact on the 1 January placeholder, day–month swapped, one typing error,
  same year when one side has only a year or a placeholder, same year, one year apart;
* ``geslacht``, ``nationaliteit``, ``document`` and ``telefoon`` where present;
* optional context columns (non-identifying attributes such as the crime location): exact, fuzzy, days apart,
  set overlap, or exact with a nested detail column (sector within form of exploitation).

Comparisons whose columns are empty in the data are left out (:func:`spec_for`), so the same code links a
source that sends only names and a year. Levels are written with Splink's dialect-aware level library, or as
plain SQL in the DuckDB dialect that Splink translates for Spark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect

from zicht.taal import N_

_D = "duckdb"


@dataclass(frozen=True)
class ContextVeld:
    """A non-identifying context column compared as extra evidence (e.g. ``plaats_delict``).

    Attributes:
        naam: column name in the record frame.
        soort: ``exact`` (with optional term-frequency adjustment), ``fuzzy`` (Jaro–Winkler 0.9/0.8) or
            ``dagen`` (an integer day number: within 30, 120 or 365 days) or ``lijst`` (a set of values:
            equal, overlapping, disjoint).
        tf: apply a term-frequency adjustment on the exact level.
        blokkeren: also generate candidate pairs from equal values of this column.
        detail: a finer column nested in this one (``sector`` within ``uitbuitingsvorm``), compared only where
            this column agrees: one comparison with the levels *both equal*, *equal, detail unknown*, *equal,
            detail different* and *different*, so evidence that the two columns share is not counted twice.
    """

    naam: str
    soort: Literal["exact", "fuzzy", "dagen", "lijst"] = "exact"
    tf: bool = False
    blokkeren: bool = False
    detail: str | None = None

    @property
    def kolommen(self) -> tuple[str, ...]:
        """The record columns this comparison reads."""
        return (self.naam,) if self.detail is None else (self.naam, self.detail)


@dataclass(frozen=True)
class ModelSpec:
    """Which comparisons a run uses; derived from the data by :func:`spec_for` and stored with the run."""

    namen: bool = True
    geboortedatum: bool = True
    geslacht: bool = True
    nationaliteit: bool = True
    document: bool = True
    telefoon: bool = True
    context: tuple[ContextVeld, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (stored with the run)."""
        return {
            "namen": self.namen,
            "geboortedatum": self.geboortedatum,
            "geslacht": self.geslacht,
            "nationaliteit": self.nationaliteit,
            "document": self.document,
            "telefoon": self.telefoon,
            "context": [
                {"naam": c.naam, "soort": c.soort, "tf": c.tf, "blokkeren": c.blokkeren, "detail": c.detail}
                for c in self.context
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelSpec:
        """Inverse of :meth:`to_dict`."""
        return cls(
            namen=bool(data.get("namen", True)),
            geboortedatum=bool(data.get("geboortedatum", True)),
            geslacht=bool(data.get("geslacht", True)),
            nationaliteit=bool(data.get("nationaliteit", True)),
            document=bool(data.get("document", True)),
            telefoon=bool(data.get("telefoon", True)),
            context=tuple(ContextVeld(**c) for c in data.get("context", [])),
        )


def _present(features: pd.DataFrame, column: str, minimum: int = 2) -> bool:
    return column in features.columns and int(features[column].notna().sum()) >= minimum


def context_columns(context: Sequence[ContextVeld]) -> list[str]:
    """The record columns that context comparisons read (for :func:`zicht.linkage.normalise.prepare`)."""
    return list(dict.fromkeys(k for c in context for k in c.kolommen))


def list_columns(context: Sequence[ContextVeld]) -> list[str]:
    """The context columns that hold sets of values (compared by overlap)."""
    return [c.naam for c in context if c.soort == "lijst"]


def spec_for(features: pd.DataFrame, context: Sequence[ContextVeld] = ()) -> ModelSpec:
    """The comparisons the data can support: a comparison needs values in at least two records (a nested
    detail column without values is dropped from its comparison)."""
    context = tuple(c if c.detail is None or _present(features, c.detail) else replace(c, detail=None) for c in context)
    return ModelSpec(
        namen=_present(features, "vn") or _present(features, "an"),
        geboortedatum=_present(features, "gj"),
        geslacht=_present(features, "geslacht") and features["geslacht"].nunique() > 1,
        nationaliteit=_present(features, "nat1") and features["nat1"].nunique() > 1,
        document=_present(features, "doc1"),
        telefoon=_present(features, "tel1"),
        context=tuple(c for c in context if _present(features, c.naam)),
    )


# ---- comparisons --------------------------------------------------------------------------------------


_FON = "vn_fon_l = vn_fon_r AND an_fon_l = an_fon_r"
_SWAP_FON = "vn_fon_l = an_fon_r AND an_fon_l = vn_fon_r"
_AN_GELIJK = "(an_l = an_r OR an_vol_l = an_vol_r OR an_fon_l = an_fon_r)"
_VN_GELIJK = "(vn_l = vn_r OR vn_fon_l = vn_fon_r)"
#: One side's given name (or, swapped, its family name) is only an initial.
_INITIAAL_L = "(length(vn_l) = 1 OR length(an1_l) = 1)"
_INITIAAL_R = "(length(vn_r) = 1 OR length(an1_r) = 1)"


class _SwappedJaroWinkler(ComparisonLevelCreator):
    """Given and family name swapped, each with a small spelling difference (dialect-aware Jaro–Winkler)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        fn = sql_dialect.jaro_winkler_function_name
        t = self.threshold
        return f"{fn}(vn_l, an1_r) >= {t} AND {fn}(an1_l, vn_r) >= {t}"

    def create_label_for_charts(self) -> str:
        return N_("verwisseld, bijna gelijk")


def _naam() -> ComparisonCreator:
    """Given and family name as one comparison, so a swap counts once and partial names have their own level.

    The exact level carries a term-frequency adjustment on ``naam_sleutel`` (the two names sorted), so a
    common full name such as *Mohammed Ali* weighs less than a rare one.
    """
    return cl.CustomComparison(
        output_column_name="naam",
        comparison_description="Voornaam en achternaam",
        comparison_levels=[
            cll.CustomLevel(
                "(vn_l IS NULL AND an_l IS NULL) OR (vn_r IS NULL AND an_r IS NULL)", "onbekend", _D
            ).configure(is_null_level=True),
            # The term-frequency adjustment is relative to this level's own u (not the swap level's, which
            # Splink would pick as "the exact match on naam_sleutel").
            cll.CustomLevel("naam_sleutel_l = naam_sleutel_r AND vn_l = vn_r", N_("gelijk"), _D).configure(
                tf_adjustment_column="naam_sleutel", tf_adjustment_weight=1.0, disable_tf_exact_match_detection=True
            ),
            cll.CustomLevel("naam_sleutel_l = naam_sleutel_r", N_("voor- en achternaam verwisseld"), _D).configure(
                tf_adjustment_column="naam_sleutel",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            cll.CustomLevel(
                f"({_FON}) OR (vn_l = vn_r AND an_vol_l = an_vol_r) OR (vn_vol_l = vn_vol_r AND {_AN_GELIJK})",
                N_("fonetisch gelijk (transliteratie, tussenvoegsel)"),
                _D,
            ).configure(
                tf_adjustment_column="fon_sleutel",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            cll.CustomLevel(_SWAP_FON, N_("verwisseld, fonetisch gelijk"), _D).configure(
                tf_adjustment_column="fon_sleutel",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            cll.Or(
                cll.And(cll.JaroWinklerLevel("vn", 0.88), cll.JaroWinklerLevel("an", 0.88)),
                cll.And(cll.CustomLevel(_VN_GELIJK, base_dialect_str=_D), cll.DamerauLevenshteinLevel("an", 1)),
            ).configure(
                label_for_charts=N_("beide bijna gelijk (tikfout)"),
            ),
            _SwappedJaroWinkler(0.88),
            cll.And(cll.ArrayIntersectLevel("fon_tokens", 2), cll.ArraySubsetLevel("fon_tokens")).configure(
                label_for_charts=N_("namen van de een alle in de ander (andere volgorde of velden)")
            ),
            cll.And(
                cll.CustomLevel(_AN_GELIJK, base_dialect_str=_D),
                cll.Or(
                    cll.ArrayIntersectLevel("vn_alle", 1),
                    cll.JaroWinklerLevel("vn", 0.88),
                    cll.DamerauLevenshteinLevel("vn", 1),
                ),
            ).configure(label_for_charts=N_("achternaam gelijk, een van de voornamen gelijk of bijna")),
            cll.CustomLevel(
                f"(an_l IS NULL OR an_r IS NULL) AND {_VN_GELIJK}", N_("alleen voornaam bekend, gelijk"), _D
            ),
            cll.CustomLevel(
                f"(vn_l IS NULL OR vn_r IS NULL) AND {_AN_GELIJK}", N_("alleen achternaam bekend, gelijk"), _D
            ),
            cll.Or(
                cll.And(
                    cll.ArrayIntersectLevel("fon_tokens", 2),
                    cll.CustomLevel(
                        "(vn_l IS NULL OR vn_r IS NULL OR an_l IS NULL OR an_r IS NULL)", base_dialect_str=_D
                    ),
                ),
                cll.ArrayIntersectLevel("fon_tokens", 3),
            ).configure(label_for_charts=N_("deels gelijk (namen in andere velden)")),
            # The family name and the first letter of the given names: initials (``A.M.`` for ``Anna Maria``)
            # and a mangled given name. Kept apart from the level below, so that two clearly different given
            # names under one family name (siblings, twins) do not share evidence with an initial.
            cll.CustomLevel(
                f"{_AN_GELIJK} AND substr(vn_l, 1, 1) = substr(vn_r, 1, 1)",
                N_("achternaam gelijk, voorletter gelijk"),
                _D,
            ).configure(
                tf_adjustment_column="voorletter_sleutel",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            # An initial where the family name has a typing error (``Q. Eang`` for ``Qin Wang``), or where the
            # fields are swapped (``Azzouzi, S.`` for ``Samnab Azzouzi``): one side is only an initial.
            cll.CustomLevel(
                f"({_INITIAAL_L} OR {_INITIAAL_R}) AND ("
                "(substr(vn_l, 1, 1) = substr(vn_r, 1, 1) AND damerau_levenshtein(an1_l, an1_r) <= 1)"
                " OR (an_fon_l = vn_fon_r AND substr(vn_l, 1, 1) = substr(an1_r, 1, 1))"
                " OR (vn_fon_l = an_fon_r AND substr(an1_l, 1, 1) = substr(vn_r, 1, 1)))",
                N_("voorletter, achternaam met tikfout of verwisseld"),
                _D,
            ).configure(
                tf_adjustment_column="voorletter_sleutel",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            # A shared family or given name alone is common among people of one origin (small name pools):
            # term-frequency adjusted, so a common name weighs less than a rare one.
            cll.CustomLevel(_AN_GELIJK, N_("alleen achternaam gelijk"), _D).configure(
                tf_adjustment_column="an", tf_adjustment_weight=1.0, disable_tf_exact_match_detection=True
            ),
            cll.CustomLevel(_VN_GELIJK, N_("alleen voornaam gelijk"), _D).configure(
                tf_adjustment_column="vn", tf_adjustment_weight=1.0, disable_tf_exact_match_detection=True
            ),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


def _geboortedatum() -> ComparisonCreator:
    incomplete = "(gd_l IS NULL OR gd_r IS NULL OR gd_1jan_l OR gd_1jan_r)"
    return cl.CustomComparison(
        output_column_name="geboortedatum",
        comparison_description="Geboortedatum of geboortejaar",
        comparison_levels=[
            cll.CustomLevel("gj_l IS NULL OR gj_r IS NULL", N_("onbekend"), _D).configure(is_null_level=True),
            cll.CustomLevel("gd_l = gd_r AND NOT gd_1jan_l", N_("gelijk"), _D),
            cll.CustomLevel("gd_l = gd_r", N_("gelijk, beide 1 januari (mogelijk plaatshouder)"), _D),
            cll.CustomLevel(
                "gj_l = gj_r AND gd_dag_l = gd_maand_r AND gd_maand_l = gd_dag_r", N_("dag en maand verwisseld"), _D
            ),
            cll.DamerauLevenshteinLevel("gd", 1).configure(label_for_charts=N_("een tikfout verschil")),
            # One level for "the year fits an incomplete date": the same year, or a year estimated from the age
            # at the report that fits (the true year is the estimate or the next). Two levels would split
            # the few training pairs without a full date and leave the second with an unestimated m.
            cll.CustomLevel(
                f"(gj_l = gj_r AND {incomplete}) OR (gj_geschat_l AND gj_r - gj_l BETWEEN 0 AND 1) "
                "OR (gj_geschat_r AND gj_l - gj_r BETWEEN 0 AND 1)",
                N_("zelfde jaar of leeftijd bij melding past, datum onvolledig of 1 januari"),
                _D,
            ),
            cll.CustomLevel("gj_l = gj_r", N_("zelfde jaar, andere datum"), _D),
            cll.CustomLevel("abs(gj_l - gj_r) <= 1", N_("een jaar verschil"), _D),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


def _geslacht() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="geslacht",
        comparison_levels=[
            cll.NullLevel("geslacht"),
            cll.ExactMatchLevel("geslacht").configure(label_for_charts=N_("gelijk")),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


def _nationaliteit() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="nationaliteit",
        comparison_levels=[
            cll.NullLevel("nat1"),
            cll.ExactMatchLevel("nat1").configure(label_for_charts=N_("gelijk")),
            cll.ArrayIntersectLevel("nat", 1).configure(label_for_charts=N_("een van de nationaliteiten gelijk")),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


def _document() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="document",
        comparison_levels=[
            cll.NullLevel("doc1"),
            cll.ArrayIntersectLevel("docs", 1).configure(label_for_charts=N_("gelijk documentnummer")),
            cll.DamerauLevenshteinLevel("doc1", 1).configure(label_for_charts=N_("een tikfout verschil")),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


def _telefoon() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="telefoon",
        comparison_levels=[
            cll.NullLevel("tel1"),
            cll.ArrayIntersectLevel("tels", 1).configure(label_for_charts=N_("gelijk telefoonnummer")),
            cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
        ],
    )


#: The level labels of a context comparison with a detail nested in it (the registry's one: the sector within the
#: form of exploitation), as catalogue texts; another detail gets Dutch labels made from its name.
_DETAIL_NIVEAUS = {
    "sector": (N_("gelijk, sector gelijk"), N_("gelijk, sector onbekend"), N_("gelijk, sector verschillend")),
}


def _context(veld: ContextVeld) -> ComparisonCreator:
    if veld.detail is not None:
        n, d = veld.naam, veld.detail
        labels = _DETAIL_NIVEAUS.get(d, (f"gelijk, {d} gelijk", f"gelijk, {d} onbekend", f"gelijk, {d} verschillend"))
        return cl.CustomComparison(
            output_column_name=n,
            comparison_levels=[
                cll.NullLevel(n),
                cll.CustomLevel(f"{n}_l = {n}_r AND {d}_l = {d}_r", labels[0], _D),
                cll.CustomLevel(f"{n}_l = {n}_r AND ({d}_l IS NULL OR {d}_r IS NULL)", labels[1], _D),
                cll.CustomLevel(f"{n}_l = {n}_r", labels[2], _D),
                cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
            ],
        )
    if veld.soort == "lijst":
        return cl.CustomComparison(
            output_column_name=veld.naam,
            comparison_levels=[
                cll.NullLevel(veld.naam),
                cll.ExactMatchLevel(veld.naam).configure(label_for_charts=N_("gelijk")),
                cll.ArrayIntersectLevel(veld.naam, 1).configure(label_for_charts=N_("deels gelijk")),
                cll.ElseLevel().configure(label_for_charts=N_("verschillend")),
            ],
        )
    if veld.soort == "dagen":
        n = veld.naam
        return cl.CustomComparison(
            output_column_name=n,
            comparison_levels=[
                cll.NullLevel(n),
                cll.CustomLevel(f"abs({n}_l - {n}_r) <= 30", N_("binnen 30 dagen"), _D),
                cll.CustomLevel(f"abs({n}_l - {n}_r) <= 120", N_("binnen 120 dagen"), _D),
                cll.CustomLevel(f"abs({n}_l - {n}_r) <= 365", N_("binnen een jaar"), _D),
                cll.ElseLevel().configure(label_for_charts=N_("meer dan een jaar")),
            ],
        )
    levels: list[Any] = [
        cll.NullLevel(veld.naam),
        cll.ExactMatchLevel(veld.naam, term_frequency_adjustments=veld.tf).configure(label_for_charts=N_("gelijk")),
    ]
    if veld.soort == "fuzzy":
        levels += [
            cll.JaroWinklerLevel(veld.naam, 0.9).configure(label_for_charts=N_("bijna gelijk")),
            cll.JaroWinklerLevel(veld.naam, 0.8).configure(label_for_charts=N_("lijkend")),
        ]
    levels.append(cll.ElseLevel().configure(label_for_charts=N_("verschillend")))
    return cl.CustomComparison(output_column_name=veld.naam, comparison_levels=levels)


#: Context the registry compares: report date, crime location, forms of exploitation with their sectors, the
#: methods used, and the reporting organisation (minimised attributes of the melding itself, not identifying).
#: The sector is nested in the form (one comparison), because a sector implies its form. Two meldingen of one
#: organisation under different references are seldom the same person (an organisation keeps one dossier per
#: victim); how seldom is learnt from the data like every other m. The reporter's region is left out on purpose: it
#: follows the crime location so closely that Fellegi–Sunter, which treats comparisons as independent, would
#: count the same evidence twice (measured: false merges of namesakes in one region). The dossier type is left
#: out too: it says what the reporter asks of the registry, not something about the person.
REGISTER_CONTEXT = (
    ContextVeld("melddag", "dagen"),
    ContextVeld("plaats_delict"),
    ContextVeld("uitbuitingsvorm", detail="sector"),
    ContextVeld("werkwijze", "lijst"),
    ContextVeld("melder"),
)


def comparisons(spec: ModelSpec) -> list[ComparisonCreator]:
    """The comparisons of a model spec, in a fixed order."""
    out: list[ComparisonCreator] = []
    if spec.namen:
        out.append(_naam())
    if spec.geboortedatum:
        out.append(_geboortedatum())
    if spec.geslacht:
        out.append(_geslacht())
    if spec.nationaliteit:
        out.append(_nationaliteit())
    if spec.document:
        out.append(_document())
    if spec.telefoon:
        out.append(_telefoon())
    out += [_context(c) for c in spec.context]
    return out


# ---- blocking ------------------------------------------------------------------------------------------


def blocking_rules(spec: ModelSpec) -> list[BlockingRuleCreator | str]:
    """Rules that generate candidate pairs (OR-ed). Placeholder dates (1 January) never block on their own."""
    rules: list[BlockingRuleCreator | str] = []
    if spec.namen:
        rules += [
            block_on("vn_fon", "an_fon"),
            "l.vn_fon = r.an_fon AND l.an_fon = r.vn_fon",
            block_on("vn_fon", "an_vol"),
        ]
    if spec.geboortedatum:
        rules.append(block_on("gd_blok"))
        if spec.namen:
            rules += [
                block_on("an_fon", "gj"),
                block_on("vn_fon", "gj"),
                # Swapped names where one field holds several names (the longest is the key): one half of the
                # swap plus the birth year. Two rules, because a dedupe compares each pair once (l < r).
                "l.vn_fon = r.an_fon AND l.gj = r.gj",
                "l.an_fon = r.vn_fon AND l.gj = r.gj",
            ]
    if spec.namen:
        # A missing birth year plus a misspelt name: one name by sound and the first two letters of the other.
        # Only where a birth year is missing (with both years known the name + birth year rules apply), so the
        # rules stay narrow as the registry grows.
        undated = "(l.gj IS NULL OR r.gj IS NULL)"
        rules += [
            f"l.an_fon = r.an_fon AND substr(l.vn, 1, 2) = substr(r.vn, 1, 2) AND {undated}",
            f"l.vn_fon = r.vn_fon AND substr(l.an1, 1, 2) = substr(r.an1, 1, 2) AND {undated}",
            # Initials (``E.M.`` against ``Ewa Magdalena``): the initial and the family name by sound, or its first
            # three letters where it has a typing error; keys that exist only where the given name is just an
            # initial (``*_kaal``), so each rule joins those few meldingen and not every pair with an initial
            # in common. Two rules each, because a dedupe compares each pair once (l < r).
            "l.vl_anfon_kaal = r.vl_anfon",
            "l.vl_anfon = r.vl_anfon_kaal",
            "l.vl_an3_kaal = r.vl_an3",
            "l.vl_an3 = r.vl_an3_kaal",
        ]
    if spec.document:
        rules.append(block_on("doc1"))
    if spec.telefoon:
        rules.append(block_on("tel1"))
    rules += [block_on(c.naam) for c in spec.context if c.blokkeren]
    context = {c.naam for c in spec.context}
    if spec.namen and "plaats_delict" in context:
        # A missing birth date plus a misspelt name: the place of exploitation still narrows it down.
        rules += [block_on("vn_fon", "plaats_delict"), block_on("an_fon", "plaats_delict")]
    if spec.namen and spec.nationaliteit and "melddag" in context:
        # A missing birth date plus a misspelt given or family name and no crime location: the other name,
        # the nationality and reports within a year of each other (the same victim is usually reported by
        # several organisations within months). Only where a birth year is missing: with both years known the
        # name + birth year rules above apply, and without this condition the rule admits every namesake of
        # the same nationality reported that year (candidates grow with the square of the volume).
        rules += [
            f"l.{key} = r.{key} AND l.nat1 = r.nat1 AND abs(l.melddag - r.melddag) <= 365"
            " AND (l.gj IS NULL OR r.gj IS NULL)"
            for key in ("an_fon", "vn_fon")
        ]
    return rules


def training_rules(spec: ModelSpec) -> list[BlockingRuleCreator]:
    """Blocking rules for the EM sessions; each leaves out the comparisons it blocks on.

    Names are trained on pairs with the same birth date; the birth date on pairs with the same document or
    phone number, which are nearly all the same person. Blocking on names to train the birth date would not
    do: in this population many different people share a name (small name pools, common names), and EM would
    then learn that a different birth date is normal for the same person.
    """
    rules: list[BlockingRuleCreator] = []
    if spec.geboortedatum:
        rules.append(block_on("gd"))
    if spec.document:
        rules.append(block_on("doc1"))
    if spec.telefoon:
        rules.append(block_on("tel1"))
    if trains_on_rare_names(spec):
        # Without documents or phone numbers, the birth date (and the context) is trained on pairs with the
        # same *rare* full name (``naam_zeldzaam``, :func:`rare_name_key`), which are nearly all one person even
        # where many people share the common names; ``vn`` in the rule takes the name comparison out of this
        # session (it is trained on the birth-date block). Blocking on similar names instead trained it on
        # namesakes: m(birth date equal) 0.18 on the stress set, about 0.7 in truth. With documents or phones
        # their pairs train it, which holds even when a few namesakes share a "rare" name in a small registry.
        rules.append(block_on(RARE_NAME, "vn"))
    return rules


def trains_on_rare_names(spec: ModelSpec) -> bool:
    """Whether :func:`training_rules` trains on pairs with the same rare full name (no documents or phones)."""
    return spec.namen and not (spec.document or spec.telefoon)


#: Training-only feature: the full-name key where the name is rare (see :func:`rare_name_key`).
RARE_NAME = "naam_zeldzaam"


def rare_name_key(features: pd.DataFrame, *, expected_others: float = 0.5, max_count: int = 4) -> pd.Series:
    """``naam_sleutel`` where another person with this full name is unlikely, else missing (for training).

    Rare: the registry holds the name at most ``max_count`` times (one person reported by a few organisations)
    and the name's frequency composed within its nationality group
    (:func:`zicht.linkage.frequenties.name_frequencies`) expects fewer than ``expected_others`` other records
    with it.
    """
    from zicht.linkage.frequenties import NAAM_SLEUTEL, name_frequencies

    keys = features[NAAM_SLEUTEL]
    present = keys.dropna()
    if present.empty:
        return pd.Series([None] * len(features), index=features.index, dtype=object)
    counts = present.value_counts()
    tf = name_frequencies(features, pair_in_table=2).set_index(NAAM_SLEUTEL)[f"tf_{NAAM_SLEUTEL}"]
    n = len(present)
    rare = {k for k in counts.index if counts[k] <= max_count and float(tf.get(k, 1.0)) * n < expected_others}
    return keys.where(keys.isin(rare), None).astype(object)


def deterministic_rules(spec: ModelSpec) -> list[BlockingRuleCreator]:
    """Near-certain rules used to estimate the prior probability that two random meldingen match."""
    rules: list[BlockingRuleCreator] = []
    if spec.namen and spec.geboortedatum:
        rules.append(block_on("vn", "an", "gd"))
    if spec.document:
        rules.append(block_on("doc1"))
    if spec.telefoon and spec.namen:
        rules.append(block_on("tel1", "vn"))
    if not rules and spec.namen:
        rules.append(block_on("vn", "an"))
    return rules


def settings(spec: ModelSpec, *, max_iterations: int = 25) -> SettingsCreator:
    """The Splink settings for a dedupe of meldingen under ``spec``."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=list(comparisons(spec)),
        blocking_rules_to_generate_predictions=[
            r if not isinstance(r, str) else {"blocking_rule": r, "sql_dialect": _D} for r in blocking_rules(spec)
        ],
        # Splink outputs comparison levels only together with the compared values; they stay inside the
        # database and engine.safe_pairs selects only ids, scores and levels.
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        max_iterations=max_iterations,
        em_convergence=0.0001,
    )
