# SPDX-License-Identifier: EUPL-1.2
"""The method text that accompanies every factsheet and the statistics documentation (plain Dutch source text,
translated through :mod:`zicht.taal`). It states the counting rules implemented in :mod:`zicht.analysis.tellingen`
and the protection applied by :mod:`zicht.analysis.cijfers`."""

from __future__ import annotations

from zicht.privacy.disclosure import DisclosurePolicy
from zicht.taal import N_, vertaler

#: Method paragraphs as (heading, text), Dutch source text.
_DELEN: tuple[tuple[str, str], ...] = (
    (
        N_("Bron"),
        N_(
            "Meldingen van mogelijke slachtoffers van mensenhandel in het register van zicht, "
            "gepseudonimiseerd en geminimaliseerd: namen, geboortedata en vrije tekst worden niet "
            "gebruikt."
        ),
    ),
    (
        N_("Personen en meldingen"),
        N_(
            "Meldingen over dezelfde persoon worden gekoppeld; een persoon telt één keer per periode."
            " Zolang er nog niet gekoppeld is, tellen de cijfers meldingen; elke tabel zegt wat ze "
            "telt."
        ),
    ),
    (
        N_("Gebied"),
        N_(
            "Een persoon telt in de gemeente van de plaats delict van de eerste melding in de periode"
            " die een plaats delict noemt; regio's en Nederland zijn de som van hun gemeenten. "
            "Uitbuiting in het buitenland en een onbekende plaats tellen alleen landelijk mee. Regio "
            "van de melder: de politie-eenheid van de meldende organisatie."
        ),
    ),
    (
        N_("Categorieën"),
        N_(
            "Geslacht, leeftijdsklasse (minderjarig, 18–22, 23+), nationaliteitsgroep (Nederlands, "
            "EU, buiten de EU) en dossiertype volgen de eerste melding die ze kent. Uitbuitingsvorm, "
            "sector, werkwijze, nationaliteit en soort melder tellen elke waarde die een melding "
            "noemt; die tellen niet op tot het totaal."
        ),
    ),
    (
        N_("Verloop"),
        N_(
            "Een verandering heet duidelijk als een exacte toets op twee Poisson-aantallen haar met "
            "95% zekerheid vindt, voor elke ware waarde die bij de (afgeronde) cijfers past. De "
            "meldingsbereidheid wisselt; een duidelijke stijging van het aantal geregistreerden "
            "bewijst niet dat mensenhandel toenam."
        ),
    ),
    (
        N_("Per 100.000 inwoners"),
        N_("Bevolking op de vermelde peildatum, gemeentelijke indeling van het vermelde jaar."),
    ),
)


def methodetekst(beleid: DisclosurePolicy | None, taal: str = "nl") -> list[tuple[str, str]]:
    """Method paragraphs as ``(heading, text)``; the protection paragraph only when ``beleid`` is given."""
    _ = vertaler(taal)
    delen = [(_(kop), _(tekst)) for kop, tekst in _DELEN]
    if beleid is not None:
        delen.append(
            (
                _("Statistische beveiliging"),
                _(
                    "Aantallen onder {drempel} staan als '{marker}', andere aantallen zijn afgerond "
                    "op {basis}; verder worden cellen afgeschermd ('x') waar anders een klein aantal "
                    "uit totalen, regio's of samenhangende tabellen af te leiden zou zijn. "
                    "Uitsplitsingen worden niet per gemeente gepubliceerd.",
                    drempel=beleid.threshold,
                    marker=beleid.marker,
                    basis=beleid.rounding_base,
                ),
            )
        )
    return delen
