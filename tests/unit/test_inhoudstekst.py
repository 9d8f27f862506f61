# SPDX-License-Identifier: EUPL-1.2
"""The content text a melding's keyed hash is computed from is the one the registry has always stored, now that
it is generated from the field declarations: a re-import of an unchanged melding is still recognised as already
present, not as a conflict. The expected texts were produced by the hand-written ``MeldingInvoer.canonical``
that the declarations replaced (issue 11, item 1)."""

from __future__ import annotations

from datetime import date

from zicht.domain import Identiteitsgegevens, MeldingInvoer, Plaats, Uitbuiting
from zicht.intake import Validator
from zicht.intake.invoer import inhoudstekst
from zicht.reference import Referentiedata

VANDAAG = date(2025, 1, 1)
VOL = {
    "melder_referentie": "H-1",
    "melddatum": "2024-03-01",
    "uitbuitingsvorm": "arbeid;seksueel",
    "sector": "land_tuinbouw;thuisprostitutie",
    "werkwijze": "schuldslavernij;loverboymethode",
    "plaats_delict": "Utrecht",
    "wervingsplaats": "Polen",
    "uitbuiting_van": "2023-01-01",
    "uitbuiting_tot": "2023-06-30",
    "geslacht": "vrouw",
    "geboortedatum": "1999-02-03",
    "nationaliteit": "PL;NL",
    "dossiertype": "registratie_opvang",
    "status": "mogelijk",
    "grondslag": "vrijwillig",
    "toestemming": "ja",
    "voornamen": "Anna",
    "achternaam": "Kowalska",
    "documentnummer": "AB123456;CD987654",
    "telefoonnummer": "+31 6 12345678",
    "toelichting": "tekst",
    "route": "werving:Polen:2022-12-01;uitbuiting:Utrecht",
}
VOL_TEKST = (
    "MeldingInvoer(melder_referentie='H-1', melddatum=datetime.date(2024, 3, 1), uitbuitingen=(Uitbuiting"
    "(vorm='arbeid', sector='land_tuinbouw'), Uitbuiting(vorm='seksueel', sector='thuisprostitutie')), we"
    "rkwijzen=('schuldslavernij', 'loverboymethode'), plaats_delict=Plaats(soort=<PlaatsSoort.gemeente: '"
    "gemeente'>, gemeentecode='GM0344', land=None), wervingsplaats=Plaats(soort=<PlaatsSoort.buitenland: "
    "'buitenland'>, gemeentecode=None, land='PL'), uitbuiting_van=datetime.date(2023, 1, 1), uitbuiting_t"
    "ot=datetime.date(2023, 6, 30), geslacht='vrouw', geboortejaar=1999, leeftijd_bij_melding=25, nationa"
    "liteiten=('PL', 'NL'), dossiertype='registratie_opvang', status='mogelijk', grondslag='vrijwillig', "
    "toestemming='ja', route=(RouteStap(soort='werving', plaats=Plaats(soort=<PlaatsSoort.buitenland: 'bu"
    "itenland'>, gemeentecode=None, land='PL'), datum=datetime.date(2022, 12, 1)), RouteStap(soort='uitbu"
    "iting', plaats=Plaats(soort=<PlaatsSoort.gemeente: 'gemeente'>, gemeentecode='GM0344', land=None), d"
    'atum=None)))|{"achternaam":"Kowalska","documentnummers":["AB123456","CD987654"],"extra":{},"geboorte'
    'datum":"1999-02-03","telefoonnummers":["+31 6 12345678"],"toelichting":"tekst","voornamen":"Anna"}'
)
LEEG_TEKST = (
    "MeldingInvoer(melder_referentie='H-2', melddatum=datetime.date(2024, 1, 1), uitbuitingen=(Uitbuiting"
    "(vorm='onbekend', sector='onbekend'),), werkwijzen=('onbekend',), plaats_delict=Plaats(soort=<Plaats"
    "Soort.onbekend: 'onbekend'>, gemeentecode=None, land=None), wervingsplaats=Plaats(soort=<PlaatsSoort"
    ".onbekend: 'onbekend'>, gemeentecode=None, land=None), uitbuiting_van=None, uitbuiting_tot=None, ges"
    "lacht='onbekend', geboortejaar=None, leeftijd_bij_melding=None, nationaliteiten=('onbekend',), dossi"
    "ertype='onbekend', status='mogelijk', grondslag='vrijwillig', toestemming='onbekend', route=())|{\"ac"
    'hternaam":null,"documentnummers":[],"extra":{},"geboortedatum":null,"telefoonnummers":[],"toelichtin'
    'g":null,"voornamen":null}'
)
DIRECT_TEKST = (
    "MeldingInvoer(melder_referentie='R1', melddatum=datetime.date(2024, 1, 2), uitbuitingen=(Uitbuiting("
    "vorm='arbeid', sector='onbekend'),), werkwijzen=('onbekend',), plaats_delict=Plaats(soort=<PlaatsSoo"
    "rt.gemeente: 'gemeente'>, gemeentecode='GM0344', land=None), wervingsplaats=Plaats(soort=<PlaatsSoor"
    "t.onbekend: 'onbekend'>, gemeentecode=None, land=None), uitbuiting_van=None, uitbuiting_tot=None, ge"
    "slacht='man', geboortejaar=None, leeftijd_bij_melding=None, nationaliteiten=('onbekend',), dossierty"
    "pe='onbekend', status='mogelijk', grondslag='onbekend', toestemming='onbekend', route=())|{\"achterna"
    'am":null,"documentnummers":[],"extra":{},"geboortedatum":null,"telefoonnummers":[],"toelichting":nul'
    'l,"voornamen":"Naam"}'
)


def test_de_inhoudstekst_van_een_volledige_melding_is_ongewijzigd(reference: Referentiedata) -> None:
    melding = Validator(reference, "nationale_politie", VANDAAG).validate(VOL)
    assert isinstance(melding, MeldingInvoer)
    assert inhoudstekst(melding) == VOL_TEKST


def test_de_inhoudstekst_met_alleen_standaardwaarden_is_ongewijzigd(reference: Referentiedata) -> None:
    # a voluntary reporter: the legal basis defaults to vrijwillig, every other code to onbekend or mogelijk
    ruw = {"melder_referentie": "H-2", "melddatum": "2024-01-01", "uitbuitingsvorm": "onbekend"}
    melding = Validator(reference, "fairwork", VANDAAG).validate(ruw)
    assert isinstance(melding, MeldingInvoer)
    assert inhoudstekst(melding) == LEEG_TEKST


def test_een_direct_gemaakte_melding_krijgt_de_gedeclareerde_standaardwaarden() -> None:
    melding = MeldingInvoer(
        melder_referentie="R1",
        melddatum=date(2024, 1, 2),
        uitbuitingen=(Uitbuiting("arbeid"),),
        geslacht="man",
        plaats_delict=Plaats.in_gemeente("GM0344"),
        identiteit=Identiteitsgegevens(voornamen="Naam"),
    )
    assert inhoudstekst(melding) == DIRECT_TEKST
