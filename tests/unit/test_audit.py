# SPDX-License-Identifier: EUPL-1.2
"""``make audit`` fails only on a known vulnerability with a fix available (pip-audit and npm audit reports)."""

from __future__ import annotations

from zicht.ops.audit import fixbaar_npm, fixbaar_pip


def test_alleen_kwetsbaarheden_met_een_oplossing_tellen() -> None:
    pip = {"dependencies": [
        {"name": "a", "version": "1", "vulns": [{"id": "X-1", "fix_versions": ["2"]}, {"id": "X-2", "fix_versions": []}]},
        {"name": "b", "version": "3", "vulns": []},
    ]}  # fmt: skip
    assert fixbaar_pip(pip) == ["a 1: X-1 (fix: 2)"]
    npm = {
        "vulnerabilities": {
            "htmx.org": {"severity": "high", "fixAvailable": True},
            "x": {"severity": "low", "fixAvailable": False},
        }
    }
    assert fixbaar_npm(npm) == ["htmx.org: high"]
