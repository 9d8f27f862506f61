# SPDX-License-Identifier: EUPL-1.2
"""Property: random corruptions of valid files never lose a row and never crash the import.

For every corrupted file either the file as a whole is refused with a clear reason (``BestandsFout``), or:
``read == accepted + rejected``, the rows read are exactly the non-blank records of the file, every accepted
melding is in the database, every rejected row is reported, and every row that was left intact (and whose
reference is unique) is stored. Runs on SQLite with a modest number of examples.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ as make_environ
from tests.integration.import_helpers import ACTOR, KOLOMMEN, geldige_rij, maak_organisatie, referenties
from zicht.config import load_settings
from zicht.intake.files import BestandsFout
from zicht.intake.importer import ImportRapport, importeer_bestand
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import make_engine, session_factory, upgrade

#: File-level refusals a corruption may legitimately cause.
# File-level refusals a corruption can legitimately cause (e.g. every line removed leaves an empty file).
TOEGESTANE_BESTANDSFOUTEN = {"codering", "binair", "geen_rijen", "leeg", "json_array"}
_counter = itertools.count()


@dataclass
class Omgeving:
    sessions: sessionmaker[Session]
    vault: Vault
    reference: Referentiedata


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory, reference: Referentiedata) -> Iterator[Omgeving]:
    tmp: Path = tmp_path_factory.mktemp("hypothesis-import")
    engine = make_engine(f"sqlite:///{tmp / 'zicht.sqlite3'}")
    upgrade(engine)
    vault = Vault.from_settings(load_settings(make_environ(tmp)))
    yield Omgeving(session_factory(engine), vault, reference)
    engine.dispose()


@dataclass
class Bestand:
    data: bytes
    naam: str
    intact: list[str] = field(default_factory=list)  # references of rows left intact and unique
    verwacht_gelezen: int | None = None


def _import(omgeving: Omgeving, bestand: Bestand) -> tuple[str, ImportRapport | BestandsFout]:
    code = f"org-{next(_counter)}"
    maak_organisatie(omgeving.sessions, code)
    try:
        rapport = importeer_bestand(
            omgeving.sessions,
            omgeving.vault,
            omgeving.reference,
            code,
            bestand.data,
            bestandsnaam=bestand.naam,
            actor=ACTOR,
            chunk_grootte=7,
        )
    except BestandsFout as exc:
        return code, exc
    return code, rapport


def _check(omgeving: Omgeving, bestand: Bestand) -> None:
    code, result = _import(omgeving, bestand)
    stored = referenties(omgeving.sessions, code)
    if isinstance(result, BestandsFout):
        assert result.code in TOEGESTANE_BESTANDSFOUTEN, str(result)
        assert stored == set()
        assert bestand.intact == [], "a file-level refusal may not cost rows that were intact"
        return
    rapport = result
    assert rapport.read == rapport.accepted + rapport.rejected
    assert rapport.accepted == rapport.stored + rapport.already_present
    assert (rapport.already_present, rapport.conflicts) == (0, 0)  # a fresh organisation
    assert len(stored) == rapport.stored == rapport.accepted
    assert len({a.rijnummer for a in rapport.afgewezen}) == rapport.rejected
    assert rapport.afgebroken is None
    if bestand.verwacht_gelezen is not None:
        assert rapport.read == bestand.verwacht_gelezen
    missing = set(bestand.intact) - stored
    assert not missing, (missing, rapport.read, rapport.rejected, bestand.data.decode("utf-8", "replace"))


# ---- CSV ----------------------------------------------------------------------------------------------------

_index = st.integers(min_value=0, max_value=10_000)
_rommel = st.text(max_size=30)
_cel_operaties = st.one_of(
    st.tuples(st.just("weg"), _index, _index),
    st.tuples(st.just("dubbel"), _index, _index),
    st.tuples(st.just("rommel"), _index, _index, _rommel),
    st.tuples(st.just("wissel"), _index, _index, _index),
    st.tuples(st.just("code"), _index, st.sampled_from(["zeeroverij", "GM9999", "Atlantis", "arbeid;;", "?"])),
    st.tuples(st.just("datum"), _index, st.sampled_from(["31-02-2023", "2999-01-01", "gisteren", "", "2023-13-01"])),
    st.tuples(st.just("referentie"), _index, _index),
)
_tekst_operaties = st.one_of(
    st.tuples(st.just("afkappen"), _index, st.floats(0, 1)),
    st.tuples(st.just("leeg"), _index),
    st.tuples(st.just("bytes"), _index, st.binary(min_size=1, max_size=6)),
)


@st.composite
def csv_bestanden(draw: st.DrawFn) -> Bestand:
    n = draw(st.integers(min_value=1, max_value=20))
    grid = [[geldige_rij(i)[c] for c in KOLOMMEN] for i in range(n)]
    touched: set[int] = set()
    for op in draw(st.lists(_cel_operaties, max_size=8)):
        r = op[1] % n
        row = grid[r]
        touched.add(r)
        kind = op[0]
        if kind == "weg" and row:
            del row[op[2] % len(row)]
        elif kind == "dubbel" and row:
            c = op[2] % len(row)
            row.insert(c, row[c])
        elif kind == "rommel" and row:
            row[op[2] % len(row)] = op[3]
        elif kind == "wissel" and row:
            a, b = op[2] % len(row), op[3] % len(row)
            row[a], row[b] = row[b], row[a]
        elif kind == "code" and len(row) > 2:
            row[2] = op[2]
        elif kind == "datum" and len(row) > 1:
            row[1] = op[2]
        elif kind == "referentie" and row:
            row[0] = grid[op[2] % n][0] if grid[op[2] % n] else ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(KOLOMMEN)
    line_of_row = []
    for row in grid:
        line_of_row.append(len(out.getvalue().encode()))
        writer.writerow(row)
    data = out.getvalue().encode()
    text_ops = draw(st.lists(_tekst_operaties, max_size=4))
    lines = data.split(b"\r\n")[:-1]  # header + one line per row unless a cell holds a line break
    header, body = lines[0], lines[1:]
    simple = len(body) == n
    for op in text_ops:
        if not body:
            break
        i = op[1] % len(body)
        if op[0] == "afkappen":
            body[i] = body[i][: int(len(body[i]) * op[2])]
        elif op[0] == "leeg":
            body.insert(i, b"")
        elif op[0] == "bytes":
            pos = len(body[i]) // 2
            body[i] = body[i][:pos] + op[2] + body[i][pos:]
    data = b"\r\n".join([header, *body]) + b"\r\n"
    intact: list[str] = []
    if simple and not any(op[0] in ("afkappen", "bytes") for op in text_ops):
        cells = [c.strip() for row in grid for c in row]
        for r, row in enumerate(grid):
            if r not in touched and cells.count(row[0]) == 1:
                intact.append(row[0])
    return Bestand(data, "meldingen.csv", intact, _count_records(data))


def _count_records(data: bytes) -> int | None:
    """Independent count of the non-blank records after the header (None when the text is not UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    return max(0, len(records) - 1)


@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bestand=csv_bestanden())
def test_gecorrumpeerde_csv_verliest_nooit_een_rij_en_crasht_nooit(omgeving: Omgeving, bestand: Bestand) -> None:
    _check(omgeving, bestand)


# ---- JSON lines ---------------------------------------------------------------------------------------------

_json_waarden = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
_json_operaties = st.one_of(
    st.tuples(
        st.just("geen_object"), _index, st.one_of(st.integers(), st.lists(st.integers()), st.text()).map(json.dumps)
    ),
    st.tuples(st.just("waarde"), _index, st.sampled_from(KOLOMMEN), _json_waarden),
    st.tuples(st.just("sleutel"), _index, st.text(min_size=1, max_size=10)),
    st.tuples(st.just("afkappen"), _index, st.floats(0, 1)),
    st.tuples(st.just("leeg"), _index),
    st.tuples(st.just("referentie"), _index, _index),
)


@st.composite
def jsonl_bestanden(draw: st.DrawFn) -> Bestand:
    n = draw(st.integers(min_value=1, max_value=20))
    objects: list[Any] = []
    for i in range(n):
        rij = geldige_rij(i)
        objects.append(
            {k: (v.split(";") if k in ("uitbuitingsvorm", "nationaliteit") else v) for k, v in rij.items() if v}
        )
    touched: set[int] = set()
    lines: list[str | None] = []
    ops = draw(st.lists(_json_operaties, max_size=8))
    for op in ops:
        r = op[1] % n
        touched.add(r)
        obj = objects[r]
        if op[0] == "geen_object":
            objects[r] = op[2]
        elif op[0] == "waarde" and isinstance(obj, dict):
            obj[op[2]] = op[3]
        elif op[0] == "sleutel" and isinstance(obj, dict):
            obj[op[2]] = "x"
        elif op[0] == "referentie" and isinstance(obj, dict):
            other = objects[op[2] % n]
            obj["melder_referentie"] = other.get("melder_referentie") if isinstance(other, dict) else None
    for obj in objects:
        lines.append(obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False))
    # Truncate first and insert blank lines afterwards, so a truncation hits the object it was drawn for.
    for op in ops:
        if op[0] == "afkappen":
            i = op[1] % n
            text = lines[i] or ""
            lines[i] = text[: int(len(text) * op[2])]
    for op in ops:
        if op[0] == "leeg":
            lines.insert(op[1] % (len(lines) + 1), "")
    data = ("\n".join(line or "" for line in lines) + "\n").encode()
    refs = [o.get("melder_referentie") for o in objects if isinstance(o, dict)]
    intact = [
        objects[r]["melder_referentie"]
        for r in range(n)
        if r not in touched and refs.count(objects[r]["melder_referentie"]) == 1
    ]
    gelezen = sum(1 for line in data.decode().split("\n") if line.strip())
    return Bestand(data, "meldingen.jsonl", intact, gelezen)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bestand=jsonl_bestanden())
def test_gecorrumpeerde_jsonl_verliest_nooit_een_rij_en_crasht_nooit(omgeving: Omgeving, bestand: Bestand) -> None:
    _check(omgeving, bestand)
