# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: F811  (tests take the imported ``register`` fixture as a parameter)
"""Publicaties (docs/adr/0006): protected figures show a frozen vintage, so one new melding changes no
published table; a publicatie follows once enough meldingen arrived (or by hand), and labels carry no exact
registry counts. The publication grid: protected figures per calendar year only."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.test_stat_registry import _env, _invoer, register  # noqa: F401  (the registry fixture)
from tests.unit.test_stat_reference import REF, M
from zicht.analysis import NietBeschikbaar, Periode, Statistiekdienst, Tabelsoort, Uitsplitsing, Verzoek
from zicht.analysis.publicaties import Publicatieregel, huidige_publicatie
from zicht.cli import main
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.vault import Vault
from zicht.reference import Gebiedsniveau
from zicht.storage import transaction
from zicht.storage.tables import Organisatie, Publicatie

BELEID = DisclosurePolicy()
JAAR = Periode.jaar(2023)


def _voeg_toe(sessions: sessionmaker[Session], vault: Vault, ms: list[M], prefix: str) -> None:
    with transaction(sessions) as s:
        org = s.scalars(select(Organisatie).where(Organisatie.code == "politie")).one()
        invoer = [_invoer(replace(m, datum=JAAR.begin), f"{prefix}{i}") for i, m in enumerate(ms)]
        bewaar_meldingen(s, vault, org, invoer, bron="api", actor=logboek.SYSTEEM)


def _verzoeken() -> list[Verzoek]:
    return [
        Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.gemeente),
        Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.veiligheidsregio),
        Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.veiligheidsregio, "VR09", Uitsplitsing.geslacht),
    ]


def test_een_nieuwe_melding_verandert_geen_beschermde_tabel(
    engine: Engine, sessions: sessionmaker[Session], vault: Vault, register: list[M]
) -> None:
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID, Publicatieregel(min_meldingen=5, min_uren=0))
    voor = [dienst.statistiek(v, rol="gemeente") for v in _verzoeken()]
    analist_voor = dienst.statistiek(_verzoeken()[0], rol="analist")
    stand = huidige_publicatie(engine)
    assert stand is not None and stand.reden == "eerste" and stand.nieuwe_meldingen == 0

    _voeg_toe(sessions, vault, register[:1], "EEN")
    dienst.ververs()
    assert [dienst.statistiek(v, rol="gemeente") for v in _verzoeken()] == voor  # byte for byte the same
    assert dienst.statistiek(_verzoeken()[0], rol="analist") != analist_voor  # the analyst sees it at once
    stand = huidige_publicatie(engine)
    assert stand is not None and stand.nieuwe_meldingen == 1

    _voeg_toe(sessions, vault, register[1:5], "VIER")  # five since the publicatie: a new one is due
    dienst.ververs()
    stand = huidige_publicatie(engine)
    assert stand is not None and stand.reden == "automatisch" and stand.nieuwe_meldingen == 0
    na = dienst.statistiek(_verzoeken()[1], rol="gemeente")
    assert na.meta.vintage != voor[1].meta.vintage


def test_publicatie_wacht_ook_op_de_tijd(
    engine: Engine, sessions: sessionmaker[Session], vault: Vault, register: list[M]
) -> None:
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID, Publicatieregel(min_meldingen=1, min_uren=24))
    eerste = dienst.statistiek(_verzoeken()[0], rol="gemeente")
    _voeg_toe(sessions, vault, register[:20], "TWINTIG")
    dienst.ververs()
    assert dienst.statistiek(_verzoeken()[0], rol="gemeente") == eerste  # within 24 hours: no new publicatie
    dienst.publiceer(door="test")  # by hand: at once
    assert dienst.statistiek(_verzoeken()[0], rol="gemeente").meta.vintage != eerste.meta.vintage
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Publicatie)) == 2


def test_beschermde_labels_noemen_geen_aantal_uit_het_register(engine: Engine, register: list[M]) -> None:
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID)
    beschermd = dienst.statistiek(_verzoeken()[0], rol="gemeente")
    exact = dienst.statistiek(_verzoeken()[0], rol="analist")
    n = len(register)
    for taal in ("nl", "en"):
        tekst = json.dumps(dienst.statistiek(replace(_verzoeken()[0], taal=taal), rol="gemeente").as_dict())
        assert not re.search(rf"\b{n}\b", tekst), "the number of meldingen in the registry is in a protected table"
    assert beschermd.meta.vintage_label.startswith("publicatie van ")
    assert f"{n} meldingen" in exact.meta.vintage_label  # the analyst's label states the registry count
    assert beschermd.meta.koppelingsgraad is None or round(beschermd.meta.koppelingsgraad, 2) == (
        beschermd.meta.koppelingsgraad
    )


@pytest.mark.parametrize("periode", ["2023-Q2", "2022-2023"])
def test_beschermde_cijfers_alleen_per_kalenderjaar(engine: Engine, register: list[M], periode: str) -> None:
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID)
    verzoek = Verzoek(Tabelsoort.overzicht, Periode.parse(periode), Gebiedsniveau.veiligheidsregio)
    with pytest.raises(NietBeschikbaar, match="per kalenderjaar"):
        dienst.statistiek(verzoek, rol="gemeente")
    assert dienst.statistiek(verzoek, rol="analist").rijen  # analysts keep every period


def test_zonder_groep_is_een_bereik_geen_aantal(engine: Engine, register: list[M]) -> None:
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID)
    verzoek = Verzoek(
        Tabelsoort.met_zonder, JAAR, Gebiedsniveau.nederland, "NL", Uitsplitsing.geslacht, categorie="vrouw"
    )
    tabel = dienst.statistiek(verzoek, rol="gemeente")
    zonder = next(r for r in tabel.rijen if r[0].tekst.startswith("zonder"))
    for cel in zonder[1:3]:
        assert cel.getal is None and cel.markering.value in ("niet_beschikbaar", "onderdrukt"), cel
        assert cel.tekst == "x" or "–" in cel.tekst or cel.tekst.startswith("≥"), cel
    exact = dienst.statistiek(verzoek, rol="analist")
    assert next(r for r in exact.rijen if r[0].tekst.startswith("zonder"))[2].getal is not None


def test_zicht_publiceer(
    engine: Engine, register: list[M], environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    env = _env(environ, engine)
    assert main(["publiceer", "--toon", "--json"], env) == 0
    assert json.loads(capsys.readouterr().out) == {"publicatie": None}
    assert main(["publiceer", "--json"], env) == 0
    uit = json.loads(capsys.readouterr().out)
    assert uit["reden"] == "handmatig" and uit["nieuwe_meldingen"] == 0
    assert main(["publiceer"], env) == 0
    assert "publicatie" in capsys.readouterr().out


def test_opwarmen_berekent_wat_elk_dashboard_nodig_heeft(engine: Engine, register: list[M]) -> None:
    from zicht.analysis import beveiliging
    from zicht.analysis.dashboard import maak_dashboard, warm_op

    beveiliging.leeg_cache()
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID)
    extract = dienst.extract(beveiligd=True)
    assert extract.jaren is not None
    warm_op(extract, BELEID)
    berekend = len(beveiliging._CACHE._data)
    assert berekend > 10
    # another gemeente's dashboard of the newest year: every protected family comes from the cache
    maak_dashboard(dienst, Gebiedsniveau.gemeente, "GM0344", Periode.jaar(extract.jaren[1]), rol="gemeente")
    assert len(beveiliging._CACHE._data) == berekend


def test_beschermde_families_op_schijf_voor_het_volgende_proces(
    engine: Engine, register: list[M], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zicht.analysis import beveiliging

    beveiliging.leeg_cache()
    map = tmp_path / "cache"
    dienst = Statistiekdienst.uit_registratie(engine, REF, BELEID, cache_map=map)
    try:
        eerst = [dienst.statistiek(v, rol="gemeente") for v in _verzoeken()]
        bestanden = list(map.glob("*.json"))
        assert bestanden
        for pad in bestanden:  # published cells only: rounded values and markers, never a true count
            for *_, waarde, tekst, status in json.loads(pad.read_text())["c"]:
                assert waarde is None or waarde == 0 or (waarde >= 10 and waarde % 5 == 0), (pad, waarde)
                assert status != "getoond" or tekst.replace(".", "").isdigit()
        with beveiliging._CACHE._lock:
            beveiliging._CACHE._data.clear()  # a new process: nothing in memory, the files remain
        opnieuw = Statistiekdienst.uit_registratie(engine, REF, BELEID, cache_map=map)

        def niet_opnieuw(*args: object, **kwargs: object) -> None:
            raise AssertionError("protected again although the family is on disk")

        monkeypatch.setattr(beveiliging, "protect_release", niet_opnieuw)
        assert [opnieuw.statistiek(v, rol="gemeente") for v in _verzoeken()] == eerst
    finally:
        beveiliging.leeg_cache()
