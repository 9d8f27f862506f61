# SPDX-License-Identifier: EUPL-1.2
"""What a registered person's exploitation looks like: sector and werkwijze (modus operandi) per form.

Sectors follow the monitors (domain.md §2.3): the less visible sexual sectors (home-based, escort, hotel) grow
from 66% to 89%; labour exploitation in greenhouses, distribution, food processing, hospitality; criminal
exploitation in drugs, money mules, theft, begging and (from 2022) explosives. Werkwijze profiles fit form and
victim: the loverboy method for young Dutch women, debt bondage and a juju oath for West-African women in
sexual exploitation, withheld documents, excessive hours and false promises for Central- and Eastern-European
workers, online recruitment and threats for minors in criminal exploitation. Probabilities are [A].
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zicht.codebook import WERKWIJZE
from zicht.synth._vector import bevat
from zicht.synth.populatie import ARBEID, CRIMINEEL, SEKS

WERKWIJZE_CODES: tuple[str, ...] = tuple(c for c in WERKWIJZE.waarden if c != "onbekend")
_BIT = {c: i for i, c in enumerate(WERKWIJZE_CODES)}

OOST_EU = frozenset({"PL", "UA", "RO", "BG", "HU", "LT", "SK"})
WEST_AFRIKA = frozenset({"NG", "GH", "SL", "GN", "UG"})

#: werkwijze profiles: name -> {code: probability}
PROFIELEN: dict[str, dict[str, float]] = {
    "loverboy": {"loverboymethode": 0.70, "psychisch_geweld": 0.45, "werving_online": 0.30, "afpakken_verdiensten": 0.35,
                 "geweld": 0.20, "verdovende_middelen": 0.15, "sextortion": 0.08, "beperken_bewegingsvrijheid": 0.10},
    "west_afrika_seks": {"schuldslavernij": 0.70, "voodoo_eed": 0.55, "valse_beloften": 0.50, "innemen_documenten": 0.40,
                         "bedreiging_familie": 0.30, "afpakken_verdiensten": 0.30, "dreigen_met_autoriteiten": 0.15},
    "oost_eu_seks": {"loverboymethode": 0.25, "valse_beloften": 0.40, "afpakken_verdiensten": 0.50, "geweld": 0.30,
                     "werving_vrienden": 0.20, "bedreiging": 0.25, "werving_familie": 0.08},
    "overig_seks": {"valse_beloften": 0.45, "schuldslavernij": 0.40, "werving_advertentie": 0.25,
                    "afpakken_verdiensten": 0.35, "innemen_documenten": 0.20, "bedreiging": 0.20, "werving_online": 0.15},
    "oost_eu_arbeid": {"valse_beloften": 0.55, "excessieve_werktijden": 0.60, "innemen_documenten": 0.40,
                       "werving_uitzendbureau": 0.45, "schuldslavernij": 0.25, "onthouden_basisbehoeften": 0.20,
                       "afpakken_verdiensten": 0.30, "dreigen_met_autoriteiten": 0.08},
    "overig_arbeid": {"schuldslavernij": 0.40, "innemen_documenten": 0.45, "beperken_bewegingsvrijheid": 0.30,
                      "excessieve_werktijden": 0.50, "dreigen_met_autoriteiten": 0.25, "valse_beloften": 0.40,
                      "werving_familie": 0.10, "onthouden_basisbehoeften": 0.20},
    "crimineel_minderjarig": {"werving_online": 0.35, "werving_vrienden": 0.35, "schuldslavernij": 0.25,
                              "bedreiging": 0.45, "geweld": 0.25, "loverboymethode": 0.08, "verdovende_middelen": 0.15},
    "crimineel_volwassen": {"schuldslavernij": 0.35, "bedreiging": 0.40, "verdovende_middelen": 0.20,
                            "werving_familie": 0.15, "geweld": 0.20, "afpakken_verdiensten": 0.20, "valse_beloften": 0.20},
    "overig": {"valse_beloften": 0.50, "schuldslavernij": 0.30, "overig": 0.30},
}  # fmt: skip

SECTOREN: dict[int, dict[str, float]] = {
    ARBEID: {"land_tuinbouw": 0.20, "voedselverwerking": 0.12, "distributie_logistiek": 0.15, "productie": 0.08,
             "horeca": 0.12, "schoonmaak": 0.08, "bouw": 0.08, "huishoudelijk_werk": 0.05, "transport": 0.05,
             "scheepvaart_visserij": 0.02, "wasserij": 0.02, "overig_arbeid": 0.03},
    CRIMINEEL: {"drugs": 0.45, "geldezel": 0.15, "diefstal": 0.18, "bedelarij": 0.08, "explosieven": 0.02,
                "overig_crimineel": 0.06},
}  # fmt: skip
#: Less visible sexual sectors (home, escort, hotel, ...) vs licensed window/club prostitution [S: 66% 2013–15,
#: 81% 2016–17, 89% 2017–19].
_ONZICHTBAAR = {"thuisprostitutie": 0.40, "escort": 0.30, "hotel": 0.14, "straat": 0.03, "webcam_online": 0.09,
                "pornografie": 0.02, "overig_seksueel": 0.02}  # fmt: skip


def seks_sectoren(jaar: int) -> dict[str, float]:
    """Sexual-exploitation sectors for ``jaar``."""
    vergund = 0.34 if jaar <= 2015 else 0.19 if jaar <= 2017 else 0.11
    return {"raamprostitutie": 0.65 * vergund, "clubprostitutie": 0.35 * vergund,
            **{k: v * (1 - vergund) for k, v in _ONZICHTBAAR.items()}}  # fmt: skip


def trek_sector(
    rng: np.random.Generator,
    jaar: int,
    vorm: npt.NDArray[np.int8],
    land: npt.NDArray[np.object_],
    minder: npt.NDArray[np.bool_],
) -> npt.NDArray[np.object_]:
    """The true sector per person ("" for organ removal and other forms)."""
    uit = np.full(len(vorm), "", dtype=object)
    for v, tabel in ((SEKS, seks_sectoren(jaar)), (ARBEID, SECTOREN[ARBEID]), (CRIMINEEL, SECTOREN[CRIMINEEL])):
        codes = sorted(tabel)
        basis = np.array([tabel[c] for c in codes])
        groepen: list[tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]] = []
        if v == ARBEID:
            huis = bevat(land, ["IN", "PH", "ID"])
            w = basis.copy()
            w[codes.index("huishoudelijk_werk")] *= 8
            groepen = [(huis, w), (~huis, basis)]
        elif v == CRIMINEEL:
            w = basis.copy()
            w[codes.index("drugs")] *= 1.2
            w[codes.index("geldezel")] *= 1.5
            w[codes.index("explosieven")] *= 3 if jaar >= 2022 else 1
            groepen = [(minder, w), (~minder, basis)]
        else:
            groepen = [(np.ones(len(vorm), dtype=bool), basis)]
        for mask, w in groepen:
            sel = (vorm == v) & mask
            uit[sel] = np.array(codes, dtype=object)[rng.choice(len(codes), size=int(sel.sum()), p=w / w.sum())]
    return uit


def profiel(
    vorm: npt.NDArray[np.int8],
    land: npt.NDArray[np.object_],
    vrouw: npt.NDArray[np.bool_],
    leeftijd: npt.NDArray[np.int16],
) -> npt.NDArray[np.object_]:
    """The werkwijze profile name per person."""
    nl = land == "NL"
    oost = bevat(land, OOST_EU)
    west_afr = bevat(land, WEST_AFRIKA)
    keuzes = [
        ((vorm == SEKS) & nl & vrouw & (leeftijd <= 25), "loverboy"),
        ((vorm == SEKS) & west_afr, "west_afrika_seks"),
        ((vorm == SEKS) & oost, "oost_eu_seks"),
        (vorm == SEKS, "overig_seks"),
        ((vorm == ARBEID) & oost, "oost_eu_arbeid"),
        (vorm == ARBEID, "overig_arbeid"),
        ((vorm == CRIMINEEL) & (leeftijd < 18), "crimineel_minderjarig"),
        (vorm == CRIMINEEL, "crimineel_volwassen"),
    ]
    return np.select([k for k, _ in keuzes], [np.array(n, dtype=object) for _, n in keuzes], default="overig")


def trek_werkwijze(rng: np.random.Generator, profielen: npt.NDArray[np.object_]) -> npt.NDArray[np.uint32]:
    """The true werkwijze set per person as a bit mask over :data:`WERKWIJZE_CODES` (never empty)."""
    masker = np.zeros(len(profielen), dtype=np.uint32)
    for naam in sorted(PROFIELEN):
        sel = np.flatnonzero(profielen == naam)
        kansen = PROFIELEN[naam]
        for code in sorted(kansen):
            raak = rng.random(len(sel)) < kansen[code]
            masker[sel[raak]] |= np.uint32(1 << _BIT[code])
        hoofd = max(kansen, key=lambda c: (kansen[c], c))
        leeg = sel[masker[sel] == 0]
        masker[leeg] = np.uint32(1 << _BIT[hoofd])
    return masker


def masker_tekst(masker: npt.NDArray[np.uint32], labels: dict[str, str] | None = None) -> npt.NDArray[np.object_]:
    """``;``-joined werkwijze codes (or labels) per mask; 0 gives ""."""
    uniek, terug = np.unique(masker, return_inverse=True)
    teksten = []
    for m in uniek.tolist():
        codes = [c for c in WERKWIJZE_CODES if m >> _BIT[c] & 1]
        teksten.append(";".join(labels[c] for c in codes) if labels else ";".join(codes))
    return np.asarray(np.array(teksten, dtype=object)[terug])
