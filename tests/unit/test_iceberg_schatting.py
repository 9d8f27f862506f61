# SPDX-License-Identifier: EUPL-1.2
"""The sparse-stratum rules (refusals W1-W4 and warnings), the estimate against the MSE library on reference
data, the plain-Dutch explanation of the model (including -inf pairs), the exports and the cache."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from zicht.analysis.iceberg import (
    Instellingen,
    Lijstindeling,
    Rekencache,
    Stratum,
    beoordeel,
    bouw_vangsttabel,
    getal,
    lijstindeling,
    methode_markdown,
    resultaat_csv,
    schat,
    vangsttabel_csv,
)
from zicht.analysis.iceberg.schatting import _uitleg
from zicht.analysis.mse import estimate, read_capture_csv

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")
#: Kinds of reporter standing in for the lists of a reference table (list i -> kind i).
SOORTEN = ("nationale_politie", "kmar", "nla", "zorgcoordinatie", "fairwork", "coa", "jeugdzorg", "opvang")
SNEL = Instellingen(bootstrap=0)


def rijen_uit_tabel(patronen: Sequence[tuple[Sequence[int], int]], jaar: int = 2023) -> pd.DataFrame:
    """Capture rows whose persons have exactly the given patterns (list i = kind SOORTEN[i])."""
    rijen: list[tuple[str, str, int]] = []
    nummer = 0
    for patroon, aantal in patronen:
        for _ in range(aantal):
            nummer += 1
            rijen += [(f"p{nummer}", SOORTEN[i], jaar) for i, b in enumerate(patroon) if b]
    return pd.DataFrame(rijen, columns=["persoon_id", "melder_soort", "jaar"])


def indeling_voor(namen: Sequence[str]) -> Lijstindeling:
    return lijstindeling(",".join(f"{naam.lower()}={SOORTEN[i]}" for i, naam in enumerate(namen)))


def beoordeling_van(patronen: Sequence[tuple[Sequence[int], int]], namen: Sequence[str] = ("a", "b", "c")):  # type: ignore[no-untyped-def]
    vangst = bouw_vangsttabel(rijen_uit_tabel(patronen), Stratum(2023, 2023), indeling_voor(namen))
    return beoordeel(vangst)


def test_te_weinig_personen_wordt_geweigerd() -> None:
    b = beoordeling_van([((1, 0, 0), 20), ((0, 1, 0), 10), ((1, 1, 0), 9)])
    assert b.geweigerd and b.regel == "W1"
    assert "39 geregistreerd" in (b.weigering or "")
    leeg = beoordeling_van([])
    assert leeg.regel == "W1" and "geen gekoppelde personen" in (leeg.weigering or "")


def test_een_enkele_lijst_wordt_geweigerd() -> None:
    b = beoordeling_van([((1, 0, 0), 80)])
    assert b.regel == "W2"
    assert "Minder dan twee lijsten" in (b.weigering or "")


def test_geen_overlap_wordt_geweigerd() -> None:
    b = beoordeling_van([((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20)])
    assert b.regel == "W3"
    assert "twee of meer lijsten" in (b.weigering or "")


def test_te_weinig_overlap_wordt_geweigerd() -> None:
    b = beoordeling_van([((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 2), ((0, 1, 1), 2)])
    assert b.regel == "W4"
    assert "4 personen" in (b.weigering or "")


def test_lege_en_kleine_lijsten_geven_waarschuwingen() -> None:
    b = beoordeling_van(
        [((1, 0, 0, 0), 40), ((0, 1, 0, 0), 30), ((1, 1, 0, 0), 12), ((0, 0, 1, 0), 2), ((1, 0, 1, 0), 1)],
        ("a", "b", "c", "d"),
    )
    assert not b.geweigerd
    assert b.weggelaten == ("d: niemand in deze selectie",)
    assert b.tabel is not None and b.tabel.lists == ("a", "b", "c")
    assert any("Kleine lijst(en): c (3)" in w for w in b.waarschuwingen)


def test_ongekoppelde_meldingen_geven_een_waarschuwing() -> None:
    rijen = rijen_uit_tabel([((1, 0), 40), ((0, 1), 30), ((1, 1), 10)])
    los = pd.DataFrame({"persoon_id": [None] * 9, "melder_soort": ["kmar"] * 9, "jaar": [2023] * 9})
    vangst = bouw_vangsttabel(pd.concat([rijen, los]), Stratum(2023, 2023), indeling_voor(("a", "b")))
    b = beoordeel(vangst)
    assert vangst.ongekoppeld == 9
    assert any("niet aan een persoon gekoppeld" in w for w in b.waarschuwingen)
    assert any("Slechts twee lijsten" in w for w in b.waarschuwingen)


@needs_ref
@pytest.mark.parametrize("naam", ["Kosovo", "Korea", "NewOrl_5"])
def test_schatting_is_die_van_de_mse_bibliotheek(naam: str) -> None:
    tabel = read_capture_csv(REF / f"{naam}.csv")
    rijen = rijen_uit_tabel(list(zip(tabel.patterns, tabel.counts, strict=True)))
    indeling = indeling_voor([n.lower() for n in tabel.lists])
    s = schat(rijen, Stratum(2023, 2023), indeling, Instellingen(bootstrap=0, alternatief=""))
    direct = estimate(tabel)
    assert s.weigering is None and s.resultaat is not None
    assert s.geregistreerd == tabel.observed
    assert s.geschat == pytest.approx(direct.estimate, rel=1e-9)
    assert [f"{a}:{b}" for a, b in s.resultaat.model] == [f"{a.lower()}:{b.lower()}" for a, b in direct.model]
    assert s.interval("analytic", 0.95) is not None and s.interval("bca") is None
    assert [g.label for g in s.gevoeligheid] == [
        "drempel 0,01",
        "drempel 0,02",
        "drempel 0,05",
        "eigen indeling (" + str(len(tabel.lists)) + " lijsten)",
    ]
    # the sensitivity rows are the library's estimates at those thresholds
    for g, drempel in zip(s.gevoeligheid[:3], (0.01, 0.02, 0.05), strict=True):
        assert g.schatting == pytest.approx(estimate(tabel, threshold=drempel).estimate, rel=1e-9)


@needs_ref
def test_kosovo_uitleg_en_lezing() -> None:
    tabel = read_capture_csv(REF / "Kosovo.csv")
    s = schat(rijen_uit_tabel(list(zip(tabel.patterns, tabel.counts, strict=True))), Stratum(2023, 2023),
              indeling_voor([n.lower() for n in tabel.lists]), Instellingen(bootstrap=0, alternatief=""))  # fmt: skip
    eerste = s.uitleg[0]
    assert eerste.paar == ("aba", "osce") and eerste.soort == "meer"
    assert eerste.waargenomen == 457 and eerste.verwacht == pytest.approx(369.055, abs=1e-3)
    assert "vaker dezelfde persoon dan toeval: 457 personen op beide lijsten, 369,1 verwacht" in eerste.tekst
    assert s.lezing() == (
        "2023, heel Nederland: 4.400 personen geregistreerd, naar schatting 14.342 in totaal (95%-analytisch interval "
        "12.541–16.540), ongeveer 3,3 keer zoveel."
    )


@needs_ref
def test_min_oneindig_paren_worden_uitgelegd() -> None:
    resultaat = estimate(REF / "NewOrl_5.csv", method="fixed", pairs="all")
    uitleg = {f"{u.paar[0]}:{u.paar[1]}": u for u in _uitleg(resultaat)}
    assert {k for k, u in uitleg.items() if u.soort == "nooit"} == {"A:H", "C:H", "D:H"}
    assert uitleg["A:H"].poisspempty == pytest.approx(0.823, abs=5e-4)
    assert "parameter −∞" in uitleg["A:H"].tekst and "0,823" in uitleg["A:H"].tekst


def test_negatieve_afhankelijkheid_en_geweigerde_schatting() -> None:
    # politie and the ngo list overlap far less than chance
    patronen = [((1, 0, 0), 200), ((0, 1, 0), 150), ((0, 0, 1), 120), ((1, 0, 1), 40), ((0, 1, 1), 30), ((1, 1, 0), 1)]
    s = schat(rijen_uit_tabel(patronen), Stratum(2023, 2023), indeling_voor(("a", "b", "c")), SNEL)
    assert ("a", "b") in s.resultaat.model  # type: ignore[union-attr]
    ab = next(u for u in s.uitleg if u.paar == ("a", "b"))
    assert ab.soort == "minder" and "minder vaak dezelfde persoon dan toeval" in ab.tekst
    geweigerd = schat(rijen_uit_tabel([((1, 0, 0), 10)]), Stratum(2023, 2023), indeling_voor(("a", "b", "c")), SNEL)
    assert geweigerd.resultaat is None and geweigerd.weigering
    assert geweigerd.lezing().startswith("2023, heel Nederland: 10 personen geregistreerd; geen schatting")
    assert "geweigerd" in resultaat_csv(geweigerd)


def test_exports() -> None:
    patronen = [((1, 0, 0), 200), ((0, 1, 0), 150), ((0, 0, 1), 120), ((1, 0, 1), 40), ((0, 1, 1), 30), ((1, 1, 0), 20)]
    s = schat(rijen_uit_tabel(patronen), Stratum(2023, 2023, vorm=None), indeling_voor(("a", "b", "c")), SNEL)
    rijen = list(csv.DictReader(io.StringIO(resultaat_csv(s, "abc123"))))
    soorten = [r["grootheid"] for r in rijen]
    assert soorten[:3] == ["geregistreerd", "geschat_totaal", "dark_number"]
    assert rijen[0]["waarde"] == "560"
    assert float(rijen[1]["waarde"]) == pytest.approx(s.geschat, abs=1e-4)
    assert {r["gegevensstand"] for r in rijen} == {"abc123"}
    assert sum(1 for r in rijen if r["grootheid"] == "interval") == 2  # analytic 95% and 80%
    vangst = list(csv.reader(io.StringIO(vangsttabel_csv(s))))
    assert vangst[0] == ["a", "b", "c", "personen"]
    assert sum(int(r[-1]) for r in vangst[1:]) == 560
    assert read_capture_csv_text(vangsttabel_csv(s)).observed == 560
    md = methode_markdown(s, "gegevensstand x")
    assert md.startswith("# Schatting van het werkelijke aantal slachtoffers: 2023, heel Nederland\n")
    for kop in ("## Uitkomst", "## Selectie en lijsten", "## Vangsttabel", "## Model", "## Intervallen", "## Gevoeligheid",
                "## Aannames en beperkingen", "## Herkomst"):  # fmt: skip
        assert kop in md
    assert "Gegevens: gegevensstand x." in md


def read_capture_csv_text(tekst: str):  # type: ignore[no-untyped-def]
    from zicht.analysis.mse import CaptureTable

    rows = list(csv.reader(io.StringIO(tekst)))
    return CaptureTable.from_rows(rows[0][:-1], rows[1:])


def test_getal() -> None:
    assert getal(12345.6) == "12.346"
    assert getal(3.456, 1) == "3,5"
    assert getal(None) == "–" and getal(float("inf")) == "–"


def test_rekencache_rekent_eenmaal_ook_bij_gelijktijdige_vragen() -> None:
    cache: Rekencache[int] = Rekencache(maximum=2)
    tellers: list[int] = []

    def maak() -> int:
        time.sleep(0.05)
        tellers.append(1)
        return 42

    draden = [threading.Thread(target=lambda: cache.haal("k", maak)) for _ in range(5)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert len(tellers) == 1 and cache.berekeningen == 1
    cache.haal("a", lambda: 1)
    cache.haal("b", lambda: 2)
    assert "k" not in cache and len(cache) == 2

    def fout() -> int:
        raise RuntimeError("mis")

    with pytest.raises(RuntimeError):
        cache.haal("c", fout)
    assert "c" not in cache
    assert cache.haal("c", lambda: 3) == 3
