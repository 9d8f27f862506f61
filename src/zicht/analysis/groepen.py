# SPDX-License-Identifier: EUPL-1.2
"""The change on the previous period with and without one group (e.g. "the rise in 2019 with and without
Nigerian victims"), exact for analysts and built from published cells only for everyone else."""

from __future__ import annotations

import math

from zicht.analysis.cijfers import echte_code
from zicht.analysis.dimensies import Periode, Uitsplitsing, categorie_label
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Tabel, Waarde, format_getal
from zicht.analysis.tabelcontext import Context, NietBeschikbaar
from zicht.analysis.tellingen import Filter, aantal, tel
from zicht.analysis.trends import Oordeel, Verandering, verandering_tussen
from zicht.reference import Gebiedsniveau
from zicht.taal import vertaler


def met_en_zonder(
    ctx: Context, periode: Periode, niveau: Gebiedsniveau, code: str, wat: Uitsplitsing, categorie: str
) -> Tabel:
    """The change on the previous period for everyone, without one group, and for that group only.

    E.g. "the rise in 2019 with and without Nigerian victims". For protected roles the group's counts are
    the published cells of the breakdown; "without" is only the range that the published total minus the
    published group allows, so it adds nothing to what is published and is never shown as a count.
    """
    _ = vertaler(ctx.taal)
    vorige = periode.vorige()
    rijen_data: dict[str, list[tuple[Waarde, tuple[int, float] | None]]] = {"alle": [], "zonder": [], "alleen": []}
    for p in (vorige, periode):
        if ctx.beleid is None:
            rijen_data["alle"].append(_exact_telling(ctx, p, niveau, code, Filter()))
            rijen_data["zonder"].append(_exact_telling(ctx, p, niveau, code, Filter(zonder=(wat, categorie))))
            rijen_data["alleen"].append(_exact_telling(ctx, p, niveau, code, Filter(alleen=(wat, categorie))))
            continue
        c = ctx.cijfers(p, wat)
        if not c.uitsplitsing_op(niveau):
            raise NietBeschikbaar(_("Cijfers voor één groep worden op dit niveau niet gepubliceerd; kies een regio."))
        alle, alleen = c.totaal(niveau, code), c.cel(niveau, code, categorie)
        ia, ib = c.interval(alle), c.interval(alleen)
        rijen_data["alle"].append((alle, ia))
        rijen_data["alleen"].append((alleen, ib))
        rijen_data["zonder"].append(_verschil(ctx, alle, alleen, ia, ib))
    label = categorie_label(wat, categorie, ctx.taal)
    namen = {
        "alle": _("alle"),
        "zonder": _("zonder {uitsplitsing} {groep}", uitsplitsing=wat.label(ctx.taal), groep=label),
        "alleen": _("alleen {uitsplitsing} {groep}", uitsplitsing=wat.label(ctx.taal), groep=label),
    }
    kolommen = (
        Kolom("groep", _("groep"), Kolomsoort.tekst),
        Kolom("vorig", vorige.label(ctx.taal)),
        Kolom("huidig", periode.label(ctx.taal)),
        Kolom("verandering", _("verandering"), Kolomsoort.verhouding),
        Kolom("interval", _("95%-interval verhouding"), Kolomsoort.tekst),
        Kolom("oordeel", _("oordeel"), Kolomsoort.tekst),
    )
    rijen = []
    veranderingen: dict[str, Verandering] = {}
    for sleutel in ("alle", "zonder", "alleen"):
        (w0, i0), (w1, i1) = rijen_data[sleutel]
        v = _verandering(w0, i0, w1, i1)
        veranderingen[sleutel] = v
        pct = v.procent
        interval = "–" if v.ondergrens is None else f"{v.ondergrens:.2f}–{v.bovengrens:.2f}".replace("inf", "∞")
        if ctx.taal != "en":
            interval = interval.replace(".", ",")
        rijen.append(
            (
                Waarde.van_tekst(namen[sleutel]),
                w0,
                w1,
                Waarde(
                    v.verhouding if pct is not None else None,
                    "–" if pct is None else f"{pct:+.0f}%",
                    Markering.getoond if pct is not None else Markering.niet_beschikbaar,
                ),
                Waarde.van_tekst(interval),
                Waarde.van_tekst(v.oordeel.label(ctx.taal)),
            )
        )
    naam = ctx.volle_naam(niveau, code)
    samenvatting = _(
        "{gebied}: {periode} ten opzichte van {vorige} — alle: {alle}; zonder {groep}: {zonder}.",
        gebied=naam,
        periode=periode.label(ctx.taal),
        vorige=vorige.label(ctx.taal),
        alle=veranderingen["alle"].oordeel.label(ctx.taal),
        groep=label,
        zonder=veranderingen["zonder"].oordeel.label(ctx.taal),
    )
    return Tabel(
        id=f"met_zonder/{ctx.basis.value}/{niveau.value}/{code}/{wat.value}={categorie}/{periode.code}/{ctx.eenheid.value}",
        titel=_(
            "Verandering met en zonder {groep} — {gebied}, {perioden}",
            groep=label,
            gebied=naam,
            perioden=f"{vorige.label(ctx.taal)}–{periode.label(ctx.taal)}",
        ),
        kolommen=kolommen,
        rijen=tuple(rijen),
        meta=ctx.meta(f"{vorige.code}/{periode.code}", f"{vorige.label(ctx.taal)}–{periode.label(ctx.taal)}"),
        samenvatting=samenvatting,
        voetnoten=ctx.voetnoten(wat),
    )


def _exact_telling(
    ctx: Context, p: Periode, niveau: Gebiedsniveau, code: str, filter: Filter
) -> tuple[Waarde, tuple[int, float] | None]:
    kubus = tel(ctx.extract, periodes=[p], basis=ctx.basis, eenheid=ctx.eenheid, filter=filter)
    echt = Gebiedsniveau.politie_eenheid if niveau is Gebiedsniveau.riec_regio else niveau
    n = aantal(kubus, 0, echt, echte_code(niveau, code, ctx.extract), None, ctx.extract)
    return Waarde(float(n), format_getal(n, Kolomsoort.aantal)), (n, float(n))


def _verschil(
    ctx: Context, alle: Waarde, alleen: Waarde, ia: tuple[int, float] | None, ib: tuple[int, float] | None
) -> tuple[Waarde, tuple[int, float] | None]:
    """``alle - alleen`` from published values only, shown as the range it is known to lie in, never as a
    count: "total minus group" of two rounded figures is no count that passed disclosure control (a shown
    10 where the truth is 9 would be a count the gate never saw)."""
    assert ctx.beleid is not None
    if alle.getal is None or alleen.getal is None or ia is None or ib is None:
        return Waarde(None, "x", Markering.onderdrukt), None
    laag, hoog = max(0, int(ia[0] - ib[1])), max(0.0, ia[1] - ib[0])
    tekst = f"{laag}–{format_getal(int(hoog), Kolomsoort.aantal)}" if math.isfinite(hoog) else f"≥ {laag}"
    return Waarde(None, tekst, Markering.niet_beschikbaar), (laag, hoog)


def _verandering(w0: Waarde, i0: tuple[int, float] | None, w1: Waarde, i1: tuple[int, float] | None) -> Verandering:
    if i0 is None or i1 is None or not (math.isfinite(i0[1]) and math.isfinite(i1[1])):
        return Verandering(None, None, None, None, None, None, Oordeel.onbepaald)
    weergave = None if w0.getal is None or w1.getal is None else (int(w0.getal), int(w1.getal))
    return verandering_tussen((int(i0[0]), int(i0[1])), (int(i1[0]), int(i1[1])), weergave=weergave)
