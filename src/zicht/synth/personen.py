# SPDX-License-Identifier: EUPL-1.2
"""Person-level attributes of one year's hidden population (and, for the registered, their identity)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.synth import calibratie as cal
from zicht.synth._vector import bevat, nummers
from zicht.synth.geografie import BUURLANDEN, Geografie
from zicht.synth.identiteit import Identiteiten, genereer_identiteiten
from zicht.synth.inhoud import profiel, trek_sector, trek_werkwijze
from zicht.synth.jaarmodel import Jaarpopulatie
from zicht.synth.populatie import GESLACHTEN, LEEFTIJDSGROEPEN, VORMEN, exacte_leeftijd
from zicht.synth.waarneming import natgroep

#: Second nationality of Dutch nationals by name culture [A].
TWEEDE_NATIONALITEIT: dict[str, tuple[str, float]] = {"ar": ("MA", 0.4), "tr": ("TR", 0.5)}
DOSSIERTYPEN: tuple[str, ...] = tuple(cal.DOSSIERTYPE)


@dataclass
class Personen:
    """All persons of one year; the ``reg_*`` arrays and ``identiteit`` cover the registered ones only."""

    jaar: int
    ids: npt.NDArray[np.object_]
    land: npt.NDArray[np.object_]
    vorm: npt.NDArray[np.int8]
    leeftijdsgroep: npt.NDArray[np.int8]
    geslacht: npt.NDArray[np.int8]
    leeftijd: npt.NDArray[np.int16]
    plaats: npt.NDArray[np.object_]  # GM code or ISO country
    geregistreerd: npt.NDArray[np.int64]  # indices of registered persons
    reg_eerste_melding: npt.NDArray[np.datetime64]
    reg_sector: npt.NDArray[np.object_]
    reg_werkwijze: npt.NDArray[np.uint32]
    reg_tweede_land: npt.NDArray[np.object_]
    reg_vorm_onbekend: npt.NDArray[np.bool_]
    reg_dossiertype: npt.NDArray[np.int8]
    identiteit: Identiteiten


def bouw_personen(jp: Jaarpopulatie, geo: Geografie, seed: int) -> Personen:
    """Draw person attributes and the identities of the registered persons of ``jp``."""
    jaar, c = jp.jaar, jp.cellen
    rng = np.random.default_rng([seed, jaar, 3])
    n = len(jp.cel)
    land = np.array(c.landen, dtype=object)[c.nat[jp.cel]]
    vorm = c.vorm[jp.cel]
    groep = c.leeftijd[jp.cel]
    geslacht = c.geslacht[jp.cel]
    leeftijd = exacte_leeftijd(groep, vorm, rng)
    buitenland_land = np.where(
        (land != "NL") & (rng.random(n) < 0.5),
        land,
        np.array(BUURLANDEN, dtype=object)[rng.integers(0, len(BUURLANDEN), n)],
    )
    plaats = np.where(jp.gemeente >= 0, np.array(geo.codes, dtype=object)[np.maximum(jp.gemeente, 0)], buitenland_land)

    reg = np.flatnonzero(jp.gezien.any(axis=1))
    m = len(reg)
    rng_r = np.random.default_rng([seed, jaar, 4])
    begin = np.datetime64(f"{jaar}-01-01")
    eerste = begin + rng_r.integers(0, 365, size=m).astype("timedelta64[D]")
    vrouw = geslacht[reg] != 1
    ident = genereer_identiteiten(
        rng_r, land[reg], vrouw, leeftijd[reg], eerste, natgroep(c.landen)[c.nat[jp.cel[reg]]]
    )
    sector = trek_sector(rng_r, jaar, vorm[reg], land[reg], leeftijd[reg] < 18)
    werkwijze = trek_werkwijze(rng_r, profiel(vorm[reg], land[reg], vrouw, leeftijd[reg]))
    tweede = np.full(m, "", dtype=object)
    for cultuur, (tweede_land, kans) in sorted(TWEEDE_NATIONALITEIT.items()):
        sel = (land[reg] == "NL") & (ident.cultuur == cultuur) & (rng_r.random(m) < kans)
        tweede[sel] = tweede_land
    onbekend = np.zeros(m, dtype=bool)  # exactly the target share of persons whose form no reporter knows
    onbekend[rng_r.permutation(m)[: round(m * cal.vormen(jaar)["onbekend"])]] = True
    # shelter more often for minors and non-EU victims
    p = np.array([cal.DOSSIERTYPE[d] for d in DOSSIERTYPEN])
    kansen = np.tile(p, (m, 1))
    opvang = (leeftijd[reg] < 18) | ~bevat(land[reg], ["NL", "PL", "RO", "BG", "HU", "LT", "SK"])
    kansen[opvang, 1] *= 1.4
    kansen[~opvang, 1] *= 0.75
    for _ in range(5):  # keep the overall split on target after the tilt
        kansen /= kansen.sum(axis=1, keepdims=True)
        kansen *= p / np.maximum(kansen.mean(axis=0), 1e-9)
    kansen /= kansen.sum(axis=1, keepdims=True)
    dossier = (rng_r.random(m)[:, None] > np.cumsum(kansen, axis=1)).sum(axis=1).astype(np.int8)
    return Personen(
        jaar=jaar,
        ids=np.char.add(f"P{jaar}-", nummers(np.arange(n), 7)).astype(object),
        land=land,
        vorm=vorm,
        leeftijdsgroep=groep,
        geslacht=geslacht,
        leeftijd=leeftijd,
        plaats=plaats,
        geregistreerd=reg,
        reg_eerste_melding=eerste,
        reg_sector=sector,
        reg_werkwijze=werkwijze,
        reg_tweede_land=tweede,
        reg_vorm_onbekend=onbekend,
        reg_dossiertype=dossier,
        identiteit=ident,
    )


def vorm_code(vorm: npt.NDArray[np.int8]) -> npt.NDArray[np.object_]:
    """Form codes for form indices."""
    return np.asarray(np.array(VORMEN, dtype=object)[vorm])


def geslacht_code(geslacht: npt.NDArray[np.int8]) -> npt.NDArray[np.object_]:
    """Gender codes for gender indices."""
    return np.asarray(np.array(GESLACHTEN, dtype=object)[geslacht])


def leeftijdsgroep_code(groep: npt.NDArray[np.int8]) -> npt.NDArray[np.object_]:
    """Age-group names for age-group indices."""
    return np.asarray(np.array(LEEFTIJDSGROEPEN, dtype=object)[groep])
