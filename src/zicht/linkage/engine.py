# SPDX-License-Identifier: EUPL-1.2
"""Train, predict and cluster with Splink 5 on DuckDB (default) or Spark.

The engine works on a frame of *decrypted* records in memory (see :mod:`zicht.linkage.normalise`); it
never writes them anywhere. What leaves the engine is non-identifying: melding ids, scores, comparison
levels (gamma values and Bayes factors) and the trained model, whose JSON holds only settings and m/u
probabilities. Term-frequency tables (which do hold names) live only in the in-memory database.

Training is unsupervised and reproducible: a starting prior from deterministic rules with an assumed recall,
u by random sampling with a fixed seed, m by expectation maximisation on two blocking rules, then the prior
re-estimated from the trained model (:func:`prior_by_em`).

Example:
    >>> result = link(records, seed=42)  # doctest: +SKIP
    >>> result.clusters.labels["m-1"] == result.clusters.labels["m-2"]  # doctest: +SKIP
    True
"""

from __future__ import annotations

import copy
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy
import pandas as pd

from zicht.linkage import model as model_mod
from zicht.linkage.clusters import ClusterResult, cluster, conflicting_pairs, pair_key
from zicht.linkage.frequenties import SAMENGESTELD
from zicht.linkage.model import ContextVeld, ModelSpec
from zicht.linkage.normalise import (
    LIST_FEATURES,
    birth_dates_conflict,
    birth_signatures,
    given_name_signatures,
    given_names_conflict,
    prepare,
)

if TYPE_CHECKING:
    from zicht.linkage.steekproef import Steekproef, SteekproefConfig

Backend = Literal["duckdb", "spark"]
#: Progress callback: (stage, fraction done 0..1).
Progress = Callable[[str, float], None]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Drempels:
    """Decision thresholds on the match probability.

    Attributes:
        boven: at or above, two meldingen are linked automatically.
        onder: from here up to ``boven`` a pair goes to the review queue; below, not linked.
    """

    boven: float = 0.99
    onder: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 < self.onder <= self.boven < 1.0:
            raise ValueError("thresholds must satisfy 0 < onder <= boven < 1")


@dataclass(frozen=True)
class TrainingConfig:
    """Knobs of unsupervised training; stored with every run so a run can be reproduced.

    Attributes:
        seed: seed for u estimation by random sampling.
        u_max_pairs: pairs sampled for u.
        em_max_pairs: cap on blocked pairs per EM session (``None``: all).
        prior_recall: assumed recall of the deterministic rules for the starting prior (and its floor: the
            prior is never below what those rules find with recall 1).
        prior_em: re-estimate the prior from the trained model (:func:`prior_by_em`).
        prior_sample: meldingen sampled for that estimate in a larger registry.
        max_iterations: EM iterations per session.
        m_minimum: lower bound on every m probability after training, so one disagreeing attribute (a
            nationality or exploitation form written differently by two reporters) weighs against a link
            but never vetoes it; also the m of levels that EM never observed.
    """

    seed: int = 42
    u_max_pairs: float = 2e6
    em_max_pairs: float | None = 2e6
    prior_recall: float = 0.5
    prior_em: bool = True
    prior_sample: int = 20_000
    max_iterations: int = 25
    m_minimum: float = 0.005

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "seed": self.seed,
            "u_max_pairs": self.u_max_pairs,
            "em_max_pairs": self.em_max_pairs,
            "prior_recall": self.prior_recall,
            "prior_em": self.prior_em,
            "prior_sample": self.prior_sample,
            "max_iterations": self.max_iterations,
            "m_minimum": self.m_minimum,
        }


@dataclass(frozen=True)
class TrainedModel:
    """A trained model: the spec, Splink's model JSON (settings plus m/u, nothing identifying) and config."""

    spec: ModelSpec
    splink_model: dict[str, Any]
    training: TrainingConfig = field(default_factory=TrainingConfig)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters of the run."""
        return {"spec": self.spec.to_dict(), "splink": self.splink_model, "training": self.training.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainedModel:
        """Inverse of :meth:`to_dict`."""
        return cls(
            spec=ModelSpec.from_dict(data["spec"]),
            splink_model=data["splink"],
            training=TrainingConfig(**data.get("training", {})),
        )

    def level_labels(self) -> dict[str, dict[int, str]]:
        """Per comparison: gamma value -> human label (``-1`` is the null level)."""
        out: dict[str, dict[int, str]] = {}
        for comp in self.splink_model["comparisons"]:
            levels = comp["comparison_levels"]
            non_null = [lv for lv in levels if not lv.get("is_null_level")]
            labels: dict[int, str] = {-1: "onbekend"}
            for i, lv in enumerate(non_null):
                labels[len(non_null) - 1 - i] = str(lv.get("label_for_charts", ""))
            out[comp["output_column_name"]] = labels
        return out


@dataclass
class LinkResult:
    """Outcome of a full linkage run (no identifying values).

    Attributes:
        model: the trained model used.
        paren: scored candidate pairs with ``match_probability`` >= the lower threshold: columns
            ``melding_a``, ``melding_b`` (a < b), ``match_weight``, ``match_probability``, and per comparison
            the level ``gamma_*`` and match-weight parts ``mw_*`` / ``mw_tf_adj_*`` (log2 Bayes factors).
        clusters: the cluster label per melding.
        drempels: thresholds used.
        kandidaten: number of blocked candidate pairs scored.
        tijden: seconds per stage.
        strijdig: pairs that automatic links would have chained into one person although their birth dates
            conflict (:func:`person_conflicts`); kept apart.
        steekproef: the quality-audit design and its random sample (:mod:`zicht.linkage.steekproef`), when
            asked for.
    """

    model: TrainedModel
    paren: pd.DataFrame
    clusters: ClusterResult
    drempels: Drempels
    kandidaten: int = 0
    tijden: dict[str, float] = field(default_factory=dict)
    steekproef: Steekproef | None = None
    strijdig: list[tuple[str, str]] = field(default_factory=list)

    def review_pairs(self, besloten: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
        """Pairs scored at or above the lower threshold whose meldingen ended in different clusters and are not
        decided: those between the thresholds, and those above the upper one that the person-level check
        (:func:`person_conflicts`) kept apart."""
        labels = self.clusters.labels
        done = {pair_key(a, b) for a, b in besloten}
        p = self.paren
        mask = p["match_probability"] >= self.drempels.onder
        cand = p[mask]
        keep = [
            labels.get(a) != labels.get(b) and (a, b) not in done
            for a, b in zip(cand["melding_a"], cand["melding_b"], strict=True)
        ]
        return (
            cand[pd.Series(keep, index=cand.index, dtype=bool)]
            .sort_values("match_probability", ascending=False)
            .reset_index(drop=True)
        )


# ---- backends -------------------------------------------------------------------------------------------


def _db_api(backend: Backend, spark_session: Any = None) -> Any:
    if backend == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect(":memory:")
        con.execute("SET threads TO 2")
        return DuckDBAPI(con)
    if backend == "spark":
        from splink import SparkAPI

        if spark_session is None:
            spark_session = local_spark_session()
        return SparkAPI(spark_session=spark_session, break_lineage_method="persist")
    raise ValueError(f"unknown backend {backend!r}")


def local_spark_session(cores: int = 2) -> Any:
    """A local Spark session with Splink's similarity UDF jar (for ``--engine spark`` and tests)."""
    from pyspark.sql import SparkSession
    from splink.internals.spark.jar_location import similarity_jar_location

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("zicht-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.default.parallelism", str(max(2, cores * 2)))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def _quiet_splink() -> None:
    # Splink logs SQL, progress and training notes (comparison names, never record values); keep errors only.
    logging.getLogger("splink").setLevel(logging.ERROR)


def _linker(features: pd.DataFrame, settings: Any, db_api: Any) -> Any:
    from splink import Linker

    _quiet_splink()
    if db_api.sql_dialect.sql_dialect_str == "spark":
        frame = db_api.register(_spark_frame(features, db_api.spark))
    else:
        frame = db_api.register(features)
    return Linker(frame, settings, log_level=None)


def _spark_frame(features: pd.DataFrame, spark: Any) -> Any:
    """A Spark DataFrame with an explicit schema (type inference fails on columns that are all empty)."""
    from pyspark.sql import types as spark_types

    fields: list[Any] = []
    for name, dtype in features.dtypes.items():
        if name in LIST_FEATURES or any(isinstance(v, list) for v in features[name]):
            kind: Any = spark_types.ArrayType(spark_types.StringType())
        elif str(dtype) == "Int64":
            kind = spark_types.LongType()
        elif str(dtype) == "boolean":
            kind = spark_types.BooleanType()
        else:
            kind = spark_types.StringType()
        fields.append(spark_types.StructField(str(name), kind, nullable=True))
    rows: list[tuple[Any, ...]] = []
    for record in features.to_dict("records"):
        row: list[Any] = []
        for field_ in fields:
            value = record[field_.name]
            if isinstance(value, list):
                row.append([str(v) for v in value])
            elif value is None or (not isinstance(value, list) and pd.isna(value)):
                row.append(None)
            elif isinstance(field_.dataType, spark_types.LongType):
                row.append(int(value))
            elif isinstance(field_.dataType, spark_types.BooleanType):
                row.append(bool(value))
            else:
                row.append(str(value))
        rows.append(tuple(row))
    return spark.createDataFrame(rows, spark_types.StructType(fields))


# ---- training and prediction ----------------------------------------------------------------------------


@contextmanager
def _tolerate_m_underflow() -> Iterator[None]:
    """Let EM drive an m probability towards zero without Splink 5.0.0 raising.

    Splink validates every m/u it sets and raises when EM's maximisation step produces a value below 1e-300
    (a level that EM decides never occurs among matches). Splink clamps such values itself when computing
    weights, and :func:`regularise` bounds m from below afterwards, so during training the tiny value is
    harmless; this context accepts it instead of aborting the run.
    """
    import splink.internals.comparison_level as comparison_level

    original = comparison_level._validate_m_u_probability

    def lenient(value: Any, param_name: str, level_not_observed_text: str) -> None:
        if isinstance(value, float) and 0.0 <= value < comparison_level.M_U_CLAMP_MIN:
            return
        original(value, param_name, level_not_observed_text)

    comparison_level._validate_m_u_probability = lenient
    try:
        yield
    finally:
        comparison_level._validate_m_u_probability = original


def canonical_order(features: pd.DataFrame) -> pd.DataFrame:
    """The features in an order and with ids that depend only on their content.

    Training samples rows (u by random sampling, EM capped at ``em_max_pairs``) by position and compares
    pairs by id; with the meldingen's random UUIDs the same registry would train a different model on every
    import. Here rows are sorted by a digest of their feature values and numbered, so the same meldingen give
    the same model whatever their ids or order (identical rows are interchangeable).
    """
    # ``melder`` holds the organisation's registry id, which differs between registries holding the same data;
    # only its equality matters to the model, so it is left out of the digest.
    columns = [c for c in features.columns if c not in ("unique_id", "melder")]
    digests = pd.util.hash_pandas_object(features[columns].astype(str), index=False).to_numpy()
    order = numpy.argsort(digests, kind="stable")
    out = features.iloc[order].reset_index(drop=True)
    out["unique_id"] = [f"r{i:09d}" for i in range(len(out))]
    return out


def train(
    features: pd.DataFrame,
    spec: ModelSpec,
    config: TrainingConfig | None = None,
    *,
    backend: Backend = "duckdb",
    spark_session: Any = None,
    db_api: Any = None,
) -> TrainedModel:
    """Estimate the model parameters without labelled data.

    Args:
        features: output of :func:`zicht.linkage.normalise.prepare`.
        spec: which comparisons to use (see :func:`zicht.linkage.model.spec_for`).
        config: training knobs (seed, sample sizes).
        backend: ``duckdb`` or ``spark``.
        spark_session: an existing Spark session for the Spark backend.
        db_api: an existing Splink database API (otherwise a fresh in-memory one).

    Returns:
        The trained model.
    """
    from splink.internals.blocking_rule_creator import BlockingRuleCreator
    from splink.internals.exceptions import EMTrainingException

    config = config or TrainingConfig()
    api = db_api or _db_api(backend, spark_session)
    features = canonical_order(features)
    if model_mod.trains_on_rare_names(spec):
        features[model_mod.RARE_NAME] = model_mod.rare_name_key(features)
    linker = _linker(features, model_mod.settings(spec, max_iterations=config.max_iterations), api)
    rules: list[BlockingRuleCreator | str] = list(model_mod.deterministic_rules(spec))
    recall = config.prior_recall
    if rules:
        try:
            linker.training.estimate_probability_two_random_records_match(rules, recall=recall)
        except ValueError:
            # More deterministic matches than the assumed recall allows: data with many exact duplicates.
            recall = 1.0
            linker.training.estimate_probability_two_random_records_match(rules, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=config.u_max_pairs, seed=config.seed)
    with _tolerate_m_underflow():
        for rule in model_mod.training_rules(spec):
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, max_pairs=config.em_max_pairs, estimate_without_term_frequencies=True
                )
            except EMTrainingException:
                # No pair in this block (a small registry without rare names shared by two meldingen): the
                # comparisons it would train keep the estimates of the other sessions, or none
                # (:func:`regularise` then gives them no weight for a link).
                _log.info("EM-sessie zonder paren overgeslagen / EM session without pairs skipped")
    trained = TrainedModel(
        spec=spec, splink_model=regularise(linker.misc.save_model_to_json(), config), training=config
    )
    if config.prior_em and rules:
        # The floor: what the deterministic rules find with recall 1.
        floor = float(trained.splink_model[_PRIOR]) * recall
        trained.splink_model[_PRIOR] = prior_by_em(features, trained, floor=floor)
    return trained


_PRIOR = "probability_two_random_records_match"
#: Pairs scored below this match probability add (almost) nothing to the prior's estimate and are not read.
_PRIOR_FLOOR = 1e-6


def prior_by_em(features: pd.DataFrame, trained: TrainedModel, *, floor: float = 0.0) -> float:
    """The probability that two random meldingen are one person, estimated from the trained model.

    The starting prior assumes a recall for the deterministic rules (same name and birth date), and that recall
    depends on the reporters: where birth dates are often missing the rules find far fewer of the pairs, the
    prior comes out too low and every score too cautious (measured on the stress set: 1.5e-4 where the truth
    was 2.1e-4). With m and u fixed, the prior's maximum-likelihood value is the fixed point of the
    Fellegi–Sunter EM update ``prior = sum of match probabilities over all pairs / number of pairs`` (pairs
    no blocking rule generates have a match probability of about zero). In a registry larger than
    ``prior_sample`` meldingen it is computed on a random sample of them (seeded), since a random subset keeps
    the share of pairs that match. It is never below ``floor`` (what the deterministic rules find with recall 1)
    nor above 0.5. The pairs
    are scored in a database of their own (DuckDB, whatever the run's backend), so nothing the run caches is
    touched.
    """
    config = trained.training
    start = float(trained.splink_model[_PRIOR])
    sample = features
    if len(features) > config.prior_sample:
        sample = features.sample(n=config.prior_sample, random_state=config.seed).reset_index(drop=True)
    total = len(sample) * (len(sample) - 1) / 2
    if total < 1:
        return start
    api = _db_api("duckdb")
    try:
        with PairScorer(sample, trained, _PRIOR_FLOOR, api=api) as scorer:
            weights = scorer.weights(_PRIOR_FLOOR)
    finally:
        api.duckdb_con.close()
    if weights.size == 0:
        return start
    # Bayes factor of each pair without the prior (a match weight is log2 of prior odds times Bayes factor).
    # Sorted, so the sum does not depend on the order the database returns the pairs in.
    factors = numpy.sort(numpy.exp2(weights - math.log2(start / (1 - start))))
    prior = start
    for _ in range(500):
        updated = float(numpy.sum(factors * prior / (factors * prior + 1 - prior))) / total
        if abs(updated - prior) <= 1e-9 * prior:
            prior = updated
            break
        prior = updated
    return float(min(max(prior, floor), 0.5))


def model_for_dialect(trained: TrainedModel, dialect: str) -> dict[str, Any]:
    """The trained model with its SQL in ``dialect`` (``duckdb`` or ``spark``), whatever backend trained it.

    The settings are regenerated from the spec for the dialect and the trained probabilities copied level
    by level (the levels are the same by construction).
    """
    if trained.splink_model.get("sql_dialect") == dialect:
        return copy.deepcopy(trained.splink_model)
    fresh: dict[str, Any] = model_mod.settings(trained.spec).get_settings(dialect).as_dict()
    fresh["probability_two_random_records_match"] = trained.splink_model["probability_two_random_records_match"]
    for new_comp, old_comp in zip(fresh["comparisons"], trained.splink_model["comparisons"], strict=True):
        for new_level, old_level in zip(new_comp["comparison_levels"], old_comp["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability"):
                if key in old_level:
                    new_level[key] = old_level[key]
    return fresh


def to_duckdb_model(trained: TrainedModel) -> dict[str, Any]:
    """The trained model in the DuckDB dialect (for the compiled incremental scorer)."""
    return model_for_dialect(trained, "duckdb")


def regularise(splink_model: dict[str, Any], config: TrainingConfig) -> dict[str, Any]:
    """Bound every level's weight by what its training can support.

    * A level whose m was never estimated (EM saw no pair in it: a one-year registry has no reports more than
      a year apart; a source without given names never trains "only the given name equal") never weighs for a
      link: its m is the smaller of :attr:`TrainingConfig.m_minimum` and its u. Where the level is common
      among non-matches (a different birth date, never seen in pairs with the same document), that weighs
      against a link as a floored m would; where it is rare, the weight is zero. Absence of training data is
      never evidence for a link.
    * Other m are bounded below by :attr:`TrainingConfig.m_minimum`, so one disagreeing attribute (a
      nationality or exploitation form written differently by two reporters) weighs against a link but never
      vetoes it.
    * A u never seen in the random sample is set to one over the sample size (it is at most about that), and
      the weight of such a level is capped at the largest weight of a level of the same comparison whose m
      and u were both estimated (zero when there is none): an agreement too rare to be sampled says no more
      than the comparison's best observed agreement.
    """
    out = copy.deepcopy(splink_model)
    u_floor = 1.0 / max(config.u_max_pairs, 1.0)
    for comp in out["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        observed = [
            math.log2(max(float(lv["m_probability"]), config.m_minimum) / float(lv["u_probability"]))
            for lv in levels
            if lv.get("m_probability") is not None and lv.get("u_probability") not in (None, 0, 0.0)
        ]
        cap = max(observed, default=0.0)
        for level in levels:
            m = level.get("m_probability")
            u = level.get("u_probability")
            u_value = float(u) if u not in (None, 0, 0.0) else u_floor
            if m is None:
                m_value = min(config.m_minimum, u_value)
            else:
                m_value = max(float(m), config.m_minimum)
                if u in (None, 0, 0.0) and math.log2(m_value / u_value) > cap:
                    u_value = min(m_value / 2.0**cap, 1.0)
            level["m_probability"] = m_value
            level["u_probability"] = u_value
    return out


_SAFE_EXACT = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")
_SAFE_PREFIXES = ("gamma_", "mw_")


def safe_pairs(linker: Any, predictions: Any, where: str | None = None) -> pd.DataFrame:
    """Fetch the scored pairs without any record value.

    Splink keeps comparison levels (``gamma_*``) in its output only together with the compared values, so
    the prediction table inside the database holds names; this selects ids, scores, levels and
    match-weight parts in SQL, so values never reach Python objects outside the database. ``where`` filters
    in SQL (on ``match_probability``).
    """
    names = [c.unquote().name for c in predictions.columns]
    keep = [n for n in names if n in _SAFE_EXACT or n.startswith(_SAFE_PREFIXES)]
    select = ", ".join(keep)
    condition = f" where {where}" if where else ""
    raw = linker.misc.query_sql(f"select {select} from {predictions.physical_name}{condition}", output_type="pandas")
    return _tidy_pairs(raw)


def _tidy_pairs(raw: pd.DataFrame) -> pd.DataFrame:
    """Order each pair (``melding_a`` < ``melding_b``) and put ids and scores first."""
    out = raw.copy()
    a = out["unique_id_l"].astype(str)
    b = out["unique_id_r"].astype(str)
    swap = a > b
    out["melding_a"] = a.where(~swap, b)
    out["melding_b"] = b.where(~swap, a)
    out = out.drop(columns=["unique_id_l", "unique_id_r"])
    lead = ["melding_a", "melding_b", "match_weight", "match_probability"]
    rest = sorted(c for c in out.columns if c not in lead)
    return out[lead + rest].reset_index(drop=True)


class PairScorer:
    """The scored candidate pairs of one run, kept in the database while the run needs them.

    Predictions at or above ``floor`` stay in the (in-memory) database, so a run can fetch the pairs above its
    lower threshold, a band of pairs below it for the quality audit (:mod:`zicht.linkage.steekproef`), count
    how many blocking rules catch given pairs and score a few explicit pairs, with no record value reaching
    Python objects. Use as a context manager.
    """

    def __init__(
        self, features: pd.DataFrame, trained: TrainedModel, floor: float, *, api: Any, num_chunks: int = 1
    ) -> None:
        splink_model = model_for_dialect(trained, api.sql_dialect.sql_dialect_str)
        self._api = api
        self._linker = _linker(features, splink_model, api)
        _register_term_frequencies(self._linker, api, features, splink_model)
        self._rules = [
            str(r["blocking_rule"]) if isinstance(r, dict) else str(r)
            for r in splink_model.get("blocking_rules_to_generate_predictions", [])
        ]
        self.floor = floor
        if num_chunks > 1:
            self.kandidaten = 0
            self._table: Any = self._linker.inference.predict(
                threshold_match_probability=floor, num_chunks_left=num_chunks, num_chunks_right=1
            )
        else:
            # Materialise the blocked pairs once: count them, then predict() scores the cached table.
            blocked = self._linker.inference.compute_blocked_pairs_for_predict()
            self.kandidaten = _count_rows(self._linker, blocked)
            self._table = self._linker.inference.predict(threshold_match_probability=floor)

    def __enter__(self) -> PairScorer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the predictions from the database."""
        if self._table is not None:
            self._table.drop_table_from_database_and_remove_from_cache()
            self._table = None

    def pairs(self, lower: float, upper: float | None = None) -> pd.DataFrame:
        """Scored pairs with ``lower`` <= match probability (< ``upper``), as :func:`safe_pairs`."""
        if lower < self.floor:
            raise ValueError("pairs below the floor were not kept")
        where = f"match_probability >= {float(lower)!r}"
        if upper is not None:
            where += f" and match_probability < {float(upper)!r}"
        return safe_pairs(self._linker, self._table, where)

    def weights(self, lower: float) -> numpy.ndarray:
        """The match weights of the pairs with a match probability of at least ``lower`` (numbers only)."""
        if lower < self.floor:
            raise ValueError("pairs below the floor were not kept")
        frame = self._linker.misc.query_sql(
            f"select match_weight from {self._table.physical_name} where match_probability >= {float(lower)!r}",
            output_type="pandas",
        )
        return frame["match_weight"].to_numpy(dtype=float)

    def count(self, lower: float) -> int:
        """Number of scored pairs with a match probability of at least ``lower``."""
        counted = self._linker.misc.query_sql(
            f"select count(*) as n from {self._table.physical_name} where match_probability >= {float(lower)!r}",
            output_type="pandas",
        )
        return int(counted["n"].iloc[0])

    def rule_counts(self, pairs: Sequence[tuple[str, str]]) -> dict[int, int] | None:
        """How many pairs are caught by exactly ``k`` of the model's blocking rules, per ``k`` (DuckDB only;
        ``None`` on Spark). Only the counts leave the database."""
        if self._api.sql_dialect.sql_dialect_str != "duckdb" or not self._rules:
            return None
        if not pairs:
            return {}
        frame = pd.DataFrame({"id_a": [a for a, _ in pairs], "id_b": [b for _, b in pairs]})
        registered = self._api.register(frame)
        source = next(iter(self._linker._input_tables_dict.values())).physical_name
        caught = " + ".join(f"(CASE WHEN ({rule}) THEN 1 ELSE 0 END)" for rule in self._rules)
        try:
            counted = self._linker.misc.query_sql(
                f"select k, count(*) as n from (select {caught} as k from {registered.physical_name} as p "
                f"join {source} as l on l.unique_id = p.id_a join {source} as r on r.unique_id = p.id_b) "
                "group by k",
                output_type="pandas",
            )
        finally:
            registered.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
        return {int(k): int(n) for k, n in zip(counted["k"], counted["n"], strict=True)}

    def score(self, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
        """Score explicit pairs whatever the blocking (e.g. two meldingen linked only through others).

        Each pair becomes a two-member "cluster" for Splink's scoring of cluster edges, so one query scores
        them all with the run's model and term frequencies.
        """
        if not pairs:
            return pd.DataFrame(columns=["melding_a", "melding_b", "match_weight", "match_probability"])
        frame = pd.DataFrame(
            {
                "cluster_id": [i for i, _ in enumerate(pairs) for _side in (0, 1)],
                "unique_id": [str(m) for pair in pairs for m in pair],
            }
        )
        if self._api.sql_dialect.sql_dialect_str == "spark":
            registered = self._api.register(self._api.spark.createDataFrame(frame))
        else:
            registered = self._api.register(frame)
        scored = self._linker.inference._score_missing_cluster_edges(registered)
        try:
            # A melding in two of the pairs is in two "clusters", and Splink then returns such a pair once per
            # cluster of each member: keep each asked-for pair once.
            out = safe_pairs(self._linker, scored)
            asked = {pair_key(str(a), str(b)) for a, b in pairs}
            keys = [pair_key(str(a), str(b)) for a, b in zip(out["melding_a"], out["melding_b"], strict=True)]
            keep = pd.Series([k in asked for k in keys], index=out.index, dtype=bool)
            return out[keep & ~pd.Series(keys, index=out.index).duplicated()].reset_index(drop=True)
        finally:
            scored.drop_table_from_database_and_remove_from_cache()
            registered.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)


def predict(
    features: pd.DataFrame,
    trained: TrainedModel,
    threshold: float,
    *,
    backend: Backend = "duckdb",
    spark_session: Any = None,
    db_api: Any = None,
    num_chunks: int = 1,
) -> tuple[pd.DataFrame, int]:
    """Score blocked candidate pairs; return the pairs at or above ``threshold`` and the candidate count."""
    api = db_api or _db_api(backend, spark_session)
    with PairScorer(features, trained, threshold, api=api, num_chunks=num_chunks) as scorer:
        return scorer.pairs(threshold), scorer.kandidaten


#: What twins and siblings share with each other as much as one person shares with their own reports: with
#: given names that cannot be one person's, agreement on these is not evidence for one person.
GEDEELD_DOOR_VERWANTEN = ("geboortedatum", "nationaliteit", "geslacht")
#: What namesakes share: the name, and often the nationality and sex that go with it.
GEDEELD_DOOR_NAAMGENOTEN = ("naam", "nationaliteit", "geslacht")


#: The match weight a direct link between conflicting birth dates must keep without what namesakes share.
NAAMGENOOT_GRENS = 0.0


def without_shared(match_weight: float, weights: Mapping[str, float], shared: Sequence[str]) -> float:
    """The match weight without the positive evidence of the ``shared`` comparisons; ``weights`` per comparison
    (its level weight plus term-frequency adjustment)."""
    return match_weight - sum(max(weights.get(name, 0.0), 0.0) for name in shared)


def without_shared_by_relatives(match_weight: float, weights: Mapping[str, float]) -> float:
    """The match weight without what twins and siblings share (:data:`GEDEELD_DOOR_VERWANTEN`)."""
    return without_shared(match_weight, weights, GEDEELD_DOOR_VERWANTEN)


def without_shared_by_namesakes(match_weight: float, weights: Mapping[str, float]) -> float:
    """The match weight without what namesakes share (:data:`GEDEELD_DOOR_NAAMGENOTEN`)."""
    return without_shared(match_weight, weights, GEDEELD_DOOR_NAAMGENOTEN)


def person_conflicts(
    features: pd.DataFrame,
    edges: Iterable[tuple[str, str, float]],
    threshold: float,
    pairs: pd.DataFrame | None = None,
) -> list[tuple[str, str]]:
    """Pairs within chains of automatic links that cannot be one person: the decision is taken per person, not
    per pair.

    * birth dates that cannot be one person's (:func:`zicht.linkage.normalise.birth_dates_conflict`: in one
      year two full dates more than one typing error apart, in other years more than two, or years apart that
      no typing error explains), between meldingen that only a chain through undated meldingen joins;
    * the same between directly linked meldingen where the link holds only because of the name, nationality
      and sex: namesakes share those, and a rare shared name outweighed birth dates years apart. Without them
      the rest of the evidence must still make one person more likely than two (a match weight above 0):
      the name may decide, but not overrule the dates on its own (FEBRL's records with a replaced birth date
      but the same address keep their link; a namesake reported the next year does not);
    * a direct link between given names that cannot be one person's
      (:func:`zicht.linkage.normalise.given_names_conflict`) that holds only because of a shared birth date,
      nationality or sex: twins and siblings share those, and the model weighs them as independent evidence.
      Without them the link must still reach the threshold (FEBRL's records with a replaced given name but the
      same address do; twins reported by one organisation do not). ``pairs`` holds the scored pairs with their
      ``mw_*`` parts; without it every such direct link counts as a conflict.
    """
    edges = list(edges)
    ids = features["unique_id"].astype(str)
    signatures = birth_signatures(features)
    names = given_name_signatures(features)

    def conflict(a: str, b: str) -> bool:
        sa, sb = signatures.get(a), signatures.get(b)
        return sa is not None and sb is not None and birth_dates_conflict(sa, sb)

    def names_conflict(a: str, b: str) -> bool:
        na, nb = names.get(a), names.get(b)
        return na is not None and nb is not None and given_names_conflict(na, nb)

    # Per direct link that conflicts: its weight without what relatives (given names) or namesakes (birth
    # dates) share. Only the links the correction can concern: above the threshold, with such a conflict.
    without_relatives: dict[tuple[str, str], float] = {}
    without_namesakes: dict[tuple[str, str], float] = {}
    if pairs is not None and len(pairs):
        parts = [c for c in pairs.columns if c.startswith("mw_")]
        above = pairs[pairs["match_probability"] >= threshold]
        for row in above[["melding_a", "melding_b", "match_weight", *parts]].itertuples(index=False):
            a, b, weight = str(row[0]), str(row[1]), float(row[2])
            dates, given = conflict(a, b), names_conflict(a, b)
            if not (dates or given):
                continue
            per: dict[str, float] = {}
            for column, value in zip(parts, row[3:], strict=True):
                name = column.removeprefix("mw_tf_adj_").removeprefix("mw_")
                if value == value:  # not NaN
                    per[name] = per.get(name, 0.0) + float(value)
            if given:
                without_relatives[pair_key(a, b)] = without_shared_by_relatives(weight, per)
            if dates:
                without_namesakes[pair_key(a, b)] = without_shared_by_namesakes(weight, per)
    limit = math.log2(threshold / (1.0 - threshold))

    def direct_conflict(a: str, b: str) -> bool:
        key = pair_key(a, b)
        if conflict(a, b) and without_namesakes.get(key, -math.inf) < NAAMGENOOT_GRENS:
            return True
        return names_conflict(a, b) and without_relatives.get(key, -math.inf) < limit

    direct_edges = [(a, b, p) for a, b, p in edges if p >= threshold]
    out = set(conflicting_pairs(ids, edges, threshold, conflict, dated=lambda m: m in signatures))
    # Only the direct links themselves: a pair without a score of its own has no weight to correct.
    out.update(pair_key(a, b) for a, b, _p in direct_edges if direct_conflict(a, b))
    return sorted(out)


def tf_columns(splink_model: dict[str, Any]) -> list[str]:
    """The columns with a term-frequency adjustment in a model."""
    return sorted(
        {
            str(level["tf_adjustment_column"])
            for comp in splink_model["comparisons"]
            for level in comp["comparison_levels"]
            if level.get("tf_adjustment_column")
        }
    )


def leave_one_out_frequencies(values: pd.Series) -> pd.DataFrame:
    """Term frequencies that leave the record itself out: ``(count - 1) / (n - 1)`` per value.

    Splink's own table holds ``count / n``. For a pair that agrees on a value, the question is how likely a
    *different* record carries it; ``count / n`` counts the record itself, so a name that occurs only in the
    two meldingen being compared looks as common as one carried by two other people as well (in a registry
    of 2,000 meldingen a name seen twice gets about one bit less than it should). The leave-one-out
    frequency is also what the incremental index uses, where the new melding is not yet in the table.
    Values seen once get ``1 / (n - 1)`` (they cannot agree within the run).
    """
    counts = values.dropna().value_counts()
    n = int(counts.sum())
    column = str(values.name)
    return pd.DataFrame(
        {column: counts.index.astype(str), f"tf_{column}": (counts.clip(lower=2).to_numpy() - 1) / max(n - 1, 1)}
    )


def _register_term_frequencies(linker: Any, api: Any, features: pd.DataFrame, splink_model: dict[str, Any]) -> None:
    """Register term-frequency tables for prediction: the full name's, its sound's and the initial's composed
    (:data:`zicht.linkage.frequenties.SAMENGESTELD`), the others leave-one-out
    (:func:`leave_one_out_frequencies`)."""
    for column in tf_columns(splink_model):
        if column not in features.columns:
            continue
        if column in SAMENGESTELD:
            table = SAMENGESTELD[column][0](features, pair_in_table=2)
        else:
            table = leave_one_out_frequencies(features[column])
        if api.sql_dialect.sql_dialect_str == "spark":
            registered = api.register(api.spark.createDataFrame(table))
        else:
            registered = api.register(table)
        linker.table_management.register_term_frequency_lookup(registered, column)


def _count_rows(linker: Any, table: Any) -> int:
    counted = linker.misc.query_sql(f"select count(*) as n from {table.physical_name}", output_type="pandas")
    return int(counted["n"].iloc[0])


def link(
    records: pd.DataFrame,
    *,
    drempels: Drempels | None = None,
    config: TrainingConfig | None = None,
    context: Sequence[ContextVeld] = (),
    trained: TrainedModel | None = None,
    zelfde: Iterable[tuple[str, str]] = (),
    verschillend: Iterable[tuple[str, str]] = (),
    backend: Backend = "duckdb",
    spark_session: Any = None,
    progress: Progress | None = None,
    num_chunks: int = 1,
    steekproef: SteekproefConfig | None = None,
) -> LinkResult:
    """Full linkage of decrypted records: prepare, train (unless ``trained`` is given), predict, cluster.

    Args:
        records: decrypted records (see :func:`zicht.linkage.normalise.prepare`).
        drempels: decision thresholds.
        config: training configuration (seed and sample sizes).
        context: non-identifying context columns to compare.
        trained: reuse a trained model instead of training.
        zelfde: analyst *same person* decisions (must-link).
        verschillend: analyst *different person* decisions (cannot-link).
        backend: ``duckdb`` (default) or ``spark``.
        spark_session: existing Spark session (Spark backend).
        progress: callback ``(stage, fraction)``.
        num_chunks: split prediction into this many chunks (memory for very large runs).
        steekproef: draw the quality audit's design and random sample (:mod:`zicht.linkage.steekproef`); the
            pairs down to its floor are then scored and kept in the database until it is drawn.

    Returns:
        The pairs, clusters and model (and the audit sample); nothing identifying.
    """
    drempels = drempels or Drempels()
    report = progress or (lambda _stage, _fraction: None)
    tijden: dict[str, float] = {}
    t0 = time.perf_counter()
    report("voorbereiden", 0.0)
    if trained is not None:
        context = trained.spec.context
    features = prepare(records, model_mod.context_columns(context), model_mod.list_columns(context))
    tijden["voorbereiden"] = time.perf_counter() - t0
    api = _db_api(backend, spark_session)
    if trained is None:
        report("trainen", 0.15)
        t1 = time.perf_counter()
        spec = model_mod.spec_for(features, context)
        trained = train(features, spec, config, db_api=api)
        tijden["trainen"] = time.perf_counter() - t1
    report("vergelijken", 0.45)
    t2 = time.perf_counter()
    zelfde, verschillend = list(zelfde), list(verschillend)
    floor = min(steekproef.vloer, drempels.onder) if steekproef is not None else drempels.onder
    audit: Steekproef | None = None
    with PairScorer(features, trained, floor, api=api, num_chunks=num_chunks) as scorer:
        pairs, kandidaten = scorer.pairs(drempels.onder), scorer.kandidaten
        tijden["vergelijken"] = time.perf_counter() - t2
        report("clusteren", 0.85)
        t3 = time.perf_counter()
        edges = zip(pairs["melding_a"], pairs["melding_b"], pairs["match_probability"].astype(float), strict=True)
        edge_list = list(edges)
        strijdig = person_conflicts(features, edge_list, drempels.boven, pairs)
        clusters = cluster(
            features["unique_id"], edge_list, drempels.boven, zelfde=zelfde, verschillend=verschillend,
            strijdig=strijdig,
        )  # fmt: skip
        tijden["clusteren"] = time.perf_counter() - t3
        if steekproef is not None:
            from zicht.linkage.steekproef import trek

            t4 = time.perf_counter()
            audit = trek(
                scorer, pairs, clusters.labels, features, records, trained, drempels, steekproef,
                zelfde=zelfde, verschillend=verschillend,
            )  # fmt: skip
            tijden["steekproef"] = time.perf_counter() - t4
    tijden["totaal"] = time.perf_counter() - t0
    report("klaar", 1.0)
    return LinkResult(
        model=trained, paren=pairs, clusters=clusters, drempels=drempels, kandidaten=kandidaten, tijden=tijden,
        steekproef=audit, strijdig=strijdig,
    )  # fmt: skip
