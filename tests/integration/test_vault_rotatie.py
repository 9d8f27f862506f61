# SPDX-License-Identifier: EUPL-1.2
"""Key rotation re-encrypts every identity record under the new key, and records stay readable."""

from __future__ import annotations

import base64
from datetime import date

from sqlalchemy import select

from zicht.config import generate_key
from zicht.domain import Identiteitsgegevens, MeldingInvoer, Uitbuiting
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.rotation import roteer, te_roteren
from zicht.privacy.vault import Vault
from zicht.storage.tables import Identiteit, Organisatie


def test_rotatie_herversleutelt_alles_met_de_actieve_sleutel(sessions) -> None:  # type: ignore[no-untyped-def]
    k1, k2, pk = (base64.urlsafe_b64decode(generate_key()) for _ in range(3))
    oud = Vault("k1", {"k1": k1}, pk)
    invoer = [
        MeldingInvoer(
            melder_referentie=f"R{i}",
            melddatum=date(2024, 1, 2),
            uitbuitingen=(Uitbuiting("arbeid"),),
            identiteit=Identiteitsgegevens(voornamen=f"Naam{i}", geboortedatum=date(1990, 1, i + 1)),
        )
        for i in range(7)
    ]
    with sessions() as s, s.begin():
        org = Organisatie(code="nla", naam="NLA", soort="nla")
        s.add(org)
        s.flush()
        bewaar_meldingen(s, oud, org, invoer, bron="api", actor=logboek.SYSTEEM)

    nieuw = Vault("k2", {"k1": k1, "k2": k2}, pk)
    with sessions() as s:
        assert te_roteren(s, nieuw) == 7
    assert roteer(sessions, nieuw, logboek.SYSTEEM, batch=3) == 7

    alleen_nieuw = Vault("k2", {"k2": k2}, pk)
    with sessions() as s:
        assert te_roteren(s, nieuw) == 0
        names = sorted(
            alleen_nieuw.decrypt(r.melding_id, r.sleutel_id, r.versleuteld).voornamen or ""
            for r in s.scalars(select(Identiteit))
        )
        assert names == [f"Naam{i}" for i in range(7)]
        assert logboek.verify(s).ok
