# SPDX-License-Identifier: EUPL-1.2
"""What every table builder shares: the request context (extract, policy, unit, language), metadata, names,
standard notes, advice when most figures are withheld, and rates per 100,000."""

from __future__ import annotations

from dataclasses import dataclass, field

from zicht.analysis.cijfers import Cijfers, cijfers
from zicht.analysis.dimensies import Eenheid, Gebiedsbasis, Periode, Uitsplitsing, categorie_label, niveau_label
from zicht.analysis.extract import Extract
from zicht.analysis.gebieden import gebiedsnaam
from zicht.analysis.tabel import Kolomsoort, Markering, Metadata, Waarde, format_getal
from zicht.analysis.tellingen import inwoners, per_100k
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference import Gebiedsniveau
from zicht.taal import vertaler

#: Above this share of withheld cells a table advises a coarser level or a longer period.
ADVIES_GRENS = 0.5


class NietBeschikbaar(ValueError):
    """The table is not published for this role at this level (the message says what is, in Dutch)."""


@dataclass(frozen=True)
class Context:
    """Everything a table builder needs besides the request itself."""

    extract: Extract
    beleid: DisclosurePolicy | None
    eenheid: Eenheid
    basis: Gebiedsbasis = Gebiedsbasis.plaats_delict
    taal: str = "nl"
    notities: tuple[str, ...] = field(default=())

    @property
    def beveiligd(self) -> bool:
        """Whether disclosure control applies."""
        return self.beleid is not None

    def cijfers(
        self, periode: Periode, uitsplitsing: Uitsplitsing = Uitsplitsing.totaal, vorm: str | None = None
    ) -> Cijfers:
        """The figures of a period (exact or protected)."""
        return cijfers(
            self.extract,
            self.beleid,
            periode,
            eenheid=self.eenheid,
            basis=self.basis,
            uitsplitsing=uitsplitsing,
            vorm=vorm,
        )

    def meta(self, code: str, label: str, filter: str = "", eenheid: Eenheid | None = None) -> Metadata:
        """The metadata of a table."""
        ex = self.extract
        eenheid = eenheid or self.eenheid
        return Metadata(
            eenheid=eenheid,
            periode=code,
            periode_label=label,
            peildatum=ex.vintage.peildatum,
            bevolking_peildatum=ex.referentie.bevolking_peildatum,
            vintage=ex.vintage.code,
            vintage_label=ex.vintage.label(self.taal),
            gebiedsindeling=ex.referentie.gebiedsindeling_jaar,
            basis=self.basis,
            beveiligd=self.beveiligd,
            drempel=self.beleid.threshold if self.beleid else None,
            afrondingsbasis=self.beleid.rounding_base if self.beleid else None,
            filter=filter,
            # A ratio of two exact registry counts with many digits would give the counts away: protected
            # tables state it in whole percents.
            koppelingsgraad=(
                None if eenheid is not Eenheid.personen else round(ex.koppelingsgraad, 2 if self.beveiligd else 6)
            ),
        )

    def naam(self, niveau: Gebiedsniveau, code: str) -> str:
        """The name of an area."""
        return gebiedsnaam(self.extract.referentie, niveau, code, self.taal)

    def volle_naam(self, niveau: Gebiedsniveau, code: str) -> str:
        """The name with its level (``gemeente Utrecht``, ``veiligheidsregio Utrecht``, ``Nederland``)."""
        naam = self.naam(niveau, code)
        if niveau is Gebiedsniveau.nederland or code not in self.extract.referentie.gebieden(niveau):
            return naam
        if niveau in (Gebiedsniveau.riec_regio, Gebiedsniveau.politie_eenheid) and naam.startswith("RIEC"):
            return naam
        return f"{niveau_label(niveau, self.taal)} {naam}"

    def advies(self, tabel_aandeel: float, niveau: Gebiedsniveau, periode: Periode) -> str | None:
        """Advice when most cells are withheld: a coarser level."""
        if not self.beveiligd or tabel_aandeel <= ADVIES_GRENS:
            return None
        grover = {
            Gebiedsniveau.gemeente: Gebiedsniveau.veiligheidsregio,
            Gebiedsniveau.veiligheidsregio: Gebiedsniveau.politie_eenheid,
            Gebiedsniveau.riec_regio: Gebiedsniveau.nederland,
            Gebiedsniveau.politie_eenheid: Gebiedsniveau.nederland,
            Gebiedsniveau.provincie: Gebiedsniveau.nederland,
        }.get(niveau, Gebiedsniveau.nederland)
        # No longer period is suggested: protected figures exist per calendar year only (docs/adr/0006).
        _ = vertaler(self.taal)
        return _(
            "De meeste cijfers zijn afgeschermd omdat de aantallen klein zijn. Bekijk de cijfers per {niveau}.",
            niveau=niveau_label(grover, self.taal),
        )

    def voetnoten(self, uitsplitsing: Uitsplitsing = Uitsplitsing.totaal) -> tuple[str, ...]:
        """Standard notes: the unit rule, multi-valued categories, protection."""
        _ = vertaler(self.taal)
        noten = list(self.notities)
        if self.eenheid is Eenheid.personen:
            noten.append(
                _(
                    "Personen: meldingen over dezelfde persoon tellen één keer; een nog niet gekoppelde melding telt "
                    "als een eigen persoon."
                )
            )
        else:
            noten.append(_("Meldingen: een persoon over wie meerdere meldingen zijn gedaan, telt meerdere keren."))
        if uitsplitsing is not Uitsplitsing.totaal and not uitsplitsing.additief(self.eenheid):
            noten.append(
                _(
                    "Een melding of persoon kan in meer categorieën vallen; de categorieën tellen niet op tot het totaal."
                )
            )
        if self.beveiligd:
            assert self.beleid is not None
            noten.append(
                _(
                    "'{marker}' = minder dan {drempel}; 'x' = afgeschermd om een ander cijfer te beschermen; "
                    "'–' = niet gepubliceerd. Aantallen zijn afgerond op {basis}.",
                    marker=self.beleid.marker,
                    drempel=self.beleid.threshold,
                    basis=self.beleid.rounding_base,
                )
            )
        return tuple(noten)


def rate_waarde(ctx: Context, waarde: Waarde, niveau: Gebiedsniveau, code: str) -> Waarde:
    inw = inwoners(
        ctx.extract,
        Gebiedsniveau.politie_eenheid if niveau is Gebiedsniveau.riec_regio else niveau,
        pe_code(ctx, niveau, code),
    )
    rate = per_100k(None if waarde.getal is None else int(waarde.getal), inw)
    if rate is None:
        # a rate is withheld together with its count (shown as "–", keeping the count's marking)
        return Waarde(None, "–", waarde.markering if waarde.verborgen else Markering.niet_beschikbaar)
    return Waarde(rate, format_getal(rate, Kolomsoort.per_100k, ctx.taal))


def pe_code(ctx: Context, niveau: Gebiedsniveau, code: str) -> str:
    if niveau is not Gebiedsniveau.riec_regio:
        return code
    for gm in ctx.extract.referentie.gemeenten.values():
        if gm.riec_regio == code:
            return gm.politie_eenheid
    return code


def eenheid_woord(ctx: Context) -> str:
    return ctx.eenheid.label(ctx.taal)


def vorm_tekst(ctx: Context, vorm: str | None) -> str:
    return "" if vorm is None else categorie_label(Uitsplitsing.uitbuitingsvorm, vorm, ctx.taal)
