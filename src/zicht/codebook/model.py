# SPDX-License-Identifier: EUPL-1.2
"""The structure of the codebook: code lists of coded values with labels and standard mappings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from zicht.textnorm import normalise_name


class UnknownCode(LookupError):
    """A value is neither a code nor a label of the code list."""

    def __init__(self, lijst: str, value: str, suggestions: list[str]) -> None:
        self.lijst = lijst
        self.value = value
        self.suggestions = suggestions
        hint = f" (bedoelde u / did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown value for {lijst}{hint}")


@dataclass(frozen=True, slots=True)
class StandardValue:
    """A value in an external standard: the field and its value, e.g. HTCDS ``vic_MethodsOfControl`` /
    ``DebtBondage`` or CTDC ``meansDebtBondageEarnings`` / ``1``."""

    veld: str
    waarde: str


@dataclass(frozen=True, slots=True)
class Code:
    """One coded value. ``code`` is the stored word (lower-case, readable, never a single letter)."""

    code: str
    nl: str
    en: str
    uitleg: str = ""
    htcds: tuple[StandardValue, ...] = ()
    ctdc: tuple[StandardValue, ...] = ()
    ouder: str | None = None  # parent code, e.g. the uitbuitingsvorm of a sector
    synoniemen: tuple[str, ...] = ()
    groep: str | None = None  # e.g. werving / controle for werkwijze

    def label(self, taal: str = "nl") -> str:
        """The label in ``nl`` or ``en``."""
        return self.en if taal == "en" else self.nl


@dataclass(frozen=True)
class Codelijst:
    """A versioned list of codes. Every list has ``onbekend``, distinct from any "no" value."""

    naam: str
    nl: str
    en: str
    versie: str
    codes: tuple[Code, ...]
    meervoudig: bool = False
    _index: Mapping[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = [c.code for c in self.codes]
        if len(set(codes)) != len(codes):
            raise ValueError(f"duplicate code in {self.naam}")
        if "onbekend" not in codes:
            raise ValueError(f"code list {self.naam} has no 'onbekend'")
        index: dict[str, str] = {}
        for c in self.codes:
            for text in (c.code, c.nl, c.en, *c.synoniemen, *(s.waarde for s in c.htcds if c.ouder is None)):
                key = normalise_name(text)
                index.setdefault(key, c.code)
        # a code always wins over a label of another code
        for c in self.codes:
            index[normalise_name(c.code)] = c.code
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return any(c.code == code for c in self.codes)

    def __getitem__(self, code: str) -> Code:
        for c in self.codes:
            if c.code == code:
                return c
        raise KeyError(code)

    @property
    def waarden(self) -> tuple[str, ...]:
        """All codes in order."""
        return tuple(c.code for c in self.codes)

    def kinderen(self, ouder: str) -> tuple[Code, ...]:
        """Codes whose parent is ``ouder`` (e.g. the sectors of one uitbuitingsvorm)."""
        return tuple(c for c in self.codes if c.ouder == ouder)

    def resolve(self, value: str) -> str:
        """Turn a code, a Dutch or English label, or a synonym into the code.

        Tolerant of case, diacritics and punctuation. Raises UnknownCode with suggestions.
        """
        key = normalise_name(value)
        if key in self._index:
            return self._index[key]
        from rapidfuzz import process

        matches = process.extract(key, list(self._index), limit=3, score_cutoff=80)
        suggestions = sorted({self[self._index[m[0]]].nl for m in matches})
        raise UnknownCode(self.naam, value, suggestions)
