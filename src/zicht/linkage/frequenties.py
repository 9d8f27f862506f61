# SPDX-License-Identifier: EUPL-1.2
"""Term frequencies for the exact-name level: how likely a *different* person carries this full name.

The weight of "same given and family name" is ``log2(m / f)``, with ``f`` the probability that a record of
another person carries that name. Counting the name in the registry estimates ``f`` badly for most names: in a
registry of a few thousand meldingen nearly every full name is seen only in the two meldingen being
compared, and the count cannot tell *Femke Bos* (one in tens of thousands) from *Thi Nguyen* (one in a hundred
among Vietnamese women). Two estimates are combined, and the larger (the more cautious) is used:

* **counted**: the share of *other people* with this full name. Records are not people: one victim reported by
  three organisations is three records of one name, and counting records made every name of a person reported
  three times look shared (measured: 0.97 instead of 0.999 for a unique name with one birth date missing). So the
  people carrying a name are counted as the distinct full birth dates among its records (records without one
  do not add a person), and the compared person is one of them: ``max(dates - 1, 0) / (n - 2)`` in a full run,
  ``/ (n - 1)`` in the incremental index (where the new melding is not in the table). It is large for a name
  that many different people in the registry carry.
* **composed**: given name and family name drawn within a nationality group,
  ``sum over groups g of P(g) * P(given name | g) * P(family name | g)``, counted in the registry (the
  compared records included, so a name seen only in the pair still has a frequency). Names are far from
  independent across origins (*Thi* and *Nguyen* are both Vietnamese), which is why the product is taken
  within a group of the first nationality (records without a nationality form one group).

Nothing here logs or returns anything but the frequency table, which stays in the in-memory database.
"""

from __future__ import annotations

import pandas as pd

#: The key column of the exact-name level and the columns its frequency is composed from.
NAAM_SLEUTEL = "naam_sleutel"
_PARTS = ("vn", "an1")


def people_per_name(features: pd.DataFrame) -> pd.Series:
    """Per ``naam_sleutel``: how many people carry it, counted as distinct full birth dates among its records
    (a 1 January placeholder is not a full date; a record without a full date adds nobody)."""
    keys = features[NAAM_SLEUTEL]
    if "gd" not in features.columns:
        return pd.Series(dtype="int64")
    dated = keys.notna() & features["gd"].notna()
    if "gd_1jan" in features.columns:
        dated &= ~features["gd_1jan"].fillna(False).astype(bool)
    frame = pd.DataFrame({"sleutel": keys[dated].astype(str), "gd": features.loc[dated, "gd"].astype(str)})
    return frame.drop_duplicates().groupby("sleutel").size()


def name_frequencies(features: pd.DataFrame, *, pair_in_table: int = 2) -> pd.DataFrame:
    """Frequencies of ``naam_sleutel`` values (columns ``naam_sleutel`` and ``tf_naam_sleutel``).

    Args:
        features: linkage features with ``naam_sleutel``, ``vn``, ``an1`` and ``nat1``
            (:func:`zicht.linkage.normalise.prepare`).
        pair_in_table: how many records of a compared pair the table holds: 2 for a full run, 1 for the
            incremental index (the new melding is scored against it before it is added).
    """
    keys = features[NAAM_SLEUTEL]
    present = keys.notna()
    frame = pd.DataFrame(
        {
            "sleutel": keys[present].astype(str).to_numpy(),
            "vn": features.loc[present, "vn"].astype(str).to_numpy(),
            "an": features.loc[present, "an1"].astype(str).to_numpy(),
            "groep": features.loc[present, "nat1"].fillna("?").astype(str).to_numpy()
            if "nat1" in features.columns
            else "?",
        }
    )
    n = len(frame)
    if n == 0:
        return pd.DataFrame({NAAM_SLEUTEL: pd.Series(dtype=str), f"tf_{NAAM_SLEUTEL}": pd.Series(dtype=float)})
    others = max(n - pair_in_table, 1)
    counted = (people_per_name(features).reindex(frame["sleutel"].unique(), fill_value=0) - 1).clip(lower=0) / others

    group_size = frame.groupby("groep")["sleutel"].transform("size").astype(float)
    vn_count = frame.groupby(["groep", "vn"])["sleutel"].transform("size").astype(float)
    an_count = frame.groupby(["groep", "an"])["sleutel"].transform("size").astype(float)
    frame["deel"] = (group_size / n) * (vn_count / group_size) * (an_count / group_size)
    # One term per group in which the key occurs (a key seen several times in one group counts that group once,
    # with its largest share: one key can come from two ways of filling the fields, and which record comes first
    # must not matter).
    composed = frame.groupby(["sleutel", "groep"])["deel"].max().groupby(level="sleutel").sum()

    tf = pd.concat([counted.rename("geteld"), composed.rename("samengesteld")], axis=1).max(axis=1)
    return pd.DataFrame({NAAM_SLEUTEL: tf.index.astype(str), f"tf_{NAAM_SLEUTEL}": tf.to_numpy(dtype=float)})
