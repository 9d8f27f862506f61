# SPDX-License-Identifier: EUPL-1.2
"""An independent stress generator for record linkage: identity-only meldingen with ground truth.

Written from a description of the real world (see README.md), deliberately without reading zicht's linkage
model or its own synthetic generator, so that it can surprise the model. Entry point:
:func:`tests.stress_linkage.generator.generate`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["VARIATIES", "generate", "simuleer"]


def __getattr__(name: str) -> Any:
    # lazy, so that ``python -m tests.stress_linkage.generator`` does not import the module twice
    if name in __all__:
        from tests.stress_linkage import generator

        return getattr(generator, name)
    raise AttributeError(name)
