# SPDX-License-Identifier: EUPL-1.2
"""Normalisation of one ad: text, contacts (phone numbers however written, e-mail, handles), city, price and
language.

Phone numbers are found after undoing the usual obfuscations: digits written out in Dutch or English
(``nul zes een twee``), keycap emoji (``0️⃣6️⃣``), and digits split by spaces, dots, dashes or emoji. A number
counts as *obscured* (indicator S7) when it was only found after undoing one of those. Candidates are checked
with ``phonenumbers`` and returned in E.164. Contacts leave this module only as keyed hashes (see
:mod:`zicht.signalen.ingest`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from zicht.privacy.vault import normalise_phone

_CIJFERWOORDEN = {
    "nul": "0",
    "een": "1",
    "één": "1",
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "oh": "0",
}
_WOORD = re.compile(
    r"(?<![a-zà-ÿ])(" + "|".join(sorted(_CIJFERWOORDEN, key=len, reverse=True)) + r")(?![a-zà-ÿ])", re.I
)
_KEYCAP = re.compile(r"([0-9])\ufe0f?\u20e3")
# A run of digits with anything but letters between them (spaces, dots, dashes, slashes, emoji).
_RUN = re.compile(r"\+?[0-9](?:[^0-9A-Za-zÀ-ÿ\n]{0,4}[0-9]){8,13}")
_STANDAARD = re.compile(r"\+?[0-9][0-9 \-()]*")
_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}", re.I)
_HANDLE = re.compile(
    r"(?:(?<=\s)|^)@([a-z0-9_.]{3,30})|(?:telegram|snap(?:chat)?|insta(?:gram)?)\s*[:=]\s*@?([a-z0-9_.]{3,30})", re.I
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s]+", re.I)
_PRIJS = re.compile(r"(?:€\s*([0-9]{2,4})|([0-9]{2,4})\s*(?:euro|eur\b|€))", re.I)
_HALF = re.compile(r"half\s*(?:uur|hour)|halfuur|30\s*min", re.I)
_LOOKALIKE = str.maketrans("аеосрхіАЕОСРХІ", "aeocpxiAEOCPXI")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "ik",
        "je",
        "jij",
        "is",
        "van",
        "voor",
        "met",
        "op",
        "niet",
        "ook",
        "zijn",
        "maar",
        "bel",
        "haar",
        "zij",
        "wij",
        "ons",
        "onze",
        "uur",
        "per",
    ]
)
_EN = frozenset(
    [
        "the",
        "a",
        "and",
        "i",
        "you",
        "is",
        "of",
        "for",
        "with",
        "on",
        "not",
        "also",
        "are",
        "but",
        "call",
        "her",
        "she",
        "we",
        "our",
        "hour",
        "per",
        "my",
        "me",
    ]
)


@dataclass(frozen=True, slots=True)
class Telefoon:
    """A phone number found in an ad: E.164 and whether it was obscured."""

    e164: str
    verborgen: bool


def schoon(tekst: str) -> str:
    """NFKC, Cyrillic look-alikes to Latin, so ``сom`` and ``com`` compare equal."""
    return unicodedata.normalize("NFKC", tekst).translate(_LOOKALIKE)


@lru_cache(maxsize=1 << 20)
def _geldig(cijfers: str) -> str | None:
    plus = cijfers.startswith("+")
    kaal = "".join(c for c in cijfers if c.isdigit())
    for start in range(len(kaal)):  # the number may follow stray digits ("1 06 ...": 'een' before a number)
        kandidaat = ("+" if plus and start == 0 else "") + kaal[start:]
        if not (kandidaat.startswith(("06", "+31", "31", "0031", "0")) and 10 <= len(kaal) - start <= 13):
            continue
        if kandidaat.startswith("31") or kandidaat.startswith("0031"):
            kandidaat = "+" + kandidaat.removeprefix("00")
        e164 = normalise_phone(kandidaat)
        if e164.startswith("+31") and _is_geldig(e164):
            return e164
    return None


@lru_cache(maxsize=1 << 20)
def _is_geldig(e164: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164, "NL"))
    except phonenumbers.NumberParseException:
        return False


def telefoons(tekst: str, veld: str = "") -> list[Telefoon]:
    """Every valid Dutch number in ``tekst`` (however written) and the contact field ``veld``."""
    gevonden: dict[str, bool] = {}
    if veld.strip():
        e164 = _geldig(normalise_phone(veld))
        if e164:
            gevonden[e164] = False
    woorden = _WOORD.sub(lambda m: "\x00" + _CIJFERWOORDEN[m.group(1).lower()], tekst)
    cijfers = _KEYCAP.sub(lambda m: "\x01" + m.group(1), woorden)
    for m in _RUN.finditer(cijfers.replace("\x00", "").replace("\x01", "")):
        e164 = _geldig(m.group(0))
        if e164:
            gevonden.setdefault(e164, True)
    # obscured unless the number also appears in a plain form (digits, spaces, dashes, brackets only)
    for m in _STANDAARD.finditer(tekst):
        e164 = _geldig(m.group(0)) if sum(c.isdigit() for c in m.group(0)) >= 10 else None
        if e164 and m.group(0).count(" ") <= 3:
            gevonden[e164] = False
    return [Telefoon(e, v) for e, v in gevonden.items()]


def emails(tekst: str, veld: str = "") -> list[str]:
    """E-mail addresses, lower-cased."""
    return sorted({e.lower() for e in _EMAIL.findall(f"{tekst} {veld}")})


def handles(tekst: str, veld: str = "") -> list[str]:
    """Social-media and messenger handles, lower-cased without ``@``."""
    uit = {(a or b).lower().rstrip(".") for a, b in _HANDLE.findall(f"{tekst} {veld}")}
    if veld.strip():
        uit.add(veld.strip().lstrip("@").lower())
    return sorted(uit)


def urls(tekst: str) -> list[str]:
    """Web addresses (lower-cased, without scheme)."""
    return sorted({re.sub(r"^https?://", "", u.lower()).rstrip(".,") for u in _URL.findall(tekst)})


def prijs_per_uur(tekst: str, veld: object = None) -> float | None:
    """The hourly price: the price field, else the first price in the text; doubled for a half hour."""
    prijs: float | None = None
    if (isinstance(veld, int | float) and veld > 0) or (isinstance(veld, str) and veld.strip().isdigit()):
        prijs = float(veld)
    else:
        m = _PRIJS.search(tekst)
        if m:
            prijs = float(m.group(1) or m.group(2))
    if prijs is None:
        return None
    return prijs * 2 if _HALF.search(tekst) else prijs


def tokens(tekst: str) -> list[str]:
    """Word tokens (letters only), in original case."""
    return _TOKEN.findall(tekst)


def taal(woorden: list[str]) -> str:
    """``nl``, ``en`` or ``onbekend`` by stop-word counts."""
    nl = sum(1 for w in woorden if w.lower() in _NL)
    en = sum(1 for w in woorden if w.lower() in _EN)
    if nl == en:
        return "onbekend"
    return "nl" if nl > en else "en"
