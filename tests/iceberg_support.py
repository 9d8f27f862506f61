# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the iceberg tests: a registry filled with one synthetic year through the normal import path, and
persons set from the generator's truth (standing in for the linkage engine)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from zicht.intake.importer import importeer_bestand
from zicht.intake.organisaties import bewaar_organisaties, lees_organisaties
from zicht.privacy.logboek import Actor
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import transaction
from zicht.storage.tables import Melding, Organisatie, Persoon
from zicht.synth import SynthConfig, SynthResult, generate, write

ACTOR = Actor("test:ijsberg", "beheerder", None)


def koppel_volgens_waarheid(sessions: sessionmaker[Session], waarheid: pd.DataFrame) -> int:
    """Link every imported melding to a person by the synthetic truth (perfect linkage).

    Args:
        sessions: The registry.
        waarheid: ``SynthResult.waarheid`` (organisatie, melder_referentie, persoon_id).

    Returns:
        The number of persons created.
    """
    waar = {
        (o, r): p
        for o, r, p in zip(waarheid["organisatie"], waarheid["melder_referentie"], waarheid["persoon_id"], strict=True)
    }
    with transaction(sessions) as s:
        rijen = s.execute(
            select(Melding.id, Organisatie.code, Melding.melder_referentie).join(
                Organisatie, Organisatie.id == Melding.organisatie_id
            )
        ).all()
        personen: dict[str, uuid.UUID] = {}
        wijzigingen = []
        for melding_id, code, referentie in rijen:
            waar_id = waar.get((code, referentie))
            if waar_id is None:
                continue
            persoon = personen.setdefault(waar_id, uuid.uuid4())
            wijzigingen.append({"id": melding_id, "persoon_id": persoon})
        if personen:
            s.execute(insert(Persoon), [{"id": p} for p in personen.values()])
            s.execute(update(Melding), wijzigingen)
    return len(personen)


def laad_synthetisch_jaar(
    sessions: sessionmaker[Session],
    vault: Vault,
    reference: Referentiedata,
    map_: Path,
    *,
    jaar: int = 2023,
    seed: int = 1,
    koppel: bool = True,
) -> SynthResult:
    """Generate one synthetic year, import every organisation's file, and optionally link by the truth.

    Args:
        sessions: The registry (migrated).
        vault: Vault for the identities.
        reference: Reference data.
        map_: Directory for the generated files.
        jaar: The year.
        seed: Generator seed.
        koppel: Set ``Melding.persoon_id`` from the truth.

    Returns:
        The generated data.
    """
    result = generate(SynthConfig(jaar_van=jaar, jaar_tot=jaar, seed=seed), reference)
    write(result, map_)
    items, problemen = lees_organisaties(map_ / "organisaties.csv", reference)
    assert not problemen, problemen
    with transaction(sessions) as s:
        bewaar_organisaties(s, items)
    for pad in sorted((map_ / "meldingen").iterdir()):
        rapport = importeer_bestand(sessions, vault, reference, pad.stem, pad, bestandsnaam=pad.name, actor=ACTOR)
        assert rapport.rejected == 0, (pad.name, rapport.rejected)
    if koppel:
        koppel_volgens_waarheid(sessions, result.waarheid)
    return result
