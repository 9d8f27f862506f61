# SPDX-License-Identifier: EUPL-1.2
"""One role list (zicht.domain.rollen.Rol) drives the access rules, the CHECK constraint, the CLI, the demo
accounts and the labels: adding a role there and nowhere else shows up everywhere (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import CheckConstraint

from zicht.domain.rollen import Rol, rol_check_sql
from zicht.privacy.toegang import RECHTEN
from zicht.storage.tables import Gebruiker
from zicht.taal import vertaler
from zicht.web.demo import _ROLLEN as DEMO_ROLLEN

SRC = Path(__file__).resolve().parents[2] / "src" / "zicht"


def test_elke_rol_heeft_rechten_een_demo_account_en_labels() -> None:
    assert set(RECHTEN) == set(Rol)
    assert {rol for rol, *_ in DEMO_ROLLEN} == set(Rol)
    for rol in Rol:
        assert rol.label_en == vertaler("en")(rol.label_nl) != rol.label_nl
        assert rol.label("en") == rol.label_en and rol.label("nl") == rol.label_nl


def test_check_constraint_komt_uit_de_rollenlijst() -> None:
    checks = {c.name: str(c.sqltext) for c in Gebruiker.__table__.constraints if isinstance(c, CheckConstraint)}
    assert any(tekst == rol_check_sql() for tekst in checks.values()), checks
    # the newest migration that sets the role CHECK admits exactly the same roles (a new role needs a migration)
    migraties = sorted((SRC / "storage" / "migrations" / "versions").glob("*.py"))
    laatste = [m for m in migraties if "rol IN (" in m.read_text(encoding="utf-8")][-1]
    rollen = re.findall(r"'([a-z_]+)'", re.search(r"rol IN \(([^)]*)\)", laatste.read_text(encoding="utf-8"))[1])  # type: ignore[index]
    assert rollen == [r.value for r in Rol], laatste.name


def test_cli_kent_precies_de_rollen() -> None:
    from zicht.cli import cli

    uit = CliRunner().invoke(cli, ["users", "create", "iemand", "--rol", "superuser"])
    assert uit.exit_code == 2
    for rol in Rol:
        assert rol.value in uit.output


def test_geen_tweede_rollenlijst_in_de_broncode() -> None:
    """No module spells out the role list again (the migrations are history and keep their literal)."""
    patroon = re.compile(r"melder\W+analist\W+identiteit\W+gemeente\W+opvang\W+beheerder")
    dubbel = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts and p.name != "rollen.py" and patroon.search(p.read_text(encoding="utf-8"))
    ]
    assert dubbel == []
