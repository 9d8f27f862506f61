# SPDX-License-Identifier: EUPL-1.2
"""GLOSSARY.md matches the code (issue 11 item 4).

* Every term's *In code* column names identifiers that occur under ``src/``: a Python name (class, function,
  variable, attribute, parameter), a module or package name, an exact string literal (a stored code, table or
  column name), or a dotted ``zicht.…`` path that resolves to a module and a name defined in it.
* A term marked ``—`` (not in code) does not occur in the code either; if it starts to, the glossary must say
  where.
* No word from "Words not to use in identifiers" is (part of) a Python identifier or module name under
  ``src/``. Texts for readers (docstrings, labels, accepted input aliases) are not identifiers and are not
  checked.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from tests.unit.test_docs_links import resolve_dotted

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "GLOSSARY.md"
SRC = ROOT / "src"
NOT_IN_CODE = "—"
_TICKS = re.compile(r"`([^`]+)`")


# --- GLOSSARY.md ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One row of the glossary table."""

    term: str
    in_code: tuple[str, ...]
    cell: str
    line: int


@dataclass(frozen=True)
class Forbidden:
    """One row of "Words not to use in identifiers"."""

    words: tuple[str, ...]
    use: tuple[str, ...]
    line: int


def _rows(text: str, header: str) -> Iterable[tuple[int, list[str]]]:
    """The body rows of the Markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    assert start is not None, f"no table starting with {header!r}"
    for i in range(start + 2, len(lines)):
        line = lines[i].strip()
        if not line.startswith("|"):
            return
        yield i + 1, [cell.strip() for cell in line.strip("|").split(" | ")]


def parse_terms(text: str) -> list[Term]:
    terms = []
    for nr, cells in _rows(text, "| Dutch term | In code |"):
        assert len(cells) == 5, f"GLOSSARY.md:{nr}: expected 5 columns, found {len(cells)}"
        terms.append(Term(cells[0], tuple(_TICKS.findall(cells[1])), cells[1], nr))
    return terms


def parse_forbidden(text: str) -> list[Forbidden]:
    return [
        Forbidden(tuple(_TICKS.findall(cells[0])), tuple(_TICKS.findall(cells[1])), nr)
        for nr, cells in _rows(text, "| Do not use | Use |")
    ]


# --- the code ---------------------------------------------------------------------------------------------------


@dataclass
class CodeIndex:
    """Identifiers (names and module names) and string literals of a source tree, with a first location."""

    names: dict[str, str] = field(default_factory=dict)
    strings: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, root: Path) -> CodeIndex:
        index = cls()
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            where = str(path.relative_to(root.parent))
            for part in path.relative_to(root).with_suffix("").parts:
                if part != "__init__":
                    index.names.setdefault(part, where)
            source = path.read_text(encoding="utf-8")
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.NAME:
                    index.names.setdefault(tok.string, f"{where}:{tok.start[0]}")
                elif tok.type == tokenize.STRING:
                    try:
                        value = ast.literal_eval(tok.string)
                    except (ValueError, SyntaxError):
                        continue  # f-strings and the like
                    if isinstance(value, str):
                        index.strings.add(value)
        return index

    def occurs(self, identifier: str) -> bool:
        if identifier.startswith("zicht."):
            return resolve_dotted(identifier) is None
        return identifier in self.names or identifier in self.strings


@cache
def src_index() -> CodeIndex:
    return CodeIndex.of(SRC)


def words(identifier: str) -> tuple[str, ...]:
    """``IJsbergSchatting`` -> (ijsberg, schatting); ``melder_soort`` -> (melder, soort)."""
    parts = re.findall(r"[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|\d+", identifier)
    return tuple(p.lower() for p in parts)


def contains(identifier: str, word: str) -> bool:
    """Does the identifier contain the forbidden word (one or more words) as consecutive parts?"""
    have, want = words(identifier), words(word)
    return any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def as_identifier(term: str) -> str:
    """``Plaats delict`` -> ``plaats_delict``; ``Zorgcoördinator`` -> ``zorgcoordinator``."""
    ascii_ = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    return re.sub(r"[\s\-/]+", "_", ascii_.strip().lower())


# --- the checks (also run on made-up input below) ---------------------------------------------------------------


def missing(terms: list[Term], index: CodeIndex) -> list[str]:
    problems = []
    for t in terms:
        if t.cell == NOT_IN_CODE:
            if as_identifier(t.term) in index.names or as_identifier(t.term) in index.strings:
                problems.append(f"GLOSSARY.md:{t.line}: {t.term} is marked not in code, but the code has it")
            continue
        if not t.in_code:
            problems.append(f"GLOSSARY.md:{t.line}: {t.term} names no identifier (use `…` or {NOT_IN_CODE})")
        problems += [
            f"GLOSSARY.md:{t.line}: {t.term}: `{name}` does not occur in src/"
            for name in t.in_code
            if not index.occurs(name)
        ]
    return problems


def forbidden_used(rows: list[Forbidden], index: CodeIndex) -> list[str]:
    return [
        f"{where}: identifier {name!r} contains {word!r} (GLOSSARY.md:{row.line}: use {', '.join(row.use)})"
        for row in rows
        for word in row.words
        for name, where in index.names.items()
        if contains(name, word)
    ]


# --- the tests --------------------------------------------------------------------------------------------------

TERMS = parse_terms(GLOSSARY.read_text(encoding="utf-8"))
FORBIDDEN = parse_forbidden(GLOSSARY.read_text(encoding="utf-8"))


@pytest.mark.parametrize("term", TERMS, ids=[t.term for t in TERMS])
def test_elk_woord_uit_de_woordenlijst_staat_zo_in_de_code(term: Term) -> None:
    problems = missing([term], src_index())
    assert not problems, "\n".join(problems)


def test_geen_verboden_synoniem_als_identifier() -> None:
    assert FORBIDDEN, "GLOSSARY.md lists words not to use"
    problems = forbidden_used(FORBIDDEN, src_index())
    assert not problems, "\n".join(problems)


def test_verboden_woorden_hebben_een_vervanger_in_de_code() -> None:
    declared = {name for t in TERMS for name in t.in_code}
    for row in FORBIDDEN:
        assert row.words and row.use, f"GLOSSARY.md:{row.line}"
        assert not set(row.words) & declared, f"GLOSSARY.md:{row.line}: a forbidden word is also a code word"
        for name in row.use:
            assert src_index().occurs(name), f"GLOSSARY.md:{row.line}: `{name}` does not occur in src/"


def test_de_woordenlijst_dekt_de_kernbegrippen() -> None:
    names = {t.term for t in TERMS}
    assert {"Melding", "Melder", "Persoon", "Koppeling", "Publicatie", "Statistische beveiliging"} <= names
    assert len(names) == len(TERMS), "a term appears twice"


# --- the checks fail where they should --------------------------------------------------------------------------


def test_de_controle_vindt_ontbrekende_en_verboden_woorden(tmp_path: Path) -> None:
    pakket = tmp_path / "src" / "voorbeeld"
    pakket.mkdir(parents=True)
    (pakket / "__init__.py").write_text("")
    (pakket / "tellen.py").write_text(
        'CODES = ("meldplicht", "vrijwillig")\n\n'
        "class Melding:\n    persoon_id: str\n\n"
        "def victimCount(x):\n    return x\n\n"
        "def safety_region_of(municipality_code):\n    return 'victim'\n"
    )
    glossary = "\n".join(
        [
            "| Dutch term | In code | Definition | English gloss | Source |",
            "| --- | --- | --- | --- | --- |",
            "| Melding | `Melding`, `tellen`, `persoon_id` | d | report | s |",
            "| Grondslag | `meldplicht` (a code), `grondslag` | d | legal basis | s |",
            "| Koppeling | `zicht.privacy.vault.Vault` | d | linkage | s |",
            "| Sector | `zicht.privacy.vault.Kluis` | d | sector | s |",
            "| Aandachtsfunctionaris | — | d | officer | s |",
            "| Persoon | prose without identifiers | d | person | s |",
            "| Plaats delict | — | d | crime location | s |",
            "",
            "| Do not use | Use | Why |",
            "| --- | --- | --- |",
            "| `victim` | `persoon` | |",
            "| `safety_region` | `veiligheidsregio` | |",
            "| `municipality` | `gemeente` | |",
            "| `aangifte` | `melding` | |",
        ]
    )
    (pakket / "plaats.py").write_text("plaats_delict = None\n")
    index = CodeIndex.of(tmp_path / "src")
    problems = missing(parse_terms(glossary), index)
    assert len(problems) == 4, problems
    assert any("`grondslag` does not occur" in p for p in problems)
    assert any("`zicht.privacy.vault.Kluis` does not occur" in p for p in problems)
    assert any("Persoon names no identifier" in p for p in problems)
    assert any("Plaats delict is marked not in code" in p for p in problems)

    used = forbidden_used(parse_forbidden(glossary), index)
    assert sorted(re.findall(r"identifier '(\w+)'", " ".join(used))) == [
        "municipality_code",
        "safety_region_of",
        "victimCount",
    ]
    assert all("voorbeeld/tellen.py:" in u for u in used)  # the string 'victim' is no identifier


def test_woorden_splitsen_zoals_identifiers() -> None:
    assert words("DisclosurePolicy") == ("disclosure", "policy")
    assert words("HTTPServer") == ("http", "server")
    assert words("melder_soort") == ("melder", "soort")
    assert words("MELDPLICHTIGE_SOORTEN") == ("meldplichtige", "soorten")
    assert contains("victimCount", "victim") and contains("safety_region_of", "safety_region")
    assert not contains("safetyNet_region", "safety_region")
    assert not contains("melder_soort", "melder_type") and contains("get_melder_type", "melder_type")
    assert as_identifier("Zorgcoördinator") == "zorgcoordinator" and as_identifier("Plaats delict") == "plaats_delict"
