# SPDX-License-Identifier: EUPL-1.2
"""Accuracy on the synthetic generator's ground truth, per seed and size, with recall per variation type.

Gates are on *linkable* meldingen: the generator also writes anonymous reports (no name, no birth date, no
numbers; variation ``anoniem``), which no method can link with any confidence; they are reported apart and
count only in the overall person count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zicht.linkage import evaluate
from zicht.linkage.engine import LinkResult, TrainingConfig, link
from zicht.linkage.model import REGISTER_CONTEXT

synth = pytest.importorskip("zicht.synth")
REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nl"


def run(seed: int, jaar_van: int, jaar_tot: int, schaal: float = 1.0) -> dict[str, object]:
    from zicht.reference import load_reference

    reference = load_reference(REFERENCE_DIR)
    result = synth.generate(
        synth.SynthConfig(jaar_van=jaar_van, jaar_tot=jaar_tot, seed=seed, schaal=schaal), reference
    )
    records = evaluate.records_from_import_frame(result.meldingen, reference)
    truth = dict(zip(records["melding_id"], result.waarheid["persoon_id"].astype(str), strict=True))
    variations = {
        m: [v for v in str(x).split(";") if v]
        for m, x in zip(records["melding_id"], result.waarheid["variaties"], strict=True)
    }
    linked: LinkResult = link(records, context=REGISTER_CONTEXT, config=TrainingConfig(seed=seed, u_max_pairs=5e5))
    labels = linked.clusters.labels
    linkable = [m for m in labels if "anoniem" not in variations[m]]
    sub_labels = {m: labels[m] for m in linkable}
    sub_truth = {m: truth[m] for m in linkable}
    return {
        "scores": evaluate.cluster_pairwise(sub_labels, sub_truth),
        "persons": evaluate.person_count_error(sub_labels, sub_truth),
        "persons_all": evaluate.person_count_error(labels, truth),
        "per_variation": evaluate.recall_by_variation(sub_labels, sub_truth, variations),
    }


def check(outcome: dict[str, object]) -> None:
    scores = outcome["scores"]
    assert isinstance(scores, evaluate.Scores)
    assert scores.precision >= 0.995
    assert scores.recall >= 0.94
    assert abs(float(outcome["persons"])) <= 0.01  # type: ignore[arg-type]
    assert abs(float(outcome["persons_all"])) <= 0.02  # type: ignore[arg-type]
    per = outcome["per_variation"]
    assert isinstance(per, dict)
    for kind in (
        "naam_verwisseld",
        "transliteratie",
        "dag_maand_verwisseld",
        "placeholder_1_januari",
        "diacrieten_weg",
    ):
        if kind in per and per[kind].actual >= 10:
            assert per[kind].recall >= 0.8, kind


def test_synthetisch_een_jaar() -> None:
    check(run(seed=1, jaar_van=2024, jaar_tot=2024))


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "jaar_van", "jaar_tot"), [(2, 2023, 2024), (3, 2023, 2024), (4, 2019, 2024)])
def test_synthetisch_meer_seeds_en_groottes(seed: int, jaar_van: int, jaar_tot: int) -> None:
    check(run(seed=seed, jaar_van=jaar_van, jaar_tot=jaar_tot))
