# SPDX-License-Identifier: EUPL-1.2
"""One language layer (issue 14 item 4): every text a person reads goes through the gettext catalogue of
``zicht.taal``, Dutch is the source and English is complete.

* The texts are extracted from the code and the templates exactly as ``make vertalingen`` does (Babel, with the
  mapping of ``pyproject.toml`` ``[tool.babel]``), and every one has a checked (not fuzzy) English translation
  that keeps its ``{placeholders}``. The catalogue holds nothing the code no longer says.
* Babel's Python extractor reads tokens, not the syntax tree, so a translation call it cannot see is a text that
  silently stays Dutch: a call inside an f-string, a call nested in another call's arguments, a first argument
  that is an expression with string constants in it (Babel would extract the constant), or
  ``vertaler(taal)("…")``. Each of those fails here.
* Labels that reach the pages through a lookup (roles, lifecycle codes, logboek actions, statuses, the field
  explanations of the melding, the linkage comparison names, …) are all in the catalogue.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po

from zicht.taal import N_, STANDAARD, TALEN, po_bestand, vertaler

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
#: The translation functions as Babel knows them (its defaults: ``_``, ``N_``, ``ngettext``, ``pgettext``, …, and
#: ``Tekst`` from the mapping).
SLEUTELWOORDEN = frozenset(DEFAULT_KEYWORDS) | {"Tekst"}
_VELD = re.compile(r"\{([^{}]*)\}")


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, Any]]]:
    """The extraction mapping of ``pyproject.toml`` (``[tool.babel]``), as ``pybabel extract -F`` reads it."""
    babel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]
    methoden, opties = [], {}
    for regel in babel["mappings"]:
        regel = dict(regel)
        methode, patroon = regel.pop("method"), regel.pop("pattern")
        methoden.append((patroon, methode))
        opties[patroon] = {k: parse_keywords(v.split()) if k == "keywords" else str(v) for k, v in regel.items()}
    return methoden, opties


@cache
def geextraheerd() -> Catalog:
    """The texts of the code and the templates (what ``make vertalingen`` writes to the template catalogue)."""
    methoden, opties = _mapping()
    catalogus = Catalog(locale=STANDAARD)
    for bestand, regel, tekst, commentaar, context in extract_from_dir(
        str(SRC), methoden, opties, comment_tags=("TRANSLATORS:",)
    ):
        catalogus.add(tekst, None, [(bestand, regel)], auto_comments=commentaar, context=context)
    return catalogus


@cache
def engels() -> Catalog:
    with po_bestand("en").open("rb") as f:
        return read_po(f, locale="en")


def _sleutel(m: Message) -> tuple[str | None, str]:
    return m.context, m.id[0] if isinstance(m.id, tuple) else m.id


def _berichten(catalogus: Catalog) -> Iterator[Message]:
    return (m for m in catalogus if m.id)


def _vertaald(m: Message) -> bool:
    vormen = m.string if isinstance(m.string, tuple) else (m.string,)
    return not m.fuzzy and bool(vormen) and all(vormen)


def test_elke_tekst_heeft_een_engelse_vertaling() -> None:
    en = {_sleutel(m): m for m in _berichten(engels())}
    ontbreekt = []
    for m in _berichten(geextraheerd()):
        vertaling = en.get(_sleutel(m))
        if vertaling is None or not _vertaald(vertaling) or isinstance(vertaling.id, tuple) != isinstance(m.id, tuple):
            waar = ", ".join(f"{b}:{r}" for b, r in m.locations[:2])
            ontbreekt.append(f"{m.id!r} ({waar})")
    assert len(en) > 1000
    assert not ontbreekt, (
        f"{len(ontbreekt)} texts without an English translation; run `make vertalingen` and fill in the msgstr "
        "(remove the fuzzy flag once checked) in src/zicht/taal/locale/en/LC_MESSAGES/zicht.po:\n"
        + "\n".join(ontbreekt)
    )


def test_de_catalogus_bevat_niets_wat_de_code_niet_meer_zegt() -> None:
    code = {_sleutel(m) for m in _berichten(geextraheerd())}
    verouderd = sorted(
        m.id if isinstance(m.id, str) else m.id[0] for m in _berichten(engels()) if _sleutel(m) not in code
    )
    assert not engels().obsolete, "obsolete (#~) entries: run `make vertalingen`"
    assert not verouderd, "texts in zicht.po that the code no longer has; run `make vertalingen`:\n" + "\n".join(
        verouderd
    )


def test_elke_vertaling_houdt_haar_plaatshouders() -> None:
    fout = []
    for m in _berichten(engels()):
        bronnen = m.id if isinstance(m.id, tuple) else (m.id,)
        vormen = m.string if isinstance(m.string, tuple) else (m.string,)
        verwacht = set().union(*(_VELD.findall(b) for b in bronnen)) - {"n"}
        for vorm in vormen:
            gevonden = set(_VELD.findall(vorm)) - {"n"}
            if vorm and gevonden != verwacht:
                fout.append(f"{bronnen[0]!r}: {sorted(verwacht)} vs {sorted(gevonden)} in {vorm!r}")
        if isinstance(m.id, tuple) and "{n}" in m.id[1] and not all("{n}" in v for v in vormen[1:]):
            fout.append(f"{m.id[1]!r}: the plural translation lost {{n}}")
    assert not fout, "\n".join(fout)


# ---- calls Babel cannot see -------------------------------------------------------------------------------------


def _naam(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _vertaalaanroep(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _naam(node.func) in SLEUTELWOORDEN


def _onzichtbare_aanroepen(bron: str) -> Iterator[tuple[int, str]]:
    """(line, why) of every translation call Babel's token-based extractor gets wrong."""
    for node in ast.walk(ast.parse(bron)):
        if isinstance(node, ast.JoinedStr):
            for sub in ast.walk(node):
                if _vertaalaanroep(sub):
                    yield sub.lineno, "a translation call inside an f-string is never extracted"
        if not isinstance(node, ast.Call):
            continue
        direct = isinstance(node.func, ast.Call) and _naam(node.func.func) in ("vertaler", "vertaler_voor")
        if direct and node.args and isinstance(node.args[0], ast.Constant):
            yield node.lineno, "vertaler(taal)('…') is not extracted: bind `_ = vertaler(taal)` and call `_('…')`"
        if not _vertaalaanroep(node):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if any(_vertaalaanroep(sub) for sub in ast.walk(arg)):
                yield node.lineno, "a translation call nested in another one's arguments breaks the outer extraction"
        eerste = node.args[0] if node.args and not isinstance(node.args[0], ast.Constant) else None
        constanten = [s for s in ast.walk(eerste) if isinstance(s, ast.Constant)] if eerste is not None else []
        if _naam(node.func) in ("_", "N_", "gettext", "Tekst") and any(isinstance(c.value, str) for c in constanten):
            assert eerste is not None
            yield node.lineno, f"Babel would extract a string constant of {ast.unparse(eerste)!r} as the text"


def test_babel_ziet_elke_vertaalaanroep() -> None:
    fout = [
        f"{pad.relative_to(ROOT)}:{regel}: {waarom}"
        for pad in sorted((SRC / "zicht").rglob("*.py"))
        for regel, waarom in _onzichtbare_aanroepen(pad.read_text(encoding="utf-8"))
    ]
    assert not fout, "\n".join(fout)


def test_de_controle_herkent_onzichtbare_aanroepen() -> None:
    gevonden = list(
        _onzichtbare_aanroepen(
            "a = f'{_(\"x\")}'\nb = vertaler(t)('y')\nc = _.ngettext('a', 'b', n, x=_('c'))\nd = _(L['k'])\n"
        )
    )
    assert [r for r, _ in gevonden] == [1, 2, 3, 4]


# ---- labels that reach a page through a lookup --------------------------------------------------------------------


def _opzoeklabels() -> dict[str, set[str]]:
    from zicht.accounts import gebeurtenissen
    from zicht.domain import levensloop
    from zicht.domain.rollen import Rol
    from zicht.intake import KOLOMMEN
    from zicht.linkage.review import VERGELIJKINGEN
    from zicht.privacy.toegang import TOKEN_SCOPE_LABELS
    from zicht.signalen.redenen import REDENEN
    from zicht.web.features import laad_features
    from zicht.web.i18n.labels import LABELS
    from zicht.web.pages import koppelkwaliteit

    return {
        "rollen": {r.label_nl for r in Rol},
        "levensloop": {
            c.label("nl")
            for soort in (
                levensloop.Actie,
                levensloop.Correctiereden,
                levensloop.Statusbeslisser,
                levensloop.Intrekkingsreden,
            )
            for c in soort
        },
        "gebeurtenissen": set(gebeurtenissen.LABELS.values()),
        "opgeslagen woorden": {label for labels in LABELS.values() for label in labels.values()},
        "uitleg van de velden": {k.uitleg for k in KOLOMMEN},
        "vergelijkingen": set(VERGELIJKINGEN.values()),
        "scopes": set(TOKEN_SCOPE_LABELS.values()),
        "signalen": set(REDENEN.values()),
        "menu": {item.label for f in laad_features() for item in f.nav},
        "koppelkwaliteit": {
            *koppelkwaliteit.VARIATIES.values(),
            *koppelkwaliteit.SOORTEN.values(),
            *koppelkwaliteit.BRONNEN.values(),
        },
    }


def test_elk_opgezocht_label_staat_in_de_catalogus() -> None:
    vertaald = {m.id for m in _berichten(engels()) if isinstance(m.id, str) and _vertaald(m)}
    ontbreekt = [
        f"{soort}: {tekst!r}" for soort, teksten in _opzoeklabels().items() for tekst in sorted(teksten - vertaald)
    ]
    assert not ontbreekt, "mark these with N_() where they are declared and run `make vertalingen`:\n" + "\n".join(
        ontbreekt
    )


def test_elk_opgeslagen_woord_heeft_een_label() -> None:
    from zicht.privacy.logboek import ACTIES
    from zicht.registry.uploads import ONDERBROKEN
    from zicht.storage.tables.import_run import IMPORT_STATUSSEN
    from zicht.web.i18n.labels import LABELS

    assert set(ACTIES) <= set(LABELS["actie"])
    assert {*IMPORT_STATUSSEN, ONDERBROKEN} <= set(LABELS["uploadstatus"])


# ---- the translator ----------------------------------------------------------------------------------------------


def test_vertaler_vult_waarden_in_en_valt_terug_op_nederlands() -> None:
    en, nl = vertaler("en"), vertaler("nl")
    assert en("Welkom, {naam}", naam="Ada") == "Welcome, Ada"
    assert nl("Welkom, {naam}", naam="Ada") == "Welkom, Ada"
    assert en("Niet in de catalogus") == "Niet in de catalogus"
    assert vertaler("fr")("Meldingen") == "Meldingen"  # an unknown language is Dutch
    assert N_("Meldingen") == "Meldingen" and en(N_("Meldingen")) == "Reports"
    assert TALEN[0] == STANDAARD


def test_meervoud_volgt_het_aantal() -> None:
    enkel, meer = (
        "{n} van de {totaal} gebieden is afgeschermd wegens kleine aantallen",
        ("{n} van de {totaal} gebieden zijn afgeschermd wegens kleine aantallen"),
    )
    assert (
        vertaler("nl").ngettext(enkel, meer, 1, totaal=9)
        == "1 van de 9 gebieden is afgeschermd wegens kleine aantallen"
    )
    assert vertaler("nl").ngettext(enkel, meer, 3, totaal=9).startswith("3 van de 9 gebieden zijn")
    assert vertaler("en").ngettext(enkel, meer, 1, totaal=9) == "1 of 9 areas is withheld because of small numbers"
    assert vertaler("en").ngettext(enkel, meer, 2, totaal=9) == "2 of 9 areas are withheld because of small numbers"


@pytest.mark.parametrize("naam", ["uitbuitingsvorm", "sector", "werkwijze", "geslacht", "land"])
def test_codelijsten_hebben_engelse_labels_voor_het_formulier(naam: str) -> None:
    from zicht.codebook import codelijst

    for code in codelijst(naam).codes:
        assert code.label("en"), (naam, code.code)


def test_een_ijsbergschatting_spreekt_de_taal_van_de_pagina() -> None:
    """An estimate is computed once (and cached) for every reader: its reading, warnings, explanations and
    method text are Dutch as stored and English when a page in English shows them."""
    from tests.unit.test_iceberg_schatting import SNEL, indeling_voor, rijen_uit_tabel
    from zicht.analysis.iceberg import Stratum, methode_secties, schat

    patronen = [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 9), ((1, 0, 1), 6), ((0, 1, 1), 5)]
    s = schat(rijen_uit_tabel([*patronen, ((1, 1, 1), 2)]), Stratum(2023, 2023), indeling_voor("abc"), SNEL)
    geweigerd = schat(rijen_uit_tabel([((1, 0, 0), 3)]), Stratum(2023, 2023), indeling_voor("abc"), SNEL)
    assert s.resultaat is not None and geweigerd.resultaat is None
    assert "personen geregistreerd" in s.lezing() and "Te weinig personen" in (geweigerd.weigering or "")
    en = vertaler("en")
    teksten = [
        en(s.lezing()),
        en(geweigerd.lezing()),
        *(en(t) for t in (*s.waarschuwingen, *geweigerd.waarschuwingen, *(u.tekst for u in s.uitleg))),
        *(en(g.label) for g in s.gevoeligheid),
        *(t for sectie in methode_secties(s, "", "en") for t in (sectie.titel, *sectie.alineas, *sectie.punten)),
    ]
    assert "persons registered" in teksten[0] and "Too few persons" in teksten[1]
    bron = {
        m.id
        for m in _berichten(engels())
        if isinstance(m.id, str) and isinstance(m.string, str) and "{" not in m.id and m.string.lower() != m.id.lower()
    }
    nederlands = {"personen", "geregistreerd", "schatting", "lijsten", "verwacht", "toeval", "drempel", "keer"}
    fout = [t for t in teksten if t in bron or nederlands & {w.lower() for w in re.findall(r"\w+", t)}]
    assert not fout, fout
