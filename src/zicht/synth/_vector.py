# SPDX-License-Identifier: EUPL-1.2
"""Vectorised string helpers: mapping, date notation and zero-padded numbering without Python row loops."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd


def vertaal(
    waarden: npt.NDArray[np.object_], kaart: Mapping[str, str] | Callable[[str], str]
) -> npt.NDArray[np.object_]:
    """Map every value through ``kaart`` (a mapping, missing keys kept, or a function), hashing each distinct
    value once."""
    if len(waarden) == 0:
        return np.asarray(waarden, dtype=object)
    codes, uniek = pd.factorize(np.asarray(waarden, dtype=object), sort=False)
    functie = kaart if callable(kaart) else (lambda w: kaart.get(w, w))
    vertaald = np.array([functie(str(u)) for u in uniek], dtype=object)
    return np.asarray(vertaald[codes])


def iso_datum(d: npt.NDArray[np.datetime64]) -> npt.NDArray[np.str_]:
    """``YYYY-MM-DD`` strings (fixed width) for day dates."""
    return np.datetime_as_string(np.asarray(d).astype("datetime64[D]"), unit="D").astype("<U10")


def nl_datum(iso: npt.NDArray[np.str_]) -> npt.NDArray[np.str_]:
    """``DD-MM-YYYY`` from fixed-width ``YYYY-MM-DD`` strings, by reordering characters."""
    if len(iso) == 0:
        return iso
    tekens = np.ascontiguousarray(iso.astype("<U10")).view("<U1").reshape(-1, 10)
    volgorde = tekens[:, [8, 9, 4, 5, 6, 7, 0, 1, 2, 3]]
    volgorde = np.ascontiguousarray(volgorde)
    return volgorde.view("<U10").ravel()


def datum_tekst(d: npt.NDArray[np.datetime64], nl: npt.NDArray[np.bool_]) -> npt.NDArray[np.object_]:
    """Dates as text, ``DD-MM-YYYY`` where ``nl`` else ISO."""
    iso = iso_datum(d)
    return np.asarray(np.where(nl, nl_datum(iso), iso).astype(object))


def nummers(waarden: npt.NDArray[np.int64], breedte: int) -> npt.NDArray[np.str_]:
    """Zero-padded decimal strings."""
    return np.char.zfill(np.asarray(waarden).astype(str), breedte)


def bevat(waarden: npt.NDArray[np.object_], verzameling: Iterable[str]) -> npt.NDArray[np.bool_]:
    """Element-wise membership for string arrays (hashing each distinct value once; ``np.isin`` sorts)."""
    if len(waarden) == 0:
        return np.zeros(0, dtype=bool)
    codes, uniek = pd.factorize(np.asarray(waarden, dtype=object), sort=False)
    inhoud = set(verzameling)
    return np.asarray(np.array([u in inhoud for u in uniek], dtype=bool)[codes])
