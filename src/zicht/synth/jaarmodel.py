# SPDX-License-Identifier: EUPL-1.2
"""One year of the hidden population, calibrated and observed.

Calibration runs on (a sample of at most :data:`KALIBRATIE_MAX` persons of) the year's hidden population with
common random numbers: the reporter-kind weights ``a_k`` are moved towards the target reporter mix, the spread
``sigma`` of the shared visibility towards the target reports-per-person ratio, and per-cell corrections of the
hidden distribution towards the registered shares of form, age group, Dutch nationality and gender. The year is
then drawn (or, when small enough, the calibration sample itself is used) with exactly the target number of
registered persons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.synth import calibratie as cal
from zicht.synth.geografie import Geografie
from zicht.synth.populatie import Cellen, bouw_cellen, doelmarges
from zicht.synth.waarneming import SOORTEN, gevaar, soortfactoren, waarneem, zichtbaarheid

KALIBRATIE_MAX = 15_000
_BUITEN, _INNER, _NA = 8, 5, 10
_SIGMA_MIN = 0.05


@dataclass
class Jaarpopulatie:
    """The hidden population of one year with who saw whom."""

    jaar: int
    cellen: Cellen
    cel: npt.NDArray[np.int32]
    zichtbaarheid: npt.NDArray[np.float64]  # u_i, the shared visibility
    gemeente: npt.NDArray[np.int16]  # exploitation gemeente index, -1 abroad
    eenheid: npt.NDArray[np.int8]  # police unit where the person is reported
    buitenland: npt.NDArray[np.bool_]
    gezien: npt.NDArray[np.bool_]  # persons x SOORTEN
    gewichten: npt.NDArray[np.float64]  # a_k
    sigma: float
    rho: float  # strength of the referral effects (1 = as in DOORVERWIJZINGEN)
    schaal: float  # c


@dataclass
class _Trekking:
    uc: npt.NDArray[np.float64]
    z: npt.NDArray[np.float64]
    e: npt.NDArray[np.float32]
    ug: npt.NDArray[np.float64]


def _trek(rng: np.random.Generator, n: int) -> _Trekking:
    return _Trekking(
        uc=rng.random(n),
        z=rng.standard_normal(n),
        e=rng.standard_exponential((n, len(SOORTEN)), dtype=np.float32),
        ug=rng.random((n, 3)),
    )


def aantallen(jaar: int, schaal: float) -> tuple[int, int]:
    """(registered persons, hidden population size) for ``jaar`` at ``schaal``."""
    personen = max(1, round(cal.jaarwaarde(cal.PERSONEN, jaar) * schaal))
    verborgen = round(personen * cal.jaarwaarde(cal.VERBORGEN_FACTOR, jaar))
    return personen, verborgen


def genereer_jaar(jaar: int, schaal: float, seed: int, geo: Geografie) -> Jaarpopulatie:
    """Calibrate and draw the hidden population of ``jaar`` (deterministic for ``seed``)."""
    cellen = bouw_cellen(jaar)
    f = soortfactoren(cellen)
    v = zichtbaarheid(cellen)
    mixd = cal.meldermix(jaar)
    mix = np.array([mixd.get(s, 0.0) for s in SOORTEN])
    rpp = cal.jaarwaarde(cal.MELDINGEN_PER_PERSOON, jaar)
    marges = doelmarges(cellen)
    personen, verborgen = aantallen(jaar, schaal)

    n = min(verborgen, KALIBRATIE_MAX)
    p_n = max(1, round(personen * n / verborgen))
    trek = _trek(np.random.default_rng([seed, jaar, 1]), n)
    a = mix / np.maximum(cellen.p_geregistreerd @ (f * v[:, None]), 1e-12)
    a /= a.sum()
    sigma, rho = 0.8, 1.0
    corr = np.ones(len(v))
    gezien_cel: npt.NDArray[np.int32] | None = None
    a_cel = a
    for _ in range(_BUITEN):
        if gezien_cel is not None:  # move the hidden distribution towards the registered margins
            for categorie, doel in marges.values():
                waargenomen = np.bincount(categorie[gezien_cel], minlength=len(doel)) / max(len(gezien_cel), 1)
                factor = np.clip((np.maximum(doel, 1e-9) / np.maximum(waargenomen, 1e-9)) ** 0.6, 0.5, 2.0)
                corr *= factor[categorie]
        a_cel = a.copy()  # the hidden distribution keeps the weights it was drawn with
        cel, gm, eenheid, buiten = _cellen_en_plaats(cellen, corr, v, f, a_cel, trek, geo)
        a, sigma, rho, gezien = _stel_bij(
            _INNER, a, sigma, rho, mix, rpp, p_n, v[cel], f[cel], geo.intensiteit[eenheid], trek
        )
        gezien_cel = cel[gezien.any(axis=1)]
    # settle the reporter weights on the final hidden distribution
    a, sigma, rho, gezien = _stel_bij(_NA, a, sigma, rho, mix, rpp, p_n, v[cel], f[cel], geo.intensiteit[eenheid], trek)

    if verborgen > n:
        trek = _trek(np.random.default_rng([seed, jaar, 2]), verborgen)
    cel, gm, eenheid, buiten = _cellen_en_plaats(cellen, corr, v, f, a_cel, trek, geo)
    u = _u(trek.z, sigma)
    h = gevaar(u, v[cel], a, f[cel], geo.intensiteit[eenheid])
    gezien, c = waarneem(h, trek.e, personen, rho)
    return Jaarpopulatie(
        jaar=jaar,
        cellen=cellen,
        cel=cel,
        zichtbaarheid=u,
        gemeente=gm,
        eenheid=eenheid,
        buitenland=buiten,
        gezien=gezien,
        gewichten=a,
        sigma=sigma,
        rho=rho,
        schaal=c,
    )


def _stel_bij(
    stappen: int,
    a: npt.NDArray[np.float64],
    sigma: float,
    rho: float,
    mix: npt.NDArray[np.float64],
    rpp: float,
    personen: int,
    v: npt.NDArray[np.float64],
    f: npt.NDArray[np.float64],
    intensiteit: npt.NDArray[np.float64],
    trek: _Trekking,
) -> tuple[npt.NDArray[np.float64], float, float, npt.NDArray[np.bool_]]:
    """Move the kind weights towards the reporter mix and sigma (or rho) towards the reports-per-person ratio."""
    gezien = np.zeros(f.shape, dtype=bool)
    for _ in range(stappen):
        h = gevaar(_u(trek.z, sigma), v, a, f, intensiteit)
        gezien, _c = waarneem(h, trek.e, personen, rho)
        per_soort = gezien.sum(axis=0).astype(np.float64)
        meldingen = per_soort.sum()
        aandeel = (per_soort + 0.5) / (meldingen + 0.5 * len(per_soort))  # pseudo-counts: rare kinds stay stable
        factor = np.clip((np.maximum(mix, 1e-9) / aandeel) ** 0.9, 0.5, 2.0)
        a = np.where(mix > 0, a * factor, 0.0)
        a /= a.sum()
        stap = ((rpp - 1) / max(meldingen / personen - 1, 1e-3)) ** 0.6
        if sigma <= _SIGMA_MIN and stap < 1:  # no shared visibility left: weaken the referrals instead
            rho = float(np.clip(rho * stap, 0.0, 1.0))
        else:
            sigma = float(np.clip(sigma * stap, _SIGMA_MIN, 3.0))
    return a, sigma, rho, gezien


def _u(z: npt.NDArray[np.float64], sigma: float) -> npt.NDArray[np.float64]:
    return np.asarray(np.exp(sigma * z - sigma * sigma / 2))


def _cellen_en_plaats(
    cellen: Cellen,
    corr: npt.NDArray[np.float64],
    v: npt.NDArray[np.float64],
    f: npt.NDArray[np.float64],
    a: npt.NDArray[np.float64],
    trek: _Trekking,
    geo: Geografie,
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int16], npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Hidden cells (registered distribution divided by visibility) and places, from the fixed draws."""
    p = cellen.p_geregistreerd * corr / np.maximum(v * (f @ a), 1e-12)
    cdf = np.cumsum(p / p.sum())
    cel = np.searchsorted(cdf, trek.uc, side="right").clip(0, len(p) - 1).astype(np.int32)
    gm, eenheid, buiten = geo.plaats(cellen.vorm[cel], cellen.nat[cel] == 0, trek.ug)
    return cel, gm, eenheid, buiten
