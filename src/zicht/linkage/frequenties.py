# SPDX-License-Identifier: EUPL-1.2
"""Term frequencies for the name levels: how likely a *different* person carries this name.

The weight of "same given and family name" is ``log2(m / f)``, with ``f`` the probability that a record of
another person carries that name. Counting the name in the registry estimates ``f`` badly for most names: in a
registry of a few thousand meldingen nearly every full name is seen only in the two meldingen being
compared, and the count cannot tell *Femke Bos* (one in tens of thousands) from *Thi Nguyen* (one in a hundred
among Vietnamese women). Two estimates are combined, and the larger (the more cautious) is used:

* **counted**: the share of *other people* with this name. Records are not people: one victim reported by
  three organisations is three records of one name. So the people carrying a name are counted as its distinct
  full birth dates, dates one recording error apart counting once (:func:`people_per_name`), and the compared
  person is one of them: ``max(people - 1, 0) / (n - 2)`` in a full run, ``/ (n - 1)`` in the incremental index
  (where the new melding is not in the table). It is large for a name that many different people carry.
* **composed**: given name and family name drawn within a nationality group,
  ``sum over groups g of P(g) * P(given name | g) * P(family name | g)``, over people (distinct names in a
  group), with Good–Turing counts for names held by one or two people (:func:`_good_turing`): for a group
  where most family names are seen once, a name seen once is far rarer than one in the group. Names are far
  from independent across origins (*Thi* and *Nguyen* are both Vietnamese), which is why the product is taken
  within a group of the first nationality (records without a nationality form one group).

Three keys have such a table (:data:`SAMENGESTELD`): the full name (``naam_sleutel``, the exact and swapped
levels), the name by sound (``fon_sleutel``, the sound-alike levels) and the initial with the family name
(``voorletter_sleutel``, the initials' levels).

Nothing here logs or returns anything but the frequency table, which stays in the in-memory database.
"""

from __future__ import annotations

import pandas as pd

#: The key column of the exact-name level.
NAAM_SLEUTEL = "naam_sleutel"
#: The key column of the spelling levels: given and family name by sound, sorted (``prepare``).
FON_SLEUTEL = "fon_sleutel"
#: The key column of the "family name equal, initial equal" level: the first letter of the given name and the
#: family name (``prepare``).
VOORLETTER_SLEUTEL = "voorletter_sleutel"


def people_per_name(features: pd.DataFrame, key: str = "naam_sleutel") -> pd.Series:
    """Per ``key`` value (the full name): how many people carry it, counted as distinct full birth dates among
    its records (a 1 January placeholder is not a full date; a record without a full date adds nobody)."""
    keys = features[key]
    if "gd" not in features.columns:
        return pd.Series(dtype="int64")
    dated = keys.notna() & features["gd"].notna()
    if "gd_1jan" in features.columns:
        dated &= ~features["gd_1jan"].fillna(False).astype(bool)
    frame = pd.DataFrame({"sleutel": keys[dated].astype(str), "gd": features.loc[dated, "gd"].astype(str)})
    frame = frame.drop_duplicates()
    people = frame.groupby("sleutel").size()
    # A name with several dates is usually one person whose date was mistyped somewhere: dates one recording
    # error apart are one person (one digit, the year one off, day and month swapped).
    several = frame[frame["sleutel"].isin(people.index[people > 1])]
    grouped = {k: _date_groups(sorted(v)) for k, v in several.groupby("sleutel")["gd"].agg(list).items()}
    if grouped:
        people.update(pd.Series(grouped, dtype="int64"))
    return people


#: Above this many distinct birth dates a name is carried by many people: each date counts as one.
_DATES_GROUPED = 50


def _one_error_apart(a: str, b: str) -> bool:
    """Whether two ISO dates differ by one recording error: one digit, the year one off, or day and month
    swapped."""
    da, db = a.replace("-", ""), b.replace("-", "")
    if len(da) != 8 or len(db) != 8:
        return False
    if sum(x != y for x, y in zip(da, db, strict=True)) == 1:
        return True
    if da[4:] == db[4:] and da[:4].isdigit() and db[:4].isdigit() and abs(int(da[:4]) - int(db[:4])) == 1:
        return True
    return da[:4] == db[:4] and da[4:6] == db[6:8] and da[6:8] == db[4:6]


def _date_groups(dates: list[str]) -> int:
    """How many people the (sorted, distinct) dates of one name stand for: a date one recording error
    (:func:`_one_error_apart`) from an earlier group's first date joins that group. Not transitive, so a run of
    dates each one error from the next does not collapse into one person; a name with more than
    :data:`_DATES_GROUPED` dates counts every date."""
    if len(dates) > _DATES_GROUPED:
        return len(dates)
    firsts: list[str] = []
    for date in dates:
        if not any(_one_error_apart(first, date) for first in firsts):
            firsts.append(date)
    return len(firsts)


def name_frequencies(features: pd.DataFrame, *, pair_in_table: int = 2) -> pd.DataFrame:
    """Frequencies of ``naam_sleutel`` values (columns ``naam_sleutel`` and ``tf_naam_sleutel``).

    Args:
        features: linkage features with ``naam_sleutel``, ``vn``, ``an1`` and ``nat1``
            (:func:`zicht.linkage.normalise.prepare`).
        pair_in_table: how many records of a compared pair the table holds: 2 for a full run, 1 for the
            incremental index (the new melding is scored against it before it is added).
    """
    return _key_frequencies(features, NAAM_SLEUTEL, ("vn", "an1"), pair_in_table=pair_in_table)


def sound_frequencies(features: pd.DataFrame, *, pair_in_table: int = 2) -> pd.DataFrame:
    """Frequencies of ``fon_sleutel`` values (the two names by sound), as :func:`name_frequencies`.

    The spelling levels (sound-alike, typing error, swapped variants) ask how likely *another* person's name
    sounds like this one: a rare spelling of a common name (*Tetiana* for *Tatiana*) is not rare there. So
    their frequency is the name's sound class's, composed from the given and the family name by sound.
    """
    return _key_frequencies(features, FON_SLEUTEL, ("vn_fon", "an_fon"), pair_in_table=pair_in_table)


def _key_frequencies(features: pd.DataFrame, key: str, parts: tuple[str, str], *, pair_in_table: int) -> pd.DataFrame:
    keys = features[key]
    present = keys.notna()
    frame = pd.DataFrame(
        {
            "sleutel": keys[present].astype(str).to_numpy(),
            "vn": features.loc[present, parts[0]].astype(str).to_numpy(),
            "an": features.loc[present, parts[1]].astype(str).to_numpy(),
            "groep": features.loc[present, "nat1"].fillna("?").astype(str).to_numpy()
            if "nat1" in features.columns
            else "?",
        }
    )
    n = len(frame)
    if n == 0:
        return pd.DataFrame({key: pd.Series(dtype=str), f"tf_{key}": pd.Series(dtype=float)})
    others = max(n - pair_in_table, 1)
    people = people_per_name(features, key).reindex(frame["sleutel"].unique(), fill_value=0)
    counted = (people - 1).clip(lower=0) / others
    composed = _composed(frame)
    tf = pd.concat([counted.rename("geteld"), composed.rename("samengesteld")], axis=1).max(axis=1)
    return pd.DataFrame({key: tf.index.astype(str), f"tf_{key}": tf.to_numpy(dtype=float)})


def _good_turing(counts: pd.Series) -> dict[int, float]:
    """Good–Turing adjusted counts ``r* = (r + 1) N(r+1) / N(r)`` for names held by one or two people (``N(r)``:
    how many names, over all groups, are held by ``r`` people), never above ``r`` and never falling with ``r``;
    per ``r`` that is adjusted (``counts``: people per name)."""
    per_count = counts.value_counts()
    adjusted: dict[int, float] = {}
    for r in (1, 2):
        n_r, n_next = per_count.get(r, 0), per_count.get(r + 1, 0)
        if n_r and n_next:
            adjusted[r] = min(float(r), (r + 1) * n_next / n_r)
    if 1 in adjusted and 2 in adjusted:
        # Unsmoothed, r* can fall with r (few names held by three people): a shared name is never rarer.
        adjusted[2] = max(adjusted[2], adjusted[1])
    return adjusted


def _composed(frame: pd.DataFrame, *, person: str = "sleutel") -> pd.Series:
    """Per key: ``sum over groups g of P(g) * P(given name | g) * P(family name | g)``, over people (one per
    distinct ``person`` value in a group: the full name)."""
    people = frame[list(dict.fromkeys(["groep", "sleutel", "vn", "an", person]))].drop_duplicates()
    total = people[["groep", person]].drop_duplicates().shape[0]
    group_size = people.groupby("groep")[person].transform("nunique").astype(float)
    parts = {}
    for part in ("vn", "an"):
        # People per name: a person whose name is written two ways (swapped fields) counts once for each.
        per_row = people.groupby(["groep", part])[person].transform("nunique")
        adjusted = _good_turing(people.groupby(["groep", part])[person].nunique())
        parts[part] = per_row.astype(float).replace({float(r): value for r, value in adjusted.items()}).to_numpy()
    people = people.assign(deel=(group_size / total) * (parts["vn"] / group_size) * (parts["an"] / group_size))
    # One term per group in which the key occurs (with its largest share: one key can come from two ways of
    # filling the fields, and which record comes first must not matter).
    return people.groupby(["sleutel", "groep"])["deel"].max().groupby(level="sleutel").sum()


def initial_frequencies(features: pd.DataFrame, *, pair_in_table: int = 2) -> pd.DataFrame:
    """Frequencies of ``voorletter_sleutel`` values (initial + family name), as for the full name.

    *B. Kampwies* against *Bas Kampwies* is evidence in proportion to how rare a Kampwies with a B is.
    **Counted**: the other people in the registry with this key, counted as the distinct written-out given names
    (by sound) or the distinct full birth dates, whichever is more, minus the compared person. **Composed**:
    ``sum over groups g of P(g) * P(initial | g) * P(family name | g)`` over people, the family name's share
    Good–Turing adjusted as for the full name.
    """
    column = VOORLETTER_SLEUTEL
    keys = features[column] if column in features.columns else pd.Series(dtype=object)
    present = keys.notna()
    if not present.any():
        return pd.DataFrame({column: pd.Series(dtype=str), f"tf_{column}": pd.Series(dtype=float)})
    frame = pd.DataFrame(
        {
            "sleutel": keys[present].astype(str).to_numpy(),
            "persoon": features.loc[present, NAAM_SLEUTEL].fillna("").astype(str).to_numpy(),
            "vn": features.loc[present, "vn"].astype(str).str[:1].to_numpy(),
            "an": features.loc[present, "an1"].astype(str).to_numpy(),
            "vn_fon": features.loc[present, "vn_fon"].astype(str).to_numpy(),
            "vol": (features.loc[present, "vn"].astype(str).str.len() > 1).to_numpy(),
            "groep": features.loc[present, "nat1"].fillna("?").astype(str).to_numpy()
            if "nat1" in features.columns
            else "?",
        }
    )
    others = max(len(frame) - pair_in_table, 1)
    written = frame[frame["vol"]].groupby("sleutel")["vn_fon"].nunique()
    by_date = people_per_name(features, column)
    people = pd.concat([written, by_date], axis=1).max(axis=1).reindex(frame["sleutel"].unique(), fill_value=1)
    counted = (people.clip(lower=1) - 1) / others
    composed = _composed(frame, person="persoon")
    tf = pd.concat([counted.rename("geteld"), composed.rename("samengesteld")], axis=1).max(axis=1)
    return pd.DataFrame({column: tf.index.astype(str), f"tf_{column}": tf.to_numpy(dtype=float)})


#: Columns whose term frequencies are composed (not counted): the function, and the feature columns it reads.
SAMENGESTELD = {
    NAAM_SLEUTEL: (name_frequencies, (NAAM_SLEUTEL, "vn", "an1", "nat1", "gd", "gd_1jan")),
    FON_SLEUTEL: (sound_frequencies, (FON_SLEUTEL, "vn_fon", "an_fon", "nat1", "gd", "gd_1jan")),
    VOORLETTER_SLEUTEL: (
        initial_frequencies,
        (VOORLETTER_SLEUTEL, NAAM_SLEUTEL, "vn", "an1", "vn_fon", "nat1", "gd", "gd_1jan"),
    ),
}
