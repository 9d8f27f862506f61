# SPDX-License-Identifier: EUPL-1.2
"""Adding a coded field to a melding is its declaration, its ORM column with a migration, and its code list:
nothing else (issue 11, item 1).

The fixture copies the source, adds the field ``proef_kleur`` there in exactly those places (the declaration in
``zicht/intake/columns.py``, a column in ``zicht/storage/tables/melding.py``, a migration, a code list in the
codebook) and runs ``tests/integration/veld_proef.py`` on the copy in a fresh interpreter. That script uses
zicht as it is: the form, the API, an import, the export, the analysis extract and the XLSX template. The tests
below check that each of them took the new field up, and that no other file of the copy was touched.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT

BRON = REPO_ROOT / "src" / "zicht"
SCRIPT = Path(__file__).with_name("veld_proef.py")

DECLARATIE = """    Kolom(
        "proef_kleur",
        N_("Proefkleur"),
        "Test colour",
        N_("Een veld dat alleen in een test bestaat."),
        Soort.code,
        codelijst="proef_kleur",
        api="proefKleur",
        opslag="proef_kleur",
        formulier=Formulier(Sectie.melding, 70, Widget.radio),
        detail=True,
        export=True,
        extract=True,
    ),
"""
ORM = '    proef_kleur: Mapped[str] = mapped_column(String(16), server_default="onbekend")\n'
CODELIJST = """

PROEF_KLEUR = Codelijst(
    "proef_kleur",
    "proefkleur",
    "test colour",
    VERSIE,
    codes=(Code("rood", "rood", "red"), Code("groen", "groen", "green"), _ONBEKEND),
)
"""
REGISTRATIE = """
from zicht.codebook._lists import PROEF_KLEUR  # noqa: E402

_LISTS[PROEF_KLEUR.naam] = PROEF_KLEUR
"""
MIGRATIE = '''# SPDX-License-Identifier: EUPL-1.2
"""proef_kleur: a coded field that exists only in a test.

Revision ID: 9901_proef_kleur
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "9901_proef_kleur"
down_revision = "0001"
branch_labels = ("proef_kleur",)
depends_on = None


def upgrade() -> None:
    op.add_column("melding", sa.Column("proef_kleur", sa.String(length=16), server_default="onbekend", nullable=False))


def downgrade() -> None:
    op.drop_column("melding", "proef_kleur")
'''
#: The files adding the field takes, relative to the package directory.
AANGERAAKT = {
    "intake/columns.py",
    "storage/tables/melding.py",
    "storage/migrations/versions/9901_proef_kleur.py",
    "codebook/_lists.py",
    "codebook/__init__.py",
}


def _voeg_in(pad: Path, anker: str, tekst: str, *, ervoor: bool = True) -> None:
    inhoud = pad.read_text(encoding="utf-8")
    assert inhoud.count(anker) == 1, f"{pad.name}: the anchor {anker!r} is not there once; update this test"
    pad.write_text(inhoud.replace(anker, tekst + anker if ervoor else anker + tekst), encoding="utf-8")


def voeg_veld_toe(pakket: Path) -> None:
    """Add the coded field ``proef_kleur`` to a copy of the ``zicht`` package, as a developer would."""
    _voeg_in(pakket / "intake" / "columns.py", ")\n\n\nKOLOM_NAMEN", DECLARATIE)
    _voeg_in(pakket / "storage" / "tables" / "melding.py", "\n    uitbuitingen: Mapped[list[", "\n" + ORM[:-1])
    (pakket / "storage" / "migrations" / "versions" / "9901_proef_kleur.py").write_text(MIGRATIE, encoding="utf-8")
    lijsten = pakket / "codebook" / "_lists.py"
    lijsten.write_text(lijsten.read_text(encoding="utf-8") + CODELIJST, encoding="utf-8")
    codebook = pakket / "codebook" / "__init__.py"
    codebook.write_text(codebook.read_text(encoding="utf-8") + REGISTRATIE, encoding="utf-8")


def _verschillen(a: Path, b: Path, pad: str = "") -> set[str]:
    """Files that differ between two trees or exist in only one (relative paths)."""
    vergelijking = filecmp.dircmp(a, b, ignore=["__pycache__"])
    uit = {f"{pad}{n}" for n in (*vergelijking.left_only, *vergelijking.right_only)}
    uit |= {f"{pad}{n}" for n in vergelijking.common_files if not filecmp.cmp(a / n, b / n, shallow=False)}
    for sub in vergelijking.common_dirs:
        uit |= _verschillen(a / sub, b / sub, f"{pad}{sub}/")
    return uit


@pytest.fixture(scope="module")
def uitkomst(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What zicht makes of the added field, and which files adding it changed."""
    basis = tmp_path_factory.mktemp("met-proefveld")
    pakket, origineel = basis / "src" / "zicht", basis / "origineel" / "zicht"
    shutil.copytree(BRON, origineel, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(origineel, pakket)
    voeg_veld_toe(pakket)
    doel = basis / "uitkomst.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(basis / "src"), str(REPO_ROOT)])}
    proces = subprocess.run(
        [sys.executable, str(SCRIPT), str(doel)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proces.returncode == 0, proces.stderr[-4000:]
    return {"gewijzigd": _verschillen(origineel, pakket), **json.loads(doel.read_text(encoding="utf-8"))}


def test_een_gecodeerd_veld_toevoegen_raakt_alleen_declaratie_orm_migratie_en_codeboek(
    uitkomst: dict[str, Any],
) -> None:
    assert uitkomst["gewijzigd"] == AANGERAAKT
    assert uitkomst["gedeclareerd"] == "proef_kleur"


def test_het_formulier_vraagt_het_nieuwe_veld_met_zijn_codelijst(uitkomst: dict[str, Any]) -> None:
    assert uitkomst["formulier_label"]
    assert set(uitkomst["formulier_opties"]) == {"rood", "groen", "onbekend"}
    assert uitkomst["formulier_status"] == 303
    assert uitkomst["detail_waarde"] == "groen"


def test_de_api_beschrijft_het_nieuwe_veld_en_geeft_het_terug(uitkomst: dict[str, Any]) -> None:
    schema = uitkomst["schema"]
    for naam in ("MeldingNieuw", "MeldingCorrectie"):
        keuze = schema[naam]["anyOf"][0]
        assert keuze["enum"] == ["rood", "groen", "onbekend"], naam
    assert schema["Melding"]["type"] == "string"
    assert uitkomst["api_aanmaken"] == [201, "rood"]
    assert uitkomst["api_lezen"] == "rood"
    assert uitkomst["api_corrigeren"] == [200, "groen"]
    assert {"veld": "proefKleur", "van": "rood", "naar": "groen"} in uitkomst["api_geschiedenis"]
    assert uitkomst["api_fout"][0] == 400 and "proefKleur" in uitkomst["api_fout"][1]


def test_een_bestand_met_het_nieuwe_veld_wordt_gelezen_en_een_onbekende_code_afgewezen(
    uitkomst: dict[str, Any],
) -> None:
    assert uitkomst["import"]["opgeslagen"] == 1
    assert uitkomst["import"]["afgewezen"] == [
        [3, "proef_kleur", "onbekende_code", "onbekende waarde voor proef_kleur"]
    ]
    assert uitkomst["sjabloon"]


def test_export_en_extract_hebben_een_kolom_voor_het_nieuwe_veld(uitkomst: dict[str, Any]) -> None:
    # the form's melding (groen), the API's (corrected to groen) and the file's (rood); none empty
    assert uitkomst["export"] == ["groen", "groen", "rood"]
    assert uitkomst["extract"] == ["groen", "groen", "rood"]
