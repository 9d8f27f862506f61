# SPDX-License-Identifier: EUPL-1.2
"""The ``zicht mse estimate`` command-line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zicht.cli import main
from zicht.cli._context import EXIT_BAD_INPUT, EXIT_DOMAIN, EXIT_USAGE

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = main(["mse", "estimate", *args, "--json"], {})
    out = capsys.readouterr().out
    assert code == 0, out
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


@needs_ref
def test_json_output_has_the_contract_fields_for_kosovo(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(REF / "Kosovo.csv"))
    assert doc["observed"] == 4400
    assert doc["estimate"] == pytest.approx(14341.66, abs=0.005)
    assert doc["dark_number"] == pytest.approx(14341.66 - 4400, abs=0.005)
    assert doc["model"] == ["ABA:OSCE", "OSCE:HRW", "EXH:OSCE", "EXH:ABA", "EXH:HRW"]
    assert doc["infinite_pairs"] == []
    intervals = {(i["method"], i["level"]): (i["low"], i["high"]) for i in doc["intervals"]}  # type: ignore[attr-defined]
    assert set(intervals) == {("analytic", 0.95), ("analytic", 0.8)}
    assert intervals["analytic", 0.95] == pytest.approx((12541.3, 16540.2), abs=0.05)


@needs_ref
def test_json_model_lists_infinite_pairs_in_column_order(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(REF / "NewOrl_5.csv"), "--method", "fixed", "--pairs", "H:A,C:H,D:H,A:C")
    assert doc["model"] == ["A:H", "C:H", "D:H", "A:C"]
    assert doc["infinite_pairs"] == ["A:H", "C:H", "D:H"]


@needs_ref
def test_pairs_imply_the_fixed_method_and_main_ignores_interactions(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, str(REF / "Korea.csv"), "--pairs", "b:c")["model"] == ["b:c"]
    main_doc = run_json(capsys, str(REF / "Korea.csv"), "--method", "main")
    assert main_doc["model"] == []
    assert main_doc["estimate"] == pytest.approx(141.99, abs=0.005)


@needs_ref
def test_threshold_option_changes_the_stepwise_model(capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(REF / "Kosovo.csv"), "--threshold", "0.001")
    assert doc["model"] == ["ABA:OSCE", "OSCE:HRW"]


@needs_ref
def test_bootstrap_adds_bca_intervals_reproducibly_for_a_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = (str(REF / "Korea.csv"), "--bootstrap", "60", "--seed", "5")
    first = run_json(capsys, *args)
    second = run_json(capsys, *args)
    methods = [(i["method"], i["level"]) for i in first["intervals"]]  # type: ignore[attr-defined]
    assert methods == [("analytic", 0.95), ("analytic", 0.8), ("bca", 0.95), ("bca", 0.8)]
    assert first["intervals"] == second["intervals"]
    assert first["bootstrap"]["seed"] == 5  # type: ignore[index]


@needs_ref
def test_readable_summary_shows_estimate_and_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mse", "estimate", str(REF / "NewOrl.csv")], {}) == 0
    out = capsys.readouterr().out
    assert "1,183.7" in out
    assert "D:E" in out
    assert "Totale populatie / total population" in out


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@needs_ref
def test_no_mle_exits_with_the_domain_code_and_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["mse", "estimate", str(REF / "Korea.csv"), "--pairs", "b:c,b:d,c:d", "--json"], {})
    assert code == EXIT_DOMAIN
    assert "check code 1" in one_line_error(capsys)


@needs_ref
def test_not_identifiable_exits_with_the_domain_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["mse", "estimate", str(REF / "Artificial_3.csv"), "--pairs", "A:B,A:C,B:C"], {})
    assert code == EXIT_DOMAIN
    assert "not identifiable" in one_line_error(capsys)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("", "is empty"),
        ("A,B,n\n", "no data rows"),
        ("A,B,n\n1,2,5\n", "is not 0 or 1"),
        ("A,B,n\n1,0,5\n0,0,3\n", "all-zero pattern"),
        ("A,B,n\n1,0,x\n", "not a number"),
    ],
)
def test_bad_files_exit_with_the_bad_input_code_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "lists.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["mse", "estimate", str(path), "--json"], {}) == EXIT_BAD_INPUT
    assert message in one_line_error(capsys)


@needs_ref
@pytest.mark.parametrize(
    "args",
    [
        ["--pairs", "b:x"],
        ["--pairs", "b"],
        ["--method", "main", "--pairs", "b:c"],
        ["--threshold", "2"],
        ["--method", "other"],
    ],
)
def test_bad_options_exit_with_the_usage_code(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(["mse", "estimate", str(REF / "Korea.csv"), *args], {}) == EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


def test_dropped_list_warning_goes_to_stderr_and_json_stays_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("A,B,C,Z,n\n1,0,0,0,60\n0,1,0,0,30\n1,1,0,0,20\n0,0,1,0,10\n1,0,1,0,5\n", encoding="utf-8")
    assert main(["mse", "estimate", str(path), "--json"], {}) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["lists"] == ["A", "B", "C"]
    assert doc["dropped_lists"] == ["Z: no individuals on this list"]
    assert "warning: list 'Z' dropped" in captured.err
