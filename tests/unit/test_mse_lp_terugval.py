# SPDX-License-Identifier: EUPL-1.2
"""The existence LP's fallback to ``scipy.optimize.linprog`` (used when highspy's core class is missing, and
imported only then, see tests/unit/test_cli_opstart.py) gives the same answers as the HiGHS core path."""

from __future__ import annotations

import threading
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize

from zicht.analysis.mse import checks, get_design, read_capture_csv

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"


def _codes(name: str) -> list[int]:
    """``checkident`` codes of every model with at most two pairs on a reference table, design caches cleared."""
    table = read_capture_csv(REF / f"{name}.csv")
    get_design.cache_clear()
    design = get_design(len(table.lists))
    y = np.zeros(design.n_cells)
    for pattern, count in zip(table.patterns, table.counts, strict=True):
        y[design.cell_index(pattern)] += count
    n_pairs = len(design.pairs)
    models = [()] + [(i,) for i in range(n_pairs)] + list(combinations(range(n_pairs), 2))
    return [checks.check_model(design, y, model) for model in models]


#: Codes of main effects, each single pair, then each two pairs (shared/docs/mse.md §c.6): an LP says "no MLE"
#: for Artificial_3's A:B, A:B + A:C and A:B + B:C, and for Korea's b:c + b:d.
EXPECTED = {"Artificial_3": [0, 1, 0, 0, 1, 1, 0], "Korea": [0, 0, 0, 0, 1, 0, 0]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scipy_terugval_geeft_dezelfde_codes(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _codes(name) == EXPECTED[name]
    assert checks._highs() is not None  # that run used the HiGHS core path
    calls: list[int] = []
    linprog = scipy.optimize.linprog

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return linprog(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scipy.optimize, "linprog", counted)
    monkeypatch.setattr(checks, "_LOCAL", threading.local())
    monkeypatch.setattr(checks._LOCAL, "solver", None, raising=False)  # as if highspy's _Highs were missing
    assert _codes(name) == EXPECTED[name]
    get_design.cache_clear()
    assert calls  # the fallback did solve the LPs
