# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the opvang tests: organisations (CoMensha and an operator), persons and facilities."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from zicht.accounts import maak_organisatie
from zicht.opvang.regels import COMENSHA, Doelgroep, Voorzieningsoort
from zicht.opvang.voorzieningen import NieuweVoorziening, maak_voorziening
from zicht.privacy.toegang import Toegang
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.tables import Persoon

GEHEIM_ADRES = "Geheimelaan 13, 3511 ZZ"


@dataclass
class Opvangbed:
    comensha: uuid.UUID
    exploitant: uuid.UUID
    cosm: uuid.UUID
    vo: uuid.UUID
    personen: list[uuid.UUID]

    def toegang_comensha(self) -> Toegang:
        return Toegang.voor_rol("test:comensha", "opvang", organisatie_id=self.comensha, organisatie_code=COMENSHA)

    def toegang_exploitant(self) -> Toegang:
        return Toegang.voor_rol("test:exploitant", "opvang", organisatie_id=self.exploitant,
                                organisatie_code="exploitant-test")  # fmt: skip


def maak_opvangbed(
    sessions: sessionmaker[Session], reference: Referentiedata, *, cosm_bedden: int = 3, personen: int = 4
) -> Opvangbed:
    regios = laad_opvangregios(reference.bron_dir)
    with transaction(sessions) as s:
        comensha = maak_organisatie(s, code=COMENSHA, naam="CoMensha", soort="overig")
        exploitant = maak_organisatie(s, code="exploitant-test", naam="Exploitant (test)", soort="opvang")
        cosm = maak_voorziening(
            s,
            NieuweVoorziening("cosm-test", "COSM test", Voorzieningsoort.cosm, exploitant.id, "GM0344", "GM0344",
                              cosm_bedden, Doelgroep(b8=True, leeftijd_min=18, beveiligingsniveau="verhoogd"),
                              GEHEIM_ADRES),
            reference,
            regios,
        )  # fmt: skip
        vo = maak_voorziening(
            s,
            NieuweVoorziening("vo-test", "Vrouwenopvang test", Voorzieningsoort.vrouwenopvang, exploitant.id,
                              "GM0363", "GM0363", 5, Doelgroep(geslacht="vrouw", kinderen=True), GEHEIM_ADRES),
            reference,
            regios,
        )  # fmt: skip
        ids = []
        for _ in range(personen):
            p = Persoon(id=uuid.uuid4())
            s.add(p)
            ids.append(p.id)
        return Opvangbed(comensha.id, exploitant.id, cosm.id, vo.id, ids)
