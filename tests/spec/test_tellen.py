# SPDX-License-Identifier: EUPL-1.2
"""Counting meldingen and persons

How zicht turns meldingen into the counts behind every table, before disclosure control rounds and
suppresses them (`docs/disclosure.md`). A figure counts either meldingen (reports) or persons (victims
after linkage); published figures count persons. The code is `zicht.analysis.tellingen`; each rule below is
checked on a small register of meldingen written out in the test.
"""

from __future__ import annotations

from tests.spec.voorbeeld import M, Register
from zicht.analysis.dimensies import Uitsplitsing


def test_een_persoon_met_drie_meldingen_telt_een_keer() -> None:
    """A person reported three times counts once

    The police, a care coordinator and an NGO each report the same woman in 2024, and linkage puts the
    three meldingen under one person. The number of persons is 1; the number of meldingen is 3.
    """
    register = Register(M("politie", persoon="p1"), M("zorgcoordinatie", persoon="p1"), M("ngo", persoon="p1"))
    assert register.personen() == 1
    assert register.meldingen() == 3


def test_een_ongekoppelde_melding_telt_als_eigen_persoon() -> None:
    """A melding not (yet) linked counts as a person of its own

    Two meldingen that linkage has not placed under a person count as two persons, next to one person with
    two linked meldingen: 3 persons, 4 meldingen. A new melding therefore counts before linkage has run.
    """
    register = Register(M("a"), M("b"), M("c", persoon="p1"), M("d", persoon="p1"))
    assert register.personen() == 3
    assert register.meldingen() == 4


def test_een_melding_telt_in_het_jaar_van_haar_melddatum() -> None:
    """A melding counts in the period of its melddatum

    A person reported in December 2023 and again in February 2024 counts once in 2023 and once in 2024: each
    period counts the distinct persons of its own meldingen.
    """
    register = Register(M("a", persoon="p1", datum="2023-12-20"), M("b", persoon="p1", datum="2024-02-03"))
    assert register.personen(jaar=2023) == 1
    assert register.personen(jaar=2024) == 1
    assert register.meldingen(jaar=2024) == 1


def test_een_melding_met_status_geen_telt_niet_mee() -> None:
    """A melding found not to be about a victim does not count

    A melding with status `geen` (assessed: not a victim of trafficking) is left out of every count; `mogelijk`,
    `vastgesteld` and `onbekend` count.
    """
    register = Register(
        M("a", status="mogelijk"), M("b", status="vastgesteld"), M("c", status="onbekend"), M("d", status="geen")
    )
    assert register.meldingen() == 3
    assert register.personen() == 3


def test_een_persoon_telt_in_het_gebied_van_de_eerste_melding_met_bekende_plaats() -> None:
    """A person counts in one area: that of their earliest melding whose place is known

    A person is reported in January without a known plaats delict, in February with Utrecht and in March
    with Amsterdam. The person counts in Utrecht, not in Amsterdam, and once nationally. Meldingen still
    count each in their own area.
    """
    register = Register(
        M("jan", persoon="p1", datum="2024-01-10", plaats="onbekend"),
        M("feb", persoon="p1", datum="2024-02-10", plaats="Utrecht"),
        M("mrt", persoon="p1", datum="2024-03-10", plaats="Amsterdam"),
    )
    assert register.personen(gebied="Utrecht") == 1
    assert register.personen(gebied="Amsterdam") == 0
    assert register.personen() == 1
    assert register.meldingen(gebied="Amsterdam") == 1


def test_een_regio_is_de_som_van_haar_gemeenten() -> None:
    """A region is exactly the sum of its gemeenten

    Counts are made per gemeente and added up, so the veiligheidsregio Utrecht shows the persons of Utrecht,
    Zeist and Amersfoort together, and a region can never show fewer persons than one of its gemeenten.
    """
    register = Register(
        M("a", persoon="p1", plaats="Utrecht"),
        M("b", persoon="p2", plaats="Utrecht"),
        M("c", persoon="p3", plaats="Zeist"),
        M("d", persoon="p4", plaats="Amersfoort"),
        M("e", persoon="p5", plaats="Amsterdam"),
    )
    gemeenten = sum(register.personen(gebied=g) for g in ("Utrecht", "Zeist", "Amersfoort"))
    assert register.personen(gebied="veiligheidsregio van Utrecht") == gemeenten == 4


def test_uitbuiting_in_het_buitenland_telt_alleen_landelijk() -> None:
    """Exploitation abroad, or at an unknown place, counts nationally but in no gemeente

    A person exploited abroad and a person whose plaats delict is unknown are part of the national total;
    no gemeente or region counts them.
    """
    register = Register(
        M("a", persoon="p1", plaats="buitenland"),
        M("b", persoon="p2", plaats="onbekend"),
        M("c", persoon="p3", plaats="Utrecht"),
    )
    assert register.personen() == 3
    assert register.personen(gebied="veiligheidsregio van Utrecht") == 1


def test_een_enkelvoudige_uitsplitsing_volgt_de_eerste_bekende_waarde() -> None:
    """A single-valued breakdown takes the earliest known value

    For gender (like age band, nationality group and dossier type) a person counts in one category: that of
    their earliest melding where it is known. A person first reported with gender `onbekend`, then `vrouw`,
    then `man` counts as `vrouw`; the categories add up to the number of persons.
    """
    register = Register(
        M("a", persoon="p1", datum="2024-01-10", geslacht="onbekend"),
        M("b", persoon="p1", datum="2024-02-10", geslacht="vrouw"),
        M("c", persoon="p1", datum="2024-03-10", geslacht="man"),
        M("d", persoon="p2", geslacht="onbekend"),
    )
    per_geslacht = register.categorieen(Uitsplitsing.geslacht)
    assert per_geslacht == {"vrouw": 1, "onbekend": 1}
    assert sum(per_geslacht.values()) == register.personen()


def test_een_meervoudige_uitsplitsing_telt_in_elke_genoemde_categorie() -> None:
    """A multi-valued breakdown counts a person in every category named

    For the form of exploitation (like sector, method and nationality) a person counts in every category any
    of their meldingen names. A person reported once for sexual and once for labour exploitation counts
    under both, so these categories add up to more than the number of persons. `onbekend` holds only the
    persons of whom no melding names a form.
    """
    register = Register(
        M("a", persoon="p1", vormen=("seksueel",)),
        M("b", persoon="p1", vormen=("arbeid", "onbekend")),
        M("c", persoon="p2", vormen=("onbekend",)),
        M("d", persoon="p3"),
    )
    per_vorm = register.categorieen(Uitsplitsing.uitbuitingsvorm)
    assert per_vorm == {"seksueel": 1, "arbeid": 1, "onbekend": 2}
    assert sum(per_vorm.values()) > register.personen() == 3
