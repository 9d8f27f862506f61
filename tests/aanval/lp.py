# SPDX-License-Identifier: EUPL-1.2
"""The attacker's linear programme over every published cell, and the findings.

Unknowns are counts of *atoms*: meldingen with one combination of the values of the dimensions the cells
restrict (gemeente of the plaats delict or the reporter's region, quarter of the melddatum, form, category).
While nothing is linked every melding is one person, so every published count is an exact sum of atoms. A
published cell bounds its sum by what its marker means under the documented policy (docs/disclosure.md):

- shown ``w`` > 0: the true count rounds to ``w`` (nearest multiple of the base, halves up) and is at least the
  threshold; shown ``0``: exactly 0;
- ``<10``: 1 to threshold-1, or 0 to threshold-1 where a published total over it in the same table is ``<10``;
- ``x``: any count >= 0; ``–``: nothing.

A later data vintage (phase 2, a table stating another ``gegevensstand``) counts the old atoms plus one added
melding: ``x + d`` with ``d >= 0`` and ``sum(d) <= 1``.

One joint programme over the cross product of every dimension would have millions of unknowns. The cells are
therefore grouped into *sub-programmes* by the dimensions they restrict: totals per area (plaats x quarter),
one breakdown at a time (area x quarter x category), one form of exploitation at a time (a three-valued
dimension: names the form / names another form / names none). Every sub-programme holds every published cell it
can express, so dropping the others only widens the attacker's intervals: a cell found pinned is pinned.
Within a sub-programme the atoms are merged to the coarsest partition that still expresses every cell, atoms
inside a published 0 are removed, and for large area partitions the totals are solved per veiligheidsregio
(with every region, province and the nation that overlaps it) plus once over whole regions.
"""

from __future__ import annotations

import itertools
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from tests.aanval.verzoeken import (
    KWARTAAL,
    MEERWAARDIG,
    PLAATS,
    REGIO,
    SOORT,
    Afgeleid,
    Cel,
    Geografie,
    Predikaat,
    Verzameling,
    Voorwaarde,
    beschrijf,
    lees_alles,
)
from tests.aanval.waarheid import Waarheid
from zicht.codebook import codelijst

INF = math.inf
EPS = 1e-6
_BEREIK = re.compile(r"^(\d+)\s*[–-]\s*(\d+)$")
#: Above this many atoms a totals programme is solved per veiligheidsregio.
MAX_ATOMEN = 6000

#: Kinds of findings that are breaches (the test fails on any of them).
BREUKEN = (
    "vastgepind",  # a true 1-9 count is determined exactly
    "versmald",  # a true 1-9 count has fewer than 5 possible values
    "verschil_vastgepind",  # the same for a difference of nested published groups (period, area)
    "verschil_versmald",
    "nieuwe_melding",  # the one added melding is placed in a group it was not known to be in
    "exacte_telling",  # an exact registry count in a label, text or metadata field
    "onafgerond",  # a count cell shown unrounded
    "afgeleid_exact",  # a rate or share computed from the true instead of the shown counts
    "met_zonder",  # "zonder groep" shown as a count that is not its rounded true count
    "onbeveiligd",  # a table without disclosure control for a protected role
    "serverfout",  # a 5xx answer
)


# ---- the attacker's reading of a cell ---------------------------------------------------------------------


def grenzen(cel: Cel, nul_mogelijk: bool) -> tuple[float, float] | None:
    """The true counts a published cell allows under the documented policy (None: it says nothing)."""
    if cel.markering == "niet_beschikbaar":
        # "zonder groep X" as the range the published total and group allow ("14–26", ADR 0006)
        bereik = _BEREIK.match(cel.tekst.strip()) if cel.zonder else None
        return (float(bereik.group(1)), float(bereik.group(2))) if bereik else None
    if not cel.beveiligd:
        return (cel.waarde, cel.waarde) if cel.waarde is not None else None
    if cel.markering == "getoond":
        if cel.waarde is None:
            return None
        w = float(cel.waarde)
        if w == 0:
            return (0.0, 0.0)
        b = max(cel.basis, 1)
        lo, hi = math.ceil(w - b / 2), math.ceil(w + b / 2) - 1
        if w >= cel.drempel:
            lo = max(lo, cel.drempel)
        return (float(lo), float(hi))
    if cel.markering == "klein_aantal":
        return (0.0 if nul_mogelijk else 1.0, float(cel.drempel - 1))
    if cel.markering == "onderdrukt":
        return (0.0, INF)
    return None


# ---- findings and the report ----------------------------------------------------------------------------


@dataclass
class Bevinding:
    soort: str
    omschrijving: str
    waar: int | None = None
    bereik: tuple[int, int] | None = None
    plekken: list[str] = field(default_factory=list)
    deelmodel: str = ""

    def tekst(self) -> str:
        delen = [f"[{self.soort}] {self.omschrijving}"]
        if self.waar is not None:
            delen.append(f"waar {self.waar}")
        if self.bereik is not None:
            delen.append(f"aanvaller: {self.bereik[0]}..{self.bereik[1]}")
        if self.deelmodel:
            delen.append(f"({self.deelmodel})")
        if self.plekken:
            delen.append(
                "— " + "; ".join(self.plekken[:2]) + (f" (+{len(self.plekken) - 2})" if len(self.plekken) > 2 else "")
            )
        return " ".join(delen)

    def als_dict(self) -> dict[str, Any]:
        return {"soort": self.soort, "omschrijving": self.omschrijving, "waar": self.waar,
                "bereik": list(self.bereik) if self.bereik else None, "plekken": self.plekken[:5],
                "deelmodel": self.deelmodel}  # fmt: skip


@dataclass
class Rapport:
    verzoeken: int = 0
    statussen: dict[str, int] = field(default_factory=dict)
    overgeslagen: int = 0
    cellen: int = 0
    rijen: int = 0
    bevindingen: list[Bevinding] = field(default_factory=list)
    afwijkingen: list[str] = field(default_factory=list)
    onbegrepen: list[str] = field(default_factory=list)
    niet_uitdrukbaar: int = 0
    deelmodellen: int = 0
    lp_opgelost: int = 0
    doelen: int = 0
    onvolledig: bool = False
    duur: dict[str, float] = field(default_factory=dict)

    def per_soort(self) -> dict[str, int]:
        uit: dict[str, int] = defaultdict(int)
        for b in self.bevindingen:
            uit[b.soort] += 1
        return dict(sorted(uit.items()))

    @property
    def breuken(self) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.soort in BREUKEN]

    def samenvatting(self, voorbeelden: int = 3) -> str:
        regels = [
            f"verzoeken: {self.verzoeken} ({', '.join(f'{k}: {v}' for k, v in sorted(self.statussen.items()))}),"
            f" overgeslagen na 4xx-proef: {self.overgeslagen}",
            f"cellen: {self.cellen} gepubliceerd, {self.rijen} verschillende; {self.niet_uitdrukbaar} niet uit te"
            f" drukken; {self.deelmodellen} deelprogramma's, {self.doelen} doelen, {self.lp_opgelost} LP's"
            + (" — ONVOLLEDIG: tijdbudget op, niet alles gevraagd of aangevallen" if self.onvolledig else ""),
            f"bevindingen per soort: {self.per_soort() or 'geen'}",
        ]
        if self.afwijkingen:
            regels.append(f"afwijkingen (gepubliceerd past niet bij de waarheid, buiten de LP gelaten): "
                          f"{len(self.afwijkingen)}, bv. {self.afwijkingen[:3]}")  # fmt: skip
        if self.onbegrepen:
            regels.append(f"onbegrepen: {len(self.onbegrepen)}, bv. {self.onbegrepen[:3]}")
        per_soort: dict[str, list[Bevinding]] = defaultdict(list)
        for b in self.bevindingen:
            per_soort[b.soort].append(b)
        for _, lijst in sorted(per_soort.items()):
            for b in lijst[:voorbeelden]:
                regels.append("  " + b.tekst())
        regels.append(f"duur: {', '.join(f'{k} {v:.1f} s' for k, v in self.duur.items())}")
        return "\n".join(regels)

    def als_dict(self, voorbeelden: int = 20) -> dict[str, Any]:
        per_soort: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for b in self.bevindingen:
            if len(per_soort[b.soort]) < voorbeelden:
                per_soort[b.soort].append(b.als_dict())
        return {
            "verzoeken": self.verzoeken, "statussen": self.statussen, "overgeslagen": self.overgeslagen,
            "cellen": self.cellen, "rijen": self.rijen, "niet_uitdrukbaar": self.niet_uitdrukbaar,
            "deelmodellen": self.deelmodellen, "doelen": self.doelen, "lp_opgelost": self.lp_opgelost,
            "onvolledig": self.onvolledig, "bevindingen_per_soort": self.per_soort(),
            "breuken": len(self.breuken), "voorbeelden": dict(per_soort), "afwijkingen": self.afwijkingen[:50],
            "aantal_afwijkingen": len(self.afwijkingen), "onbegrepen": self.onbegrepen[:50],
            "duur_s": {k: round(v, 2) for k, v in self.duur.items()},
        }  # fmt: skip


# ---- deduplicated published constraints --------------------------------------------------------------------


@dataclass
class Rij:
    """All published cells with one predicate on one vintage, as one constraint ``lo <= sum <= hi``."""

    nr: int
    predikaat: Predikaat
    nieuw: bool
    lo: float
    hi: float
    waar: int
    cellen: list[Cel]
    eisen: frozenset[tuple[str, str]] | None

    def plek(self) -> str:
        return self.cellen[0].plek()


def _eisen(predikaat: Predikaat) -> frozenset[tuple[str, str]] | None:
    """The dimensions a predicate restricts, with the focus code of a multi-valued one ("" = only whether any
    value is known). None: two different codes of one multi-valued dimension (not expressible)."""
    foci: dict[str, set[str]] = defaultdict(set)
    for v in predikaat:
        if v.dim == KWARTAAL:
            continue
        if v.dim in MEERWAARDIG:
            if v.soort in ("noemt", "noemt_niet"):
                foci[v.dim].add(next(iter(v.waarden)))
            elif v.soort == "buiten":
                foci[v.dim].add("buiten:" + ",".join(sorted(v.waarden)))
            else:
                foci[v.dim]
        else:
            foci[v.dim]
    uit = set()
    for dim, codes in foci.items():
        if len(codes) > 1:
            return None
        uit.add((dim, next(iter(codes)) if codes else ""))
    return frozenset(uit)


def _past_in(eisen: frozenset[tuple[str, str]], sleutel: frozenset[tuple[str, str]]) -> bool:
    for dim, focus in eisen:
        if focus:
            if (dim, focus) not in sleutel:
                return False
        elif not any(d == dim for d, _ in sleutel):
            return False
    return True


def _is_leeg(predikaat: Predikaat) -> bool:
    """A predicate no melding can satisfy (e.g. a form filter with the category 'no form known')."""
    per_dim: dict[str, list[Voorwaarde]] = defaultdict(list)
    for v in predikaat:
        per_dim[v.dim].append(v)
    for vs in per_dim.values():
        soorten = {v.soort for v in vs}
        if "geen" in soorten and soorten & {"noemt", "bekend", "buiten"}:
            return True
    return False


# ---- one sub-programme ------------------------------------------------------------------------------------------


@dataclass
class Dim:
    naam: str
    focus: str
    universum: list[str]

    def toegestaan(self, v: Voorwaarde) -> set[str]:
        u = set(self.universum)
        if self.naam in MEERWAARDIG:
            ja = {"ja"} & u
            if v.soort in ("noemt", "buiten"):
                return ja
            if v.soort == "noemt_niet":
                return {"ander", "geen"} & u
            if v.soort == "geen":
                return {"geen"}
            if v.soort == "bekend":
                return {"ja", "ander"} & u
            raise ValueError(v)
        if v.soort == "in":
            return set(v.waarden) & u
        if v.soort == "niet_in":
            return u - set(v.waarden)
        raise ValueError(v)

    def waarde(self, w: str | frozenset[str]) -> str | None:
        """The value of a true melding on this dimension (None: outside the universe)."""
        if self.naam in MEERWAARDIG:
            assert isinstance(w, frozenset)
            if not w:
                return "geen"
            if self.focus.startswith("buiten:"):
                top = frozenset(self.focus.removeprefix("buiten:").split(","))
                return "ja" if w - top else "ander"
            if self.focus and self.focus in w:
                return "ja"
            return "ander"
        assert isinstance(w, str)
        if w in self.universum:
            return w
        return "…rest" if "…rest" in self.universum else None


@dataclass
class Doel:
    """Something to min/max: a published row or a difference of two, as a vector over the unknowns."""

    naam: str
    soort: str  # cel | verschil
    x: dict[int, float]
    waar: int
    rij: Rij | None = None


class Deelprogramma:
    """The LP over the atoms of some dimensions, with every expressible published row."""

    def __init__(self, naam: str, dims: list[Dim], rijen: list[Rij], waarheid: Waarheid) -> None:
        self.naam = naam
        self.dims = dims
        # partition of each dimension: values with the same membership in every row's condition
        toegestaan: list[list[set[str]]] = []
        for rij in rijen:
            per_dim = []
            for d in dims:
                allowed = set(d.universum)
                for v in rij.predikaat:
                    if v.dim == d.naam:
                        allowed &= d.toegestaan(v)
                per_dim.append(allowed)
            toegestaan.append(per_dim)
        self.klassen: list[list[frozenset[str]]] = []
        for i, d in enumerate(dims):
            handtekening: dict[str, list[bool]] = {w: [] for w in d.universum}
            gezien: set[frozenset[str]] = set()
            for per_dim in toegestaan:
                s = frozenset(per_dim[i])
                if s in gezien or len(s) == len(d.universum):
                    continue
                gezien.add(s)
                for w in d.universum:
                    handtekening[w].append(w in s)
            groepen: dict[tuple[bool, ...], list[str]] = defaultdict(list)
            for w in d.universum:
                groepen[tuple(handtekening[w])].append(w)
            self.klassen.append([frozenset(g) for g in groepen.values()])
        self.klasse_van = [{w: k for k, klasse in enumerate(kl) for w in klasse} for kl in self.klassen]
        vorm = tuple(len(k) for k in self.klassen)
        self.n_atomen = int(np.prod(vorm)) if vorm else 1
        # membership of each row
        self.rijen: list[Rij] = []
        leden: list[np.ndarray] = []
        for rij, per_dim in zip(rijen, toegestaan, strict=True):
            indices = []
            for i, allowed in enumerate(per_dim):
                ks = [k for k, klasse in enumerate(self.klassen[i]) if klasse <= allowed]
                if sum(len(self.klassen[i][k]) for k in ks) != len(allowed):
                    break  # not a union of classes
                indices.append(ks)
            else:
                if any(not ks for ks in indices):
                    atomen = np.zeros(0, dtype=np.int64)
                else:
                    rooster = np.meshgrid(*[np.array(ks) for ks in indices], indexing="ij")
                    atomen = np.ravel_multi_index([g.ravel() for g in rooster], vorm) if vorm else np.zeros(1, np.int64)
                self.rijen.append(rij)
                leden.append(atomen)
        self._bouw(leden, waarheid)

    def _bouw(self, leden: list[np.ndarray], waarheid: Waarheid) -> None:
        n = self.n_atomen
        # pruning by published zeros: old zero -> x = 0; new zero -> x = d = 0
        x_nul = np.zeros(n, dtype=bool)
        d_nul = np.zeros(n, dtype=bool)
        for rij, atomen in zip(self.rijen, leden, strict=True):
            if rij.hi == 0:
                x_nul[atomen] = True
                if rij.nieuw:
                    d_nul[atomen] = True
        # merge atoms with the same membership in every row
        rij_idx = (
            np.concatenate([np.full(len(a), r, dtype=np.int64) for r, a in enumerate(leden)])
            if leden
            else np.zeros(0, np.int64)
        )
        atoom_idx = np.concatenate(leden) if leden else np.zeros(0, np.int64)
        m = sp.csr_matrix((np.ones(len(atoom_idx)), (atoom_idx, rij_idx)), shape=(n, len(self.rijen)))
        m.sum_duplicates()  # canonical: sorted row indices per atom, so equal memberships give equal bytes
        handtekeningen: dict[tuple[bytes, bool, bool], int] = {}
        groep = np.full(n, -1, dtype=np.int64)
        for a in range(n):
            begin, eind = m.indptr[a], m.indptr[a + 1]
            if begin == eind:
                continue  # in no row
            h = (m.indices[begin:eind].tobytes(), bool(x_nul[a]), bool(d_nul[a]))
            groep[a] = handtekeningen.setdefault(h, len(handtekeningen))
        self.n_groepen = len(handtekeningen)
        groep_x = np.zeros(self.n_groepen, dtype=bool)
        groep_d = np.zeros(self.n_groepen, dtype=bool)
        for (_, xn, dn), g in handtekeningen.items():
            groep_x[g] = not xn
            groep_d[g] = not dn
        self.x_van_groep = np.full(self.n_groepen, -1, dtype=np.int64)
        self.x_van_groep[groep_x] = np.arange(int(groep_x.sum()))
        self.d_van_groep = np.full(self.n_groepen, -1, dtype=np.int64)
        self.d_van_groep[groep_d] = np.arange(int(groep_d.sum()))
        self.nx = int(groep_x.sum())
        self.heeft_nieuw = any(r.nieuw for r in self.rijen)
        self.nd = int(groep_d.sum()) if self.heeft_nieuw else 0
        self.groep_van_atoom = groep
        # rows as sparse vectors over [x, d]
        self.vectoren: list[dict[int, float]] = []
        for rij, atomen in zip(self.rijen, leden, strict=True):
            groepen = [int(g) for g in (np.unique(groep[atomen]) if len(atomen) else [])]
            vec: dict[int, float] = {}
            for g in groepen:
                if g < 0:
                    continue
                if self.x_van_groep[g] >= 0:
                    vec[int(self.x_van_groep[g])] = 1.0
                if rij.nieuw and self.nd and self.d_van_groep[g] >= 0:
                    vec[self.nx + int(self.d_van_groep[g])] = 1.0
            self.vectoren.append(vec)
        # truth: counts of the old vintage per x group, the added melding per d group
        self.x_waar = np.zeros(self.nx, dtype=np.int64)
        self.d_waar = np.zeros(self.nd, dtype=np.int64)
        vorm = tuple(len(k) for k in self.klassen)
        for mw in waarheid.meldingen:
            coords = []
            for i, d in enumerate(self.dims):
                w = d.waarde(mw.waarden[d.naam])
                if w is None or w not in self.klasse_van[i]:
                    break
                coords.append(self.klasse_van[i][w])
            else:
                a = int(np.ravel_multi_index(coords, vorm)) if vorm else 0
                g = groep[a]
                if g < 0:
                    continue
                if mw.fase == 1 and self.x_van_groep[g] >= 0:
                    self.x_waar[self.x_van_groep[g]] += 1
                elif mw.fase == 2 and self.nd and self.d_van_groep[g] >= 0:
                    self.d_waar[self.d_van_groep[g]] += 1
        self._matrices()

    def _matrices(self) -> None:
        n = self.nx + self.nd + (1 if self.nd else 0)
        ub_rijen, ub_b, eq_rijen, eq_b = [], [], [], []
        for rij, vec in zip(self.rijen, self.vectoren, strict=True):
            if not vec:
                continue
            if rij.lo == rij.hi:
                eq_rijen.append(vec)
                eq_b.append(rij.lo)
                continue
            if rij.hi < INF:
                ub_rijen.append(vec)
                ub_b.append(rij.hi)
            if rij.lo > 0:
                ub_rijen.append({k: -v for k, v in vec.items()})
                ub_b.append(-rij.lo)
        if self.nd:
            eq_rijen.append({self.nx + i: 1.0 for i in range(self.nd + 1)})  # sum(d) + rest = 1
            eq_b.append(1.0)

        def matrix(rijen: list[dict[int, float]]) -> sp.csr_matrix | None:
            if not rijen:
                return None
            data, ri, ci = [], [], []
            for r, vec in enumerate(rijen):
                for c, v in vec.items():
                    ri.append(r)
                    ci.append(c)
                    data.append(v)
            return sp.csr_matrix((data, (ri, ci)), shape=(len(rijen), n))

        self.a_ub, self.b_ub = matrix(ub_rijen), np.array(ub_b, dtype=float)
        self.a_eq, self.b_eq = matrix(eq_rijen), np.array(eq_b, dtype=float)
        self.bounds = [(0.0, None)] * self.nx + [(0.0, 1.0)] * (self.nd + (1 if self.nd else 0))
        self.n_var = n
        waar = [self.x_waar.astype(float), self.d_waar.astype(float)]
        if self.nd:
            waar.append(np.array([1.0 - float(self.d_waar.sum())]))
        self.punten: list[np.ndarray] = [np.concatenate(waar)]

    def optimaliseer(self, doel: dict[int, float], richting: int) -> float:
        """min (richting=1) or max (richting=-1) of sum(doel) over the attacker's feasible set."""
        c = np.zeros(self.n_var)
        for k, v in doel.items():
            c[k] = v * richting
        res = linprog(c, A_ub=self.a_ub, b_ub=self.b_ub if self.a_ub is not None else None, A_eq=self.a_eq,
                      b_eq=self.b_eq if self.a_eq is not None else None, bounds=self.bounds, method="highs",
                      options={"presolve": False})  # fmt: skip
        if res.status == 3:
            return INF if richting == -1 else -INF
        if res.status != 0:
            raise RuntimeError(f"{self.naam}: LP status {res.status}: {res.message}")
        self.punten.append(np.asarray(res.x, dtype=float))
        if len(self.punten) > 48:
            del self.punten[1]  # keep the truth (first) and the newest vertices
        return float(res.fun) * richting

    def zaai(self, n: int, rng: np.random.Generator) -> None:
        """Vertices for random directions: feasible points that show most targets wide without an LP."""
        for _ in range(n):
            richting = rng.choice([-1.0, 1.0], size=self.nx)
            self.optimaliseer({i: float(r) for i, r in enumerate(richting)}, 1)

    def bekend_bereik(self, doel: dict[int, float]) -> tuple[float, float]:
        """The smallest and largest value of a target over the known feasible points (the truth and every
        vertex found): the attacker's interval contains at least this."""
        keys = np.fromiter(doel.keys(), dtype=np.int64, count=len(doel))
        vals = np.fromiter(doel.values(), dtype=float, count=len(doel))
        waarden = np.vstack(self.punten)[:, keys] @ vals
        return float(waarden.min()), float(waarden.max())

    def waar(self, doel: dict[int, float]) -> int:
        totaal = 0.0
        for k, v in doel.items():
            if k < self.nx:
                totaal += v * self.x_waar[k]
            elif k < self.nx + self.nd:
                totaal += v * self.d_waar[k - self.nx]
        return round(totaal)


# ---- building the sub-programmes ----------------------------------------------------------------------------------


def _universum(dim: str, focus: str, rijen: Sequence[Rij], geo: Geografie) -> list[str]:
    if dim in MEERWAARDIG:
        return ["ja", "ander", "geen"] if focus else ["ander", "geen"]
    gezien: set[str] = set()
    for r in rijen:
        for v in r.predikaat:
            if v.dim == dim:
                gezien |= v.waarden
    if dim == KWARTAAL:
        return sorted(gezien)
    if dim == PLAATS:
        return sorted(set(geo.alle_plaatsen) | gezien)
    if dim == REGIO:
        return sorted(set(geo.alle_regios) | gezien)
    bekend: set[str] = set()
    lijsten = {"geslacht": "geslacht", "dossiertype": "dossiertype", SOORT: "melder_soort"}
    if dim in lijsten:
        bekend = set(codelijst(lijsten[dim]).waarden)
    elif dim == "leeftijdsklasse":
        bekend = {"minderjarig", "18-22", "23+", "onbekend"}
    elif dim == "nationaliteitsgroep":
        bekend = {"nederlands", "eu", "niet_eu", "onbekend"}
    return [*sorted(bekend | gezien), "…rest"]


@dataclass
class Plan:
    naam: str
    sleutel: frozenset[tuple[str, str]]
    rijen: list[Rij]
    doelen: set[int]  # row numbers to attack here


def _plannen(rijen: list[Rij], geo: Geografie) -> list[Plan]:
    """The sub-programmes: one per combination of restricted dimensions, with every row it can express."""
    per_sleutel: dict[frozenset[tuple[str, str]], list[Rij]] = defaultdict(list)
    for r in rijen:
        if r.eisen is not None:
            per_sleutel[r.eisen].append(r)
    tabellen_van: dict[frozenset[tuple[str, str]], set[str]] = {
        s: {c.verzoek for r in rs for c in r.cellen} for s, rs in per_sleutel.items()
    }
    rijen_per_verzoek: dict[str, list[Rij]] = defaultdict(list)
    for r in rijen:
        for v in {c.verzoek for c in r.cellen}:
            rijen_per_verzoek[v].append(r)
    sleutels = [s for s in per_sleutel if s]
    plannen: list[Plan] = []
    for sleutel in sorted(sleutels, key=lambda s: (len(s), sorted(s))):
        kandidaten = [r for r in rijen if r.eisen is not None and _past_in(r.eisen, sleutel)]
        doelen = {r.nr for r in per_sleutel[sleutel]}
        if sleutel == frozenset({(PLAATS, "")}):
            doelen |= {r.nr for r in per_sleutel.get(frozenset(), [])}
        geo_dims = [d for d, _ in sleutel if d in (PLAATS, REGIO)]
        if geo_dims and sleutel != frozenset({(PLAATS, "")}) and sleutel != frozenset({(REGIO, "")}):
            # the area partition of this breakdown: areas of the tables that hold its own cells
            eigen = {r.nr for v in tabellen_van[sleutel] for r in rijen_per_verzoek[v]}
            eigen_geo = {
                (v.dim, v.waarden)
                for r in rijen
                if r.nr in eigen
                for v in r.predikaat
                if v.dim in geo_dims and v.soort == "in"
            }
            kandidaten = [
                r for r in kandidaten if all((v.dim, v.waarden) in eigen_geo for v in r.predikaat if v.dim in geo_dims)
            ]
        naam = "+".join(f"{d}{':' + f if f else ''}" for d, f in sorted(sleutel))
        plannen.append(Plan(naam, sleutel, kandidaten, doelen))
    return plannen


def _splits_per_regio(plan: Plan, geo: Geografie) -> list[Plan]:
    """A totals programme per veiligheidsregio (every row overlapping it) and one over whole regions."""
    vr_van = {code: gm.veiligheidsregio_code for code, gm in geo.referentie.gemeenten.items()}
    regios: dict[str, set[str]] = defaultdict(set)
    for code, vr in vr_van.items():
        regios[vr].add(code)
    delen: list[Plan] = []
    heel = []
    per_regio: dict[str, list[Rij]] = defaultdict(list)
    for r in plan.rijen:
        plaatsen = [v for v in r.predikaat if v.dim == PLAATS]
        if not plaatsen:
            heel.append(r)
            for vr in regios:
                per_regio[vr].append(r)
            continue
        w = plaatsen[0].waarden if plaatsen[0].soort == "in" else frozenset(geo.alle_plaatsen) - plaatsen[0].waarden
        geraakt = {vr_van[g] for g in w if g in vr_van}
        if all(regios[vr] <= w for vr in geraakt):
            heel.append(r)
        for vr in geraakt:
            per_regio[vr].append(r)
    for vr, rs in sorted(per_regio.items()):
        if any(any(v.dim == PLAATS for v in r.predikaat) for r in rs):
            delen.append(Plan(f"{plan.naam}@{vr}", plan.sleutel, rs, plan.doelen))
    delen.append(Plan(f"{plan.naam}@regio's", plan.sleutel, heel, plan.doelen))
    return delen


# ---- the attack -------------------------------------------------------------------------------------------------


def _zonder_afgeleid(cellen: list[Cel]) -> set[int]:
    """Indices of 'zonder' cells that are the published total minus the published group (documented as
    derived, so they tell nothing beyond those two)."""
    per_kolom: dict[tuple[str, str], dict[str, Cel]] = defaultdict(dict)
    for c in cellen:
        if c.tabel.startswith("met_zonder"):
            rol = "zonder" if c.zonder else ("alleen" if c.rij.startswith("alleen") else "alle")
            per_kolom[(c.verzoek, c.kolom)][rol] = c
    afgeleid = set()
    for i, c in enumerate(cellen):
        if not c.zonder:
            continue
        fam = per_kolom[(c.verzoek, c.kolom)]
        alle, alleen = fam.get("alle"), fam.get("alleen")
        if alle is None or alleen is None or alle.waarde is None:
            continue
        if c.markering == "getoond" and alleen.waarde is not None and c.waarde == alle.waarde - alleen.waarde:
            afgeleid.add(i)
        elif c.markering == "klein_aantal" and alleen.markering == "getoond" and alleen.waarde is not None:
            if alle.waarde - alleen.waarde < c.drempel:
                afgeleid.add(i)
        elif c.markering == "klein_aantal" and alleen.markering == "klein_aantal":
            afgeleid.add(i)
    return afgeleid


def analyseer(
    verzamelingen: Sequence[Verzameling],
    geo: Geografie,
    waarheid: Waarheid,
    *,
    budget: float | None = None,
    max_atomen: int = MAX_ATOMEN,
    log: Any = None,
) -> Rapport:
    """Read every published cell, check what can be checked per cell, and attack all cells jointly."""
    begin = time.perf_counter()
    rapport = Rapport()
    for v in verzamelingen:
        rapport.verzoeken += len(v.antwoorden)
        rapport.overgeslagen += v.overgeslagen
        rapport.onvolledig |= v.onvolledig
        for k, n in v.statussen().items():
            rapport.statussen[k] = rapport.statussen.get(k, 0) + n
        for a in v.antwoorden:
            if a.status >= 500:
                rapport.bevindingen.append(
                    Bevinding("serverfout", f"HTTP {a.status} {a.fout or ''}".strip(), plekken=[a.sleutel])
                )
    gelezen = lees_alles(verzamelingen, geo)
    rapport.onbegrepen = gelezen.onbegrepen
    rapport.cellen = len(gelezen.cellen)
    gezien_bloot: set[tuple[str, int]] = set()
    for b in gelezen.blootstellingen:
        if (b.veld, b.getal) not in gezien_bloot:
            gezien_bloot.add((b.veld, b.getal))
            rapport.bevindingen.append(
                Bevinding("exacte_telling", f"{b.veld}: {b.tekst!r} noemt {b.getal}", plekken=[b.verzoek])
            )

    standen_oud = {c.stand for c in gelezen.cellen if c.fase == 1}
    cellen = gelezen.cellen
    afgeleid_zonder = _zonder_afgeleid(cellen)
    nul_mogelijk = _nul_mogelijk(cellen, standen_oud)
    per_rij: dict[tuple[Predikaat, bool], list[tuple[Cel, tuple[float, float]]]] = defaultdict(list)
    onbeveiligd: set[str] = set()
    for i, c in enumerate(cellen):
        nieuw = c.fase == 2 and c.stand not in standen_oud
        waar = waarheid.telling(c.predikaat, 2 if nieuw else 1)
        if not c.beveiligd:
            if c.verzoek not in onbeveiligd:
                onbeveiligd.add(c.verzoek)
                rapport.bevindingen.append(Bevinding("onbeveiligd", "tabel zonder beveiliging", plekken=[c.verzoek]))
            continue
        if c.markering == "getoond" and c.waarde is not None and c.waarde % max(c.basis, 1) != 0:
            rapport.bevindingen.append(
                Bevinding("onafgerond", f"{beschrijf(c.predikaat)} getoond als {c.tekst}", waar, plekken=[c.plek()])
            )
        g = grenzen(c, (c.predikaat, nieuw) in nul_mogelijk)
        if g is None:
            continue
        if c.markering == "klein_aantal" and waar == 0 and g[0] > 0:
            g = (0.0, g[1])  # the policy's exception: a 0 under a small total elsewhere (judged by the truth)
        if not (g[0] - EPS <= waar <= g[1] + EPS):
            if c.zonder:
                rapport.bevindingen.append(Bevinding(
                    "met_zonder", f"'zonder' {beschrijf(c.predikaat)} getoond als {c.tekst!r}", waar,
                    plekken=[c.plek()]))  # fmt: skip
            else:
                rapport.afwijkingen.append(f"{c.plek()}: getoond {c.tekst!r}, waar {waar}")
            continue
        if i in afgeleid_zonder:
            continue
        if _is_leeg(c.predikaat):
            continue
        per_rij[(c.predikaat, nieuw)].append((c, g))

    rijen: list[Rij] = []
    for (pred, nieuw), lijst in per_rij.items():
        lo = max(g[0] for _, g in lijst)
        hi = min(g[1] for _, g in lijst)
        rijen.append(Rij(len(rijen), pred, nieuw, lo, hi, waarheid.telling(pred, 2 if nieuw else 1),
                         [c for c, _ in lijst], _eisen(pred)))  # fmt: skip
    rapport.rijen = len(rijen)
    rapport.niet_uitdrukbaar = sum(1 for r in rijen if r.eisen is None)
    _controleer_afgeleid(gelezen.afgeleid, waarheid, standen_oud, rapport)
    rapport.duur["lezen"] = time.perf_counter() - begin

    begin_lp = time.perf_counter()
    _val_aan(rijen, geo, waarheid, rapport, budget=budget, max_atomen=max_atomen, log=log)
    rapport.duur["lp"] = time.perf_counter() - begin_lp
    return rapport


def _nul_mogelijk(cellen: Sequence[Cel], standen_oud: set[str]) -> set[tuple[Predikaat, bool]]:
    """The "<10" cells that may hide a 0: a published "<10" total lies over them (the same cell without its
    category or filter, or for a larger area, or both), in any table of the same vintage."""
    klein: dict[bool, set[Predikaat]] = defaultdict(set)
    for c in cellen:
        if c.markering == "klein_aantal":
            klein[c.fase == 2 and c.stand not in standen_oud].add(c.predikaat)
    uit: set[tuple[Predikaat, bool]] = set()
    for nieuw, predikaten in klein.items():
        geo_sets = {(v.dim, v.waarden) for p in predikaten for v in p if v.dim in (PLAATS, REGIO) and v.soort == "in"}
        groter: dict[tuple[str, frozenset[str]], list[frozenset[str]]] = defaultdict(list)
        for dim, w in geo_sets:
            groter[(dim, w)] = [w2 for d2, w2 in geo_sets if d2 == dim and w < w2]
        for pred in predikaten:
            vast = [v for v in pred if v.dim == KWARTAAL]
            keuzes: list[list[Voorwaarde | None]] = []
            for v in pred:
                if v.dim == KWARTAAL:
                    continue
                opties: list[Voorwaarde | None] = [v, None]
                if v.dim in (PLAATS, REGIO) and v.soort == "in":
                    opties += [Voorwaarde(v.dim, "in", w) for w in groter[(v.dim, v.waarden)]]
                keuzes.append(opties)
            for combo in itertools.product(*keuzes):
                ouder = frozenset(vast + [c for c in combo if c is not None])
                if ouder != pred and ouder in predikaten:
                    uit.add((pred, nieuw))
                    break
    return uit


def _controleer_afgeleid(
    afgeleid: Iterable[Afgeleid], waarheid: Waarheid, standen_oud: set[str], rapport: Rapport
) -> None:
    """A rate or share must follow from the shown counts; one that fits the true counts instead exposes them."""
    gezien: set[tuple[str, str]] = set()
    for a in afgeleid:
        t = a.teller
        if t.markering != "getoond" or t.waarde is None:
            continue
        fase = 2 if (t.fase == 2 and t.stand not in standen_oud) else 1
        waar_t = waarheid.telling(t.predikaat, fase)
        if waar_t == t.waarde:
            continue
        if a.soort == "per_100k" and a.inwoners:
            getoond = t.waarde / a.inwoners * 100_000
            exact = waar_t / a.inwoners * 100_000
        elif a.soort == "aandeel" and a.noemer is not None and a.noemer.waarde:
            waar_n = waarheid.telling(a.noemer.predikaat, fase)
            if not waar_n:
                continue
            getoond = t.waarde / a.noemer.waarde
            exact = waar_t / waar_n
        else:
            continue
        if abs(a.waarde - exact) <= 1e-9 * max(1.0, abs(exact)) and abs(a.waarde - getoond) > 1e-9 * max(1.0, getoond):
            sleutel = (beschrijf(t.predikaat), a.soort)
            if sleutel not in gezien:
                gezien.add(sleutel)
                rapport.bevindingen.append(Bevinding(
                    "afgeleid_exact", f"{a.soort} {a.waarde!r} volgt uit de ware telling {waar_t} "
                    f"({beschrijf(t.predikaat)}), niet uit de getoonde {t.tekst}", waar_t, plekken=[a.verzoek]))  # fmt: skip


def _val_aan(
    rijen: list[Rij],
    geo: Geografie,
    waarheid: Waarheid,
    rapport: Rapport,
    *,
    budget: float | None,
    max_atomen: int,
    log: Any,
) -> None:
    begin = time.perf_counter()
    beste: dict[int, tuple[float, float, str]] = {}
    gemeld_afgeleid: set[tuple[str, str]] = set()
    plannen = _plannen(rijen, geo)
    for plan in plannen:
        delen = [plan]
        if (PLAATS, "") in plan.sleutel:
            proef = _grootte(plan, geo)
            if proef > max_atomen:
                delen = _splits_per_regio(plan, geo)
        for deel in delen:
            if budget is not None and time.perf_counter() - begin > budget:
                rapport.onvolledig = True
                return
            dims = [Dim(d, f, _universum(d, f, deel.rijen, geo)) for d, f in sorted(deel.sleutel)]
            dims.append(Dim(KWARTAAL, "", _universum(KWARTAAL, "", deel.rijen, geo)))
            prog = Deelprogramma(deel.naam, dims, deel.rijen, waarheid)
            rapport.deelmodellen += 1
            if log is not None:
                log(f"{deel.naam}: {len(prog.rijen)} rijen, {prog.n_atomen} atomen -> {prog.nx}+{prog.nd} onbekenden")
            _los_op(prog, deel, beste, gemeld_afgeleid, rapport)
    _meld_cellen(rijen, beste, rapport)


def _grootte(plan: Plan, geo: Geografie) -> int:
    plaatsen: set[frozenset[str]] = set()
    kwartalen: set[str] = set()
    for r in plan.rijen:
        for v in r.predikaat:
            if v.dim == PLAATS:
                plaatsen.add(v.waarden)
            if v.dim == KWARTAAL:
                kwartalen |= v.waarden
    return (len(plaatsen) + 1) * max(len(kwartalen), 1)


def _sleutel(vec: dict[int, float]) -> tuple[tuple[int, float], ...]:
    return tuple(sorted(vec.items()))


def _los_op(
    prog: Deelprogramma,
    plan: Plan,
    beste: dict[int, tuple[float, float, str]],
    gemeld_afgeleid: set[tuple[str, str]],
    rapport: Rapport,
) -> None:
    """Min/max every target of one sub-programme: published rows with a true 1-9 count, differences of nested
    published groups with a true 1-9 count, and where the added melding lies."""
    doelen: list[Doel] = []
    gezien: set[tuple[tuple[int, float], ...]] = set()
    for rij, vec in zip(prog.rijen, prog.vectoren, strict=True):
        if rij.nr in plan.doelen and 1 <= rij.waar <= 9 and vec:
            if rij.nr in beste and beste[rij.nr][1] - beste[rij.nr][0] < 1 - EPS:
                continue  # already pinned elsewhere
            gezien.add(_sleutel(vec))
            doelen.append(Doel(rij.plek(), "cel", vec, rij.waar, rij))
    # differences of nested published groups (a period inside a longer one, an area inside a larger one) with
    # the same other conditions: "2021 = (2019-2021) - (2019-2020)", "region minus gemeente"
    for dim in (KWARTAAL, PLAATS, REGIO):
        per_rest: dict[tuple[frozenset[Voorwaarde], bool], list[tuple[frozenset[str] | None, dict[int, float], Rij]]]
        per_rest = defaultdict(list)
        for rij, vec in zip(prog.rijen, prog.vectoren, strict=True):
            if rij.nr not in plan.doelen or not vec:
                continue
            eigen = [v for v in rij.predikaat if v.dim == dim]
            if eigen and eigen[0].soort != "in":
                continue
            rest = frozenset(v for v in rij.predikaat if v.dim != dim)
            per_rest[(rest, rij.nieuw)].append((eigen[0].waarden if eigen else None, vec, rij))
        for lijst in per_rest.values():
            for klein, v_klein, r_klein in lijst:
                if klein is None:
                    continue
                # the smallest published groups strictly containing it (its immediate parents)
                ouders = [(g, v, r) for g, v, r in lijst if g is None or klein < g]
                ouders = [o for o in ouders if not any(p[0] is not None and klein < p[0] and (o[0] is None or p[0] < o[0])
                                                       for p in ouders)]  # fmt: skip
                for _, v_groot, r_groot in ouders:
                    waar = r_groot.waar - r_klein.waar
                    if not 1 <= waar <= 9:
                        continue
                    verschil = dict(v_groot)
                    for k, v in v_klein.items():
                        verschil[k] = verschil.get(k, 0.0) - v
                    verschil = {k: v for k, v in verschil.items() if abs(v) > EPS}
                    if verschil and _sleutel(verschil) not in gezien:
                        gezien.add(_sleutel(verschil))
                        naam = f"{beschrijf(r_groot.predikaat)} min {dim} {_kort(klein)}"
                        doelen.append(Doel(naam, "verschil", verschil, waar))
    rapport.doelen += len(doelen)
    if doelen and prog.nx:
        prog.zaai(4, np.random.default_rng(12))
        rapport.lp_opgelost += 4

    def breed(a: float, b: float) -> bool:
        return math.floor(b + EPS) - math.ceil(a - EPS) + 1 >= 5

    for doel in doelen:
        vec = doel.x
        a, b = prog.bekend_bereik(vec)
        if breed(a, b):
            continue  # known feasible points already leave at least 5 values
        if doel.waar <= 4 or b - doel.waar < doel.waar - a:
            hi = prog.optimaliseer(vec, -1)
            rapport.lp_opgelost += 1
            if breed(a, hi):
                continue
            lo = prog.optimaliseer(vec, 1)
        else:
            lo = prog.optimaliseer(vec, 1)
            rapport.lp_opgelost += 1
            if breed(lo, b):
                continue
            hi = prog.optimaliseer(vec, -1)
        rapport.lp_opgelost += 1
        if doel.rij is not None:
            oud = beste.get(doel.rij.nr)
            if oud is None or hi - lo < oud[1] - oud[0]:
                beste[doel.rij.nr] = (lo, hi, prog.naam)
        else:
            n = math.floor(hi + EPS) - math.ceil(lo - EPS) + 1
            if n < 5 and (doel.naam, "") not in gemeld_afgeleid:
                gemeld_afgeleid.add((doel.naam, ""))
                soort = "verschil_vastgepind" if n <= 1 else "verschil_versmald"
                rapport.bevindingen.append(Bevinding(soort, doel.naam, doel.waar,
                                                     (math.ceil(lo - EPS), math.floor(hi + EPS)),
                                                     deelmodel=prog.naam))  # fmt: skip
    # the added melding: is it placed in a group by the published cells of the new vintage?
    if prog.nd:
        for rij, vec in zip(prog.rijen, prog.vectoren, strict=True):
            if not rij.nieuw or not any(v.dim != KWARTAAL for v in rij.predikaat):
                continue
            d = {k: v for k, v in vec.items() if k >= prog.nx}
            if not d or prog.waar(d) != 1:
                continue
            sleutel = (beschrijf(rij.predikaat), "nieuw")
            if sleutel in gemeld_afgeleid:
                continue
            lo = prog.optimaliseer(d, 1)
            rapport.lp_opgelost += 1
            if lo >= 1 - EPS:
                gemeld_afgeleid.add(sleutel)
                rapport.bevindingen.append(Bevinding(
                    "nieuwe_melding", f"de toegevoegde melding valt zeker in: {beschrijf(rij.predikaat)}", 1,
                    (1, 1), plekken=[rij.plek()], deelmodel=prog.naam))  # fmt: skip


def _kort(waarden: frozenset[str]) -> str:
    w = sorted(waarden)
    return ",".join(w[:4]) + (f" (+{len(w) - 4})" if len(w) > 4 else "")


def _meld_cellen(rijen: list[Rij], beste: dict[int, tuple[float, float, str]], rapport: Rapport) -> None:
    for rij in rijen:
        if rij.nr not in beste:
            continue
        lo, hi, naam = beste[rij.nr]
        a, b = math.ceil(lo - EPS), math.floor(hi + EPS)
        n = b - a + 1
        if n < 5:
            soort = "vastgepind" if n <= 1 else "versmald"
            rapport.bevindingen.append(Bevinding(soort, f"{beschrijf(rij.predikaat)}{' (nieuwe stand)' if rij.nieuw else ''}",
                                                 rij.waar, (a, b), [c.plek() for c in rij.cellen], naam))  # fmt: skip
