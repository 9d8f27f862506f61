# SPDX-License-Identifier: EUPL-1.2
"""Normalise decrypted identifying fields into linkage features.

Names of this population arrive in many spellings of one name: Dutch names with particles (``van der
Berg``), Eastern European names transliterated from Cyrillic in English, German, French or ISO style
(``Shevchenko``, ``Schewtschenko``, ``Chevtchenko``, ``Ševčenko``), Arabic names in several romanisations
(``Mohammed``, ``Muhammad``, ``Mouhamed``), West African and Latin American names with diacritics and
multi-part surnames. This module folds them into comparable forms:

* :func:`fold` transliterates any script to ASCII (``unidecode``), lower-cases and keeps letters only;
* :func:`phonetic_key` reduces a folded token to a consonant skeleton that is stable across the usual
  transliteration variants (``oleksandr``/``aleksandr``/``olexandr`` -> ``alksntr``). It is our own key, written
  for these name families, because Splink's DuckDB backend has no phonetic function and Double Metaphone is
  tuned to English;
* :func:`prepare` turns a frame of decrypted records into the frame Splink compares: first given name,
  surname core without particles, token lists (for swapped and partial names), birth-date parts
  (for day–month swaps and the 1 January placeholder), normalised document and phone numbers.

Nothing here logs, prints or raises with a value: the features are identifying and stay in memory (the
per-value caches of :func:`fold`, :func:`phonetic_key` and :func:`normalise_phone` live in the same process
memory as the records themselves).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd
from rapidfuzz.distance import OSA, JaroWinkler
from unidecode import unidecode

#: Columns of the decrypted record frame that :func:`prepare` understands (all optional but the id).
INPUT_COLUMNS = (
    "melding_id",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "geboortejaar",
    "geslacht",
    "nationaliteit",
    "documentnummer",
    "telefoonnummer",
    "melder_soort",
    "leeftijd",
    "melddatum",
)

#: Feature columns that hold lists of strings (all others hold text, integers or booleans).
LIST_FEATURES = ("vn_alle", "an_tokens", "fon_tokens", "nat", "docs", "tels")

#: Surname particles dropped from the surname core: Dutch/German/French/Spanish/Portuguese tussenvoegsels
#: and Arabic/Hebrew/Turkish patronymic and article prefixes. A report may write ``El Amrani`` or
#: ``Amrani``, ``van den Berg`` or ``Berg``: the core is the same.
PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "t",
        "ter",
        "ten",
        "te",
        "op",
        "in",
        "onder",
        "over",
        "uit",
        "voor",
        "vd",
        "von",
        "zu",
        "zum",
        "zur",
        "du",
        "des",
        "la",
        "le",
        "les",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "di",
        "y",
        "e",
        "al",
        "el",
        "ul",
        "ibn",
        "bin",
        "ben",
        "bint",
        "abu",
        "ould",
        "oulad",
        "ait",
    }
)

_EPOCH = date(1970, 1, 1)
_NON_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r" +")
_VOWELS = frozenset("aeiouy")

# Ordered multi-letter substitutions for the phonetic key. Applied left to right after folding.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("tsch", "s"),
    ("sch", "s"),
    ("tch", "s"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("sh", "s"),
    ("sz", "s"),
    ("cz", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("ck", "k"),
    ("qu", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("z", "s"),
)


@lru_cache(maxsize=500_000)
def _fold_text(text: str) -> str | None:
    folded = unidecode(text).lower().replace("'", "").replace("`", "")
    folded = _SPACES.sub(" ", _NON_LETTER.sub(" ", folded)).strip()
    return folded or None


def fold(value: object) -> str | None:
    """Transliterate to ASCII, lower-case, keep letters and single spaces; ``None`` when nothing is left.

    Apostrophes vanish (``O'Neill`` -> ``oneill``); hyphens and other separators become spaces
    (``Al-Hassan`` -> ``al hassan``).

    Example:
        >>> fold("Łukasz-Wójcik")
        'lukasz wojcik'
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    return _fold_text(str(value))


def tokens(value: object) -> list[str]:
    """Folded tokens of a name field (empty list when missing)."""
    folded = fold(value)
    return folded.split(" ") if folded else []


#: Abbreviations of Dutch tussenvoegsels as registers write them in a surname field: ``v.d.``, ``v/d``, ``vd``,
#: ``v.``, ``vdr``, ``d'`` (after folding, ``v.d.`` and ``v/d`` are the tokens ``v`` and ``d``). Only surnames
#: read these as particles: in given names a single letter is an initial.
SURNAME_ABBREVIATIONS = frozenset({"v", "d", "vd", "vdr", "vdn", "vden", "vder", "l", "s"})

#: Words that combine into one glued particle (``vanden``, ``vander``, ``opde``, ``inden``, ``vant``) when a register
#: writes ``vandenBerg`` or ``Vanden Berg``.
_GLUE_HEADS = ("van", "von", "in", "op", "uit", "voor", "aan", "bij", "onder", "over", "de", "v")
_GLUE_TAILS = ("de", "den", "der", "het", "t", "ter", "ten", "te", "la", "d")
_GLUED_PARTICLES = frozenset(
    [h + t for h in _GLUE_HEADS for t in _GLUE_TAILS]
    + [h + "de" + t for h in ("van", "von", "in", "op") for t in ("r", "n")]
)
_ELISION = re.compile(r"(?<![^\W\d_])([dDlL])['\u2019`\u00b4]\s*(?=[^\W\d_])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def is_surname_particle(token: str) -> bool:
    """A folded surname token that is a particle, an abbreviation of one, or particles glued together."""
    return token in PARTICLES or token in SURNAME_ABBREVIATIONS or token in _GLUED_PARTICLES


def surname_tokens(value: object) -> list[str]:
    """Folded tokens of a surname field, with elisions (``d'Hondt`` -> ``d hondt``) and glued particles written
    in camel case (``vandenBerg`` -> ``vanden berg``) split first."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    text = _CAMEL.sub(" ", _ELISION.sub(r"\1 ", str(value)))
    return tokens(text)


def surname_core(value: object) -> list[str]:
    """Surname tokens without particles; if only particles remain (``De``), keep them.

    Example:
        >>> surname_core("v.d. Berg") == surname_core("Berg, van den") == surname_core("vandenBerg") == ["berg"]
        True
    """
    parts = surname_tokens(value)
    core = [t for t in parts if not is_surname_particle(t)]
    return core or parts


def _glued_surname(value: object) -> str | None:
    """Particles first, then the core, without spaces: ``de Vries``, ``Vries, de`` and ``Devries`` all give
    ``devries`` (registers write Dutch tussenvoegsels in all three ways)."""
    parts = surname_tokens(value)
    if not parts:
        return None
    particles = [t for t in parts if is_surname_particle(t)]
    core = [t for t in parts if not is_surname_particle(t)]
    return "".join(particles + core) if core else "".join(parts)


def _ch(token: str, i: int) -> str:
    """How ``ch`` at position ``i`` sounds: ``h`` before a consonant (``Christov``); ``s`` word-initially or
    after a consonant before a vowel (Slavic ``Chernenko``, ``Kovalchuk``); ``h`` otherwise (Dutch, German and
    Arabic ``Achmed``, ``Michael``)."""
    before = token[i - 1] if i > 0 else ""
    after = token[i + 2] if i + 2 < len(token) else ""
    if after not in _VOWELS:  # Christo, Chrystyna: the Greek/Slavic kh
        return "h"
    if i == 0 or before not in _VOWELS:
        return "s"
    return "h"


@lru_cache(maxsize=500_000)
def phonetic_key(token: str | None) -> str | None:
    """A consonant skeleton of one folded name token, stable across common transliteration variants.

    Rules: a leading vowel becomes ``a`` (``Oleksandr``/``Aleksandr``); a leading ``y``/``j``/``i`` before
    ``e`` is dropped (``Yelena``/``Jelena``/``Elena``); a consonantal ``y`` is ``j`` (``Yusuf``/``Jusuf``);
    digraphs are unified (``sh``/``sch``/``sz``/``cz``/``tsch`` -> ``s``, ``kh``/``ch`` -> ``h``, ``x`` -> ``ks``,
    ``w`` -> ``v``, ``ph`` -> ``f``, ``dj``/``dzh``/``zh`` -> ``j``); ``c`` is ``s`` before e/i/y and ``k``
    otherwise; doubled letters collapse; ``h`` after a vowel is dropped unless a consonant follows
    (``Mohammed``/``Muhammad`` but not ``Mahmoud``); later vowels are dropped; a final ``j`` is dropped
    (``Sergiy``/``Sergej``), a final ``d`` devoices to ``t`` and a final ``f`` becomes ``v``.

    Example:
        >>> phonetic_key("mohammed") == phonetic_key("muhammad") == phonetic_key("mouhamed")
        True
    """
    if not token:
        return None
    s = token.replace(" ", "")
    if not s:
        return None
    # Word-initial y/j/i + e: Yelena, Jelena, Ievgen -> elena, evgen.
    if len(s) > 2 and s[0] in "yji" and s[1] == "e":
        s = s[1:]
    # Consonantal y and i (before a vowel, or y word-initially) are j: Yusuf/Jusuf, Tatiana/Tatyana/Tatjana.
    chars = list(s)
    for i, c in enumerate(chars):
        before_vowel = i + 1 < len(chars) and chars[i + 1] in _VOWELS
        before_other_vowel = i + 1 < len(chars) and chars[i + 1] in "aeou"
        if (c == "y" and (i == 0 or before_vowel)) or (c == "i" and i > 0 and before_other_vowel):
            chars[i] = "j"
    s = "".join(chars)
    # ch depends on its neighbours; resolve it before the other digraphs.
    out: list[str] = []
    i = 0
    while i < len(s):
        if s.startswith("ch", i) and not s.startswith("chs", i):
            out.append(_ch(s, i))
            i += 2
        else:
            out.append(s[i])
            i += 1
    s = "".join(out)
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    # c: soft before e/i/y and word-initially before most consonants (Cvetelina for Tsvetelina), else hard.
    s = re.sub(r"^c(?=[bcdfgjkmnpqstvwxz])", "s", s)
    s = re.sub(r"c(?=[eiy])", "s", s).replace("c", "k")
    # Collapse doubled letters before vowels go (Hassan/Hasan, Mohammed/Mohamed) — letters that only
    # meet after vowel removal stay apart (Mohammed keeps both m's).
    s = re.sub(r"(.)\1+", r"\1", s)
    # h after a vowel is silent unless a consonant follows (Mohammed, Fatimah) — keep Mahmoud's h.
    s = re.sub(r"(?<=[aeiouy])h(?=[aeiouy]|$)", "", s)
    first, rest = s[0], s[1:]
    head = "a" if first in _VOWELS else first
    key = head + "".join(ch for ch in rest if ch not in _VOWELS)
    if len(key) > 1 and key.endswith("j"):  # Sergiy/Sergej/Sergei
        key = key[:-1]
    if len(key) > 1 and key.endswith("d"):
        key = key[:-1] + "t"
    if len(key) > 1 and key.endswith("f"):  # Ivanoff/Ivanov, Youssef/Yusuf alike
        key = key[:-1] + "v"
    return key


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, float) and value != value:
        return None
    text = str(value).strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _as_year(value: object) -> int | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        year = int(str(value).strip()[:4])
    except ValueError:
        return None
    return year if 1880 <= year <= 2100 else None


def _year_from_age(leeftijd: object, melddatum: object) -> int | None:
    """Birth year estimated from the age at the report: the earlier of the two possible years (the true year
    is this one or the next)."""
    if leeftijd is None or (isinstance(leeftijd, float) and leeftijd != leeftijd):
        return None
    try:
        age = int(float(str(leeftijd).strip()))
    except ValueError:
        return None
    report = _as_date(melddatum)
    if report is None or not 0 <= age <= 120:
        return None
    return report.year - age - 1


def _as_list(value: object) -> list[str]:
    """A list of strings from a missing value, one string (``;``-separated) or a sequence."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    if isinstance(value, Iterable):
        return [str(p).strip() for p in value if p is not None and str(p).strip()]
    return [str(value)]


def normalise_document(value: str) -> str | None:
    """Upper-case alphanumerics only; ``None`` when fewer than 4 remain (too short to identify anyone)."""
    out = "".join(ch for ch in unidecode(value).upper() if ch.isalnum())
    return out if len(out) >= 4 else None


@lru_cache(maxsize=500_000)
def normalise_phone(value: str, region: str = "NL") -> str | None:
    """E.164 form when parseable (``06-12345678`` -> ``+31612345678``); else the digits; ``None`` when < 6."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(value, region)
        if phonenumbers.is_possible_number(parsed):
            return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    except phonenumbers.NumberParseException:
        pass
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits if len(digits) >= 6 else None


_GESLACHT_ONBEKEND = frozenset({"", "onbekend", "unknown", "u", "x"})
_NAT_ONBEKEND = frozenset({"", "onbekend", "unknown", "xx"})


def _gender(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().lower()
    return None if text in _GESLACHT_ONBEKEND else text


def _nationalities(value: object) -> list[str]:
    return sorted({v.upper() for v in _as_list(value) if v.strip().lower() not in _NAT_ONBEKEND})


def _context_value(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ";".join(sorted(str(v) for v in value if v is not None and str(v) != "onbekend"))
    text = _SPACES.sub(" ", re.sub(r"[^a-z0-9 ]+", " ", unidecode(str(value)).lower())).strip()
    return None if not text or text == "onbekend" else text


def _context_list(value: object) -> list[str] | None:
    """A set-valued context attribute (``werkwijze``) as sorted folded values; ``None`` when empty."""
    items = {v for part in _as_list(value) if (v := _context_value(part))}
    return sorted(items) or None


def prepare(
    records: pd.DataFrame, context_columns: Sequence[str] = (), list_columns: Sequence[str] = ()
) -> pd.DataFrame:
    """Turn decrypted records into linkage features (one row per melding, same order).

    Args:
        records: a frame with ``melding_id`` and any of :data:`INPUT_COLUMNS`; missing columns count as
            empty. ``geboortedatum`` may be a date, an ISO string or ``YYYYMMDD``; ``nationaliteit``,
            ``documentnummer`` and ``telefoonnummer`` may hold one value, a ``;``-separated string or a list.
        context_columns: extra non-identifying columns for context comparisons (e.g. ``plaats_delict``),
            folded to lower-case text; a list becomes its sorted values joined by ``;``; ``onbekend`` is
            missing. ``melddatum`` always becomes ``melddag`` (days since 1970) for the report-date comparison.
        list_columns: those of ``context_columns`` that hold sets of values (``werkwijze``): kept as sorted
            lists of folded values, for an overlap comparison.

    Returns:
        A new frame with ``unique_id`` (the melding id as text) and the feature columns used by
        :mod:`zicht.linkage.model`.
    """
    n = len(records)

    def col(name: str) -> list[Any]:
        return records[name].tolist() if name in records.columns else [None] * n

    ids = [str(v) for v in col("melding_id")]
    vn_rows: list[str | None] = []
    vn_alle_rows: list[list[str]] = []
    vn_vol_rows: list[str | None] = []
    an_rows: list[str | None] = []
    an1_rows: list[str | None] = []
    an_vol_rows: list[str | None] = []
    sleutel_rows: list[str | None] = []
    voorletter_rows: list[str | None] = []
    fon_sleutel_rows: list[str | None] = []
    # Blocking keys for initials: the initial with the family name by sound, and with its first three letters
    # (a typing error later on), for every melding; the same only where the given name is just an initial.
    vl_keys: dict[str, list[str | None]] = {k: [] for k in ("vl_anfon", "vl_anfon_kaal", "vl_an3", "vl_an3_kaal")}
    an_tok_rows: list[list[str]] = []
    vn_fon_rows: list[str | None] = []
    an_fon_rows: list[str | None] = []
    fon_tok_rows: list[list[str]] = []
    for voornamen, achternaam in zip(col("voornamen"), col("achternaam"), strict=True):
        # A single letter among the given names is an initial (``E.M.``), never a particle (``e``, ``y``, ``t``).
        given = [t for t in tokens(voornamen) if t not in PARTICLES or len(t) == 1] or tokens(voornamen)
        core = surname_core(achternaam)
        vn_rows.append(given[0] if given else None)
        vn_alle_rows.append(given)
        vn_vol_rows.append("".join(given) or None)
        an_rows.append(" ".join(core) if core else None)
        an_vol_rows.append(_glued_surname(achternaam))
        first = given[0] if given else None
        last = max(core, key=len) if core else None
        sleutel_rows.append(" ".join(sorted([first, last])) if first and last else None)
        an1_rows.append(max(core, key=len) if core else None)
        an_tok_rows.append(core)
        vn_fon_rows.append(phonetic_key(given[0]) if given else None)
        an_fon_rows.append(phonetic_key(max(core, key=len)) if core else None)
        voorletter_rows.append(f"{first[0]} {last}" if first and last else None)
        vn_sound, an_sound = vn_fon_rows[-1], an_fon_rows[-1]
        fon_sleutel_rows.append(" ".join(sorted([vn_sound, an_sound])) if vn_sound and an_sound else None)
        anfon = f"{first[0]} {an_sound}" if first and an_sound else None
        an3 = f"{first[0]} {last[:3]}" if first and last else None
        initial_only = bool(first) and len(first or "") == 1
        vl_keys["vl_anfon"].append(anfon)
        vl_keys["vl_anfon_kaal"].append(anfon if initial_only else None)
        vl_keys["vl_an3"].append(an3)
        vl_keys["vl_an3_kaal"].append(an3 if initial_only else None)
        fon_tok_rows.append(sorted({k for t in [*given, *core] if (k := phonetic_key(t))}))

    gd_rows: list[str | None] = []
    gj_rows: list[int | None] = []
    dag_rows: list[int | None] = []
    maand_rows: list[int | None] = []
    jan1_rows: list[bool | None] = []
    gd_blok_rows: list[str | None] = []
    geschat_rows: list[bool] = []
    for gd_value, gj_value, leeftijd, melddatum in zip(
        col("geboortedatum"), col("geboortejaar"), col("leeftijd"), col("melddatum"), strict=True
    ):
        d = _as_date(gd_value)
        if d is None:
            gd_rows.append(None)
            dag_rows.append(None)
            maand_rows.append(None)
            jan1_rows.append(None)
            gd_blok_rows.append(None)
            exact_year = _as_year(gj_value) or _as_year(gd_value)
            gj_rows.append(exact_year or _year_from_age(leeftijd, melddatum))
            geschat_rows.append(exact_year is None and gj_rows[-1] is not None)
            continue
        iso = d.isoformat()
        placeholder = d.month == 1 and d.day == 1
        gd_rows.append(iso)
        dag_rows.append(d.day)
        maand_rows.append(d.month)
        jan1_rows.append(placeholder)
        gd_blok_rows.append(None if placeholder else iso)
        gj_rows.append(d.year)
        geschat_rows.append(False)

    melddag_rows: list[int | None] = []
    for value in col("melddatum"):
        d = _as_date(value)
        melddag_rows.append((d - _EPOCH).days if d else None)

    doc_rows = [sorted({doc for v in _as_list(x) if (doc := normalise_document(v))}) for x in col("documentnummer")]
    tel_rows = [sorted({t for v in _as_list(x) if (t := normalise_phone(v))}) for x in col("telefoonnummer")]
    nat_rows = [_nationalities(x) for x in col("nationaliteit")]

    out = pd.DataFrame(
        {
            "unique_id": ids,
            "vn": vn_rows,
            "vn_alle": vn_alle_rows,
            "vn_vol": vn_vol_rows,
            "an": an_rows,
            "an1": an1_rows,
            "an_vol": an_vol_rows,
            "naam_sleutel": sleutel_rows,
            "voorletter_sleutel": voorletter_rows,
            "fon_sleutel": fon_sleutel_rows,
            **vl_keys,
            "an_tokens": an_tok_rows,
            "vn_fon": vn_fon_rows,
            "an_fon": an_fon_rows,
            "fon_tokens": fon_tok_rows,
            "gd": gd_rows,
            "gd_blok": gd_blok_rows,
            "gj": pd.array(gj_rows, dtype="Int64"),
            "gd_dag": pd.array(dag_rows, dtype="Int64"),
            "gd_maand": pd.array(maand_rows, dtype="Int64"),
            "gd_1jan": pd.array(jan1_rows, dtype="boolean"),
            "gj_geschat": pd.array(geschat_rows, dtype="boolean"),
            "geslacht": [_gender(v) for v in col("geslacht")],
            "nat": [x or None for x in nat_rows],
            "nat1": [x[0] if x else None for x in nat_rows],
            "docs": [x or None for x in doc_rows],
            "doc1": [x[0] if x else None for x in doc_rows],
            "tels": [x or None for x in tel_rows],
            "tel1": [x[0] if x else None for x in tel_rows],
            "melder_soort": [None if v is None else str(v) for v in col("melder_soort")],
            "melddag": pd.array(melddag_rows, dtype="Int64"),
        }
    )
    for name in context_columns:
        if name in list_columns:
            out[name] = [_context_list(v) for v in col(name)]
        elif name != "melddag":
            out[name] = [_context_value(v) for v in col(name)]
    for list_col in ("vn_alle", "an_tokens", "fon_tokens"):  # nat, docs and tels are already None when empty
        out[list_col] = [x or None for x in out[list_col]]
    return out


#: What a melding says about the birth date, for the person-level check: the birth year when it was given
#: (not estimated from an age) and the full date when it is not a 1 January placeholder.
Geboorte = tuple[int | None, str | None]


def birth_signatures(features: pd.DataFrame) -> dict[str, Geboorte]:
    """Per melding (``unique_id``) its :data:`Geboorte`, for meldingen that give a birth year."""
    out: dict[str, Geboorte] = {}
    for uid, gj, gd, geschat, jan1 in zip(
        features["unique_id"], features["gj"], features["gd"], features["gj_geschat"], features["gd_1jan"], strict=True
    ):
        if gj is None or gj is pd.NA or (geschat is not pd.NA and bool(geschat)):
            continue
        # A missing date is None or NaN, depending on how the frame was built: only a text is a date.
        full = str(gd) if isinstance(gd, str) and gd and not (jan1 is not pd.NA and bool(jan1)) else None
        out[str(uid)] = (int(gj), full)
    return out


def birth_dates_conflict(a: Geboorte, b: Geboorte) -> bool:
    """Two birth dates that cannot be one person's: with two full dates, dates more than two typing errors apart
    (one in each report; in the same year more than one) that are not day and month swapped (``1995-06-29``/``1995-09-21`` are two people, as
    namesakes born in one year are); otherwise years more than one apart that are not one typing error from
    each other (``1998``/``1989`` is a typo; ``1985``/``1997`` is not).

    Example:
        >>> birth_dates_conflict((1990, "1990-05-03"), (2001, "2001-07-19"))
        True
        >>> birth_dates_conflict((1998, None), (1989, "1989-02-11"))
        False
        >>> birth_dates_conflict((1995, "1995-06-29"), (1995, "1995-09-21"))
        True
    """
    if a[0] is None or b[0] is None:
        return False
    if a[1] is not None and b[1] is not None:
        # Two reports of one person may each carry one typing error in the date (up to two edits apart), or
        # give day and month the other way round.
        # In one year, two edits are a different day *and* month: namesakes born in one year, not a typo.
        limit = 1 if a[0] == b[0] else 2
        return OSA.distance(a[1], b[1]) > limit and not _day_month_swapped(a[1], b[1])
    if abs(a[0] - b[0]) <= 1:
        return False
    return OSA.distance(str(a[0]), str(b[0])) > 1


def _day_month_swapped(a: str, b: str) -> bool:
    """``1995-03-08`` and ``1995-08-03``: one date with day and month the other way round."""
    return a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]


#: What a melding says about the given names, for the person-level check: its given-name tokens (written out
#: or initials) and its family-name tokens (a name written in the other field is not a different name).
Voornamen = tuple[tuple[str, ...], tuple[str, ...]]


#: A given name carried by more than this share of the meldingen is common (Vietnamese *Thi* and *Van*, Arabic
#: *Mohammed*): sharing it says little about two meldingen that differ in their other given names.
GEWOON_AANDEEL = 0.02


def given_name_signatures(features: pd.DataFrame) -> dict[str, Voornamen]:
    """Per melding (``unique_id``) its :data:`Voornamen`, for meldingen that give a given name. Common given
    names (:data:`GEWOON_AANDEEL`) are left out of a melding's given names when it has others."""
    given_col = features["vn_alle"]
    counts: dict[str, int] = {}
    n = 0
    for given in given_col:
        if given is None or len(given) == 0:
            continue
        n += 1
        for token in set(given):
            counts[token] = counts.get(token, 0) + 1
    common = {t for t, c in counts.items() if len(t) > 1 and c > GEWOON_AANDEEL * n} if n >= 50 else set()
    out: dict[str, Voornamen] = {}
    for uid, given, family in zip(features["unique_id"], given_col, features["an_tokens"], strict=True):
        if given is None or len(given) == 0:
            continue
        own = tuple(t for t in given if t not in common) or tuple(given)
        out[str(uid)] = (own, tuple(family) if family is not None else ())
    return out


def _given_compatible(x: str, y: str) -> bool:
    """One given name written two ways: equal, an initial, shortened at either end, the same sound, typing
    errors, or close by Jaro–Winkler (a transliteration with a typing error)."""
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short) or (len(short) >= 3 and long_.endswith(short)):  # Kat(arzyna), (Oluwa)seun
        return True
    if phonetic_key(x) == phonetic_key(y):
        return True
    if OSA.distance(x, y) <= (1 if len(short) <= 4 else 2):  # Dainel, Anouar/Anwar
        return True
    return JaroWinkler.similarity(x, y) >= 0.85  # a transliteration with a typing error: uSmaya/Soumaya


def given_names_conflict(a: Voornamen, b: Voornamen) -> bool:
    """Two meldingen whose given names cannot be one person's: no given name of one is a way of writing a given
    name of the other (equal, an initial, shortened, the same sound or one or two typing errors), nor a name the
    other wrote in the family-name field. Siblings and twins share a family name, a nationality and often a
    birth date; what tells them apart is the given name, and Fellegi–Sunter, which weighs each comparison
    independently, cannot see that a shared family name *and* birth date with clearly different given names is
    the pattern of twins rather than of one person.

    Example:
        >>> given_names_conflict((("juliana", "lina"), ("bos",)), (("angela",), ("bos",)))
        True
        >>> given_names_conflict((("a", "m"), ("bos",)), (("anna", "maria"), ("bos",)))
        False
    """
    (ga, fa), (gb, fb) = a, b
    if any(_given_compatible(x, y) for x in ga for y in gb):
        return False
    swapped = any(_given_compatible(x, y) for x in ga if len(x) > 1 for y in fb) or any(
        _given_compatible(x, y) for x in gb if len(x) > 1 for y in fa
    )
    return not swapped
