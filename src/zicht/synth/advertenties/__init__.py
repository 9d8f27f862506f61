# SPDX-License-Identifier: EUPL-1.2
"""Synthetic online ads with a known truth, for the signalen module's tests, evaluation and benchmark.

Written from a description of the advertising world (organisers, independent workers, licensed agencies,
spam generators, shared booking numbers), not from the signal list the module detects. Two phrase families:
``a`` as practitioners describe the market, ``b`` written apart from the signal list, with organisers that
avoid every listed phrase (see :mod:`zicht.synth.advertenties.teksten_b`).

Example:
    >>> from zicht.synth.advertenties import WereldConfig, genereer
    >>> wereld = genereer(WereldConfig(advertenties=200, seed=1))
    >>> len(wereld.advertenties) == len(wereld.waarheid) == 200
    True
"""

from zicht.synth.advertenties.wereld import SITES, Advertenties, WereldConfig, genereer

__all__ = ["SITES", "Advertenties", "WereldConfig", "genereer"]
