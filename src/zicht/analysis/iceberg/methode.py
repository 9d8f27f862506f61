# SPDX-License-Identifier: EUPL-1.2
"""Exports of an iceberg estimate: the result table and the capture table as CSV, and the method text.

The method text is built once as structured sections (:class:`Sectie`) so that the Markdown download and the
HTML page show the same words. CSV files are UTF-8, comma-separated, with a decimal point (machine-readable);
the page shows Dutch number formatting.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from zicht.analysis.iceberg.schatting import IJsbergSchatting, getal
from zicht.analysis.mse import pair_label

__all__ = [
    "Sectie",
    "Tabel",
    "methode_markdown",
    "methode_secties",
    "resultaat_csv",
    "resultaattabel",
    "vangsttabel_csv",
]


@dataclass(frozen=True)
class Tabel:
    """A small table: column headers and rows of text."""

    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Sectie:
    """A section of the method text: a title, paragraphs, an optional bullet list and an optional table."""

    titel: str
    alineas: tuple[str, ...] = ()
    punten: tuple[str, ...] = ()
    tabel: Tabel | None = None


def _zicht_versie() -> str:
    try:
        return version("zicht")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "onbekend"


def _iv(s: IJsbergSchatting, methode: str, niveau: float) -> str:
    iv = s.interval(methode, niveau)
    return "–" if iv is None else f"{getal(iv.low)} – {getal(iv.high)}"


def resultaattabel(s: IJsbergSchatting) -> Tabel:
    """The data table next to the chart: registered, estimated, dark number, intervals."""
    rijen: list[tuple[str, ...]] = [("Geregistreerd (gekoppelde personen)", getal(s.geregistreerd))]
    if s.resultaat is not None:
        r = s.resultaat
        rijen += [
            ("Geschat totaal", getal(r.estimate)),
            ("Dark number (niet geregistreerd)", getal(r.dark_number)),
            ("Factor geschat / geregistreerd", getal(s.factor, 1)),
        ]
        for methode, naam in (("bca", "Bootstrapinterval (BCa)"), ("analytic", "Analytisch interval")):
            for niveau in s.instellingen.niveaus:
                if s.interval(methode, niveau) is not None:
                    rijen.append((f"{naam} {niveau:.0%}", _iv(s, methode, niveau)))
    return Tabel(("Grootheid", "Waarde"), tuple(rijen))


def _vangst_tabel(s: IJsbergSchatting) -> Tabel:
    lijsten = s.vangst.lijsten
    rijen: list[tuple[str, ...]] = [
        (" + ".join(n for n, b in zip(lijsten, p, strict=True) if b), *("ja" if b else "–" for b in p), getal(n))
        for p, n in s.vangst.patronen
    ]
    rijen.append(("Totaal per lijst", *(getal(t) for t in s.vangst.lijst_totalen), getal(s.geregistreerd)))
    return Tabel(("Lijsten", *lijsten, "Personen"), tuple(rijen))


def _gevoeligheid_tabel(s: IJsbergSchatting) -> Tabel:
    rijen = [
        (
            g.label + (" (deze schatting)" if g.huidig else ""),
            ", ".join(g.model) or "geen paren",
            getal(g.waargenomen),
            getal(g.schatting) if g.schatting is not None else (g.weigering or "–"),
            f"{getal(g.laag)} – {getal(g.hoog)}" if g.schatting is not None else "–",
        )
        for g in s.gevoeligheid
    ]
    return Tabel(("Variant", "Model", "Geregistreerd", "Geschat", "Analytisch 95%"), tuple(rijen))


def methode_secties(s: IJsbergSchatting, gegevensstand: str = "") -> list[Sectie]:
    """The method text (Dutch) of an estimate, as sections.

    Args:
        s: The estimate.
        gegevensstand: Label of the data vintage (e.g. ``gegevensstand 3fa91c0e2b7d (...)``).

    Returns:
        The sections in reading order.
    """
    inst = s.instellingen
    secties = [Sectie("Uitkomst", (s.lezing(),), tabel=resultaattabel(s))]
    selectie = [
        f"Selectie: {s.stratum.omschrijving()}. Lijstindeling {s.indeling.naam}: {s.indeling.omschrijving()}.",
        "Een persoon is een groep meldingen die de koppeling aan één slachtoffer toeschrijft. Een persoon hoort bij "
        "de periode van zijn of haar eerste melding en staat op een lijst als een melder van die lijst de persoon in "
        "de periode meldde. Uitbuitingsvorm en regio (politie-eenheid van de plaats delict) zijn die van de eerste "
        "melding in de periode waarop ze bekend zijn. Meldingen met status 'geen slachtoffer' tellen niet mee.",
    ]
    if s.vangst.ongekoppeld:
        selectie.append(
            f"{getal(s.vangst.ongekoppeld)} meldingen in deze selectie zijn niet aan een persoon gekoppeld en tellen niet mee."
        )
    secties.append(Sectie("Selectie en lijsten", tuple(selectie)))
    if s.vangst.patronen:
        secties.append(
            Sectie(
                "Vangsttabel",
                ("Aantal personen per combinatie van lijsten waarop ze staan (ja = op de lijst).",),
                tabel=_vangst_tabel(s),
            )
        )
    if s.resultaat is None:
        secties.append(Sectie("Geen schatting", (s.weigering or "",)))
    else:
        r = s.resultaat
        paren = ", ".join(pair_label(p) for p in r.model)
        if len(r.model) == 1:
            model = f"Het model bevat één paar lijsten dat van elkaar afhangt: {paren}."
        elif r.model:
            model = f"Het model bevat {len(r.model)} paren lijsten die van elkaar afhangen: {paren}."
        else:
            model = (
                "Het model bevat geen afhankelijkheden tussen lijsten: geen enkel paar overlapt duidelijk meer of "
                "minder dan toeval (alleen hoofdeffecten)."
            )
        oneindig = (
            (
                "Een paar met −∞ betekent: de twee lijsten hebben niemand gemeen en het model neemt aan dat ze nooit "
                "dezelfde persoon zien. Dat kan kloppen (ze werken met verschillende groepen), maar het kan bij kleine "
                "lijsten ook toeval zijn.",
            )
            if r.infinite_pairs
            else ()
        )
        secties.append(
            Sectie(
                "Model",
                (
                    "De schatting volgt de methode van het R-pakket SparseMSE (Chan, Silverman & Vincent, 2021): een "
                    "log-lineair Poissonmodel met een hoofdeffect per lijst en gekozen afhankelijkheden tussen twee "
                    f"lijsten. Paren worden stapsgewijs toegevoegd zolang hun overlap verrassend is (p < "
                    f"{getal(inst.drempel, 2)}).",
                    model,
                    *oneindig,
                ),
                punten=tuple(u.tekst for u in s.uitleg),
            )
        )
        bootstrap = (
            f"Het bootstrapinterval (BCa) trekt {inst.bootstrap} keer opnieuw een steekproef uit de geregistreerde "
            f"personen (seed {inst.seed}), kiest telkens opnieuw het model en neemt zo ook de onzekerheid over de "
            "modelkeuze mee. Dit is het interval om te rapporteren."
            if r.bootstrap is not None
            else "Er is geen bootstrap gedraaid; alleen het analytische interval is beschikbaar."
        )
        verhouding = s.breedteverhouding
        secties.append(
            Sectie(
                "Intervallen",
                (
                    "Het analytische interval is log-normaal rond het gekozen model en geldt alleen als dat model "
                    "juist is.",
                    bootstrap,
                    *(
                        (f"Het BCa-interval is {getal(verhouding, 1)} keer zo breed als het analytische interval.",)
                        if verhouding is not None
                        else ()
                    ),
                ),
            )
        )
        secties.append(
            Sectie(
                "Gevoeligheid",
                (
                    "Dezelfde schatting met een andere drempel voor de modelkeuze en met een andere lijstindeling "
                    "(alleen analytische intervallen).",
                ),
                tabel=_gevoeligheid_tabel(s),
            )
        )
    if s.waarschuwingen:
        secties.append(Sectie("Waarschuwingen", punten=s.waarschuwingen))
    secties.append(
        Sectie(
            "Aannames en beperkingen",
            punten=(
                "Gesloten populatie: de lijsten beschrijven dezelfde groep slachtoffers in dezelfde periode.",
                "Koppeling zonder fouten: gemiste koppelingen verhogen de schatting, onterechte koppelingen verlagen "
                "haar.",
                "Heterogeniteit: slachtoffers die voor alle organisaties slecht zichtbaar zijn, blijven ook in de "
                "overlap onzichtbaar. Dan valt de schatting te laag uit; op synthetische gegevens met zulke "
                "heterogeniteit onderschat de methode het werkelijke aantal (zie docs/mse-evaluatie.md).",
                "Het dark number is een extrapolatie uit de geregistreerde slachtoffers: groepen die nooit "
                "geregistreerd worden, ontbreken ook in de schatting.",
            ),
        )
    )
    herkomst = [f"Berekend met zicht {_zicht_versie()}."]
    if gegevensstand:
        herkomst.insert(0, f"Gegevens: {gegevensstand}.")
    secties.append(Sectie("Herkomst", tuple(herkomst)))
    return secties


def _md_cel(tekst: str) -> str:
    return tekst.replace("|", "\\|").replace("\n", " ")


def methode_markdown(s: IJsbergSchatting, gegevensstand: str = "") -> str:
    """The method text as Markdown.

    Args:
        s: The estimate.
        gegevensstand: Label of the data vintage.

    Returns:
        A Markdown document.
    """
    regels = [f"# Schatting van het werkelijke aantal slachtoffers: {s.stratum.omschrijving()}", ""]
    for sectie in methode_secties(s, gegevensstand):
        regels += [f"## {sectie.titel}", ""]
        for alinea in sectie.alineas:
            regels += [alinea, ""]
        if sectie.punten:
            regels += [f"- {p}" for p in sectie.punten]
            regels.append("")
        if sectie.tabel is not None:
            regels.append("| " + " | ".join(_md_cel(k) for k in sectie.tabel.kolommen) + " |")
            regels.append("|" + "---|" * len(sectie.tabel.kolommen))
            regels += ["| " + " | ".join(_md_cel(c) for c in rij) + " |" for rij in sectie.tabel.rijen]
            regels.append("")
    return "\n".join(regels).rstrip() + "\n"


def _f(waarde: float | None) -> str:
    return "" if waarde is None else f"{waarde:.4f}"


def resultaat_csv(s: IJsbergSchatting, gegevensstand: str = "") -> str:
    """The result table as CSV: registered, estimate, dark number, intervals and sensitivity rows.

    Columns: periode, vorm, regio, lijstindeling, grootheid, methode, niveau, waarde, ondergrens, bovengrens,
    model, gegevensstand.

    Args:
        s: The estimate.
        gegevensstand: Label of the data vintage.

    Returns:
        The CSV text (with header).
    """
    uit = io.StringIO()
    w = csv.writer(uit, lineterminator="\n")
    w.writerow(
        ("periode", "vorm", "regio", "lijstindeling", "grootheid", "methode", "niveau", "waarde", "ondergrens",
         "bovengrens", "model", "gegevensstand")
    )  # fmt: skip
    basis = (s.stratum.periode, s.stratum.vorm or "alle", s.stratum.regio or "nederland", s.indeling.spec())

    def rij(
        grootheid: str, methode: str, niveau: str, waarde: str, laag: str = "", hoog: str = "", model: str = ""
    ) -> None:
        w.writerow((*basis, grootheid, methode, niveau, waarde, laag, hoog, model, gegevensstand))

    model = "" if s.resultaat is None else ";".join(pair_label(p) for p in s.resultaat.model)
    rij("geregistreerd", "", "", str(s.geregistreerd))
    if s.resultaat is None:
        rij("geweigerd", "", "", "", model=s.weigering or "")
        return uit.getvalue()
    r = s.resultaat
    rij("geschat_totaal", f"stepwise {s.instellingen.drempel:g}", "", _f(r.estimate), model=model)
    rij("dark_number", f"stepwise {s.instellingen.drempel:g}", "", _f(r.dark_number), model=model)
    for iv in r.intervals:
        rij("interval", iv.method, f"{iv.level:g}", "", _f(iv.low), _f(iv.high), model)
    for g in s.gevoeligheid:
        rij(
            f"gevoeligheid {g.label}",
            "analytic",
            "0.95",
            _f(g.schatting),
            _f(g.laag),
            _f(g.hoog),
            ";".join(g.model) if g.schatting is not None else (g.weigering or ""),
        )
    return uit.getvalue()


def vangsttabel_csv(s: IJsbergSchatting) -> str:
    """The capture table as CSV in the input format of ``zicht mse estimate`` (lists 0/1, then ``personen``).

    Args:
        s: The estimate.

    Returns:
        The CSV text.
    """
    uit = io.StringIO()
    w = csv.writer(uit, lineterminator="\n")
    w.writerow((*s.vangst.lijsten, "personen"))
    w.writerows(s.vangst.rijen())
    return uit.getvalue()
