# SPDX-License-Identifier: EUPL-1.2
"""How advertisers in the synthetic world write contact details and text: plain or obscured numbers, typos,
look-alike letters and emoji padding.

Advertisers obscure numbers to get past platform filters and scrapers: digits written out in Dutch or English,
split by spaces, dots or emoji, or as keycap emoji. Some write sloppily (swapped letters), some decorate with
emoji, and spam generators swap Latin letters for Cyrillic look-alikes to beat duplicate filters.
"""

from __future__ import annotations

import random

_NL = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_KEYCAP = tuple(f"{d}\ufe0f\u20e3" for d in "0123456789")
_PADDING = ("💋", "🔥", "✨", "🌹", "💕", "😘", "⭐", "🍒", "❤️", "👠")
_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і"}


def nieuw_nummer(rng: random.Random, gebruikt: set[str]) -> str:
    """A fresh Dutch mobile number ``06xxxxxxxx`` not used before in this world."""
    while True:
        nummer = "06" + "".join(rng.choice("0123456789") for _ in range(8))
        if nummer not in gebruikt:
            gebruikt.add(nummer)
            return nummer


def schrijf_nummer(nummer: str, stijl: str, rng: random.Random) -> str:
    """The number as an advertiser writes it in the text. ``stijl``: plain, groups, international, dots,
    words_nl, words_en, emoji, mixed (some digits as words)."""
    d = nummer
    if stijl == "groups":
        return f"{d[:2]} {d[2:6]} {d[6:]}"
    if stijl == "international":
        return f"+31 {d[1]} {d[2:]}"
    if stijl == "dots":
        return ".".join(d[i : i + 2] for i in range(0, len(d), 2))
    if stijl == "words_nl":
        return " ".join(_NL[int(c)] for c in d)
    if stijl == "words_en":
        return "-".join(_EN[int(c)] for c in d)
    if stijl == "emoji":
        return "".join(_KEYCAP[int(c)] for c in d)
    if stijl == "mixed":
        return " ".join(_NL[int(c)] if rng.random() < 0.5 else c for c in d)
    if stijl == "split_emoji":
        return f"{d[:4]} {rng.choice(_PADDING)} {d[4:]}"
    return f"{d[:2]}-{d[2:]}"


def tikfouten(tekst: str, kans: float, rng: random.Random) -> str:
    """Swap two adjacent letters in some longer lower-case words (sloppy typing)."""
    if kans <= 0:
        return tekst
    woorden = tekst.split(" ")
    for i, w in enumerate(woorden):
        if len(w) > 4 and w.isalpha() and w.islower() and rng.random() < kans:
            j = rng.randrange(1, len(w) - 2)
            woorden[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(woorden)


def lookalikes(tekst: str, kans: float, rng: random.Random) -> str:
    """Replace some Latin letters by Cyrillic look-alikes (defeats naive duplicate filters)."""
    if kans <= 0:
        return tekst
    return "".join(_LOOKALIKE[c] if c in _LOOKALIKE and rng.random() < kans else c for c in tekst)


def versier(tekst: str, rng: random.Random, aantal: int) -> str:
    """Emoji padding at the start and end of an ad."""
    if aantal <= 0:
        return tekst
    links = "".join(rng.choice(_PADDING) for _ in range(aantal))
    rechts = "".join(rng.choice(_PADDING) for _ in range(aantal))
    return f"{links} {tekst} {rechts}"
