# SPDX-License-Identifier: EUPL-1.2
"""Where exploitation takes place: gemeenten weighted by population with regional hot spots, or abroad.

Hot spots are assumptions [A] from the monitors and news coverage (domain.md §2.3): prostitution and
home-based prostitution in the big cities, labour exploitation in the greenhouse, distribution and
food-processing areas (Westland, Noord-Limburg, Midden-Brabant, Moerdijk), criminal exploitation in the cities
with drug markets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.reference import Referentiedata
from zicht.synth import calibratie as cal
from zicht.synth.populatie import ARBEID, CRIMINEEL, SEKS, VORMEN

HOTSPOTS: dict[int, dict[str, float]] = {
    SEKS: {
        "Amsterdam": 4.0, "'s-Gravenhage": 2.5, "Rotterdam": 2.5, "Utrecht": 2.5, "Groningen": 2.0,
        "Eindhoven": 1.8, "Arnhem": 1.8, "Alkmaar": 1.8, "Nijmegen": 1.5, "Tilburg": 1.5, "Breda": 1.5,
        "Zwolle": 1.5, "Leeuwarden": 1.5, "Enschede": 1.5, "Heerlen": 1.8, "Maastricht": 1.5, "Den Helder": 1.5,
        "Almere": 1.5, "Haarlem": 1.5,
    },
    ARBEID: {
        "Westland": 8.0, "Venlo": 5.0, "Horst aan de Maas": 5.0, "Peel en Maas": 4.0, "Venray": 3.0,
        "Zuidplas": 3.0, "Lansingerland": 4.0, "Pijnacker-Nootdorp": 3.0, "Tilburg": 2.0, "Waalwijk": 4.0,
        "Roosendaal": 3.0, "Moerdijk": 3.0, "Oss": 2.0, "Aalsmeer": 3.0, "Haarlemmermeer": 2.5, "Rotterdam": 1.5,
        "Amsterdam": 1.3, "Bergen op Zoom": 2.0, "Emmen": 1.5, "Zeewolde": 2.0, "Noordoostpolder": 3.0,
        "Barneveld": 2.0, "Boxtel": 2.0,
    },
    CRIMINEEL: {
        "Rotterdam": 2.5, "Amsterdam": 2.0, "'s-Gravenhage": 2.0, "Utrecht": 1.5, "Eindhoven": 1.5,
        "Tilburg": 1.5, "Breda": 1.5, "Maastricht": 1.5, "Kerkrade": 1.5, "Almere": 1.3, "Arnhem": 1.3,
    },
}  # fmt: skip
#: Countries where the exploitation of foreign victims took (also) place when it was abroad [A].
BUURLANDEN: tuple[str, ...] = ("DE", "BE", "FR", "ES", "IT", "GB")
#: Share of persons whose exploitation place is abroad: Dutch and foreign nationals [A].
BUITENLAND_KANS: tuple[float, float] = (0.01, 0.05)


@dataclass(frozen=True)
class Geografie:
    """Gemeenten as arrays, with a cumulative distribution of the exploitation place per true form."""

    codes: tuple[str, ...]
    namen: tuple[str, ...]
    eenheden: tuple[str, ...]
    eenheid_van: npt.NDArray[np.int8]
    cdf_per_vorm: npt.NDArray[np.float64]  # (forms, gemeenten)
    cdf_bevolking: npt.NDArray[np.float64]
    intensiteit: npt.NDArray[np.float64]  # police reporting intensity per eenheid

    @classmethod
    def van(cls, ref: Referentiedata) -> Geografie:
        """Build from the reference data (342 gemeenten with population and politie-eenheid)."""
        gms = [ref.gemeenten[c] for c in sorted(ref.gemeenten)]
        eenheden = tuple(sorted({g.politie_eenheid for g in gms}))
        pop = np.array([max(g.inwoners, 1) for g in gms], dtype=np.float64)
        index = {g.code: i for i, g in enumerate(gms)}
        cdfs = np.empty((len(VORMEN), len(gms)))
        for v in range(len(VORMEN)):
            w = pop.copy()
            for naam, factor in HOTSPOTS.get(v, {}).items():
                try:
                    w[index[ref.gemeente(naam).code]] *= factor
                except LookupError:
                    continue
            cdfs[v] = np.cumsum(w) / w.sum()
        return cls(
            codes=tuple(g.code for g in gms),
            namen=tuple(g.weergavenaam for g in gms),
            eenheden=eenheden,
            eenheid_van=np.array([eenheden.index(g.politie_eenheid) for g in gms], dtype=np.int8),
            cdf_per_vorm=cdfs,
            cdf_bevolking=np.cumsum(pop) / pop.sum(),
            intensiteit=np.array([cal.POLITIE_INTENSITEIT.get(e, 1.0) for e in eenheden]),
        )

    def plaats(
        self, vorm: npt.NDArray[np.int8], is_nl: npt.NDArray[np.bool_], u: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
        """Exploitation gemeente (index, -1 when abroad), reporting eenheid and the abroad flag.

        ``u`` holds three uniform numbers per person (columns: gemeente, abroad, eenheid when abroad), so the
        result is a deterministic function of them (common random numbers during calibration).
        """
        n = len(vorm)
        gm = np.empty(n, dtype=np.int16)
        for v in range(len(VORMEN)):
            mask = vorm == v
            gm[mask] = np.searchsorted(self.cdf_per_vorm[v], u[mask, 0], side="right").clip(0, len(self.codes) - 1)
        buiten = u[:, 1] < np.where(is_nl, BUITENLAND_KANS[0], BUITENLAND_KANS[1])
        woon = np.searchsorted(self.cdf_bevolking, u[:, 2], side="right").clip(0, len(self.codes) - 1)
        eenheid = np.where(buiten, self.eenheid_van[woon], self.eenheid_van[gm]).astype(np.int8)
        return np.where(buiten, -1, gm).astype(np.int16), eenheid, buiten
