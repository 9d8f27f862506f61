# SPDX-License-Identifier: EUPL-1.2
"""Docs point at things that exist (issue 11 item 4).

Checked in every Markdown file of the repository (README, CONTRIBUTING, GLOSSARY, SECURITY, ``docs/**``,
``src/**/README.md``, ``tests/**/README.md``):

* relative links ``[text](target)``, ``[id]: target`` and ``href``/``src`` attributes, resolved against the
  file's directory (a ``#anchor`` into a Markdown file must name one of its headings);
* repository paths mentioned in the text, e.g. `` `src/zicht/config.py` `` or ``benchmarks/bench_import.py``
  (root-relative; ``docs/adr/0006`` may abbreviate ``docs/adr/0006-…``), and bare ``NAME.md`` mentions, which
  must exist at the root or beside the file;
* dotted names ``zicht.x.y`` in code spans: the module must exist, and a name after it must be defined there.

In the Jinja templates under ``src/zicht/web/templates``: every ``/static/…`` href/src is a file in
``src/zicht/web/static`` (vendor files: one that ``zicht assets`` copies) and every extends/include/import names
an existing template.

``../shared/…`` is the sibling checkout with the sourced domain documents; references into it are checked when
it is there and skipped (with the reason) when it is not.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SRC = ROOT / "src"
WEB = SRC / "zicht" / "web"
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"

#: Directories that hold no documentation of this project (tools, caches, generated or third-party files).
SKIP_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "vendor",
    "var",
    "build",
    "dist",
    "spark-warehouse",
    "test-artifacts",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".import_linter_cache",
    "__pycache__",
}

#: Known broken references in documents owned by another change, each with its fix: (file, reference) -> fix.
#: Remove an entry once the file is fixed; nothing else is exempt.
BEKEND_KAPOT: dict[tuple[str, str], str] = {}

#: Path mentions are root-relative and start at one of these directories; ``shared/`` without ``../`` is a
#: mistake for ``../shared/`` and is caught because no ``shared/`` exists in the repository.
_PATH = re.compile(r"(?<![\w/.\-@:])((?:\.\./)?(?:src|docs|tests|benchmarks|scripts|shared|\.ci)/[\w./\-*]*)")
_BARE_MD = re.compile(r"(?<![\w/.\-@:])([A-Za-z][\w\-]*\.md)\b")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_DOTTED = re.compile(r"^(zicht(?:\.[A-Za-z_]\w*)+)(?:\(.*\))?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Ref:
    """One reference found in a file: where it is, what it names and how it is resolved."""

    bron: Path
    regel: int
    doel: str
    soort: str  # "link" (relative to the file), "pad" (root-relative), "md" (bare file name), "module"

    def __str__(self) -> str:
        return f"{self.bron.relative_to(ROOT)}:{self.regel}: {self.soort} {self.doel!r}"


def _walk(top: Path, pattern: str) -> Iterator[Path]:
    for map_, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            if Path(name).match(pattern):
                yield Path(map_) / name


def markdown_files() -> list[Path]:
    return sorted(_walk(ROOT, "*.md"))


def template_files() -> list[Path]:
    return sorted(_walk(TEMPLATES, "*.html"))


# --- extraction -------------------------------------------------------------------------------------------------


def references(bron: Path, text: str) -> list[Ref]:
    """Every link, path mention, bare ``*.md`` mention and dotted ``zicht.`` name in Markdown ``text``."""
    refs: list[Ref] = []
    in_fence = False
    for nr, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            for m in (*_LINK.finditer(line), *_REFDEF.finditer(line), *_ATTR.finditer(line)):
                refs.append(Ref(bron, nr, m.group(1), "link"))
        # Paths are also checked in code blocks (``python benchmarks/bench_import.py``), never inside URLs.
        zonder_urls = re.sub(r"\b[A-Za-z][A-Za-z0-9+.\-]*://\S+", " ", line)
        zonder_links = _LINK.sub(" ", zonder_urls)
        for m in _PATH.finditer(zonder_links):
            refs.append(Ref(bron, nr, m.group(1).rstrip(".,:;"), "pad"))
        for m in _BARE_MD.finditer(zonder_links):
            refs.append(Ref(bron, nr, m.group(1), "md"))
        if not in_fence:
            for m in _CODE_SPAN.finditer(line):
                dotted = _DOTTED.match(m.group(1).strip())
                if dotted:
                    refs.append(Ref(bron, nr, dotted.group(1), "module"))
    return refs


def is_shared(ref: Ref) -> bool:
    """Does the reference point into the ``../shared`` checkout beside the repository?"""
    if ref.soort == "pad":
        return ref.doel.startswith("../shared/")
    if ref.soort == "link" and not _SCHEME.match(ref.doel) and not ref.doel.startswith("#"):
        doel = (ref.bron.parent / unquote(ref.doel.split("#")[0])).resolve()
        return doel.is_relative_to(SHARED.resolve())
    return False


# --- resolution -------------------------------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    tekst = re.sub(r"`|\*|_(?=\W)|(?<=\W)_", "", heading.strip().lower())
    tekst = re.sub(r"[^\w\- ]", "", tekst)
    return tekst.replace(" ", "-")


@cache
def anchors(path: Path) -> frozenset[str]:
    found: set[str] = set()
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)):
            slug = _slug(m.group(1))
            n = 1
            kandidaat = slug
            while kandidaat in found:
                kandidaat = f"{slug}-{n}"
                n += 1
            found.add(kandidaat)
    found.update(re.findall(r"""<a\s+(?:name|id)=["']([^"']+)["']""", path.read_text(encoding="utf-8")))
    return frozenset(found)


def _exists_or_abbreviates(path: Path) -> bool:
    """The path exists, or is a pattern (``tests/unit/test_mse_*.py``) that matches a file, or abbreviates one
    file (``docs/adr/0006`` for ``docs/adr/0006-….md``)."""
    if "*" in str(path):
        i = next(k for k, part in enumerate(path.parts) if "*" in part)
        basis = Path(*path.parts[:i])
        return basis.is_dir() and any(basis.glob(str(Path(*path.parts[i:]))))
    if path.exists():
        return True
    return path.parent.is_dir() and any(p.name.startswith(path.name + "-") for p in path.parent.iterdir())


@cache
def _tracked() -> frozenset[str] | None:
    """The files git tracks, or None outside a git checkout (then nothing is checked)."""
    if not (ROOT / ".git").exists():
        return None
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    return frozenset(out.stdout.decode().split("\0")) if out.returncode == 0 else None


def _ignored_and_untracked(rel: str) -> bool:
    """A plain file the docs cite that exists only locally: ignored by git (say ``benchmarks/results/``) and never
    committed. The local run passes; a clean clone does not."""
    tracked = _tracked()
    if tracked is None or "*" in rel or not (ROOT / rel).is_file() or rel in tracked:
        return False
    return subprocess.run(["git", "check-ignore", "-q", rel], cwd=ROOT, check=False).returncode == 0


@cache
def _module_names(path: Path) -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, str]]:
    """Top-level names of a module, the member names of its classes, and where imported names come from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    members: dict[str, frozenset[str]] = {}
    origins: dict[str, str] = {}

    def scan(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.ClassDef):
                names.add(node.name)
                leden: set[str] = set()
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        leden.add(item.name)
                    elif isinstance(item, ast.Assign):
                        leden.update(t.id for t in item.targets if isinstance(t, ast.Name))
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        leden.add(item.target.id)
                members[node.name] = frozenset(leden)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Import):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    names.add(alias.asname or alias.name)
                    if node.module and node.level == 0:
                        origins[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for attr in ("body", "orelse", "finalbody", "handlers"):
                    for sub in getattr(node, attr, []):
                        scan(sub.body if isinstance(sub, ast.ExceptHandler) else [sub])

    scan(tree.body)
    return frozenset(names), members, origins


def _module_file(parts: list[str]) -> Path | None:
    base = SRC.joinpath(*parts)
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def resolve_dotted(name: str, depth: int = 0) -> str | None:
    """None when ``zicht.a.b[.Name[.member]]`` exists, else why not."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        module = _module_file(parts[:i])
        if module is not None:
            break
    else:
        return "no such module"
    rest = parts[i:]
    if not rest:
        return None
    names, members, origins = _module_names(module)
    if rest[0] not in names:
        return f"{'.'.join(parts[:i])} defines no {rest[0]!r}"
    if len(rest) == 1:
        return None
    if rest[0] in members:
        return None if rest[1] in members[rest[0]] else f"{'.'.join(parts[: i + 1])} has no member {rest[1]!r}"
    origin = origins.get(rest[0])
    if origin and origin.startswith("zicht.") and depth < 5:
        return resolve_dotted(".".join([origin, *rest[1:]]), depth + 1)
    return None  # an attribute of a value or of a third-party name: not checked


def problem(ref: Ref) -> str | None:
    """None when the reference resolves, else what is wrong."""
    if ref.soort == "module":
        return resolve_dotted(ref.doel)
    if ref.soort == "pad":
        if not _exists_or_abbreviates(ROOT / ref.doel):
            return "no such path (paths are root-relative)"
        if _ignored_and_untracked(ref.doel):
            return "exists here but git ignores it and it is not committed: a clean clone lacks it (git add -f)"
        return None
    if ref.soort == "md":
        kandidaten = (ROOT / ref.doel, ref.bron.parent / ref.doel)
        if any(p.is_file() for p in kandidaten):
            return None
        return "no such file at the root or beside this file (write the full path, e.g. ../shared/docs/…)"
    # a link, relative to the file it is in
    if _SCHEME.match(ref.doel) or ref.doel.startswith("//"):
        return None  # an external address: not fetched
    pad, _, anchor = ref.doel.partition("#")
    doel = ref.bron if not pad else (ROOT / pad.lstrip("/") if pad.startswith("/") else ref.bron.parent / unquote(pad))
    doel = doel.resolve()
    if not (doel.is_relative_to(ROOT) or doel.is_relative_to(SHARED.resolve())):
        return "points outside the repository and ../shared"
    if not doel.exists():
        return "no such file"
    if anchor and doel.suffix == ".md" and anchor not in anchors(doel):
        return f"no heading with anchor #{anchor} in {doel.name}"
    return None


# --- the tests --------------------------------------------------------------------------------------------------


def _refs(path: Path) -> list[Ref]:
    return references(path, path.read_text(encoding="utf-8"))


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def _exempt(ref: Ref) -> bool:
    return (str(ref.bron.relative_to(ROOT)), ref.doel) in BEKEND_KAPOT


@pytest.mark.parametrize("path", markdown_files(), ids=_ids(markdown_files()))
def test_elke_verwijzing_in_de_documentatie_bestaat(path: Path) -> None:
    broken = [
        f"{ref}: {why}" for ref in _refs(path) if not is_shared(ref) and not _exempt(ref) and (why := problem(ref))
    ]
    assert not broken, "\n".join(broken)


def test_verwijzingen_naar_shared_bestaan() -> None:
    refs = [ref for path in markdown_files() for ref in _refs(path) if is_shared(ref)]
    assert refs, "the docs cite ../shared (domain.md, privacy.md); the extraction found none"
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not checked out beside the repository; {len(refs)} references into it unchecked")
    broken = [f"{ref}: {why}" for ref in refs if not _exempt(ref) and (why := problem(ref))]
    assert not broken, "\n".join(broken)


def test_de_belangrijkste_documenten_worden_gecontroleerd() -> None:
    gevonden = set(_ids(markdown_files()))
    verwacht = {"README.md", "CONTRIBUTING.md", "GLOSSARY.md", "SECURITY.md", "src/zicht/web/README.md"}
    assert verwacht <= gevonden
    assert any(p.startswith("docs/adr/") for p in gevonden)


def template_problems(path: Path, tekst: str) -> list[str]:
    """Static files and templates a Jinja template names that do not exist."""
    from zicht.cli.assets import BESTANDEN

    vendor = {naar for bestanden in BESTANDEN.values() for _, naar in bestanden}
    broken = []
    for nr, line in enumerate(tekst.splitlines(), start=1):
        for m in re.finditer(r"""\b(?:href|src)\s*=\s*["'](/static/[^"'{]+)["']""", line):
            rel = m.group(1).removeprefix("/static/")
            # vendor/ is git-ignored and filled by `zicht assets` from node_modules
            ok = rel.removeprefix("vendor/") in vendor if rel.startswith("vendor/") else (STATIC / rel).is_file()
            if not ok:
                broken.append(f"{path.relative_to(ROOT)}:{nr}: {m.group(1)}")
        for m in re.finditer(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""", line):
            if not (TEMPLATES / m.group(1)).is_file():
                broken.append(f"{path.relative_to(ROOT)}:{nr}: template {m.group(1)}")
    return broken


@pytest.mark.parametrize("path", template_files(), ids=_ids(template_files()))
def test_elke_statische_verwijzing_in_een_template_bestaat(path: Path) -> None:
    broken = template_problems(path, path.read_text(encoding="utf-8"))
    assert not broken, "\n".join(broken)


def test_templates_verwijzen_naar_statische_bestanden() -> None:
    gevonden = [p for p in template_files() if "/static/" in p.read_text(encoding="utf-8")]
    assert TEMPLATES / "base.html" in gevonden


def test_de_templatecontrole_vindt_kapotte_verwijzingen() -> None:
    tekst = "\n".join(
        [
            '{% extends "base.html" %}{% import "macros/bestaat-niet.html" as x %}',
            '<link href="/static/css/zicht.css"><link href="/static/css/weg.css">',
            '<script src="/static/vendor/htmx/htmx.min.js"></script><script src="/static/vendor/htmx/ander.js">',
            '<a href="/meldingen/{{ m.id }}">',
        ]
    )
    broken = template_problems(TEMPLATES / "voorbeeld.html", tekst)
    assert [b.split(": ", 1)[1] for b in broken] == [
        "template macros/bestaat-niet.html",
        "/static/css/weg.css",
        "/static/vendor/htmx/ander.js",
    ]


def test_security_txt_verwijst_naar_het_beleid_in_de_repository() -> None:
    from zicht.web.pages.info import SECURITY_TXT

    policy = re.search(r"^Policy: https://github\.com/[^/]+/[^/]+/blob/main/(\S+)$", SECURITY_TXT, re.MULTILINE)
    assert policy, SECURITY_TXT
    beleid = ROOT / policy.group(1)
    assert beleid.is_file()
    tekst = beleid.read_text(encoding="utf-8")
    # both languages, and the rules a finder needs before looking (NCSC CVD guideline)
    assert "## Nederlands" in tekst and "## English" in tekst
    assert "Coordinated Vulnerability Disclosure" in tekst


# --- the checker itself finds what is broken --------------------------------------------------------------------


def test_de_controle_vindt_kapotte_links_paden_en_modules() -> None:
    bron = ROOT / "docs" / "voorbeeld.md"  # never read: resolution only needs where it would be
    tekst = "\n".join(
        [
            "[goed](adr/0001-architecture.md) [kapot](geen-bestand.md) [buiten](../../elders.md)",
            "[anker](adr/0001-architecture.md#context) [fout](adr/0001-architecture.md#geen-kop)",
            "See `src/zicht/config.py`, `docs/adr/0006`, `tests/unit/test_mse_*.py` and `src/zicht/bestaat_niet.py`.",
            "Also DESIGN.md and `tests/unit/test_bestaat_niet_*.py`.",
            "Module `zicht.privacy.vault.Vault`, `zicht.privacy.vault.GeenKlasse`, `zicht.bestaat.niet`.",
            "Member `zicht.privacy.toegang.Recht.beheer` and `zicht.privacy.toegang.Recht.geen_recht`.",
            "Re-exported `zicht.intake.Validator` (imported in the package), call `zicht.privacy.logboek.append(...)`.",
            "Domain detail in `shared/docs/domain.md`; a URL https://example.org/docs/x.md is not a path.",
            "```",
            "python benchmarks/bestaat_niet.py",
            "```",
        ]
    )
    refs = references(bron, tekst)
    kapot = {ref.doel for ref in refs if problem(ref)}
    assert kapot == {
        "geen-bestand.md",
        "../../elders.md",
        "adr/0001-architecture.md#geen-kop",
        "src/zicht/bestaat_niet.py",
        "tests/unit/test_bestaat_niet_*.py",
        "DESIGN.md",
        "zicht.privacy.vault.GeenKlasse",
        "zicht.bestaat.niet",
        "zicht.privacy.toegang.Recht.geen_recht",
        "shared/docs/domain.md",
        "benchmarks/bestaat_niet.py",
    }
    assert {ref.doel for ref in refs} - kapot == {
        "adr/0001-architecture.md",
        "adr/0001-architecture.md#context",
        "src/zicht/config.py",
        "docs/adr/0006",
        "tests/unit/test_mse_*.py",
        "zicht.privacy.vault.Vault",
        "zicht.privacy.toegang.Recht.beheer",
        "zicht.intake.Validator",
        "zicht.privacy.logboek.append",
    }


def test_ankers_volgen_github() -> None:
    assert _slug("Kop met `code` en *nadruk*") == "kop-met-code-en-nadruk"
    assert _slug("3. Statistical disclosure control, audited (LP)") == "3-statistical-disclosure-control-audited-lp"
    assert _slug("Layout and dependency direction") == "layout-and-dependency-direction"


# --- src/zicht/web/README.md names every module of the web face -------------------------------------------------


def _web_tree() -> dict[str, set[str]]:
    """The tree block of the web README: top-level entries and the modules listed under ``pages/``."""
    tekst = (WEB / "README.md").read_text(encoding="utf-8")
    blok = re.search(r"```\nweb/\n(.*?)```", tekst, re.DOTALL)
    assert blok, "the web README has a ```-block starting with web/"
    boven: set[str] = set()
    paginas: set[str] = set()
    in_pages = False
    for line in blok.group(1).splitlines():
        if m := re.match(r"^  (\S+)", line):
            boven.add(m.group(1))
            in_pages = m.group(1) == "pages/"
        elif in_pages and (m := re.match(r"^    (\w+\.py)\b", line)):
            paginas.add(m.group(1))
    return {"web": boven, "pages": paginas}


def test_web_readme_noemt_elke_paginamodule() -> None:
    modules = {p.name for p in (WEB / "pages").glob("*.py") if p.name != "__init__.py"}
    assert _web_tree()["pages"] == modules


def test_web_readme_noemt_elke_module_en_map_van_de_webkant() -> None:
    entries = {p.name for p in WEB.glob("*.py") if p.name != "__init__.py"}
    entries |= {f"{p.name}/" for p in WEB.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert _web_tree()["web"] == entries


# --- the layer diagrams are the import-linter contracts ---------------------------------------------------------


def _script(naam: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(naam, ROOT / "scripts" / f"{naam}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_laagdiagrammen_zijn_gegenereerd_uit_de_importcontracten() -> None:
    lagen = _script("lagen")
    block = lagen.diagram(lagen.contracts())
    for target in lagen.TARGETS:
        text = target.read_text(encoding="utf-8")
        assert lagen.replace_block(text, block) == text, (
            f"{target.name} is stale: run .venv/bin/python scripts/lagen.py"
        )


def test_het_laagdiagram_noemt_elk_pakket_van_het_lagencontract() -> None:
    lagen = _script("lagen")
    contracten = lagen.contracts()
    layers = next(c for c in contracten if c["type"] == "layers")
    block = lagen.diagram(contracten)
    for nummer, laag in enumerate(layers["layers"], start=1):
        namen = r"\s*[|:]\s*".join(re.escape(n.strip()) for n in re.split(r"[|:]", laag))
        assert re.search(rf"^\s+{nummer}\s+{namen}$", block, re.MULTILINE), laag
    for contract in contracten:
        assert contract["name"] in block


def test_het_laagdiagram_volgt_een_gewijzigd_contract(tmp_path: Path) -> None:
    lagen = _script("lagen")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.importlinter]\nroot_package = 'x'\n\n"
        "[[tool.importlinter.contracts]]\nname = 'L'\ntype = 'layers'\ncontainers = ['x']\n"
        "layers = ['web', 'a | b', 'c : d', 'kern']\n\n"
        "[[tool.importlinter.contracts]]\nname = 'F'\ntype = 'forbidden'\n"
        "source_modules = ['x.kern']\nforbidden_modules = ['fastapi']\n"
    )
    block = lagen.diagram(lagen.contracts(pyproject))
    assert "  1  web\n  2  a | b\n  3  c : d\n  4  kern\n" in block
    assert "  from  x.kern\n  not   fastapi (directly or indirectly)" in block
    with pytest.raises(ValueError, match="no"):
        lagen.replace_block("no markers here", block)
    pyproject.write_text(
        pyproject.read_text() + "\n[[tool.importlinter.contracts]]\nname = 'I'\ntype = 'independence'\nmodules = []\n"
    )
    with pytest.raises(ValueError, match="independence"):
        lagen.diagram(lagen.contracts(pyproject))
