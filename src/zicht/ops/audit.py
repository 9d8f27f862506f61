# SPDX-License-Identifier: EUPL-1.2
"""Supply-chain audit for ``make audit``: ``pip-audit`` over requirements.lock and ``npm audit`` over
package-lock.json, failing on a known vulnerability for which a fixed version exists.

Both tools need their vulnerability source (the PyPI JSON API per release, or OSV; the npm advisories
endpoint). When a source cannot be reached or answers without vulnerability data (an offline mirror), the
check is *skipped with a message* instead of failing, unless ``ZICHT_AUDIT_STRENG=1`` (then exit 2).

Run: ``python -m zicht.ops.audit [--root DIR]``. Exit 0 clean or skipped, 1 fixable vulnerabilities, 2 a
source unreachable in strict mode.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: A release with published vulnerabilities: a source that reports none for it holds no vulnerability data.
_PROBE_URL = "https://pypi.org/pypi/urllib3/1.26.4/json"
_OSV_URL = "https://api.osv.dev/v1/query"


@dataclass(frozen=True)
class Uitkomst:
    """The result of one audit: ``status`` is ``schoon``, ``kwetsbaar`` or ``overgeslagen``."""

    naam: str
    status: str
    regels: tuple[str, ...] = ()


def _pypi_bron() -> str | None:
    """The pip-audit vulnerability service that answers with data (``pypi`` or ``osv``), or None."""
    try:
        with urllib.request.urlopen(_PROBE_URL, timeout=15) as resp:
            if json.load(resp).get("vulnerabilities"):
                return "pypi"
    except (urllib.error.URLError, OSError, ValueError):
        pass
    body = json.dumps({"package": {"name": "urllib3", "ecosystem": "PyPI"}, "version": "1.26.4"}).encode()
    try:
        req = urllib.request.Request(_OSV_URL, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=15) as resp:  # noqa: S310 - fixed https URL
            if json.load(resp).get("vulns"):
                return "osv"
    except (urllib.error.URLError, OSError, ValueError):
        pass
    return None


def fixbaar_pip(rapport: dict[str, object]) -> list[str]:
    """Lines ``package version: id (fix: versions)`` for vulnerabilities with a fix in a pip-audit JSON report."""
    return [
        f"{dep['name']} {dep.get('version')}: {vuln['id']} (fix: {', '.join(vuln['fix_versions'])})"
        for dep in rapport.get("dependencies", [])  # type: ignore[attr-defined]
        for vuln in dep.get("vulns", [])
        if vuln.get("fix_versions")
    ]


def fixbaar_npm(rapport: dict[str, object]) -> list[str]:
    """Lines ``package: severity`` for vulnerabilities with ``fixAvailable`` in an ``npm audit --json`` report."""
    kwetsbaar = rapport.get("vulnerabilities", {})
    assert isinstance(kwetsbaar, dict)
    return [f"{naam}: {v.get('severity')}" for naam, v in sorted(kwetsbaar.items()) if v.get("fixAvailable")]


def audit_python(root: Path) -> Uitkomst:
    """pip-audit over requirements.lock (no resolution: the lock pins the whole tree)."""
    bron = _pypi_bron()
    if bron is None:
        return Uitkomst(
            "pip-audit",
            "overgeslagen",
            (
                "geen kwetsbaarheidsbron bereikbaar (PyPI JSON API zonder kwetsbaarheden, OSV onbereikbaar) / "
                "no vulnerability source reachable: Python packages NOT audited",
            ),
        )
    exe = Path(sys.executable).with_name("pip-audit")
    cmd = [str(exe), "-r", str(root / "requirements.lock"), "--no-deps", "--disable-pip", "--format", "json",
           "--progress-spinner", "off", "--vulnerability-service", bron]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=root)  # noqa: S603
    try:
        rapport = json.loads(proc.stdout)
    except ValueError:
        return Uitkomst("pip-audit", "overgeslagen", (f"pip-audit gaf geen rapport (exit {proc.returncode})",))
    regels = fixbaar_pip(rapport)
    return Uitkomst("pip-audit", "kwetsbaar" if regels else "schoon", tuple(regels))


def audit_npm(root: Path) -> Uitkomst:
    """npm audit over package-lock.json, production dependencies only."""
    npm = shutil.which("npm")
    if npm is None or not (root / "package-lock.json").is_file():
        return Uitkomst("npm audit", "overgeslagen", ("npm of package-lock.json ontbreekt / npm or lock file missing",))
    proc = subprocess.run(  # noqa: S603
        [npm, "audit", "--omit=dev", "--json"], capture_output=True, text=True, check=False, cwd=root
    )
    try:
        rapport = json.loads(proc.stdout)
    except ValueError:
        rapport = {}
    if "vulnerabilities" not in rapport:
        return Uitkomst(
            "npm audit",
            "overgeslagen",
            (
                "het advisories-endpoint van de npm-registry is niet bereikbaar / npm audit endpoint unreachable: "
                "front-end packages NOT audited",
            ),
        )
    regels = fixbaar_npm(rapport)
    return Uitkomst("npm audit", "kwetsbaar" if regels else "schoon", tuple(regels))


def main(argv: list[str] | None = None) -> int:
    """Run both audits and print one line per finding; see the module docstring for exit codes."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[args.index("--root") + 1]) if "--root" in args else Path.cwd()
    streng = os.environ.get("ZICHT_AUDIT_STRENG", "") == "1"
    code = 0
    for uitkomst in (audit_python(root), audit_npm(root)):
        print(f"{uitkomst.naam}: {uitkomst.status}")  # noqa: T201
        for regel in uitkomst.regels:
            print(f"  {regel}")  # noqa: T201
        if uitkomst.status == "kwetsbaar":
            code = 1
        elif uitkomst.status == "overgeslagen" and streng and code == 0:
            code = 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
