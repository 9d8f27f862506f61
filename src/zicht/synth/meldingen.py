# SPDX-License-Identifier: EUPL-1.2
"""One melding per (registered person, reporter kind that saw them), in the columns of docs/importformaat.md.

Reports leave fields unknown at realistic rates (the data-quality gaps of domain.md §2.2: plaats delict and
werkwijze are often missing, more so before 2019), write codes or Dutch labels and dates in the organisation's
own style, and carry the identity as the organisation recorded it (see :mod:`zicht.synth.varianten`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from zicht.codebook import MELDPLICHTIGE_SOORTEN, codelijst
from zicht.synth import calibratie as cal
from zicht.synth._vector import bevat, datum_tekst, iso_datum, vertaal
from zicht.synth.geografie import Geografie
from zicht.synth.inhoud import masker_tekst
from zicht.synth.jaarmodel import Jaarpopulatie
from zicht.synth.organisaties import Organisatie
from zicht.synth.personen import DOSSIERTYPEN, Personen, geslacht_code, vorm_code
from zicht.synth.varianten import VARIATIE_KANSEN, pas_toe
from zicht.synth.waarneming import SOORTEN

KOLOMMEN: tuple[str, ...] = (
    "melder_referentie", "melddatum", "uitbuitingsvorm", "sector", "werkwijze", "plaats_delict", "wervingsplaats",
    "uitbuiting_van", "uitbuiting_tot", "geslacht", "geboortedatum", "leeftijd", "nationaliteit", "dossiertype",
    "status", "grondslag", "toestemming", "voornamen", "achternaam", "documentnummer", "telefoonnummer",
    "toelichting", "route",
)  # fmt: skip
#: Chance that a report leaves werkwijze / sector / plaats delict empty, per reporter kind [A].
WERKWIJZE_LEEG: dict[str, float] = {
    "nationale_politie": 0.45,
    "kmar": 0.6,
    "nla": 0.35,
    "zorgcoordinatie": 0.35,
    "fairwork": 0.2,
}
SECTOR_LEEG: dict[str, float] = {"nationale_politie": 0.25, "nla": 0.05, "fairwork": 0.15}
PLAATS_LEEG = {"nationale_politie": 0.6, "nla": 0.3, "kmar": 1.2}  # multiplier on the yearly rate
TRANSIT: dict[str, tuple[str, ...]] = {"NG": ("LY", "IT", "ES"), "ER": ("SD", "LY", "IT"), "UA": ("PL",), "RO": ("HU", "AT", "DE"),
                                       "BG": ("RO", "HU", "DE"), "CO": ("ES",), "VE": ("ES",), "BR": ("PT", "ES"), "VN": ("RU", "FR", "GB")}  # fmt: skip
_TOELICHTING = (
    "Aangetroffen bij controle; verklaart geld af te moeten staan.",
    "Melding na gesprek met hulpverlener; cliënt is bang voor represailles.",
    "Signalen via school en wijkteam; zorgen over nieuwe 'vriend'.",
    "Werkte zeven dagen per week, paspoort bij werkgever.",
    "Verklaart schuld voor reis en huisvesting.",
    "Doorverwezen door politie na aangifte.",
    "Onduidelijk verhaal; nader onderzoek nodig.",
)


def _labels(lijst: str) -> dict[str, str]:
    return {c.code: c.nl for c in codelijst(lijst)}


def _als_label(codes: npt.NDArray[np.object_], lijst: str, labels: npt.NDArray[np.bool_]) -> npt.NDArray[np.object_]:
    kaart = _labels(lijst)
    return np.where(
        labels, vertaal(codes, lambda w: ";".join(kaart.get(c, c) for c in w.split(";")) if w else w), codes
    )


def bouw_meldingen(
    jp: Jaarpopulatie,
    ps: Personen,
    geo: Geografie,
    orgs: list[Organisatie],
    index: dict[tuple[str, str], int],
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The meldingen of one year (import columns plus ``organisatie``) and their truth rows."""
    jaar = jp.jaar
    rng = np.random.default_rng([seed, jaar, 6])
    reg = ps.geregistreerd
    r, k = np.nonzero(jp.gezien[reg])  # rows ordered by person, then kind
    n = len(r)
    p = reg[r]
    soort = np.array(SOORTEN, dtype=object)[k]
    tabel = np.array([[index.get((s, e), -1) for e in geo.eenheden] for s in SOORTEN], dtype=np.int32)
    org = tabel[k, jp.eenheid[p]]
    labels = np.array([o.stijl.labels for o in orgs])[org]
    nl_datum = np.array([o.stijl.nl_datum for o in orgs])[org]
    als_code = np.array([o.stijl.plaats_als_code for o in orgs])[org]
    meldplicht = bevat(soort, MELDPLICHTIGE_SOORTEN)
    eerste = np.r_[True, r[1:] != r[:-1]]
    volgnummer = np.arange(n) - np.maximum.accumulate(np.where(eerste, np.arange(n), 0))

    # dates: the first report on the person's first date, others within weeks, inside the year
    eind = np.datetime64(f"{jaar}-12-31")
    later = np.minimum(rng.gamma(1.0, 35.0, size=n), 120).astype("timedelta64[D]")
    melddatum = np.minimum(ps.reg_eerste_melding[r] + np.where(eerste, np.timedelta64(0, "D"), later), eind)

    vorm = vorm_code(ps.vorm[p])
    onbekend = ps.reg_vorm_onbekend[r] | (~eerste & (rng.random(n) < 0.05))
    vorm_tekst = np.where(onbekend, "onbekend", vorm)
    leeg_sector = rng.random(n) < np.array([SECTOR_LEEG.get(s, 0.35) for s in SOORTEN])[k]
    sector = np.where(onbekend | leeg_sector | (ps.reg_sector[r] == ""), "", ps.reg_sector[r])
    factor_jaar = 1.25 if jaar <= 2018 else 0.85 if jaar >= 2022 else 1.0
    leeg_ww = rng.random(n) < np.minimum(np.array([WERKWIJZE_LEEG.get(s, 0.5) for s in SOORTEN])[k] * factor_jaar, 0.9)
    houd = rng.integers(0, 1 << 30, size=n).astype(np.uint32) | rng.integers(0, 1 << 30, size=n).astype(np.uint32)
    ww = ps.reg_werkwijze[r]
    gemeld_ww = ww & houd  # each method kept with probability 3/4
    laagste = ww & (~ww + np.uint32(1))
    gemeld_ww = np.where(gemeld_ww == 0, laagste, gemeld_ww)
    ww_labels = _labels("werkwijze")
    werkwijze = np.where(leeg_ww, "", np.where(labels, masker_tekst(gemeld_ww, ww_labels), masker_tekst(gemeld_ww)))

    # places
    land_namen = _labels("land")
    gm_naam = dict(zip(geo.codes, geo.namen, strict=True))
    plaats_code = ps.plaats[p]
    plaats_naam = vertaal(plaats_code, lambda c: gm_naam.get(c) or land_namen.get(c, c))
    plaats = np.where(als_code, plaats_code, plaats_naam)
    kans_leeg = (0.30 if jaar <= 2018 else 0.20) * np.array([PLAATS_LEEG.get(s, 1.0) for s in SOORTEN])[k]
    leeg_plaats = rng.random(n) < kans_leeg
    plaats = np.where(leeg_plaats, np.where(rng.random(n) < 0.5, "", "onbekend"), plaats)
    land = ps.land[p]
    buitenlands = land != "NL"
    wervings_land = np.where(als_code, land, vertaal(land, land_namen))
    werving = np.where(buitenlands & (rng.random(n) < 0.45), wervings_land, "")
    werving = np.where(~buitenlands & (rng.random(n) < 0.25) & ~leeg_plaats, plaats, werving)

    begin = ps.reg_eerste_melding[r] - (30 + rng.gamma(2.0, 120.0, size=n)).astype("timedelta64[D]")
    tot = ps.reg_eerste_melding[r] - rng.integers(0, 30, size=n).astype("timedelta64[D]")
    periode = rng.random(n) < 0.35
    van_tekst = np.where(periode, datum_tekst(begin, nl_datum), "")
    tot_tekst = np.where(periode & (rng.random(n) < 0.5), datum_tekst(tot, nl_datum), "")

    geslacht = geslacht_code(ps.geslacht[p])
    g = rng.random(n)
    geslacht = _als_label(np.where(g < 0.015, "onbekend", geslacht), "geslacht", labels)
    geslacht = np.where(g > 0.99, "", geslacht)

    nat = _als_label(land, "land", labels)
    tweede = ps.reg_tweede_land[r]
    nat = np.where((tweede != "") & (rng.random(n) < 0.5), nat + ";" + _als_label(tweede, "land", labels), nat)
    u = rng.random(n)
    nat = np.where(u < 0.015, "onbekend", np.where(u < 0.03, "", nat))

    dossier_idx = np.where(
        rng.random(n) < 0.8, ps.reg_dossiertype[r], rng.choice(3, size=n, p=list(cal.DOSSIERTYPE.values()))
    )
    dossier = _als_label(np.array(DOSSIERTYPEN, dtype=object)[dossier_idx], "dossiertype", labels)
    s = rng.random(n)
    status = np.where(s < 0.29, "mogelijk", np.where(s < 0.30, "onbekend", ""))
    grondslag = np.where(rng.random(n) < 0.6, np.where(meldplicht, "meldplicht", "vrijwillig"), "")
    t = rng.random(n)
    toestemming = np.where(
        meldplicht,
        np.where(t < 0.5, "niet_gevraagd", ""),
        np.where(t < 0.55, "ja", np.where(t < 0.75, "niet_gevraagd", np.where(t < 0.78, "nee", ""))),
    )
    toestemming = _als_label(toestemming.astype(object), "toestemming", labels & (toestemming != ""))
    toelichting = np.where(
        rng.random(n) < 0.25, np.array(_TOELICHTING, dtype=object)[rng.integers(0, len(_TOELICHTING), n)], ""
    )

    route = np.full(n, "", dtype=object)
    met_route = np.flatnonzero(buitenlands & ~leeg_plaats & (rng.random(n) < 0.2))
    keuze = rng.integers(0, 1 << 20, size=n)
    for i in met_route.tolist():
        stappen = [f"werving:{land[i]}"]
        transit = TRANSIT.get(land[i])
        if transit:
            stappen.append(f"transit:{transit[keuze[i] % len(transit)]}")
        stappen.append(f"uitbuiting:{plaats_code[i]}:{str(melddatum[i])[:10]}")
        route[i] = ";".join(stappen)

    anoniem = np.where(meldplicht, 0.0, VARIATIE_KANSEN["anoniem"] * (3 if jaar == 2018 else 1))
    gemeld = pas_toe(rng, ps.identiteit, r.astype(np.int64), land, meldplicht, melddatum, nl_datum, anoniem)

    meldingen = pd.DataFrame({
        "organisatie": np.array([orgs[i].code for i in range(len(orgs))], dtype=object)[org],
        "melder_referentie": "",
        "melddatum": datum_tekst(melddatum, nl_datum),
        "uitbuitingsvorm": _als_label(vorm_tekst, "uitbuitingsvorm", labels),
        "sector": _als_label(sector, "sector", labels & (sector != "")),
        "werkwijze": werkwijze, "plaats_delict": plaats, "wervingsplaats": werving,
        "uitbuiting_van": van_tekst, "uitbuiting_tot": tot_tekst, "geslacht": geslacht,
        "geboortedatum": gemeld.geboortedatum, "leeftijd": gemeld.leeftijd, "nationaliteit": nat,
        "dossiertype": dossier, "status": status, "grondslag": grondslag, "toestemming": toestemming,
        "voornamen": gemeld.voornamen, "achternaam": gemeld.achternaam, "documentnummer": gemeld.documentnummer,
        "telefoonnummer": gemeld.telefoonnummer, "toelichting": toelichting, "route": route,
    })  # fmt: skip
    meldingen["_datum"] = melddatum
    meldingen["_org"] = org
    waarheid = pd.DataFrame({
        "organisatie": meldingen["organisatie"], "melder_referentie": "", "persoon_id": ps.ids[p],
        "melder_soort": soort, "jaar": jaar, "melddatum": iso_datum(melddatum).astype(object), "volgnummer": volgnummer + 1,
        "variaties": gemeld.variaties,
    })  # fmt: skip
    return meldingen, waarheid
