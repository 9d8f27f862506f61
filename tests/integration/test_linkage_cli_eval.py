# SPDX-License-Identifier: EUPL-1.2
"""The command-line linkage evaluation (benchmarks/eval_linkage_cli.py, benchmarks/linkage_cli.py).

The scoring is checked on hand-made labels with hand-computed figures and against brute-force pair
enumeration; the harness runs end to end on a tiny data directory (two organisations, 12 meldingen, 8
persons) through real ``zicht`` subprocesses.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import sys
from collections.abc import Hashable, Mapping
from itertools import combinations
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _module(name: str) -> ModuleType:
    """A benchmark module under its own name (the eval script imports ``linkage_cli`` as a top-level name)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


lc = _module("linkage_cli")

# ---- the tiny data set: 12 meldingen of 8 persons from two organisations ---------------------------------------
#
# person  meldingen (org:ref)               variations
# P1      a:A1, a:A2, b:B1                  B1 geboortedatum_ontbreekt
# P2      a:A3, b:B2                        B2 typfout
# P3      a:A4, b:B3
# P4..P8  a:A5, a:A6, b:B4, b:B5, b:B6      B6 typfout
#
# true pairs: P1 3, P2 1, P3 1 -> 5. Pairs where either melding carries geboortedatum_ontbreekt: (A1,B1),
# (A2,B1) -> 2; typfout: (A3,B2) -> 1 (B6 is alone); neither carries one: (A1,A2) and (A4,B3) -> 2.

PERSONEN = {
    ("org-a", "A1"): "P1", ("org-a", "A2"): "P1", ("org-b", "B1"): "P1",
    ("org-a", "A3"): "P2", ("org-b", "B2"): "P2",
    ("org-a", "A4"): "P3", ("org-b", "B3"): "P3",
    ("org-a", "A5"): "P4", ("org-a", "A6"): "P5", ("org-b", "B4"): "P6", ("org-b", "B5"): "P7",
    ("org-b", "B6"): "P8",
}  # fmt: skip
VARIATIES = {("org-b", "B1"): ["geboortedatum_ontbreekt"], ("org-b", "B2"): ["typfout"], ("org-b", "B6"): ["typfout"]}
IDENTITEIT = {  # voornamen, achternaam, geboortedatum, geslacht, nationaliteit
    "A1": ("Johanna Maria", "de Vries", "1990-03-14", "vrouw", "NL"),
    "A2": ("Johanna Maria", "de Vries", "1990-03-14", "vrouw", "NL"),
    "B1": ("Johanna", "de Vries", "", "vrouw", "NL"),
    "A3": ("Andrzej", "Kowalczyk", "1985-11-02", "man", "PL"),
    "B2": ("Andrzej", "Kowalcyzk", "1985-11-02", "man", "PL"),
    "A4": ("Blessing", "Okonkwo", "2001-07-21", "vrouw", "NG"),
    "B3": ("Blessing", "Okonkwo", "2001-07-21", "vrouw", "NG"),
    "A5": ("Nguyen Van", "Minh", "2006-01-09", "man", "VN"),
    "A6": ("Olena", "Shevchenko", "1978-05-30", "vrouw", "UA"),
    "B4": ("Mihai", "Popescu", "1995-12-24", "man", "RO"),
    "B5": ("Fatima", "El Amrani", "1999-02-17", "vrouw", "MA"),
    "B6": ("Pieter", "Jansenn", "1969-08-08", "man", "NL"),
}


def _tiny_layout(directory: Path) -> Path:
    organisaties = [
        {"code": "org-a", "naam": "Organisatie A", "soort": "nationale_politie", "regio": "", "gemeentecode": ""},
        {"code": "org-b", "naam": "Organisatie B", "soort": "zorgcoordinatie", "regio": "", "gemeentecode": ""},
    ]
    meldingen: dict[str, list[dict[str, object]]] = {"org-a": [], "org-b": []}
    for (org, ref), _persoon in PERSONEN.items():
        voornamen, achternaam, geboren, geslacht, nationaliteit = IDENTITEIT[ref]
        meldingen[org].append(
            {
                "melder_referentie": ref,
                "melddatum": "2024-03-01",
                "uitbuitingsvorm": "onbekend",
                "voornamen": voornamen,
                "achternaam": achternaam,
                "geboortedatum": geboren,
                "geslacht": geslacht,
                "nationaliteit": nationaliteit,
            }
        )
    truth = [
        {"melder": org, "melder_referentie": ref, "persoon_id": p, "variaties": ";".join(VARIATIES.get((org, ref), []))}
        for (org, ref), p in PERSONEN.items()
    ]
    return lc.write_layout(directory, organisaties, meldingen, truth)


def _brute_force(labels: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> tuple[int, int, int]:
    """(correct, predicted, true) pairs by enumerating every pair of meldingen."""
    ids = sorted((m for m in labels if m in truth), key=str)
    correct = predicted = actual = 0
    for a, b in combinations(ids, 2):
        same_label, same_person = labels[a] == labels[b], truth[a] == truth[b]
        predicted += same_label
        actual += same_person
        correct += same_label and same_person
    return correct, predicted, actual


# ---- scoring on hand-made labels -------------------------------------------------------------------------------


def test_perfect_clustering_scores_one() -> None:
    s = lc.score(dict(PERSONEN), PERSONEN, VARIATIES)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert (s.meldingen, s.true_pairs, s.predicted_pairs, s.correct_pairs) == (12, 5, 5, 5)
    assert (s.false_pairs, s.false_person_pairs) == (0, 0)
    assert (s.persons_true, s.persons_found, s.persons_error_pct) == (8, 8, 0.0)
    per = {k: (v.found, v.pairs) for k, v in s.per_variation.items()}
    assert per == {"geboortedatum_ontbreekt": (2, 2), "typfout": (1, 1), "geen": (2, 2)}


def test_all_singletons_have_no_recall() -> None:
    s = lc.score({m: str(m) for m in PERSONEN}, PERSONEN, VARIATIES)
    assert s.recall == 0.0 and s.precision == 1.0  # no predicted pair: precision is 1 by convention
    assert (s.predicted_pairs, s.correct_pairs, s.true_pairs) == (0, 0, 5)
    assert (s.persons_found, s.persons_true) == (12, 8)
    assert s.persons_error_pct == pytest.approx(50.0)
    assert all(v.recall == 0.0 for v in s.per_variation.values())


def test_one_false_merge_of_two_singletons() -> None:
    labels = dict(PERSONEN)
    labels["org-a", "A6"] = "P4"  # P5's only melding joins P4
    s = lc.score(labels, PERSONEN, VARIATIES)
    assert (s.correct_pairs, s.predicted_pairs, s.true_pairs) == (5, 6, 5)
    assert s.precision == pytest.approx(5 / 6) and s.recall == 1.0
    assert s.f1 == pytest.approx(2 * 5 / (6 + 5))
    assert (s.false_pairs, s.false_person_pairs) == (1, 1)
    assert (s.persons_found, s.persons_error_pct) == (7, pytest.approx(-12.5))


def test_merging_two_multi_melding_persons_counts_one_person_pair_and_six_melding_pairs() -> None:
    labels = dict(PERSONEN)
    labels["org-a", "A3"] = labels["org-b", "B2"] = "P1"  # P2 (2 meldingen) merged into P1 (3)
    s = lc.score(labels, PERSONEN, VARIATIES)
    # predicted pairs: C(5,2) = 10 in the merged person + 1 (P3); 3 x 2 = 6 of them are false
    assert (s.predicted_pairs, s.correct_pairs, s.false_pairs, s.false_person_pairs) == (11, 5, 6, 1)
    assert s.precision == pytest.approx(5 / 11) and s.recall == 1.0


def test_a_split_shows_in_the_recall_of_its_variation() -> None:
    labels = dict(PERSONEN)
    labels["org-b", "B1"] = "P1-split"  # the melding without birth date is not linked
    s = lc.score(labels, PERSONEN, VARIATIES)
    assert (s.correct_pairs, s.true_pairs) == (3, 5) and s.recall == pytest.approx(3 / 5)
    assert s.precision == 1.0 and s.persons_found == 9
    per = {k: (v.found, v.pairs) for k, v in s.per_variation.items()}
    assert per == {"geboortedatum_ontbreekt": (0, 2), "typfout": (1, 1), "geen": (2, 2)}


def test_scoring_matches_pair_enumeration_and_ignores_meldingen_outside_the_truth() -> None:
    rng = random.Random(7)
    truth = {f"m{i}": f"p{rng.randrange(40)}" for i in range(150)}
    for _ in range(20):
        labels: dict[str, str] = {m: f"c{rng.randrange(60)}" for m in truth}
        labels["extra"] = "c1"  # exported without truth: not scored
        s = lc.score(labels, truth)
        correct, predicted, actual = _brute_force(labels, truth)
        assert (s.correct_pairs, s.predicted_pairs, s.true_pairs) == (correct, predicted, actual)
        assert s.meldingen == 150 and s.per_variation == {}


def test_layout_round_trip(tmp_path: Path) -> None:
    data = lc.load_layout(_tiny_layout(tmp_path / "tiny"))
    assert [code for code, _ in data.files] == ["org-a", "org-b"]
    assert data.truth == PERSONEN and data.variations == VARIATIES


def test_febrl_birth_dates_keep_only_what_the_registry_accepts() -> None:
    melddatum = lc.FEBRL_MELDDATUM
    assert lc._febrl_date("19151111", melddatum) == "1915-11-11"
    assert lc._febrl_date("19560231", melddatum) == ""  # no such day
    assert lc._febrl_date("19011010", melddatum) == ""  # over 120 at the report date
    assert lc._febrl_date(None, melddatum) == lc._febrl_date("", melddatum) == ""


# ---- end to end through the command line -----------------------------------------------------------------------


@pytest.mark.slow  # six zicht processes: 22-25 s measured (two cores, load average 3-4)
def test_harness_runs_the_cli_end_to_end_on_a_tiny_data_set(tmp_path: Path) -> None:
    data = lc.load_layout(_tiny_layout(tmp_path / "tiny"), name="tiny")
    logged: list[str] = []
    result = lc.evaluate(data, tmp_path / "registry", seed=3, log=logged.append)
    assert [s["name"] for s in result["steps"]] == [
        "db upgrade", "organisaties", "import org-a", "import org-b", "link", "export"
    ]  # fmt: skip
    assert all(s["wall_s"] > 0 and s["cpu_s"] >= 0 for s in result["steps"])
    assert result["imports"]["org-a"]["read"] == 6 and result["imports"]["org-b"]["read"] == 6
    assert (result["meldingen_read"], result["meldingen_rejected"], result["meldingen_exported"]) == (12, 0, 12)
    assert (result["truth_not_exported"], result["exported_without_truth"]) == (0, 0)
    assert isinstance(result["beoordelen"], int) and result["beoordelen"] == result["link"]["beoordelen"]

    # the figures that follow from the truth alone, computed by hand above
    s = result["scores"]
    assert (s["meldingen"], s["persons_true"], s["true_pairs"]) == (12, 8, 5)
    assert {k: v["pairs"] for k, v in s["per_variation"].items()} == {
        "geboortedatum_ontbreekt": 2,
        "typfout": 1,
        "geen": 2,
    }
    # the rest is checked against the export itself, pair by pair
    with (tmp_path / "registry" / "koppelingen.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = {(r["melder"], r["melder_referentie"]): r["persoon_id"] for r in rows}
    assert set(labels) == set(PERSONEN) and all(labels.values())
    correct, predicted, _ = _brute_force(labels, PERSONEN)
    assert (s["correct_pairs"], s["predicted_pairs"]) == (correct, predicted)
    assert s["persons_found"] == len(set(labels.values())) == result["link"]["personen"]
    assert s["precision"] == pytest.approx(correct / predicted if predicted else 1.0)
    assert s["recall"] == pytest.approx(correct / 5)

    row = lc.table_row(result)
    assert row.startswith("| tiny | 12 (0) | 8 | ") and row.count("|") == lc.TABLE_HEADER.splitlines()[0].count("|")
    assert any(line.startswith("  link: ") for line in logged)


def test_eval_script_writes_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The script's table and JSON, with the subprocesses replaced by a perfect linkage (the end-to-end test
    above runs them)."""
    script = _module("eval_linkage_cli")

    def pipeline(dataset: object, work: Path, **_: object) -> object:
        steps = [lc.Step(n, 0.5, 0.25, "", "") for n in ("db upgrade", "organisaties", "import org-a", "link")]
        return lc.PipelineRun(steps, {"org-a": {"read": 12, "rejected": 0}}, {"beoordelen": 2}, dict(PERSONEN))

    monkeypatch.setattr(lc, "run_pipeline", pipeline)
    out = tmp_path / "result.json"
    assert script.main(["--dir", str(_tiny_layout(tmp_path / "tiny")), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "load average" in printed and lc.TABLE_HEADER in printed
    assert "| tiny | 12 (0) | 8 | 8 | +0.0% | 1.0000 | 1.0000 | 0 | 0 | 2 | 0.5 | 0.5 | 2.0 | 1.0 |" in printed
    assert "tiny: geboortedatum_ontbreekt 1.000 (2), typfout 1.000 (1), geen 1.000 (2)" in printed
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert [r["data_set"] for r in payload["results"]] == ["tiny"]
    assert payload["results"][0]["scores"]["correct_pairs"] == 5
