# SPDX-License-Identifier: EUPL-1.2
"""Accuracy of a linkage against ground truth: pairwise and cluster metrics, recall per variation type.

Cluster metrics are computed from the contingency table of (predicted cluster, true person), so they
never enumerate pairs and work on a million meldingen. Pairwise metrics on scored pairs take explicit
pair sets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from math import comb
from typing import Any

import pandas as pd

from zicht.linkage.clusters import pair_key


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    actual: int

    def as_dict(self) -> dict[str, float | int]:
        """Plain dict for reports."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.true_positives,
            "voorspeld": self.predicted,
            "werkelijk": self.actual,
        }


def _scores(tp: int, predicted: int, actual: int) -> Scores:
    precision = tp / predicted if predicted else 1.0
    recall = tp / actual if actual else 1.0
    f1 = 2 * tp / (predicted + actual) if predicted + actual else 1.0
    return Scores(precision, recall, f1, tp, predicted, actual)


def true_pairs(truth: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    """All pairs of meldingen of the same true person (ordered keys)."""
    groups: dict[Hashable, list[str]] = {}
    for melding, person in truth.items():
        groups.setdefault(person, []).append(melding)
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        out.update(pair_key(a, b) for a, b in combinations(sorted(members), 2))
    return out


def pairwise(predicted: Iterable[tuple[str, str]], truth: Mapping[str, Hashable]) -> Scores:
    """Pairwise precision/recall of a set of predicted links against the true persons."""
    pred = {pair_key(a, b) for a, b in predicted}
    tp = sum(1 for a, b in pred if a in truth and b in truth and truth[a] == truth[b])
    sizes = Counter(truth.values())
    actual = sum(comb(n, 2) for n in sizes.values())
    return _scores(tp, len(pred), actual)


def cluster_pairwise(labels: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> Scores:
    """Pairwise precision/recall of the pairs implied by clusters (every two meldingen in one cluster)."""
    ids = [m for m in labels if m in truth]
    cells = Counter((labels[m], truth[m]) for m in ids)
    tp = sum(comb(n, 2) for n in cells.values())
    predicted = sum(comb(n, 2) for n in Counter(labels[m] for m in ids).values())
    actual = sum(comb(n, 2) for n in Counter(truth[m] for m in ids).values())
    return _scores(tp, predicted, actual)


def bcubed(labels: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall (per melding, averaged)."""
    ids = [m for m in labels if m in truth]
    if not ids:
        return 1.0, 1.0
    cells = Counter((labels[m], truth[m]) for m in ids)
    pred_sizes = Counter(labels[m] for m in ids)
    true_sizes = Counter(truth[m] for m in ids)
    precision = sum(n * n / pred_sizes[p] for (p, _t), n in cells.items()) / len(ids)
    recall = sum(n * n / true_sizes[t] for (_p, t), n in cells.items()) / len(ids)
    return precision, recall


def person_count_error(labels: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> float:
    """Relative error in the number of distinct persons: (predicted - true) / true."""
    ids = [m for m in labels if m in truth]
    n_pred = len({labels[m] for m in ids})
    n_true = len({truth[m] for m in ids})
    return (n_pred - n_true) / n_true if n_true else 0.0


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plain(value: str) -> str:
    """Letters only, lower case, diacritics dropped: how two writings of one name compare here (on purpose
    simpler than the model's normalisation, so the measure does not depend on it)."""
    folded = unicodedata.normalize("NFKD", value or "")
    return " ".join(sorted(re.findall(r"[a-z]+", "".join(c for c in folded if not unicodedata.combining(c)).lower())))


def unplaceable(
    rows: Iterable[tuple[Hashable, str, str, str, str, str]], truth: Mapping[Hashable, Hashable]
) -> set[Hashable]:
    """Meldingen the data cannot place: no full birth date (missing, only a year, or the 1 January
    placeholder), and a melding of *another* person carries the same name (given and family names together,
    letters only) with a compatible birth year, sex and nationality (equal, or missing on either side). Any
    method that links such a melding to a person by its name links it to the other person just as well; the
    "best possible" of issue 10 leaves these out.

    Args:
        rows: per melding ``(key, voornamen, achternaam, geboortedatum, geslacht, nationaliteit)`` as text
            (the first nationality; empty, None or NaN when missing).
        truth: the true person per key.
    """

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""  # None and NaN are missing

    items: list[tuple[Hashable, str, str | None, str, str]] = []
    for key, *values in rows:
        voornamen, achternaam, written, geslacht, nationaliteit = (text(v) for v in values)
        full = bool(_FULL_DATE.match(written)) and not written.endswith("-01-01")
        year = written[:4] if written[:4].isdigit() else None
        items.append((key, _plain(f"{voornamen} {achternaam}"), "full:" + written if full else year, geslacht,
                      nationaliteit))  # fmt: skip
    by_name: dict[str, list[tuple[Hashable, str, str | None, str, str]]] = {}
    for item in items:
        if item[1]:
            by_name.setdefault(item[1], []).append(item)

    def fits(x: str | None, y: str | None) -> bool:
        return not x or not y or x == y

    out: set[Hashable] = set()
    for key, name, born, sex, nat in items:
        if not name or (born or "").startswith("full:"):
            continue
        for other, _n, other_born, other_sex, other_nat in by_name[name]:
            if truth[other] == truth[key]:
                continue
            other_year = (other_born or "")[5:9] if (other_born or "").startswith("full:") else other_born
            if fits(born, other_year) and fits(sex, other_sex) and fits(nat, other_nat):
                out.add(key)
                break
    return out


def recall_by_variation(
    labels: Mapping[str, Hashable],
    truth: Mapping[str, Hashable],
    variations: Mapping[str, Iterable[str]],
) -> dict[str, Scores]:
    """Cluster recall over true pairs, split by the variation types present in either melding of the pair.

    A pair counts for type ``X`` when at least one of its two meldingen carries variation ``X`` (e.g.
    ``naam_verwisseld``, ``transliteratie``, ``datum_dag_maand``). The pair ``geen`` collects true pairs
    where neither melding has a variation. Precision is not defined per type; it is reported as 1.

    Args:
        labels: predicted cluster per melding.
        truth: true person per melding.
        variations: variation types per melding (from the synthetic generator's ground truth).
    """
    groups: dict[Hashable, list[str]] = {}
    for melding, person in truth.items():
        if melding in labels:
            groups.setdefault(person, []).append(melding)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for members in groups.values():
        for a, b in combinations(members, 2):
            kinds = set(variations.get(a, ())) | set(variations.get(b, ()))
            hit = labels[a] == labels[b]
            for kind in kinds or {"geen"}:
                total[kind] += 1
                found[kind] += int(hit)
    return {kind: _scores(found[kind], found[kind], total[kind]) for kind in sorted(total)}


def records_from_import_frame(
    meldingen: pd.DataFrame, reference: Any = None, regio_van: Mapping[str, str | None] | None = None
) -> pd.DataFrame:
    """Linkage records from meldingen in the import format (e.g. the synthetic generator's output).

    Codes given as labels (``Nederland``, ``vrouw``, ``seksuele uitbuiting``, ``land- en tuinbouw``, ``Utrecht``)
    are resolved with the codebook and, when given, the reference data, as the intake would; ``melding_id`` is
    ``organisatie/melder_referentie``. ``regio_van`` maps organisation codes to their region (copied onto
    each melding as ``melder_regio``, as the registry does).
    """
    from zicht.codebook import codelijst

    landen, geslachten, vormen = codelijst("land"), codelijst("geslacht"), codelijst("uitbuitingsvorm")
    sectoren, werkwijzen = codelijst("sector"), codelijst("werkwijze")

    def place(value: object) -> str | None:
        if value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "onbekend"):
            return None
        text = str(value).strip()
        if reference is not None:
            try:
                return str(reference.gemeente(text).code)
            except LookupError:
                pass
        return resolve(landen, text) or text

    def resolve(lijst: Any, value: object) -> str | None:
        if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
            return None
        try:
            return str(lijst.resolve(str(value)))
        except LookupError:
            return None

    def nationalities(value: object) -> list[str]:
        if value is None or (isinstance(value, float) and value != value):
            return []
        return [c for part in str(value).split(";") if (c := resolve(landen, part.strip()))]

    def codes(lijst: Any, column: str) -> list[list[str]]:
        return [
            sorted({c for part in str(v).split(";") if (c := resolve(lijst, part.strip())) and c != "onbekend"})
            if v is not None and not (isinstance(v, float) and v != v)
            else []
            for v in meldingen.get(column, [None] * len(meldingen))
        ]

    org = meldingen["organisatie"] if "organisatie" in meldingen.columns else pd.Series([""] * len(meldingen))
    return pd.DataFrame(
        {
            "melding_id": [f"{o}/{r}" for o, r in zip(org, meldingen["melder_referentie"], strict=True)],
            "voornamen": meldingen.get("voornamen"),
            "achternaam": meldingen.get("achternaam"),
            "geboortedatum": meldingen.get("geboortedatum"),
            "leeftijd": meldingen.get("leeftijd"),
            "melddatum": meldingen.get("melddatum"),
            "geslacht": [resolve(geslachten, v) for v in meldingen.get("geslacht", [None] * len(meldingen))],
            "nationaliteit": [nationalities(v) for v in meldingen.get("nationaliteit", [None] * len(meldingen))],
            "documentnummer": meldingen.get("documentnummer"),
            "telefoonnummer": meldingen.get("telefoonnummer"),
            "melder": [str(o) if o else None for o in org],
            "melder_regio": [(regio_van or {}).get(str(o)) for o in org],
            "plaats_delict": [place(v) for v in meldingen.get("plaats_delict", [None] * len(meldingen))],
            "uitbuitingsvorm": codes(vormen, "uitbuitingsvorm"),
            "sector": codes(sectoren, "sector"),
            "werkwijze": codes(werkwijzen, "werkwijze"),
        }
    )


@dataclass(frozen=True)
class SynthAccuracy:
    """Accuracy of a full linkage on one synthetic data set (see :func:`synth_accuracy`).

    Attributes:
        meldingen: number of meldingen (anonymous ones included).
        scores: cluster-pairwise precision/recall over linkable meldingen.
        personen_fout: relative error in the number of persons, linkable meldingen.
        personen_fout_alle: the same over all meldingen (anonymous reports included).
        per_variatie: cluster recall per variation type (linkable meldingen).
    """

    meldingen: int
    scores: Scores
    personen_fout: float
    personen_fout_alle: float
    per_variatie: dict[str, Scores]


def synth_accuracy(
    meldingen: Any, waarheid: Any, reference: Any, *, seed: int = 1, u_max_pairs: float = 5e5
) -> SynthAccuracy:
    """Link synthetic meldingen as the registry does and score the result against the generator's truth.

    Args:
        meldingen: the generator's meldingen frame (``zicht.synth.generate(...).meldingen``).
        waarheid: its truth frame, row for row (``persoon_id`` and ``variaties`` per melding).
        reference: reference data (places).
        seed: seed of the training (u sampling).
        u_max_pairs: pairs sampled for the u probabilities.

    Gates are on *linkable* meldingen: anonymous reports (no name, birth date or number; variation
    ``anoniem``) cannot be linked by any method and count only in ``personen_fout_alle``. The linkage package
    does not depend on the generator: callers (tests, ``benchmarks/eval_linkage_synth.py``) generate.
    """
    from zicht.linkage.engine import TrainingConfig, link
    from zicht.linkage.model import REGISTER_CONTEXT

    records = records_from_import_frame(meldingen, reference)
    truth = dict(zip(records["melding_id"], waarheid["persoon_id"].astype(str), strict=True))
    variations = {
        m: [v for v in str(x).split(";") if v]
        for m, x in zip(records["melding_id"], waarheid["variaties"], strict=True)
    }
    linked = link(records, context=REGISTER_CONTEXT, config=TrainingConfig(seed=seed, u_max_pairs=u_max_pairs))
    labels = linked.clusters.labels
    sub_labels = {m: c for m, c in labels.items() if "anoniem" not in variations[m]}
    sub_truth = {m: truth[m] for m in sub_labels}
    return SynthAccuracy(
        meldingen=len(records),
        scores=cluster_pairwise(sub_labels, sub_truth),
        personen_fout=person_count_error(sub_labels, sub_truth),
        personen_fout_alle=person_count_error(labels, truth),
        per_variatie=recall_by_variation(sub_labels, sub_truth, variations),
    )
