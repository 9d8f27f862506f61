# SPDX-License-Identifier: EUPL-1.2
"""The synthetic advertising world: who posts, how often, where and with which numbers.

Five kinds of advertiser share one platform over a number of days:

* **organisator**: runs 2-8 women, writes 1-3 templates and fills in each woman's name and age, posts in
  bursts (several ads within minutes), rotates 1-4 phones week by week, moves the women along a circuit of
  cities every few days, and prices low to fill the agenda;
* **zelfstandig**: an independent worker with her own phone and her own text, reposting it every few days; a
  quarter tour a few cities, the rest stay home; some use a shared booking line instead of their own phone;
* **bureau**: a licensed agency in one city with 3-12 women on one phone and one house text;
* **spam**: a generator posting many near-identical ads with a throwaway number (or none) per ad;
* **boekingsdienst**: not an advertiser but a shared booking number several independents use (a source of
  false links between unrelated people).

The truth of every ad (advertiser id and kind, person id, booking service) is returned beside the ads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from zicht.synth.advertenties import obfuscatie, teksten_a, teksten_b

STEDEN = (
    ("Amsterdam", 14),
    ("Rotterdam", 10),
    ("Den Haag", 8),
    ("Utrecht", 7),
    ("Eindhoven", 5),
    ("Groningen", 4),
    ("Tilburg", 3),
    ("Almere", 3),
    ("Breda", 3),
    ("Nijmegen", 3),
    ("Arnhem", 3),
    ("Haarlem", 3),
    ("Enschede", 2),
    ("Apeldoorn", 2),
    ("Zwolle", 2),
    ("Maastricht", 2),
    ("Leiden", 2),
    ("Den Bosch", 2),
    ("Amersfoort", 2),
    ("Leeuwarden", 1),
    ("Deventer", 1),
    ("Venlo", 1),
    ("Heerlen", 1),
    ("Alkmaar", 1),
    ("Zaanstad", 1),
)
NAMEN = (
    "Anna",
    "Bella",
    "Chloe",
    "Daisy",
    "Eva",
    "Fleur",
    "Gina",
    "Hanna",
    "Iris",
    "Jade",
    "Kim",
    "Lara",
    "Mila",
    "Nina",
    "Olga",
    "Petra",
    "Queen",
    "Rosa",
    "Sara",
    "Tina",
    "Ursula",
    "Vera",
    "Wendy",
    "Xena",
    "Yara",
    "Zoe",
    "Alina",
    "Bianca",
    "Carmen",
    "Diana",
    "Elena",
    "Fiona",
    "Greta",
    "Ilona",
    "Jessica",
    "Katja",
    "Lola",
    "Maria",
    "Natasha",
    "Oksana",
    "Paula",
    "Raisa",
    "Sofia",
    "Tamara",
    "Valentina",
    "Yasmin",
    "Lucia",
    "Mona",
)
HOBBY = {
    "nl": (
        "dansen",
        "koken",
        "reizen",
        "lezen",
        "zwemmen",
        "wandelen",
        "yoga",
        "films",
        "muziek",
        "fietsen",
        "schilderen",
        "zingen",
        "lachen",
        "de zee",
        "katten",
        "mode",
        "tuinieren",
        "sauna",
        "wijn",
        "theater",
    ),
    "en": (
        "dancing",
        "cooking",
        "travel",
        "reading",
        "swimming",
        "hiking",
        "yoga",
        "movies",
        "music",
        "cycling",
        "painting",
        "singing",
        "laughing",
        "the sea",
        "cats",
        "fashion",
        "gardening",
        "sauna",
        "wine",
        "theatre",
    ),
}
BASISPRIJS = 120
NUMMER_STIJL = ("plain", "groups", "international", "dots", "words_nl", "words_en", "emoji", "mixed", "split_emoji")


@dataclass(frozen=True)
class WereldConfig:
    """Size and mix of the world. ``familie`` chooses the phrase banks (``a`` or ``b``) of the sex-work
    market, or ``arbeid`` for job ads (labour exploitation; ``aandeel`` does not apply there)."""

    advertenties: int = 10_000
    seed: int = 1
    familie: str = "a"
    dagen: int = 28
    start: datetime = datetime(2026, 3, 2, 8, 0)
    #: Share of ads per advertiser kind (the rest is split by the world's own rates).
    aandeel: dict[str, float] = field(
        default_factory=lambda: {"organisator": 0.35, "zelfstandig": 0.40, "bureau": 0.10, "spam": 0.15}
    )


@dataclass
class _Adverteerder:
    id: str
    soort: str
    taal: str
    sjablonen: list[list[str]]
    telefoons: list[str]
    personen: list[tuple[str, str, int]]  # (persoon id, name, age)
    steden: list[str]
    boeking: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _sjabloon(bank: teksten_a.Bank, taal: str, rng: random.Random) -> list[str]:
    zinnen = [rng.choice(varianten) for varianten in bank[taal].values()]
    hobby = HOBBY[taal]
    a, b = rng.sample(hobby, 2)
    zinnen.insert(rng.randrange(1, len(zinnen)), f"Ik hou van {a} en {b}." if taal == "nl" else f"I love {a} and {b}.")
    return [z for z in zinnen if z]


class Wereld:
    """Draws advertisers and their ads. Use :func:`zicht.synth.advertenties.genereer`."""

    def __init__(self, config: WereldConfig) -> None:
        self.config = config
        self.rng = random.Random(f"{config.seed}|{config.familie}")  # noqa: S311 (synthetic data, not security)
        self.teksten = teksten_a if config.familie == "a" else teksten_b
        self.nummers: set[str] = set()
        self.steden = [s for s, _ in STEDEN]
        self.gewichten = [w for _, w in STEDEN]
        self._volgnummer = 0

    def _id(self, soort: str) -> str:
        self._volgnummer += 1
        return f"{soort}-{self._volgnummer:06d}"

    def _stad(self) -> str:
        return self.rng.choices(self.steden, self.gewichten)[0]

    def _personen(self, n: int, jong: bool) -> list[tuple[str, str, int]]:
        namen = self.rng.sample(NAMEN, n)
        return [
            (self._id("persoon"), naam, self.rng.randint(18, 23) if jong else self.rng.randint(21, 45))
            for naam in namen
        ]

    def adverteerder(self, soort: str, boekingsdiensten: list[str]) -> _Adverteerder:
        rng = self.rng
        taal = "en" if rng.random() < 0.3 else "nl"
        bank = self.teksten.BANKEN[soort]
        if soort == "organisator":
            personen = self._personen(rng.randint(2, 8), jong=rng.random() < 0.6)
            sjablonen = [_sjabloon(bank, taal, rng) for _ in range(rng.randint(1, 3))]
            telefoons = [obfuscatie.nieuw_nummer(rng, self.nummers) for _ in range(rng.randint(1, 4))]
            steden = [self._stad() for _ in range(rng.randint(3, 8))]
            return _Adverteerder(self._id(soort), soort, taal, sjablonen, telefoons, personen, steden)
        if soort == "zelfstandig":
            personen = self._personen(1, jong=rng.random() < 0.3)
            touren = rng.random() < 0.25
            steden = [self._stad() for _ in range(rng.randint(2, 5) if touren else 1)]
            boeking = rng.choice(boekingsdiensten) if boekingsdiensten and rng.random() < 0.12 else None
            telefoons = [boeking or obfuscatie.nieuw_nummer(rng, self.nummers)]
            extra = {"site": f"www.{personen[0][1].lower()}{rng.randint(10, 99)}.nl"}
            return _Adverteerder(
                self._id(soort), soort, taal, [_sjabloon(bank, taal, rng)], telefoons, personen, steden, boeking, extra
            )
        if soort == "bureau":
            personen = self._personen(rng.randint(3, 12), jong=False)
            naam = rng.choice(("Velvet", "Diamond", "Orchid", "Royal", "Amber", "Silk", "Luna", "Grace")) + " Escorts"
            extra = {
                "bedrijf": naam,
                "vergunning": f"V{rng.randint(10000, 99999)}",
                "site": f"www.{naam.split()[0].lower()}escorts.nl",
            }
            return _Adverteerder(
                self._id(soort),
                soort,
                taal,
                [_sjabloon(bank, taal, rng)],
                [obfuscatie.nieuw_nummer(rng, self.nummers)],
                personen,
                [self._stad()],
                extra=extra,
            )
        site = f"www.{rng.choice(('hot', 'date', 'flirt', 'meet'))}{rng.randint(100, 999)}.com"
        return _Adverteerder(
            self._id(soort), soort, taal, [_sjabloon(bank, taal, rng)], [], [], [], extra={"site": site}
        )


SITES = ("kinky.example", "sexjobs.example", "escortdirect.example")


@dataclass
class Advertenties:
    """The ads (as a crawler or a platform export delivers them) and, row by row, their truth."""

    advertenties: list[dict[str, object]]
    waarheid: list[dict[str, object]]


def _vul(zin: str, waarden: dict[str, str]) -> str:
    return zin.format(**waarden)


def _plaats(
    wereld: Wereld,
    adv: _Adverteerder,
    persoon: tuple[str, str, int],
    moment: datetime,
    waarden: dict[str, str],
    sjabloon: list[str],
    telefoon: str | None,
    stijl: str,
    prijs: int,
    tikfout: float,
) -> tuple[dict[str, object], dict[str, object]]:
    rng = wereld.rng
    stad = waarden["stad"]
    waarden = {
        **waarden,
        "nummer": obfuscatie.schrijf_nummer(telefoon, stijl, rng) if telefoon else "",
        "prijs": str(prijs),
    }
    zinnen = [_vul(z, waarden) for z in sjabloon]
    if not telefoon:
        zinnen = [z for z in zinnen if z.strip(" :") and "{nummer}" not in z]
    titel, tekst = zinnen[0], " ".join(zinnen[1:])
    tekst = obfuscatie.tikfouten(tekst, tikfout, rng)
    if adv.soort == "spam":
        tekst = obfuscatie.lookalikes(tekst, 0.05, rng)
    padding = {"organisator": 2, "spam": 3}.get(adv.soort, 0)
    tekst = obfuscatie.versier(tekst, rng, rng.randint(0, padding))
    site = rng.choice(SITES)
    advertentie: dict[str, object] = {
        "site": site,
        "advertentie_id": f"{site.split('.')[0]}-{rng.getrandbits(40):010x}",
        "geplaatst_op": moment.isoformat(timespec="seconds"),
        "titel": titel,
        "tekst": tekst,
        "stad": stad,
        "prijs": prijs,
        "telefoon": telefoon if telefoon and adv.soort in ("zelfstandig", "bureau") and rng.random() < 0.5 else "",
        "email": "",
        "handle": f"@{persoon[1].lower()}_{adv.id[-4:]}" if adv.soort == "zelfstandig" and rng.random() < 0.3 else "",
    }
    waarheid: dict[str, object] = {
        "advertentie_id": advertentie["advertentie_id"],
        "adverteerder": adv.id,
        "soort": adv.soort,
        "persoon_id": persoon[0] or None,
        "boekingsdienst": adv.boeking or "",
        "taal": adv.taal,
        "herkomst_genoemd": bool(waarden.get("herkomst")) and any("{herkomst}" in z for z in sjabloon),
    }
    return advertentie, waarheid


def _posts(wereld: Wereld, adv: _Adverteerder) -> list[tuple[dict[str, object], dict[str, object]]]:
    rng, cfg = wereld.rng, wereld.config
    herkomst_bank = wereld.teksten.HERKOMST[adv.taal]
    uit: list[tuple[dict[str, object], dict[str, object]]] = []
    if adv.soort == "organisator":
        verblijf = rng.randint(2, 6)
        # family b organisers have learned to look independent: plain numbers, going-rate prices
        leerde = cfg.familie == "b"
        stijlen = [rng.choice(NUMMER_STIJL[:3] if leerde else NUMMER_STIJL) for _ in adv.telefoons]
        herkomst = {p[0]: rng.choice(herkomst_bank) for p in adv.personen}
        bursts = rng.randint(3, 8)
        for b in range(bursts):
            moment = cfg.start + timedelta(days=rng.uniform(0, cfg.dagen))
            dag = (moment - cfg.start).days
            week = dag // 7
            for i, persoon in enumerate(adv.personen):
                if rng.random() < 0.25:
                    continue
                moment = moment + timedelta(minutes=rng.randint(1, 6))
                stad = adv.steden[(dag // verblijf + i) % len(adv.steden)]
                t = (week + i + b // 4) % len(adv.telefoons)
                waarden = {
                    "naam": persoon[1],
                    "leeftijd": str(persoon[2]),
                    "stad": stad,
                    "herkomst": herkomst[persoon[0]],
                    **adv.extra,
                }
                sjabloon = adv.sjablonen[i % len(adv.sjablonen)]
                prijs = round(BASISPRIJS * (rng.uniform(0.85, 1.3) if leerde else rng.uniform(0.45, 0.8)) / 5) * 5
                uit.append(
                    _plaats(wereld, adv, persoon, moment, waarden, sjabloon, adv.telefoons[t], stijlen[t], prijs, 0.02)
                )
    elif adv.soort in ("zelfstandig", "bureau"):
        for persoon in adv.personen:
            n = rng.randint(2, 12) if adv.soort == "zelfstandig" else rng.randint(2, 5)
            eerste = rng.uniform(0, cfg.dagen * 0.6)
            stijl = rng.choice(NUMMER_STIJL) if rng.random() < 0.1 else rng.choice(("plain", "groups", "international"))
            prijs = round(BASISPRIJS * rng.uniform(0.9, 1.6) / 5) * 5
            for k in range(n):
                moment = cfg.start + timedelta(days=min(cfg.dagen - 0.01, eerste + k * rng.uniform(1.5, 4)))
                stad = adv.steden[(k // 3) % len(adv.steden)]
                waarden = {"naam": persoon[1], "leeftijd": str(persoon[2]), "stad": stad, "herkomst": "", **adv.extra}
                uit.append(
                    _plaats(
                        wereld, adv, persoon, moment, waarden, adv.sjablonen[0], adv.telefoons[0], stijl, prijs, 0.01
                    )
                )
    else:
        for _ in range(rng.randint(60, 300)):
            moment = cfg.start + timedelta(days=rng.uniform(0, cfg.dagen))
            telefoon = obfuscatie.nieuw_nummer(rng, wereld.nummers) if rng.random() < 0.7 else None
            waarden = {
                "naam": rng.choice(NAMEN),
                "leeftijd": str(rng.randint(19, 35)),
                "stad": wereld._stad(),
                "herkomst": "",
                **adv.extra,
            }
            uit.append(
                _plaats(
                    wereld,
                    adv,
                    ("", "", 0),
                    moment,
                    waarden,
                    adv.sjablonen[0],
                    telefoon,
                    "plain",
                    rng.randint(50, 150),
                    0.0,
                )
            )
    return uit


def genereer(config: WereldConfig) -> Advertenties:
    """Draw a world with about ``config.advertenties`` ads (exactly that many, oldest first) and its truth.
    ``familie="arbeid"`` draws job ads instead (:mod:`zicht.synth.advertenties.vacatures`)."""
    if config.familie == "arbeid":
        from zicht.synth.advertenties.vacatures import genereer_vacatures

        return Advertenties(*genereer_vacatures(config.advertenties, config.seed, config.dagen, config.start))
    wereld = Wereld(config)
    doel = {s: config.advertenties * a for s, a in config.aandeel.items()}
    boekingsdiensten = [
        obfuscatie.nieuw_nummer(wereld.rng, wereld.nummers) for _ in range(max(1, config.advertenties // 4000))
    ]
    rijen: list[tuple[dict[str, object], dict[str, object]]] = []
    for soort in ("organisator", "zelfstandig", "bureau", "spam"):
        geteld = 0
        while geteld < doel[soort]:
            posts = _posts(wereld, wereld.adverteerder(soort, boekingsdiensten))
            rijen.extend(posts)
            geteld += len(posts)
    wereld.rng.shuffle(rijen)
    rijen = sorted(rijen[: config.advertenties], key=lambda r: str(r[0]["geplaatst_op"]))
    return Advertenties([r[0] for r in rijen], [r[1] for r in rijen])
