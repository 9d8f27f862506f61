# SPDX-License-Identifier: EUPL-1.2
"""The public generator: configuration, result and :func:`generate`."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from zicht.reference import Referentiedata
from zicht.synth import calibratie as cal
from zicht.synth._vector import nummers
from zicht.synth.geografie import Geografie
from zicht.synth.identiteit import naam_tekst
from zicht.synth.inhoud import masker_tekst
from zicht.synth.jaarmodel import aantallen, genereer_jaar
from zicht.synth.meldingen import KOLOMMEN, bouw_meldingen
from zicht.synth.organisaties import Organisatie, organisaties
from zicht.synth.personen import Personen, bouw_personen
from zicht.synth.populatie import GESLACHTEN, LEEFTIJDSGROEPEN, VORMEN
from zicht.synth.waarneming import SOORTEN

GENERATOR_VERSIE = "1.0"
#: progress(step description, done, total)
Voortgang = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SynthConfig:
    """What to generate. ``schaal`` multiplies the yearly totals (1.0 = the published figures)."""

    jaar_van: int = 2015
    jaar_tot: int = 2024
    seed: int = 1
    schaal: float = 1.0

    def __post_init__(self) -> None:
        if self.jaar_tot < self.jaar_van:
            raise ValueError(f"jaar_tot ({self.jaar_tot}) is before jaar_van ({self.jaar_van})")
        if not 1990 <= self.jaar_van <= 2100 or not 1990 <= self.jaar_tot <= 2100:
            raise ValueError("years must lie between 1990 and 2100")
        if not 0 < self.schaal <= 10_000:
            raise ValueError("schaal must be positive (and at most 10,000)")

    @property
    def jaren(self) -> tuple[int, ...]:
        """The generated years."""
        return tuple(range(self.jaar_van, self.jaar_tot + 1))


@dataclass
class SynthResult:
    """Generated data. ``meldingen`` has the import columns plus ``organisatie``; ``waarheid`` the truth per
    melding (same row order); ``populatie`` every hidden person with who saw them; ``identiteiten`` the true
    identity of every registered person."""

    config: SynthConfig
    organisaties: list[Organisatie]
    meldingen: pd.DataFrame
    waarheid: pd.DataFrame
    populatie: pd.DataFrame
    identiteiten: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)

    def organisaties_frame(self) -> pd.DataFrame:
        """organisaties.csv as a DataFrame."""
        return pd.DataFrame(
            [(o.code, o.naam, o.soort, o.regio, o.gemeentecode) for o in self.organisaties],
            columns=["code", "naam", "soort", "regio", "gemeentecode"],
        )


def generate(config: SynthConfig, reference: Referentiedata, progress: Voortgang | None = None) -> SynthResult:
    """Generate meldingen, truth and hidden population for ``config`` (deterministic for its seed)."""
    geo = Geografie.van(reference)
    orgs, index = organisaties(reference)
    meldingen, waarheid, populatie, identiteiten = [], [], [], []
    per_jaar: dict[str, dict[str, Any]] = {}
    personen_per_jaar: list[int] = []
    for i, jaar in enumerate(config.jaren):
        if progress:
            progress(f"jaar {jaar}", i, len(config.jaren))
        jp = genereer_jaar(jaar, config.schaal, config.seed, geo)
        ps = bouw_personen(jp, geo, config.seed)
        m, w = bouw_meldingen(jp, ps, geo, orgs, index, config.seed)
        meldingen.append(m)
        waarheid.append(w)
        populatie.append(_populatie(jp.gezien, ps, geo, jp.eenheid, jp.zichtbaarheid))
        identiteiten.append(_identiteiten(ps))
        personen, verborgen = aantallen(jaar, config.schaal)
        personen_per_jaar.append(personen)
        per_jaar[str(jaar)] = {
            "personen": personen, "verborgen_populatie": verborgen, "meldingen": len(m),
            "sigma": round(jp.sigma, 4), "rho": round(jp.rho, 4),
            "gewichten": {s: round(float(a), 6) for s, a in zip(SOORTEN, jp.gewichten, strict=True)},
        }  # fmt: skip
    if progress:
        progress("referenties", len(config.jaren), len(config.jaren))
    mf = pd.concat(meldingen, ignore_index=True)
    wf = pd.concat(waarheid, ignore_index=True)
    referenties = _referenties(mf, orgs)
    mf["melder_referentie"] = referenties
    wf["melder_referentie"] = referenties
    mf = mf[["organisatie", *KOLOMMEN]]
    manifest = {
        "generator": "zicht.synth", "generator_versie": GENERATOR_VERSIE, "seed": config.seed,
        "jaren": [config.jaar_van, config.jaar_tot], "schaal": config.schaal, "per_jaar": per_jaar,
        "meldingen_totaal": len(mf), "personen_totaal": sum(personen_per_jaar),
        "kalibratie": {str(j): {k: d.waarde for k, d in cal.doelen(j).items()} for j in config.jaren},
        "bronnen": cal.PUBLICATIEVINTAGE,
    }  # fmt: skip
    pop = _plak(populatie)
    return SynthResult(config, orgs, mf, wf, pop, pd.concat(identiteiten, ignore_index=True), manifest)


def _referenties(mf: pd.DataFrame, orgs: list[Organisatie]) -> np.ndarray:
    """Unique melder_referentie per organisation: numbered by date within organisation and year."""
    jaar = mf["_datum"].to_numpy().astype("datetime64[Y]").astype(np.int64) + 1970
    volgorde = np.lexsort((np.arange(len(mf)), mf["_datum"].to_numpy(), jaar, mf["_org"].to_numpy()))
    code = mf["organisatie"].to_numpy()[volgorde]
    j = jaar[volgorde]
    nieuw = np.r_[True, (code[1:] != code[:-1]) | (j[1:] != j[:-1])]
    start = np.maximum.accumulate(np.where(nieuw, np.arange(len(code)), 0))
    nummer = np.arange(len(code)) - start + 1
    stijlen = {o.code: o for o in orgs}
    uit = np.empty(len(mf), dtype=object)
    grenzen = [*np.flatnonzero(nieuw).tolist(), len(code)]
    for begin, eind in itertools.pairwise(grenzen):
        c, jj = str(code[begin]), int(j[begin])
        delen = c.split("-")[1:] or [c]
        afk = ("".join(d[0] for d in delen) if len(delen) > 1 else delen[0][:3]).upper()
        sjabloon = stijlen[c].stijl.prefix or "{e}-{j}-{n:05d}"
        kop, _, staart = sjabloon.partition("{n:")
        breedte = int(staart[: staart.index("d")])
        rest = staart[staart.index("}") + 1 :]
        tekst = np.char.add(kop.format(e=afk, j=jj, j2=jj % 100), nummers(nummer[begin:eind], breedte))
        uit[volgorde[begin:eind]] = np.char.add(tekst, rest.format(e=afk, j=jj, j2=jj % 100)).astype(object)
    return uit


def _plak(delen: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate yearly frames, uniting categoricals (``pd.concat`` would turn them into objects)."""
    uit: dict[str, object] = {}
    for kolom in delen[0].columns:
        if isinstance(delen[0][kolom].dtype, pd.CategoricalDtype):
            uit[kolom] = union_categoricals([d[kolom] for d in delen], ignore_order=True)
        else:
            uit[kolom] = pd.concat([d[kolom] for d in delen], ignore_index=True)
    return pd.DataFrame(uit)


def _categorie(codes: np.ndarray, categorieen: list[str] | tuple[str, ...]) -> pd.Categorical:
    """A categorical from integer codes (-1 = empty) without hashing millions of strings."""
    cats = list(categorieen)
    if "" not in cats:
        cats.append("")
    codes = np.where(codes < 0, cats.index(""), codes)
    return pd.Categorical.from_codes(codes.astype(np.int32), categories=cats)


def _uniek(waarden: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Codes and categories of a (short) array of strings."""
    uniek, codes = np.unique(waarden.astype(str), return_inverse=True)
    return codes, [str(u) for u in uniek]


def _populatie(gezien: np.ndarray, ps: Personen, geo: Geografie, eenheid: np.ndarray, u: np.ndarray) -> pd.DataFrame:
    """The hidden population of one year: attributes, who saw them, and the registered-only attributes."""
    n = len(ps.ids)
    reg = ps.geregistreerd
    bits = (gezien.astype(np.int64) << np.arange(len(SOORTEN), dtype=np.int64)).sum(axis=1)
    uniek, gezien_codes = np.unique(bits, return_inverse=True)
    gezien_cats = [";".join(s for k, s in enumerate(SOORTEN) if b >> k & 1) for b in uniek.tolist()]

    def reg_kolom(waarden: np.ndarray) -> pd.Categorical:
        codes, cats = _uniek(waarden)
        alle = np.full(n, -1, dtype=np.int64)
        alle[reg] = codes
        return _categorie(alle, cats)

    ww_codes, ww_uniek = np.unique(ps.reg_werkwijze, return_inverse=True)
    ww_alle = np.full(n, -1, dtype=np.int64)
    ww_alle[reg] = ww_uniek
    plaats_codes, plaats_cats = _uniek(ps.plaats)
    land_codes, land_cats = _uniek(ps.land)
    gemeente = np.where(np.char.startswith(np.asarray(plaats_cats, dtype=str), "GM"), plaats_cats, "")
    return pd.DataFrame({
        "persoon_id": ps.ids, "jaar": np.full(n, ps.jaar, dtype=np.int16),
        "uitbuitingsvorm": _categorie(ps.vorm.astype(np.int64), VORMEN),
        "sector": reg_kolom(ps.reg_sector),
        "werkwijze": _categorie(ww_alle, [str(t) for t in masker_tekst(ww_codes.astype(np.uint32)).tolist()]),
        "geslacht": _categorie(ps.geslacht.astype(np.int64), GESLACHTEN), "leeftijd": ps.leeftijd,
        "leeftijdsgroep": _categorie(ps.leeftijdsgroep.astype(np.int64), LEEFTIJDSGROEPEN),
        "nationaliteit": _categorie(land_codes, land_cats), "tweede_nationaliteit": reg_kolom(ps.reg_tweede_land),
        "gemeente": pd.Categorical(np.asarray(gemeente, dtype=object)[plaats_codes]),
        "plaats_delict": _categorie(plaats_codes, plaats_cats),
        "politie_eenheid": _categorie(eenheid.astype(np.int64), geo.eenheden),
        "zichtbaarheid": np.round(u, 4), "gezien_door": _categorie(gezien_codes, gezien_cats),
        "aantal_meldingen": gezien.sum(axis=1).astype(np.int16), "geregistreerd": bits > 0,
        "vorm_onbekend_bij_melders": reg_kolom(np.where(ps.reg_vorm_onbekend, "ja", "nee")),
    })  # fmt: skip


def _identiteiten(ps: Personen) -> pd.DataFrame:
    """The true (canonical) identity of every registered person."""
    ident = ps.identiteit
    voornamen = naam_tekst(ident.voornaam)
    tweede = np.where(ident.tweede_voornaam >= 0, " " + naam_tekst(np.maximum(ident.tweede_voornaam, 0)), "")
    return pd.DataFrame({
        "persoon_id": ps.ids[ps.geregistreerd], "naamcultuur": ident.cultuur, "voornamen": voornamen + tweede,
        "achternaam": naam_tekst(ident.achternaam), "geboortedatum": np.datetime_as_string(ident.geboortedatum),
        "documentnummer": ident.document, "telefoonnummer": ident.telefoon, "telefoonnummer_2": ident.telefoon2,
    })  # fmt: skip
