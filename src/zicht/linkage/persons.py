# SPDX-License-Identifier: EUPL-1.2
"""Stable pseudonymous person ids across relinks, with explicit merge and split events.

A relink produces new clusters. Each new cluster keeps the id of the previous person it shares the most
meldingen with (ties: the older id, then the smaller), provided that person's id is not already taken by a
cluster with a larger share. Clusters without a previous person get a new random id. When a cluster takes in
meldingen of several previous persons, that is a *samenvoeging* (merge); when a previous person's meldingen
end up in several clusters, that is a *splitsing* (split). Both are returned as events so counts and
multiple-systems overlaps can be explained afterwards.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Gebeurtenis:
    """A merge or split of persons.

    Attributes:
        soort: ``samenvoeging`` (several previous persons into one) or ``splitsing`` (one previous
            person into several).
        van: the previous person ids involved.
        naar: the resulting person ids.
        meldingen: number of meldingen whose person changed in this event.
    """

    soort: str
    van: tuple[str, ...]
    naar: tuple[str, ...]
    meldingen: int


@dataclass(frozen=True)
class Toewijzing:
    """Person per melding after a relink, the events, and which previous ids disappeared."""

    personen: dict[str, str]
    gebeurtenissen: tuple[Gebeurtenis, ...]
    opgeheven: tuple[str, ...]
    nieuw: tuple[str, ...]


def new_person_id() -> str:
    """A new random person id (never derived from data)."""
    return str(uuid.uuid4())


def assign(
    clusters: Mapping[str, Hashable],
    previous: Mapping[str, str],
    *,
    new_id: Callable[[], str] = new_person_id,
    age: Mapping[str, int] | None = None,
) -> Toewijzing:
    """Give every cluster a person id, reusing previous ids where the person is the same.

    Args:
        clusters: cluster label per melding (labels are arbitrary).
        previous: the person id per melding before this relink (meldingen new to the run are absent).
        new_id: id factory for new persons.
        age: optional rank per previous person id (lower = older) to break ties deterministically.

    Returns:
        The assignment with merge/split events.
    """
    overlap: Counter[tuple[Hashable, str]] = Counter()
    for melding, label in clusters.items():
        old = previous.get(melding)
        if old is not None:
            overlap[(label, old)] += 1
    rank = age or {}

    def order(item: tuple[tuple[Hashable, str], int]) -> tuple[int, int, str, str]:
        (label, old), n = item
        return (-n, rank.get(old, 0), old, str(label))

    label_to_id: dict[Hashable, str] = {}
    taken: set[str] = set()
    for (label, old), _n in sorted(overlap.items(), key=order):
        if label in label_to_id or old in taken:
            continue
        label_to_id[label] = old
        taken.add(old)
    nieuw: list[str] = []
    for label in sorted(set(clusters.values()), key=str):
        if label not in label_to_id:
            pid = new_id()
            label_to_id[label] = pid
            nieuw.append(pid)
    personen = {melding: label_to_id[label] for melding, label in clusters.items()}

    # Events: a resulting person fed by >1 previous person is a merge; a previous person spread over >1
    # resulting person is a split.
    sources: dict[str, Counter[str]] = {}
    targets: dict[str, Counter[str]] = {}
    for melding, pid in personen.items():
        old = previous.get(melding)
        if old is None:
            continue
        sources.setdefault(pid, Counter())[old] += 1
        targets.setdefault(old, Counter())[pid] += 1
    events: list[Gebeurtenis] = []
    for pid in sorted(sources):
        olds = sources[pid]
        if len(olds) > 1:
            moved = sum(n for old, n in olds.items() if old != pid)
            events.append(Gebeurtenis("samenvoeging", tuple(sorted(olds)), (pid,), moved))
    for old in sorted(targets):
        news = targets[old]
        if len(news) > 1:
            moved = sum(n for pid, n in news.items() if pid != old)
            events.append(Gebeurtenis("splitsing", (old,), tuple(sorted(news)), moved))
    previous_ids = set(previous.values())
    opgeheven = tuple(sorted(previous_ids - set(personen.values())))
    return Toewijzing(personen=personen, gebeurtenissen=tuple(events), opgeheven=opgeheven, nieuw=tuple(nieuw))
