# SPDX-License-Identifier: EUPL-1.2
"""``zicht signalen``: synthetic ads, the batch pipeline, the evaluation table, and retention.

Examples::

    zicht signalen genereer --advertenties 10000 --familie a --uit /tmp/ads.jsonl
    zicht signalen verwerk /tmp/ads.jsonl --organisatie politie-demo
    zicht signalen crawl --bron https://ads.example/ --organisatie politie-demo --contact team@example.org
    zicht signalen evalueer --docs docs/signalen.md
    zicht signalen opschonen
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import click

from zicht.cli._context import get_context


@click.group(name="signalen")
def signalen() -> None:
    """Online-ad signals ranked by organiser structure, for a person to decide."""


@signalen.command(name="genereer")
@click.option("--advertenties", default=10_000, show_default=True, help="Number of synthetic ads.")
@click.option("--seed", default=1, show_default=True)
@click.option(
    "--familie", type=click.Choice(["a", "b", "arbeid"]), default="a", show_default=True, help="arbeid: job ads."
)
@click.option("--uit", type=click.Path(path_type=Path), required=True, help="Ads file (.jsonl or .csv).")
def genereer(advertenties: int, seed: int, familie: str, uit: Path) -> None:
    """Write synthetic ads; the truth goes beside them as <uit>.waarheid.jsonl."""
    from zicht.signalen.ingest import schrijf
    from zicht.synth.advertenties import WereldConfig, genereer

    wereld = genereer(WereldConfig(advertenties=advertenties, seed=seed, familie=familie))
    schrijf(uit, wereld.advertenties)
    schrijf(uit.with_suffix(".waarheid.jsonl"), wereld.waarheid)
    click.echo(f"{len(wereld.advertenties)} advertenties geschreven naar {uit}")


def _bewaar(
    rijen: Iterable[Mapping[str, object]], organisatie: str, bron: str, wachtrij: int, steekproef: int, engine: str
) -> dict[str, object]:
    """Run the pipeline over ``rijen`` and store the queue for ``organisatie``; the run's summary."""
    from zicht.accounts import zoek_organisatie
    from zicht.cli.db import sessies
    from zicht.privacy.toegang import Toegang
    from zicht.signalen.opslag import bewaar_run
    from zicht.signalen.pijplijn import verwerk as pijplijn
    from zicht.signalen.verwerk import sleutel_pseudoniem
    from zicht.storage import transaction

    app = get_context()
    sessions = sessies(app.settings)
    with transaction(sessions) as s:  # check the organisation before the (long) pipeline runs
        if zoek_organisatie(s, organisatie) is None:
            raise click.ClickException(f"onbekende organisatie {organisatie!r}")
    lijst: list[Mapping[str, object]] = list(rijen)
    res = pijplijn(lijst, app.reference, sleutel_pseudoniem(app.settings.pseudonym_secret()), engine=engine)
    with transaction(sessions) as s:
        org = zoek_organisatie(s, organisatie)
        assert org is not None
        toegang = Toegang.voor_rol("systeem:cli", "melder", organisatie_id=org.id, organisatie_code=org.code)
        run = bewaar_run(
            s,
            toegang,
            res,
            bron=bron,
            bewaardagen=app.settings.signalen_bewaardagen,
            wachtrij=wachtrij,
            steekproef=steekproef,
            engine=engine,
        )
        return {
            "run": str(run.id),
            "advertenties": len(res.ads),
            "clusters": len(res.clusters),
            "tijden": {k: round(v, 3) for k, v in res.tijden.items()},
        }


@signalen.command(name="verwerk")
@click.argument("bestand", type=click.Path(exists=True, path_type=Path))
@click.option("--organisatie", required=True, help="Code of the melder organisation whose reviewers get the queue.")
@click.option("--wachtrij", default=100, show_default=True)
@click.option("--steekproef", default=10, show_default=True, help="Random audit sample of unflagged clusters.")
@click.option("--engine", type=click.Choice(["lokaal", "spark"]), default="lokaal", show_default=True)
def verwerk(bestand: Path, organisatie: str, wachtrij: int, steekproef: int, engine: str) -> None:
    """Process an ads file and store the queue (minimised) for an organisation."""
    from zicht.signalen.ingest import lees

    click.echo(json.dumps(_bewaar(lees(bestand), organisatie, bestand.name, wachtrij, steekproef, engine)))


@signalen.command(name="crawl")
@click.option("--bron", required=True, help="Start URL; its host must be in signalen_crawler_hosts.")
@click.option("--organisatie", required=True, help="Code of the melder organisation that runs the crawl.")
@click.option("--contact", required=True, help="Operator contact (e-mail or URL) named in the user agent.")
@click.option("--vertraging", default=5.0, show_default=True, help="Seconds between requests to one host (min 1).")
@click.option("--max-paginas", default=500, show_default=True)
@click.option("--wachtrij", default=100, show_default=True)
@click.option("--steekproef", default=10, show_default=True)
def crawl(
    bron: str, organisatie: str, contact: str, vertraging: float, max_paginas: int, wachtrij: int, steekproef: int
) -> None:
    """Crawl allow-listed ad pages politely (robots.txt, delay per host) and store the queue.

    Off unless ZICHT_SIGNALEN_CRAWLER_HOSTS lists hosts. Dutch courts have not confirmed a legal basis for
    crawling sex-work ads and a municipality has none (docs/signalen.md, "Crawler")."""
    from zicht.signalen.crawler import Crawler, CrawlerUit, CrawlInstellingen, hosts_uit_instelling

    app = get_context()
    try:
        inst = CrawlInstellingen(
            toegestane_hosts=hosts_uit_instelling(app.settings.signalen_crawler_hosts),
            operator=organisatie,
            contact=contact,
            vertraging=vertraging,
            max_paginas=max_paginas,
        )
    except CrawlerUit as e:
        raise click.ClickException(
            f"{e}. Er is geen bevestigde rechtsgrond voor het crawlen van advertenties (docs/signalen.md)."
        ) from None
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    crawler = Crawler(inst)
    try:
        rijen = list(crawler.crawl(bron))
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    if not rijen:
        click.echo(json.dumps({"crawl": crawler.verslag.samenvatting(), "advertenties": 0}))
        return
    uit = _bewaar(rijen, organisatie, bron, wachtrij, steekproef, "lokaal")
    click.echo(json.dumps({"crawl": crawler.verslag.samenvatting(), **uit}))


@signalen.command(name="evalueer")
@click.option("--docs", "docs", type=click.Path(exists=True, path_type=Path), help="Rewrite the table in this page.")
def evalueer(docs: Path | None) -> None:
    """The evaluation and fairness tables on the synthetic families (docs/signalen.md)."""
    from zicht.signalen import rapport

    app = get_context()
    blok = rapport.markdown(rapport.bereken(app.reference), app.reference)
    if docs is None:
        click.echo(blok)
    else:
        docs.write_text(rapport.vervang_blok(docs.read_text(encoding="utf-8"), blok), encoding="utf-8")
        click.echo(f"{docs} bijgewerkt")


@signalen.command(name="opschonen")
def opschonen() -> None:
    """Delete signalen past their retention period from every table (logged)."""
    from zicht.cli.db import sessies
    from zicht.signalen.opslag import verwijder_verlopen
    from zicht.storage import transaction

    app = get_context()
    with transaction(sessies(app.settings)) as s:
        click.echo(json.dumps(verwijder_verlopen(s)))


@signalen.command(name="verantwoording")
@click.option("--benchmark", type=click.Path(exists=True, path_type=Path), help="bench_signalen result (JSON).")
@click.option("--uit", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"), show_default=True)
def verantwoording(benchmark: Path | None, uit: Path) -> None:
    """Write the Algoritmeregister entry and the technical file from the code and the measured results."""
    from zicht.signalen import rapport
    from zicht.signalen.verantwoording import algoritmeregister, lees_benchmark, technisch_dossier

    app = get_context()
    uitkomst = rapport.bereken(app.reference)
    bench = lees_benchmark(benchmark) if benchmark else None
    (uit / "signalen-algoritmeregister.md").write_text(algoritmeregister(uitkomst, bench), encoding="utf-8")
    (uit / "signalen-technisch-dossier.md").write_text(technisch_dossier(uitkomst, bench), encoding="utf-8")
    click.echo(f"geschreven naar {uit}")
