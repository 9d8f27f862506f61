# SPDX-License-Identifier: EUPL-1.2
"""Capture tables from linked persons: the builder against a plain-Python reference (Hypothesis), invariance
under row order, the list definitions and their merge, and the person rules (first melding, first known form)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.analysis.iceberg import (
    STANDAARD_INDELING,
    VIER_LIJSTEN,
    Lijstindeling,
    LijstindelingFout,
    Stratum,
    bouw_vangsttabel,
    lijstindeling,
    rijen_uit_populatie,
    valideer_rijen,
)
from zicht.analysis.iceberg.vangst import vorm_volgorde
from zicht.analysis.mse import CaptureTable

SOORTEN = (
    "nationale_politie",
    "kmar",
    "nla",
    "zorgcoordinatie",
    "fairwork",
    "ngo_overig",
    "coa",
    "jeugdzorg",
    "onbekend",
)
VORMEN = ("seksueel", "arbeid", "crimineel", "overig", "onbekend")
REGIOS = ("Amsterdam", "Rotterdam", "buitenland", "onbekend")


def _datum_sleutel(d: date | None) -> tuple[int, date]:
    return (1, date.max) if d is None else (0, d)


def referentie(
    rijen: Sequence[dict[str, Any]], stratum: Stratum, indeling: Lijstindeling
) -> dict[tuple[int, ...], int]:
    """The capture table by the documented rules, in plain Python."""
    eerste: dict[str, int] = {}
    for r in rijen:
        if r["persoon_id"] is not None:
            eerste[r["persoon_id"]] = min(eerste.get(r["persoon_id"], 10_000), r["jaar"])
    per_persoon: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rijen:
        p = r["persoon_id"]
        if (
            p is not None
            and stratum.jaar_van <= eerste[p] <= stratum.jaar_tot
            and stratum.jaar_van <= r["jaar"] <= stratum.jaar_tot
        ):
            per_persoon[p].append(r)
    tabel: dict[tuple[int, ...], int] = defaultdict(int)
    for rs in per_persoon.values():

        def eerste_bekend(kolom: str, rang: Any, rs: list[dict[str, Any]] = rs) -> str:
            bekend = [r for r in rs if r[kolom] != "onbekend"]
            if not bekend:
                return "onbekend"
            return str(min(bekend, key=lambda r: (r["jaar"], _datum_sleutel(r["melddatum"]), rang(r[kolom])))[kolom])

        vorm = eerste_bekend("vorm", vorm_volgorde)
        regio = eerste_bekend("regio", lambda v: v)
        if stratum.vorm is not None and vorm != stratum.vorm:
            continue
        if stratum.regio is not None and regio != stratum.regio:
            continue
        lijsten = {indeling.lijst_van(r["melder_soort"]) for r in rs} - {None}
        if not lijsten:
            continue
        tabel[tuple(int(naam in lijsten) for naam in indeling.namen)] += 1
    return dict(tabel)


rij_strategie = st.fixed_dictionaries(
    {
        "persoon_id": st.one_of(st.none(), st.sampled_from([f"p{i}" for i in range(12)])),
        "melder_soort": st.sampled_from(SOORTEN),
        "jaar": st.integers(2021, 2024),
        "melddatum": st.one_of(st.none(), st.dates(date(2021, 1, 1), date(2021, 1, 20))),
        "vorm": st.sampled_from(VORMEN),
        "regio": st.sampled_from(REGIOS),
    }
)
stratum_strategie = st.builds(
    lambda van, lengte, vorm, regio: Stratum(van, van + lengte, vorm, regio),
    st.integers(2021, 2024),
    st.integers(0, 2),
    st.one_of(st.none(), st.sampled_from(VORMEN)),
    st.one_of(st.none(), st.sampled_from(REGIOS)),
)


def _frame(rijen: Sequence[dict[str, Any]]) -> pd.DataFrame:
    # dates are only compared within a person; keep the year in the date so the data are coherent
    return pd.DataFrame(
        {
            "persoon_id": [r["persoon_id"] for r in rijen],
            "melder_soort": [r["melder_soort"] for r in rijen],
            "jaar": [r["jaar"] for r in rijen],
            "melddatum": [r["melddatum"].replace(year=r["jaar"]) if r["melddatum"] else None for r in rijen],
            "vorm": [r["vorm"] for r in rijen],
            "regio": [r["regio"] for r in rijen],
        }
    )


def _coherent(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "melddatum": r["melddatum"].replace(year=r["jaar"]) if r["melddatum"] else None} for r in rijen]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rij_strategie, max_size=40), stratum_strategie, st.sampled_from([STANDAARD_INDELING, VIER_LIJSTEN]))
def test_bouwer_volgt_de_referentie(rijen: list[dict[str, Any]], stratum: Stratum, indeling: Lijstindeling) -> None:
    rijen = _coherent(rijen)
    vangst = bouw_vangsttabel(_frame(rijen), stratum, indeling)
    verwacht = referentie(rijen, stratum, indeling)
    assert dict(vangst.patronen) == verwacht
    assert vangst.personen == sum(verwacht.values())
    totalen = tuple(sum(n for p, n in verwacht.items() if p[i]) for i in range(len(indeling.namen)))
    assert vangst.lijst_totalen == totalen
    # without melding ids every unlinked row counts as its own melding
    assert vangst.ongekoppeld == sum(
        1
        for r in rijen
        if r["persoon_id"] is None
        and stratum.jaar_van <= r["jaar"] <= stratum.jaar_tot
        and (stratum.vorm is None or r["vorm"] == stratum.vorm)
        and (stratum.regio is None or r["regio"] == stratum.regio)
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(rij_strategie, min_size=1, max_size=40), stratum_strategie, st.randoms(use_true_random=False))
def test_volgorde_van_de_rijen_doet_er_niet_toe(rijen: list[dict[str, Any]], stratum: Stratum, rnd: Any) -> None:
    rijen = _coherent(rijen)
    geschud = list(rijen)
    rnd.shuffle(geschud)
    a = bouw_vangsttabel(_frame(rijen), stratum, STANDAARD_INDELING)
    b = bouw_vangsttabel(_frame(geschud), stratum, STANDAARD_INDELING)
    assert a.patronen == b.patronen
    assert a.ongekoppeld == b.ongekoppeld


@settings(max_examples=80, deadline=None)
@given(st.lists(rij_strategie, max_size=40), stratum_strategie)
def test_vier_lijsten_is_de_samenvoeging_van_zes(rijen: list[dict[str, Any]], stratum: Stratum) -> None:
    """Merging lists of the six-list table with CaptureTable.merge_lists gives the four-list table."""
    rijen = _coherent(rijen)
    zes = bouw_vangsttabel(_frame(rijen), stratum, STANDAARD_INDELING)
    vier = bouw_vangsttabel(_frame(rijen), stratum, VIER_LIJSTEN)
    if zes.tabel is None:
        assert vier.tabel is None
        return
    samengevoegd = zes.tabel.merge_lists(["kmar", "nla"], "kmar_nla").merge_lists(["ngo", "overig"], "ngo_overig")
    assert vier.tabel == samengevoegd


def test_persoon_hoort_bij_het_jaar_van_de_eerste_melding() -> None:
    rijen = pd.DataFrame(
        {
            "persoon_id": ["a", "a", "b", "b", "c", None],
            "melder_soort": ["nationale_politie", "zorgcoordinatie", "kmar", "nla", "fairwork", "kmar"],
            "jaar": [2022, 2023, 2023, 2023, 2023, 2023],
            "vorm": ["onbekend", "seksueel", "arbeid", "crimineel", "onbekend", "arbeid"],
        }
    )
    v2022 = bouw_vangsttabel(rijen, Stratum(2022, 2022), STANDAARD_INDELING)
    v2023 = bouw_vangsttabel(rijen, Stratum(2023, 2023), STANDAARD_INDELING)
    periode = bouw_vangsttabel(rijen, Stratum(2022, 2023), STANDAARD_INDELING)
    assert dict(v2022.patronen) == {(1, 0, 0, 0, 0, 0): 1}  # a: police in 2022 only
    assert dict(v2023.patronen) == {(0, 1, 1, 0, 0, 0): 1, (0, 0, 0, 0, 1, 0): 1}  # a is not counted again
    assert dict(periode.patronen) == {(1, 0, 0, 1, 0, 0): 1, (0, 1, 1, 0, 0, 0): 1, (0, 0, 0, 0, 1, 0): 1}
    assert v2023.ongekoppeld == 1
    # a's form in 2022-2023 is seksueel: the first melding with a known form
    seksueel = bouw_vangsttabel(rijen, Stratum(2022, 2023, vorm="seksueel"), STANDAARD_INDELING)
    assert seksueel.personen == 1
    # b has two forms on the same day (no dates): the codebook order decides (arbeid before crimineel)
    assert bouw_vangsttabel(rijen, Stratum(2023, 2023, vorm="arbeid"), STANDAARD_INDELING).personen == 1
    assert bouw_vangsttabel(rijen, Stratum(2023, 2023, vorm="crimineel"), STANDAARD_INDELING).personen == 0


def test_datum_bepaalt_de_eerste_melding_binnen_een_jaar() -> None:
    rijen = pd.DataFrame(
        {
            "persoon_id": ["a", "a"],
            "melder_soort": ["nationale_politie", "zorgcoordinatie"],
            "jaar": [2023, 2023],
            "melddatum": [date(2023, 5, 1), date(2023, 2, 1)],
            "vorm": ["seksueel", "arbeid"],
            "regio": ["Amsterdam", "Rotterdam"],
        }
    )
    assert bouw_vangsttabel(rijen, Stratum(2023, 2023, "arbeid", "Rotterdam"), STANDAARD_INDELING).personen == 1
    assert bouw_vangsttabel(rijen, Stratum(2023, 2023, "seksueel"), STANDAARD_INDELING).personen == 0


def test_lijstindelingen() -> None:
    assert STANDAARD_INDELING.namen == ("politie", "kmar", "nla", "zorgcoordinatie", "ngo", "overig")
    assert STANDAARD_INDELING.lijst_van("fairwork") == "ngo"
    assert STANDAARD_INDELING.lijst_van("coa") == "overig"
    assert STANDAARD_INDELING.lijst_van("iets_nieuws") == "overig"
    assert VIER_LIJSTEN.lijst_van("nla") == "kmar_nla"
    assert lijstindeling(None) is STANDAARD_INDELING
    assert lijstindeling("4") is VIER_LIJSTEN
    eigen = lijstindeling("politie=nationale_politie,zorg=zorgcoordinatie+jeugdzorg")
    assert eigen.namen == ("politie", "zorg") and eigen.rest is None
    assert eigen.lijst_van("kmar") is None
    assert lijstindeling(STANDAARD_INDELING.spec()) == Lijstindeling("eigen", STANDAARD_INDELING.lijsten, "overig")
    for fout in ("7", "politie=nationale_politie", "a=kmar,b=kmar", "a=kmar,b=vis", "a=*,b=*", "A=kmar,b=nla"):
        with pytest.raises(LijstindelingFout):
            lijstindeling(fout)


def test_weggelaten_soorten_zetten_niemand_op_een_lijst() -> None:
    rijen = pd.DataFrame({"persoon_id": ["a", "b", "b"], "melder_soort": ["coa", "coa", "kmar"], "jaar": [2023] * 3})
    indeling = lijstindeling("kmar=kmar,nla=nla")
    vangst = bouw_vangsttabel(rijen, Stratum(2023, 2023), indeling)
    assert dict(vangst.patronen) == {(1, 0): 1}
    assert vangst.niet_op_lijst == 1


def test_rijen_uit_populatie_en_valideren() -> None:
    populatie = pd.DataFrame(
        {
            "persoon_id": ["P1", "P2", "P3"],
            "jaar": np.array([2023, 2023, 2023], dtype=np.int16),
            "uitbuitingsvorm": pd.Categorical(["seksueel", "arbeid", "crimineel"]),
            "plaats_delict": pd.Categorical(["GM0363", "PL", "GM0599"]),
            "politie_eenheid": pd.Categorical(["Amsterdam", "Den Haag", "Rotterdam"]),
            "gezien_door": pd.Categorical(["nationale_politie;zorgcoordinatie", "", "kmar"]),
        }
    )
    rijen = rijen_uit_populatie(populatie)
    assert list(rijen["persoon_id"]) == ["P1", "P1", "P3"]
    assert list(rijen["regio"]) == ["Amsterdam", "Amsterdam", "Rotterdam"]
    assert list(rijen["melder_soort"]) == ["nationale_politie", "zorgcoordinatie", "kmar"]
    with pytest.raises(ValueError, match="jaar"):
        valideer_rijen(pd.DataFrame({"persoon_id": ["a"], "melder_soort": ["kmar"]}))
    schoon = valideer_rijen(
        pd.DataFrame({"persoon_id": [None, math.nan], "melder_soort": ["kmar", ""], "jaar": [2023, 2023]})
    )
    assert list(schoon["persoon_id"]) == [None, None]
    assert list(schoon["melder_soort"]) == ["kmar", "onbekend"]


def test_capturetabel_is_wat_de_mse_bibliotheek_neemt() -> None:
    rijen = pd.DataFrame(
        {
            "persoon_id": ["a", "a", "b", "c"],
            "melder_soort": ["nationale_politie", "kmar", "kmar", "nla"],
            "jaar": [2023] * 4,
        }
    )
    vangst = bouw_vangsttabel(rijen, Stratum(2023, 2023), STANDAARD_INDELING)
    assert isinstance(vangst.tabel, CaptureTable)
    assert vangst.tabel.lists == STANDAARD_INDELING.namen
    assert vangst.tabel.observed == 3
    assert vangst.overlap == 1
