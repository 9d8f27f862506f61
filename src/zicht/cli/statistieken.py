# SPDX-License-Identifier: EUPL-1.2
"""``zicht statistieken``: the statistics tables on a terminal or to a file, disclosure-controlled by default.

Examples::

    zicht statistieken overzicht --periode 2024 --niveau veiligheidsregio
    zicht statistieken uitsplitsing --periode 2024 --niveau gemeente --gebied Utrecht --uitsplitsing geslacht
    zicht statistieken reeks --periode 2024 --niveau gemeente --gebied Ede --van 2015 --out ede.xlsx
    zicht statistieken met_zonder --periode 2019 --uitsplitsing nationaliteit --categorie NG
    zicht statistieken factsheet --periode 2024 --niveau gemeente --gebied Utrecht --out utrecht.pdf

Without ``--als`` every table passes disclosure control, exactly as the public gets it on the web pages and
the API. ``--als GEBRUIKERSNAAM`` acts as that account: ``zicht.privacy.toegang`` decides from its rights
whether it sees exact counts (analysts) and which areas it may study (a gemeente account: its own area), as on
the web. Every ``--out`` export is recorded in the logboek under that account. Exit codes: 2 for an invalid
request or an unknown account, 4 when the table is not published for the account (or it has no right to
statistics).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from zicht.cli._context import EXIT_DOMAIN, EXIT_USAGE, UserFacingError, get_context

SOORTEN = ("overzicht", "uitsplitsing", "reeks", "met_zonder", "kwaliteit", "factsheet")


@click.command(name="statistieken")
@click.argument("soort", type=click.Choice(SOORTEN), default="overzicht")
@click.option("--periode", required=True, help="2024, 2024-Q3 or 2022-2024 (for a series: the last period).")
@click.option(
    "--niveau",
    default="nederland",
    type=click.Choice(["gemeente", "veiligheidsregio", "politie_eenheid", "riec_regio", "provincie", "nederland"]),
    help="Area level (overview: level of the rows).",
)
@click.option("--gebied", default="NL", help="Area code or name, e.g. GM0344 or Utrecht.")
@click.option("--uitsplitsing", default="totaal", help="Breakdown, e.g. geslacht, leeftijdsklasse, nationaliteit.")
@click.option("--eenheid", type=click.Choice(["personen", "meldingen"]), default=None, help="Persons or meldingen.")
@click.option("--basis", type=click.Choice(["plaats_delict", "melder_regio"]), default="plaats_delict")
@click.option("--vorm", default=None, help="Only units with this form of exploitation (e.g. seksueel).")
@click.option("--categorie", default=None, help="met_zonder: the group's category (e.g. NG).")
@click.option("--van", "van_jaar", type=int, default=None, help="reeks: first year.")
@click.option("--per-kwartaal", is_flag=True, help="reeks: per quarter instead of per year.")
@click.option("--groep", type=click.Choice(["melder_regio", "melder_soort"]), default="melder_regio")
@click.option(
    "--als",
    "gebruikersnaam",
    default=None,
    help="Act as this account (its rights decide exact or protected figures and the areas); default: public.",
)
@click.option("--taal", type=click.Choice(["nl", "en"]), default="nl")
@click.option("--out", "uit", type=click.Path(dir_okay=False, path_type=Path), help="Write .csv, .xlsx or .pdf.")
@click.option("--json", "als_json", is_flag=True, help="Print the table as JSON instead of a rich table.")
def statistieken(
    soort: str,
    periode: str,
    niveau: str,
    gebied: str,
    uitsplitsing: str,
    eenheid: str | None,
    basis: str,
    vorm: str | None,
    categorie: str | None,
    van_jaar: int | None,
    per_kwartaal: bool,
    groep: str,
    gebruikersnaam: str | None,
    taal: str,
    uit: Path | None,
    als_json: bool,
) -> None:
    """Statistics tables / statistieken (disclosure-controlled unless --als names an analyst's account)."""
    from zicht.analysis import Statistiekdienst, Verzoek
    from zicht.analysis.publicaties import Publicatieregel
    from zicht.privacy.disclosure import DisclosurePolicy
    from zicht.reference import UnknownPlace
    from zicht.storage import engine_from_settings

    app = get_context()
    settings = app.settings
    params = {
        "soort": "overzicht" if soort == "factsheet" else soort,
        "periode": periode,
        "niveau": niveau,
        "gebied": gebied,
        "uitsplitsing": uitsplitsing,
        "eenheid": eenheid,
        "gebiedsbasis": basis,
        "vorm": vorm,
        "categorie": categorie,
        "vanJaar": van_jaar,
        "perKwartaal": "true" if per_kwartaal else "",
        "groep": groep,
        "taal": taal,
    }
    if uit is not None and uit.suffix.lower() not in (".csv", ".xlsx", ".pdf"):
        raise UserFacingError("--out must end in .csv, .xlsx or .pdf", EXIT_USAGE)
    if (soort == "factsheet") != (uit is not None and uit.suffix.lower() == ".pdf"):
        raise UserFacingError("a factsheet is written with --out NAME.pdf, and .pdf only holds a factsheet", EXIT_USAGE)
    engine = engine_from_settings(settings)
    beleid = DisclosurePolicy.from_settings(settings)
    dienst = Statistiekdienst.uit_registratie(
        engine,
        app.reference,
        beleid,
        Publicatieregel.from_settings(settings),
        cache_map=settings.data_dir / "cache" / "beveiliging",
    )
    rol, bereik, actor = _wie(gebruikersnaam, engine, app.reference)
    try:
        verzoek = Verzoek.uit_parameters(params)
        if soort == "factsheet":
            _factsheet(dienst, verzoek, rol, bereik, actor, taal, uit, engine)
            return
        tabel = dienst.statistiek(verzoek, rol=rol, bereik=bereik)
    except UnknownPlace as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None
    except PermissionError as exc:
        raise UserFacingError(str(exc), EXIT_DOMAIN) from None
    except ValueError as exc:
        code = EXIT_DOMAIN if type(exc).__name__ == "NietBeschikbaar" else EXIT_USAGE
        raise UserFacingError(str(exc), code) from None
    if uit is not None:
        _schrijf(tabel, uit, actor, engine, taal)
        click.echo(f"{uit} ({tabel.meta.eenheid.value}, {tabel.meta.periode_label}, {tabel.meta.vintage_label})")
        return
    if als_json:
        click.echo(json.dumps(tabel.as_dict(), ensure_ascii=False, indent=2))
        return
    _toon(tabel, taal)


def _wie(gebruikersnaam: str | None, engine: object, referentie: object) -> tuple[str, object, object]:
    """The statistics role, scope and logboek actor of the caller (the public without ``--als``)."""
    from zicht.accounts.gebruikers import toegang_van, zoek_gebruiker
    from zicht.analysis import Bereik
    from zicht.analysis.publicatie import PUBLIEK
    from zicht.cli.db import sessies
    from zicht.privacy.logboek import Actor
    from zicht.privacy.toegang import Recht, statistiekrol
    from zicht.reference import Referentiedata
    from zicht.storage import transaction

    if gebruikersnaam is None:
        return PUBLIEK, None, Actor("systeem:cli", PUBLIEK)
    assert isinstance(referentie, Referentiedata)
    with transaction(sessies(get_context().settings, engine)) as session:  # type: ignore[arg-type]
        gebruiker = zoek_gebruiker(session, gebruikersnaam)
        if gebruiker is None or not gebruiker.actief:
            raise UserFacingError(
                f"geen actief account '{gebruikersnaam}' / no active account of that name", EXIT_USAGE
            )
        toegang = toegang_van(session, gebruiker)
    if not toegang.mag(Recht.aggregaten):
        raise UserFacingError(
            f"account '{gebruikersnaam}' ({toegang.rol.value}) heeft geen recht op statistieken / no right to statistics",
            EXIT_DOMAIN,
        )
    return statistiekrol(toegang), Bereik.voor(toegang, referentie), Actor(toegang.actor_id, toegang.rol.value)


def _schrijf(tabel: object, uit: Path, actor: object, engine: object, taal: str) -> None:
    from zicht.analysis import naar_csv, naar_xlsx, registreer_export
    from zicht.analysis.tabel import Tabel
    from zicht.cli.db import sessies
    from zicht.privacy.logboek import Actor
    from zicht.storage import transaction

    assert isinstance(tabel, Tabel)
    formaat = uit.suffix.lower().lstrip(".")
    data = naar_csv(tabel, taal) if formaat == "csv" else naar_xlsx(tabel, taal)
    uit.write_bytes(data)
    with transaction(sessies(get_context().settings, engine)) as session:  # type: ignore[arg-type]
        assert isinstance(actor, Actor)
        registreer_export(session, actor, tabel, formaat)


def _factsheet(
    dienst: object,
    verzoek: object,
    rol: str,
    bereik: object,
    actor: object,
    taal: str,
    uit: Path | None,
    engine: object,
) -> None:
    from zicht.analysis import Bereik, Statistiekdienst, Verzoek, maak_dashboard, maak_factsheet, registreer_export
    from zicht.analysis.gebieden import normaliseer_gebied
    from zicht.analysis.publicatie import is_beveiligd
    from zicht.cli.db import sessies
    from zicht.privacy.logboek import Actor
    from zicht.storage import transaction

    assert isinstance(dienst, Statistiekdienst) and isinstance(verzoek, Verzoek) and uit is not None
    assert bereik is None or isinstance(bereik, Bereik)
    assert isinstance(actor, Actor)
    ref = dienst.extract().referentie
    code = normaliseer_gebied(ref, verzoek.niveau, verzoek.gebied)
    dashboard = maak_dashboard(
        dienst,
        verzoek.niveau,
        code,
        verzoek.periode,
        rol=rol,
        bereik=bereik,
        vorm=verzoek.vorm,
        basis=verzoek.basis,
        taal=taal,
    )
    pdf = maak_factsheet(dashboard, ref, dienst.beleid if is_beveiligd(rol) else None, taal=taal)
    uit.write_bytes(pdf)
    with transaction(sessies(get_context().settings, engine)) as session:  # type: ignore[arg-type]
        registreer_export(session, actor, dashboard.reeks, "pdf", doel="factsheet statistieken")
    click.echo(f"{uit} ({dashboard.reeks.meta.vintage_label})")


def _toon(tabel: object, taal: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from zicht.analysis.tabel import Kolomsoort, Tabel
    from zicht.taal import vertaler

    assert isinstance(tabel, Tabel)
    console = Console(highlight=False, soft_wrap=False, width=max(100, Console().width))
    rt = Table(title=tabel.titel, caption=tabel.samenvatting, show_lines=False)
    for k in tabel.kolommen:
        rt.add_column(k.label, justify="left" if k.soort is Kolomsoort.tekst else "right")
    for rij in tabel.rijen:
        rt.add_row(*(c.tekst for c in rij))
    console.print(rt)
    if tabel.advies:
        _ = vertaler(taal)
        advies = _("Advies")
        console.print(f"[bold]{advies}:[/bold] {tabel.advies}")
    for label, waarde in tabel.meta.regels(taal):
        console.print(f"{label}: {waarde}")
    for noot in tabel.voetnoten:
        console.print(f"- {noot}")
