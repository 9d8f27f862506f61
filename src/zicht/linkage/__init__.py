# SPDX-License-Identifier: EUPL-1.2
"""Linkage: meldingen of one victim, reported by several organisations, linked into one person.

Runs only inside the trusted boundary: identities are decrypted from the vault into memory, compared with a
Fellegi–Sunter model (Splink 5, DuckDB or Spark) trained without labels, and only melding ids, person ids,
scores and comparison levels are written back. See ``docs/linkage.md``.

Modules:

* :mod:`~zicht.linkage.normalise` — names, dates, numbers into comparable features (phonetic key,
  transliteration, particles, swaps);
* :mod:`~zicht.linkage.model` — comparisons and blocking rules (Splink settings);
* :mod:`~zicht.linkage.engine` — training (EM, u sampling), prediction, clustering, thresholds;
* :mod:`~zicht.linkage.clusters` / :mod:`~zicht.linkage.persons` — clusters with analyst constraints, stable
  person ids with merge/split events;
* :mod:`~zicht.linkage.incremental` / :mod:`~zicht.linkage.scoring` — one new melding linked on arrival;
* :mod:`~zicht.linkage.evaluate` — pairwise, cluster and per-variation accuracy;
* :mod:`~zicht.linkage.steekproef` / :mod:`~zicht.linkage.kwaliteit` / :mod:`~zicht.linkage.meting` — quality
  without labels: a full run's audit sample, precision and recall with intervals from the analysts'
  decisions on it, the review queue's order by what a decision teaches;
* :mod:`~zicht.linkage.service` / :mod:`~zicht.linkage.review` — the registry: runs, review queue,
  decisions, export rows.

Submodules are imported on first use (Splink and DuckDB are heavy), so ``import zicht.linkage`` is cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Drempels": "zicht.linkage.engine",
    "LinkResult": "zicht.linkage.engine",
    "TrainedModel": "zicht.linkage.engine",
    "TrainingConfig": "zicht.linkage.engine",
    "link": "zicht.linkage.engine",
    "LinkIndex": "zicht.linkage.incremental",
    "ContextVeld": "zicht.linkage.model",
    "ModelSpec": "zicht.linkage.model",
    "REGISTER_CONTEXT": "zicht.linkage.model",
    "prepare": "zicht.linkage.normalise",
    "phonetic_key": "zicht.linkage.normalise",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'zicht.linkage' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
