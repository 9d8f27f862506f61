# SPDX-License-Identifier: EUPL-1.2
"""Domain errors and warnings of the multiple systems estimator.

Every error message is complete and safe to show to an analyst: it names the lists or pairs involved and, for
model failures, the SparseMSE ``checkident`` code (1 = no maximum likelihood estimate, 2 = not identifiable,
3 = both).
"""

from __future__ import annotations

__all__ = [
    "MSEArgumentError",
    "MSEError",
    "MSEInputError",
    "MSEWarning",
    "ModelCheckError",
    "NoMLEAndNotIdentifiableError",
    "NoMLEError",
    "NotIdentifiableError",
    "error_for_code",
]


class MSEError(Exception):
    """Base class of every error raised by :mod:`zicht.analysis.mse`."""


class MSEInputError(MSEError, ValueError):
    """The capture table is unusable (wrong values, no data, the all-zero pattern, too few lists)."""


class MSEArgumentError(MSEError, ValueError):
    """An argument of the estimator is invalid (unknown method, bad pair, threshold outside [0, 1], ...)."""


class MSEWarning(UserWarning):
    """Something in the input was corrected automatically (e.g. an uninformative list was dropped)."""


class ModelCheckError(MSEError):
    """A log-linear model fails the existence and/or identifiability check.

    Attributes:
        code: The SparseMSE ``checkident`` code: 1 no MLE, 2 not identifiable, 3 both.
        model: Human-readable description of the model that failed.
    """

    def __init__(self, code: int, model: str) -> None:
        self.code = code
        self.model = model
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = []
        if self.code & 1:
            parts.append(
                "the maximum likelihood estimate does not exist (some expected counts would have to be 0 "
                "that are not forced to 0 by the model)"
            )
        if self.code & 2:
            parts.append("the model is not identifiable (its design matrix is rank deficient)")
        return f"model {self.model}: {' and '.join(parts)} [check code {self.code}]"


class NoMLEError(ModelCheckError):
    """The (extended) maximum likelihood estimate does not exist: check code 1 (or 3)."""


class NotIdentifiableError(ModelCheckError):
    """The model parameters are not identifiable from the data: check code 2 (or 3)."""


class NoMLEAndNotIdentifiableError(NoMLEError, NotIdentifiableError):
    """Both checks fail: check code 3. Catchable as either of its two parents."""


def error_for_code(code: int, model: str) -> ModelCheckError:
    """Build the exception that matches a non-zero ``checkident`` code.

    Args:
        code: 1, 2 or 3.
        model: Description of the model, used in the message.

    Returns:
        An instance of :class:`NoMLEError`, :class:`NotIdentifiableError` or
        :class:`NoMLEAndNotIdentifiableError`.
    """
    if code == 1:
        return NoMLEError(code, model)
    if code == 2:
        return NotIdentifiableError(code, model)
    if code == 3:
        return NoMLEAndNotIdentifiableError(code, model)
    raise ValueError(f"not a failing check code: {code}")
