# SPDX-License-Identifier: EUPL-1.2
"""Who sees whom: the observation of the hidden population by the reporter kinds.

Person ``i`` is seen by reporter kind ``k`` when an exponential draw ``E[i, k]`` falls below the hazard
``c * u_i * v_i * a_k * f_k(i) * r_k(i)``:

- ``u_i`` a log-normal *visibility* shared by all kinds (positive dependence between all lists; its spread
  ``sigma`` sets how often one person is reported by several organisations),
- ``v_i`` the person's general visibility (minors, labour and criminal exploitation are seen less, WODC 2021),
- ``f_k(i)`` how well kind ``k`` sees this person (police sexual exploitation, NLA and FairWork labour, COA
  asylum nationalities, Nidos unaccompanied minors, jeugdzorg Dutch minors, ...),
- ``r_k(i)`` the police unit's reporting intensity (police only),
- ``a_k`` and ``c`` calibrated so that the reporter mix and the yearly total match the targets.

Referrals add list dependence: police referral raises the chance of a zorgcoördinatie and a jeugdzorg report,
a KMar finding raises a COA report, and victims seen by the police are less often FairWork clients (negative).
Because person ``i`` is first seen at ``c >= min_k E[i, k] / hazard[i, k]``, the yearly total is hit exactly by
taking ``c`` as the P-th smallest of these thresholds.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zicht.codebook import is_eu
from zicht.synth.populatie import ASIEL_LANDEN, Cellen

SOORTEN: tuple[str, ...] = (
    "nationale_politie", "kmar", "nla", "zorgcoordinatie", "fairwork", "coa", "jeugdzorg", "ngo_overig",
    "opvang", "gezondheidszorg", "nidos", "advocaat", "ind", "gemeente", "slachtoffer",
)  # fmt: skip
POLITIE, KMAR, NLA, ZC, FAIRWORK, COA, JEUGDZORG = range(7)

# factor tables [A]: form (sexual, labour, criminal, organ, other), age (minor, 18-22, 23+),
# nationality group (Dutch, other EU, asylum countries, other non-EU), male
_F: dict[str, tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float]] = {
    "nationale_politie": ((2.0, 0.6, 1.0, 1, 1), (0.8, 1, 1), (1, 1, 0.8, 1), 1.0),
    "kmar": ((1.0, 1.0, 0.6, 1, 1), (0.8, 1, 1), (0.05, 0.6, 2.5, 2.5), 1.0),
    "nla": ((0.03, 5.0, 0.2, 0.1, 0.5), (0.1, 0.8, 1), (0.2, 1.2, 0.8, 1), 1.0),
    "zorgcoordinatie": ((1.3, 0.7, 1.0, 1, 1), (0.7, 1.2, 1), (1.3, 1, 0.8, 1), 1.0),
    "fairwork": ((0.8, 2.0, 0.8, 1, 1), (0.4, 1, 1), (0.03, 1, 1.5, 1.5), 1.0),
    "coa": ((1, 1, 1, 1, 1), (1, 1, 1), (0, 0.02, 6, 1), 1.0),
    "jeugdzorg": ((1.2, 0.3, 1.2, 1, 1), (1, 0.1, 0.005), (1.5, 0.8, 0.4, 0.6), 1.0),
    "ngo_overig": ((1.2, 1, 1, 1, 1), (0.7, 1, 1), (0.8, 1, 1, 1), 1.0),
    "opvang": ((1.3, 0.8, 0.8, 1, 1), (0.5, 1, 1), (1.2, 1, 1, 1), 0.6),
    "gezondheidszorg": ((1, 1, 1, 1, 1), (1, 1, 1), (1.5, 1, 0.8, 0.8), 1.0),
    "nidos": ((1, 1, 1, 1, 1), (1, 0.05, 0), (0, 0.05, 1, 0.6), 1.0),
    "advocaat": ((1, 1, 1, 1, 1), (0.5, 1, 1), (0.3, 0.6, 2, 2), 1.0),
    "ind": ((1, 1, 1, 1, 1), (1, 1, 1), (0, 0, 1, 1), 1.0),
    "gemeente": ((1, 1, 1, 1, 1), (1, 1, 1), (1, 1, 0.5, 0.5), 1.0),
    "slachtoffer": ((1, 1, 1, 1, 1), (0.3, 1, 1), (1, 1, 1, 1), 1.0),
}
#: General visibility per true form and age group [A] (WODC: minors, labour and criminal least seen).
ZICHTBAARHEID_VORM = np.array([1.0, 0.55, 0.45, 0.5, 0.6])
ZICHTBAARHEID_LEEFTIJD = np.array([0.35, 0.8, 1.0])
#: Referral effects on the hazard [A]: (kind, given kind, multiplier when the given kind saw the person).
DOORVERWIJZINGEN: tuple[tuple[int, int, float], ...] = (
    (ZC, POLITIE, 3.0),
    (JEUGDZORG, POLITIE, 2.5),
    (COA, KMAR, 3.0),
    (FAIRWORK, POLITIE, 0.35),
)


def natgroep(landen: tuple[str, ...]) -> npt.NDArray[np.int8]:
    """Nationality group per nationality index: 0 Dutch, 1 other EU, 2 asylum country, 3 other non-EU."""
    return np.array(
        [0 if c == "NL" else 1 if is_eu(c) else 2 if c in ASIEL_LANDEN else 3 for c in landen], dtype=np.int8
    )


def soortfactoren(cellen: Cellen) -> npt.NDArray[np.float64]:
    """The matrix ``f_k(cell)`` (cells x kinds)."""
    groep = natgroep(cellen.landen)[cellen.nat]
    uit = np.empty((len(cellen.nat), len(SOORTEN)))
    for k, soort in enumerate(SOORTEN):
        vorm_f, lft_f, nat_f, man_f = _F[soort]
        uit[:, k] = (
            np.asarray(vorm_f)[cellen.vorm]
            * np.asarray(lft_f)[cellen.leeftijd]
            * np.asarray(nat_f)[groep]
            * np.where(cellen.geslacht == 1, man_f, 1.0)
        )
    return uit


def zichtbaarheid(cellen: Cellen) -> npt.NDArray[np.float64]:
    """General visibility ``v`` per cell."""
    return np.asarray(ZICHTBAARHEID_VORM[cellen.vorm] * ZICHTBAARHEID_LEEFTIJD[cellen.leeftijd])


def gevaar(
    u: npt.NDArray[np.float64],
    v: npt.NDArray[np.float64],
    a: npt.NDArray[np.float64],
    f: npt.NDArray[np.float64],
    intensiteit: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Base hazards per person and kind (``c = 1``, before referrals)."""
    h = (u * v)[:, None] * a[None, :] * f
    h[:, POLITIE] *= intensiteit
    return h


def waarneem(
    h: npt.NDArray[np.float64], e: npt.NDArray[np.float32], personen: int, rho: float = 1.0
) -> tuple[npt.NDArray[np.bool_], float]:
    """Which kinds see which persons, with exactly ``personen`` persons seen by at least one kind.

    Args:
        h: base hazards (persons x kinds).
        e: standard exponential draws (persons x kinds).
        personen: how many persons must be seen.
        rho: strength of the referral effects (each multiplier is raised to this power).

    Returns:
        The boolean matrix ``gezien`` (persons x kinds) and the scale ``c``.
    """
    verhouding = np.divide(e, h, out=np.full(h.shape, np.inf), where=h > 0)
    drempel = verhouding.min(axis=1)
    n = len(drempel)
    if personen <= 0:
        return np.zeros(h.shape, dtype=bool), 0.0
    k = min(personen, n) - 1
    c = float(np.partition(drempel, k)[k])
    gezien = e <= c * h
    for soort, gegeven, factor in DOORVERWIJZINGEN:
        aangepast = e[:, soort] <= c * h[:, soort] * factor**rho
        gezien[:, soort] = np.where(gezien[:, gegeven], aangepast, gezien[:, soort])
    # a person is seen exactly when the threshold is reached; referrals never change who is seen
    eerst = drempel <= c
    geen = eerst & ~gezien.any(axis=1)
    if geen.any():  # only possible when a negative referral removed the only kind; keep the first one
        eerste_soort = np.argmin(verhouding, axis=1)
        gezien[np.flatnonzero(geen), eerste_soort[geen]] = True
    return gezien & eerst[:, None], c
