# SPDX-License-Identifier: EUPL-1.2
"""A registry for the retention tests of meldingen: persons whose every melding is older than the melding term
(deleted whole), persons reported before and after the boundary (kept whole), unlinked meldingen on both sides,
merged persons, a withdrawn duplicate, status ``geen``, same-day meldingen in different gemeenten, and a row in
every table that refers to a melding or a person (versions, route, network contact, linkage pairs, review items,
decisions, audit units, events, placement requests). Two waves with a publicatie after each, so the ledger must
keep which publicatie counted which melding."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from zicht.analysis.publicaties import publiceer
from zicht.domain import Identiteitsgegevens, MeldingInvoer, Plaats, RouteStap, Uitbuiting
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage.tables import (
    KoppelBeoordeling,
    KoppelBesluit,
    KoppelGebeurtenis,
    KoppelPaar,
    KoppelRun,
    KoppelSteekproef,
    KoppelStrijdig,
    Melding,
    MeldingVersie,
    NetwerkContact,
    OpvangAanvraag,
    OpvangGebeurtenis,
    OpvangVoorziening,
    Organisatie,
    Persoon,
)

#: With the default melding term of 20 years: meldingen before 2006-07-01 are past it. No melding lies in 2006, so
#: a restore (which purges as of today, with a term that ends in 2006) deletes the same ones.
PEILDATUM = date(2026, 7, 1)
GRENS = date(2006, 7, 1)
ANALIST = logboek.Actor("u-analist", "analist", "comensha")
GEMEENTEN = ("GM0014", "GM0034", "GM0037", "GM0344", "GM0363", "GM0599")
ORGANISATIES = (
    ("politie", "nationale_politie", "Amsterdam"),
    ("politie-rdam", "nationale_politie", "Rotterdam"),
    ("kmar", "kmar", None),
    ("nla", "nla", None),
    ("fairwork", "fairwork", None),
    ("zorg", "zorgcoordinatie", "Midden-Nederland"),
)
VORMEN = (("seksueel", "raamprostitutie"), ("seksueel", "escort"), ("arbeid", "land_tuinbouw"),
          ("arbeid", "horeca"), ("crimineel", "drugs"), ("onbekend", "onbekend"))  # fmt: skip
WERKWIJZEN = ("loverboymethode", "schuldslavernij", "geweld", "onbekend")
LANDEN = ("NL", "NL", "PL", "RO", "NG", "UA", "onbekend")


@dataclass
class Register:
    """What was stored: person ids by kind, melding ids, and the publicaties."""

    weg: list[uuid.UUID] = field(default_factory=list)  # persons to be deleted (every melding past the term)
    blijft: list[uuid.UUID] = field(default_factory=list)  # persons kept (reported after the boundary)
    samengevoegd: list[uuid.UUID] = field(default_factory=list)  # merged into a person to be deleted
    opvang_blijft: uuid.UUID | None = None  # old person kept by an open placement request
    meldingen_weg: set[uuid.UUID] = field(default_factory=set)
    meldingen_blijven: set[uuid.UUID] = field(default_factory=set)
    gelezen: dict[uuid.UUID, int] = field(default_factory=dict)  # reads appended per kept person


def _datum(rnd: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rnd.randrange((tot - van).days))


def _invoer(rnd: random.Random, ref: str, dag: date, *, gemeente: str | None = None, status: str = "mogelijk",
            route: bool = False) -> MeldingInvoer:  # fmt: skip
    soort = (
        rnd.choices(("gemeente", "buitenland", "onbekend"), (0.75, 0.1, 0.15))[0] if gemeente is None else "gemeente"
    )
    plaats = (
        Plaats.in_gemeente(gemeente or rnd.choice(GEMEENTEN)) if soort == "gemeente"
        else Plaats.in_land("PL") if soort == "buitenland" else Plaats()
    )  # fmt: skip
    vormen = rnd.sample(VORMEN, rnd.choice((1, 1, 2)))
    return MeldingInvoer(
        melder_referentie=ref,
        melddatum=dag,
        uitbuitingen=tuple(Uitbuiting(v, s) for v, s in vormen),
        werkwijzen=tuple(sorted(set(rnd.sample(WERKWIJZEN, rnd.choice((1, 2)))))),
        plaats_delict=plaats,
        geslacht=rnd.choices(("vrouw", "man", "onbekend"), (0.6, 0.35, 0.05))[0],
        leeftijd_bij_melding=rnd.choice((None, 15, 17, 18, 22, 23, 30, 41)),
        nationaliteiten=tuple(dict.fromkeys(rnd.sample(LANDEN, rnd.choice((1, 1, 2))))),
        dossiertype=rnd.choice(("registratie", "registratie_opvang", "registratie_informatie_advies")),
        status=status,
        route=(RouteStap("werving", Plaats.in_land("RO"), dag - timedelta(days=30)),) if route else (),
        identiteit=Identiteitsgegevens(voornamen=f"Naam{ref}", achternaam="Proefpersoon",
                                       geboortedatum=date(1980, 1, 1) + timedelta(days=len(ref) * 97)),
    )  # fmt: skip


def _plan(rnd: random.Random, golf: int) -> list[tuple[str, list[tuple[str, MeldingInvoer]]]]:
    """(kind, [(organisation, melding)]) per person of one wave; kinds: weg, blijft, los_weg, los_blijft."""
    oud = (date(2003, 1, 1), date(2005, 12, 31))
    nieuw = (date(2007, 1, 1), date(2008, 12, 31))
    plan: list[tuple[str, list[tuple[str, MeldingInvoer]]]] = []
    orgs = [o for o, _, _ in ORGANISATIES]
    for i in range(40 if golf == 1 else 12):
        soort = rnd.choices(("weg", "blijft"), (0.6, 0.4))[0]
        n = rnd.choice((1, 2, 2, 3))
        dagen = sorted(_datum(rnd, *oud) for _ in range(n))
        if n >= 2 and i % 5 == 0:  # two meldingen in one quarter, on one day, in different gemeenten
            dagen[1] = dagen[0]
        if soort == "blijft":
            dagen[-1] = _datum(rnd, *nieuw)
        meldingen = [
            (rnd.choice(orgs), _invoer(rnd, f"G{golf}P{i}M{j}", d, gemeente=GEMEENTEN[j] if i % 5 == 0 else None,
                                        status="geen" if (i + j) % 11 == 0 else "mogelijk", route=j == 0 and i % 3 == 0))
            for j, d in enumerate(sorted(dagen))
        ]  # fmt: skip
        plan.append((soort, meldingen))
    for i in range(10 if golf == 1 else 4):
        los = "los_weg" if i % 3 else "los_blijft"
        dag = _datum(rnd, *(oud if los == "los_weg" else nieuw))
        plan.append((los, [(rnd.choice(orgs), _invoer(rnd, f"G{golf}L{i}", dag))]))
    return plan


def _bewaar(s: Session, vault: Vault, orgs: dict[str, Organisatie], meldingen: list[tuple[str, MeldingInvoer]]) -> list[
    uuid.UUID
]:  # fmt: skip
    ids = []
    for org, invoer in meldingen:
        bewaar_meldingen(s, vault, orgs[org], [invoer], bron="api", actor=logboek.SYSTEEM)
        ids.append(s.scalars(select(Melding.id).where(Melding.melder_referentie == invoer.melder_referentie)).one())
    return ids


def _golf(s: Session, vault: Vault, orgs: dict[str, Organisatie], rnd: random.Random, golf: int, reg: Register,
          eerdere: list[uuid.UUID]) -> None:  # fmt: skip
    for soort, meldingen in _plan(rnd, golf):
        ids = _bewaar(s, vault, orgs, meldingen)
        if soort.startswith("los"):
            (reg.meldingen_weg if soort == "los_weg" else reg.meldingen_blijven).update(ids)
            continue
        if golf == 2 and eerdere and soort == "weg" and rnd.random() < 0.5:  # a wave-1 person reported again
            persoon = rnd.choice(eerdere)
            if persoon in reg.blijft:
                reg.meldingen_blijven.update(ids)
            else:
                reg.meldingen_weg.update(ids)
        else:
            nieuw = Persoon()
            s.add(nieuw)
            s.flush()
            persoon = nieuw.id
            (reg.weg if soort == "weg" else reg.blijft).append(persoon)
            (reg.meldingen_weg if soort == "weg" else reg.meldingen_blijven).update(ids)
            eerdere.append(persoon)
        s.execute(update(Melding).where(Melding.id.in_(ids)).values(persoon_id=persoon))


def vul(sessions: sessionmaker[Session], vault: Vault, seed: int = 5) -> Register:
    """Store the two waves with a publicatie after each, and every kind of reference to a melding or person."""
    rnd = random.Random(seed)
    reg = Register()
    eerdere: list[uuid.UUID] = []
    with sessions() as s, s.begin():
        orgs = {}
        for code, soort, regio in ORGANISATIES:
            orgs[code] = Organisatie(code=code, naam=code, soort=soort, regio=regio)
            s.add(orgs[code])
        s.flush()
        _golf(s, vault, orgs, rnd, 1, reg, eerdere)
    engine = sessions.kw["bind"]
    publiceer(engine, reden="handmatig", door="test")
    with sessions() as s, s.begin():
        orgs = {o.code: o for o in s.scalars(select(Organisatie))}
        _golf(s, vault, orgs, rnd, 2, reg, eerdere)
        _verwijzingen(s, vault, orgs, reg)
    publiceer(engine, reden="handmatig", door="test")
    with sessions() as s, s.begin():
        for persoon in reg.blijft[:5]:
            n = 1 + len(reg.gelezen)
            for _ in range(n):
                logboek.append(s, ANALIST, actie="lezen", object_type="persoon", object_ids=[str(persoon)],
                               persoon_ids=[str(persoon)], doel="analyse")  # fmt: skip
            reg.gelezen[persoon] = n
    return reg


def _melding_van(s: Session, persoon: uuid.UUID) -> uuid.UUID:
    return s.scalars(select(Melding.id).where(Melding.persoon_id == persoon).order_by(Melding.id)).first()  # type: ignore[return-value]


def _verwijzingen(s: Session, vault: Vault, orgs: dict[str, Organisatie], reg: Register) -> None:
    """One row in every table that refers to meldingen or persons, and the edge cases of persons."""
    rnd = random.Random(11)
    weg, blijft = reg.weg[0], reg.blijft[0]
    m_weg, m_weg2, m_blijft = _melding_van(s, weg), _melding_van(s, reg.weg[1]), _melding_van(s, blijft)
    # merged persons (a chain) into a person to be deleted; a melding still pointing at a merged person
    tussen, eind = Persoon(status="samengevoegd", opgegaan_in=weg), Persoon()
    s.add_all([tussen, eind])
    s.flush()
    eind.status, eind.opgegaan_in = "samengevoegd", tussen.id
    reg.samengevoegd += [tussen.id, eind.id]
    ids = _bewaar(s, vault, orgs, [("nla", _invoer(rnd, "X-SAMEN", date(2004, 5, 5)))])
    s.execute(update(Melding).where(Melding.id.in_(ids)).values(persoon_id=tussen.id))
    reg.meldingen_weg.update(ids)
    # a withdrawn melding of a person to be deleted; a kept melding withdrawn as a duplicate of a deleted one
    ingetrokken = _bewaar(s, vault, orgs, [("kmar", _invoer(rnd, "X-INGETROKKEN", date(2005, 2, 2)))])
    s.execute(update(Melding).where(Melding.id.in_(ingetrokken)).values(persoon_id=weg, ingetrokken_op=datetime.now(UTC),
                                                                         intrekkingsreden="fout"))  # fmt: skip
    reg.meldingen_weg.update(ingetrokken)
    dubbel = _bewaar(s, vault, orgs, [("kmar", _invoer(rnd, "X-DUBBEL", date(2007, 3, 3)))])
    s.execute(update(Melding).where(Melding.id.in_(dubbel)).values(persoon_id=blijft, ingetrokken_op=datetime.now(UTC),
                                                                    intrekkingsreden="dubbel", dubbel_van=m_weg))  # fmt: skip
    reg.meldingen_blijven.update(dubbel)
    # an old person kept by an open placement request
    oud = Persoon()
    s.add(oud)
    s.flush()
    ids = _bewaar(s, vault, orgs, [("zorg", _invoer(rnd, "X-OPVANG", date(2004, 8, 8)))])
    s.execute(update(Melding).where(Melding.id.in_(ids)).values(persoon_id=oud.id))
    reg.opvang_blijft = oud.id
    reg.blijft.append(oud.id)
    reg.meldingen_blijven.update(ids)
    voorziening = OpvangVoorziening(code="cosm-test", naam="COSM test", soort="cosm", organisatie_id=orgs["zorg"].id,
                                    gemeentecode="GM0344", centrumgemeente="GM0344", regio="VT09", capaciteit=4)  # fmt: skip
    s.add(voorziening)
    s.flush()
    for persoon, afgesloten in ((weg, datetime(2005, 6, 1, tzinfo=UTC)), (oud.id, None)):
        aanvraag = OpvangAanvraag(persoon_id=persoon, status="uitgestroomd" if afgesloten else "aangevraagd",
                                  geslacht="vrouw", eu_status="eu", verblijfsstatus="onbekend", reden="test",
                                  aangevraagd_op=datetime(2005, 1, 1, tzinfo=UTC), afgesloten_op=afgesloten,
                                  voorziening_id=voorziening.id)  # fmt: skip
        s.add(aanvraag)
        s.flush()
        s.add(OpvangGebeurtenis(aanvraag_id=aanvraag.id, handeling="aanvragen", naar="aangevraagd", reden="test",
                                door="test", rol="opvang"))  # fmt: skip
    # lifecycle, network contact
    s.add_all([
        MeldingVersie(melding_id=m_weg, versie=2, actie="correctie", reden="typefout", wijzigingen=[{"veld": "geslacht"}],
                      actor="test", organisatie="nla"),
        MeldingVersie(melding_id=m_blijft, versie=2, actie="correctie", reden="typefout", wijzigingen=[], actor="test"),
        NetwerkContact(melding_id=m_weg, contact_op=date(2005, 3, 1)),
        NetwerkContact(melding_id=m_blijft, contact_op=date(2008, 3, 1)),
    ])  # fmt: skip
    # linkage: pairs, a cannot-link, a review item with a decision, an audit unit, merge events
    run = KoppelRun(soort="volledig", drempel_boven=0.9, drempel_onder=0.5, uitgevoerd_door="test")
    s.add(run)
    s.flush()
    beoordeling = KoppelBeoordeling(run_id=run.id, melding_a=m_weg, melding_b=m_blijft, match_probability=0.7,
                                    match_weight=1.0)  # fmt: skip
    s.add_all([
        KoppelPaar(melding_a=m_weg, melding_b=m_weg2, run_id=run.id, match_probability=0.95, match_weight=4.0),
        KoppelPaar(melding_a=m_weg, melding_b=m_blijft, run_id=run.id, match_probability=0.6, match_weight=1.0),
        KoppelStrijdig(melding_a=m_weg2, melding_b=m_blijft, run_id=run.id),
        beoordeling,
    ])  # fmt: skip
    s.flush()
    besluit = KoppelBesluit(melding_a=m_weg, melding_b=m_blijft, oordeel="verschillend", beoordeling_id=beoordeling.id,
                            genomen_door="test", rol="analist")  # fmt: skip
    s.add(besluit)
    s.flush()
    s.add_all([
        KoppelSteekproef(run_id=run.id, stratum="s", rang=1, melding_a=m_weg, melding_b=m_blijft, gewicht=1.0,
                         match_probability=0.7, melder_paar="nla-kmar", beoordeling_id=beoordeling.id),
        KoppelGebeurtenis(run_id=run.id, besluit_id=besluit.id, soort="splitsing", oorzaak="besluit",
                          van=[str(weg)], naar=[str(weg), str(blijft)], aantal_meldingen=3),
        KoppelGebeurtenis(run_id=run.id, soort="samenvoeging", oorzaak="herkoppeling", van=[str(weg), str(tussen.id)],
                          naar=[str(weg)], aantal_meldingen=2),
    ])  # fmt: skip
