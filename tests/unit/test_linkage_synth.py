# SPDX-License-Identifier: EUPL-1.2
"""Accuracy on the synthetic generator's ground truth, per seed and size, with recall per variation type.

Gates are the acceptance criterion: cluster precision >= 0.995 and recall >= 0.97 at the automatic threshold,
persons within 1%. They are on *linkable* meldingen: the generator also writes anonymous reports (no name, no
birth date, no numbers; variation ``anoniem``), which no method can link with any confidence; they are
reported apart and count only in the overall person count. ``benchmarks/eval_linkage_synth.py`` prints the
same figures (docs/linkage.md, "Accuracy").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zicht.linkage import evaluate
from zicht.reference import load_reference
from zicht.synth import SynthConfig, generate

REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nl"


def accuracy(seed: int, jaar_van: int, jaar_tot: int) -> evaluate.SynthAccuracy:
    reference = load_reference(REFERENCE_DIR)
    result = generate(SynthConfig(jaar_van=jaar_van, jaar_tot=jaar_tot, seed=seed), reference)
    return evaluate.synth_accuracy(result.meldingen, result.waarheid, reference, seed=seed)


def check(outcome: evaluate.SynthAccuracy) -> None:
    scores = outcome.scores
    assert scores.precision >= 0.995
    assert scores.recall >= 0.97
    assert abs(outcome.personen_fout) <= 0.01
    assert abs(outcome.personen_fout_alle) <= 0.02
    for kind in (
        "naam_verwisseld",
        "transliteratie",
        "dag_maand_verwisseld",
        "placeholder_1_januari",
        "diacrieten_weg",
        "geboortedatum_ontbreekt",
    ):
        per = outcome.per_variatie.get(kind)
        if per is not None and per.actual >= 10:
            assert per.recall >= 0.85, kind


def test_synthetisch_twee_jaar() -> None:
    check(accuracy(1, 2023, 2024))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "jaar_van", "jaar_tot"), [(2, 2023, 2024), (3, 2023, 2024), (4, 2015, 2024), (1, 2015, 2024)]
)
def test_synthetisch_meer_seeds_en_groottes(seed: int, jaar_van: int, jaar_tot: int) -> None:
    check(accuracy(seed, jaar_van, jaar_tot))
