# SPDX-License-Identifier: EUPL-1.2
"""Evaluation on synthetic ground truth: clustering (B-cubed, ARI) and ranking (precision@k, share of
independent workers in the top 100), for the pipeline and the baselines of signals.md §2.2.

Baselines: exact normalised-text hash; MinHash-LSH alone (the micro-clusters); phone union-find without and
with filtering of generic numbers; and, for ranking only, ad-level keywords (each ad ranked by its capped
indicator score, Giommoni-style screening). Cluster baselines rank by size, the only signal they have.
This measures mechanics on synthetic data, not real-world validity (signals.md §2.2 B).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.special import comb

from zicht.reference import Referentiedata
from zicht.signalen import clusters as cl
from zicht.signalen import indicatoren
from zicht.signalen.pijplijn import Resultaat, verwerk
from zicht.signalen.verwerk import sleutel_pseudoniem

METHODEN = (
    "zicht",
    "exacte hash",
    "MinHash alleen",
    "telefoon (ongefilterd)",
    "telefoon (gefilterd)",
    "trefwoorden (per advertentie)",
)


def bcubed(pred: Sequence[int], waar: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against true labels."""
    paar = Counter(zip(pred, waar, strict=True))
    p_grootte, w_grootte = Counter(pred), Counter(waar)
    precisie = sum(n * n / p_grootte[p] for (p, _), n in paar.items()) / len(pred)
    recall = sum(n * n / w_grootte[w] for (_, w), n in paar.items()) / len(pred)
    return precisie, recall, 2 * precisie * recall / (precisie + recall)


def ari(pred: Sequence[int], waar: Sequence[str]) -> float:
    """Adjusted Rand index (Hubert & Arabie)."""
    n = len(pred)
    som_paar = sum(comb(v, 2) for v in Counter(zip(pred, waar, strict=True)).values())
    som_p = sum(comb(v, 2) for v in Counter(pred).values())
    som_w = sum(comb(v, 2) for v in Counter(waar).values())
    verwacht = som_p * som_w / comb(n, 2)
    maximum = (som_p + som_w) / 2
    return float((som_paar - verwacht) / (maximum - verwacht)) if maximum != verwacht else 1.0


def _rangorde_op_grootte(labels: np.ndarray) -> list[list[int]]:
    groepen: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        groepen[int(lab)].append(i)
    return sorted(groepen.values(), key=lambda g: (-len(g), g[0]))


#: Per synthetic family: the kind that should rank high, and the hard negative whose share of the top 100 is
#: reported (``zelfstandig@100``: independent workers, or for job ads certified temp agencies).
KLASSEN = {
    "a": ("organisator", "zelfstandig"),
    "b": ("organisator", "zelfstandig"),
    "arbeid": ("werver", "uitzendbureau"),
}


def rangmaten(
    ranglijst: Sequence[Sequence[int]],
    soort: Sequence[str],
    positief: str = "organisator",
    negatief: str = "zelfstandig",
) -> dict[str, float]:
    """precision@50/100 (clusters whose ads are mostly the ``positief`` kind's) and the share of the top 100
    that is the hard negative's (``zelfstandig@100``)."""
    meest = [Counter(soort[i] for i in leden).most_common(1)[0][0] for leden in ranglijst]
    uit = {f"p@{k}": sum(1 for m in meest[:k] if m == positief) / k for k in (50, 100)}
    uit["zelfstandig@100"] = sum(1 for m in meest[:100] if m == negatief) / 100
    return uit


def evalueer(
    advertenties: Sequence[dict[str, object]],
    waarheid: Sequence[dict[str, object]],
    referentie: Referentiedata | None,
    familie: str = "a",
) -> tuple[Resultaat, dict[str, dict[str, float]]]:
    """The pipeline's result and every method's figures on one synthetic world of ``familie``."""
    positief, negatief = KLASSEN[familie]
    res: Resultaat = verwerk(advertenties, referentie, sleutel_pseudoniem(b"evaluatie"))
    waar = [str(w["adverteerder"]) for w in waarheid]
    soort = [str(w["soort"]) for w in waarheid]
    labels = {
        "zicht": res.meta,
        "exacte hash": cl.exacte_clusters(res.ads),
        "MinHash alleen": res.micro,
        "telefoon (ongefilterd)": cl.telefoon_clusters(res.ads),
        "telefoon (gefilterd)": cl.telefoon_clusters(res.ads, max_advertenties=60),
    }
    uit: dict[str, dict[str, float]] = {}
    for naam, lab in labels.items():
        p, r, f = bcubed(list(lab), waar)
        ranglijst = [c.leden for c in res.clusters] if naam == "zicht" else _rangorde_op_grootte(lab)
        uit[naam] = {
            "bcubed_f1": f,
            "bcubed_p": p,
            "bcubed_r": r,
            "ari": ari(list(lab), waar),
            **rangmaten(ranglijst, soort, positief, negatief),
        }
    scores = [indicatoren.advertentiescore(a.codes) for a in res.ads]
    volgorde = sorted(range(len(res.ads)), key=lambda i: (-scores[i], i))
    uit["trefwoorden (per advertentie)"] = {
        "bcubed_f1": float("nan"),
        "bcubed_p": float("nan"),
        "bcubed_r": float("nan"),
        "ari": float("nan"),
        **rangmaten([[i] for i in volgorde], soort, positief, negatief),
    }
    return res, uit


def samenvatting(runs: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, tuple[float, float]]]:
    """Mean and standard deviation over runs (seeds), per method and measure."""
    uit: dict[str, dict[str, tuple[float, float]]] = {}
    for methode in runs[0]:
        uit[methode] = {}
        for maat in runs[0][methode]:
            waarden = [r[methode][maat] for r in runs]
            sd = statistics.stdev(waarden) if len(waarden) > 1 and not np.isnan(waarden).any() else 0.0
            uit[methode][maat] = (statistics.fmean(waarden), sd)
    return uit
