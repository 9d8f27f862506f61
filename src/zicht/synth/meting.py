# SPDX-License-Identifier: EUPL-1.2
"""Measure generated data against the calibration targets (used by the tests, the docs table and benchmarks).

Registered shares of gender, age and nationality come from the truth (``populatie``, registered persons); the
recorded form of a person is the first known form in any of their meldingen (``onbekend`` when none knows it),
read back from the meldingen themselves; reporter and dossier shares are shares of meldingen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from zicht.codebook import codelijst
from zicht.synth import calibratie as cal
from zicht.synth.generator import SynthResult


def _codes(reeks: pd.Series, lijst: str) -> pd.Series:
    """Resolve labels or codes (first value of a multi-valued cell) to codes; empty stays empty."""
    cl = codelijst(lijst)
    uniek = {w: (cl.resolve(w.split(";")[0]) if w else "") for w in reeks.unique().tolist()}
    return reeks.map(uniek)


def meet(result: SynthResult) -> dict[int, dict[str, float]]:
    """Per year: the produced value of every target in :func:`zicht.synth.calibratie.doelen`."""
    w = result.waarheid
    m = result.meldingen
    pop = result.populatie[result.populatie["geregistreerd"]]
    vorm = _codes(m["uitbuitingsvorm"].astype(str), "uitbuitingsvorm")
    per_melding = pd.DataFrame({"persoon_id": w["persoon_id"].to_numpy(), "jaar": w["jaar"].astype(int).to_numpy(),
                                "vorm": vorm.to_numpy()})  # fmt: skip
    bekend = per_melding[per_melding["vorm"] != "onbekend"].drop_duplicates("persoon_id")
    persoon_vorm = pd.Series("onbekend", index=pd.Index(pop["persoon_id"].astype(str)))
    persoon_vorm.loc[bekend["persoon_id"].to_numpy()] = bekend["vorm"].to_numpy()
    dossier = _codes(m["dossiertype"].astype(str), "dossiertype")
    uit: dict[int, dict[str, float]] = {}
    for jaar in result.config.jaren:
        p = pop[pop["jaar"] == jaar]
        n = max(len(p), 1)
        sel = (w["jaar"].astype(int) == jaar).to_numpy()
        meldingen = int(sel.sum())
        waarden: dict[str, float] = {
            "personen": float(len(p)),
            "meldingen_per_persoon": meldingen / n,
            "vrouw": float((p["geslacht"].astype(str) != "man").mean()),
            "minderjarig": float((p["leeftijdsgroep"].astype(str) == "minderjarig").mean()),
            "jongvolwassen": float((p["leeftijdsgroep"].astype(str) == "jongvolwassen").mean()),
            "nederlands": float((p["nationaliteit"].astype(str) == "NL").mean()),
        }
        pv = persoon_vorm.loc[p["persoon_id"].astype(str).to_numpy()]
        for v in ("seksueel", "arbeid", "crimineel", "onbekend"):
            waarden[f"vorm_{v}"] = float((pv == v).mean())
        soort = w.loc[sel, "melder_soort"].astype(str)
        for s in ("nationale_politie", "kmar", "nla", "zorgcoordinatie", "fairwork"):
            waarden[f"melder_{s}"] = float((soort == s).mean())
        d = dossier[sel]
        d = d[(d != "") & (d != "onbekend")]
        for dt in cal.DOSSIERTYPE:
            waarden[f"dossier_{dt}"] = float((d == dt).mean()) if len(d) else float("nan")
        uit[jaar] = waarden
    return uit


def vier_eenheden_aandeel(result: SynthResult) -> float:
    """Share of police meldingen on domestic sexual exploitation (Dutch victims) made by the four most active
    police units (target: more than 75%, domain.md §2.1)."""
    w = result.waarheid
    pop = result.populatie.set_index("persoon_id")
    politie = w[w["melder_soort"] == "nationale_politie"]
    attrs = pop.loc[politie["persoon_id"].to_numpy(), ["uitbuitingsvorm", "nationaliteit", "gemeente"]]
    binnen = ((attrs["uitbuitingsvorm"].astype(str) == "seksueel") & (attrs["nationaliteit"].astype(str) == "NL")
              & (attrs["gemeente"].astype(str) != "")).to_numpy()  # fmt: skip
    per_eenheid = politie.loc[binnen, "organisatie"].value_counts()
    if per_eenheid.empty:
        return float("nan")
    return float(np.sort(per_eenheid.to_numpy())[::-1][:4].sum() / per_eenheid.sum())
