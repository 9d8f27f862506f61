# SPDX-License-Identifier: EUPL-1.2
"""The true identity of registered persons: names, birth date, document and phone numbers.

Identities are drawn only for persons that at least one organisation reported; the hidden population keeps
its attributes without names. Formats of document and phone numbers follow the country's usual pattern
(fictional numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.synth._vector import bevat, vertaal
from zicht.synth.namen import CULTUUR_VAN_LAND, KOP_AANDEEL, NL_CULTUREN, culturen, naamtabel

#: Cultures whose members often carry 1 January as the official birth date (unknown exact date) [A].
PLACEHOLDER_LANDEN = frozenset({"ER", "ET", "AF", "SO", "SD", "GN"})
#: Probability that a person has an identity document (Dutch, other EU, asylum country, other non-EU) [A].
DOCUMENT_KANS = np.array([0.85, 0.80, 0.25, 0.55])
TELEFOON_KANS, TWEEDE_TELEFOON_KANS = 0.80, 0.15
TWEEDE_VOORNAAM_KANS: dict[str, float] = {"nl": 0.25, "pl": 0.10, "ro": 0.15, "latam": 0.30, "ph": 0.20, "hu": 0.1}
#: Country calling code and national mobile pattern for foreign numbers (digits after the code) [A].
TELEFOON_LAND: dict[str, tuple[str, str, int]] = {
    "PL": ("48", "5", 8), "RO": ("40", "7", 8), "BG": ("359", "8", 8), "HU": ("36", "30", 7), "UA": ("380", "67", 7),
    "NG": ("234", "80", 8), "LT": ("370", "6", 7), "SK": ("421", "9", 8), "BR": ("55", "119", 8),
    "CO": ("57", "3", 9), "VN": ("84", "9", 8), "MA": ("212", "6", 8),
}  # fmt: skip
_LETTERS = np.array(list("ABCDEFGHIJKLMNPRSTUVWXYZ"))  # no O, as in Dutch passport numbers
_CIJFERS = np.array(list("0123456789"))


@dataclass
class Identiteiten:
    """Identity arrays, one entry per registered person (names as entry ids into :func:`naamtabel`)."""

    cultuur: npt.NDArray[np.object_]
    voornaam: npt.NDArray[np.int32]
    tweede_voornaam: npt.NDArray[np.int32]  # -1 = none
    achternaam: npt.NDArray[np.int32]
    geboortedatum: npt.NDArray[np.datetime64]
    document: npt.NDArray[np.object_]  # "" = none
    telefoon: npt.NDArray[np.object_]  # E.164, "" = none
    telefoon2: npt.NDArray[np.object_]


def _kies(rng: np.random.Generator, opties: tuple[int, ...], kop: int, aandeel: float, n: int) -> npt.NDArray[np.int32]:
    """``n`` entries of ``opties``: a listed (head) name with chance ``aandeel``, else one of the tail."""
    staart = len(opties) - kop
    uit_kop = rng.random(n) < (aandeel if staart else 1.0)
    i = np.where(uit_kop, rng.integers(0, kop, size=n), kop + rng.integers(0, max(staart, 1), size=n))
    return np.asarray(opties, dtype=np.int32)[i]


def _tekens(rng: np.random.Generator, alfabet: npt.NDArray[np.str_], n: int, lengte: int) -> npt.NDArray[np.object_]:
    if n == 0 or lengte == 0:
        return np.full(n, "", dtype=object)
    keuze = np.ascontiguousarray(alfabet[rng.integers(0, len(alfabet), size=(n, lengte))].astype("<U1"))
    return np.asarray(keuze.view(f"<U{lengte}").ravel().astype(object))


def documentnummers(rng: np.random.Generator, landen: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """A fictional passport or ID number per person in the usual shape of the issuing country."""
    n = len(landen)
    alnum = np.concatenate([_LETTERS, _CIJFERS])
    uit = np.empty(n, dtype=object)
    vormen = {  # country: (letters, alphanumerics, digits)
        "NL": (2, 6, 1), "PL": (3, 0, 6), "UA": (2, 0, 6), "NG": (1, 0, 8), "RO": (0, 0, 8), "BG": (0, 0, 9),
        "HU": (2, 0, 7),
    }  # fmt: skip
    for land in sorted(set(landen.tolist())):
        mask = landen == land
        k = int(mask.sum())
        letters, alnums, cijfers = vormen.get(land, (2, 0, 7))
        deel = _tekens(rng, _LETTERS, k, letters) + _tekens(rng, alnum, k, alnums) + _tekens(rng, _CIJFERS, k, cijfers)
        uit[mask] = deel
    return uit


def telefoonnummers(rng: np.random.Generator, landen: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """A fictional mobile number in E.164 form; foreign nationals often have a Dutch prepaid number."""
    n = len(landen)
    nederlands = (landen == "NL") | (rng.random(n) < 0.6) | ~bevat(landen, TELEFOON_LAND)
    uit = np.array(["+316"] * n, dtype=object) + _tekens(rng, _CIJFERS, n, 8)
    for land in sorted(TELEFOON_LAND):
        mask = (landen == land) & ~nederlands
        code, begin, rest = TELEFOON_LAND[land]
        uit[mask] = f"+{code}{begin}" + _tekens(rng, _CIJFERS, int(mask.sum()), rest)
    return uit


def genereer_identiteiten(
    rng: np.random.Generator,
    land: npt.NDArray[np.object_],
    vrouw: npt.NDArray[np.bool_],
    leeftijd: npt.NDArray[np.int16],
    peildatum: npt.NDArray[np.datetime64],
    natgroep: npt.NDArray[np.int8],
) -> Identiteiten:
    """Identities for persons with nationality ``land``, gender and age at ``peildatum`` (first report)."""
    n = len(land)
    tabel = naamtabel()
    cultuur = vertaal(land, lambda c: CULTUUR_VAN_LAND.get(c, "int"))
    nl = land == "NL"
    nl_culturen = sorted(NL_CULTUREN)
    kans = np.array([NL_CULTUREN[c] for c in nl_culturen])
    cultuur[nl] = np.array(nl_culturen, dtype=object)[rng.choice(len(nl_culturen), size=int(nl.sum()), p=kans)]
    voornaam = np.empty(n, dtype=np.int32)
    tweede = np.full(n, -1, dtype=np.int32)
    achternaam = np.empty(n, dtype=np.int32)
    for c in culturen():
        for is_vrouw in (True, False):
            mask = (cultuur == c) & (vrouw == is_vrouw)
            k = int(mask.sum())
            if k == 0:
                continue
            voor, familie = ("vrouw", "familie_vrouw") if is_vrouw else ("man", "familie")
            opties, kop = tabel.entries[(c, voor)], tabel.kop[(c, voor)]
            voornaam[mask] = _kies(rng, opties, kop, KOP_AANDEEL[c][0], k)
            extra = _kies(rng, opties, kop, KOP_AANDEEL[c][0], k)
            heeft = rng.random(k) < TWEEDE_VOORNAAM_KANS.get(c, 0.0)
            tweede[mask] = np.where(heeft & (extra != voornaam[mask]), extra, -1)
            achternaam[mask] = _kies(rng, tabel.entries[(c, familie)], tabel.kop[(c, familie)], KOP_AANDEEL[c][1], k)
    dagen = (leeftijd.astype(np.int64) * 365.25 + rng.integers(0, 365, size=n)).astype("timedelta64[D]")
    geboren = (peildatum - dagen).astype("datetime64[D]")
    placeholder = bevat(land, PLACEHOLDER_LANDEN) & (rng.random(n) < 0.3)
    jaren = geboren.astype("datetime64[Y]")
    geboren = np.where(placeholder, jaren.astype("datetime64[D]"), geboren)
    document = np.where(rng.random(n) < DOCUMENT_KANS[natgroep], documentnummers(rng, land), "")
    heeft_tel = rng.random(n) < TELEFOON_KANS
    telefoon = np.where(heeft_tel, telefoonnummers(rng, land), "")
    telefoon2 = np.where(heeft_tel & (rng.random(n) < TWEEDE_TELEFOON_KANS), telefoonnummers(rng, land), "")
    return Identiteiten(
        cultuur=cultuur,
        voornaam=voornaam,
        tweede_voornaam=tweede,
        achternaam=achternaam,
        geboortedatum=geboren,
        document=document.astype(object),
        telefoon=telefoon.astype(object),
        telefoon2=telefoon2.astype(object),
    )


def naam_tekst(ids: npt.NDArray[np.int32], variant: npt.NDArray[np.int32] | None = None) -> npt.NDArray[np.object_]:
    """The string of each name entry id (variant 0 = canonical unless ``variant`` is given)."""
    tabel = naamtabel()
    varianten = np.array(tabel.varianten, dtype=object)
    start = np.asarray(tabel.start)
    pos = start[ids] + (0 if variant is None else variant)
    return np.asarray(varianten[pos])
