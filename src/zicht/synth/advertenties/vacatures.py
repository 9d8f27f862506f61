# SPDX-License-Identifier: EUPL-1.2
"""Synthetic job advertisements (``WereldConfig(familie="arbeid")``): labour-exploitation recruiters beside
the legitimate market that looks like them.

Written from how the Labour Inspectorate, FairWork and the recruitment literature describe the market
(``../shared/docs/signals.md`` §3.3), with the hard negatives the evidence warns about: a certified agency
also arranges housing with a deduction, transport and "no experience needed" (Volodko), and a job scam also
promises easy money. Four kinds of advertiser share one job board over a number of days:

* **werver** (the positive class): a recruiter fronting for 2-6 "employers" (often shells), 1-3 phones
  (rotated, messaging-app only), 1-2 templates with the employer, the job and the city as slots, a circuit
  of towns with seasonal work, bursts of postings; some of the §3.3 phrases (housing deducted, fees, passport
  first, no contract, cash, long days, pick-up on arrival) in varying measure;
* **uitzendbureau** (hard negative): a certified temp agency, one name, one phone and site, a KvK number,
  many vacancies for many jobs in many towns, posted in batches; housing via SNF with a deduction under the
  collective agreement, transport arranged, no experience needed;
* **werkgever**: a direct employer in one town with one or two vacancies, reposted;
* **oplichter**: a job scam generator (home work, easy money) with throwaway numbers, many ads.

The truth of every ad (advertiser and kind) is returned beside the ads, as for the sex-work families.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from zicht.synth.advertenties import obfuscatie

Bank = dict[str, dict[str, tuple[str, ...]]]

PLAATSEN = (
    ("Westland", 8),
    ("Rotterdam", 7),
    ("Venlo", 6),
    ("Tilburg", 5),
    ("Waalwijk", 4),
    ("Moerdijk", 3),
    ("Lansingerland", 3),
    ("Horst aan de Maas", 3),
    ("Tiel", 2),
    ("Venray", 3),
    ("Almere", 3),
    ("Zeewolde", 2),
    ("Roosendaal", 2),
    ("Oss", 2),
    ("Eindhoven", 3),
    ("Amsterdam", 4),
    ("Den Haag", 3),
    ("Breda", 2),
    ("Nijmegen", 2),
    ("Emmen", 1),
)
FUNCTIES = {
    "nl": (
        "orderpickers",
        "heftruckchauffeurs",
        "productiemedewerkers",
        "champignonplukkers",
        "kassenmedewerkers",
        "inpakkers",
        "vleesverwerkers",
        "schoonmakers",
        "bouwhulpen",
        "magazijnmedewerkers",
    ),
    "en": (
        "order pickers",
        "forklift drivers",
        "production workers",
        "mushroom pickers",
        "greenhouse workers",
        "packers",
        "meat processing workers",
        "cleaners",
        "construction helpers",
        "warehouse workers",
    ),
}
WERKGEVERS = (
    "AgroFresh",
    "Kwekerij Zonneveld",
    "Van Dijk Logistiek",
    "Westkas",
    "Greenpack",
    "Meatline",
    "Bouwbedrijf Kaya",
    "Clean Team",
    "Fruitland",
    "Delta Foods",
    "Nova Distributie",
    "Tuinbouw Hendriks",
    "Limburg Plant",
    "Champi Venray",
    "Euro Packing",
    "ProClean",
    "Polder Groente",
    "BlueWare",
    "Sun Harvest",
    "Gildehuis Vlees",
)
BUREAUS = ("Flexwerk", "Werkmaat", "Tempo Team", "Payflex", "Uitzendkracht", "Otto Werk", "Covebo", "Jobmatch")

WERVER: Bank = {
    "nl": {
        "opening": (
            "{werkgever} zoekt direct {functie} in {stad}",
            "Werk in {stad}: {functie} bij {werkgever}",
            "Direct beginnen in {stad} bij {werkgever}!",
            "Veel werk voor {functie} in {stad}",
        ),
        "loon": (
            "Zonder ervaring €{loon} netto per maand.",
            "Snel veel verdienen, elke week betaald.",
            "Goed loon, €{loon} per maand.",
        ),
        "eisen": ("Geen papieren nodig.", "Ook zonder BSN mogelijk.", "Geen ervaring of Nederlands nodig.", ""),
        "wonen": (
            "Huisvesting geregeld, huur wordt ingehouden op je loon.",
            "Wonen op het bedrijf, kosten gaan van je loon af.",
            "Wij regelen een kamer voor je.",
        ),
        "kosten": ("Inschrijfkosten €150, daarna direct werk.", "Reis wordt voorgeschoten en later verrekend.", ""),
        "papieren": ("Stuur eerst een kopie paspoort via WhatsApp.", "Paspoort inleveren bij aankomst.", ""),
        "uren": ("Werk 7 dagen per week mogelijk.", "12 uur per dag, veel uren.", "Veel uren, ook in het weekend."),
        "betaling": ("Contant uitbetaald.", "Zonder contract, morgen starten.", ""),
        "vervoer": ("Wij halen je op bij aankomst.", "Busvervoer geregeld vanaf de grens.", ""),
        "doelgroep": ("Oekraïners welkom.", "Polen en Roemenen welkom.", ""),
        "ook": ("Ook hostess gezocht buitenland, hoge verdiensten.", "", ""),
        "contact": ("Alleen via WhatsApp {nummer}", "Bel of app {nummer}", "App {nummer}, niet bellen"),
    },
    "en": {
        "opening": (
            "{werkgever} needs {functie} now in {stad}",
            "Work in {stad}: {functie} at {werkgever}",
            "Start tomorrow in {stad} with {werkgever}!",
        ),
        "loon": ("Earn €{loon} per month, no experience.", "Easy money, paid every week.", "Good pay, weekly."),
        "eisen": ("No papers needed.", "No documents required.", "No experience or language needed.", ""),
        "wonen": (
            "Accommodation provided, deducted from your wages.",
            "We arrange a room for you.",
        ),
        "kosten": ("Registration fee €150.", "We pay your ticket, you repay from salary.", ""),
        "papieren": ("Send passport copy first on WhatsApp.", "We keep documents safe during the season.", ""),
        "uren": ("Work 7 days a week.", "12h shifts, lots of hours.", "Many hours, weekends too."),
        "betaling": ("Cash in hand.", "No contract needed, start now.", ""),
        "vervoer": ("Pick-up on arrival.", "Transport arranged from the border.", ""),
        "doelgroep": ("Ukrainians welcome.", "Polish and Romanian workers welcome.", ""),
        "ook": ("Also hostess abroad, high income.", "", ""),
        "contact": ("WhatsApp only {nummer}", "Telegram only: {nummer}", "Call or text {nummer}"),
    },
}

UITZENDBUREAU: Bank = {
    "nl": {
        "opening": ("Vacature {functie} in {stad} via {bedrijf}", "{bedrijf} zoekt {functie} in {stad}"),
        "werk": (
            "Je werkt in ploegendienst bij een opdrachtgever in de regio {stad}.",
            "Fulltime werk, minimaal drie maanden, start in overleg.",
        ),
        "eisen": ("Geen ervaring nodig, wel een geldig ID en BSN.", "Ervaring is een pré maar niet verplicht."),
        "loon": ("Salaris volgens de ABU-cao: €{loon} bruto per maand.", "Loon volgens cao plus reserveringen."),
        "wonen": (
            "Huisvesting geregeld, wordt ingehouden volgens de cao (SNF-gecertificeerd).",
            "Wij bieden huisvesting in een SNF-gecertificeerde woning, inhouding volgens de cao.",
        ),
        "vervoer": ("Vervoer naar het werk geregeld.", "Wij halen je op van het station op je eerste dag.", ""),
        "keurmerk": (
            "{bedrijf} is NEN 4400-1 gecertificeerd en geregistreerd, KvK {kvk}.",
            "Wij zijn SNA-gecertificeerd, KvK {kvk}.",
        ),
        "contact": ("Solliciteer via {site} of bel {nummer}.", "Meer info: {site}, {nummer}."),
    },
    "en": {
        "opening": ("Job: {functie} in {stad} with {bedrijf}", "{bedrijf} is hiring {functie} in {stad}"),
        "werk": ("Shift work at a client in the {stad} region.", "Full-time, at least three months."),
        "eisen": ("No experience needed; valid ID and BSN required.",),
        "loon": ("Pay under the ABU collective agreement: €{loon} gross per month.",),
        "wonen": ("Accommodation provided, deducted from wages under the collective agreement (SNF certified).",),
        "vervoer": ("Transport arranged to work.", "Pick-up at the station on your first day.", ""),
        "keurmerk": ("{bedrijf} is NEN 4400-1 certified and registered, Chamber of Commerce {kvk}.",),
        "contact": ("Apply at {site} or call {nummer}.",),
    },
}

WERKGEVER: Bank = {
    "nl": {
        "opening": ("{bedrijf} in {stad} zoekt {functie}", "Vacature bij {bedrijf}: {functie}"),
        "werk": ("Je komt in een klein team, 38 uur per week.", "Dagdienst, geen weekendwerk."),
        "loon": ("Salaris €{loon} bruto per maand volgens cao.", "Goede arbeidsvoorwaarden en een vast contract."),
        "contact": ("Bel {nummer} of kom langs.", "Mail je cv, of bel {nummer}."),
    },
    "en": {
        "opening": ("{bedrijf} in {stad} is hiring {functie}",),
        "werk": ("Small team, 38 hours a week.",),
        "loon": ("Salary €{loon} gross per month, collective agreement.",),
        "contact": ("Call {nummer} or visit us.",),
    },
}

OPLICHTER: Bank = {
    "nl": {
        "opening": ("Thuiswerk in {stad}! Verdien €{loon} per week", "Bijverdienen vanuit huis in {stad}"),
        "over": ("Snel veel verdienen met een paar uur per dag.", "Geen ervaring nodig, direct beginnen op {site}."),
        "contact": ("App {nummer} voor info", "Meld je aan op {site}"),
    },
    "en": {
        "opening": ("Work from home in {stad}! Earn €{loon} a week", "Extra income from home in {stad}"),
        "over": ("Easy money, a few hours a day.", "No experience needed, start now at {site}."),
        "contact": ("Text {nummer}", "Sign up at {site}"),
    },
}

#: Each advertiser's own sentence (sectors and a perk it always names), so that two agencies using the same
#: boilerplate still write different templates, as real ones do.
SECTOREN = {
    "nl": (
        "de tuinbouw",
        "de logistiek",
        "de vleesverwerking",
        "de bouw",
        "de schoonmaak",
        "de voedselindustrie",
        "de distributie",
        "de champignonteelt",
        "de bloembollen",
        "de metaal",
        "de e-commerce",
        "de kwekerijen",
    ),
    "en": (
        "horticulture",
        "logistics",
        "meat processing",
        "construction",
        "cleaning",
        "the food industry",
        "distribution",
        "mushroom farming",
        "flower bulbs",
        "metalwork",
        "e-commerce",
        "nurseries",
    ),
}
EXTRA = {
    "nl": (
        "weekbetaling",
        "een fiets van de zaak",
        "gratis werkkleding",
        "een taalcursus",
        "reiskostenvergoeding",
        "een opleiding tot heftruckchauffeur",
        "doorgroeimogelijkheden",
        "vakantiegeld",
    ),
    "en": (
        "weekly pay",
        "a company bike",
        "free work clothes",
        "a language course",
        "travel allowance",
        "forklift training",
        "career growth",
        "holiday pay",
    ),
}

BANKEN: dict[str, Bank] = {
    "werver": WERVER,
    "uitzendbureau": UITZENDBUREAU,
    "werkgever": WERKGEVER,
    "oplichter": OPLICHTER,
}
AANDEEL = {"werver": 0.30, "uitzendbureau": 0.35, "werkgever": 0.20, "oplichter": 0.15}
SITES = ("werkzoeken.example", "vacaturebank.example", "banenmarkt.example")


@dataclass
class _Werver:
    id: str
    soort: str
    taal: str
    sjablonen: list[list[str]]
    telefoons: list[str]
    namen: list[str]  # employer names (werver) or the one company name
    steden: list[str]
    extra: dict[str, str] = field(default_factory=dict)


class Vacaturewereld:
    """Draws job advertisers and their ads; use ``genereer(WereldConfig(familie="arbeid"))``."""

    def __init__(self, seed: int, dagen: int, start: datetime) -> None:
        self.rng = random.Random(f"{seed}|arbeid")  # noqa: S311 (synthetic data, not security)
        self.dagen, self.start = dagen, start
        self.nummers: set[str] = set()
        self.plaatsen = [p for p, _ in PLAATSEN]
        self.gewichten = [w for _, w in PLAATSEN]
        self._volgnummer = 0

    def _id(self, soort: str) -> str:
        self._volgnummer += 1
        return f"{soort}-{self._volgnummer:06d}"

    def _stad(self) -> str:
        return self.rng.choices(self.plaatsen, self.gewichten)[0]

    def _sjabloon(self, soort: str, taal: str) -> list[str]:
        zinnen = [z for z in (self.rng.choice(v) for v in BANKEN[soort][taal].values()) if z]
        if soort != "oplichter":
            a, b = self.rng.sample(SECTOREN[taal], 2)
            extra = self.rng.choice(EXTRA[taal])
            zin = f"Werk in {a} en {b}, met {extra}." if taal == "nl" else f"Work in {a} and {b}, with {extra}."
            zinnen.insert(self.rng.randrange(1, len(zinnen)), zin)
        return zinnen

    def adverteerder(self, soort: str) -> _Werver:
        rng = self.rng
        taal = "en" if rng.random() < (0.45 if soort == "werver" else 0.2) else "nl"
        nummer: Callable[[], str] = lambda: obfuscatie.nieuw_nummer(rng, self.nummers)  # noqa: E731
        if soort == "werver":
            return _Werver(
                self._id(soort),
                soort,
                taal,
                [self._sjabloon(soort, taal) for _ in range(rng.randint(1, 2))],
                [nummer() for _ in range(rng.randint(1, 3))],
                rng.sample(WERKGEVERS, rng.randint(2, 6)),
                [self._stad() for _ in range(rng.randint(3, 6))],
            )
        if soort == "uitzendbureau":
            naam = f"{rng.choice(BUREAUS)} {rng.choice(('Uitzendbureau', 'Flex', 'Personeelsdiensten'))}"
            site = f"www.{naam.replace(' ', '').lower()}-{rng.choice(('noord', 'zuid', 'west', 'oost'))}{rng.randint(1, 99)}.nl"
            extra = {"kvk": str(rng.randint(10_000_000, 99_999_999)), "site": site}
            steden = [self._stad() for _ in range(rng.randint(2, 6))]
            return _Werver(
                self._id(soort), soort, taal, [self._sjabloon(soort, taal)], [nummer()], [naam], steden, extra
            )
        if soort == "werkgever":
            naam = rng.choice(WERKGEVERS) + rng.choice(("", " BV", " Groep"))
            return _Werver(
                self._id(soort), soort, taal, [self._sjabloon(soort, taal)], [nummer()], [naam], [self._stad()]
            )
        site = f"www.{rng.choice(('snelgeld', 'thuiswerk', 'easyjob', 'cashwerk'))}{rng.randint(100, 999)}.com"
        return _Werver(self._id(soort), soort, taal, [self._sjabloon(soort, taal)], [], [], [], {"site": site})

    def _advertentie(
        self, adv: _Werver, moment: datetime, waarden: dict[str, str], sjabloon: list[str], telefoon: str | None
    ) -> tuple[dict[str, object], dict[str, object]]:
        rng = self.rng
        stijl = "plain"
        if telefoon and adv.soort == "werver":
            stijl = rng.choice(("plain", "groups", "international", "dots", "split_emoji"))
        elif telefoon:
            stijl = rng.choice(("plain", "groups", "international"))
        waarden = {**waarden, "nummer": obfuscatie.schrijf_nummer(telefoon, stijl, rng) if telefoon else ""}
        zinnen = [z.format(**waarden) for z in sjabloon]
        if not telefoon:
            zinnen = [z for z in zinnen if "{nummer}" not in z and z.strip(" :.")]
        tekst = obfuscatie.tikfouten(" ".join(zinnen[1:]), 0.01, rng)
        if adv.soort == "oplichter":
            tekst = obfuscatie.lookalikes(tekst, 0.05, rng)
        site = rng.choice(SITES)
        advertentie: dict[str, object] = {
            "site": site,
            "advertentie_id": f"{site.split('.')[0]}-{rng.getrandbits(40):010x}",
            "geplaatst_op": moment.isoformat(timespec="seconds"),
            "titel": zinnen[0],
            "tekst": tekst,
            "stad": waarden["stad"],
            "prijs": "",
            "telefoon": telefoon if telefoon and adv.soort in ("uitzendbureau", "werkgever") else "",
            "email": f"vacatures@{adv.extra['site'][4:]}"
            if adv.soort == "uitzendbureau" and rng.random() < 0.4
            else "",
            "handle": "",
        }
        waarheid: dict[str, object] = {
            "advertentie_id": advertentie["advertentie_id"],
            "adverteerder": adv.id,
            "soort": adv.soort,
            "persoon_id": None,
            "boekingsdienst": "",
            "taal": adv.taal,
            "herkomst_genoemd": False,
        }
        return advertentie, waarheid

    def posts(self, adv: _Werver) -> list[tuple[dict[str, object], dict[str, object]]]:
        rng = self.rng
        uit: list[tuple[dict[str, object], dict[str, object]]] = []
        functies = FUNCTIES[adv.taal]
        if adv.soort == "werver":
            verblijf = rng.randint(3, 8)
            for b in range(rng.randint(3, 8)):
                moment = self.start + timedelta(days=rng.uniform(0, self.dagen))
                dag = (moment - self.start).days
                for i, werkgever in enumerate(adv.namen):
                    if rng.random() < 0.3:
                        continue
                    moment += timedelta(minutes=rng.randint(1, 8))
                    waarden = {
                        "werkgever": werkgever,
                        "functie": rng.choice(functies),
                        "stad": adv.steden[(dag // verblijf + i) % len(adv.steden)],
                        "loon": str(rng.choice((2800, 3000, 3200, 3500))),
                    }
                    telefoon = adv.telefoons[(dag // 7 + i + b // 4) % len(adv.telefoons)]
                    uit.append(self._advertentie(adv, moment, waarden, adv.sjablonen[i % len(adv.sjablonen)], telefoon))
        elif adv.soort in ("uitzendbureau", "werkgever"):
            vacatures = rng.randint(4, 15) if adv.soort == "uitzendbureau" else rng.randint(1, 2)
            batch = self.start + timedelta(days=rng.uniform(0, self.dagen * 0.5))
            for v in range(vacatures):
                functie, stad = rng.choice(functies), rng.choice(adv.steden)
                loon = str(round(rng.uniform(2100, 2700) / 10) * 10)
                eerste = batch + timedelta(minutes=rng.randint(0, 30)) if v % 3 else batch + timedelta(days=v)
                for k in range(rng.randint(1, 4)):
                    moment = min(eerste + timedelta(days=k * 7), self.start + timedelta(days=self.dagen - 0.01))
                    waarden = {"bedrijf": adv.namen[0], "functie": functie, "stad": stad, "loon": loon, **adv.extra}
                    uit.append(self._advertentie(adv, moment, waarden, adv.sjablonen[0], adv.telefoons[0]))
        else:
            for _ in range(rng.randint(40, 200)):
                moment = self.start + timedelta(days=rng.uniform(0, self.dagen))
                wegwerp = obfuscatie.nieuw_nummer(rng, self.nummers) if rng.random() < 0.7 else None
                waarden = {"stad": self._stad(), "loon": str(rng.choice((500, 750, 1000))), **adv.extra}
                uit.append(self._advertentie(adv, moment, waarden, adv.sjablonen[0], wegwerp))
        return uit


def genereer_vacatures(
    advertenties: int, seed: int, dagen: int, start: datetime
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """``advertenties`` job ads (oldest first) and their truth."""
    wereld = Vacaturewereld(seed, dagen, start)
    rijen: list[tuple[dict[str, object], dict[str, object]]] = []
    for soort, aandeel in AANDEEL.items():
        geteld = 0
        while geteld < advertenties * aandeel:
            posts = wereld.posts(wereld.adverteerder(soort))
            rijen.extend(posts)
            geteld += len(posts)
    wereld.rng.shuffle(rijen)
    rijen = sorted(rijen[:advertenties], key=lambda r: str(r[0]["geplaatst_op"]))
    return [r[0] for r in rijen], [r[1] for r in rijen]
