# SPDX-License-Identifier: EUPL-1.2
"""Every page in both languages, and the breadcrumb trail of every page (issue 14 items 2 and 4).

The pages are found the way the authorisation matrix finds them (every GET route of the app with its one access
declaration, the matrix's objects filling the path), and every page a role may open is rendered in English and in
Dutch, plus a few pages with the parameters that make them show tables. On the visible text (no ``<code>``,
``<script>``, ``<style>``, nothing hidden, no ``title`` of the document):

* an English page shows no text that is a Dutch source text of the catalogue with another English translation,
  none of a small list of common Dutch words, and no stored code (a multi-word codebook code such as
  ``nationale_politie``, or ``soort:code``); text marked as Dutch (``lang="nl"``) is allowed only where
  :data:`NEDERLANDS_GEMARKEERD` says why;
* a Dutch page shows no stored code either;
* every page below the top level has one breadcrumb trail (``<nav aria-label>`` with an ordered list, Start first,
  the page itself last with ``aria-current="page"``), every link of which answers 200 for the same user; the start
  page and the menu entries have none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from tests.integration.test_web_autorisatiematrix import _client, _eis, _pad, _routes, _verwachting
from tests.integration.test_web_autorisatiematrix import bed as bed  # the matrix's objects (module fixture)
from tests.web_support import WebBed
from zicht.codebook import alle_codelijsten
from zicht.taal import po_bestand

ROLLEN = ("anoniem", "melder", "analist", "identiteit", "gemeente", "opvang", "beheerder")
TALEN = ("nl", "en")
#: Pages that need parameters to show their tables (per role that may open them).
MET_PARAMETERS = {
    "analist": (
        "/statistieken?periode=2024&niveau=veiligheidsregio&gebied=VR09",
        "/statistieken/vergelijken?periode=2024&niveau=gemeente&gebied=GM0344",
        "/analyse/meldingen?jaar=2024",
        "/analyse/ijsberg?jaar=2024",
    ),
    "gemeente": ("/statistieken?periode=2024&niveau=gemeente&gebied=GM0344",),
    "melder": ("/meldingen?sorteer=melddatum_op",),
}
#: Common Dutch words that no English sentence of the interface contains (place and organisation names in the
#: test data contain none of them either).
NEDERLANDSE_WOORDEN = frozenset(
    [
        "een",
        "niet",
        "geen",
        "voor",
        "naar",
        "wordt",
        "worden",
        "zijn",
        "deze",
        "dit",
        "kunt",
        "uw",
        "ook",
        "nog",
        "alle",
        "meldingen",
        "melding",
        "gegevens",
        "kies",
        "opslaan",
        "terug",
        "onbekend",
        "aantal",
        "bekijk",
        "zoeken",
        "wijzigen",
        "verwijderen",
        "toevoegen",
        "bestand",
        "persoon",
        "personen",
        "waarde",
        "jaar",
        "gebied",
        "totaal",
        "afgeschermd",
    ]
)
_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z_]+:[a-z_]+\b")
#: Pages that may show text marked ``lang="nl"`` on an English page, and why.
NEDERLANDS_GEMARKEERD: dict[str, str] = {}


@dataclass
class Tekst(HTMLParser):
    """The visible text of a page (text nodes and the accessible attributes), and its breadcrumb trails."""

    taal: str = "nl"
    teksten: list[str] = field(default_factory=list)
    anderstalig: list[str] = field(default_factory=list)
    kruimelpaden: list[dict[str, object]] = field(default_factory=list)
    _stapel: list[tuple[str, bool, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    @property
    def _verborgen(self) -> bool:
        return any(verborgen for _, verborgen, _anders in self._stapel)

    @property
    def _anders(self) -> bool:
        return any(anders for _, _verborgen, anders in self._stapel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        verborgen = (
            tag in ("script", "style", "code", "template", "title")
            or "hidden" in a
            or a.get("aria-hidden") == "true"
            or "hreflang" in a  # the language switch names the other language in that language
        )
        anders = tag != "html" and a.get("lang") not in (None, self.taal)
        if tag not in ("input", "meta", "link", "br", "img", "hr", "source", "col", "area", "wbr"):
            self._stapel.append((tag, verborgen, anders))
        if not (self._verborgen or verborgen):
            self.teksten += [v for k, v in attrs if k in ("aria-label", "title", "alt", "placeholder") and v]
        if tag == "nav" and "utrecht-breadcrumb-nav" in (a.get("class") or ""):
            self.kruimelpaden.append({"label": a.get("aria-label"), "stappen": []})
        if tag == "a" and self.kruimelpaden and "utrecht-breadcrumb-nav__link" in (a.get("class") or ""):
            stappen = self.kruimelpaden[-1]["stappen"]
            assert isinstance(stappen, list)
            stappen.append((a.get("href"), a.get("aria-current")))

    def handle_endtag(self, tag: str) -> None:
        while self._stapel:
            if self._stapel.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._verborgen:
            (self.anderstalig if self._anders else self.teksten).append(" ".join(data.split()))


@dataclass(frozen=True)
class Pagina:
    rol: str
    url: str
    taal: str
    tekst: Tekst
    sjabloon: str | None  # the route's path template (None for the extra pages with parameters)


def _met_taal(url: str, taal: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={taal}"


def _te_bezoeken(bed: WebBed, rol: str) -> Iterator[tuple[str, str | None]]:
    for prefix, pad, route in _routes(bed):
        if prefix or "GET" not in (route.methods or set()) or pad.startswith("/static"):
            continue
        if _verwachting(_eis(route), rol, pad, api=False) == "ok":
            yield _pad(pad, bed, geraden=False), pad
    for url in MET_PARAMETERS.get(rol, ()):
        yield url, None


@pytest.fixture(scope="module")
def paginas(bed: WebBed) -> list[Pagina]:
    """Every HTML page each role may open, in both languages."""
    gevonden = []
    for rol in ROLLEN:
        client, _ = _client(bed, rol)
        for url, sjabloon in _te_bezoeken(bed, rol):
            for taal in TALEN:
                r = client.get(_met_taal(url, taal))
                if r.status_code != 200 or not r.headers.get("content-type", "").startswith("text/html"):
                    continue
                if "<html" not in r.text or "attachment" in r.headers.get("content-disposition", ""):
                    continue  # an htmx fragment or a download
                tekst = Tekst(taal=taal)
                tekst.feed(r.text)
                gevonden.append(Pagina(rol, url, taal, tekst, sjabloon))
    return gevonden


@cache
def _nederlandse_bronteksten() -> frozenset[str]:
    """Dutch source texts whose English is different (a Dutch word that is English too is no finding)."""
    with po_bestand("en").open("rb") as f:
        catalogus = read_po(f, locale="en")
    teksten = set()
    for m in catalogus:
        if not m.id:
            continue
        for nl, en in zip(
            m.id if isinstance(m.id, tuple) else (m.id,),
            m.string if isinstance(m.string, tuple) else (m.string,),
            strict=False,
        ):
            if "{" not in nl and nl.strip().lower() != (en or "").strip().lower():
                teksten.add(" ".join(nl.split()))
    return frozenset(teksten)


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.code for lijst in alle_codelijsten().values() for c in lijst.codes if "_" in c.code)


def test_de_rondgang_bezoekt_elke_rol_en_taal(paginas: list[Pagina]) -> None:
    per_rol = {rol: {p.url for p in paginas if p.rol == rol} for rol in ROLLEN}
    assert len(paginas) > 150
    assert all(len(urls) >= 3 for urls in per_rol.values()), {r: len(u) for r, u in per_rol.items()}
    assert {p.taal for p in paginas} == set(TALEN)


def test_een_engelse_pagina_toont_geen_nederlands_en_geen_codes(paginas: list[Pagina]) -> None:
    bron = _nederlandse_bronteksten()
    codes = _codes()
    gevonden: dict[str, list[str]] = {}
    for p in paginas:
        if p.taal != "en":
            continue
        fout = [f"Dutch text {t!r}" for t in p.tekst.teksten if t in bron]
        woorden = {w.lower() for t in p.tekst.teksten for w in re.findall(r"[A-Za-zÀ-ÿ]+", t)}
        fout += [f"Dutch word {w!r}" for w in sorted(woorden & NEDERLANDSE_WOORDEN)]
        fout += [f"code {c!r}" for t in p.tekst.teksten for c in _CODE.findall(t) if c in codes or ":" in c]
        if p.tekst.anderstalig and p.sjabloon not in NEDERLANDS_GEMARKEERD:
            fout.append(f"text marked as Dutch: {p.tekst.anderstalig[:3]}")
        if fout:
            gevonden[f"{p.rol} {p.url}"] = sorted(set(fout))[:10]
    assert not gevonden, "\n".join(f"{k}: {v}" for k, v in gevonden.items())


def test_een_nederlandse_pagina_toont_geen_codes(paginas: list[Pagina]) -> None:
    codes = _codes()
    gevonden = {
        f"{p.rol} {p.url}": fout
        for p in paginas
        if p.taal == "nl"
        and (fout := sorted({c for t in p.tekst.teksten for c in _CODE.findall(t) if c in codes or ":" in c}))
    }
    assert not gevonden, gevonden


# ---- breadcrumbs -----------------------------------------------------------------------------------------------


def _toplevel(bed: WebBed) -> set[str]:
    return {"/"} | {item.pad for f in bed.app.state.zicht.features for item in f.nav}


def test_elke_pagina_onder_het_hoogste_niveau_heeft_een_kruimelpad(bed: WebBed, paginas: list[Pagina]) -> None:
    top = _toplevel(bed)
    fout = []
    for p in paginas:
        if p.rol == "anoniem" or p.sjabloon is None or p.sjabloon == "/ui":
            continue  # the UI gallery shows an example trail among the other components
        paden = p.tekst.kruimelpaden
        if p.sjabloon in top:
            if paden:
                fout.append(f"{p.rol} {p.url}: a top-level page has a breadcrumb trail")
            continue
        if len(paden) != 1:
            fout.append(f"{p.rol} {p.url}: {len(paden)} breadcrumb trails")
            continue
        stappen = paden[0]["stappen"]
        assert isinstance(stappen, list)
        label = paden[0]["label"]
        verwacht_label = "Kruimelpad" if p.taal == "nl" else "Breadcrumbs"
        if label != verwacht_label:
            fout.append(f"{p.rol} {p.url}: aria-label {label!r}")
        if len(stappen) < 2 or stappen[0] != ("/", None):
            fout.append(f"{p.rol} {p.url}: the trail does not start at Start: {stappen}")
        huidig = [s for s in stappen if s[1] == "page"]
        if huidig != [stappen[-1]] or stappen[-1][0] != p.url.split("?")[0]:
            fout.append(f"{p.rol} {p.url}: the page itself is not the one aria-current step at the end: {stappen}")
    assert not fout, "\n".join(fout)


def test_elke_stap_van_een_kruimelpad_opent_voor_dezelfde_gebruiker(bed: WebBed, paginas: list[Pagina]) -> None:
    gecontroleerd: dict[tuple[str, str], int] = {}
    for p in paginas:
        if p.taal != "nl" or not p.tekst.kruimelpaden:
            continue
        stappen = p.tekst.kruimelpaden[0]["stappen"]
        assert isinstance(stappen, list)
        client = None
        for href, _ in stappen:
            if (p.rol, href) in gecontroleerd:
                continue
            client = client or _client(bed, p.rol)[0]
            gecontroleerd[(p.rol, href)] = client.get(href).status_code
    assert len(gecontroleerd) > 40
    kapot = {k: v for k, v in gecontroleerd.items() if v != 200}
    assert not kapot, kapot


def test_elke_pagina_is_gedeclareerd(bed: WebBed, paginas: list[Pagina]) -> None:
    """Every HTML page a logged-in user can reach has a title for the trail, or is a top-level page."""
    gedeclareerd = set(bed.app.state.zicht.kruimelpad.titels)
    zonder = sorted(
        {p.sjabloon for p in paginas if p.rol != "anoniem" and p.sjabloon and p.sjabloon not in gedeclareerd}
    )
    assert not zonder, zonder


def test_een_analist_komt_via_de_landelijke_lijst_bij_een_melding(bed: WebBed, paginas: list[Pagina]) -> None:
    melding = bed.extra["melding"]
    trail = {
        p.rol: [href for href, _ in p.tekst.kruimelpaden[0]["stappen"]]  # type: ignore[union-attr]
        for p in paginas
        if p.url == f"/meldingen/{melding}/corrigeren" and p.taal == "nl"
    }
    assert trail["melder"] == ["/", "/meldingen", f"/meldingen/{melding}", f"/meldingen/{melding}/corrigeren"]
    assert trail["analist"] == ["/", "/analyse/meldingen", f"/meldingen/{melding}", f"/meldingen/{melding}/corrigeren"]


def test_een_foutpagina_heeft_geen_kruimelpad(bed: WebBed) -> None:
    """A refused or unknown page shows no trail (it would echo the object of a page that is not shown)."""
    client = _client(bed, "melder")[0]
    for url, status in ((f"/meldingen/{bed.extra['melding']}/identiteit", 403), ("/beheer/gebruikers/x", 403)):
        r = client.get(url)
        assert r.status_code == status and "utrecht-breadcrumb-nav" not in r.text, url
