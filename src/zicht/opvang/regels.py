# SPDX-License-Identifier: EUPL-1.2
"""The rules of shelter placement, without I/O: facility types, who decides, eligibility and the queue.

Eligibility maps a person's profile to the facility types allowed for them (domain.md §5): CoMensha alone
places in COSM (adult non-Dutch victims in the B8 reflection period) and can place directly in OMM (multiple
problems); the centrumgemeente decides for vrouwenopvang, mannenopvang and maatschappelijke opvang (Dutch and
EU adults, and non-EU adults with a residence permit); minors go to youth care, unaccompanied foreign minors to
beschermde opvang (Nidos). The rules are a table (:data:`GESCHIKTHEIDSREGELS`), so tests and documentation
read the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from zicht.taal import N_, vertaler


class Voorzieningsoort(StrEnum):
    """Kinds of shelter facility."""

    cosm = "cosm"
    omm = "omm"
    vrouwenopvang = "vrouwenopvang"
    mannenopvang = "mannenopvang"
    maatschappelijke_opvang = "maatschappelijke_opvang"
    jeugdzorg = "jeugdzorg"
    beschermde_opvang = "beschermde_opvang"
    overig = "overig"


SOORT_LABELS: dict[str, str] = {
    "cosm": N_("COSM (categorale opvang slachtoffers mensenhandel)"),
    "omm": N_("OMM (opvang meervoudige problematiek)"),
    "vrouwenopvang": N_("vrouwenopvang"),
    "mannenopvang": N_("mannenopvang"),
    "maatschappelijke_opvang": N_("maatschappelijke opvang"),
    "jeugdzorg": N_("jeugdzorg"),
    "beschermde_opvang": N_("beschermde opvang (alleenstaande minderjarigen)"),
    "overig": N_("overige opvang"),
}

#: Who decides on a placement in each kind of facility.
BESLISSER: dict[Voorzieningsoort, str] = {
    Voorzieningsoort.cosm: "comensha",
    Voorzieningsoort.omm: "comensha",
    Voorzieningsoort.vrouwenopvang: "centrumgemeente",
    Voorzieningsoort.mannenopvang: "centrumgemeente",
    Voorzieningsoort.maatschappelijke_opvang: "centrumgemeente",
    Voorzieningsoort.jeugdzorg: "gemeente",
    Voorzieningsoort.beschermde_opvang: "nidos",
    Voorzieningsoort.overig: "aanbieder",
}
BESLISSER_LABELS = {
    "comensha": N_("CoMensha"),
    "centrumgemeente": N_("de centrumgemeente"),
    "gemeente": N_("de gemeente (jeugdhulp)"),
    "nidos": N_("Nidos (voogdij)"),
    "aanbieder": N_("de aanbieder"),
}
#: The organisation code of CoMensha: only its opvang users may offer or place in a facility CoMensha decides on.
COMENSHA = "comensha"

GESLACHTEN = ("vrouw", "man", "anders", "onbekend")
#: Nationality group: Dutch, other EU/EEA, outside the EU, unknown.
EU_STATUS = ("nl", "eu", "niet_eu", "onbekend")
#: Residence status of a non-EU person: B8 reflection period (bedenktijd), a permit, asylum procedure, none.
VERBLIJFSSTATUS = ("b8", "verblijfsvergunning", "asiel", "geen", "onbekend")
BEVEILIGINGSNIVEAUS = ("basis", "verhoogd", "hoog")
BESCHERMING_LABELS = {"basis": N_("basis"), "verhoogd": N_("verhoogd"), "hoog": N_("hoog (geheim adres, beveiligd)")}
DOELGROEP_GESLACHT = ("alle", "vrouw", "man")
#: Labels of the profile's and the target group's codes (Dutch source text of zicht.taal, translated where shown).
PROFIEL_LABELS: dict[str, dict[str, str]] = {
    "geslacht": {"vrouw": N_("vrouw"), "man": N_("man"), "anders": N_("anders"), "onbekend": N_("onbekend")},
    "eu_status": {
        "nl": N_("Nederlands"),
        "eu": N_("andere EU/EER"),
        "niet_eu": N_("buiten de EU/EER"),
        "onbekend": N_("onbekend"),
    },
    "verblijfsstatus": {
        "b8": N_("bedenktijd (B8)"),
        "verblijfsvergunning": N_("verblijfsvergunning"),
        "asiel": N_("asielprocedure"),
        "geen": N_("geen"),
        "onbekend": N_("onbekend"),
    },
    "doelgroep": {"alle": N_("iedereen"), "vrouw": N_("vrouwen"), "man": N_("mannen")},
}
#: The intended maximum stay in COSM (domain.md §5); longer stays need a stated reason.
COSM_NORM_DAGEN = 91


@dataclass(frozen=True)
class Profiel:
    """What placement needs to know of a person: no name, no birth date, only the coded needs."""

    geslacht: str = "onbekend"
    leeftijd: int | None = None
    eu_status: str = "onbekend"
    verblijfsstatus: str = "onbekend"
    alleenstaand: bool = False
    meervoudige_problematiek: bool = False
    kinderen: int = 0
    veiligheidsrisico: bool = False
    medisch: bool = False

    @property
    def minderjarig(self) -> bool:
        """Under 18; an unknown age counts as adult only when stated otherwise (here: not a minor)."""
        return self.leeftijd is not None and self.leeftijd < 18

    def prioriteit(self) -> int:
        """Urgency 0 (normal) to 4: one point each for a safety risk, a minor, a medical need, children."""
        return sum((self.veiligheidsrisico, self.minderjarig, self.medisch, self.kinderen > 0))


@dataclass(frozen=True)
class Regel:
    """One row of the eligibility table: when ``geldt`` holds, ``soorten`` are allowed, for ``reden``."""

    naam: str
    geldt: Callable[[Profiel], bool]
    soorten: tuple[Voorzieningsoort, ...]
    reden: str


def _volwassen(p: Profiel) -> bool:
    return not p.minderjarig


def _wmo(p: Profiel) -> bool:
    """Entitled to Wmo shelter under a centrumgemeente: Dutch/EU adults and non-EU adults with a permit."""
    return _volwassen(p) and (p.eu_status in ("nl", "eu") or p.verblijfsstatus == "verblijfsvergunning")


V = Voorzieningsoort
GESCHIKTHEIDSREGELS: tuple[Regel, ...] = (
    Regel(
        "amv",
        lambda p: p.minderjarig and p.eu_status == "niet_eu" and p.alleenstaand,
        (V.beschermde_opvang,),
        N_("alleenstaande minderjarige vreemdeling: beschermde opvang onder voogdij van Nidos"),
    ),
    Regel(
        "minderjarig",
        lambda p: p.minderjarig and not (p.eu_status == "niet_eu" and p.alleenstaand),
        (V.jeugdzorg,),
        N_("minderjarig: jeugdzorg (gespecialiseerde plekken voor slachtoffers van loverboys)"),
    ),
    Regel(
        "cosm",
        lambda p: _volwassen(p) and p.eu_status == "niet_eu" and p.verblijfsstatus in ("b8", "geen", "onbekend"),
        (V.cosm,),
        N_("volwassen, niet uit de EU, bedenktijd (B8): COSM, alleen via CoMensha"),
    ),
    Regel(
        "omm",
        lambda p: _volwassen(p) and p.meervoudige_problematiek,
        (V.omm,),
        N_("volwassen met meervoudige problematiek: OMM, CoMensha plaatst direct"),
    ),
    Regel(
        "wmo_vrouw",
        lambda p: _wmo(p) and p.geslacht in ("vrouw", "onbekend"),
        (V.vrouwenopvang, V.maatschappelijke_opvang),
        N_("volwassen vrouw met recht op Wmo-opvang: vrouwenopvang of maatschappelijke opvang (centrumgemeente)"),
    ),
    Regel(
        "wmo_man",
        lambda p: _wmo(p) and p.geslacht in ("man", "onbekend"),
        (V.mannenopvang, V.maatschappelijke_opvang),
        N_("volwassen man met recht op Wmo-opvang: mannenopvang of maatschappelijke opvang (centrumgemeente)"),
    ),
    Regel(
        "wmo_anders",
        lambda p: _wmo(p) and p.geslacht == "anders",
        (V.maatschappelijke_opvang,),
        N_("volwassen met recht op Wmo-opvang: maatschappelijke opvang (centrumgemeente)"),
    ),
    Regel(
        "asiel",
        lambda p: _volwassen(p) and p.eu_status == "niet_eu" and p.verblijfsstatus == "asiel",
        (V.overig,),
        N_("in de asielprocedure: opvang via het COA (overige opvang)"),
    ),
)


def geschikte_soorten(profiel: Profiel) -> dict[Voorzieningsoort, str]:
    """The facility types allowed for ``profiel``, each with the reason of the first rule allowing it."""
    result: dict[Voorzieningsoort, str] = {}
    for regel in GESCHIKTHEIDSREGELS:
        if regel.geldt(profiel):
            for soort in regel.soorten:
                result.setdefault(soort, regel.reden)
    return result


@dataclass(frozen=True)
class Doelgroep:
    """A facility's own target-group rules (on top of its type)."""

    geslacht: str = "alle"
    leeftijd_min: int | None = None
    leeftijd_max: int | None = None
    b8: bool = False
    meervoudige_problematiek: bool = False
    kinderen: bool = False
    beveiligingsniveau: str = "basis"


def past_bij_doelgroep(profiel: Profiel, doelgroep: Doelgroep, taal: str = "nl") -> str | None:
    """None when the person fits the facility's target group, otherwise the reason why not (in ``taal``)."""
    _ = vertaler(taal)
    if doelgroep.geslacht != "alle" and profiel.geslacht not in (doelgroep.geslacht, "onbekend"):
        groepen = PROFIEL_LABELS["doelgroep"]
        groep = _(groepen[doelgroep.geslacht])
        return _("alleen voor {doelgroep}", doelgroep=groep)
    if profiel.leeftijd is not None:
        if doelgroep.leeftijd_min is not None and profiel.leeftijd < doelgroep.leeftijd_min:
            return _("vanaf {n} jaar", n=doelgroep.leeftijd_min)
        if doelgroep.leeftijd_max is not None and profiel.leeftijd > doelgroep.leeftijd_max:
            return _("tot en met {n} jaar", n=doelgroep.leeftijd_max)
    if profiel.kinderen > 0 and not doelgroep.kinderen:
        return _("geen plek voor meekomende kinderen")
    if profiel.verblijfsstatus == "b8" and profiel.eu_status == "niet_eu" and not doelgroep.b8:
        return _("geen opvang tijdens bedenktijd (B8)")
    if profiel.meervoudige_problematiek and not doelgroep.meervoudige_problematiek and not profiel.minderjarig:
        return _("geen begeleiding bij meervoudige problematiek")
    if profiel.veiligheidsrisico and doelgroep.beveiligingsniveau == "basis":
        return _("beveiliging te laag bij veiligheidsrisico")
    return None


# --- the queue: states, transitions and reasons -----------------------------------------------------------


class Status(StrEnum):
    """States of a placement request."""

    aangevraagd = "aangevraagd"
    aangeboden = "aangeboden"
    geplaatst = "geplaatst"
    geweigerd = "geweigerd"
    ingetrokken = "ingetrokken"
    uitgestroomd = "uitgestroomd"


S = Status
#: Labels of the states (Dutch source text of zicht.taal).
STATUS_LABELS: dict[str, str] = {
    "aangevraagd": N_("aangevraagd"),
    "aangeboden": N_("aangeboden"),
    "geplaatst": N_("geplaatst"),
    "geweigerd": N_("geweigerd"),
    "ingetrokken": N_("ingetrokken"),
    "uitgestroomd": N_("uitgestroomd"),
}
#: Every allowed transition; anything else is refused.
OVERGANGEN: frozenset[tuple[Status, Status]] = frozenset(
    {
        (S.aangevraagd, S.aangeboden),
        (S.aangevraagd, S.geweigerd),
        (S.aangevraagd, S.ingetrokken),
        (S.aangeboden, S.geplaatst),
        (S.aangeboden, S.geweigerd),
        (S.aangeboden, S.ingetrokken),
        (S.geplaatst, S.uitgestroomd),
    }
)
EINDSTATUSSEN = frozenset({S.geweigerd, S.ingetrokken, S.uitgestroomd})

#: The reasons a decision may give, per target state (codes, never free text about the person).
REDENEN: dict[Status, dict[str, str]] = {
    S.aangevraagd: {
        "nieuwe_aanvraag": N_("nieuwe aanvraag"),
        "doorplaatsing": N_("doorplaatsing vanuit een andere opvang"),
    },
    S.aangeboden: {
        "passend_profiel": N_("plek past bij het profiel"),
        "dichtbij_netwerk": N_("dicht bij het netwerk van de persoon"),
        "veiligheid_buiten_regio": N_("buiten de regio van de plaats delict vanwege veiligheid"),
        "enige_vrije_plek": N_("enige passende vrije plek"),
    },
    S.geplaatst: {"aanbod_aanvaard": N_("aanbod aanvaard"), "centrumgemeente_akkoord": N_("centrumgemeente akkoord")},
    S.geweigerd: {
        "geen_capaciteit": N_("geen plek vrij"),
        "niet_passend": N_("past niet bij de doelgroep"),
        "persoon_weigert": N_("persoon wil deze plek niet"),
        "voorziening_weigert": N_("voorziening weigert"),
        "veiligheid": N_("veiligheid niet te garanderen"),
    },
    S.ingetrokken: {
        "elders_opgevangen": N_("elders opgevangen"),
        "niet_meer_nodig": N_("opvang niet meer nodig"),
        "persoon_onvindbaar": N_("persoon niet meer in beeld"),
        "aanvrager_trekt_in": N_("aanvrager trekt in"),
    },
    S.uitgestroomd: {
        "zelfstandige_woning": N_("zelfstandige woonruimte"),
        "doorplaatsing": N_("doorplaatsing naar andere opvang"),
        "terugkeer_herkomstland": N_("terugkeer naar het land van herkomst"),
        "andere_zorg": N_("naar andere zorg of begeleid wonen"),
        "vertrokken_onbekend": N_("vertrokken, bestemming onbekend"),
    },
}
#: Reasons for a COSM stay beyond the three-month norm.
VERLENGINGSREDENEN: dict[str, str] = {
    "wacht_op_woning": N_("wacht op woonruimte in een gemeente"),
    "wacht_op_verblijfsvergunning": N_("wacht op besluit verblijfsvergunning"),
    "geen_vervolgplek": N_("geen passende vervolgplek"),
    "medisch": N_("medische redenen"),
    "veiligheid": N_("veiligheid"),
    "overig": N_("overig"),
}


class OngeldigeOvergang(ValueError):
    """A transition that the queue does not allow, or a decision without a valid reason."""


def controleer_overgang(van: Status, naar: Status, reden: str) -> None:
    """Raise OngeldigeOvergang unless ``van -> naar`` is allowed and ``reden`` is a reason for ``naar``."""
    if (van, naar) not in OVERGANGEN:
        raise OngeldigeOvergang(f"overgang {van.value} -> {naar.value} is niet toegestaan")
    if reden not in REDENEN[naar]:
        raise OngeldigeOvergang(f"reden {reden!r} hoort niet bij {naar.value}")
