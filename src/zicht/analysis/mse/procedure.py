# SPDX-License-Identifier: EUPL-1.2
"""The estimation procedure on cell counts: model choice by method, then the fit.

This is the part that the bootstrap and the jackknife rerun on every resampled table, so it works on plain
arrays and a cached :class:`~zicht.analysis.mse.design.Design`. Two modes:

* ``checked`` (the analyst's own data): ``main`` and ``fixed`` models must pass ``checkident`` and so must the
  final stepwise model, otherwise a :class:`~zicht.analysis.mse.errors.ModelCheckError` is raised.
* unchecked (resampled data): as SparseMSE's ``estimatepopulation``, no exception; a model whose MLE does not
  exist is fitted anyway and yields whatever R's ``glm`` would give after its iterations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from zicht.analysis.mse.checks import check_model
from zicht.analysis.mse.design import Design
from zicht.analysis.mse.errors import error_for_code
from zicht.analysis.mse.model import Fit, fit_model
from zicht.analysis.mse.stepwise import Candidate, Step, stepwise

__all__ = ["Method", "Selection", "point_estimate", "select_and_fit"]

FloatArray = npt.NDArray[np.float64]
Method = Literal["stepwise", "main", "fixed"]
METHODS: tuple[str, ...] = ("stepwise", "main", "fixed")


@dataclass
class Selection:
    """Outcome of the procedure on one table.

    Attributes:
        fit: The fit of the chosen model.
        steps: Stepwise entries (empty for ``main`` and ``fixed``).
        cycles: Candidate tables per stepwise cycle (only when recorded).
        check_code: ``checkident`` code of the chosen model (0 when checked and accepted; -1 if not checked).
    """

    fit: Fit
    steps: list[Step] = field(default_factory=list)
    cycles: list[list[Candidate]] = field(default_factory=list)
    check_code: int = -1


def _describe(design: Design, pairs: tuple[int, ...], names: tuple[str, ...] | None) -> str:
    if not pairs:
        return "main effects only"
    labels = names or tuple(chr(ord("A") + i) for i in range(design.t))
    return "main effects + " + ", ".join(f"{labels[design.pairs[p][0]]}:{labels[design.pairs[p][1]]}" for p in pairs)


def select_and_fit(
    design: Design,
    y_full: FloatArray,
    method: str,
    threshold: float,
    pairs: tuple[int, ...],
    *,
    checked: bool,
    record: bool = False,
    names: tuple[str, ...] | None = None,
) -> Selection:
    """Choose the model by ``method`` and fit it.

    Args:
        design: The design for the number of lists.
        y_full: Counts of all cells.
        method: ``"stepwise"``, ``"main"`` or ``"fixed"``.
        threshold: Stepwise p-value threshold.
        pairs: The model's pair indices for ``fixed``.
        checked: Raise on a model that fails ``checkident`` (see module docstring).
        record: Record stepwise candidate tables.
        names: List names, for error messages.

    Returns:
        The selection.

    Raises:
        ModelCheckError: If ``checked`` and the model fails the checks.
        ValueError: On an unknown method.
    """
    if method == "stepwise":
        fit, steps, cycles = stepwise(design, y_full, threshold, record=record)
        code = check_model(design, y_full, fit.pairs) if checked else -1
        if code > 0:
            raise error_for_code(code, _describe(design, fit.pairs, names) + " (chosen by stepwise)")
        return Selection(fit, steps, cycles, code)
    if method in ("main", "fixed"):
        model = () if method == "main" else pairs
        code = check_model(design, y_full, model) if checked else -1
        if code > 0:
            raise error_for_code(code, _describe(design, model, names))
        return Selection(fit_model(design, y_full, model), check_code=code)
    raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")


def point_estimate(design: Design, y_full: FloatArray, method: str, threshold: float, pairs: tuple[int, ...]) -> float:
    """Total population estimate N_obs + exp(intercept) of the unchecked procedure (one bootstrap replicate).

    Args:
        design: The design.
        y_full: Counts of all cells.
        method: Estimation method.
        threshold: Stepwise threshold.
        pairs: Pairs for ``fixed``.

    Returns:
        The point estimate.
    """
    selection = select_and_fit(design, y_full, method, threshold, pairs, checked=False)
    return float(y_full.sum()) + selection.fit.dark
