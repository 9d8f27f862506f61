# SPDX-License-Identifier: EUPL-1.2
"""The tables: overview of all areas (map), breakdown of one area with comparison areas, and trend series.
Each is built from a :class:`~zicht.analysis.cijfers.Cijfers` source, so the analyst's exact table and
everyone else's protected table are the same code.
"""

from __future__ import annotations

from zicht.analysis.cijfers import Cijfers, deel
from zicht.analysis.dimensies import Periode, Periodesoort, Uitsplitsing, categorie_label, niveau_label
from zicht.analysis.gebieden import overzichtsrijen, vergelijkingsgebieden
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Tabel, Waarde, format_getal
from zicht.analysis.tabelcontext import (
    ADVIES_GRENS,
    Context,
    NietBeschikbaar,
    eenheid_woord,
    rate_waarde,
    vorm_tekst,
)
from zicht.analysis.trends import Oordeel, Verandering, verandering_tussen
from zicht.reference import Gebiedsniveau
from zicht.taal import vertaler

__all__ = ["ADVIES_GRENS", "Context", "NietBeschikbaar", "overzicht", "reeks", "reeks_perioden", "uitsplitsing"]


# ---- overview of all areas (map) -----------------------------------------------------------------------


def overzicht(ctx: Context, periode: Periode, niveau: Gebiedsniveau, vorm: str | None = None) -> Tabel:
    """Every area of a level with its count and rate per 100,000 (the data of the choropleth map)."""
    _ = vertaler(ctx.taal)
    c = ctx.cijfers(periode, vorm=vorm)
    if not c.totalen_op(niveau):
        raise NietBeschikbaar(
            _("Cijfers per uitbuitingsvorm worden per gemeente niet gepubliceerd; kies veiligheidsregio of hoger.")
        )
    rijen = []
    for code in overzichtsrijen(ctx.extract.referentie, niveau, ctx.basis):
        w = c.totaal(niveau, code)
        if (
            code not in ctx.extract.referentie.gebieden(niveau)
            and niveau is not Gebiedsniveau.nederland
            and w.getal == 0
        ):
            continue  # pseudo-area without units
        rijen.append(
            (Waarde.van_tekst(code), Waarde.van_tekst(ctx.naam(niveau, code)), w, rate_waarde(ctx, w, niveau, code))
        )
    nl = c.totaal(Gebiedsniveau.nederland, "NL")
    rijen.append(
        (
            Waarde.van_tekst("NL"),
            Waarde.van_tekst(ctx.naam(Gebiedsniveau.nederland, "NL")),
            nl,
            rate_waarde(ctx, nl, Gebiedsniveau.nederland, "NL"),
        )
    )
    kolommen = (
        Kolom("gebiedscode", _("code"), Kolomsoort.tekst),
        Kolom("gebied", niveau_label(niveau, ctx.taal), Kolomsoort.tekst),
        Kolom("aantal", _("aantal {eenheid}", eenheid=eenheid_woord(ctx))),
        Kolom("per_100k", _("per 100.000 inwoners"), Kolomsoort.per_100k),
    )
    titel = (
        _(
            "Mogelijke slachtoffers mensenhandel ({vorm}) per {niveau}, {periode}",
            vorm=vorm_tekst(ctx, vorm),
            niveau=niveau_label(niveau, ctx.taal),
            periode=periode.label(ctx.taal),
        )
        if vorm
        else _(
            "Mogelijke slachtoffers mensenhandel per {niveau}, {periode}",
            niveau=niveau_label(niveau, ctx.taal),
            periode=periode.label(ctx.taal),
        )
    )
    gebieden = [r for r in rijen[:-1] if r[0].tekst in ctx.extract.referentie.gebieden(niveau)]
    zichtbaar = [r for r in gebieden if r[3].getal]
    hoogste = max(zichtbaar, key=lambda r: (r[3].getal or 0.0, r[1].tekst), default=None)
    verborgen = sum(r[2].verborgen for r in gebieden)
    delen = [_("In {periode} telde Nederland {aantal} {eenheid}", periode=periode.label(ctx.taal), aantal=nl.tekst,
                 eenheid=eenheid_woord(ctx))]  # fmt: skip
    if hoogste:
        delen.append(
            _("het hoogste aantal per 100.000 inwoners had {gebied} ({cijfer})", gebied=hoogste[1].tekst,
              cijfer=hoogste[3].tekst)
        )  # fmt: skip
    if verborgen:
        delen.append(
            _.ngettext(
                "{n} van de {totaal} gebieden is afgeschermd wegens kleine aantallen",
                "{n} van de {totaal} gebieden zijn afgeschermd wegens kleine aantallen",
                verborgen,
                totaal=len(gebieden),
            )
        )
    samenvatting = "; ".join(delen) + "."
    tabel = Tabel(
        id=f"overzicht/{ctx.basis.value}/{niveau.value}/{periode.code}/{ctx.eenheid.value}/{vorm or 'alle'}",
        titel=titel,
        kolommen=kolommen,
        rijen=tuple(rijen),
        meta=ctx.meta(periode.code, periode.label(ctx.taal), f"vorm={vorm}" if vorm else ""),
        samenvatting=samenvatting,
        voetnoten=ctx.voetnoten(),
    )
    return _met_advies(ctx, tabel, niveau, periode)


def _met_advies(ctx: Context, tabel: Tabel, niveau: Gebiedsniveau, periode: Periode) -> Tabel:
    advies = ctx.advies(tabel.aandeel_verborgen, niveau, periode)
    if advies is None:
        return tabel
    return Tabel(
        tabel.id, tabel.titel, tabel.kolommen, tabel.rijen, tabel.meta, tabel.samenvatting, advies, tabel.voetnoten
    )


# ---- breakdown of one area -----------------------------------------------------------------------------


def uitsplitsing(
    ctx: Context, periode: Periode, niveau: Gebiedsniveau, code: str, wat: Uitsplitsing, vorm: str | None = None
) -> Tabel:
    """One breakdown for an area next to its regions and the nation: counts and shares of the total."""
    _ = vertaler(ctx.taal)
    c = ctx.cijfers(periode, wat, vorm)
    gebieden = vergelijkingsgebieden(ctx.extract.referentie, niveau, code, ctx.basis, provincie=vorm is not None)
    kolommen = [
        Kolom("categorie", _("code"), Kolomsoort.tekst),
        Kolom("label", wat.label(ctx.taal), Kolomsoort.tekst),
    ]
    aantal = _("aantal")
    for n, g in gebieden:
        naam = ctx.volle_naam(n, g)
        kolommen.append(Kolom(f"aantal_{g}", f"{naam} ({aantal})"))
        kolommen.append(Kolom(f"aandeel_{g}", f"{naam} (%)", Kolomsoort.aandeel))
    totalen = {(n, g): c.totaal(n, g) for n, g in gebieden}
    rijen = []
    for cat in c.categorieen:
        if cat != "onbekend" and c.cel(Gebiedsniveau.nederland, "NL", cat).getal == 0:
            continue  # no unit in the whole country: leave the empty category out
        rij = [Waarde.van_tekst(cat), Waarde.van_tekst(categorie_label(wat, cat, ctx.taal))]
        for n, g in gebieden:
            w = c.cel(n, g, cat)
            aandeel = deel(w, totalen[(n, g)])
            rij.append(w)
            rij.append(
                Waarde(aandeel, format_getal(aandeel, Kolomsoort.aandeel, ctx.taal))
                if aandeel is not None
                else Waarde(
                    None, w.tekst if w.verborgen else "–", w.markering if w.verborgen else Markering.niet_beschikbaar
                )
            )
        rijen.append(tuple(rij))
    totaalrij = [Waarde.van_tekst("totaal"), Waarde.van_tekst(_("totaal"))]
    for n, g in gebieden:
        totaalrij += [totalen[(n, g)], Waarde(1.0, "100%") if totalen[(n, g)].getal else Waarde.leeg()]
    rijen.append(tuple(totaalrij))
    noten = list(ctx.voetnoten(wat))
    if ctx.beveiligd and vorm is not None and not c.uitsplitsing_op(niveau):
        noten.insert(
            0,
            _(
                "Met een filter op uitbuitingsvorm worden uitsplitsingen niet per {niveau} gepubliceerd, maar per "
                "provincie en landelijk (samen beveiligd met de uitsplitsing zonder filter); de tabel toont de regio's "
                "waar het gebied in ligt.",
                niveau=niveau_label(niveau, ctx.taal),
            ),
        )
    elif ctx.beveiligd and not c.uitsplitsing_op(niveau):
        noten.insert(
            0,
            _(
                "Uitsplitsingen per {niveau} worden niet gepubliceerd omdat de aantallen te klein zijn; de tabel toont "
                "de regio's waar het gebied in ligt.",
                niveau=niveau_label(niveau, ctx.taal),
            ),
        )
    met_cijfers = [
        (n, g) for n, g in gebieden if c.uitsplitsing_op(n) and any(c.cel(n, g, cat).getal for cat in c.categorieen)
    ]
    hoofd = met_cijfers[0] if met_cijfers else gebieden[-1]
    samenvatting = _samenvatting_uitsplitsing(ctx, c, wat, hoofd, periode)
    vormtekst = vorm_tekst(ctx, vorm)
    titel = (
        f"{wat.label(ctx.taal).capitalize()} — {ctx.volle_naam(niveau, code)}{', ' + vormtekst if vorm else ''}, "
        f"{periode.label(ctx.taal)}"
    )
    tabel = Tabel(
        id=f"uitsplitsing/{ctx.basis.value}/{wat.value}/{niveau.value}/{code}/{periode.code}/{ctx.eenheid.value}/{vorm or 'alle'}",
        titel=titel,
        kolommen=tuple(kolommen),
        rijen=tuple(rijen),
        meta=ctx.meta(periode.code, periode.label(ctx.taal), f"vorm={vorm}" if vorm else ""),
        samenvatting=samenvatting,
        voetnoten=tuple(noten),
    )
    return _met_advies(ctx, tabel, niveau, periode)


def _samenvatting_uitsplitsing(
    ctx: Context, c: Cijfers, wat: Uitsplitsing, hoofd: tuple[Gebiedsniveau, str], periode: Periode
) -> str:
    _ = vertaler(ctx.taal)
    n, g = hoofd
    totaal = c.totaal(n, g)
    kandidaten = [(c.cel(n, g, cat), cat) for cat in c.categorieen if cat != "onbekend"]
    zichtbaar = [(w, cat) for w, cat in kandidaten if w.getal]
    if not zichtbaar or not totaal.getal:
        return _(
            "Voor {gebied} zijn in {periode} geen cijfers naar {uitsplitsing} te tonen.",
            gebied=ctx.volle_naam(n, g),
            periode=periode.label(ctx.taal),
            uitsplitsing=wat.label(ctx.taal),
        )
    w, cat = max(zichtbaar, key=lambda x: (x[0].getal or 0.0, x[1]))
    pct = format_getal((w.getal or 0) / totaal.getal, Kolomsoort.aandeel, ctx.taal)
    nl_tot = c.totaal(Gebiedsniveau.nederland, "NL")
    nl_w = c.cel(Gebiedsniveau.nederland, "NL", cat)
    nl_pct = deel(nl_w, nl_tot)
    vergelijk = (
        ""
        if n is Gebiedsniveau.nederland or nl_pct is None
        else " " + _("(landelijk {aandeel})", aandeel=format_getal(nl_pct, Kolomsoort.aandeel, ctx.taal))
    )
    return _(
        "In {gebied} viel in {periode} de grootste groep onder '{label}': {aandeel} van de {eenheid}{landelijk}.",
        gebied=ctx.volle_naam(n, g),
        periode=periode.label(ctx.taal),
        label=categorie_label(wat, cat, ctx.taal),
        aandeel=pct,
        eenheid=eenheid_woord(ctx),
        landelijk=vergelijk,
    )


# ---- trend series ---------------------------------------------------------------------------------------


def reeks_perioden(eind: Periode, van: int | None, kwartalen: bool) -> list[Periode]:
    """The periods of a series up to and including ``eind`` (years, or quarters when asked)."""
    laatste = eind.eind.year - 1 if eind.eind.month == 1 else eind.begin.year
    eerste = van if van is not None else laatste - 9
    if eerste > laatste:
        raise ValueError("the series starts after it ends")
    if kwartalen:
        return [q for j in range(eerste, laatste + 1) for q in Periode.jaar(j).kwartalen() if q.begin < eind.eind]
    return [Periode.jaar(j) for j in range(eerste, laatste + 1)]


def verandering_van(c_vorig: Cijfers, c_nu: Cijfers, w_vorig: Waarde, w_nu: Waarde) -> Verandering:
    """The change between two published (or exact) values, honest about rounding and withheld cells."""
    a, b = c_vorig.interval(w_vorig), c_nu.interval(w_nu)
    if a is None or b is None or w_vorig.verborgen or w_nu.verborgen:
        return Verandering(None, None, None, None, None, None, Oordeel.onbepaald)
    return verandering_tussen(
        (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), weergave=(int(w_vorig.getal or 0), int(w_nu.getal or 0))
    )


def reeks(ctx: Context, perioden: list[Periode], niveau: Gebiedsniveau, code: str, vorm: str | None = None) -> Tabel:
    """Counts per period for an area and the nation, with the change on the previous period."""
    _ = vertaler(ctx.taal)
    gebieden = (
        [(niveau, code)] if niveau is Gebiedsniveau.nederland else [(niveau, code), (Gebiedsniveau.nederland, "NL")]
    )
    kolommen = [Kolom("periode", _("periode"), Kolomsoort.tekst)]
    soorten = (
        ("aantal", _("aantal"), Kolomsoort.aantal),
        ("per_100k", _("per 100.000"), Kolomsoort.per_100k),
        ("verandering", _("verandering"), Kolomsoort.verhouding),
        ("oordeel", _("oordeel"), Kolomsoort.tekst),
    )
    for n, g in gebieden:
        naam = ctx.volle_naam(n, g)
        kolommen += [Kolom(f"{sleutel}_{g}", f"{naam} ({label})", soort) for sleutel, label, soort in soorten]
    rijen = []
    vorige: dict[tuple[Gebiedsniveau, str], tuple[Cijfers, Waarde]] = {}
    laatste: Verandering | None = None
    for p in perioden:
        c = ctx.cijfers(p, vorm=vorm)
        rij = [Waarde.van_tekst(p.label(ctx.taal))]
        for n, g in gebieden:
            w = c.totaal(n, g)
            rij += [w, rate_waarde(ctx, w, n, g)]
            if (n, g) in vorige:
                v = verandering_van(vorige[(n, g)][0], c, vorige[(n, g)][1], w)
                pct = v.procent
                rij.append(
                    Waarde(
                        None if pct is None else v.verhouding,
                        "–" if pct is None else f"{pct:+.0f}%",
                        Markering.getoond if pct is not None else Markering.niet_beschikbaar,
                    )
                )
                rij.append(Waarde.van_tekst(v.oordeel.label(ctx.taal)))
                if (n, g) == gebieden[0]:
                    laatste = v
            else:
                rij += [Waarde.leeg(), Waarde.leeg()]
            vorige[(n, g)] = (c, w)
        rijen.append(tuple(rij))
    naam = ctx.volle_naam(niveau, code)
    vormtekst = vorm_tekst(ctx, vorm)
    eerste, eind = perioden[0], perioden[-1]
    bereik = f"{eerste.label(ctx.taal)}–{eind.label(ctx.taal)}"
    samenvatting = (
        _(
            "{gebied}, {periode} ten opzichte van {vorige}: {verandering}",
            gebied=naam,
            periode=eind.label(ctx.taal),
            vorige=perioden[-2].label(ctx.taal),
            verandering=laatste.tekst(ctx.taal),
        )
        if laatste is not None and len(perioden) > 1
        else _("Verloop voor {gebied}, {perioden}.", gebied=naam, perioden=bereik)
    )
    soort = "kwartaal" if eerste.soort is Periodesoort.kwartaal else "jaar"
    return Tabel(
        id=f"reeks/{ctx.basis.value}/{niveau.value}/{code}/{soort}/{eerste.code}-{eind.code}/{ctx.eenheid.value}/{vorm or 'alle'}",
        titel=_("Verloop — {gebied}, {perioden}", gebied=naam + (", " + vormtekst if vorm else ""), perioden=bereik),
        kolommen=tuple(kolommen),
        rijen=tuple(rijen),
        meta=ctx.meta(f"{eerste.code}/{eind.code}", bereik, f"vorm={vorm}" if vorm else ""),
        samenvatting=samenvatting,
        voetnoten=(
            *ctx.voetnoten(),
            _(
                "Oordeel: exacte toets op het verschil tussen twee Poisson-aantallen (95%); bij afgeronde cijfers moet "
                "het oordeel gelden voor elke ware waarde die bij de afgeronde cijfers past."
            ),
        ),
    )
