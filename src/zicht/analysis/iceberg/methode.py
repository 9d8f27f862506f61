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

from zicht.analysis.iceberg.lijsten import lijstnaam
from zicht.analysis.iceberg.schatting import IJsbergSchatting, getal
from zicht.analysis.mse import pair_label
from zicht.taal import vertaler

__all__ = [
    "Sectie",
    "Tabel",
    "methode_markdown",
    "methode_secties",
    "methode_titel",
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


def _iv(s: IJsbergSchatting, methode: str, niveau: float, taal: str) -> str:
    iv = s.interval(methode, niveau)
    return "–" if iv is None else f"{getal(iv.low, taal=taal)} – {getal(iv.high, taal=taal)}"


def resultaattabel(s: IJsbergSchatting, taal: str = "nl") -> Tabel:
    """The data table next to the chart: registered, estimated, dark number, intervals."""
    _ = vertaler(taal)
    rijen: list[tuple[str, ...]] = [(_("Geregistreerd (gekoppelde personen)"), getal(s.geregistreerd, taal=taal))]
    if s.resultaat is not None:
        r = s.resultaat
        rijen += [
            (_("Geschat totaal"), getal(r.estimate, taal=taal)),
            (_("Niet geregistreerd (geschat)"), getal(r.dark_number, taal=taal)),
            (_("Factor geschat / geregistreerd"), getal(s.factor, 1, taal)),
        ]
        for methode, naam in (("bca", _("Bootstrapinterval (BCa)")), ("analytic", _("Analytisch interval"))):
            for niveau in s.instellingen.niveaus:
                if s.interval(methode, niveau) is not None:
                    rijen.append((f"{naam} {niveau:.0%}", _iv(s, methode, niveau, taal)))
    return Tabel((_("Grootheid"), _("Waarde")), tuple(rijen))


def _paar(label: str, taal: str) -> str:
    """A pair of the model (``a:b``) by the labels of its lists."""
    return " – ".join(lijstnaam(naam, taal) for naam in label.split(":"))


def _vangst_tabel(s: IJsbergSchatting, taal: str) -> Tabel:
    _ = vertaler(taal)
    lijsten = [lijstnaam(n, taal) for n in s.vangst.lijsten]
    ja = _("ja")
    rijen: list[tuple[str, ...]] = [
        (
            " + ".join(n for n, b in zip(lijsten, p, strict=True) if b),
            *(ja if b else "–" for b in p),
            getal(n, taal=taal),
        )
        for p, n in s.vangst.patronen
    ]
    rijen.append(
        (
            _("Totaal per lijst"),
            *(getal(t, taal=taal) for t in s.vangst.lijst_totalen),
            getal(s.geregistreerd, taal=taal),
        )
    )
    return Tabel((_("Lijsten"), *lijsten, _("Personen")), tuple(rijen))


def _gevoeligheid_tabel(s: IJsbergSchatting, taal: str) -> Tabel:
    _ = vertaler(taal)
    deze, geen = " " + _("(deze schatting)"), _("geen paren")
    rijen = [
        (
            _(g.label) + (deze if g.huidig else ""),
            ", ".join(_paar(p, taal) for p in g.model) or geen,
            getal(g.waargenomen, taal=taal),
            getal(g.schatting, taal=taal) if g.schatting is not None else (_(g.weigering) if g.weigering else "–"),
            f"{getal(g.laag, taal=taal)} – {getal(g.hoog, taal=taal)}" if g.schatting is not None else "–",
        )
        for g in s.gevoeligheid
    ]
    kolommen = (_("Variant"), _("Model"), _("Geregistreerd"), _("Geschat"), _("Analytisch 95%"))
    return Tabel(kolommen, tuple(rijen))


def methode_secties(s: IJsbergSchatting, gegevensstand: str = "", taal: str = "nl") -> list[Sectie]:
    """The method text of an estimate, as sections (in ``taal``).

    Args:
        s: The estimate.
        gegevensstand: Label of the data vintage (e.g. ``gegevensstand 3fa91c0e2b7d (...)``).
        taal: ``nl`` or ``en``.

    Returns:
        The sections in reading order.
    """
    _ = vertaler(taal)
    inst = s.instellingen
    secties = [Sectie(_("Uitkomst"), (_(s.lezing()),), tabel=resultaattabel(s, taal))]
    selectie = [
        _(
            "Selectie: {selectie}. Lijstindeling {naam}: {indeling}.",
            selectie=s.stratum.omschrijving(taal),
            naam=s.indeling.naam,
            indeling=s.indeling.omschrijving(taal),
        ),
        _(
            "Een persoon is een groep meldingen die de koppeling aan één slachtoffer toeschrijft. Een persoon hoort "
            "bij de periode van zijn of haar eerste melding en staat op een lijst als een melder van die lijst de "
            "persoon in de periode meldde. Uitbuitingsvorm en regio (politie-eenheid van de plaats delict) zijn die "
            "van de eerste melding in de periode waarop ze bekend zijn. Meldingen met status 'geen slachtoffer' "
            "tellen niet mee."
        ),
    ]
    if s.vangst.ongekoppeld:
        selectie.append(
            _.ngettext(
                "{n} melding in deze selectie is niet aan een persoon gekoppeld en telt niet mee.",
                "{n} meldingen in deze selectie zijn niet aan een persoon gekoppeld en tellen niet mee.",
                s.vangst.ongekoppeld,
                n=getal(s.vangst.ongekoppeld, taal=taal),
            )
        )
    secties.append(Sectie(_("Selectie en lijsten"), tuple(selectie)))
    if s.vangst.patronen:
        secties.append(
            Sectie(
                _("Vangsttabel"),
                (_("Aantal personen per combinatie van lijsten waarop ze staan (ja = op de lijst)."),),
                tabel=_vangst_tabel(s, taal),
            )
        )
    if s.resultaat is None:
        secties.append(Sectie(_("Geen schatting"), (_(s.weigering) if s.weigering else "",)))
    else:
        r = s.resultaat
        paren = ", ".join(_paar(pair_label(p), taal) for p in r.model)
        if r.model:
            model = _.ngettext(
                "Het model bevat één paar lijsten dat van elkaar afhangt: {paren}.",
                "Het model bevat {n} paren lijsten die van elkaar afhangen: {paren}.",
                len(r.model),
                paren=paren,
            )
        else:
            model = _(
                "Het model bevat geen afhankelijkheden tussen lijsten: geen enkel paar overlapt duidelijk meer of "
                "minder dan toeval (alleen hoofdeffecten)."
            )
        oneindig = (
            (
                _(
                    "Een paar met −∞ betekent: de twee lijsten hebben niemand gemeen en het model neemt aan dat ze "
                    "nooit dezelfde persoon zien. Dat kan kloppen (ze werken met verschillende groepen), maar het kan "
                    "bij kleine lijsten ook toeval zijn."
                ),
            )
            if r.infinite_pairs
            else ()
        )
        secties.append(
            Sectie(
                _("Model"),
                (
                    _(
                        "De schatting volgt de methode van het R-pakket SparseMSE (Chan, Silverman & Vincent, 2021): "
                        "een log-lineair Poissonmodel met een hoofdeffect per lijst en gekozen afhankelijkheden tussen "
                        "twee lijsten. Paren worden stapsgewijs toegevoegd zolang hun overlap verrassend is "
                        "(p < {drempel}).",
                        drempel=getal(inst.drempel, 2, taal),
                    ),
                    model,
                    *oneindig,
                ),
                punten=tuple(_(u.tekst) for u in s.uitleg),
            )
        )
        bootstrap = (
            _(
                "Het bootstrapinterval (BCa) trekt {n} keer opnieuw een steekproef uit de geregistreerde personen "
                "(seed {seed}), kiest telkens opnieuw het model en neemt zo ook de onzekerheid over de modelkeuze "
                "mee. Dit is het interval om te rapporteren.",
                n=inst.bootstrap,
                seed=inst.seed,
            )
            if r.bootstrap is not None
            else _("Er is geen bootstrap gedraaid; alleen het analytische interval is beschikbaar.")
        )
        verhouding = s.breedteverhouding
        secties.append(
            Sectie(
                _("Intervallen"),
                (
                    _(
                        "Het analytische interval is log-normaal rond het gekozen model en geldt alleen als dat "
                        "model juist is."
                    ),
                    bootstrap,
                    *(
                        (
                            _(
                                "Het BCa-interval is {factor} keer zo breed als het analytische interval.",
                                factor=getal(verhouding, 1, taal),
                            ),
                        )
                        if verhouding is not None
                        else ()
                    ),
                ),
            )
        )
        secties.append(
            Sectie(
                _("Gevoeligheid"),
                (
                    _(
                        "Dezelfde schatting met een andere drempel voor de modelkeuze en met een andere lijstindeling "
                        "(alleen analytische intervallen)."
                    ),
                ),
                tabel=_gevoeligheid_tabel(s, taal),
            )
        )
    if s.waarschuwingen:
        secties.append(Sectie(_("Waarschuwingen"), punten=tuple(_(w) for w in s.waarschuwingen)))
    secties.append(
        Sectie(
            _("Aannames en beperkingen"),
            punten=(
                _("Gesloten populatie: de lijsten beschrijven dezelfde groep slachtoffers in dezelfde periode."),
                _(
                    "Koppeling zonder fouten: gemiste koppelingen verhogen de schatting, onterechte koppelingen "
                    "verlagen haar."
                ),
                _(
                    "Heterogeniteit: slachtoffers die voor alle organisaties slecht zichtbaar zijn, blijven ook in de "
                    "overlap onzichtbaar. Dan valt de schatting te laag uit; op synthetische gegevens met zulke "
                    "heterogeniteit onderschat de methode het werkelijke aantal (zie docs/mse-evaluatie.md)."
                ),
                _(
                    "Het dark number is een extrapolatie uit de geregistreerde slachtoffers: groepen die nooit "
                    "geregistreerd worden, ontbreken ook in de schatting."
                ),
            ),
        )
    )
    herkomst = [_("Berekend met zicht {versie}.", versie=_zicht_versie())]
    if gegevensstand:
        herkomst.insert(0, _("Gegevens: {gegevensstand}.", gegevensstand=gegevensstand))
    secties.append(Sectie(_("Herkomst"), tuple(herkomst)))
    return secties


def _md_cel(tekst: str) -> str:
    return tekst.replace("|", "\\|").replace("\n", " ")


def methode_titel(s: IJsbergSchatting, taal: str = "nl") -> str:
    """The title of the method document."""
    _ = vertaler(taal)
    return _("Schatting van het werkelijke aantal slachtoffers: {selectie}", selectie=s.stratum.omschrijving(taal))


def methode_markdown(s: IJsbergSchatting, gegevensstand: str = "", taal: str = "nl") -> str:
    """The method text as Markdown.

    Args:
        s: The estimate.
        gegevensstand: Label of the data vintage.
        taal: ``nl`` or ``en``.

    Returns:
        A Markdown document.
    """
    regels = [f"# {methode_titel(s, taal)}", ""]
    for sectie in methode_secties(s, gegevensstand, taal):
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
