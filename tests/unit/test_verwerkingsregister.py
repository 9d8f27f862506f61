# SPDX-License-Identifier: EUPL-1.2
"""The processing register (AVG art. 30) in docs/verwerkingsregister.md is generated from the code's roles,
purposes and retention settings and is up to date (rerun ``python -m zicht.ops.verwerkingsregister``)."""

from __future__ import annotations

from zicht.domain.rollen import Rol
from zicht.ops.verwerkingsregister import DOELEN, PAD, genereer


def test_verwerkingsregister_is_actueel() -> None:
    assert PAD.read_text(encoding="utf-8") == genereer(), "run: python -m zicht.ops.verwerkingsregister"


def test_register_noemt_elke_rol_elk_doel_en_elke_bewaartermijn() -> None:
    tekst = genereer()
    assert all(f"| {r.value} (" in tekst for r in Rol)
    assert all(d in tekst for d in DOELEN)
    for veld in ("IDENTITEIT_JAREN", "MELDING_JAREN", "LOGBOEK_JAREN", "IMPORTRAPPORT_DAGEN"):
        assert f"ZICHT_BEWAAR_{veld}" in tekst
