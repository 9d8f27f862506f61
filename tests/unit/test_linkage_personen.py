# SPDX-License-Identifier: EUPL-1.2
"""Decisions per person, not per pair (issue 10): twins and namesakes born in one year are never merged
automatically, a person reported three times does not make their own name look common, and a missing birth
date is never read as one.

Twins and same-year namesakes share a family name, a nationality, a sex and (twins) a birth date: a
Fellegi–Sunter model weighs each of those as independent evidence, and a shared rare family name plus a
shared birth date outweighs clearly different given names. The person-level check
(:func:`zicht.linkage.engine.person_conflicts`, the incremental index) keeps them apart and offers the pair
to an analyst instead.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.test_linkage_robuust import IDENTITEIT
from zicht.linkage.engine import Drempels, TrainingConfig, link
from zicht.linkage.evaluate import records_from_import_frame
from zicht.linkage.frequenties import name_frequencies, people_per_name
from zicht.linkage.incremental import LinkIndex
from zicht.linkage.model import REGISTER_CONTEXT
from zicht.linkage.normalise import (
    Voornamen,
    birth_dates_conflict,
    birth_signatures,
    given_name_signatures,
    given_names_conflict,
    prepare,
)
from zicht.reference import Referentiedata
from zicht.synth import SynthConfig, generate

#: Given names for the twins and namesakes: none is a way of writing a name of the synthetic population's
#: pools (no shared first letters with an initial is not required: the full names differ).
ANDERE_VOORNAMEN = ("Quirine", "Xaviera", "Zoltana", "Ygritte", "Quentin", "Xander", "Zebulon", "Yorick")


@pytest.fixture(scope="module")
def registratie(reference: Referentiedata) -> pd.DataFrame:
    """One year of synthetic meldingen with what a sparse reporter sends: identity fields and report date."""
    synth = generate(SynthConfig(jaar_van=2024, jaar_tot=2024, seed=4), reference)
    records = records_from_import_frame(synth.meldingen, reference)
    keep = ["melding_id", "melder", *IDENTITEIT]
    return records[[c for c in keep if c in records.columns]].reset_index(drop=True)


def _bronnen(registratie: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` meldingen of different persons with full names, a full birth date (not 1 January) and a sex."""
    datum = registratie["geboortedatum"].astype(str)
    volledig = datum.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & ~datum.str.endswith("-01-01")
    rows = registratie[volledig & registratie["voornamen"].notna() & registratie["achternaam"].notna()]
    rows = rows[rows["geslacht"].notna()]
    return rows.drop_duplicates(["achternaam"]).head(n).reset_index(drop=True)


def _twee_meldingen(row: pd.Series, tag: str, voornaam: str, geboortedatum: str) -> list[dict[str, object]]:
    """Two meldingen of one new person (a twin or namesake of ``row``) by two organisations."""
    return [
        {
            "melding_id": f"{tag}-{melder}",
            "melder": melder,
            "voornamen": voornaam,
            "achternaam": row["achternaam"],
            "geboortedatum": geboortedatum,
            "geslacht": row["geslacht"],
            "nationaliteit": row["nationaliteit"],
            "melddatum": row["melddatum"],
        }
        for melder in ("tweeling-org-a", "tweeling-org-b")
    ]


def _ander_dag_en_maand(datum: str) -> str:
    """The same year, another day and month that is neither a typing error, day and month swapped, nor the 1
    January placeholder (which says "only the year is known")."""
    d = pd.Timestamp(datum)
    return d.replace(month=d.month % 12 + 1, day=(d.day + 9) % 27 + 2).date().isoformat()  # never 1 January


@pytest.mark.parametrize("soort", ["tweeling", "naamgenoot_zelfde_jaar"])
def test_tweelingen_en_naamgenoten_nooit_automatisch_een_persoon(registratie: pd.DataFrame, soort: str) -> None:
    bronnen = _bronnen(registratie, 30)
    assert len(bronnen) == 30
    extra: list[dict[str, object]] = []
    for i, row in bronnen.iterrows():
        if soort == "tweeling":
            extra += _twee_meldingen(row, f"tweeling-{i}", ANDERE_VOORNAMEN[i % 8], str(row["geboortedatum"]))
        else:
            extra += _twee_meldingen(
                row, f"naamgenoot-{i}", row["voornamen"], _ander_dag_en_maand(row["geboortedatum"])
            )
    records = pd.concat([registratie, pd.DataFrame(extra)], ignore_index=True)
    result = link(records, context=REGISTER_CONTEXT, config=TrainingConfig(seed=5, u_max_pairs=2e5))
    labels = result.clusters.labels
    samengevoegd = [
        i
        for i, row in bronnen.iterrows()
        if labels[f"{soort.split('_')[0]}-{i}-tweeling-org-a"] == labels[row["melding_id"]]
    ]
    assert samengevoegd == []
    # The new person's own two meldingen (identical) are still one person.
    assert all(
        labels[f"{soort.split('_')[0]}-{i}-tweeling-org-a"] == labels[f"{soort.split('_')[0]}-{i}-tweeling-org-b"]
        for i in range(30)
    )
    # What the model scored as a link and the person-level check kept apart goes to an analyst.
    review = result.review_pairs()
    kept_apart = {
        tuple(sorted((a, b)))
        for a, b, p in result.paren[["melding_a", "melding_b", "match_probability"]].itertuples(index=False)
        if p >= result.drempels.boven and labels[a] != labels[b]
    }
    if soort == "tweeling":
        assert kept_apart, "the test should exercise pairs the model alone would have linked"
    assert kept_apart <= {tuple(sorted(x)) for x in zip(review["melding_a"], review["melding_b"], strict=True)}


def test_tweeling_incrementeel_nieuwe_persoon_en_ter_beoordeling(registratie: pd.DataFrame) -> None:
    result = link(registratie, context=REGISTER_CONTEXT, config=TrainingConfig(seed=5, u_max_pairs=2e5))
    index = LinkIndex.build(registratie, result.clusters.labels, result.model, Drempels())
    bronnen = _bronnen(registratie, 20)
    gekoppeld = 0
    aangeboden = 0
    for i, row in bronnen.iterrows():
        twin = _twee_meldingen(row, f"tweeling-{i}", ANDERE_VOORNAMEN[i % 8], str(row["geboortedatum"]))[0]
        uitkomst = index.link_one(pd.DataFrame([twin]))
        gekoppeld += int(
            uitkomst.persoon_id == result.clusters.labels[row["melding_id"]] or bool(uitkomst.gebeurtenissen)
        )
        aangeboden += int(any(k.melding_id == row["melding_id"] for k in uitkomst.beoordelen))
    assert gekoppeld == 0
    assert aangeboden > 0


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ((("juliana", "lina"), ("bos",)), (("angela",), ("bos",)), True),  # twins
        ((("a", "m"), ("bos",)), (("anna", "maria"), ("bos",)), False),  # initials
        ((("e",), ("bos",)), (("anna",), ("bos",)), True),  # an initial that fits no given name
        ((("kat",), ("bos",)), (("katarzyna",), ("bos",)), False),  # shortened
        ((("dainel",), ("bos",)), (("daniel",), ("bos",)), False),  # a typing error
        ((("iuliia",), ("bos",)), (("yuliia",), ("bos",)), False),  # transliteration
        ((("bos",), ("anna",)), (("anna",), ("bos",)), False),  # written in the other field
    ],
)
def test_voornamen_die_niet_een_persoon_kunnen_zijn(a: Voornamen, b: Voornamen, conflict: bool) -> None:
    assert given_names_conflict(a, b) is conflict
    assert given_names_conflict(b, a) is conflict


def test_gewone_voornaam_alleen_is_geen_overeenkomst() -> None:
    """Vietnamese sisters *Thi Huong* and *Thi Ngoc*: sharing the common *Thi* does not make them one person."""
    rows = [{"voornamen": f"Thi {x}", "achternaam": "Tran"} for x in ["Huong", "Ngoc"] + [f"X{i}" for i in range(60)]]
    rows += [{"voornamen": f"Y{i}", "achternaam": "Bos"} for i in range(60)]
    frame = pd.DataFrame([{"melding_id": str(i), **r} for i, r in enumerate(rows)])
    signatures = given_name_signatures(prepare(frame))
    assert signatures["0"][0] == ("huong",)
    assert given_names_conflict(signatures["0"], signatures["1"])


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ((1960, "1960-06-15"), (1960, "1960-03-14"), True),  # namesakes born in one year
        ((1960, "1960-06-15"), (1960, "1960-06-16"), False),  # a typing error
        ((1960, "1960-03-08"), (1960, "1960-08-03"), False),  # day and month swapped
        ((1960, "1960-06-15"), (1961, "1961-06-15"), False),  # the year one off
        ((1960, "1960-06-15"), (1961, "1961-03-14"), True),  # another year, day and month
        ((1960, None), (1960, "1960-03-14"), False),  # only a year
        ((1998, None), (1989, "1989-02-11"), False),  # a year's digits swapped
        ((1985, None), (1997, "1997-02-11"), True),  # years apart
    ],
)
def test_geboortedatums_die_niet_een_persoon_kunnen_zijn(
    a: tuple[int, str | None], b: tuple[int, str | None], conflict: bool
) -> None:
    """Direct links included: such meldingen are two people however rare their shared name."""
    assert birth_dates_conflict(a, b) is conflict
    assert birth_dates_conflict(b, a) is conflict


def test_ontbrekende_geboortedatum_is_nooit_een_datum() -> None:
    """A frame built by pandas holds a missing date as NaN: it was read as the date ``"nan"``, and every
    melding with only a birth year then conflicted with every full date of its own person."""
    features = prepare(
        pd.DataFrame(
            [
                {"melding_id": "a", "voornamen": "Anna", "achternaam": "Bos", "geboortedatum": "1990-05-03"},
                {"melding_id": "b", "voornamen": "Anna", "achternaam": "Bos", "geboortejaar": 1990},
            ]
        )
    )
    features["gd"] = features["gd"].astype(object).where(features["gd"].notna(), float("nan"))
    assert birth_signatures(features)["b"] == (1990, None)


def test_iemand_drie_keer_gemeld_maakt_de_naam_niet_gewoon() -> None:
    """People, not records, carry a name: one person in three meldingen (one birth date) leaves nobody else with
    that name; three people with it leave two others."""
    rows = [{"voornamen": "Marasiia", "achternaam": "Savyk", "geboortedatum": d} for d in ["1996-12-26", None, None]]
    rows += [
        {"voornamen": "Olena", "achternaam": "Bondar", "geboortedatum": d}
        for d in ["1990-01-02", "1991-02-03", "1992-03-04"]
    ]
    # A hundred other people, each with their own name (normalising drops digits, so the names are letters).
    letters = ["".join(chr(ord("a") + (i // 26**k) % 26) for k in range(2)) for i in range(100)]
    rows += [{"voornamen": f"Ni{x}", "achternaam": f"Achter{x}", "geboortedatum": None} for x in letters]
    features = prepare(pd.DataFrame([{"melding_id": str(i), **r} for i, r in enumerate(rows)]))
    people = people_per_name(features)
    assert people["marasiia savyk"] == 1
    assert people["bondar olena"] == 3
    tf = name_frequencies(features).set_index("naam_sleutel")["tf_naam_sleutel"]
    n = len(features)
    assert tf["marasiia savyk"] < 1 / (n - 2)  # only the composed estimate: no other person carries it
    assert tf["bondar olena"] >= 2 / (n - 2)
