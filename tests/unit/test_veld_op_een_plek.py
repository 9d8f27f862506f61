# SPDX-License-Identifier: EUPL-1.2
"""A melding field's shape is written down once (issue 11, item 1): ``grep`` of a field's name in ``src/`` hits
its declaration (``zicht/intake/columns.py``), the ORM table, the migrations and the codebook, and otherwise
only places that *use* the field for a purpose of their own, each listed below with the reason.

What may not name a field is everything that only carries it from one form into another: the validator, the
store, the correction path, the export, the XLSX template, the API's schemas and conversions, the form and the
detail page. Those are generated from the declaration (``tests/integration/test_veld_declaratie.py`` proves a new
field reaches all of them); a name showing up there again fails this test.

The search is a plain substring search (``grep -r``), so it also finds the stored columns of a place
(``plaats_delict_gemeente``) and plurals (``werkwijzen``).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

import pytest

from tests.conftest import REPO_ROOT

SRC = REPO_ROOT / "src"
TEKSTBESTANDEN = (".py", ".html", ".md", ".txt", ".json", ".yaml", ".yml", ".toml", ".css", ".js", ".po", ".sql")

#: Where a field is declared, stored and coded: the only places that describe its shape.
KERN = (
    "src/zicht/intake/columns.py",
    "src/zicht/storage/tables/melding.py",
    "src/zicht/storage/migrations/versions/*",
    "src/zicht/codebook/*",
)


@dataclass(frozen=True)
class Gebruik:
    """Files that name some fields because they use them for a purpose of their own."""

    patroon: str
    velden: frozenset[str]
    reden: str


def _g(patroon: str, velden: str, reden: str) -> Gebruik:
    return Gebruik(patroon, frozenset(velden.split()), reden)


GEBRUIK = (
    _g(
        "src/zicht/analysis/*",
        "plaats_delict werkwijze dossiertype",
        "statistics are defined on these dimensions: the extract derives the area from the crime location, the "
        "tables break down by method and dossier type, quality reports count unknown values, and the counts "
        "ledger keeps them for deleted meldingen",
    ),
    _g(
        "src/zicht/cli/statistieken.py",
        "plaats_delict",
        "the statistics' choice of area basis (crime location or reporter's region)",
    ),
    _g(
        "src/zicht/web/api/statistieken.py",
        "plaats_delict",
        "the statistics API's choice of area basis (crime location or reporter's region)",
    ),
    _g(
        "src/zicht/linkage/*",
        "plaats_delict werkwijze",
        "linkage compares and blocks on these fields",
    ),
    _g(
        "src/zicht/web/pages/koppelingen.py",
        "plaats_delict werkwijze",
        "the linkage review shows the values linkage compared",
    ),
    _g(
        "src/zicht/synth/*",
        "plaats_delict grondslag werkwijze toestemming dossiertype",
        "the synthetic data generator draws realistic values per field",
    ),
    _g(
        "src/zicht/netwerk/kwaliteit.py",
        "plaats_delict werkwijze",
        "the network's quality figures: the share of meldingen with a known crime location and method",
    ),
    _g(
        "src/zicht/web/templates/netwerk/netwerk.html",
        "plaats_delict werkwijze",
        "shows those quality figures",
    ),
    _g(
        "src/zicht/signalen/wachtrij.py",
        "plaats_delict werkwijze",
        "a cluster of online signals becomes a pre-filled melding form: it names the fields it can fill",
    ),
    _g(
        "src/zicht/registry/meldingen.py",
        "plaats_delict",
        "the list of meldingen is filtered by the area of the crime location",
    ),
    _g(
        "src/zicht/storage/overzicht.py",
        "plaats_delict",
        "the operator's summary of the registry counts meldingen per place",
    ),
    _g(
        "src/zicht/web/pages/weergave.py",
        "plaats_delict",
        "the overview lists pick the crime location as one of their few columns (its value comes from the "
        "declaration, like every field's)",
    ),
    _g(
        "src/zicht/web/templates/meldingen/lijst.html",
        "plaats_delict",
        "that overview column",
    ),
    _g(
        "src/zicht/web/templates/analyse/meldingen.html",
        "plaats_delict",
        "that overview column",
    ),
    _g(
        "src/zicht/web/pages/meldingen.py",
        "plaats_delict",
        "the default field of the gemeente suggestions the place fields ask for",
    ),
    _g(
        "src/zicht/web/templates/meldingen/velden.html",
        "plaats_delict",
        "the route rows reuse the list of gemeenten rendered for the crime location",
    ),
    _g(
        "src/zicht/opvang/*",
        "plaats_delict",
        "a shelter request has a crime location of its own (a different record: zicht.storage.tables.opvang)",
    ),
    _g("src/zicht/storage/tables/opvang.py", "plaats_delict", "the shelter request's own column"),
    _g("src/zicht/web/pages/opvang.py", "plaats_delict", "the shelter request's form"),
    _g("src/zicht/web/templates/opvang/*", "plaats_delict", "the shelter request's form"),
    _g(
        "src/zicht/taal/locale/*",
        "grondslag werkwijze toestemming dossiertype",
        "the translation catalogue: Dutch sentences that use the word",
    ),
    _g("src/zicht/signalen/verantwoording.py", "grondslag", "prose: the legal basis of processing signals"),
    _g("src/zicht/web/templates/beheer/organisaties.html", "grondslag", "prose: 'standaardgrondslag'"),
    _g("src/zicht/web/templates/info/privacy.html", "werkwijze", "prose in the privacy statement"),
)
VELDEN = ("plaats_delict", "grondslag", "werkwijze", "toestemming", "dossiertype")


def _past(pad: str, patronen: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(pad, p) for p in patronen)


def _treffers(naam: str) -> set[str]:
    """Every text file under src/ whose content contains ``naam`` (as ``grep -rl naam src`` would)."""
    bestanden = (p for p in SRC.rglob("*") if p.suffix in TEKSTBESTANDEN and "__pycache__" not in p.parts)
    return {
        p.relative_to(REPO_ROOT).as_posix()
        for p in bestanden
        if p.is_file() and naam in p.read_text(encoding="utf-8", errors="replace")
    }


@pytest.mark.parametrize("veld", VELDEN)
def test_een_veld_staat_alleen_in_declaratie_opslag_codeboek_en_bij_wie_het_gebruikt(veld: str) -> None:
    treffers = _treffers(veld)
    toegestaan = KERN + tuple(g.patroon for g in GEBRUIK if veld in g.velden)
    elders = sorted(p for p in treffers if not _past(p, toegestaan))
    assert not elders, f"{veld} is named outside its declaration and the listed uses: {elders}"
    assert "src/zicht/intake/columns.py" in treffers
    assert "src/zicht/storage/tables/melding.py" in treffers
    assert any(_past(p, ("src/zicht/storage/migrations/versions/*",)) for p in treffers)


@pytest.mark.parametrize("veld", VELDEN)
def test_elke_toegestane_plek_gebruikt_het_veld_nog(veld: str) -> None:
    """The list above only shrinks: a use that no longer names the field is removed from it."""
    treffers = _treffers(veld)
    verouderd = [g.patroon for g in GEBRUIK if veld in g.velden and not any(_past(p, (g.patroon,)) for p in treffers)]
    assert not verouderd, f"{veld}: no longer named in {verouderd}; remove it from GEBRUIK"


def test_een_gecodeerd_veld_heeft_zijn_codelijst_in_het_codeboek() -> None:
    for veld in ("grondslag", "werkwijze", "toestemming", "dossiertype"):
        assert any(_past(p, ("src/zicht/codebook/*",)) for p in _treffers(veld)), veld
