# SPDX-License-Identifier: EUPL-1.2
"""Synthetic meldingen with a known truth, for tests, the demo and benchmarks.

Real victim data never enters the repository. This package draws a *hidden population* of victims per year
(about 4–5 times the registered number), lets reporter kinds (police, KMar, NLA, zorgcoördinatie, FairWork,
COA, Nidos, ...) see persons with person-dependent probabilities, and writes one melding per (person, reporter)
in the import format, with the identity variations real registers show. The truth goes to a separate
``waarheid/`` directory. Calibration targets live in :mod:`zicht.synth.calibratie`.

Example:
    >>> from zicht.synth import SynthConfig, generate, write  # doctest: +SKIP
    >>> result = generate(SynthConfig(jaar_van=2023, jaar_tot=2024, seed=1), reference)  # doctest: +SKIP
    >>> write(result, "/tmp/synth")  # doctest: +SKIP
"""

from zicht.synth.bestanden import write
from zicht.synth.calibratie import Doel, doelen
from zicht.synth.generator import GENERATOR_VERSIE, SynthConfig, SynthResult, generate
from zicht.synth.meldingen import KOLOMMEN
from zicht.synth.organisaties import Organisatie, Stijl
from zicht.synth.varianten import VARIATIE_KANSEN

__all__ = [
    "GENERATOR_VERSIE",
    "KOLOMMEN",
    "VARIATIE_KANSEN",
    "Doel",
    "Organisatie",
    "Stijl",
    "SynthConfig",
    "SynthResult",
    "doelen",
    "generate",
    "write",
]
