# SPDX-License-Identifier: EUPL-1.2
"""The method text that accompanies every factsheet and the statistics documentation (plain Dutch, with an
English version). It states the counting rules implemented in :mod:`zicht.analysis.tellingen` and the
protection applied by :mod:`zicht.analysis.cijfers`."""

from __future__ import annotations

from zicht.privacy.disclosure import DisclosurePolicy


def methodetekst(beleid: DisclosurePolicy | None, taal: str = "nl") -> list[tuple[str, str]]:
    """Method paragraphs as ``(heading, text)``; the protection paragraph only when ``beleid`` is given."""
    if taal == "en":
        delen = [
            (
                "Source",
                "Reports (meldingen) of possible victims of human trafficking in the zicht registry, "
                "pseudonymised and minimised: no names, birth dates or free text are used.",
            ),
            (
                "Persons and reports",
                "Reports about the same person are linked; a person counts once per period. "
                "Until linkage has run, figures count reports, and every table says which unit it counts.",
            ),
            (
                "Area",
                "A person counts in the municipality of the place of the crime (plaats delict) of their "
                "earliest report in the period that names one; regions and the nation are the sum of their "
                "municipalities. Exploitation abroad and unknown places count nationally only. Reporter's region: "
                "the police unit of the reporting organisation.",
            ),
            (
                "Categories",
                "Gender, age band (minor, 18–22, 23+), nationality group (Dutch, EU, non-EU) and dossier "
                "type follow the earliest report that knows them. Form, sector, method, nationality and kind of "
                "reporter count every value any report names, so they do not add up to the total.",
            ),
            (
                "Trends",
                "A change is called clear when an exact test on two Poisson counts finds it at 95% for every "
                "true value consistent with the (rounded) figures. Reporting effort varies, so a clear rise in "
                "registered numbers is not proof that trafficking grew.",
            ),
            (
                "Rates",
                "Per 100,000 inhabitants, population on the stated reference date, boundaries of the stated year.",
            ),
        ]
        if beleid is not None:
            delen.append(
                (
                    "Disclosure control",
                    f"Counts below {beleid.threshold} are shown as "
                    f"'{beleid.marker}', other counts are rounded to {beleid.rounding_base}; further cells are "
                    "withheld ('x') where a small count could otherwise be derived from totals, regions or "
                    "related tables. Breakdowns are not published per municipality.",
                )
            )
        return delen
    delen = [
        (
            "Bron",
            "Meldingen van mogelijke slachtoffers van mensenhandel in het register van zicht, "
            "gepseudonimiseerd en geminimaliseerd: namen, geboortedata en vrije tekst worden niet gebruikt.",
        ),
        (
            "Personen en meldingen",
            "Meldingen over dezelfde persoon worden gekoppeld; een persoon telt één keer per "
            "periode. Zolang er nog niet gekoppeld is, tellen de cijfers meldingen; elke tabel zegt wat ze telt.",
        ),
        (
            "Gebied",
            "Een persoon telt in de gemeente van de plaats delict van de eerste melding in de periode die een "
            "plaats delict noemt; regio's en Nederland zijn de som van hun gemeenten. Uitbuiting in het buitenland en "
            "een onbekende plaats tellen alleen landelijk mee. Regio van de melder: de politie-eenheid van de "
            "meldende organisatie.",
        ),
        (
            "Categorieën",
            "Geslacht, leeftijdsklasse (minderjarig, 18–22, 23+), nationaliteitsgroep (Nederlands, EU, "
            "buiten de EU) en dossiertype volgen de eerste melding die ze kent. Uitbuitingsvorm, sector, werkwijze, "
            "nationaliteit en soort melder tellen elke waarde die een melding noemt; die tellen niet op tot het totaal.",
        ),
        (
            "Verloop",
            "Een verandering heet duidelijk als een exacte toets op twee Poisson-aantallen haar met 95% "
            "zekerheid vindt, voor elke ware waarde die bij de (afgeronde) cijfers past. De meldingsbereidheid "
            "wisselt; een duidelijke stijging van het aantal geregistreerden bewijst niet dat mensenhandel toenam.",
        ),
        ("Per 100.000 inwoners", "Bevolking op de vermelde peildatum, gemeentelijke indeling van het vermelde jaar."),
    ]
    if beleid is not None:
        delen.append(
            (
                "Statistische beveiliging",
                f"Aantallen onder {beleid.threshold} staan als "
                f"'{beleid.marker}', andere aantallen zijn afgerond op {beleid.rounding_base}; verder worden "
                "cellen afgeschermd ('x') waar anders een klein aantal uit totalen, regio's of samenhangende "
                "tabellen af te leiden zou zijn. Uitsplitsingen worden niet per gemeente gepubliceerd.",
            )
        )
    return delen
