# SPDX-License-Identifier: EUPL-1.2
"""Bias and coverage of the iceberg estimate on synthetic populations of known size.

For a synthetic year (``zicht.synth``: a hidden population of known size, observed by the reporter kinds) the
capture rows of the registered persons (:func:`~.rijen.rijen_uit_populatie`, true forms, perfect linkage) go
through the same path as registry data (:func:`~.vangst.bouw_vangsttabel`, :func:`~.regels.beoordeel`,
:func:`~.schatting.schat_vangsttabel`), and the estimate is compared with the true size of the stratum
(:func:`~.rijen.populatie_omvang`).

This module takes the population as a DataFrame and does not import :mod:`zicht.synth` (the layers contract
keeps ``zicht.analysis`` and ``zicht.synth`` independent); ``benchmarks/eval_mse_synth.py`` drives the
generator, writes the per-seed results to ``docs/mse-evaluatie.csv`` and the tables into
``docs/mse-evaluatie.md``. ``tests/integration/test_iceberg_synth.py`` reruns a few seeds and checks both files.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from zicht.analysis.iceberg.lijsten import lijstindeling
from zicht.analysis.iceberg.rijen import populatie_omvang, rijen_uit_populatie
from zicht.analysis.iceberg.schatting import Instellingen, schat_vangsttabel
from zicht.analysis.iceberg.vangst import Stratum, bouw_vangsttabel

__all__ = [
    "CONTROLE_KANSEN",
    "STRATA",
    "EvalRij",
    "Samenvatting",
    "blok",
    "controlepopulatie",
    "evalueer_controle",
    "evalueer_populatie",
    "instellingen_tekst",
    "kerncijfers",
    "lees_csv",
    "markdown_samenvatting",
    "markdown_voorbeelden",
    "samenvatten",
    "schrijf_csv",
    "vervang_blok",
    "voorbeelden",
    "werk_document_bij",
]

#: Strata of the evaluation: every form together, and the three largest forms.
STRATA: tuple[str | None, ...] = (None, "seksueel", "arbeid", "crimineel")
#: The control: a homogeneous population whose lists see every person independently with these probabilities
#: (about the list sizes of synthetic 2023 divided by its hidden population), so MSE's assumptions hold.
CONTROLE_KANSEN: Mapping[str, float] = {
    "nationale_politie": 0.09,
    "kmar": 0.013,
    "nla": 0.009,
    "zorgcoordinatie": 0.08,
    "fairwork": 0.06,
    "coa": 0.012,
}
CONTROLE_OMVANG = 3906
#: The rows shown one by one in the document (and rerun by the test): these seeds of this year.
VOORBEELD_SEEDS = 2
VOORBEELD_JAAR = 2023


@dataclass(frozen=True)
class EvalRij:
    """One estimate on one synthetic population.

    Attributes:
        jaar: Synthetic year.
        seed: Generator seed.
        vorm: Form stratum (``alle`` for every form).
        lijsten: List definition (``6`` or ``4``).
        bootstrap: Bootstrap replicates (0 = analytic only).
        waar: True size of the stratum (hidden population).
        geregistreerd: Observed persons.
        geschat: Estimate ("" when refused).
        ana_laag: Analytic 95 % lower limit.
        ana_hoog: Analytic 95 % upper limit.
        bca_laag: BCa 95 % lower limit (None without bootstrap).
        bca_hoog: BCa 95 % upper limit.
        model: Chosen pairs, ``;``-separated.
        weigering: Refusal rule code, or "".
    """

    jaar: int
    seed: int
    vorm: str
    lijsten: str
    bootstrap: int
    waar: int
    geregistreerd: int
    geschat: float | None
    ana_laag: float | None
    ana_hoog: float | None
    bca_laag: float | None
    bca_hoog: float | None
    model: str
    weigering: str

    @property
    def ana_dekt(self) -> bool | None:
        """Whether the analytic 95 % interval contains the true size."""
        if self.ana_laag is None or self.ana_hoog is None:
            return None
        return self.ana_laag <= self.waar <= self.ana_hoog

    @property
    def bca_dekt(self) -> bool | None:
        """Whether the BCa 95 % interval contains the true size."""
        if self.bca_laag is None or self.bca_hoog is None:
            return None
        return self.bca_laag <= self.waar <= self.bca_hoog

    @property
    def relatieve_fout(self) -> float | None:
        """(estimate - true) / true."""
        return None if self.geschat is None else (self.geschat - self.waar) / self.waar


def evalueer_populatie(
    populatie: pd.DataFrame,
    jaar: int,
    seed: int,
    *,
    strata: Sequence[str | None] = STRATA,
    indelingen: Sequence[str] = ("6", "4"),
    bootstrap: int = 0,
    bootstrap_seed: int | None = None,
) -> list[EvalRij]:
    """Estimate every stratum of one synthetic year and compare with the truth.

    Args:
        populatie: ``SynthResult.populatie`` of one year.
        jaar: The year.
        seed: The generator seed (recorded only).
        strata: Form strata (None = every form).
        indelingen: List definitions (preset names).
        bootstrap: BCa replicates (0 = analytic only).
        bootstrap_seed: Seed of the bootstrap (default ``1000 + seed``).

    Returns:
        One row per stratum and list definition.
    """
    rijen = rijen_uit_populatie(populatie)
    inst = Instellingen(
        bootstrap=bootstrap,
        seed=1000 + seed if bootstrap_seed is None else bootstrap_seed,
        niveaus=(0.95,),
        drempels=(),
        alternatief="",
    )
    uit: list[EvalRij] = []
    for vorm in strata:
        stratum = Stratum(jaar, jaar, vorm)
        waar = populatie_omvang(populatie, jaar, jaar, vorm, None)
        for naam in indelingen:
            s = schat_vangsttabel(bouw_vangsttabel(rijen, stratum, lijstindeling(naam)), inst)
            ana, bca = s.interval("analytic"), s.interval("bca")
            uit.append(
                EvalRij(
                    jaar=jaar,
                    seed=seed,
                    vorm=vorm or "alle",
                    lijsten=naam,
                    bootstrap=bootstrap,
                    waar=waar,
                    geregistreerd=s.geregistreerd,
                    geschat=s.geschat,
                    ana_laag=None if ana is None else ana.low,
                    ana_hoog=None if ana is None else ana.high,
                    bca_laag=None if bca is None else bca.low,
                    bca_hoog=None if bca is None else bca.high,
                    model="" if s.resultaat is None else ";".join(f"{a}:{b}" for a, b in s.resultaat.model),
                    weigering=s.beoordeling.regel or ("W5" if s.weigering else ""),
                )
            )
    return uit


def controlepopulatie(
    seed: int, jaar: int = 2023, omvang: int = CONTROLE_OMVANG, kansen: Mapping[str, float] = CONTROLE_KANSEN
) -> pd.DataFrame:
    """A population in the format of ``SynthResult.populatie`` in which every list sees every person
    independently with a fixed probability (no heterogeneity, no list dependence).

    Args:
        seed: Seed of the draws.
        jaar: Year to label the persons with.
        omvang: Number of persons.
        kansen: Probability per reporter kind.

    Returns:
        The population (persoon_id, jaar, uitbuitingsvorm, plaats_delict, politie_eenheid, gezien_door).
    """
    rng = np.random.default_rng([seed, jaar, 7919])
    soorten = list(kansen)
    gezien = rng.random((omvang, len(soorten))) < np.array([kansen[s] for s in soorten])
    tekst = [";".join(s for s, g in zip(soorten, rij, strict=True) if g) for rij in gezien.tolist()]
    return pd.DataFrame(
        {
            "persoon_id": [f"C{jaar}-{i:07d}" for i in range(omvang)],
            "jaar": np.full(omvang, jaar, dtype=np.int16),
            "uitbuitingsvorm": pd.Categorical(["onbekend"] * omvang),
            "plaats_delict": pd.Categorical(["GM0344"] * omvang),
            "politie_eenheid": pd.Categorical(["Midden-Nederland"] * omvang),
            "gezien_door": pd.Categorical(tekst),
        }
    )


def evalueer_controle(seed: int, jaar: int = 2023, bootstrap: int = 0) -> list[EvalRij]:
    """Evaluate the control population (all forms, six lists); rows are labelled ``controle``.

    Args:
        seed: Seed of the population.
        jaar: Year label.
        bootstrap: BCa replicates (0 = analytic only).

    Returns:
        One row.
    """
    rijen = evalueer_populatie(
        controlepopulatie(seed, jaar), jaar, seed, strata=(None,), indelingen=("6",), bootstrap=bootstrap
    )
    return [dataclasses.replace(r, vorm="controle") for r in rijen]


_GETALLEN = ("geschat", "ana_laag", "ana_hoog", "bca_laag", "bca_hoog")
_GEHEEL = ("jaar", "seed", "bootstrap", "waar", "geregistreerd")


def schrijf_csv(rijen: Iterable[EvalRij]) -> str:
    """The rows as CSV (floats with 6 decimals, empty for missing).

    Args:
        rijen: Evaluation rows.

    Returns:
        The CSV text.
    """
    uit = io.StringIO()
    namen = [f.name for f in fields(EvalRij)]
    w = csv.DictWriter(uit, fieldnames=namen, lineterminator="\n")
    w.writeheader()
    for rij in rijen:
        waarden = asdict(rij)
        for k in _GETALLEN:
            waarden[k] = "" if waarden[k] is None else f"{waarden[k]:.6f}"
        w.writerow(waarden)
    return uit.getvalue()


def lees_csv(bron: str | Path) -> list[EvalRij]:
    """Read rows written by :func:`schrijf_csv` (a path or the CSV text itself).

    Args:
        bron: A file path or CSV text.

    Returns:
        The rows.
    """
    tekst = Path(bron).read_text(encoding="utf-8") if isinstance(bron, Path) else bron
    uit = []
    for r in csv.DictReader(io.StringIO(tekst)):
        waarden: dict[str, object] = dict(r)
        for k in _GETALLEN:
            waarden[k] = float(r[k]) if r[k] else None
        for k in _GEHEEL:
            waarden[k] = int(r[k])
        uit.append(EvalRij(**waarden))  # type: ignore[arg-type]
    return uit


@dataclass(frozen=True)
class Samenvatting:
    """Bias and coverage of one (year, stratum, list definition) over seeds.

    Attributes:
        jaar: Year.
        vorm: Stratum.
        lijsten: List definition.
        seeds: Number of populations.
        geweigerd: Populations where the estimate was refused.
        waar: Mean true size.
        geregistreerd: Mean observed.
        geschat: Mean estimate.
        bias: Mean relative error (estimate - true) / true.
        mediaan_bias: Median relative error.
        rrmse: Root mean squared relative error.
        ana_dekking: Analytic 95 % intervals containing the truth, and the number of intervals.
        bca_dekking: BCa 95 % intervals containing the truth, and the number of intervals (0 when not run).
        breedte: Mean ratio of BCa to analytic interval width (None when no BCa).
    """

    jaar: int
    vorm: str
    lijsten: str
    seeds: int
    geweigerd: int
    waar: float
    geregistreerd: float
    geschat: float
    bias: float
    mediaan_bias: float
    rrmse: float
    ana_dekking: tuple[int, int]
    bca_dekking: tuple[int, int]
    breedte: float | None


def _breedte(r: EvalRij) -> float | None:
    if r.bca_laag is None or r.bca_hoog is None or r.ana_laag is None or r.ana_hoog is None:
        return None
    if not r.ana_hoog > r.ana_laag:
        return None
    return (r.bca_hoog - r.bca_laag) / (r.ana_hoog - r.ana_laag)


def samenvatten(rijen: Iterable[EvalRij]) -> list[Samenvatting]:
    """Aggregate per (year, stratum, list definition); BCa figures from the rows with a bootstrap.

    Args:
        rijen: Evaluation rows (analytic rows have ``bootstrap == 0``; BCa rows repeat a subset of seeds).

    Returns:
        One summary per group, in first-seen order.
    """
    groepen: dict[tuple[int, str, str], list[EvalRij]] = {}
    for rij in rijen:
        groepen.setdefault((rij.jaar, rij.vorm, rij.lijsten), []).append(rij)
    uit = []
    for (jaar, vorm, lijsten), groep in groepen.items():
        analytisch = [r for r in groep if r.bootstrap == 0]
        boot = [r for r in groep if r.bootstrap > 0]
        basis = analytisch or boot
        geschat = [r for r in basis if r.geschat is not None]
        fouten = [r.relatieve_fout for r in geschat if r.relatieve_fout is not None]
        ana = [r.ana_dekt for r in basis if r.ana_dekt is not None]
        bca = [r.bca_dekt for r in boot if r.bca_dekt is not None]
        breedtes = [b for b in (_breedte(r) for r in boot) if b is not None]
        uit.append(
            Samenvatting(
                jaar=jaar,
                vorm=vorm,
                lijsten=lijsten,
                seeds=len(basis),
                geweigerd=len(basis) - len(geschat),
                waar=statistics.fmean(r.waar for r in basis),
                geregistreerd=statistics.fmean(r.geregistreerd for r in basis),
                geschat=statistics.fmean(r.geschat for r in geschat if r.geschat is not None) if geschat else math.nan,
                bias=statistics.fmean(fouten) if fouten else math.nan,
                mediaan_bias=statistics.median(fouten) if fouten else math.nan,
                rrmse=math.sqrt(statistics.fmean(f * f for f in fouten)) if fouten else math.nan,
                ana_dekking=(sum(ana), len(ana)),
                bca_dekking=(sum(bca), len(bca)),
                breedte=statistics.fmean(breedtes) if breedtes else None,
            )
        )
    return uit


def _pct(waarde: float) -> str:
    return "–" if math.isnan(waarde) else f"{100 * waarde:+.0f}%"


def _dekking(paar: tuple[int, int]) -> str:
    k, n = paar
    return "–" if n == 0 else f"{k}/{n} ({100 * k / n:.0f}%)"


def _n(waarde: float) -> str:
    return "–" if math.isnan(waarde) else f"{waarde:,.0f}"


def markdown_samenvatting(samenvattingen: Sequence[Samenvatting]) -> str:
    """The bias and coverage table in Markdown.

    Args:
        samenvattingen: From :func:`samenvatten`.

    Returns:
        The table.
    """
    kop = (
        "| year | form | lists | populations | refused | true size (mean) | registered (mean) | estimate (mean) "
        "| bias (mean) | bias (median) | rel. RMSE | coverage analytic 95% | coverage BCa 95% | width BCa / analytic |"
    )
    regels = [kop, "|" + "---|" * 14]
    regels.extend(
        f"| {s.jaar} | {s.vorm} | {s.lijsten} | {s.seeds} | {s.geweigerd} | {_n(s.waar)} | {_n(s.geregistreerd)} | "
        f"{_n(s.geschat)} | {_pct(s.bias)} | {_pct(s.mediaan_bias)} | "
        f"{'–' if math.isnan(s.rrmse) else f'{100 * s.rrmse:.0f}%'} | {_dekking(s.ana_dekking)} | "
        f"{_dekking(s.bca_dekking)} | {'–' if s.breedte is None else f'{s.breedte:.1f}'} |"
        for s in samenvattingen
    )
    return "\n".join(regels)


def _f(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:,.1f}"


def markdown_voorbeelden(rijen: Iterable[EvalRij]) -> str:
    """Per-seed rows in Markdown (the rows a test reruns).

    Args:
        rijen: Evaluation rows.

    Returns:
        The table.
    """
    regels = [
        "| year | seed | form | lists | bootstrap | true size | registered | estimate | analytic 95% | BCa 95% | model |",
        "|" + "---|" * 11,
    ]
    for r in rijen:
        bca = "–" if r.bca_laag is None else f"{_f(r.bca_laag)} – {_f(r.bca_hoog)}"
        ana = "–" if r.ana_laag is None else f"{_f(r.ana_laag)} – {_f(r.ana_hoog)}"
        geschat = _f(r.geschat) if r.geschat is not None else f"refused ({r.weigering})"
        model = r.model.replace(";", ", ") or "–"
        regels.append(
            f"| {r.jaar} | {r.seed} | {r.vorm} | {r.lijsten} | {r.bootstrap} | {r.waar:,} | {r.geregistreerd:,} | "
            f"{geschat} | {ana} | {bca} | {model} |"
        )
    return "\n".join(regels)


def vervang_blok(document: str, naam: str, inhoud: str) -> str:
    """Replace the generated block ``<!-- begin:naam -->`` ... ``<!-- end:naam -->`` in a document.

    Args:
        document: The document text.
        naam: Block name.
        inhoud: The new content.

    Returns:
        The new document text.

    Raises:
        ValueError: If the block markers are missing.
    """
    patroon = re.compile(rf"(<!-- begin:{re.escape(naam)} -->\n).*?(\n<!-- end:{re.escape(naam)} -->)", re.S)
    if not patroon.search(document):
        raise ValueError(f"block {naam!r} not found")
    return patroon.sub(lambda m: m.group(1) + inhoud + m.group(2), document)


def blok(document: str, naam: str) -> str:
    """The content of a generated block (see :func:`vervang_blok`).

    Args:
        document: The document text.
        naam: Block name.

    Returns:
        The block's content.

    Raises:
        ValueError: If the block markers are missing.
    """
    match = re.search(rf"<!-- begin:{re.escape(naam)} -->\n(.*?)\n<!-- end:{re.escape(naam)} -->", document, re.S)
    if not match:
        raise ValueError(f"block {naam!r} not found")
    return match.group(1)


def voorbeelden(rijen: Iterable[EvalRij], seeds: int = VOORBEELD_SEEDS, jaar: int = VOORBEELD_JAAR) -> list[EvalRij]:
    """The rows shown one by one in the document: the first ``seeds`` seeds of ``jaar``.

    Args:
        rijen: Evaluation rows.
        seeds: Number of seeds.
        jaar: The year.

    Returns:
        The rows, in their original order.
    """
    return [r for r in rijen if r.jaar == jaar and r.seed <= seeds]


def instellingen_tekst(rijen: Sequence[EvalRij]) -> str:
    """The generated sentence describing the run (years, seeds, bootstrap).

    Args:
        rijen: Evaluation rows.

    Returns:
        One sentence.
    """
    jaren = sorted({r.jaar for r in rijen})
    seeds = max(r.seed for r in rijen)
    bca = [r for r in rijen if r.bootstrap > 0]
    bca_seeds = max((r.seed for r in bca), default=0)
    nboot = max((r.bootstrap for r in bca), default=0)
    lijsten = sorted({r.lijsten for r in rijen if r.bootstrap == 0}, reverse=True)
    return (
        f"Years {', '.join(map(str, jaren))}; seeds 1–{seeds} per year (analytic interval, {' and '.join(lijsten)} "
        f"lists); BCa with {nboot} bootstrap replicates (bootstrap seed 1000 + generator seed) for seeds 1–{bca_seeds}, "
        "6 lists; stepwise threshold 0.02; refusal rules at their defaults."
    )


def kerncijfers(rijen: Sequence[EvalRij]) -> str:
    """Generated key sentences for six lists (so the prose holds no hand-typed numbers).

    Args:
        rijen: Evaluation rows.

    Returns:
        A Markdown bullet list.
    """
    regels = []
    for s in samenvatten(rijen):
        if s.lijsten != "6":
            continue
        k, n = s.ana_dekking
        kb, nb = s.bca_dekking
        regels.append(
            f"- {s.jaar}, {s.vorm}: mean estimate {_n(s.geschat)} against a true size of {_n(s.waar)} "
            f"({_pct(s.bias)}); the analytic 95% interval contains the true size in {k} of {n} populations, the BCa "
            f"interval in {kb} of {nb}."
        )
    return "\n".join(regels)


def werk_document_bij(document: str, rijen: Sequence[EvalRij]) -> str:
    """Regenerate every block of ``docs/mse-evaluatie.md`` from the evaluation rows.

    Args:
        document: The document text.
        rijen: Evaluation rows (as in ``docs/mse-evaluatie.csv``).

    Returns:
        The updated document.
    """
    document = vervang_blok(document, "instellingen", instellingen_tekst(rijen))
    document = vervang_blok(document, "samenvatting", markdown_samenvatting(samenvatten(rijen)))
    document = vervang_blok(document, "kerncijfers", kerncijfers(rijen))
    return vervang_blok(document, "voorbeelden", markdown_voorbeelden(voorbeelden(rijen)))
