# SPDX-License-Identifier: EUPL-1.2
"""All tables of a municipal or regional dashboard in one call (the web page, the PDF factsheet and the
benchmark use the same bundle, so they show the same figures)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from zicht.analysis.dimensies import Gebiedsbasis, Periode, Uitsplitsing
from zicht.analysis.extract import Extract
from zicht.analysis.gebieden import Bereik
from zicht.analysis.kwaliteit import Kwaliteitsgroep
from zicht.analysis.publicatie import PUBLIEK, Statistiekdienst, Tabelsoort, Verzoek, is_beveiligd
from zicht.analysis.tabel import Tabel
from zicht.analysis.tabelcontext import NietBeschikbaar
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference import Gebiedsniveau
from zicht.taal import vertaler

#: The breakdowns of a dashboard, in display order.
DASHBOARD_UITSPLITSINGEN: tuple[Uitsplitsing, ...] = (
    Uitsplitsing.uitbuitingsvorm,
    Uitsplitsing.sector,
    Uitsplitsing.werkwijze,
    Uitsplitsing.geslacht,
    Uitsplitsing.leeftijdsklasse,
    Uitsplitsing.nationaliteitsgroep,
    Uitsplitsing.nationaliteit,
    Uitsplitsing.melder_soort,
    Uitsplitsing.dossiertype,
)


@dataclass(frozen=True)
class Dashboard:
    """The tables of one area's dashboard.

    Attributes:
        niveau: The area's level.
        gebied: The area's code.
        periode: The period.
        kaart: The overview behind the map (``None`` when not published at this level for the role).
        kaartniveau: The level of the map's areas.
        reeks: The trend of the area and the nation.
        uitsplitsingen: One table per breakdown.
        kwaliteit: Data quality by the reporter's region.
        meldingen: Notes for the reader (e.g. why the map is per region).
    """

    niveau: Gebiedsniveau
    gebied: str
    periode: Periode
    kaart: Tabel | None
    kaartniveau: Gebiedsniveau
    reeks: Tabel
    uitsplitsingen: dict[Uitsplitsing, Tabel]
    kwaliteit: Tabel
    meldingen: list[str] = field(default_factory=list)

    def tabellen(self) -> list[Tabel]:
        """Every table, in page order."""
        return [t for t in (self.kaart, self.reeks, *self.uitsplitsingen.values(), self.kwaliteit) if t is not None]


def kaartniveau_voor(niveau: Gebiedsniveau, beveiligd: bool, vorm: str | None) -> Gebiedsniveau:
    """The level of the map on an area's dashboard: the area's own level, but regions for protected
    figures per form (those are not published per gemeente)."""
    if niveau is Gebiedsniveau.nederland:
        return Gebiedsniveau.veiligheidsregio if (beveiligd and vorm) else Gebiedsniveau.gemeente
    if beveiligd and vorm and niveau is Gebiedsniveau.gemeente:
        return Gebiedsniveau.veiligheidsregio
    return niveau


def maak_dashboard(
    dienst: Statistiekdienst,
    niveau: Gebiedsniveau,
    gebied: str,
    periode: Periode,
    *,
    rol: str = PUBLIEK,
    bereik: Bereik | None = None,
    vorm: str | None = None,
    basis: Gebiedsbasis = Gebiedsbasis.plaats_delict,
    taal: str = "nl",
    van: int | None = None,
) -> Dashboard:
    """Every table of the dashboard of one area (all through :meth:`Statistiekdienst.statistiek`)."""
    beveiligd = is_beveiligd(rol)
    kaartniveau = kaartniveau_voor(niveau, beveiligd, vorm)
    basisverzoek = Verzoek(Tabelsoort.overzicht, periode, kaartniveau, "NL", basis=basis, vorm=vorm, taal=taal)
    meldingen: list[str] = []
    kaart: Tabel | None = dienst.statistiek(basisverzoek, rol=rol, bereik=bereik)
    if kaartniveau is not niveau and niveau is not Gebiedsniveau.nederland:
        _ = vertaler(taal)
        meldingen.append(
            _("Cijfers per uitbuitingsvorm worden niet per gemeente gepubliceerd; de kaart toont veiligheidsregio's.")
        )
    reeks = dienst.statistiek(
        Verzoek(Tabelsoort.reeks, periode, niveau, gebied, basis=basis, vorm=vorm, van=van, taal=taal),
        rol=rol,
        bereik=bereik,
    )
    uitsplitsingen: dict[Uitsplitsing, Tabel] = {}
    for wat in DASHBOARD_UITSPLITSINGEN:
        if vorm is not None and wat is Uitsplitsing.uitbuitingsvorm:
            continue
        try:
            uitsplitsingen[wat] = dienst.statistiek(
                Verzoek(Tabelsoort.uitsplitsing, periode, niveau, gebied, wat, basis=basis, vorm=vorm, taal=taal),
                rol=rol,
                bereik=bereik,
            )
        except NietBeschikbaar as exc:
            meldingen.append(str(exc))
    kwaliteit = dienst.statistiek(
        Verzoek(Tabelsoort.kwaliteit, periode, groep=Kwaliteitsgroep.melder_regio, taal=taal), rol=rol, bereik=bereik
    )
    return Dashboard(niveau, gebied, periode, kaart, kaartniveau, reeks, uitsplitsingen, kwaliteit, meldingen)


def warm_op(extract: Extract, beleid: DisclosurePolicy, jaren: Sequence[int] | None = None) -> None:
    """Precompute the protected tables every dashboard needs, for a publicatie's newest year (or ``jaren``).

    Protection is cached by the content of each family (``zicht.analysis.beveiliging``) and counts per
    extract, so building the national dashboard and one gemeente's dashboard here computes the totals of
    every area for each year of the series and every breakdown family of the year: the first user after a
    new publicatie gets them from the cache.
    """
    if extract.jaren is None:
        return
    dienst = Statistiekdienst(lambda: extract, beleid)
    gemeente = min(extract.referentie.gemeenten)
    for jaar in jaren if jaren is not None else (extract.jaren[1],):
        for niveau, gebied in ((Gebiedsniveau.nederland, "NL"), (Gebiedsniveau.gemeente, gemeente)):
            maak_dashboard(dienst, niveau, gebied, Periode.jaar(jaar), rol=PUBLIEK)


def oudere_jaren(extract: Extract) -> list[int]:
    """The years of an extract before its newest, newest first (warmed after the newest)."""
    if extract.jaren is None:
        return []
    eerste, laatste = extract.jaren
    return list(range(laatste - 1, eerste - 1, -1))
