# SPDX-License-Identifier: EUPL-1.2
"""Coverage of the care-coordination network: which gemeenten and regions have a zorgcoördinator and an
aandachtsfunctionaris, since when, and the map of it.

A zorgcoördinator registered with ``dekking = 'regio'`` (a centrumgemeente's coordinator) covers every gemeente
of the shelter region of its gemeente; one with ``dekking = 'gemeente'`` covers that gemeente only. An
aandachtsfunctionaris always serves one gemeente. Only organisations and contact roles are kept, no names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zicht.analysis.kaart import _vormen
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.reference._load import geojson_path
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import NetwerkFunctie
from zicht.taal import vertaler

FUNCTIES = ("zorgcoordinator", "aandachtsfunctionaris")


@dataclass(frozen=True)
class Gemeentedekking:
    """One gemeente: since when it has each function (None: none), and who provides its coordinator."""

    code: str
    naam: str
    regio: str
    zorgcoordinator_sinds: date | None
    zorgcoordinator_organisatie: str | None
    aandachtsfunctionaris_sinds: date | None


@dataclass(frozen=True)
class Regiodekking:
    """One region: gemeenten with each function out of all its gemeenten."""

    regio: str
    naam: str
    gemeenten: int
    met_zorgcoordinator: int
    met_aandachtsfunctionaris: int


@dataclass(frozen=True)
class Dekking:
    """Coverage on a day, by gemeente and by region, with the division used."""

    datum: date
    gemeenten: list[Gemeentedekking]
    regios: list[Regiodekking]
    indeling: str


def dekking(session: Session, referentie: Referentiedata, regios: Opvangregios, datum: date) -> Dekking:
    """Coverage of every gemeente on ``datum``. The network is not personal data: no logboek record."""
    stmt = select(NetwerkFunctie).where(
        NetwerkFunctie.sinds <= datum, or_(NetwerkFunctie.tot.is_(None), NetwerkFunctie.tot > datum)
    )
    zc: dict[str, tuple[date, str]] = {}
    af: dict[str, date] = {}
    for f in session.scalars(stmt):
        if f.functie == "aandachtsfunctionaris":
            af[f.gemeentecode] = min(af.get(f.gemeentecode, f.sinds), f.sinds)
            continue
        gedekt = regios.gemeenten(regios.regio_van.get(f.gemeentecode, "")) if f.dekking == "regio" else ()
        for gm in gedekt or (f.gemeentecode,):
            if gm not in zc or f.sinds < zc[gm][0]:
                zc[gm] = (f.sinds, f.organisatie)
    rijen = [
        Gemeentedekking(gm.code, gm.weergavenaam, regios.regio_van.get(gm.code, "onbekend"),
                        zc[gm.code][0] if gm.code in zc else None, zc[gm.code][1] if gm.code in zc else None,
                        af.get(gm.code))
        for gm in sorted(referentie.gemeenten.values(), key=lambda g: g.weergavenaam)
    ]  # fmt: skip
    per_regio = [
        Regiodekking(r, regios.naam(r), sum(1 for x in rijen if x.regio == r),
                     sum(1 for x in rijen if x.regio == r and x.zorgcoordinator_sinds),
                     sum(1 for x in rijen if x.regio == r and x.aandachtsfunctionaris_sinds))
        for r in regios.namen
    ]  # fmt: skip
    return Dekking(datum, rijen, per_regio, regios.omschrijving)


KLEUR_GEDEKT = "#3182bd"
KLEUR_HALF = "#bdd7e7"


def dekkingskaart(
    d: Dekking, referentie: Referentiedata, markeer: frozenset[str] = frozenset(), taal: str = "nl"
) -> str:
    """The coverage map as SVG (texts in ``taal``): dark blue both functions, light blue one, dotted none (never
    colour alone: every area has a title, and the table beside the map carries the same facts)."""
    _ = vertaler(taal)
    titel = _("Dekking zorgcoördinatoren en aandachtsfunctionarissen per gemeente")
    beschrijving = _.ngettext(
        "{n} van {totaal} gemeenten heeft een zorgcoördinator; de tabel naast de kaart geeft elke gemeente.",
        "{n} van {totaal} gemeenten hebben een zorgcoördinator; de tabel naast de kaart geeft elke gemeente.",
        sum(1 for g in d.gemeenten if g.zorgcoordinator_sinds),
        totaal=len(d.gemeenten),
    )
    ja, nee = _("ja"), _("nee")
    vormen, box = _vormen(str(geojson_path(referentie.bron_dir, Gebiedsniveau.gemeente.value)), "gemeentecode")
    per_code = {g.code: g for g in d.gemeenten}
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {box[2] + 170:.0f} {box[3]:.0f}" role="img" '
        'aria-labelledby="dekking-titel dekking-beschrijving" class="mh-kaart">',
        f'<title id="dekking-titel">{escape(titel)}</title>',
        f'<desc id="dekking-beschrijving">{escape(beschrijving)}</desc>',
        '<defs><pattern id="dekking-geen" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="0.9" fill="#6b6b6b"/></pattern></defs>',
    ]
    for vorm in vormen:
        g = per_code.get(vorm.code)
        if g is None:
            continue
        n = bool(g.zorgcoordinator_sinds) + bool(g.aandachtsfunctionaris_sinds)
        vulling = KLEUR_GEDEKT if n == 2 else KLEUR_HALF if n == 1 else "url(#dekking-geen)"
        tekst = _(
            "{gemeente}: zorgcoördinator {zc}, aandachtsfunctionaris {af}",
            gemeente=g.naam,
            zc=ja if g.zorgcoordinator_sinds else nee,
            af=ja if g.aandachtsfunctionaris_sinds else nee,
        )
        rand = ' stroke-width="1.6" stroke="#000000"' if g.code in markeer else ' stroke-width="0.4" stroke="#4b4b4b"'
        delen.append(f'<path d="{vorm.pad}" fill="{vulling}"{rand}><title>{escape(tekst)}</title></path>')
    x = box[2] + 10
    legenda = ((KLEUR_GEDEKT, _("beide functies")), (KLEUR_HALF, _("één functie")), ("url(#dekking-geen)", _("geen")))
    for i, (vulling, label) in enumerate(legenda):
        y = 20 + i * 24
        delen.append(f'<rect x="{x:.0f}" y="{y}" width="16" height="16" fill="{vulling}" stroke="#4b4b4b"/>'
                     f'<text x="{x + 22:.0f}" y="{y + 13}" font-size="12">{escape(label)}</text>')  # fmt: skip
    delen.append("</svg>")
    return "".join(delen)
