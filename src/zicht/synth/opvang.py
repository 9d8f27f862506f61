# SPDX-License-Identifier: EUPL-1.2
"""Synthetic shelter facilities, a year of placement requests, placements and daily occupancy, and the
care-coordination network, derived from the persons of the synthetic registry (for ``zicht demo``).

Facilities follow the published picture (domain.md §5): three COSM locations with 70 places plus the 8 added in
2018, 36 OMM places in Almere, Alkmaar, Amsterdam, Rotterdam and Zwolle, a vrouwenopvang in every shelter region,
maatschappelijke opvang and mannenopvang in the larger cities, youth care and beschermde opvang. Names and
addresses are generic and marked synthetic. Demand is drawn so that COSM and the big-city shelters run full
for weeks at a time, as the aldermen warned. Which facility types a person may go to is decided by the caller's
``soorten_voor`` (the placement rules of ``zicht.opvang.regels``; this layer may not import them).
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from zicht.codebook import is_eu
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.bulk import bulk_insert
from zicht.storage.tables import (
    Melding,
    MeldingNationaliteit,
    NetwerkContact,
    NetwerkFunctie,
    OpvangAanvraag,
    OpvangBezetting,
    OpvangGebeurtenis,
    OpvangVoorziening,
    Organisatie,
)

#: (code, name, type, gemeente, places, target sex, b8, multiple problems, children, security)
VASTE_VOORZIENINGEN: tuple[tuple[str, str, str, str, int, str, bool, bool, bool, str], ...] = (
    ("cosm-noord", "COSM-locatie Noord (synthetisch)", "cosm", "GM0193", 26, "alle", True, False, True, "hoog"),
    ("cosm-midden", "COSM-locatie Midden (synthetisch)", "cosm", "GM0344", 26, "alle", True, False, True, "hoog"),
    ("cosm-zuid", "COSM-locatie Zuid (synthetisch)", "cosm", "GM0796", 26, "alle", True, False, True, "hoog"),
    ("omm-almere", "OMM Almere (synthetisch)", "omm", "GM0034", 8, "alle", True, True, False, "verhoogd"),
    ("omm-alkmaar", "OMM Alkmaar (synthetisch)", "omm", "GM0361", 6, "vrouw", True, True, False, "verhoogd"),
    ("omm-amsterdam", "OMM Amsterdam (synthetisch)", "omm", "GM0363", 8, "alle", True, True, False, "verhoogd"),
    ("omm-rotterdam", "OMM Rotterdam (synthetisch)", "omm", "GM0599", 8, "alle", True, True, False, "verhoogd"),
    ("omm-zwolle", "OMM Zwolle (synthetisch)", "omm", "GM0193", 6, "vrouw", True, True, False, "verhoogd"),
    ("bo-nidos-1", "Beschermde opvang West (synthetisch)", "beschermde_opvang", "GM0518", 12, "alle", True, False, False, "hoog"),
    ("bo-nidos-2", "Beschermde opvang Oost (synthetisch)", "beschermde_opvang", "GM0202", 10, "alle", True, False, False, "hoog"),
    ("coa-1", "COA-locatie met begeleiding (synthetisch)", "overig", "GM0200", 10, "alle", False, False, True, "verhoogd"),
)  # fmt: skip
GROTE_STEDEN = ("GM0363", "GM0599", "GM0518", "GM0344", "GM0772", "GM0855", "GM0193", "GM0268", "GM0202",
                "GM0014", "GM0935", "GM0153")  # fmt: skip


@dataclass(frozen=True)
class OpvangDemo:
    """What the generator stored."""

    voorzieningen: int
    aanvragen: int
    geplaatst: int
    bezettingsrijen: int
    functies: int


def _organisatie(session: Session, code: str, naam: str, soort: str) -> uuid.UUID:
    bestaand = session.scalar(select(Organisatie.id).where(Organisatie.code == code))
    if bestaand is not None:
        return bestaand
    org = Organisatie(id=uuid.uuid4(), code=code, naam=naam, soort=soort, actief=True)
    session.add(org)
    session.flush()
    return org.id


def _voorzieningen(
    session: Session, ref: Referentiedata, regios: Opvangregios, rng: random.Random
) -> list[OpvangVoorziening]:
    exploitanten = [_organisatie(session, f"opvang-aanbieder-{i}", f"Opvangaanbieder {i} (synthetisch)", "opvang")
                    for i in range(1, 7)]  # fmt: skip
    rijen: list[tuple[str, str, str, str, int, str, bool, bool, bool, str]] = list(VASTE_VOORZIENINGEN)
    for regio in regios.namen:
        gemeenten = sorted(
            regios.gemeenten(regio), key=lambda g: -ref.gemeenten[g].inwoners if g in ref.gemeenten else 0
        )
        centrum = gemeenten[0]
        naam = regios.naam(regio)
        rijen.append((f"vo-{regio.lower()}", f"Vrouwenopvang {naam} (synthetisch)", "vrouwenopvang", centrum,
                      rng.randint(8, 24), "vrouw", False, False, True, "hoog"))  # fmt: skip
        rijen.append((f"jz-{regio.lower()}", f"Jeugdzorg {naam} (synthetisch)", "jeugdzorg", centrum,
                      rng.randint(2, 5), "alle", False, False, False, "verhoogd"))  # fmt: skip
    for i, gm in enumerate(GROTE_STEDEN):
        naam = ref.gemeenten[gm].weergavenaam
        rijen.append((f"mo-{gm.lower()}", f"Maatschappelijke opvang {naam} (synthetisch)", "maatschappelijke_opvang",
                      gm, rng.randint(10, 30), "alle", False, False, False, "basis"))  # fmt: skip
        if i < 6:
            rijen.append((f"mn-{gm.lower()}", f"Mannenopvang {naam} (synthetisch)", "mannenopvang", gm,
                          rng.randint(4, 10), "man", False, False, False, "verhoogd"))  # fmt: skip
    uit = []
    for n, (code, naam, soort, gm, plaatsen, geslacht, b8, mp, kinderen, beveiliging) in enumerate(rijen):
        centrum = (
            regios.gemeenten(regios.regio_van[gm])[0] if soort in ("vrouwenopvang", "maatschappelijke_opvang") else gm
        )
        v = OpvangVoorziening(
            id=uuid.uuid4(), code=code, naam=naam, soort=soort, organisatie_id=exploitanten[n % len(exploitanten)],
            gemeentecode=gm, centrumgemeente=centrum if centrum in ref.gemeenten else gm,
            regio=regios.regio_van.get(gm, "onbekend"), doelgroep_geslacht=geslacht,
            leeftijd_min=None if soort in ("jeugdzorg", "beschermde_opvang") else 18,
            leeftijd_max=17 if soort in ("jeugdzorg", "beschermde_opvang") else None, b8=b8,
            meervoudige_problematiek=mp, kinderen=kinderen, beveiligingsniveau=beveiliging,
            adres=f"Afgeschermd adres {n + 1} (synthetisch)", capaciteit=plaatsen, actief=True,
        )  # fmt: skip
        session.add(v)
        uit.append(v)
    session.flush()
    return uit


def _profielen(session: Session, tot: date, aantal: int, rng: random.Random) -> list[dict[str, object]]:
    """Profiles of persons with a melding in the registry's last two years (one per person). The registry may
    end before ``tot`` (the demo's meldingen stop at the last full year); the persons are the latest ones."""
    m = Melding
    tot = session.scalar(select(func.max(m.melddatum))) or tot
    rijen = session.execute(
        select(m.id, m.persoon_id, m.geslacht, m.leeftijd_bij_melding, m.plaats_delict_gemeente, m.dossiertype)
        .where(m.persoon_id.is_not(None), m.melddatum >= tot - timedelta(days=730))
        .order_by(m.melddatum.desc())
    ).all()
    landen = defaultdict(list)
    for mid, land in session.execute(select(MeldingNationaliteit.melding_id, MeldingNationaliteit.land)):
        landen[mid].append(land)
    gezien: set[uuid.UUID] = set()
    kandidaten: list[dict[str, object]] = []
    for mid, pid, geslacht, leeftijd, gm, dossier in rijen:
        if pid is None or pid in gezien:
            continue
        gezien.add(pid)
        land = (landen.get(mid) or ["onbekend"])[0]
        eu = "nl" if land == "NL" else "eu" if is_eu(land) else "onbekend" if land == "onbekend" else "niet_eu"
        kandidaten.append({
            "persoon_id": pid, "geslacht": geslacht if geslacht in ("vrouw", "man", "anders") else "onbekend",
            "leeftijd": leeftijd, "eu_status": eu, "plaats_delict_gemeente": gm,
            "verblijfsstatus": rng.choice(("b8", "b8", "geen", "verblijfsvergunning", "asiel")) if eu == "niet_eu"
            else "onbekend",
            "alleenstaand": eu == "niet_eu" and rng.random() < 0.6, "meervoudige_problematiek": rng.random() < 0.15,
            "kinderen": 1 if rng.random() < 0.1 else 0, "veiligheidsrisico": rng.random() < 0.3,
            "medisch": rng.random() < 0.15, "opvang": dossier == "registratie_opvang",
        })  # fmt: skip
    kandidaten.sort(key=lambda k: not k["opvang"])
    return kandidaten[:aantal]


def genereer_opvang(
    session: Session,
    ref: Referentiedata,
    regios: Opvangregios,
    soorten_voor: Callable[[dict[str, object]], list[str]],
    *,
    tot: date,
    seed: int = 16,
    aanvragen: int = 700,
) -> OpvangDemo:
    """Store facilities, a year of requests and placements up to ``tot``, daily occupancy and the network.
    Does nothing (returns zeros) when facilities already exist."""
    if session.scalar(select(func.count()).select_from(OpvangVoorziening)):
        return OpvangDemo(0, 0, 0, 0, 0)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    comensha = _organisatie(session, "comensha", "CoMensha", "overig")
    voorz = _voorzieningen(session, ref, regios, rng)
    van = tot - timedelta(days=364)
    profielen = _profielen(session, tot, aanvragen, rng)
    bezet: dict[uuid.UUID, list[tuple[date, date]]] = defaultdict(list)  # stays per facility
    per_soort: dict[str, list[OpvangVoorziening]] = defaultdict(list)
    for v in voorz:
        per_soort[v.soort].append(v)
    # arrivals: uneven over the year (spring and autumn peaks) so shelters run full at times
    dagen = [van + timedelta(days=int(rng.betavariate(2, 2) * 364 if rng.random() < 0.6 else rng.random() * 364))
             for _ in profielen]  # fmt: skip
    aanvraag_rijen: list[dict[str, object]] = []
    gebeurtenissen: list[dict[str, object]] = []

    def moment(d: date, uur: int = 10) -> datetime:
        return datetime(d.year, d.month, d.day, uur, rng.randint(0, 59), tzinfo=UTC)

    telling: dict[uuid.UUID, list[int]] = {v.id: [0] * 400 for v in voorz}  # beds in use per day of the year

    def vrij_op(v: OpvangVoorziening, d: date, tot_d: date) -> bool:
        a, b = (d - van).days, max((tot_d - van).days, (d - van).days + 1)
        return max(telling[v.id][a:b]) < v.capaciteit

    def boek(v: OpvangVoorziening, d: date, eind: date) -> None:
        for i in range((d - van).days, min((eind - van).days, 400)):
            telling[v.id][i] += 1

    geplaatst_n = 0
    for p, dag in sorted(zip(profielen, dagen, strict=True), key=lambda t: t[1]):
        aid = uuid.uuid4()
        soorten = soorten_voor(p)
        kandidaten = [v for s in soorten for v in per_soort.get(s, [])]
        rng.shuffle(kandidaten)
        status, voorziening, geplaatst_op, afgesloten_op, reden = "aangevraagd", None, None, None, "nieuwe_aanvraag"
        hist: list[tuple[str, str | None, str, str, uuid.UUID | None, datetime]] = [
            ("aanvraag", None, "aangevraagd", "nieuwe_aanvraag", None, moment(dag, 9))
        ]
        wacht = 0
        while kandidaten and wacht <= 60:
            d = dag + timedelta(days=wacht)
            if d > tot:
                break
            verblijf = (
                rng.randint(75, 230)
                if kandidaten[0].soort == "cosm"
                else rng.randint(30, 150)
                if not isinstance(p["leeftijd"], int) or p["leeftijd"] >= 18
                else rng.randint(60, 200)
            )
            eind = d + timedelta(days=verblijf)
            vrije = [v for v in kandidaten if vrij_op(v, d, min(eind, tot))]
            if vrije:
                voorziening = vrije[0]
                bezet[voorziening.id].append((d, eind))
                boek(voorziening, d, eind)
                hist.append(("status", "aangevraagd", "aangeboden", "passend_profiel", voorziening.id, moment(d, 11)))
                geplaatst_op = moment(d + timedelta(days=rng.choice((0, 0, 1))), 15)
                hist.append(("status", "aangeboden", "geplaatst", "aanbod_aanvaard" if voorziening.soort in
                             ("cosm", "omm", "jeugdzorg", "beschermde_opvang", "mannenopvang") and voorziening.soort != "mannenopvang"
                             else "centrumgemeente_akkoord", voorziening.id, geplaatst_op))  # fmt: skip
                status, reden = "geplaatst", hist[-1][3]
                geplaatst_n += 1
                if eind <= tot:
                    afgesloten_op = moment(eind, 12)
                    uit = rng.choice(("zelfstandige_woning", "doorplaatsing", "terugkeer_herkomstland", "andere_zorg"))
                    hist.append(("status", "geplaatst", "uitgestroomd", uit, voorziening.id, afgesloten_op))
                    status, reden = "uitgestroomd", uit
                break
            if rng.random() < 0.25:
                hist.append(
                    ("capaciteit", "aangevraagd", "aangevraagd", "geen_capaciteit", kandidaten[0].id, moment(d, 13))
                )
            wacht += rng.choice((1, 2, 3, 7))
        else:
            if kandidaten and dag + timedelta(days=wacht) <= tot:
                afgesloten_op = moment(dag + timedelta(days=wacht), 16)
                hist.append(("status", "aangevraagd", "ingetrokken", "elders_opgevangen", None, afgesloten_op))
                status, reden = "ingetrokken", "elders_opgevangen"
        if not kandidaten:
            afgesloten_op = moment(dag, 12)
            hist.append(("status", "aangevraagd", "geweigerd", "niet_passend", None, afgesloten_op))
            status, reden = "geweigerd", "niet_passend"
        te_lang = voorziening is not None and voorziening.soort == "cosm" and status == "geplaatst" and geplaatst_op \
            and (tot - geplaatst_op.date()).days > 91  # fmt: skip
        aanvraag_rijen.append({
            "id": aid, "persoon_id": p["persoon_id"], "aanvrager_organisatie_id": comensha, "status": status,
            "prioriteit": sum(bool(p[k]) for k in ("veiligheidsrisico", "medisch", "kinderen"))
            + (p["leeftijd"] is not None and int(p["leeftijd"]) < 18),  # type: ignore[call-overload]
            **{k: p[k] for k in ("geslacht", "leeftijd", "eu_status", "verblijfsstatus", "alleenstaand",
                                 "meervoudige_problematiek", "kinderen", "veiligheidsrisico", "medisch",
                                 "plaats_delict_gemeente")},
            "verblijfgemeente": p["plaats_delict_gemeente"], "voorziening_id": voorziening.id if voorziening else None,
            "vorige_aanvraag_id": None, "aangevraagd_op": hist[0][5],
            "aangeboden_op": next((h[5] for h in hist if h[2] == "aangeboden"), None), "geplaatst_op": geplaatst_op,
            "afgesloten_op": afgesloten_op, "uitstroom_gemeente": None,
            "zorgcoordinator_overgedragen": status == "uitgestroomd" and rng.random() < 0.7,
            "verlenging_reden": rng.choice(("wacht_op_woning", "wacht_op_verblijfsvergunning", "geen_vervolgplek"))
            if te_lang and rng.random() < 0.8 else None,
            "reden": reden, "versie": len(hist),
        })  # fmt: skip
        for handeling, h_van, h_naar, h_reden, h_v, t in hist:
            gebeurtenissen.append({"aanvraag_id": aid, "handeling": handeling, "van": h_van, "naar": h_naar,
                                   "reden": h_reden, "voorziening_id": h_v, "door": "systeem:demo", "rol": "opvang",
                                   "tijdstip": t})  # fmt: skip
    bulk_insert(session, OpvangAanvraag.__table__, aanvraag_rijen)  # type: ignore[arg-type]
    session.execute(insert(OpvangGebeurtenis), gebeurtenissen)
    rijen = []
    for v in voorz:
        for i in range(365):
            d = van + timedelta(days=i)
            n = telling[v.id][i]
            geblokkeerd = min(v.capaciteit - n, 1 if (i // 30) % 5 == 0 and v.capaciteit > 10 else 0)
            rijen.append({"voorziening_id": v.id, "datum": d, "totaal": v.capaciteit, "bezet": n, "gereserveerd": 0,
                          "geblokkeerd": max(0, geblokkeerd), "bron": "synth", "inhoud_hash": None,
                          "gewijzigd_op": moment(d, 18)})  # fmt: skip
    bulk_insert(session, OpvangBezetting.__table__, rijen)  # type: ignore[arg-type]
    functies = _netwerk(session, ref, regios, rng, tot)
    return OpvangDemo(len(voorz), len(aanvraag_rijen), geplaatst_n, len(rijen), functies)


def _netwerk(session: Session, ref: Referentiedata, regios: Opvangregios, rng: random.Random, tot: date) -> int:
    """Zorgcoördinatoren for most regions, aandachtsfunctionarissen in most gemeenten, and first contacts."""
    rijen = []
    gedekt: set[str] = set()
    for regio in regios.namen:
        if rng.random() < 0.8:
            centrum = regios.gemeenten(regio)[0]
            rijen.append({"id": uuid.uuid4(), "gemeentecode": centrum, "functie": "zorgcoordinator", "dekking": "regio",
                          "organisatie": f"Zorgcoördinatie {regios.naam(regio)} (synthetisch)",
                          "contactrol": "zorgcoördinator mensenhandel", "sinds": date(rng.randint(2016, 2023), 1, 1),
                          "tot": None, "aangemaakt_op": datetime.now(UTC)})  # fmt: skip
            gedekt.update(regios.gemeenten(regio))
    rijen.extend(
        {"id": uuid.uuid4(), "gemeentecode": gm, "functie": "aandachtsfunctionaris", "dekking": "gemeente",
         "organisatie": f"Gemeente {ref.gemeenten[gm].weergavenaam}", "contactrol": "aandachtsfunctionaris mensenhandel",
         "sinds": date(rng.randint(2018, 2024), rng.randint(1, 12), 1), "tot": None, "aangemaakt_op": datetime.now(UTC)}
        for gm in ref.gemeenten
        if rng.random() < 0.7
    )  # fmt: skip
    session.execute(insert(NetwerkFunctie), rijen)
    contacten = []
    for mid, melddatum, pd in session.execute(
        select(Melding.id, Melding.melddatum, Melding.plaats_delict_gemeente).where(
            Melding.melddatum >= tot - timedelta(days=365))
    ):  # fmt: skip
        if pd in gedekt and rng.random() < 0.6:
            contacten.append({"melding_id": mid, "contact_op": melddatum + timedelta(days=int(rng.expovariate(1 / 6)))})
    if contacten:
        session.execute(insert(NetwerkContact), contacten)
    return len(rijen)
