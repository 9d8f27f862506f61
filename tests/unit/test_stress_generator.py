# SPDX-License-Identifier: EUPL-1.2
"""The independent linkage stress generator: deterministic, realistic in volume, and hard in the intended ways."""

from __future__ import annotations

import csv
import itertools
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from tests.stress_linkage.generator import FREQUENTIES, KINDS, build_pools, generate, simuleer
from zicht.codebook import codelijst


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stress") / "seed1"
    generate(out, persons=3000, seed=1)
    return out


@pytest.fixture(scope="module")
def rows(world: Path) -> list[dict[str, str]]:
    truth = {(t["melder"], t["melder_referentie"]): t for t in _read(world / "waarheid.csv")}
    out = []
    for org in _read(world / "organisaties.csv"):
        for m in _read(world / "meldingen" / f"{org['code']}.csv"):
            out.append({**m, **truth[(org["code"], m["melder_referentie"])]})
    return out


def test_same_seed_is_byte_identical_and_other_seed_differs(world: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", persons=3000, seed=1)
    generate(tmp_path / "other", persons=3000, seed=2)
    assert _files(tmp_path / "again") == _files(world)
    assert _files(tmp_path / "other") != _files(world)


def test_layout_and_volume(world: Path, rows: list[dict[str, str]]) -> None:
    orgs = _read(world / "organisaties.csv")
    assert len(orgs) == 8
    assert sorted(p.name for p in (world / "meldingen").iterdir()) == sorted(f"{o['code']}.csv" for o in orgs)
    assert 4000 <= len(rows) <= 5500
    for r in rows:
        assert r["uitbuitingsvorm"] == "onbekend"
        assert "2022-01-01" <= r["melddatum"] <= "2024-12-31"
        assert r["voornamen"] or r["achternaam"]
        assert r["geslacht"] in ("vrouw", "man", "")
        assert len(r["geboortedatum"]) in (0, 4, 10)
        assert len(r["nationaliteit"]) in (0, 2)


def test_truth_matches_meldingen_one_to_one(world: Path, rows: list[dict[str, str]]) -> None:
    truth = _read(world / "waarheid.csv")
    assert len(truth) == len(rows)
    assert len({(t["melder"], t["melder_referentie"]) for t in truth}) == len(truth)
    assert list(truth[0]) == ["melder", "melder_referentie", "persoon_id", "variaties"]


def test_every_variation_occurs(rows: list[dict[str, str]]) -> None:
    counts = Counter(k for r in rows for k in r["variaties"].split(";") if k)
    assert set(counts) <= set(KINDS)
    assert {k: counts[k] for k in KINDS if counts[k] < 5} == {}


@pytest.mark.parametrize(("namen", "minimum"), [("werkelijk", 80), ("kopzwaar", 150)])
def test_many_different_persons_share_a_full_name(namen: str, minimum: int) -> None:
    """Common names are common, and same-year namesakes are in the world on purpose: in the default world
    (published name frequencies) 100-139 pairs of different people among 3,000 share a written full name over
    seeds 1-3, in ``kopzwaar`` over 1,000."""
    _people, rows = simuleer(persons=3000, seed=1, namen=namen)
    persons = defaultdict(set)
    for r in rows:
        persons[(r["voornamen"], r["achternaam"])].add(r["persoon_id"])
    pairs = sum(1 for s in persons.values() for _ in itertools.combinations(s, 2))
    assert pairs >= minimum


def test_the_most_common_names_have_their_published_share() -> None:
    """The default world's curve starts at the published share of the most common name (README.md)."""
    pools = build_pools(np.random.default_rng(1))
    for origin, (family, women, men) in FREQUENTIES.items():
        for pool, top in (
            (pools[origin]["familie"], family),
            (pools[origin]["vrouw"], women),
            (pools[origin]["man"], men),
        ):
            names, shares = pool
            assert shares.sum() == pytest.approx(1.0)
            assert shares[0] == pytest.approx(top) or shares[0] == pytest.approx(1 / len(names))
            assert list(shares) == sorted(shares, reverse=True)


def test_references_do_not_leak_the_person(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["persoon_id"] not in r["melder_referentie"]
    by_org = defaultdict(list)
    for r in rows:
        by_org[r["melder"]].append(int(r["melder_referentie"].split("-")[1]))
    assert all(sorted(v) == list(range(1, len(v) + 1)) for v in by_org.values())  # a running number per melder


def test_organisation_kinds_are_valid_codes(world: Path) -> None:
    lijst = codelijst("melder_soort")
    for org in _read(world / "organisaties.csv"):
        assert lijst[org["soort"]].code == org["soort"]
        assert org["regio"] == ""
        assert org["gemeentecode"].startswith("GM")
