# SPDX-License-Identifier: EUPL-1.2
"""Property: whatever the validator accepts, the database accepts (issue 15).

A birth date of 1901 on a melding of 2023 once passed validation and then broke ``ck_melding_leeftijd`` inside
the import's chunk writer. This test looks for every gap of that kind. It draws raw meldingen column by column
from valid values and hostile ones (huge and non-finite numbers, far past and future dates, 1901 birth dates,
long strings, control characters, lone surrogates, other scripts, lists where one value is expected, routes of
thousands of steps) and asserts:

* the validator never raises; a rejection names a known column and a reason in Dutch and English, and never
  repeats the value of an identifying column;
* a melding it accepts is stored through the normal write path (:func:`zicht.intake.store.bewaar_meldingen`:
  encryption, pseudonyms, content hash, the bulk insert that imports use) and reads back as validated,

on SQLite and on the throwaway PostgreSQL (whose column types and checks are the stricter ones).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ
from tests.integration.import_helpers import ACTOR
from zicht.codebook import codelijst
from zicht.config import load_settings
from zicht.domain import MeldingInvoer
from zicht.intake.columns import IDENTIFICERENDE_KOLOMMEN, KOLOM_NAMEN
from zicht.intake.store import bewaar_meldingen
from zicht.intake.validate import REDACTED, Validator
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import make_engine, session_factory, transaction, upgrade
from zicht.storage.tables import Identiteit, Melding, Organisatie, RouteGebeurtenis

VANDAAG = date(2025, 6, 30)
_teller = itertools.count()
HELE_RIJ = ""


@dataclass
class Register:
    sessions: sessionmaker[Session]
    vault: Vault
    reference: Referentiedata


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def register(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, reference: Referentiedata
) -> Iterator[Register]:
    tmp: Path = tmp_path_factory.mktemp("validatie")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'zicht.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_server").create_database())
    engine = make_engine(url)
    upgrade(engine)
    yield Register(session_factory(engine), Vault.from_settings(load_settings(test_environ(tmp))), reference)
    engine.dispose()


# ---- strategies -----------------------------------------------------------------------------------------


def _codes(lijst: str) -> list[str]:
    c = codelijst(lijst)
    return sorted({w for code in c.codes for w in (code.code, code.nl, code.en)})


VIJANDIGE_TEKENS = ["\x00", "\x07", "\x1b", "\x7f", "\t", "\n", "\r", "\u2028", "\u202e", "\ufeff", "\ufffd"]
VIJANDIGE_TEKENS += ["\U0001f600", "ß", "ı", "Ǆ", "ﬃ", "١", "中", "é", "\u0301"]
VIJANDIGE_TEKENS += ["\ud800", "\udfff", "\ud83d"] * 3  # lone surrogates: JSON allows them, UTF-8 does not
tekst = st.one_of(
    st.builds(
        lambda a, b, c: a + b + c,
        st.text("abcXYZ019 -", max_size=8),
        st.sampled_from(VIJANDIGE_TEKENS),
        st.text("ab ", max_size=3),
    ),
    st.text(st.sampled_from(VIJANDIGE_TEKENS) | st.characters(), max_size=40),
)
lange_tekst = st.builds(
    lambda n, c: c * n,
    st.sampled_from([99, 100, 101, 200, 201, 5000, 5001, 12_000]),
    st.sampled_from(["a", "é", "\U0001f600", " "]),
)
getal = st.one_of(
    st.integers(-(2**64), 2**64),
    st.sampled_from([10**30, -(10**30), 10**400, 2**63, 2**15, 32768, -1, 0, 120, 121]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -0.0, 0.5, 1901.0, 1e-320]),
)
datum = st.dates()  # 0001-01-01 up to 9999-12-31
datumtekst = st.one_of(
    datum.map(date.isoformat),
    datum.map(lambda d: d.strftime("%d-%m-%Y")),
    st.sampled_from(["1901-01-01", "1901-12-31", "0001-01-01", "9999-12-31", "2023-02-29", "1899-12-31", "31-12-1901"]),
)
datumwaarde = st.one_of(
    datum, datumtekst, st.datetimes().map(lambda d: d), st.sampled_from(["1901", "1900", 1901, 1899])
)
vijandig = st.one_of(st.none(), tekst, lange_tekst, getal, datumwaarde, st.lists(tekst | getal, max_size=4))


def _code_of_vijandig(lijst: str) -> st.SearchStrategy[Any]:
    code = st.sampled_from(_codes(lijst))
    return st.one_of(code, st.lists(code, max_size=4).map(";".join), st.lists(code, max_size=4), vijandig)


def _plaats(reference: Referentiedata) -> st.SearchStrategy[Any]:
    gemeenten = sorted(reference.gemeenten)[:80]
    namen = [reference.gemeenten[c].naam for c in gemeenten]
    return st.one_of(st.sampled_from([*gemeenten, *namen, "PL", "Roemenië", "NL", "onbekend", "XK", "ZZ"]), vijandig)


def _route(reference: Referentiedata) -> st.SearchStrategy[Any]:
    soort = st.sampled_from(["werving", "transit", "uitbuiting", "doorreis", "onbekend", "vissen"])
    plaats = st.sampled_from([*sorted(reference.gemeenten)[:20], "PL", "NG", "onbekend", "NL"])
    stap = st.builds(lambda s, p, d: f"{s}:{p}:{d}" if d else f"{s}:{p}", soort, plaats, st.none() | datumtekst)
    lang = st.integers(30_000, 33_000).map(lambda n: ";".join(["uitbuiting:GM0344"] * n))
    return st.one_of(st.lists(stap, max_size=5).map(";".join), st.lists(stap, max_size=5), lang, vijandig)


def strategieen(reference: Referentiedata) -> dict[str, st.SearchStrategy[Any]]:
    per_kolom: dict[str, st.SearchStrategy[Any]] = {
        "melder_referentie": st.one_of(tekst, lange_tekst, getal),
        "melddatum": st.one_of(st.dates(date(1985, 1, 1), date(2030, 12, 31)), datumwaarde),
        "plaats_delict": _plaats(reference),
        "wervingsplaats": _plaats(reference),
        "uitbuiting_van": datumwaarde,
        "uitbuiting_tot": datumwaarde,
        "geboortedatum": st.one_of(st.dates(date(1880, 1, 1), date(2030, 1, 1)), datumwaarde, getal),
        "leeftijd": st.one_of(getal, tekst, st.integers(-5, 200).map(str)),
        "nationaliteit": _code_of_vijandig("land"),
        "route": _route(reference),
    }
    for kolom in ("uitbuitingsvorm", "sector", "werkwijze", "geslacht", "dossiertype", "status", "grondslag"):
        per_kolom[kolom] = _code_of_vijandig(kolom)
    per_kolom["toestemming"] = _code_of_vijandig("toestemming")
    for kolom in ("voornamen", "achternaam", "documentnummer", "telefoonnummer", "toelichting"):
        per_kolom[kolom] = st.one_of(tekst, lange_tekst, st.lists(tekst, max_size=4), getal)
    per_kolom["telefoonnummer"] = per_kolom["telefoonnummer"] | st.sampled_from(["06-12345678", "+31 6 1234 5678"])
    assert set(per_kolom) == set(KOLOM_NAMEN), "every column of a melding has a strategy"
    return per_kolom


BASIS: dict[str, Any] = {
    "melder_referentie": "REF-1",
    "melddatum": "2023-05-01",
    "uitbuitingsvorm": "arbeid",
    "plaats_delict": "GM0344",
    "geslacht": "vrouw",
    "geboortedatum": "1990-05-17",
    "voornamen": "Anna",
    "achternaam": "Jansen",
}


def ruwe_melding(per_kolom: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid melding with some of its columns replaced by drawn (often hostile) values."""

    @st.composite
    def trek(draw: st.DrawFn) -> dict[str, Any]:
        rij = dict(BASIS)
        for kolom in draw(st.lists(st.sampled_from(KOLOM_NAMEN), min_size=1, max_size=4, unique=True)):
            rij[kolom] = draw(per_kolom[kolom])
        return rij

    return trek()


# ---- the property ---------------------------------------------------------------------------------------


def _controleer_afwijzing(fouten: list[Any], rij: dict[str, Any]) -> None:
    assert fouten, "a rejection lists its problems"
    for fout in fouten:
        assert fout.kolom in KOLOM_NAMEN or fout.kolom == HELE_RIJ, fout
        assert fout.code and fout.reden_nl and fout.reden_en, fout
        if fout.kolom in IDENTIFICERENDE_KOLOMMEN:
            assert fout.waarde in (None, REDACTED), fout


def _bewaar(register: Register, invoer: MeldingInvoer) -> None:
    code = f"org-{next(_teller)}"
    with transaction(register.sessions) as s:
        org = Organisatie(code=code, naam=code, soort="nationale_politie", regio="Midden-Nederland")
        s.add(org)
        s.flush()
        res = bewaar_meldingen(s, register.vault, org, [invoer], bron="upload", actor=ACTOR)
    assert len(res.opgeslagen) == 1
    with transaction(register.sessions) as s:
        melding = s.get(Melding, res.opgeslagen[0])
        assert melding is not None
        assert (melding.melder_referentie, melding.melddatum) == (invoer.melder_referentie, invoer.melddatum)
        assert (melding.geboortejaar, melding.leeftijd_bij_melding) == (
            invoer.geboortejaar,
            invoer.leeftijd_bij_melding,
        )
        assert (melding.uitbuiting_van, melding.uitbuiting_tot) == (invoer.uitbuiting_van, invoer.uitbuiting_tot)
        stappen = s.scalars(select(RouteGebeurtenis.datum).where(RouteGebeurtenis.melding_id == melding.id)).all()
        assert len(stappen) == len(invoer.route)
        identiteit = s.get(Identiteit, melding.id)
        if not invoer.identiteit.is_leeg():
            assert identiteit is not None
            assert (
                register.vault.decrypt(melding.id, identiteit.sleutel_id, identiteit.versleuteld) == invoer.identiteit
            )


@pytest.mark.slow
def test_wat_de_validator_accepteert_slaat_de_database_op(register: Register) -> None:
    per_kolom = strategieen(register.reference)
    validator = Validator(register.reference, "nationale_politie", VANDAAG)
    geaccepteerd = 0

    @settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(rij=ruwe_melding(per_kolom))
    @example(rij={**BASIS, "geboortedatum": "1901-03-01"})  # the case that broke ck_melding_leeftijd
    @example(rij={**BASIS, "route": ";".join(["uitbuiting:GM0344"] * 33_000)})  # smallint on PostgreSQL
    @example(rij={**BASIS, "achternaam": "Jan\ud800sen"})  # a lone surrogate, as JSON can send it
    def eigenschap(rij: dict[str, Any]) -> None:
        nonlocal geaccepteerd
        uitkomst = validator.validate(rij)
        if isinstance(uitkomst, list):
            _controleer_afwijzing(uitkomst, rij)
            return
        geaccepteerd += 1
        _bewaar(register, uitkomst)

    eigenschap()
    print(f"{geaccepteerd} meldingen accepted and stored")
    assert geaccepteerd >= 30, "the strategies must let a fair share of meldingen through to the database"


@pytest.mark.parametrize(
    ("kolom", "waarde"),
    [
        ("geboortedatum", "1901-03-01"),  # the original case: age 122 at a melding of 2023
        ("geboortedatum", 1901),
        ("geboortedatum", datetime(1901, 3, 1)),
        ("leeftijd", 10**400),
        ("leeftijd", math.nan),
        ("route", ";".join(["uitbuiting:GM0344"] * 40_000)),
        ("achternaam", "Jan\ud800sen"),
        ("toelichting", "regel\udfff"),
        ("documentnummer", ["NX\ud83d1"]),
        ("melder_referentie", "R\ud800"),
        ("leeftijd", lambda: 10**5000),  # built in the test: pytest cannot print it
        ("melder_referentie", lambda: 10**5000),
    ],
)
def test_bekende_gaten_worden_door_de_validator_afgewezen(register: Register, kolom: str, waarde: object) -> None:
    rij = {**BASIS, kolom: waarde() if callable(waarde) else waarde}
    uitkomst = Validator(register.reference, "nationale_politie", VANDAAG).validate(rij)
    assert isinstance(uitkomst, list), f"{kolom} was accepted"
    assert {f.kolom for f in uitkomst} <= {kolom, "geboortedatum", "leeftijd"}
    if kolom != "geboortedatum":
        assert [f.kolom for f in uitkomst] == [kolom], "reported once, in its own column"
    _controleer_afwijzing(uitkomst, rij)
