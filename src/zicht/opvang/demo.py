# SPDX-License-Identifier: EUPL-1.2
"""Fill the demo registry with shelters, a year of placements and occupancy, and the network (``zicht demo``).

The generator (:mod:`zicht.synth.opvang`) gets the placement rules of :mod:`zicht.opvang.regels`, so the
synthetic placements obey the same eligibility as real ones. The demo opvang account becomes a CoMensha user,
so it can place in COSM.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from zicht.opvang.regels import COMENSHA, Profiel, geschikte_soorten
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import Gebruiker, Organisatie
from zicht.synth.opvang import OpvangDemo, genereer_opvang

DEMO_OPVANG_ACCOUNT = "demo-opvang"


def _soorten(p: dict[str, object]) -> list[str]:
    leeftijd = p.get("leeftijd")
    profiel = Profiel(
        geslacht=str(p["geslacht"]),
        leeftijd=int(leeftijd) if isinstance(leeftijd, int) else None,
        eu_status=str(p["eu_status"]),
        verblijfsstatus=str(p["verblijfsstatus"]),
        alleenstaand=bool(p["alleenstaand"]),
        meervoudige_problematiek=bool(p["meervoudige_problematiek"]),
        kinderen=int(str(p["kinderen"])),
        veiligheidsrisico=bool(p["veiligheidsrisico"]),
        medisch=bool(p["medisch"]),
    )
    return [s.value for s in geschikte_soorten(profiel)]


def vul_demo(sessions: sessionmaker[Session], referentie: Referentiedata) -> OpvangDemo:
    """Generate the opvang and netwerk demo data once (a rerun finds the facilities and does nothing)."""
    with transaction(sessions) as s:
        uitkomst = genereer_opvang(s, referentie, laad_opvangregios(referentie.bron_dir), _soorten,
                                   tot=utcnow().date())  # fmt: skip
        comensha = s.query(Organisatie.id).filter(Organisatie.code == COMENSHA).scalar()
        s.execute(update(Gebruiker).where(Gebruiker.gebruikersnaam == DEMO_OPVANG_ACCOUNT)
                  .values(organisatie_id=comensha))  # fmt: skip
    return uitkomst
