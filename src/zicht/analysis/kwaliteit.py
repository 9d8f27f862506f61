# SPDX-License-Identifier: EUPL-1.2
"""Data quality: how often meldingen leave plaats delict, werkwijze or nationality unknown, per reporter.

Quality is a property of reports, so these tables always count **meldingen**, grouped by the reporter's
region (politie-eenheid) or by the kind of reporter. A melding counts as "unknown" for a field when it names
no known value at all (only ``onbekend``, or nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from zicht.analysis.beveiliging import Niveau, Splitsing, beveilig_familie
from zicht.analysis.cijfers import deel, totalen_familie, uitsplitsing_familie, waarde_van
from zicht.analysis.dimensies import (
    CENTRAAL,
    ONBEKEND,
    OVERIGE_REGIO,
    Eenheid,
    Gebiedsbasis,
    Periode,
    Uitsplitsing,
    categorie_label,
)
from zicht.analysis.extract import Extract
from zicht.analysis.gebieden import gebiedsnaam
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Tabel, Waarde, format_getal
from zicht.analysis.tabelcontext import Context
from zicht.privacy.disclosure import Cell
from zicht.privacy.disclosure.structure import NATIONAL
from zicht.reference import Gebiedsniveau
from zicht.taal import N_, vertaler

#: The fields whose completeness is measured, in display order.
VELDEN: tuple[str, ...] = ("plaats_delict", "werkwijze", "nationaliteit")
#: Column labels per field (Dutch source text, translated where the table is built).
VELD_LABELS: dict[str, str] = {
    "plaats_delict": N_("plaats delict onbekend"),
    "werkwijze": N_("werkwijze onbekend"),
    "nationaliteit": N_("nationaliteit onbekend"),
}


class Kwaliteitsgroep(StrEnum):
    """How data-quality figures are grouped."""

    melder_regio = "melder_regio"
    melder_soort = "melder_soort"

    def label(self, taal: str = "nl") -> str:
        """Plain words."""
        return vertaler(taal)(
            {"melder_regio": N_("regio van de melder"), "melder_soort": N_("soort melder")}[self.value]
        )


@dataclass(frozen=True)
class Kwaliteit:
    """Exact quality counts of one period.

    Attributes:
        groep: How the rows are grouped.
        periode: The period.
        rijen: The groups in display order.
        meldingen: Meldingen per group.
        onbekend: ``(group, field) -> meldingen`` with the field unknown.
    """

    groep: Kwaliteitsgroep
    periode: Periode
    rijen: tuple[str, ...]
    meldingen: Mapping[str, int]
    onbekend: Mapping[tuple[str, str], int]


def _rijen(extract: Extract, groep: Kwaliteitsgroep, gevonden: set[str]) -> tuple[str, ...]:
    if groep is Kwaliteitsgroep.melder_regio:
        return (*extract.referentie.gebieden(Gebiedsniveau.politie_eenheid), OVERIGE_REGIO, CENTRAAL)
    from zicht.codebook import codelijst

    return tuple(c for c in codelijst("melder_soort").waarden if c in gevonden or c != ONBEKEND)


def tel_kwaliteit(extract: Extract, periode: Periode, groep: Kwaliteitsgroep) -> Kwaliteit:
    """Count meldingen and meldingen with unknown plaats delict, werkwijze and nationality per group.

    Args:
        extract: The data of one vintage.
        periode: The period.
        groep: Group by the reporter's region or the kind of reporter.

    Returns:
        The exact counts (cached per extract).
    """

    def maak() -> Kwaliteit:
        kolom = groep.value  # a Kwaliteitsgroep value is a column name of ``melding`` (whitelisted enum)
        sql = f"""
            WITH m AS (SELECT rij, {kolom} AS groep, plaats_delict FROM melding
                       WHERE status <> 'geen' AND melddatum >= ? AND melddatum < ?),
                 ww AS (SELECT rij, bool_and(werkwijze = '{ONBEKEND}') AS onb FROM werkwijze GROUP BY rij),
                 nt AS (SELECT rij, bool_and(land = '{ONBEKEND}') AS onb FROM nationaliteit GROUP BY rij)
            SELECT m.groep, count(*),
                   count(*) FILTER (WHERE m.plaats_delict = '{ONBEKEND}'),
                   count(*) FILTER (WHERE coalesce(ww.onb, true)),
                   count(*) FILTER (WHERE coalesce(nt.onb, true))
            FROM m LEFT JOIN ww ON ww.rij = m.rij LEFT JOIN nt ON nt.rij = m.rij
            GROUP BY m.groep
        """
        rows = extract.cursor().execute(sql, [periode.begin, periode.eind]).fetchall()
        meldingen: dict[str, int] = {}
        onbekend: dict[tuple[str, str], int] = {}
        for g, n, pd, ww, nat in rows:
            meldingen[str(g)] = int(n)
            for veld, k in zip(VELDEN, (pd, ww, nat), strict=True):
                onbekend[(str(g), veld)] = int(k)
        return Kwaliteit(groep, periode, _rijen(extract, groep, set(meldingen)), meldingen, onbekend)

    return extract.onthoud(("kwaliteit", periode, groep), maak)


def als_teller(kwaliteit: Kwaliteit) -> dict[str, dict[str, Any]]:
    """The counts as ``row -> {field: unknown, field_bekend: known}`` (for disclosure control)."""
    teller: dict[str, dict[str, Any]] = {}
    for r in kwaliteit.rijen:
        n = kwaliteit.meldingen.get(r, 0)
        rij: dict[str, Any] = {}
        for veld in VELDEN:
            k = kwaliteit.onbekend.get((r, veld), 0)
            rij[veld] = k
            rij[f"{veld}_bekend"] = n - k
        teller[r] = rij
    return teller


# ---- the table ------------------------------------------------------------------------------------------


def kwaliteit_tabel(ctx: Context, periode: Periode, groep: Kwaliteitsgroep) -> Tabel:
    """Share of meldingen with unknown plaats delict, werkwijze and nationality, per reporter group.

    Protected roles get counts after disclosure control; the row totals are the same published cells as
    the meldingen counts elsewhere (the totals family by reporter's region, or the national breakdown by kind
    of reporter), fixed in this release.
    """
    kw = tel_kwaliteit(ctx.extract, periode, groep)
    niveau = "politie_eenheid" if groep is Kwaliteitsgroep.melder_regio else "melder_soort"
    if ctx.beleid is None:
        totaal: dict[str | None, Waarde] = {r: _exact(kw.meldingen.get(r, 0)) for r in kw.rijen}
        onbekend: dict[tuple[str | None, str], Waarde] = {
            (r, v): _exact(kw.onbekend.get((r, v), 0)) for r in kw.rijen for v in VELDEN
        }
        totaal[None] = _exact(sum(kw.meldingen.values()))
    else:
        vast = _vaste_totalen(ctx, periode, groep, niveau)
        splitsingen = [Splitsing((v, f"{v}_bekend"), groep=()) for v in VELDEN]
        fam = beveilig_familie(
            als_teller(kw), [Niveau(niveau, kw.rijen)], ctx.beleid, splitsingen=splitsingen, vast=vast
        )
        totaal = {r: waarde_van(fam.cel(niveau, r, None)) for r in kw.rijen}
        totaal[None] = waarde_van(fam.nationaal())
        onbekend = {(r, v): waarde_van(fam.cel(niveau, r, v)) for r in kw.rijen for v in VELDEN}
        for v in VELDEN:
            onbekend[(None, v)] = waarde_van(fam.nationaal(v))
    if ctx.beleid is None:
        for v in VELDEN:
            onbekend[(None, v)] = _exact(sum(kw.onbekend.get((r, v), 0) for r in kw.rijen))
    _ = vertaler(ctx.taal)
    kolommen = [
        Kolom("groep", _("code"), Kolomsoort.tekst),
        Kolom("label", groep.label(ctx.taal), Kolomsoort.tekst),
        Kolom("meldingen", _("meldingen")),
    ]
    for v in VELDEN:
        veld = _(VELD_LABELS[v])
        kolommen += [Kolom(f"{v}_onbekend", veld), Kolom(f"{v}_onbekend_aandeel", f"{veld} (%)", Kolomsoort.aandeel)]
    rijen = []
    for r in (*kw.rijen, None):
        if r is not None and not kw.meldingen.get(r) and groep is Kwaliteitsgroep.melder_soort:
            continue
        label = _groepslabel(ctx, groep, r)
        rij = [Waarde.van_tekst(r or "totaal"), Waarde.van_tekst(label), totaal[r]]
        for v in VELDEN:
            w = onbekend[(r, v)]
            aandeel = deel(w, totaal[r])
            rij += [
                w,
                Waarde(aandeel, format_getal(aandeel, Kolomsoort.aandeel, ctx.taal))
                if aandeel is not None
                else Waarde(
                    None, w.tekst if w.verborgen else "–", w.markering if w.verborgen else Markering.niet_beschikbaar
                ),
            ]
        rijen.append(tuple(rij))
    nl = rijen[-1]
    samenvatting = _(
        "Van de meldingen in {periode} had {plaats} geen bekende plaats delict, {werkwijze} geen bekende werkwijze en "
        "{nationaliteit} geen bekende nationaliteit.",
        periode=periode.label(ctx.taal),
        plaats=nl[4].tekst,
        werkwijze=nl[6].tekst,
        nationaliteit=nl[8].tekst,
    )
    meta_ctx = replace(ctx, basis=Gebiedsbasis.melder_regio)
    return Tabel(
        id=f"kwaliteit/{groep.value}/{periode.code}",
        titel=_("Datakwaliteit per {groep}, {periode}", groep=groep.label(ctx.taal), periode=periode.label(ctx.taal)),
        kolommen=tuple(kolommen),
        rijen=tuple(rijen),
        meta=meta_ctx.meta(periode.code, periode.label(ctx.taal), eenheid=Eenheid.meldingen),
        samenvatting=samenvatting,
        voetnoten=tuple(n for n in replace(ctx, eenheid=Eenheid.meldingen).voetnoten()),
    )


def _exact(n: int) -> Waarde:
    return Waarde(float(n), format_getal(n, Kolomsoort.aantal))


def _groepslabel(ctx: Context, groep: Kwaliteitsgroep, code: str | None) -> str:
    if code is None:
        _ = vertaler(ctx.taal)
        return _("totaal")
    if groep is Kwaliteitsgroep.melder_soort:
        return categorie_label(Uitsplitsing.melder_soort, code, ctx.taal)
    return gebiedsnaam(ctx.extract.referentie, Gebiedsniveau.politie_eenheid, code, ctx.taal)


def _vaste_totalen(
    ctx: Context, periode: Periode, groep: Kwaliteitsgroep, niveau: str
) -> dict[tuple[str, str | None, str | None], Cell]:
    """The published meldingen counts the quality table's totals must equal."""
    assert ctx.beleid is not None
    if groep is Kwaliteitsgroep.melder_regio:
        fam = totalen_familie(ctx.extract, ctx.beleid, periode, Eenheid.meldingen, Gebiedsbasis.melder_regio)
        return {(lvl, rij, None): cel for (lvl, rij, kol), cel in fam.cellen.items() if kol is None}
    uit, _, _ = uitsplitsing_familie(
        ctx.extract, ctx.beleid, periode, Eenheid.meldingen, Gebiedsbasis.plaats_delict, Uitsplitsing.melder_soort
    )
    vast: dict[tuple[str, str | None, str | None], Cell] = {}
    for kol in uit.kolommen:
        cel = uit.cel(NATIONAL, None, kol)
        if cel is not None:
            vast[(niveau, kol, None)] = cel
    totalen = totalen_familie(ctx.extract, ctx.beleid, periode, Eenheid.meldingen, Gebiedsbasis.plaats_delict)
    vast[(NATIONAL, None, None)] = totalen.nationaal()
    return vast
