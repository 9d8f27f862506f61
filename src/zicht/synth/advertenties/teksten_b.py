# SPDX-License-Identifier: EUPL-1.2
"""Family B: a second, independently written market, where organisers have learned to look independent.

Written from a description of advertisers only, without the signal list: every advertiser writes in the first
person, in a chatty or businesslike register, prices sit near the going rate, and nobody mentions origin,
availability around the clock, trust or a new arrival. What still gives an organiser away is how the ads are
made and posted (one text for several names, shared numbers, moving around), not what they say. Slots as in
family A.
"""

from __future__ import annotations

from zicht.synth.advertenties.teksten_a import Bank

ORGANISATOR: Bank = {
    "nl": {
        "opening": (
            "Hallo heren, {naam} hier",
            "Zin in gezelligheid? Groetjes van {naam}",
            "{naam} - vrolijk, spontaan, {leeftijd}",
            "Even voorstellen: {naam}",
            "Goedemiddag! Met {naam} uit {stad}",
            "{naam} ontvangt je graag",
        ),
        "over": (
            "Ik ben een vrolijke dame met mooie krullen en een lach die aansteekt.",
            "Slank, sportief en altijd in voor een praatje.",
            "Houd van wijn, muziek en een fijne avond samen.",
            "Rustige vrouw, knuffelig en warm.",
            "Leuke meid met lange benen en lief karakter.",
            "Ik geniet van aandacht en ontspanning.",
        ),
        "diensten": (
            "Ontspannende massage en meer, vraag maar.",
            "Knuffelen, masseren en samen genieten.",
            "Vraag gerust wat er kan.",
            "Fijne massage met happy end.",
        ),
        "prijs": ("Een uur: {prijs} euro.", "Tarief per uur {prijs}.", "{prijs} voor een uur samen."),
        "contact": ("Appje naar {nummer}", "Mijn nummer: {nummer}", "Contact {nummer}", "Bellen kan: {nummer}"),
    },
    "en": {
        "opening": (
            "Hello gentlemen, {naam} here",
            "Fancy some company? Love, {naam}",
            "{naam} - cheerful, {leeftijd}",
        ),
        "over": (
            "Cheerful lady with curls and a contagious smile.",
            "Slim, sporty and always up for a chat.",
            "I enjoy wine, music and a nice evening together.",
        ),
        "diensten": ("Relaxing massage and more, just ask.", "Cuddles, massage and fun."),
        "prijs": ("One hour: {prijs} euro.", "Hourly {prijs}."),
        "contact": ("Message {nummer}", "My number: {nummer}"),
    },
}

ZELFSTANDIG: Bank = {
    "nl": {
        "opening": ("Welkom bij {naam}", "{naam} in {stad}, aangenaam", "Ontmoet {naam}", "Tijd voor jezelf? {naam}"),
        "over": (
            "Volwassen vrouw met smaak, ik kies zelf met wie ik afspreek.",
            "Ik werk vanuit een sfeervolle eigen studio.",
            "Mijn klanten zijn vaste heren die rust zoeken.",
            "Dit werk doe ik met plezier en op mijn eigen voorwaarden.",
            "Ik geef les overdag en werk 's avonds.",
        ),
        "regels": (
            "Bel me even van tevoren, dan plannen we iets.",
            "Discreet en hygiënisch.",
            "Wat ik wel en niet doe hoor je aan de telefoon.",
            "Eerste keer? Stuur even een berichtje met je naam.",
        ),
        "prijs": ("Uur {prijs}, anderhalf uur in overleg.", "{prijs} per uur.", "Tarief {prijs}."),
        "contact": ("Bereikbaar op {nummer}", "{nummer} (ook via {site})", "Zie {site} of bel {nummer}"),
    },
    "en": {
        "opening": ("Welcome to {naam}", "{naam} in {stad}, nice to meet you", "Meet {naam}"),
        "over": (
            "Grown-up woman with taste, I choose whom I meet.",
            "I work from my own cosy studio.",
            "I do this work with pleasure, on my own terms.",
        ),
        "regels": ("Call ahead and we will plan something.", "Discreet and clean.", "Message me your name first."),
        "prijs": ("Hour {prijs}.", "{prijs} per hour."),
        "contact": ("Reach me on {nummer}", "{nummer} (also via {site})"),
    },
}

BUREAU: Bank = {
    "nl": {
        "opening": ("{naam} werkt via {bedrijf}", "Maak kennis met {naam} ({bedrijf})"),
        "over": (
            "{bedrijf} is een geregistreerd escortbedrijf, nummer {vergunning}.",
            "Geregistreerd onder {vergunning}.",
        ),
        "regels": ("Boekingen gaan via ons kantoor.", "Onze chauffeur brengt en haalt."),
        "prijs": ("Uur {prijs} plus reiskosten.",),
        "contact": ("Kantoor {nummer}, {site}",),
    },
    "en": {
        "opening": ("{naam} works with {bedrijf}",),
        "over": ("{bedrijf} is a registered escort company, number {vergunning}.",),
        "regels": ("Bookings through our office.",),
        "prijs": ("Hour {prijs} plus travel.",),
        "contact": ("Office {nummer}, {site}",),
    },
}

SPAM: Bank = {
    "nl": {
        "opening": ("Singles in {stad} online", "{naam} heeft je een bericht gestuurd", "Date vanavond in {stad}"),
        "over": ("Bekijk profielen op {site}", "Inschrijven duurt een minuut op {site}"),
        "contact": ("{site}", "Stuur STOP naar {nummer}"),
    },
    "en": {
        "opening": ("Singles in {stad} online", "{naam} sent you a message"),
        "over": ("See profiles at {site}",),
        "contact": ("{site}",),
    },
}

BANKEN: dict[str, Bank] = {"organisator": ORGANISATOR, "zelfstandig": ZELFSTANDIG, "bureau": BUREAU, "spam": SPAM}
HERKOMST: dict[str, tuple[str, ...]] = {"nl": ("",), "en": ("",)}
