# SPDX-License-Identifier: EUPL-1.2
"""Family A: how the advertisers of the synthetic world write, as practitioners describe the market.

An organiser writes for the women he places, often in the third person, sells them by looks, origin and
price, and promises availability; a licensed agency writes as a business ("we", a licence number); an
independent worker writes about herself, her rules and how to book; spam sells a site. Each advertiser
composes its own template by choosing one variant per section; slots are filled per ad:
``{naam} {leeftijd} {stad} {prijs} {nummer} {herkomst} {bedrijf} {vergunning} {site}``.
"""

from __future__ import annotations

Bank = dict[str, dict[str, tuple[str, ...]]]

ORGANISATOR: Bank = {
    "nl": {
        "opening": (
            "Nieuw in {stad}: {naam} ({leeftijd})",
            "{naam}, {herkomst} schoonheid, net in {stad}",
            "Lieve {naam} {leeftijd} jr voor jou in {stad}",
            "Sexy {naam} alleen deze week in {stad}",
            "{herkomst} meisje {naam} wacht op je",
            "Heet nieuw meisje {naam} in {stad}",
            "{naam} jong en lief, kort in {stad}",
        ),
        "over": (
            "Zij is een lieve meid met een prachtig lichaam.",
            "Ze is jong, slank en heel ondeugend.",
            "Bel haar voor een onvergetelijk moment.",
            "Onze meiden zijn altijd vrolijk en gewillig.",
            "Zij doet alles om jou blij te maken.",
            "Een echte verwennerij, net 18 en heel lief.",
            "Mooie meid met lange haren en een lekker figuur.",
            "Ze spreekt alleen Engels en een beetje Duits.",
        ),
        "diensten": (
            "Alles mag, geen grenzen.",
            "Ook zonder condoom mogelijk.",
            "Alleen privé ontvangst, geen escort.",
            "Massage, gfe en meer.",
            "Veel mogelijk, vraag gerust.",
            "Ontvangst in een nette flat.",
        ),
        "tijd": (
            "24/7 beschikbaar.",
            "Dag en nacht bereikbaar.",
            "Ook 's nachts welkom.",
            "Altijd bereikbaar, ook in het weekend.",
            "Vandaag en morgen nog beschikbaar.",
        ),
        "prijs": ("Actieprijs: half uur {prijs} euro.", "Maar {prijs} euro per uur!", "Goedkoop: {prijs} euro."),
        "contact": ("Bel of app {nummer}", "Whatsapp: {nummer}", "Bel {nummer}, geen sms", "Info {nummer}"),
        "echt": ("100% echte foto's.", "Geen nep, echte foto's.", "Betrouwbaar en echt.", ""),
    },
    "en": {
        "opening": (
            "New in town: {naam} ({leeftijd}) in {stad}",
            "{naam}, {herkomst} beauty, just arrived in {stad}",
            "Sweet {naam} {leeftijd} yo visiting {stad}",
            "Sexy {naam} only a few days in {stad}",
            "Young {herkomst} girl {naam} waiting for you",
            "Hot new girl {naam} in {stad}",
        ),
        "over": (
            "She is a sweet girl with an amazing body.",
            "She is young, slim and very naughty.",
            "Call her for an unforgettable time.",
            "Our girls are always happy to please.",
            "Just turned 18, young fresh girl.",
            "She speaks little English.",
        ),
        "diensten": ("No limits, anything goes.", "Bareback possible.", "Incall only, no outcall.", "GFE and more."),
        "tijd": ("Available 24/7.", "Day and night.", "Available anytime.", "Leaving soon, only few days."),
        "prijs": ("Special price: {prijs} euro half hour.", "Only {prijs} euro!", "Cheap {prijs} euro."),
        "contact": ("Call or text {nummer}", "WhatsApp {nummer}", "Call {nummer}, no sms"),
        "echt": ("100% real pics.", "Not fake, real photos.", "Legit.", ""),
    },
}

ZELFSTANDIG: Bank = {
    "nl": {
        "opening": (
            "Ik ben {naam}, {leeftijd} jaar, uit {stad}",
            "Hoi, ik ben {naam}",
            "{naam} - discrete ontmoetingen in {stad}",
            "Ervaren dame {naam} ontvangt in {stad}",
            "{naam} ({leeftijd}) op tour, nu in {stad}",
            "Sensuele massage door {naam}",
        ),
        "over": (
            "Ik werk zelfstandig en neem de tijd voor je.",
            "Ik ben een spontane vrouw die houdt van lachen.",
            "Ik werk al jaren in dit vak en weet wat ik doe.",
            "Ervaren, rustig en discreet.",
            "Ik hou van een goed gesprek vooraf.",
            "Ik ben studente en doe dit naast mijn studie.",
        ),
        "regels": (
            "Altijd veilig, condoom is verplicht.",
            "Mijn grenzen bespreek ik vooraf.",
            "Alleen op afspraak, graag een dag van tevoren.",
            "Aanbetaling vooraf bij een eerste afspraak.",
            "Hygiëne en respect vind ik belangrijk.",
            "Geen drugs, geen alcohol.",
        ),
        "tijd": ("Werkdagen van 12 tot 22 uur.", "Ook 's avonds, op afspraak.", "24/7 bereikbaar via de mail.", ""),
        "prijs": ("Uurtarief {prijs} euro.", "Tarieven vanaf {prijs} euro per uur.", "{prijs} euro per uur."),
        "contact": (
            "Bel {nummer} of kijk op mijn website {site}",
            "Afspraak via {nummer}",
            "Sms of bel {nummer}",
            "Meer op {site}, of bel {nummer}",
        ),
    },
    "en": {
        "opening": (
            "I'm {naam}, {leeftijd}, based in {stad}",
            "Hi, I am {naam}",
            "{naam} - independent companion in {stad}",
            "{naam} touring, now in {stad}",
        ),
        "over": (
            "I am an independent lady and I take my time.",
            "Friendly, relaxed and discreet.",
            "I have been doing this for years and I love my work.",
            "I am a student and work next to my studies.",
        ),
        "regels": (
            "Safe only, condoms always.",
            "I will tell you my limits beforehand.",
            "By appointment only, please book a day ahead.",
            "Deposit required for first bookings.",
            "Screening required, professional service.",
        ),
        "tijd": ("Weekdays 12 to 10 pm.", "Evenings by appointment.", ""),
        "prijs": ("Rate {prijs} euro per hour.", "From {prijs} euro per hour."),
        "contact": ("Call {nummer} or visit {site}", "Book via {nummer}", "Text {nummer}"),
    },
}

BUREAU: Bank = {
    "nl": {
        "opening": ("{bedrijf} presenteert {naam} ({leeftijd})", "{naam} van {bedrijf}", "Escort {naam} via {bedrijf}"),
        "over": (
            "Wij werken met vergunning in de gemeente {stad}.",
            "Een erkend bureau met vergunningnummer {vergunning}.",
            "Vergunning {vergunning}, gemeente {stad}.",
        ),
        "regels": ("Veiligheid en hygiëne staan bij ons voorop.", "Professionele service, altijd op afspraak."),
        "prijs": ("Tarief {prijs} euro per uur, excl. reiskosten.", "Vanaf {prijs} euro per uur."),
        "contact": ("Reserveren: {nummer} of {site}", "Bel de receptie: {nummer}"),
    },
    "en": {
        "opening": ("{bedrijf} presents {naam} ({leeftijd})", "{naam} with {bedrijf}"),
        "over": ("Licensed agency, licence {vergunning}, {stad}.", "Registered escort agency, licence {vergunning}."),
        "regels": ("Professional and safe service, by appointment.",),
        "prijs": ("Rate {prijs} euro per hour.",),
        "contact": ("Bookings {nummer} or {site}",),
    },
}

SPAM: Bank = {
    "nl": {
        "opening": (
            "Gratis sexdates in {stad}!",
            "Eenzame vrouwen in {stad} zoeken contact",
            "{naam} wil je ontmoeten",
        ),
        "over": (
            "Klik nu op {site} en chat direct.",
            "Meld je gratis aan op {site}.",
            "Duizenden profielen op {site}.",
        ),
        "contact": ("Sms {nummer}", "App {nummer} voor de link", "{site}"),
    },
    "en": {
        "opening": ("Free hookups in {stad}!", "Lonely girls in {stad} want to meet", "{naam} wants to meet you"),
        "over": ("Click {site} and chat now.", "Sign up free at {site}.", "Thousands of profiles on {site}."),
        "contact": ("Text {nummer}", "{site}"),
    },
}

BANKEN: dict[str, Bank] = {"organisator": ORGANISATOR, "zelfstandig": ZELFSTANDIG, "bureau": BUREAU, "spam": SPAM}
HERKOMST = {
    "nl": ("Roemeense", "Oost-Europese", "Braziliaanse", "Thaise", "Hongaarse", "Bulgaarse", "Latina"),
    "en": ("Romanian", "Eastern European", "Brazilian", "Thai", "Hungarian", "Bulgarian", "exotic Asian"),
}
