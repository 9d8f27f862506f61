# SPDX-License-Identifier: EUPL-1.2
"""How one person's identity varies between the reports of different organisations.

Each report starts from the person's true identity and independently undergoes the variations real registers
show. :data:`VARIATIE_KANSEN` holds the intended rate of each variation *among the reports where it can apply*
(a transliteration needs a name with variants, a day–month swap a day of at most 12, ...). Every report records
which variations were applied, so that linkage can be evaluated per variation type.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zicht.synth._vector import bevat, iso_datum
from zicht.synth._vector import nl_datum as nl_datum_tekst
from zicht.synth.identiteit import PLACEHOLDER_LANDEN, Identiteiten, telefoonnummers
from zicht.synth.namen import FAMILIENAAM_EERST, naamtabel

#: Intended rate per variation among the reports where it can apply [A].
VARIATIE_KANSEN: dict[str, float] = {
    "typfout": 0.06,
    "naam_verwisseld": 0.04,
    "naam_verwisseld_familienaam_eerst": 0.18,  # Vietnamese, Chinese, Hungarian names
    "transliteratie": 0.35,  # per name part that has variants
    "diacrieten_weg": 0.35,
    "voornaam_ingekort": 0.40,
    "tussenvoegsel": 0.25,
    "geboortedatum_ontbreekt": 0.10,
    "alleen_geboortejaar": 0.05,
    "placeholder_1_januari": 0.03,
    "placeholder_1_januari_land": 0.15,  # nationals of PLACEHOLDER_LANDEN
    "dag_maand_verwisseld": 0.03,
    "ander_telefoonnummer": 0.12,
    "document_typfout": 0.02,
    "anoniem": 0.03,  # voluntary reporters without identifying data (2018: x3)
}
#: Chance that a report carries a document number or a phone number when the person has one, per kind group
#: (mandatory reporters, others) [A]. Reports without it record ``geen_document`` / ``geen_telefoon``.
DOCUMENT_MELDKANS = (0.75, 0.30)
TELEFOON_MELDKANS = (0.55, 0.50)


@dataclass
class Gemeld:
    """The identity fields of each report as written, and the applied variations."""

    voornamen: npt.NDArray[np.object_]
    achternaam: npt.NDArray[np.object_]
    geboortedatum: npt.NDArray[np.object_]
    leeftijd: npt.NDArray[np.object_]
    documentnummer: npt.NDArray[np.object_]
    telefoonnummer: npt.NDArray[np.object_]
    variaties: npt.NDArray[np.object_]


def _typfout(tekst: str, op: int, pos: int, teken: int) -> str:
    if len(tekst) < 3:
        return tekst + "e"
    i = 1 + pos % (len(tekst) - 2)
    letter = "aeionrstlkmdhuv"[teken % 15]
    if op == 0:  # substitution
        return tekst[:i] + (letter if tekst[i] != letter else "x") + tekst[i + 1 :]
    if op == 1:  # deletion
        return tekst[:i] + tekst[i + 1 :]
    if op == 2:  # doubling
        return tekst[: i + 1] + tekst[i] + tekst[i + 1 :]
    return tekst[: i - 1] + tekst[i] + tekst[i - 1] + tekst[i + 1 :] if tekst[i] != tekst[i - 1] else tekst + "e"


def _tussenvoegsel(naam: str, keuze: int) -> str:
    delen = naam.split(" ")
    voor = [d for d in delen if d.islower()]
    kern = " ".join(d for d in delen if not d.islower())
    if keuze == 0:
        return naam[0].upper() + naam[1:]
    if keuze == 1:
        return f"{kern}, {' '.join(voor)}"
    return "".join(voor).capitalize() + kern.lower()


def telefoon_notatie(nummers: npt.NDArray[np.object_], keuze: npt.NDArray[np.int64]) -> npt.NDArray[np.object_]:
    """Write E.164 numbers the way organisations do (``06-12345678``, ``+31 6 12345678``, ``0048…``)."""
    tekst = np.asarray(nummers, dtype=str)
    nl = np.strings.startswith(tekst, "+316")
    rest = np.strings.slice(tekst, 4, None)
    vormen_nl = [
        np.strings.add("06-", rest),
        np.strings.add("06", rest),
        np.strings.add("+31 6 ", rest),
        tekst,
        np.strings.add(
            np.strings.add(np.strings.add("06 ", np.strings.slice(rest, 0, 4)), " "), np.strings.slice(rest, 4, None)
        ),
    ]
    vormen_bl = [tekst, np.strings.add("00", np.strings.slice(tekst, 1, None)), tekst]
    uit = np.where(nl, np.choose(keuze % 5, vormen_nl), np.choose(keuze % 3, vormen_bl))
    return np.asarray(np.where(tekst == "", "", uit).astype(object))


def pas_toe(
    rng: np.random.Generator,
    ident: Identiteiten,
    persoon: npt.NDArray[np.int64],
    land: npt.NDArray[np.object_],
    meldplichtig: npt.NDArray[np.bool_],
    melddatum: npt.NDArray[np.datetime64],
    nl_datum: npt.NDArray[np.bool_],
    anoniem_kans: npt.NDArray[np.float64],
) -> Gemeld:
    """The identity as written in each report (rows), with the variations applied.

    Args:
        rng: random generator.
        ident: the true identities (indexed by registered person).
        persoon: registered-person index of each report.
        land: the person's first nationality per report.
        meldplichtig: whether the reporter has a duty to report (reports more identifying data).
        melddatum: report date per report.
        nl_datum: whether the organisation writes dates as DD-MM-YYYY.
        anoniem_kans: chance per report that it is anonymous.
    """
    n = len(persoon)
    k = VARIATIE_KANSEN
    tabel = naamtabel()
    aantal = np.asarray(tabel.aantal)
    start = np.asarray(tabel.start)
    varianten = np.array(tabel.varianten, dtype=object)
    ascii_ = np.array(tabel.ascii, dtype=object)
    labels: list[tuple[str, npt.NDArray[np.bool_]]] = []

    def deel(
        ids: npt.NDArray[np.int32],
    ) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        veilig = np.maximum(ids, 0)
        meer = aantal[veilig] > 1
        trans = meer & (rng.random(n) < k["transliteratie"]) & (ids >= 0)
        keuze = np.where(trans, 1 + rng.integers(0, 1 << 30, size=n) % np.maximum(aantal[veilig] - 1, 1), 0)
        pos = start[veilig] + keuze
        heeft_diacr = varianten[pos] != ascii_[pos]
        weg = heeft_diacr & (rng.random(n) < k["diacrieten_weg"])
        tekst = np.where(weg, ascii_[pos], varianten[pos])
        return np.where(ids >= 0, tekst, ""), trans, weg

    voor1, t1, d1 = deel(ident.voornaam[persoon])
    voor2, t2, d2 = deel(ident.tweede_voornaam[persoon])
    achter, t3, d3 = deel(ident.achternaam[persoon])
    heeft_tweede = ident.tweede_voornaam[persoon] >= 0
    ingekort = heeft_tweede & (rng.random(n) < k["voornaam_ingekort"])
    voornamen = np.where(heeft_tweede & ~ingekort, voor1 + " " + voor2, voor1)
    labels += [("transliteratie", t1 | (t2 & ~ingekort) | t3), ("diacrieten_weg", d1 | (d2 & ~ingekort) | d3)]
    labels.append(("voornaam_ingekort", ingekort))

    met_voegsel = np.array([" " in v and v.split(" ")[0].islower() for v in tabel.varianten])
    tv = met_voegsel[start[ident.achternaam[persoon]]] & (rng.random(n) < k["tussenvoegsel"])
    keuzes = rng.integers(0, 3, size=n)
    for i in np.flatnonzero(tv):
        achter[i] = _tussenvoegsel(achter[i], int(keuzes[i]))
    labels.append(("tussenvoegsel", tv))

    typ = rng.random(n) < k["typfout"]
    in_achter = rng.random(n) < 0.6
    ops = rng.integers(0, 1 << 30, size=(n, 3))
    for i in np.flatnonzero(typ):
        if in_achter[i]:
            achter[i] = _typfout(achter[i], int(ops[i, 0] % 4), int(ops[i, 1]), int(ops[i, 2]))
        else:
            voornamen[i] = _typfout(voornamen[i], int(ops[i, 0] % 4), int(ops[i, 1]), int(ops[i, 2]))
    labels.append(("typfout", typ))

    eerst = bevat(ident.cultuur[persoon], FAMILIENAAM_EERST)
    wissel = rng.random(n) < np.where(eerst, k["naam_verwisseld_familienaam_eerst"], k["naam_verwisseld"])
    voornamen, achter = np.where(wissel, achter, voornamen), np.where(wissel, voornamen, achter)
    labels.append(("naam_verwisseld", wissel))

    # birth date
    geb = ident.geboortedatum[persoon]
    jaar = geb.astype("datetime64[Y]").astype(np.int64) + 1970
    maand = (geb.astype("datetime64[M]").astype(np.int64) % 12) + 1
    dag = (geb - geb.astype("datetime64[M]")).astype(np.int64) + 1
    r = rng.random(n)
    ontbreekt = r < k["geboortedatum_ontbreekt"]
    alleen_jaar = ~ontbreekt & (r < k["geboortedatum_ontbreekt"] + k["alleen_geboortejaar"])
    ph_kans = np.where(bevat(land, PLACEHOLDER_LANDEN), k["placeholder_1_januari_land"], k["placeholder_1_januari"])
    placeholder = ~ontbreekt & ~alleen_jaar & ((maand != 1) | (dag != 1)) & (rng.random(n) < ph_kans)
    wisselbaar = (dag <= 12) & (dag != maand)
    dm = ~ontbreekt & ~alleen_jaar & ~placeholder & wisselbaar & (rng.random(n) < k["dag_maand_verwisseld"])
    m_uit = np.where(placeholder, 1, np.where(dm, dag, maand))
    d_uit = np.where(placeholder, 1, np.where(dm, maand, dag))
    gemeld_datum = (
        (jaar - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (m_uit - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (d_uit - 1).astype("timedelta64[D]")
    iso = iso_datum(gemeld_datum)
    j_s = np.strings.slice(iso, 0, 4).astype(object)
    volledig = np.where(nl_datum, nl_datum_tekst(iso), iso).astype(object)
    geboortedatum = np.where(ontbreekt, "", np.where(alleen_jaar, j_s, volledig))
    leeftijd_jaren = ((melddatum - geb).astype(np.int64) // 365.25).astype(np.int64)
    leeftijd = np.where(ontbreekt & (rng.random(n) < 0.6), leeftijd_jaren.astype(str).astype(object), "")
    labels += [
        ("geboortedatum_ontbreekt", ontbreekt),
        ("alleen_geboortejaar", alleen_jaar),
        ("placeholder_1_januari", placeholder),
        ("dag_maand_verwisseld", dm),
    ]

    # document and phone
    doc = ident.document[persoon]
    heeft_doc = doc != ""
    meld_doc = rng.random(n) < np.where(meldplichtig, DOCUMENT_MELDKANS[0], DOCUMENT_MELDKANS[1])
    doc_typ = heeft_doc & meld_doc & (rng.random(n) < k["document_typfout"])
    doc = doc.copy()
    for i in np.flatnonzero(doc_typ):
        doc[i] = _typfout(doc[i], 0, int(ops[i, 1]), int(ops[i, 2])).upper()
    documentnummer = np.where(meld_doc, doc, "")
    labels += [("geen_document", heeft_doc & ~meld_doc), ("document_typfout", doc_typ)]

    tel = ident.telefoon[persoon]
    heeft_tel = tel != ""
    meld_tel = rng.random(n) < np.where(meldplichtig, TELEFOON_MELDKANS[0], TELEFOON_MELDKANS[1])
    ander = heeft_tel & meld_tel & (rng.random(n) < k["ander_telefoonnummer"])
    tel = np.where(ander, telefoonnummers(rng, land), tel)
    notatie = rng.integers(0, 1 << 20, size=n)
    tel_tekst = np.full(n, "", dtype=object)
    te_schrijven = meld_tel & (tel != "")
    tel_tekst[te_schrijven] = telefoon_notatie(tel[te_schrijven], notatie[te_schrijven])
    tweede = ident.telefoon2[persoon]
    beide = (tweede != "") & (rng.random(n) < 0.3)
    tel_tekst = np.where(beide & meld_tel, tel_tekst + ";" + tweede, tel_tekst)
    telefoonnummer = np.where(meld_tel, tel_tekst, "")
    labels += [("geen_telefoon", heeft_tel & ~meld_tel), ("ander_telefoonnummer", ander)]

    anoniem = rng.random(n) < anoniem_kans
    leeg = np.full(n, "", dtype=object)
    voornamen, achter = np.where(anoniem, leeg, voornamen), np.where(anoniem, leeg, achter)
    geboortedatum = np.where(anoniem & (geboortedatum != ""), j_s, geboortedatum)
    documentnummer, telefoonnummer = np.where(anoniem, leeg, documentnummer), np.where(anoniem, leeg, telefoonnummer)
    labels = [(naam, vlag & ~anoniem) for naam, vlag in labels] + [("anoniem", anoniem)]

    bits = np.zeros(n, dtype=np.int64)
    for positie, (_naam, vlag) in enumerate(labels):
        bits |= vlag.astype(np.int64) << positie
    uniek, terug = np.unique(bits, return_inverse=True)
    teksten = np.array(
        [";".join(naam for i, (naam, _) in enumerate(labels) if b >> i & 1) for b in uniek.tolist()], dtype=object
    )
    variaties = teksten[terug]
    return Gemeld(
        voornamen=voornamen.astype(object),
        achternaam=achter.astype(object),
        geboortedatum=geboortedatum.astype(object),
        leeftijd=leeftijd.astype(object),
        documentnummer=documentnummer.astype(object),
        telefoonnummer=telefoonnummer.astype(object),
        variaties=variaties,
    )
