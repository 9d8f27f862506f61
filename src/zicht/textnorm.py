# SPDX-License-Identifier: EUPL-1.2
"""Text normalisation for tolerant look-ups of place names, codes and labels."""

from __future__ import annotations

import re
import unicodedata

_PROVINCE_SUFFIX = re.compile(r"\s*\((?:nh|zh|o|l|z|gld|u|fr|gr|dr|ov|nb)\.?\)\s*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """Remove combining accents: ``Súdwest-Fryslân`` -> ``Sudwest-Fryslan``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(name: str, *, keep_suffix: bool = True) -> str:
    """Normalise a place name for comparison.

    Lower-cases, strips diacritics and punctuation, unifies apostrophes and the ``'s-``/``s-`` prefix, and
    collapses whitespace and hyphens. With ``keep_suffix=False`` a province suffix such as ``(NH.)`` is
    dropped, so ``Bergen (NH.)`` and ``Bergen`` normalise alike.

    Example:
        >>> normalise_name("'s-Gravenhage")
        's gravenhage'
    """
    text = strip_diacritics(name).casefold().strip()
    text = text.replace("\u2019", "'").replace("`", "'").replace("\u2018", "'")
    if not keep_suffix:
        text = _PROVINCE_SUFFIX.sub("", text)
    text = re.sub(r"^'?s[- ]", "s ", text)  # 's-Gravenhage, s-Gravenhage, 's Gravenhage
    return _NON_ALNUM.sub(" ", text).strip()
