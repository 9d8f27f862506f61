# SPDX-License-Identifier: EUPL-1.2
"""Link a new melding on arrival against existing persons, without retraining.

A :class:`LinkIndex` holds the features of every linked melding in an in-memory DuckDB database together
with the trained model (compiled once into one query, :mod:`zicht.linkage.scoring`) and term-frequency
tables. :meth:`LinkIndex.link_one` blocks and scores one new melding against the index and decides:

* one or more existing persons at or above the upper threshold: attach to that person; if the melding bridges
  several persons (and no analyst decision forbids it) they merge, as a full relink would, and the merge
  is returned as an event;
* pairs between the thresholds: returned for the review queue;
* nothing: a new person.

The melding is then added to the index, so a second melding of the same person in the same batch finds
the first. The index lives in memory only; it is rebuilt from the vault when a process starts.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from zicht.linkage.clusters import pair_key
from zicht.linkage.engine import (
    NAAMGENOOT_GRENS,
    Drempels,
    TrainedModel,
    to_duckdb_model,
    without_shared_by_namesakes,
    without_shared_by_relatives,
)
from zicht.linkage.model import context_columns, list_columns
from zicht.linkage.normalise import (
    Geboorte,
    Voornamen,
    birth_dates_conflict,
    birth_signatures,
    given_name_signatures,
    given_names_conflict,
    prepare,
)
from zicht.linkage.persons import Gebeurtenis, new_person_id
from zicht.linkage.scoring import CompiledScorer


def _is_features(record: object) -> bool:
    return isinstance(record, pd.DataFrame) and "unique_id" in record.columns and "vn_fon" in record.columns


@dataclass(frozen=True)
class Kandidaat:
    """An existing melding scored against the new one."""

    melding_id: str
    persoon_id: str | None
    match_probability: float
    match_weight: float
    niveaus: dict[str, int]
    gewichten: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Koppeling:
    """The decision for one new melding.

    Attributes:
        melding_id: the new melding.
        persoon_id: its person (existing or new).
        uitkomst: ``gekoppeld`` (attached to an existing person), ``nieuw`` (new person).
        kandidaten: scored existing meldingen at or above the lower threshold, best first.
        beoordelen: candidates between the thresholds that belong to another person (review queue).
        gebeurtenissen: merge events when the melding bridged several persons.
        seconden: wall time of the decision.
        strijdig: meldingen of a strongly scored person that this one was not joined to because their birth
            dates conflict (stored, so re-clustering after a decision keeps them apart too).
    """

    melding_id: str
    persoon_id: str
    uitkomst: str
    kandidaten: tuple[Kandidaat, ...]
    beoordelen: tuple[Kandidaat, ...] = ()
    gebeurtenissen: tuple[Gebeurtenis, ...] = ()
    seconden: float = 0.0
    strijdig: tuple[str, ...] = ()


@dataclass
class LinkIndex:
    """Warm index of linked meldingen for incremental linkage (in memory, inside the trusted boundary)."""

    trained: TrainedModel
    drempels: Drempels
    personen: dict[str, str]
    context: tuple[str, ...] = ()
    lijsten: tuple[str, ...] = ()
    verschillend: set[tuple[str, str]] = field(default_factory=set)
    _con: Any = None
    _scorer: Any = None
    _columns: list[str] = field(default_factory=list)
    _geboorte: dict[str, Geboorte] = field(default_factory=dict)
    _voornamen: dict[str, Voornamen] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        records: pd.DataFrame,
        personen: Mapping[str, str],
        trained: TrainedModel,
        drempels: Drempels | None = None,
        *,
        context: Iterable[str] = (),
        verschillend: Iterable[tuple[str, str]] = (),
    ) -> LinkIndex:
        """Build the index from decrypted records of already-linked meldingen and their persons."""
        import duckdb

        ctx = tuple(context) or tuple(context_columns(trained.spec.context))
        lijsten = tuple(list_columns(trained.spec.context))
        features = prepare(records, ctx, lijsten)
        index = cls(
            trained=trained,
            drempels=drempels or Drempels(),
            personen={str(k): str(v) for k, v in personen.items()},
            context=ctx,
            lijsten=lijsten,
            verschillend={pair_key(a, b) for a, b in verschillend},
        )
        con = duckdb.connect(":memory:")
        con.execute("SET threads TO 2")
        con.register("__zicht_index_bron", features)
        con.execute("CREATE TABLE zicht_index AS SELECT * FROM __zicht_index_bron")
        con.execute("CREATE TABLE zicht_nieuw AS SELECT * FROM zicht_index LIMIT 0")
        con.unregister("__zicht_index_bron")
        index._con = con
        index._columns = list(features.columns)
        index._geboorte = birth_signatures(features)
        index._voornamen = given_name_signatures(features)
        index._scorer = CompiledScorer(con, "zicht_index", to_duckdb_model(trained), index._columns)
        index._scorer.create_indexes()
        return index

    def __len__(self) -> int:
        return len(self.personen)

    def _features(self, record: Mapping[str, Any] | pd.DataFrame) -> pd.DataFrame:
        frame = record if isinstance(record, pd.DataFrame) else pd.DataFrame([dict(record)])
        return prepare(frame, self.context, self.lijsten)[self._columns]

    def _insert(self, table: str, features: pd.DataFrame) -> None:
        self._con.register("__zicht_rij", features)
        try:
            self._con.execute(f"INSERT INTO {table} SELECT * FROM __zicht_rij")
        finally:
            self._con.unregister("__zicht_rij")

    def score(self, record: Mapping[str, Any] | pd.DataFrame) -> list[Kandidaat]:
        """Score one new melding (decrypted record) against the index; candidates >= the lower threshold."""
        features = record if isinstance(record, pd.DataFrame) and _is_features(record) else self._features(record)
        self._con.execute("DELETE FROM zicht_nieuw")
        self._insert("zicht_nieuw", features)
        one = features.iloc[0].to_dict() if len(features) == 1 else None
        pairs = self._scorer.score("zicht_nieuw", self.drempels.onder, one)
        self._con.execute("DELETE FROM zicht_nieuw")
        new_ids = set(features["unique_id"].astype(str))
        out: list[Kandidaat] = []
        gamma_cols = [k for k in pairs.columns if k.startswith("gamma_")]
        for row in pairs.to_dict("records"):
            a, b = str(row["unique_id_l"]), str(row["unique_id_r"])
            other = b if a in new_ids else a
            levels = {k[6:]: int(row[k]) for k in gamma_cols}
            weights = {
                name: float(row.get(f"mw_{name}") or 0.0) + float(row.get(f"mw_tf_adj_{name}") or 0.0)
                for name in levels
            }
            out.append(
                Kandidaat(
                    melding_id=other,
                    persoon_id=self.personen.get(other),
                    match_probability=float(row["match_probability"]),
                    match_weight=float(row["match_weight"]),
                    niveaus=levels,
                    gewichten=weights,
                )
            )
        out.sort(key=lambda k: (-k.match_probability, k.melding_id))
        return out

    def add(self, record: Mapping[str, Any] | pd.DataFrame, persoon_id: str) -> None:
        """Add a linked melding to the index (term-frequency tables are refreshed on the next full relink)."""
        features = record if isinstance(record, pd.DataFrame) and _is_features(record) else self._features(record)
        self._insert("zicht_index", features)
        for melding in features["unique_id"]:
            self.personen[str(melding)] = persoon_id
        self._geboorte.update(birth_signatures(features))
        self._voornamen.update(given_name_signatures(features))

    def _direct_conflicts(
        self, melding_id: str, geboorte: Geboorte | None, voornamen: Voornamen | None, kandidaat: Kandidaat
    ) -> list[str]:
        """The members of the candidate's person that cannot be the new melding's person even when linked
        directly (the person-level check of a full run, :func:`zicht.linkage.engine.person_conflicts`): for the
        candidate, birth dates that cannot be one person's where the link's weight without what namesakes share
        is below :data:`zicht.linkage.engine.NAAMGENOOT_GRENS`, and given names that cannot be one person's where
        the link holds only by what twins and siblings share; for the person's other meldingen, two full birth
        dates in one year that cannot be one person's (namesakes born in one year)."""
        out = []
        limit = math.log2(self.drempels.boven / (1.0 - self.drempels.boven))
        for m, p in self.personen.items():
            if p != kandidaat.persoon_id or m == melding_id:
                continue
            other_date = self._geboorte.get(m)
            if geboorte is None or other_date is None or not birth_dates_conflict(geboorte, other_date):
                continue
            if m == kandidaat.melding_id:
                if without_shared_by_namesakes(kandidaat.match_weight, kandidaat.gewichten) < NAAMGENOOT_GRENS:
                    out.append(m)
            elif geboorte[1] is not None and other_date[1] is not None and geboorte[0] == other_date[0]:
                # Not scored against the new melding: other years are left to the chain check (`_conflicts`),
                # as a full run leaves a chain of dated direct links standing.
                out.append(m)
        other_names = self._voornamen.get(kandidaat.melding_id)
        if voornamen is not None and other_names is not None and given_names_conflict(voornamen, other_names):
            weight = without_shared_by_relatives(kandidaat.match_weight, kandidaat.gewichten)
            if weight < limit:
                out.append(kandidaat.melding_id)
        return sorted(set(out))

    def _conflicts(self, melding_id: str, geboorte: Geboorte | None, persons: set[str], direct: set[str]) -> list[str]:
        """The members of these persons that the new melding is not linked to directly and whose birth date
        cannot be the new melding's (the person-level check of a full run,
        :func:`zicht.linkage.engine.person_conflicts`); none when the new melding is linked directly to a
        dated melding of the person."""
        if geboorte is None or any(m in self._geboorte for m in direct if self.personen.get(m) in persons):
            # Linked directly to a dated melding of the person: the model weighed the dates itself.
            return []
        return sorted(
            m
            for m, other in self._dated(persons)
            if m not in direct and m != melding_id and birth_dates_conflict(geboorte, other)
        )

    def _dated(self, persons: set[str]) -> list[tuple[str, Geboorte]]:
        """The meldingen of these persons that give a birth date, with it."""
        return [(m, g) for m, g in self._geboorte.items() if self.personen.get(m) in persons]

    def _forbidden(self, melding_id: str, persons: set[str]) -> bool:
        """True when an analyst decided that meldingen of these persons (or the new one) differ."""
        if not self.verschillend:
            return False
        members: dict[str, set[str]] = {}
        for m, p in self.personen.items():
            if p in persons:
                members.setdefault(p, set()).add(m)
        groups = list(members.values())
        for a, b in self.verschillend:
            if melding_id in (a, b):
                other = b if a == melding_id else a
                if any(other in g for g in groups):
                    return True
        for g1, g2 in itertools.combinations(groups, 2):
            if any(pair_key(a, b) in self.verschillend for a in g1 for b in g2):
                return True
        return False

    def _persons_conflict(self, first: str, second: str) -> bool:
        """True when the birth dates of two persons' meldingen cannot be one person's."""
        other = [g for _, g in self._dated({second})]
        return any(birth_dates_conflict(x, y) for _, x in self._dated({first}) for y in other)

    def link_one(self, record: Mapping[str, Any] | pd.DataFrame, *, add: bool = True) -> Koppeling:
        """Decide the person of one new melding and (by default) add it to the index.

        Args:
            record: the decrypted record (one row; ``melding_id`` must be new to the index).
            add: add the melding to the index afterwards.

        Returns:
            The decision, with review candidates and merge events.
        """
        start = time.perf_counter()
        features = self._features(record)
        melding_id = str(features["unique_id"].iloc[0])
        candidates = self.score(features)
        strong = [k for k in candidates if k.match_probability >= self.drempels.boven and k.persoon_id]
        direct = {k.melding_id for k in strong}
        geboorte = birth_signatures(features).get(melding_id)
        voornamen = given_name_signatures(features).get(melding_id)
        persons_ranked: list[str] = []
        refused: set[str] = set()
        strijdig: set[str] = set()
        for k in strong:
            # A person whose other meldingen give a birth date that cannot be this one's is not joined
            # automatically (a namesake chained through one melding without a birth date), nor one whose given
            # names or birth dates cannot be this one's (a twin, a namesake: `_direct_conflicts`).
            if k.persoon_id is None or k.persoon_id in persons_ranked or k.persoon_id in refused:
                continue
            conflicting = self._conflicts(melding_id, geboorte, {k.persoon_id}, direct)
            conflicting += self._direct_conflicts(melding_id, geboorte, voornamen, k)
            if conflicting:
                strijdig.update(conflicting)
                refused.add(k.persoon_id)
            else:
                persons_ranked.append(k.persoon_id)
        events: tuple[Gebeurtenis, ...] = ()
        if not persons_ranked:
            persoon_id, uitkomst = new_person_id(), "nieuw"
        else:
            # Keep the best-scoring person; fold in the others unless a decision forbids it.
            persoon_id, uitkomst = persons_ranked[0], "gekoppeld"
            joinable = [
                p
                for p in persons_ranked[1:]
                if not self._forbidden(melding_id, {persoon_id, p}) and not self._persons_conflict(persoon_id, p)
            ]
            if self._forbidden(melding_id, {persoon_id}):
                persoon_id, uitkomst, joinable = new_person_id(), "nieuw", []
            if joinable:
                sizes = {p: sum(1 for v in self.personen.values() if v == p) for p in [persoon_id, *joinable]}
                survivor = sorted(sizes, key=lambda p: (-sizes[p], p))[0]
                absorbed = [p for p in sizes if p != survivor]
                moved = 0
                for m, p in list(self.personen.items()):
                    if p in absorbed:
                        self.personen[m] = survivor
                        moved += 1
                events = (Gebeurtenis("samenvoeging", tuple(sorted(sizes)), (survivor,), moved),)
                persoon_id = survivor
        # Between the thresholds, and above the upper one where the person-level check kept them apart.
        review = tuple(
            k
            for k in candidates
            if self.personen.get(k.melding_id) != persoon_id
            and (k.match_probability < self.drempels.boven or k.persoon_id in refused)
        )
        if add:
            self.add(features, persoon_id)
        return Koppeling(
            melding_id=melding_id,
            persoon_id=persoon_id,
            uitkomst=uitkomst,
            kandidaten=tuple(candidates),
            beoordelen=review,
            gebeurtenissen=events,
            seconden=time.perf_counter() - start,
            strijdig=tuple(sorted(strijdig)),
        )
