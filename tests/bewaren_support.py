# SPDX-License-Identifier: EUPL-1.2
"""A small registry for the backup, restore and retention tests: two organisations' meldingen with
distinctive identities, linked into persons, with reads in the logboek."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests import conftest
from zicht.cli import main
from zicht.cli.db import sessies
from zicht.config import Settings, generate_key, load_settings
from zicht.domain import Identiteitsgegevens, MeldingInvoer, Uitbuiting
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import make_engine
from zicht.storage.tables import Melding, Organisatie, Persoon

ANALIST = logboek.Actor("u-analist", "analist", "comensha")
NAAM = "Zwarteveldhorst"


def omgeving(tmp_path: Path, db_url: str) -> dict[str, str]:
    """A complete environment with a logboek key for ``db_url``, migrated."""
    env = conftest.test_environ(tmp_path, ZICHT_DATABASE_URL=db_url, ZICHT_LOGBOEK_SLEUTEL=generate_key())
    assert main(["db", "upgrade"], env) == 0
    return env


def vul(settings: Settings, meldingen: list[tuple[str, date]]) -> tuple[sessionmaker[Session], list[uuid.UUID]]:
    """Store ``(reference, melddatum)`` meldingen, link each pair into one person, read each person once.

    Returns the session factory (engine left open for the caller) and the person ids.
    """
    sessions = sessies(settings, make_engine(settings.effective_database_url))
    vault = Vault.from_settings(settings)
    invoer = [
        MeldingInvoer(
            melder_referentie=ref,
            melddatum=datum,
            uitbuitingen=(Uitbuiting("arbeid"),),
            identiteit=Identiteitsgegevens(
                voornamen=f"Voornaam{i}",
                achternaam=NAAM,
                geboortedatum=date(1990, 1, 1 + i),
                documentnummers=(f"NX{i:06d}",),
            ),
        )
        for i, (ref, datum) in enumerate(meldingen)
    ]
    personen: list[uuid.UUID] = []
    with sessions() as s, s.begin():
        org = Organisatie(code="nla", naam="NLA", soort="nla")
        s.add(org)
        s.flush()
        bewaar_meldingen(s, vault, org, invoer, bron="api", actor=logboek.SYSTEEM)
        ids = [m.id for m in s.scalars(select(Melding).order_by(Melding.melder_referentie))]
        for paar in (ids[i : i + 2] for i in range(0, len(ids), 2)):
            persoon = Persoon()
            s.add(persoon)
            s.flush()
            personen.append(persoon.id)
            for mid in paar:
                s.get_one(Melding, mid).persoon_id = persoon.id
            logboek.append(s, ANALIST, actie="lezen", object_type="persoon", object_ids=[str(persoon.id)],
                           persoon_ids=[str(persoon.id)], doel="analyse")  # fmt: skip
    return sessions, personen


def personen(sessions: sessionmaker[Session]) -> dict[str, list[str]]:
    """person id -> sorted melding references."""
    uit: dict[str, list[str]] = {}
    with sessions() as s:
        for pid, ref in s.execute(
            select(Melding.persoon_id, Melding.melder_referentie).order_by(Melding.melder_referentie)
        ):
            uit.setdefault(str(pid), []).append(ref)
    return uit


def instellingen(env: dict[str, str]) -> Settings:
    return load_settings(env)
