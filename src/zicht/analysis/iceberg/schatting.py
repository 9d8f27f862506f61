# SPDX-License-Identifier: EUPL-1.2
"""The iceberg estimate of one stratum: registered versus estimated, with both intervals, the model explained
in plain Dutch, sensitivity to the threshold and to the list definition, and warnings.

:func:`schat` takes capture rows, a stratum and a list definition, builds and assesses the capture table
(:mod:`~.vangst`, :mod:`~.regels`) and runs the MSE library (SparseMSE method, stepwise threshold 0.02) with a
modest seeded BCa bootstrap (default 200 replicates). The sensitivity runs (thresholds 0.01, 0.02, 0.05 and
the other list definition) use the analytic interval only.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from zicht.analysis.iceberg.lijsten import INDELINGEN, STANDAARD_INDELING, VIER_LIJSTEN, Lijstindeling, lijstnaam
from zicht.analysis.iceberg.regels import Beoordeling, Regels, beoordeel
from zicht.analysis.iceberg.rijen import valideer_rijen
from zicht.analysis.iceberg.vangst import Stratum, Vangsttabel, bouw_vangsttabel
from zicht.analysis.mse import Interval, ModelCheckError, MSEError, MSEResult, estimate, pair_label
from zicht.taal import N_, Tekst, vertaler

__all__ = [
    "Getal",
    "Gevoeligheid",
    "IJsbergSchatting",
    "Instellingen",
    "PaarUitleg",
    "getal",
    "schat",
    "schat_vangsttabel",
]

#: Default number of bootstrap replicates on the page and in the CLI (SparseMSE uses 1000).
STANDAARD_BOOTSTRAP = 200
#: Default seed of the bootstrap (SparseMSE's default), so a rerun gives the same interval.
STANDAARD_SEED = 1234


def getal(waarde: float | None, decimalen: int = 0, taal: str = "nl") -> str:
    """Number formatting of the language (Dutch ``12.345`` or ``3,4``); ``–`` for missing or infinite values.

    Args:
        waarde: The number.
        decimalen: Number of decimals.
        taal: ``nl`` or ``en``.

    Returns:
        The text.
    """
    if waarde is None or not math.isfinite(waarde):
        return "–"
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst if taal == "en" else tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@dataclass(frozen=True)
class Getal:
    """A number inside a :class:`~zicht.taal.Tekst`, formatted in the language the text is shown in."""

    waarde: float | None
    decimalen: int = 0

    def in_taal(self, taal: str) -> str:
        return getal(self.waarde, self.decimalen, taal)

    def __str__(self) -> str:
        return getal(self.waarde, self.decimalen)


@dataclass(frozen=True)
class Instellingen:
    """Parameters of an iceberg estimate.

    Attributes:
        drempel: Stepwise p-value threshold.
        bootstrap: BCa bootstrap replicates (0 = analytic interval only).
        seed: Seed of the bootstrap.
        niveaus: Interval coverages.
        drempels: Thresholds of the sensitivity analysis.
        alternatief: The other list definition of the sensitivity analysis (None: 4 lists for the default,
            otherwise the default), or ``""`` for none.
        workers: Bootstrap processes (1 = in-process).
        regels: Refusal and warning thresholds.
    """

    drempel: float = 0.02
    bootstrap: int = STANDAARD_BOOTSTRAP
    seed: int = STANDAARD_SEED
    niveaus: tuple[float, ...] = (0.95, 0.80)
    drempels: tuple[float, ...] = (0.01, 0.02, 0.05)
    alternatief: Lijstindeling | Literal[""] | None = None
    workers: int | None = 1
    regels: Regels = field(default_factory=Regels)

    def alternatieve_indeling(self, indeling: Lijstindeling) -> Lijstindeling | None:
        """The list definition to compare with."""
        if self.alternatief == "":
            return None
        if self.alternatief is not None:
            return self.alternatief
        return VIER_LIJSTEN if indeling == STANDAARD_INDELING else STANDAARD_INDELING

    def sleutel(self) -> tuple[Any, ...]:
        """A hashable key of the parameters (for caches)."""
        alt = self.alternatief.spec() if isinstance(self.alternatief, Lijstindeling) else self.alternatief
        return (self.drempel, self.bootstrap, self.seed, self.niveaus, self.drempels, alt, self.regels)


@dataclass(frozen=True)
class PaarUitleg:
    """A pair of lists in the model, explained.

    Attributes:
        paar: The two lists.
        soort: ``meer`` (overlap more than chance: positive dependence), ``minder`` (less than chance) or
            ``nooit`` (never together: parameter -inf).
        waargenomen: Persons observed on both lists.
        verwacht: Persons the model expected on both lists before the pair entered (for ``nooit``: under the
            model without the pair).
        p_waarde: Stepwise p-value when the pair entered, or None.
        poisspempty: For ``nooit``: probability of seeing nobody on both lists if the pair were not in the model.
        tekst: The explanation in plain Dutch.
    """

    paar: tuple[str, str]
    soort: Literal["meer", "minder", "nooit"]
    waargenomen: int
    verwacht: float
    p_waarde: float | None
    poisspempty: float | None
    tekst: str


@dataclass(frozen=True)
class Gevoeligheid:
    """One alternative estimate of the sensitivity analysis (analytic interval only).

    Attributes:
        soort: ``drempel`` or ``lijsten``.
        label: e.g. ``drempel 0,01`` or ``4 lijsten``.
        huidig: True for the row that equals the main estimate's setting.
        waargenomen: Observed persons.
        schatting: Estimated total, or None when refused or not estimable.
        laag: Lower analytic 95 % limit.
        hoog: Upper analytic 95 % limit.
        model: The chosen pairs (``a:b``).
        weigering: Why there is no estimate, or None.
    """

    soort: Literal["drempel", "lijsten"]
    label: str
    huidig: bool
    waargenomen: int
    schatting: float | None
    laag: float | None
    hoog: float | None
    model: tuple[str, ...]
    weigering: str | None


@dataclass(frozen=True)
class IJsbergSchatting:
    """Registered versus estimated for one stratum.

    Attributes:
        stratum: Period, form, region.
        indeling: The list definition.
        instellingen: The parameters.
        vangst: The capture table.
        beoordeling: The sparsity assessment.
        resultaat: The MSE result (None when refused).
        uitleg: The model's pairs explained.
        gevoeligheid: The sensitivity rows.
        waarschuwingen: All warnings (assessment and estimate).
        weigering: Why there is no estimate (None when there is one).
        rekentijd: Seconds spent.
    """

    stratum: Stratum
    indeling: Lijstindeling
    instellingen: Instellingen
    vangst: Vangsttabel
    beoordeling: Beoordeling
    resultaat: MSEResult | None
    uitleg: tuple[PaarUitleg, ...]
    gevoeligheid: tuple[Gevoeligheid, ...]
    waarschuwingen: tuple[str, ...]
    weigering: str | None
    rekentijd: float

    @property
    def geregistreerd(self) -> int:
        """Registered (observed, linked) persons in the stratum."""
        return self.vangst.personen

    @property
    def geschat(self) -> float | None:
        """Estimated total population, or None."""
        return None if self.resultaat is None else self.resultaat.estimate

    def interval(self, methode: str, niveau: float = 0.95) -> Interval | None:
        """An interval (``analytic`` or ``bca``), or None when absent."""
        if self.resultaat is None:
            return None
        try:
            return self.resultaat.interval(methode, niveau)
        except KeyError:
            return None

    @property
    def hoofdinterval(self) -> Interval | None:
        """The interval to report: BCa 95 % when bootstrapped, otherwise analytic 95 %."""
        return self.interval("bca") or self.interval("analytic")

    @property
    def factor(self) -> float | None:
        """Estimated total divided by the registered number."""
        if self.geschat is None or not self.geregistreerd:
            return None
        return self.geschat / self.geregistreerd

    @property
    def breedteverhouding(self) -> float | None:
        """Width of the BCa 95 % interval divided by that of the analytic 95 % interval."""
        bca, ana = self.interval("bca"), self.interval("analytic")
        if bca is None or ana is None or not ana.high > ana.low:
            return None
        return (bca.high - bca.low) / (ana.high - ana.low)

    def lezing(self) -> Tekst:
        """The one-line reading of the result (Dutch; ``_(s.lezing())`` in another language)."""
        wie = self.stratum.omschrijving()
        if self.resultaat is None:
            return Tekst(
                "{wie}: {n} personen geregistreerd; geen schatting van het werkelijke aantal ({weigering})",
                wie=wie,
                n=Getal(self.geregistreerd),
                weigering=self.weigering or "",
            )
        iv = self.hoofdinterval
        assert iv is not None
        if iv.method == "bca":
            return Tekst(
                "{wie}: {n} personen geregistreerd, naar schatting {geschat} in totaal (95%-bootstrapinterval "
                "{laag}–{hoog}), ongeveer {factor} keer zoveel.",
                wie=wie,
                n=Getal(self.geregistreerd),
                geschat=Getal(self.geschat),
                laag=Getal(iv.low),
                hoog=Getal(iv.high),
                factor=Getal(self.factor, 1),
            )
        return Tekst(
            "{wie}: {n} personen geregistreerd, naar schatting {geschat} in totaal (95%-analytisch interval "
            "{laag}–{hoog}), ongeveer {factor} keer zoveel.",
            wie=wie,
            n=Getal(self.geregistreerd),
            geschat=Getal(self.geschat),
            laag=Getal(iv.low),
            hoog=Getal(iv.high),
            factor=Getal(self.factor, 1),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation (the ``zicht mse registry --json`` document)."""
        return {
            "stratum": {
                "jaar_van": self.stratum.jaar_van,
                "jaar_tot": self.stratum.jaar_tot,
                "vorm": self.stratum.vorm,
                "regio": self.stratum.regio,
            },
            "lijstindeling": {"naam": self.indeling.naam, "spec": self.indeling.spec()},
            "lijsten": list(self.vangst.lijsten),
            "vangsttabel": [list(r) for r in self.vangst.rijen()],
            "lijst_totalen": dict(zip(self.vangst.lijsten, self.vangst.lijst_totalen, strict=True)),
            "geregistreerd": self.geregistreerd,
            "ongekoppeld": self.vangst.ongekoppeld,
            "niet_op_lijst": self.vangst.niet_op_lijst,
            "geweigerd": self.weigering is not None,
            "weigering": self.weigering,
            "weigeringsregel": self.beoordeling.regel,
            "weggelaten_lijsten": list(self.beoordeling.weggelaten),
            "waarschuwingen": list(self.waarschuwingen),
            "geschat": self.geschat,
            "factor": self.factor,
            "breedteverhouding_bca_analytisch": self.breedteverhouding,
            "lezing": self.lezing(),
            "instellingen": {
                "drempel": self.instellingen.drempel,
                "bootstrap": self.instellingen.bootstrap,
                "seed": self.instellingen.seed,
            },
            "uitleg": [
                {
                    "paar": pair_label(u.paar),
                    "soort": u.soort,
                    "waargenomen": u.waargenomen,
                    "verwacht": u.verwacht,
                    "p_waarde": u.p_waarde,
                    "tekst": u.tekst,
                }
                for u in self.uitleg
            ],
            "gevoeligheid": [
                {
                    "soort": g.soort,
                    "label": g.label,
                    "huidig": g.huidig,
                    "waargenomen": g.waargenomen,
                    "schatting": g.schatting,
                    "laag": g.laag,
                    "hoog": g.hoog,
                    "model": list(g.model),
                    "weigering": g.weigering,
                }
                for g in self.gevoeligheid
            ],
            "resultaat": None if self.resultaat is None else self.resultaat.to_dict(),
        }


def _uitleg(resultaat: MSEResult) -> tuple[PaarUitleg, ...]:
    stappen = {s.pair: s for s in resultaat.steps}
    oneindig = {p.pair: p for p in resultaat.infinite_pairs}
    out: list[PaarUitleg] = []
    for paar in resultaat.model:
        a, b = (_Lijst(naam) for naam in paar)
        stap = stappen.get(paar)
        if paar in oneindig:
            inf = oneindig[paar]
            tekst = Tekst(
                "{a} en {b} hebben niemand gemeen, terwijl het model zonder dit paar {verwacht} gezamenlijke personen "
                "verwachtte. Het model neemt daarom aan dat deze twee lijsten nooit dezelfde persoon zien (parameter "
                "−∞): alle combinaties met beide lijsten worden op nul gezet. De kans op géén overlap als de lijsten "
                "onafhankelijk waren, is {kans}.",
                a=a,
                b=b,
                verwacht=Getal(inf.expected, 1),
                kans=Getal(inf.poisspempty, 3),
            )
            out.append(
                PaarUitleg(paar, "nooit", 0, inf.expected, stap.p_value if stap else None, inf.poisspempty, tekst)
            )
            continue
        n_star = stap.n_star if stap else 0
        verwacht = stap.expected if stap else float("nan")
        meer = n_star > verwacht
        tekst = (
            Tekst(
                "{a} en {b} zien vaker dezelfde persoon dan toeval: {n} personen op beide lijsten, {verwacht} "
                "verwacht. Bijvoorbeeld doordat de een naar de ander verwijst.",
                a=a,
                b=b,
                n=Getal(n_star),
                verwacht=Getal(verwacht, 1),
            )
            if meer
            else Tekst(
                "{a} en {b} zien minder vaak dezelfde persoon dan toeval: {n} personen op beide lijsten, {verwacht} "
                "verwacht. Ze bereiken deels verschillende groepen.",
                a=a,
                b=b,
                n=Getal(n_star),
                verwacht=Getal(verwacht, 1),
            )
        )
        out.append(
            PaarUitleg(
                paar, "meer" if meer else "minder", n_star, verwacht, stap.p_value if stap else None, None, tekst
            )
        )
    return tuple(out)


def _mse(
    tabel: Any, drempel: float, bootstrap: int, seed: int, niveaus: tuple[float, ...], workers: int | None
) -> tuple[MSEResult, list[str]]:
    with warnings.catch_warnings(record=True) as gevangen:
        warnings.simplefilter("always")
        resultaat = estimate(tabel, threshold=drempel, bootstrap=bootstrap, seed=seed, levels=niveaus, workers=workers)
    return resultaat, [str(w.message) for w in gevangen]


def _analytisch(vangst: Vangsttabel, drempel: float, regels: Regels) -> tuple[MSEResult | None, str | None]:
    beoordeling = beoordeel(vangst, regels)
    if beoordeling.tabel is None:
        return None, beoordeling.weigering
    try:
        return _mse(beoordeling.tabel, drempel, 0, 0, (0.95,), 1)[0], None
    except ModelCheckError as exc:
        return None, Tekst("het model heeft geen schatting ({fout})", fout=str(exc))
    except MSEError as exc:
        return None, str(exc)


def _gevoeligheid_rij(
    soort: Literal["drempel", "lijsten"],
    label: str,
    huidig: bool,
    vangst: Vangsttabel,
    r: MSEResult | None,
    weigering: str | None,
) -> Gevoeligheid:
    iv = None if r is None else r.interval("analytic", 0.95)
    return Gevoeligheid(
        soort,
        label,
        huidig,
        vangst.personen,
        None if r is None else r.estimate,
        None if iv is None else iv.low,
        None if iv is None else iv.high,
        () if r is None else tuple(pair_label(p) for p in r.model),
        weigering,
    )


def _indeling_label(indeling: Lijstindeling) -> str:
    if indeling.naam in INDELINGEN:
        return Tekst("{n} lijsten", n=indeling.naam)
    return Tekst("eigen indeling ({n} lijsten)", n=len(indeling.namen))


def schat_vangsttabel(
    vangst: Vangsttabel,
    instellingen: Instellingen | None = None,
    alternatief: Vangsttabel | None = None,
) -> IJsbergSchatting:
    """Estimate from a capture table already built (see :func:`schat`).

    Args:
        vangst: The capture table of the stratum.
        instellingen: Parameters.
        alternatief: The same stratum under the alternative list definition, for the sensitivity analysis.

    Returns:
        The estimate (or the refusal).
    """
    inst = instellingen or Instellingen()
    begin = time.perf_counter()
    beoordeling = beoordeel(vangst, inst.regels)
    waarschuwingen = list(beoordeling.waarschuwingen)
    resultaat: MSEResult | None = None
    weigering = beoordeling.weigering
    if beoordeling.tabel is not None:
        try:
            resultaat, meldingen = _mse(
                beoordeling.tabel, inst.drempel, inst.bootstrap, inst.seed, inst.niveaus, inst.workers
            )
            waarschuwingen += [m for m in meldingen if m not in waarschuwingen]
        except ModelCheckError as exc:
            weigering = Tekst("Het gekozen model heeft geen bruikbare schatting ({fout}).", fout=str(exc))
        except MSEError as exc:
            weigering = Tekst("Geen schatting mogelijk: {fout}", fout=str(exc))
    uitleg = _uitleg(resultaat) if resultaat is not None else ()
    gevoeligheid: list[Gevoeligheid] = []
    r: MSEResult | None
    if resultaat is not None:
        for drempel in inst.drempels:
            if math.isclose(drempel, inst.drempel):
                r, reden = resultaat, None
            else:
                r, reden = _analytisch(vangst, drempel, inst.regels)
            gevoeligheid.append(
                _gevoeligheid_rij(
                    "drempel", Tekst("drempel {drempel}", drempel=Getal(drempel, 2)), r is resultaat, vangst, r, reden
                )
            )
        gevoeligheid.append(
            _gevoeligheid_rij("lijsten", _indeling_label(vangst.indeling), True, vangst, resultaat, None)
        )
        if alternatief is not None:
            r, reden = _analytisch(alternatief, inst.drempel, inst.regels)
            gevoeligheid.append(
                _gevoeligheid_rij("lijsten", _indeling_label(alternatief.indeling), False, alternatief, r, reden)
            )
        waarschuwingen += _na_schatting(resultaat, gevoeligheid, inst.regels, vangst.personen)
    return IJsbergSchatting(
        vangst.stratum,
        vangst.indeling,
        inst,
        vangst,
        beoordeling,
        resultaat,
        uitleg,
        tuple(gevoeligheid),
        tuple(waarschuwingen),
        weigering,
        time.perf_counter() - begin,
    )


def _na_schatting(r: MSEResult, gevoeligheid: list[Gevoeligheid], regels: Regels, n: int) -> list[str]:
    out: list[str] = []
    ana = r.interval("analytic", 0.95) if any(i.method == "analytic" and i.level == 0.95 for i in r.intervals) else None
    bca = r.interval("bca", 0.95) if any(i.method == "bca" and i.level == 0.95 for i in r.intervals) else None
    if ana is not None and bca is not None and ana.high > ana.low:
        verhouding = (bca.high - bca.low) / (ana.high - ana.low)
        if verhouding > regels.dominantie:
            out.append(
                Tekst(
                    "De modelkeuze domineert de onzekerheid: het bootstrapinterval (BCa) is {factor} keer zo breed als "
                    "het analytische interval, dat alleen geldt als het gekozen model juist is. Rapporteer het "
                    "BCa-interval.",
                    factor=Getal(verhouding, 1),
                )
            )
    if r.bootstrap is not None and r.bootstrap.degenerate:
        out.append(
            Tekst(
                "De bootstrap is ontaard (geen of alle replicaties onder de schatting); het BCa-interval is "
                "onbetrouwbaar."
            )
        )
    if r.bootstrap is not None and r.bootstrap.nonconverged:
        out.append(Tekst("{n} bootstrapreplicaties convergeerden niet.", n=r.bootstrap.nonconverged))
    if r.dark_number > regels.max_factor * n:
        out.append(
            Tekst(
                "Extreme extrapolatie: het dark number is meer dan {factor} keer het aantal geregistreerden. Wees zeer "
                "terughoudend met dit getal.",
                factor=Getal(regels.max_factor),
            )
        )
    for soort, naam in (("drempel", N_("de drempel van de modelkeuze")), ("lijsten", N_("de lijstindeling"))):
        rijen = [g for g in gevoeligheid if g.soort == soort and not g.huidig]
        afwijkend = [
            g for g in rijen if g.schatting is not None and abs(g.schatting - r.estimate) > regels.gevoelig * r.estimate
        ]
        if afwijkend:
            delen = [Tekst("{label}: {schatting}", label=g.label, schatting=Getal(g.schatting)) for g in afwijkend]
            keuze = Tekst(naam)
            out.append(
                Tekst(
                    "De schatting is gevoelig voor {keuze} ({afwijkend}, tegen {schatting}); de keuze bepaalt de "
                    "uitkomst met meer dan {grens}.",
                    keuze=keuze,
                    afwijkend=_Opsomming(tuple(delen)),
                    schatting=Getal(r.estimate),
                    grens=f"{regels.gevoelig:.0%}",
                )
            )
    return out


@dataclass(frozen=True)
class _Lijst:
    """A list's name inside a :class:`~zicht.taal.Tekst`, shown by its label in the language of the text."""

    naam: str

    def in_taal(self, taal: str) -> str:
        return lijstnaam(self.naam, taal)

    def __str__(self) -> str:
        return lijstnaam(self.naam)


@dataclass(frozen=True)
class _Opsomming:
    """Texts joined with commas inside a :class:`~zicht.taal.Tekst`, each in the language shown."""

    delen: tuple[Tekst, ...]

    def in_taal(self, taal: str) -> str:
        _ = vertaler(taal)
        return ", ".join(_(d) for d in self.delen)

    def __str__(self) -> str:
        return ", ".join(self.delen)


def schat(
    rijen: pd.DataFrame,
    stratum: Stratum,
    indeling: Lijstindeling | None = None,
    instellingen: Instellingen | None = None,
) -> IJsbergSchatting:
    """Registered versus estimated for one stratum, from capture rows.

    Args:
        rijen: Capture rows (:data:`~zicht.analysis.iceberg.rijen.RIJ_KOLOMMEN`).
        stratum: Period, form and region.
        indeling: The list definition (default: six lists).
        instellingen: Parameters (default: threshold 0.02, 200 bootstrap replicates, seed 1234).

    Returns:
        The estimate, or a refusal with its reason.
    """
    inst = instellingen or Instellingen()
    indeling = indeling or STANDAARD_INDELING
    rijen = valideer_rijen(rijen)
    vangst = bouw_vangsttabel(rijen, stratum, indeling)
    alt_indeling = inst.alternatieve_indeling(indeling)
    alternatief = bouw_vangsttabel(rijen, stratum, alt_indeling) if alt_indeling is not None else None
    return schat_vangsttabel(vangst, inst, alternatief)
