# SPDX-License-Identifier: EUPL-1.2
"""From a raw ad (as delivered) to a minimised, normalised ad: hashed contacts, gemeente, hourly price,
language, indicator hits and the shingles of its template.

Contacts (phones, e-mail addresses, handles, personal web addresses) are replaced by keyed hashes here; the
raw text stays in memory only and is persisted for queued clusters alone (:mod:`zicht.signalen.opslag`).
Shingles are word 3-grams of the text with the *slots* masked: capitalised words (names, cities) and
numbers (ages, prices, phone digits) vary between ads of one template, so they are left out, and ads of one
template shingle alike whatever name or city they carry (InfoShield's template idea).
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from zicht.reference import AmbiguousName, Referentiedata, UnknownPlace
from zicht.signalen import indicatoren, normalise
from zicht.textnorm import strip_diacritics

Pseudoniem = Callable[[str, str], str]


def sleutel_pseudoniem(sleutel: bytes) -> Pseudoniem:
    """A keyed hash (HMAC-SHA256, 20 hex characters) of ``soort`` and ``waarde``."""

    def pseudoniem(soort: str, waarde: str) -> str:
        return hmac.digest(sleutel, f"signalen/{soort}\x1f{waarde}".encode(), "sha256").hex()[:20]

    return pseudoniem


@dataclass(slots=True)
class Advertentie:
    """One normalised ad. ``tekst`` is the raw text, kept in memory for the queue only."""

    nr: int
    site: str
    advertentie_id: str
    geplaatst_op: datetime
    gemeente: str
    stad: str
    prijs_uur: float | None
    taal: str
    telefoons: tuple[str, ...]
    contacten: tuple[str, ...]  # phones, e-mail addresses, handles (hashed)
    verborgen: bool
    treffers: dict[str, str]
    namen: tuple[str, ...]
    shingles: list[bytes]
    tekst: str
    tekst_hash: str
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.treffers)


class Normaliseerder:
    """Normalises ads against the reference data with one pseudonym function."""

    def __init__(self, referentie: Referentiedata | None, pseudoniem: Pseudoniem) -> None:
        self.referentie = referentie
        self.pseudoniem = pseudoniem
        self._gemeente = lru_cache(maxsize=10_000)(self._zoek_gemeente)
        self._shingles: dict[bytes, bytes] = {}
        self.plaatswoorden: set[str] = {"den", "haag", "bosch"}
        if referentie is not None:
            for gm in referentie.gemeenten.values():
                self.plaatswoorden.update(strip_diacritics(gm.naam).lower().replace("-", " ").split())

    def _zoek_gemeente(self, stad: str) -> str:
        if self.referentie is None or not stad.strip():
            return "onbekend"
        try:
            return self.referentie.gemeente(stad).code
        except (UnknownPlace, AmbiguousName):
            return "onbekend"

    def advertentie(self, nr: int, rij: Mapping[str, object]) -> Advertentie:
        titel, tekst = str(rij.get("titel") or ""), str(rij.get("tekst") or "")
        volledig = normalise.schoon(f"{titel}. {tekst}")
        laag = unicodedata.normalize("NFKD", volledig.lower()).encode("ascii", "ignore").decode()
        tel = normalise.telefoons(volledig, str(rij.get("telefoon") or ""))
        overig = [("email", e) for e in normalise.emails(volledig, str(rij.get("email") or ""))]
        overig += [("handle", h) for h in normalise.handles(volledig, str(rij.get("handle") or ""))]
        overig += [("url", u) for u in normalise.urls(volledig)]
        telefoons = tuple(self.pseudoniem("telefoon", t.e164) for t in tel)
        treffers = indicatoren.treffers(laag)
        verborgen = any(t.verborgen for t in tel)
        if verborgen:
            treffers["S7"] = "verborgen nummer"
        woorden = normalise.tokens(volledig)
        stadwoorden = set(strip_diacritics(str(rij.get("stad") or "")).lower().split())
        namen = tuple(
            w
            for w in woorden
            if w[0].isupper() and len(w) > 2 and (k := w.lower()) not in self.plaatswoorden and k not in stadwoorden
        )
        maskeer = [w.lower() for w in woorden if not w[0].isupper()]
        eigen = self._shingles  # one object per distinct shingle: templates repeat them across many ads
        shingles = [
            eigen.setdefault(s, s)
            for s in (" ".join(maskeer[i : i + 3]).encode() for i in range(max(1, len(maskeer) - 2)))
        ]
        stad = str(rij.get("stad") or "")
        geplaatst = rij.get("geplaatst_op")
        return Advertentie(
            nr=nr,
            site=str(rij.get("site") or ""),
            advertentie_id=str(rij.get("advertentie_id") or nr),
            geplaatst_op=geplaatst if isinstance(geplaatst, datetime) else datetime.fromisoformat(str(geplaatst)),
            gemeente=self._gemeente(stad),
            stad=stad,
            prijs_uur=normalise.prijs_per_uur(volledig.lower(), rij.get("prijs")),
            taal=normalise.taal(woorden),
            telefoons=telefoons,
            contacten=telefoons + tuple(self.pseudoniem(s, w) for s, w in overig),
            verborgen=verborgen,
            treffers=treffers,
            namen=namen,
            shingles=shingles,
            tekst=f"{titel}\n{tekst}",
            tekst_hash=hashlib.sha256(" ".join(laag.split()).encode()).hexdigest()[:20],
        )

    def alle(self, rijen: Iterable[Mapping[str, object]], begin: int = 0) -> list[Advertentie]:
        return [self.advertentie(begin + i, r) for i, r in enumerate(rijen)]
