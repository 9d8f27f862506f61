# SPDX-License-Identifier: EUPL-1.2
"""An area beside comparable areas, its regions and the nation: rates per 100,000 with exact Poisson
intervals and a ranking that does not over-read small differences.

Built **only from published tables**: the ``overzicht`` of every level involved, asked through
:meth:`Statistiekdienst.statistiek` with the caller's role and scope, so the comparison passes the same
disclosure gate as the map and adds no cell of its own. For a protected role every interval starts from the
true counts a published value stands for (a shown ``35`` is 33–37, ``<10`` is 0–9, ``x`` is unknown, per
the policy stated in the table's metadata) and widens the exact (Garwood) Poisson interval to cover all of
them; the analyst's exact counts give the plain exact interval.

The ranking puts each comparable area in one of three bands by comparing its interval with the interval of
the median area: above (no overlap, higher), around the middle (overlap) or below. Ranks inside a band are
not told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scipy.stats import chi2

from zicht.analysis.dimensies import Periode, niveau_label
from zicht.analysis.gebieden import Bereik, gebiedsnaam
from zicht.analysis.publicatie import PUBLIEK, BuitenBereik, Statistiekdienst, Tabelsoort, Verzoek
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Tabel, Waarde, format_getal
from zicht.analysis.tellingen import inwoners
from zicht.analysis.vergelijkbaar import Groep, vergelijkbare_gebieden
from zicht.reference import Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.taal import N_, vertaler

#: Confidence level of the intervals.
BETROUWBAARHEID = 0.95


class Band(StrEnum):
    """Where an area stands against the median area of its group."""

    hoger = "hoger"
    midden = "midden"
    lager = "lager"
    onbekend = "onbekend"

    def label(self, taal: str = "nl") -> str:
        """The band in words."""
        return vertaler(taal)(_BANDEN[self.value])


_BANDEN = {
    "hoger": N_("hoger"),
    "midden": N_("niet te onderscheiden"),
    "lager": N_("lager"),
    "onbekend": N_("niet te beoordelen"),
}


@dataclass(frozen=True)
class Punt:
    """One area's published count, rate and interval.

    Attributes:
        niveau, code, naam: The area.
        aantal: The published count cell (as shown: ``35``, ``<10``, ``x``).
        inwoners: The population behind the rate.
        rate: The rate per 100,000 of the shown count (None when withheld).
        laag, hoog: The 95% interval of the rate over every true count the shown value allows (None: unknown).
        band: Against the group's median area (regions and the nation: ``onbekend``, they are references).
        eigen: Whether this is the area asked for.
    """

    niveau: Gebiedsniveau
    code: str
    naam: str
    aantal: Waarde
    inwoners: int
    rate: float | None
    laag: float | None
    hoog: float | None
    band: Band = Band.onbekend
    eigen: bool = False


@dataclass(frozen=True)
class Vergelijking:
    """The comparison of one area.

    Attributes:
        niveau, code, periode: The area and period asked for.
        groep: The comparable areas and how they were chosen.
        punten: The comparable areas, ranked (band, then rate high to low).
        referenties: The area's larger regions and the nation.
        mediaan: The median area of the group (None when no area has a shown figure).
        tabel: All of it as a table (page, CSV, XLSX), with the metadata of the published overview.
        bronnen: The published tables it was built from.
    """

    niveau: Gebiedsniveau
    code: str
    periode: Periode
    groep: Groep
    punten: tuple[Punt, ...]
    referenties: tuple[Punt, ...]
    mediaan: Punt | None
    tabel: Tabel
    bronnen: tuple[Tabel, ...]


def telinterval(waarde: Waarde, tabel: Tabel) -> tuple[int, int] | None:
    """The true counts a published count cell stands for, from the policy in the table's metadata."""
    meta = tabel.meta
    if waarde.markering is Markering.klein_aantal:
        return 0, (meta.drempel or 1) - 1
    if waarde.getal is None or waarde.markering is not Markering.getoond:
        return None
    n = round(waarde.getal)
    if not meta.beveiligd or n == 0:
        return n, n
    basis = meta.afrondingsbasis or 1
    laag = max(0, n - basis // 2, meta.drempel or 0)
    return laag, n - basis // 2 + basis - 1


def poisson_interval(laag: int, hoog: int, niveau: float = BETROUWBAARHEID) -> tuple[float, float]:
    """The exact (Garwood) interval for a Poisson mean, widened over true counts ``laag``..``hoog``."""
    alfa = 1 - niveau
    onder = 0.0 if laag == 0 else float(chi2.ppf(alfa / 2, 2 * laag) / 2)
    boven = float(chi2.ppf(1 - alfa / 2, 2 * (hoog + 1)) / 2)
    return onder, boven


def _punt(tabel: Tabel, niveau: Gebiedsniveau, code: str, naam: str, inw: int | None, eigen: bool = False) -> Punt:
    rij = tabel.rij("gebiedscode", code)
    aantal = rij[tabel.kolom_index("aantal")]
    bevolking = inw or 0
    tellingen = telinterval(aantal, tabel)
    rate = None if aantal.getal is None or not bevolking else aantal.getal * 100_000 / bevolking
    laag = hoog = None
    if tellingen is not None and bevolking:
        onder, boven = poisson_interval(*tellingen)
        laag, hoog = onder * 100_000 / bevolking, boven * 100_000 / bevolking
    return Punt(niveau, code, naam, aantal, bevolking, rate, laag, hoog, Band.onbekend, eigen)


def _band(punt: Punt, mediaan: Punt | None) -> Band:
    if mediaan is None or punt.laag is None or punt.hoog is None or mediaan.laag is None or mediaan.hoog is None:
        return Band.onbekend
    if punt.laag > mediaan.hoog:
        return Band.hoger
    if punt.hoog < mediaan.laag:
        return Band.lager
    return Band.midden


def _volgorde(p: Punt) -> tuple[int, int, float, str]:
    """Band, then shown rates high to low, then withheld figures (by the top of their interval), then name."""
    band = (Band.hoger, Band.midden, Band.lager, Band.onbekend).index(p.band)
    if p.rate is not None:
        return band, 0, -p.rate, p.naam
    return band, 1, -(p.hoog or 0.0), p.naam


def vergelijk(
    dienst: Statistiekdienst,
    niveau: Gebiedsniveau,
    code: str,
    periode: Periode,
    *,
    rol: str = PUBLIEK,
    bereik: Bereik | None = None,
    vorm: str | None = None,
    taal: str = "nl",
) -> Vergelijking:
    """The comparison of an area (a gemeente or a region; not the nation) for a period.

    Raises:
        ValueError: For the nation (it has nothing to be compared with).
        UnknownPlace: The area does not exist.
        BuitenBereik: The area is outside the caller's scope.
        NietBeschikbaar: The overview is not published at this level for the role (e.g. a form per gemeente).
    """
    if niveau is Gebiedsniveau.nederland:
        raise ValueError("niveau: the nation has no comparable areas; choose a gemeente or region")
    extract = dienst.extract(beveiligd=rol != "analist")
    ref = extract.referentie
    if code not in ref.gebieden(niveau):
        raise UnknownPlace(f"{code!r} is not a {niveau.value}")
    if bereik is not None and not bereik.staat_toe(ref, niveau, code):
        raise BuitenBereik(f"{niveau.value} {code} is outside the areas of this user")

    def overzicht(n: Gebiedsniveau) -> Tabel:
        return dienst.statistiek(Verzoek(Tabelsoort.overzicht, periode, n, "NL", vorm=vorm, taal=taal), rol=rol)

    eigen_tabel = overzicht(niveau)
    groep = vergelijkbare_gebieden(ref, niveau, code, taal)

    def inw(n: Gebiedsniveau, c: str) -> int | None:
        return inwoners(extract, Gebiedsniveau.politie_eenheid if n is Gebiedsniveau.riec_regio else n, _pe(ref, n, c))

    ruwe = [
        _punt(eigen_tabel, niveau, c, gebiedsnaam(ref, niveau, c, taal), inw(niveau, c), eigen=c == code)
        for c in groep.leden
    ]
    getoond = sorted((p for p in ruwe if p.rate is not None), key=lambda p: (p.rate or 0.0, p.naam))
    mediaan = getoond[(len(getoond) - 1) // 2] if getoond else None
    punten = tuple(sorted((_met_band(p, mediaan) for p in ruwe), key=_volgorde))
    mediaan = next((p for p in punten if mediaan is not None and p.code == mediaan.code), None)

    bronnen = [eigen_tabel]
    referenties: list[Punt] = []
    gemeente = ref.gemeenten[ref.gebieden(niveau)[code].gemeenten[0]]
    for n in (Gebiedsniveau.veiligheidsregio, Gebiedsniveau.politie_eenheid, Gebiedsniveau.provincie):
        if n is niveau or (niveau is Gebiedsniveau.riec_regio and n is Gebiedsniveau.politie_eenheid):
            continue
        if niveau is not Gebiedsniveau.gemeente and n is Gebiedsniveau.veiligheidsregio:
            continue  # a region's own level is its comparison; larger regions only
        c = gemeente.gebied_code(n)
        if niveau is not Gebiedsniveau.gemeente and set(ref.gebieden(n)[c].gemeenten) == set(
            ref.gebieden(niveau)[code].gemeenten
        ):
            continue  # the same area under another name (Limburg)
        tabel = overzicht(n)
        bronnen.append(tabel)
        referenties.append(_punt(tabel, n, c, _volle_naam(ref, n, c, taal), inw(n, c)))
    referenties.append(
        _punt(eigen_tabel, Gebiedsniveau.nederland, "NL", gebiedsnaam(ref, Gebiedsniveau.nederland, "NL", taal),
              inw(Gebiedsniveau.nederland, "NL"))
    )  # fmt: skip
    tabel = _als_tabel(eigen_tabel, niveau, code, periode, groep, punten, referenties, mediaan, taal)
    return Vergelijking(niveau, code, periode, groep, punten, tuple(referenties), mediaan, tabel, tuple(bronnen))


def _met_band(p: Punt, mediaan: Punt | None) -> Punt:
    return Punt(p.niveau, p.code, p.naam, p.aantal, p.inwoners, p.rate, p.laag, p.hoog, _band(p, mediaan), p.eigen)


def _pe(ref: Referentiedata, niveau: Gebiedsniveau, code: str) -> str:
    if niveau is not Gebiedsniveau.riec_regio:
        return code
    return next((g.politie_eenheid for g in ref.gemeenten.values() if g.riec_regio == code), code)


def _volle_naam(ref: Referentiedata, niveau: Gebiedsniveau, code: str, taal: str) -> str:
    naam = gebiedsnaam(ref, niveau, code, taal)
    if niveau is Gebiedsniveau.nederland or naam.startswith("RIEC"):
        return naam
    return f"{niveau_label(niveau, taal)} {naam}"


def _getal(x: float | None, taal: str) -> Waarde:
    if x is None:
        return Waarde.leeg()
    return Waarde(x, format_getal(x, Kolomsoort.per_100k, taal))


def _rate(p: Punt, taal: str) -> Waarde:
    if p.rate is None:
        return Waarde(None, "–", p.aantal.markering if p.aantal.verborgen else Markering.niet_beschikbaar)
    return Waarde(p.rate, format_getal(p.rate, Kolomsoort.per_100k, taal))


def _als_tabel(
    bron: Tabel,
    niveau: Gebiedsniveau,
    code: str,
    periode: Periode,
    groep: Groep,
    punten: tuple[Punt, ...],
    referenties: list[Punt],
    mediaan: Punt | None,
    taal: str,
) -> Tabel:
    _ = vertaler(taal)
    kolommen = (
        Kolom("gebiedscode", _("code"), Kolomsoort.tekst),
        Kolom("gebied", _("gebied"), Kolomsoort.tekst),
        Kolom("groep", _("vergeleken als"), Kolomsoort.tekst),
        Kolom("inwoners", _("inwoners"), Kolomsoort.tekst),
        Kolom("aantal", bron.kolommen[bron.kolom_index("aantal")].label),
        Kolom("per_100k", _("per 100.000 inwoners"), Kolomsoort.per_100k),
        Kolom("ondergrens", _("ondergrens (95%)"), Kolomsoort.per_100k),
        Kolom("bovengrens", _("bovengrens (95%)"), Kolomsoort.per_100k),
        Kolom("positie", _("t.o.v. het midden"), Kolomsoort.tekst),
    )
    rijen = []
    for p, soort in [(p, "vergelijkbaar") for p in punten] + [(p, "referentie") for p in referenties]:
        rol = (
            _("gekozen gebied")
            if p.eigen
            else _("vergelijkbaar gebied")
            if soort == "vergelijkbaar"
            else _("regio / land")
        )
        rijen.append(
            (
                Waarde.van_tekst(p.code),
                Waarde.van_tekst(p.naam),
                Waarde.van_tekst(rol),
                Waarde.van_tekst(format_getal(p.inwoners, Kolomsoort.aantal, taal)),
                p.aantal,
                _rate(p, taal),
                _getal(p.laag, taal),
                _getal(p.hoog, taal),
                Waarde.van_tekst(p.band.label(taal) if soort == "vergelijkbaar" else "–"),
            )
        )
    eigen = next(p for p in punten if p.eigen)
    naam = eigen.naam
    samenvatting = _samenvatting(eigen, mediaan, len(punten), periode, taal)
    titel = _("{naam} vergeleken met vergelijkbare gebieden, {periode}", naam=naam, periode=periode.label(taal))
    noten = (
        groep.beschrijving,
        _(
            "Intervallen: exact 95%-betrouwbaarheidsinterval voor een Poisson-aantal, verbreed over elk waar aantal "
            "dat bij het gepubliceerde (afgeronde of afgeschermde) cijfer past. Positie: vergeleken met het interval "
            "van het middelste gebied (de mediaan van de gebieden met een getoond cijfer); overlappen de intervallen, "
            "dan is het verschil niet te onderscheiden."
        ),
        _(
            "Alleen gepubliceerde cijfers: de vergelijking rekent met de kaarttabellen zoals ze voor uw rol zijn "
            "gepubliceerd."
        ),
        *bron.voetnoten,
    )
    return Tabel(
        id=f"vergelijking/{bron.meta.basis.value}/{niveau.value}/{code}/{periode.code}/{bron.meta.eenheid.value}/"
        + bron.id.rsplit("/", 1)[-1],
        titel=titel,
        kolommen=kolommen,
        rijen=tuple(rijen),
        meta=bron.meta,
        samenvatting=samenvatting,
        voetnoten=noten,
    )


def _samenvatting(eigen: Punt, mediaan: Punt | None, n: int, periode: Periode, taal: str) -> str:
    _ = vertaler(taal)
    if eigen.laag is None or mediaan is None:
        return _(
            "Voor {naam} is in {periode} geen vergelijking te maken: het cijfer is afgeschermd.",
            naam=eigen.naam,
            periode=periode.label(taal),
        )
    tekst = {
        Band.hoger: _("hoger dan"),
        Band.lager: _("lager dan"),
        Band.midden: _("niet te onderscheiden van"),
        Band.onbekend: _("niet te vergelijken met"),
    }[eigen.band]
    return _.ngettext(
        "In {periode} is het cijfer van {naam} {positie} het midden van {n} vergelijkbaar gebied "
        "(mediaan: {mediaan}, {cijfer} per 100.000 inwoners).",
        "In {periode} is het cijfer van {naam} {positie} het midden van {n} vergelijkbare gebieden "
        "(mediaan: {mediaan}, {cijfer} per 100.000 inwoners).",
        n,
        periode=periode.label(taal),
        naam=eigen.naam,
        positie=tekst,
        mediaan=mediaan.naam,
        cijfer=format_getal(mediaan.rate, Kolomsoort.per_100k, taal),
    )
