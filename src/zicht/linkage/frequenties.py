# SPDX-License-Identifier: EUPL-1.2
"""Term frequencies for the exact-name level: how likely a *different* person carries this full name.

The weight of "same given and family name" is ``log2(m / f)``, with ``f`` the probability that a record of
another person carries that name. Counting the name in the registry estimates ``f`` badly for most names: in a
registry of a few thousand meldingen nearly every full name is seen only in the two meldingen being
compared, and the count cannot tell *Femke Bos* (one in tens of thousands) from *Thi Nguyen* (one in a hundred
among Vietnamese women). Two estimates are combined, and the larger (the more cautious) is used:

* **counted**: the share of *other* records with this full name, leaving the compared pair out:
  ``(count - 2) / (n - 2)`` in a full run, ``(count - 1) / (n - 1)`` in the incremental index (where the new
  melding is not in the table). It is large for a name that many different people in the registry carry.
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
    counts = frame["sleutel"].value_counts()
    others = max(n - pair_in_table, 1)
    counted = (counts - pair_in_table).clip(lower=0) / others

    group_size = frame.groupby("groep")["sleutel"].transform("size").astype(float)
    vn_count = frame.groupby(["groep", "vn"])["sleutel"].transform("size").astype(float)
    an_count = frame.groupby(["groep", "an"])["sleutel"].transform("size").astype(float)
    frame["deel"] = (group_size / n) * (vn_count / group_size) * (an_count / group_size)
    # One term per group in which the key occurs (a key seen several times in one group counts that group once).
    composed = frame.drop_duplicates(["sleutel", "groep"]).groupby("sleutel")["deel"].sum()

    tf = pd.concat([counted.rename("geteld"), composed.rename("samengesteld")], axis=1).max(axis=1)
    return pd.DataFrame({NAAM_SLEUTEL: tf.index.astype(str), f"tf_{NAAM_SLEUTEL}": tf.to_numpy(dtype=float)})
