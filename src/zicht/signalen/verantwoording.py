# SPDX-License-Identifier: EUPL-1.2
"""Accountability documents generated from the code and the measured results, so they cannot drift:

* an entry for the Dutch **Algoritmeregister** (its published field set: name, purpose, human oversight,
  data, risks, legal basis, monitoring, and more);
* an AI-Act-style **technical file** (Annex IV headings: intended use, design with every indicator, its
  evidence grade and weight, measured accuracy and fairness, logging, human oversight, retention).

Inputs: the indicator table and ranking weights (code), the evaluation (:mod:`zicht.signalen.rapport`) and a
benchmark result (``benchmarks/results/bench_signalen_*.json``). ``zicht signalen verantwoording`` writes
both; a test regenerates them and fails when the committed copies in docs/ are stale.
"""

from __future__ import annotations

from typing import Any

from zicht.signalen import clusters, indicatoren, rangschikking, rapport

_DOEL = (
    "Analisten van een meldplichtige organisatie (politie-internetteam) krijgen een gerangschikte lijst van "
    "clusters van online sekswerkadvertenties met kenmerken van een organisator (één nummer voor vele namen, één "
    "sjabloon voor vele namen, snelle wisseling van steden) en van vacatures met kenmerken van een uitbuitende "
    "werver (één nummer en sjabloon voor vele werkgevers, J-indicatoren), met de redenen erbij, om te beslissen of nader "
    "onderzoek of een melding bij CoMensha nodig is."
)


def _indicatortabel() -> list[str]:
    regels = ["| code | indicator | bewijsgraad | gewicht | soort |", "| --- | --- | --- | ---: | --- |"]
    regels += [f"| {i.code} | {i.naam} | {i.graad} | {i.gewicht:+.2f} | {i.soort} |" for i in indicatoren.INDICATOREN]
    regels += [
        f"| {k} | structuur (clusterniveau) | S | {v:+.2f} | rangschikking |"
        for k, v in rangschikking.GEWICHTEN.items()
    ]
    return regels


def _prestaties(uitkomst: rapport.Uitkomst) -> list[str]:
    regels = []
    for fam in rapport.FAMILIES:
        z = uitkomst.tabellen[fam]["zicht"]
        regels.append(
            f"- familie {fam}: B-cubed F1 {z['bcubed_f1'][0]:.3f}, ARI {z['ari'][0]:.3f}, precision@50 "
            f"{z['p@50'][0]:.3f}, precision@100 {z['p@100'][0]:.3f}, {rapport.NEGATIEF_KOP[fam]} "
            f"{z['zelfstandig@100'][0]:.3f} (gemiddelde over seeds {', '.join(map(str, rapport.SEEDS))})"
        )
    return regels


def _snelheid(bench: dict[str, Any] | None) -> str:
    if not bench:
        return "- geen benchmarkresultaat opgegeven"
    p = bench["pijplijn"]
    return (
        f"- {bench['advertenties']:,} advertenties: {p['ads_per_s']} advertenties/s wall ({p['wall_s']} s wall, "
        f"{p['cpu_s']} s CPU, load {bench['load_voor'][0]} op {bench['cores']} kernen), piekgeheugen "
        f"{bench['piek_rss_mb']} MB, dagelijkse update {bench['dagelijkse_update']['seconden']} s"
    )


def algoritmeregister(uitkomst: rapport.Uitkomst, bench: dict[str, Any] | None) -> str:
    """The Algoritmeregister entry (Markdown, Dutch)."""
    velden = [
        ("Naam", "zicht signalen: rangschikking van advertentieclusters"),
        ("Korte omschrijving", _DOEL),
        ("Status", "In ontwikkeling; alleen getest op synthetische gegevens"),
        ("Doel en impact", _DOEL + " Een score is een voorstel, nooit een besluit."),
        (
            "Afwegingen",
            "Signalen op advertentieniveau zijn zwak (de meeste advertenties hebben er één); "
            "organisatorstructuur weegt het zwaarst. Weerlegde indicatoren tellen niet mee; "
            "tegensignalen van zelfstandig werk tellen tegen. Zie docs/signalen.md.",
        ),
        (
            "Menselijke tussenkomst",
            "Iedere cluster wordt door een persoon beoordeeld die de redenen ziet en "
            "met een verplichte reden afwijst of omzet naar een melding; er is geen "
            "automatische escalatie; besluiten en redenen staan in het logboek; een "
            "willekeurige steekproef van niet-gemarkeerde clusters wordt ook beoordeeld.",
        ),
        (
            "Risicobeheer",
            "Vals-positieven bij zelfstandige sekswerkers (gemeten: zelfstandigen in top 100); "
            "herkomst alleen als advertentietekst met laag gewicht, met fairness-audit per "
            "herkomstterm, taal en gemeente; bewaartermijn; alleen clusters in de wachtrij "
            "bewaard, contacten als sleutelhash.",
        ),
        (
            "Wettelijke basis",
            "Politie: Wet politiegegevens (art. 8-10; rechtmatigheid van de webcrawler is door "
            "de rechter niet bevestigd). Gemeente: AVG; zonder wettelijke grondslag alleen "
            "beveiligde aantallen. EU AI-verordening: hoog risico (bijlage III 6(a)).",
        ),
        ("Links naar wettelijke basis", "Wpg art. 7a; AVG art. 9, 22, 35; Richtlijn (EU) 2016/680 art. 11"),
        (
            "Gegevensbronnen",
            "Online advertenties (export of crawl): site, advertentie-id, tijdstip, titel, tekst, "
            "stad, prijs, contactvelden; contacten alleen als sleutelhash opgeslagen. De crawler staat "
            "standaard uit; aan alleen voor hosts op een allow-list, met robots.txt, vertraging per host "
            "en een user agent die de operator noemt",
        ),
        ("Type algoritme", "Regels (indicatoren met bewijsgraad) en clustering (MinHash-LSH, contactgraaf)"),
        (
            "Monitoring",
            "Evaluatietabel en fairness-audit bij iedere wijziging (docs/signalen.md, door een test "
            "bewaakt); afwijzingen en steekproef worden gebruikt om te herijken",
        ),
        ("Prestaties (synthetisch)", "\n" + "\n".join(_prestaties(uitkomst))),
        ("Snelheid", _snelheid(bench)),
        ("Impacttoetsen", "DPIA en IAMA (FRIA) vereist voor inzet; niet uitgevoerd"),
        ("Contact", "beheerder van zicht"),
    ]
    return "\n".join(["# Algoritmeregister: zicht signalen", "", "<!-- generated by `zicht signalen verantwoording`; do not edit -->", ""]
                     + [f"**{k}**: {v}" + "\n" for k, v in velden])  # fmt: skip


def technisch_dossier(uitkomst: rapport.Uitkomst, bench: dict[str, Any] | None) -> str:
    """The technical file (Markdown), headings after AI Act Annex IV."""
    regels = [
        "# Technisch dossier: zicht signalen",
        "",
        "<!-- generated by `zicht signalen verantwoording`; do not edit -->",
        "",
        "## 1. Beoogd gebruik",
        "",
        _DOEL,
        "",
        "Niet bedoeld voor: besluiten over personen, automatische meldingen, afleiden of opslaan van herkomst.",
        "",
        "## 2. Ontwerp: indicatoren, bewijsgraad en gewichten",
        "",
        f"Advertentieniveau begrensd op {indicatoren.MAX_PER_ADVERTENTIE} per advertentie en "
        f"{rangschikking.MAX_ADNIVEAU} per cluster. MinHash: {clusters.NUM_PERM} permutaties, drempel "
        f"{clusters.DREMPEL}; generiek contact bij meer dan {clusters.MAX_GRAAD} sjablonen.",
        "",
        *_indicatortabel(),
        "",
        "## 3. Gemeten nauwkeurigheid (synthetisch; geen validatie op echte uitkomsten)",
        "",
        *_prestaties(uitkomst),
        "",
        "## 4. Fairness",
        "",
        "Zie de fairness-tabellen in docs/signalen.md (aandeel in de wachtrij per herkomstterm, taal en gemeente).",
        "",
        "## 5. Snelheid",
        "",
        _snelheid(bench),
        "",
        "## 6. Logging, menselijk toezicht, bewaartermijn",
        "",
        "- Logboek: aanmaken van een run, lezen van een cluster (ruwe tekst), ieder besluit met reden, verwijdering.",
        "- Menselijk toezicht: wachtrij met redenen; verplichte reden; omzetten opent het meldingformulier, de "
        "persoon slaat op; steekproef van niet-gemarkeerde clusters.",
        "- Bewaartermijn: ZICHT_SIGNALEN_BEWAARDAGEN (standaard 28 dagen), daarna uit elke signalentabel verwijderd.",
        "",
    ]
    return "\n".join(regels)


def lees_benchmark(pad: object) -> dict[str, Any]:
    """The largest size of a ``bench_signalen`` result file (a JSON list or one object)."""
    import json
    from pathlib import Path

    data = json.loads(Path(str(pad)).read_text(encoding="utf-8"))
    rijen = data if isinstance(data, list) else [data]
    return max(rijen, key=lambda r: int(r["advertenties"]))
