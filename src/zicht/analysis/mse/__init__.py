# SPDX-License-Identifier: EUPL-1.2
"""Multiple systems estimation (MSE) of the dark number, as the R package SparseMSE 2.0.1.

Typical use::

    from zicht.analysis.mse import estimate

    result = estimate("lists.csv", bootstrap=1000, seed=1234)
    result.estimate, result.model, result.interval("bca", 0.95)

Modules: :mod:`~.table` (input and hygiene), :mod:`~.design` (cells and design matrices), :mod:`~.model`
(Poisson IRLS fit), :mod:`~.checks` (existence LP and rank), :mod:`~.stepwise` (model choice),
:mod:`~.procedure` (method dispatch), :mod:`~.intervals` (analytic and BCa), :mod:`~.bootstrap` (parallel
bootstrap and jackknife), :mod:`~.result` (result types), :mod:`~.estimate` (entry point). The method is
documented for analysts in ``docs/mse.md``.
"""

from zicht.analysis.mse.checks import check_model, count_triples
from zicht.analysis.mse.design import Design, get_design
from zicht.analysis.mse.errors import (
    ModelCheckError,
    MSEArgumentError,
    MSEError,
    MSEInputError,
    MSEWarning,
    NoMLEAndNotIdentifiableError,
    NoMLEError,
    NotIdentifiableError,
)
from zicht.analysis.mse.estimate import estimate
from zicht.analysis.mse.intervals import acceleration, bca_intervals, quantile_type8
from zicht.analysis.mse.result import (
    BootstrapSummary,
    CandidateRecord,
    InfinitePair,
    Interval,
    MSEResult,
    StepRecord,
    pair_label,
)
from zicht.analysis.mse.table import CaptureTable, DroppedList, drop_uninformative_lists, read_capture_csv

__all__ = [
    "BootstrapSummary",
    "CandidateRecord",
    "CaptureTable",
    "Design",
    "DroppedList",
    "InfinitePair",
    "Interval",
    "MSEArgumentError",
    "MSEError",
    "MSEInputError",
    "MSEResult",
    "MSEWarning",
    "ModelCheckError",
    "NoMLEAndNotIdentifiableError",
    "NoMLEError",
    "NotIdentifiableError",
    "StepRecord",
    "acceleration",
    "bca_intervals",
    "check_model",
    "count_triples",
    "drop_uninformative_lists",
    "estimate",
    "get_design",
    "pair_label",
    "quantile_type8",
    "read_capture_csv",
]
