# SPDX-License-Identifier: EUPL-1.2
"""The hidden population: victims per year with nationality, form, age group and gender.

A year's population is described by *cells* (nationality x true form x age group x gender). The registered
distribution over cells follows the calibration targets: nationality and form are joined by iterative
proportional fitting over an affinity table (Polish and Ukrainian victims mostly in labour exploitation,
Nigerian and Latin-American victims in sexual exploitation, Dutch minors in sexual and criminal exploitation,
...), then age group and gender follow per cell. The hidden population over-represents the cells that are seen
less (probability divided by their visibility), so that after observation the registered persons show the
target shares again (see :mod:`zicht.synth.waarneming`). All affinities here are assumptions [A].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.synth import calibratie as cal

#: True forms in index order; ``onbekend`` is never a true form (it is a gap in a report).
VORMEN: tuple[str, ...] = ("seksueel", "arbeid", "crimineel", "orgaanverwijdering", "overig")
SEKS, ARBEID, CRIMINEEL, ORGAAN, OVERIG = range(5)
#: Age groups: minor, 18–22, 23 and over.
LEEFTIJDSGROEPEN: tuple[str, ...] = ("minderjarig", "jongvolwassen", "volwassen")
#: Genders drawn for persons (``onbekend`` only appears in reports).
GESLACHTEN: tuple[str, ...] = ("vrouw", "man", "transgender_vrouw")

#: Form affinity per nationality (sexual, labour, criminal) [A]; unlisted nationalities have (1, 1, 1).
AFFINITEIT: dict[str, tuple[float, float, float]] = {
    "NL": (3.0, 0.25, 2.5), "RO": (1.6, 1.0, 0.8), "BG": (1.6, 0.9, 0.6), "HU": (1.8, 0.6, 0.5),
    "PL": (0.15, 3.5, 0.3), "LT": (0.4, 2.5, 0.5), "SK": (0.8, 2.0, 0.5), "UA": (0.45, 2.5, 0.2),
    "NG": (3.0, 0.25, 0.4), "GH": (2.0, 0.6, 0.5), "SL": (2.0, 0.6, 0.6), "UG": (2.5, 0.6, 0.3),
    "GN": (1.5, 0.8, 0.8), "ER": (0.6, 1.5, 0.6), "ET": (0.6, 1.8, 0.5), "VN": (0.5, 1.8, 2.5),
    "CN": (1.2, 2.0, 0.5), "IN": (0.2, 3.0, 0.3), "PH": (0.4, 3.0, 0.2), "BR": (3.0, 0.4, 0.4),
    "CO": (3.0, 0.4, 0.4), "VE": (3.0, 0.4, 0.4), "DO": (3.0, 0.4, 0.4), "PY": (3.0, 0.4, 0.4),
    "MA": (1.0, 0.6, 2.5), "SY": (0.8, 1.2, 1.0), "AF": (0.6, 1.0, 2.0), "EG": (0.6, 1.5, 0.8),
    "DZ": (0.8, 0.6, 2.5), "TR": (1.0, 1.2, 1.0), "AL": (1.5, 1.0, 1.5),
}  # fmt: skip
#: Nationalities whose nationals in the Netherlands are mostly asylum seekers (COA, Nidos, IND see them).
ASIEL_LANDEN = frozenset({"ER", "ET", "SY", "AF", "GN", "SL", "NG", "UG", "IQ"})
#: Share of women per true form for adults and minors [A] (sexual includes 1.5% transgender women).
VROUW_KANS: dict[int, tuple[float, float]] = {
    SEKS: (0.93, 0.96),
    ARBEID: (0.30, 0.35),
    CRIMINEEL: (0.33, 0.22),
    ORGAAN: (0.3, 0.3),
    OVERIG: (0.7, 0.7),
}
TRANSGENDER_VROUW_KANS = 0.015


@dataclass(frozen=True)
class Cellen:
    """The cells of one year: attribute indices per cell and the registered probability of each cell."""

    jaar: int
    landen: tuple[str, ...]
    nat: npt.NDArray[np.int16]
    vorm: npt.NDArray[np.int8]
    leeftijd: npt.NDArray[np.int8]
    geslacht: npt.NDArray[np.int8]
    p_geregistreerd: npt.NDArray[np.float64]


def landen(jaar: int) -> tuple[str, ...]:
    """Nationalities in index order for ``jaar``: ``NL`` first, then the foreign ones sorted."""
    return ("NL", *sorted(cal.nationaliteiten(jaar)))


def _ipf(
    affiniteit: npt.NDArray[np.float64], rij: npt.NDArray[np.float64], kolom: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    m = affiniteit.copy()
    for _ in range(60):
        m *= (rij / np.maximum(m.sum(axis=1), 1e-300))[:, None]
        m *= (kolom / np.maximum(m.sum(axis=0), 1e-300))[None, :]
    return m / m.sum()


def _logit_fit(
    doel: float, kans_basis: npt.NDArray[np.float64], odds: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Probabilities ``o*x / (1 + o*x)`` per cell with the intercept ``x`` chosen so the weighted mean is ``doel``."""
    lo, hi = 1e-6, 1e6
    for _ in range(80):
        x = np.sqrt(lo * hi)
        p = odds * x / (1 + odds * x)
        if float((kans_basis * p).sum()) > doel:
            hi = x
        else:
            lo = x
    return odds * x / (1 + odds * x)


def bouw_cellen(jaar: int) -> Cellen:
    """The registered cell distribution of ``jaar`` (before corrections)."""
    lnd = landen(jaar)
    buitenlands = cal.nationaliteiten(jaar)
    nl = cal.jaarwaarde(cal.NEDERLANDS, jaar)
    totaal_bl = sum(buitenlands.values())
    rij = np.array([nl, *((1 - nl) * buitenlands[c] / totaal_bl for c in lnd[1:])])
    vormen = cal.vormen(jaar)
    bekend = np.array([vormen[v] for v in VORMEN])
    kolom = bekend / bekend.sum()
    aff = np.ones((len(lnd), len(VORMEN)))
    for i, land in enumerate(lnd):
        aff[i, :3] = AFFINITEIT.get(land, (1.0, 1.0, 1.0))
    nat_vorm = _ipf(aff, rij, kolom)

    n_nat, n_vorm = nat_vorm.shape
    rooster_nat, rooster_vorm = np.meshgrid(np.arange(n_nat), np.arange(n_vorm), indexing="ij")
    nat_idx, vorm_idx, p_nv = rooster_nat.ravel(), rooster_vorm.ravel(), nat_vorm.ravel()
    is_nl = nat_idx == 0
    # minors: odds multipliers per (nationality, form)
    odds = np.ones_like(p_nv)
    crim_nl = 9.0 if jaar >= 2023 else 5.0
    odds[is_nl & (vorm_idx == SEKS)] = 5.0
    odds[is_nl & (vorm_idx == CRIMINEEL)] = crim_nl
    odds[is_nl & (vorm_idx == ARBEID)] = 0.3
    odds[~is_nl & (vorm_idx == ARBEID)] = 0.15
    odds[~is_nl & (vorm_idx == CRIMINEEL)] = 1.5
    asiel = np.array([lnd[i] in ASIEL_LANDEN for i in nat_idx])
    odds[asiel] *= 1.5
    odds[vorm_idx >= ORGAAN] = 0.5
    p_min = _logit_fit(cal.jaarwaarde(cal.MINDERJARIG, jaar), p_nv, odds)
    odds_jong = np.where(vorm_idx == ARBEID, 0.6, 1.8) * np.where(is_nl, 1.5, 1.0)
    volw_massa = p_nv * (1 - p_min)
    doel_jong = cal.jaarwaarde(cal.JONGVOLWASSEN, jaar) / max(float(volw_massa.sum()), 1e-9)
    p_jong = _logit_fit(min(doel_jong, 0.95), volw_massa / volw_massa.sum(), odds_jong)

    nat_l, vorm_l, lft_l, gsl_l, p_l = [], [], [], [], []
    for lft, p_lft in ((0, p_min), (1, (1 - p_min) * p_jong), (2, (1 - p_min) * (1 - p_jong))):
        vrouw = np.array([VROUW_KANS[int(v)][1 if lft == 0 else 0] for v in vorm_idx])
        trans = np.where((vorm_idx == SEKS) & (lft > 0), TRANSGENDER_VROUW_KANS, 0.0)
        for gsl, p_gsl in ((0, vrouw - trans), (1, 1 - vrouw), (2, trans)):
            nat_l.append(nat_idx)
            vorm_l.append(vorm_idx)
            lft_l.append(np.full_like(nat_idx, lft))
            gsl_l.append(np.full_like(nat_idx, gsl))
            p_l.append(p_nv * p_lft * p_gsl)
    p = np.concatenate(p_l)
    keep = p > 0
    return Cellen(
        jaar=jaar,
        landen=lnd,
        nat=np.concatenate(nat_l)[keep].astype(np.int16),
        vorm=np.concatenate(vorm_l)[keep].astype(np.int8),
        leeftijd=np.concatenate(lft_l)[keep].astype(np.int8),
        geslacht=np.concatenate(gsl_l)[keep].astype(np.int8),
        p_geregistreerd=p[keep] / p[keep].sum(),
    )


def doelmarges(cellen: Cellen) -> dict[str, tuple[npt.NDArray[np.int_], npt.NDArray[np.float64]]]:
    """Per margin (form, age group, Dutch, female): the category of every cell and the target shares."""
    jaar = cellen.jaar
    vormen = cal.vormen(jaar)
    bekend = np.array([vormen[v] for v in VORMEN])
    mnd, jong = cal.jaarwaarde(cal.MINDERJARIG, jaar), cal.jaarwaarde(cal.JONGVOLWASSEN, jaar)
    nl, vrouw = cal.jaarwaarde(cal.NEDERLANDS, jaar), cal.jaarwaarde(cal.VROUW, jaar)
    return {
        "vorm": (cellen.vorm.astype(np.int_), bekend / bekend.sum()),
        "leeftijd": (cellen.leeftijd.astype(np.int_), np.array([mnd, jong, 1 - mnd - jong])),
        "nederlands": ((cellen.nat == 0).astype(np.int_), np.array([1 - nl, nl])),
        "vrouw": ((cellen.geslacht != 1).astype(np.int_), np.array([1 - vrouw, vrouw])),
    }


def exacte_leeftijd(
    groep: npt.NDArray[np.int8], vorm: npt.NDArray[np.int8], rng: np.random.Generator
) -> npt.NDArray[np.int16]:
    """An age in years within each person's age group (minors mostly 15–17; 23+ skewed, older in labour)."""
    n = len(groep)
    minder = rng.choice(np.arange(12, 18), size=n, p=[0.05, 0.07, 0.10, 0.20, 0.27, 0.31])
    jong = rng.integers(18, 23, size=n)
    schaal = np.where(vorm == ARBEID, 8.5, 6.0)
    oud = 23 + np.minimum(rng.gamma(2.0, 1.0, size=n) * schaal, 45).astype(np.int16)
    return np.where(groep == 0, minder, np.where(groep == 1, jong, oud)).astype(np.int16)
