# SPDX-License-Identifier: EUPL-1.2
"""The iceberg: how many victims are registered, and how many there are estimated to be (MSE on the registry).

From linked persons this package builds capture tables (lists = kinds of reporter, merged by a list definition)
per period, form of exploitation and region, refuses strata that are too sparse, and estimates the total with
the MSE library (:mod:`zicht.analysis.mse`, SparseMSE method) with analytic and BCa intervals, a plain-Dutch
explanation of the model, sensitivity to the threshold and the list definition, and exports.

Typical use::

    from zicht.analysis.iceberg import Stratum, rijen_uit_register, schat

    rijen = rijen_uit_register(engine, reference)
    s = schat(rijen, Stratum(2023, 2023, vorm="seksueel"))
    s.lezing(), s.geschat, s.interval("bca", 0.95)

Modules: :mod:`~.lijsten` (list definitions), :mod:`~.rijen` (capture rows from the registry or synthetic data),
:mod:`~.vangst` (capture tables and the person rules), :mod:`~.regels` (refusal and warning rules),
:mod:`~.schatting` (the estimate), :mod:`~.methode` (exports and method text), :mod:`~.cache` (results per
vintage), :mod:`~.evaluatie` (bias and coverage on synthetic populations). Documented in ``docs/ijsberg.md``.
"""

from zicht.analysis.iceberg.cache import Rekencache
from zicht.analysis.iceberg.lijsten import (
    INDELINGEN,
    STANDAARD_INDELING,
    VIER_LIJSTEN,
    Lijstindeling,
    LijstindelingFout,
    lijstindeling,
    lijstnaam,
)
from zicht.analysis.iceberg.methode import (
    Sectie,
    Tabel,
    methode_markdown,
    methode_secties,
    methode_titel,
    resultaat_csv,
    resultaattabel,
    vangsttabel_csv,
)
from zicht.analysis.iceberg.regels import Beoordeling, Regels, beoordeel
from zicht.analysis.iceberg.rijen import (
    BUITENLAND,
    ONBEKEND,
    RIJ_KOLOMMEN,
    lees_waarheid,
    populatie_omvang,
    rijen_uit_populatie,
    rijen_uit_register,
    rijen_uit_synth,
    valideer_rijen,
)
from zicht.analysis.iceberg.schatting import (
    STANDAARD_BOOTSTRAP,
    STANDAARD_SEED,
    Gevoeligheid,
    IJsbergSchatting,
    Instellingen,
    PaarUitleg,
    getal,
    schat,
    schat_vangsttabel,
)
from zicht.analysis.iceberg.vangst import Stratum, Vangsttabel, bouw_vangsttabel, personen_van

__all__ = [
    "BUITENLAND",
    "INDELINGEN",
    "ONBEKEND",
    "RIJ_KOLOMMEN",
    "STANDAARD_BOOTSTRAP",
    "STANDAARD_INDELING",
    "STANDAARD_SEED",
    "VIER_LIJSTEN",
    "Beoordeling",
    "Gevoeligheid",
    "IJsbergSchatting",
    "Instellingen",
    "Lijstindeling",
    "LijstindelingFout",
    "PaarUitleg",
    "Regels",
    "Rekencache",
    "Sectie",
    "Stratum",
    "Tabel",
    "Vangsttabel",
    "beoordeel",
    "bouw_vangsttabel",
    "getal",
    "lees_waarheid",
    "lijstindeling",
    "lijstnaam",
    "methode_markdown",
    "methode_secties",
    "methode_titel",
    "personen_van",
    "populatie_omvang",
    "resultaat_csv",
    "resultaattabel",
    "rijen_uit_populatie",
    "rijen_uit_register",
    "rijen_uit_synth",
    "schat",
    "schat_vangsttabel",
    "valideer_rijen",
    "vangsttabel_csv",
]
