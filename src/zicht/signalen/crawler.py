# SPDX-License-Identifier: EUPL-1.2
"""A polite crawler for ad sites, behind a site-adapter interface (issue 17 item 1).

**Off by default, and legally unsettled.** Dutch courts have not confirmed a legal basis for the police's
trafficking crawler, and for a municipality there is none today (``../shared/docs/signals.md`` §4.1, §4.4).
The crawler only runs when ``signalen_crawler_hosts`` lists hosts (``ZICHT_SIGNALEN_CRAWLER_HOSTS``); the
organisation running it answers for its legal basis, purpose binding and DPIA. What it fetches goes through the
same minimisation as a file import (:mod:`zicht.signalen.verwerk`: contacts hashed, raw text only for
queued clusters, short retention). No photos are fetched.

Politeness, all enforced here and not left to an adapter:

* only hosts on the allow-list are fetched (links elsewhere are counted, never followed);
* ``robots.txt`` of each host is read first (:mod:`urllib.robotparser`, with this crawler's user agent) and
  a disallowed URL is never requested; a ``robots.txt`` answering 401/403 disallows the whole host, a 404
  allows it (the usual convention, as :meth:`urllib.robotparser.RobotFileParser.read` does);
* per host at most one request per ``interval`` seconds: the larger of the configured delay, the host's
  ``Crawl-delay`` and its ``Request-rate`` (the robots.txt request counts too);
* a user agent naming the operator and a contact address;
* at most ``max_paginas`` pages (robots.txt excluded) and ``max_bytes`` per response.

A :class:`SiteAdapter` knows one site's pages: which links to follow and how an ad page becomes an ingest row
(the columns of :mod:`zicht.signalen.ingest`). :class:`GemarkeerdeAdapter` reads pages whose ads carry
``data-veld`` attributes (the local fake site in the tests, and an export format a platform can serve); a
real site needs its own adapter. The clock is injectable, so the tests check the delays without sleeping.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from zicht.signalen.ingest import KOLOMMEN

VERSIE = "1.0"


class CrawlerUit(RuntimeError):
    """The crawler is not enabled in this deployment (no allow-listed hosts)."""


class Klok(Protocol):
    """Monotonic time and sleeping; a fake in the tests."""

    def nu(self) -> float: ...

    def slaap(self, seconden: float) -> None: ...


class Systeemklok:
    """The real clock."""

    def nu(self) -> float:
        return time.monotonic()

    def slaap(self, seconden: float) -> None:
        time.sleep(seconden)


@dataclass(frozen=True)
class Antwoord:
    """One HTTP response as the crawler needs it (``doorverwijzing``: the Location of a redirect)."""

    status: int
    inhoud: str
    content_type: str = "text/html"
    doorverwijzing: str | None = None


class _GeenDoorverwijzing(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed by urllib: the crawler queues the target, which then passes the
    allow-list and robots.txt like any link."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_GeenDoorverwijzing)


Ophaler = Callable[[str, str, float, int], Antwoord]
"""``(url, user_agent, timeout, max_bytes) -> Antwoord``."""


def http_ophalen(url: str, user_agent: str, timeout: float, max_bytes: int) -> Antwoord:
    """GET over HTTP(S) with the user agent; no cookies; a redirect is returned, not followed."""
    verzoek = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,text/plain"})  # noqa: S310 (scheme checked by the crawler)
    try:
        with _OPENER.open(verzoek, timeout=timeout) as r:
            data = r.read(max_bytes + 1)[:max_bytes]
            charset = r.headers.get_content_charset() or "utf-8"
            return Antwoord(r.status, data.decode(charset, "replace"), r.headers.get_content_type())
    except urllib.error.HTTPError as e:
        doel = e.headers.get("Location") if 300 <= e.code < 400 and e.headers else None
        return Antwoord(e.code, "", doorverwijzing=urljoin(url, doel) if doel else None)
    except (urllib.error.URLError, TimeoutError, OSError):
        return Antwoord(599, "")


@dataclass(frozen=True)
class CrawlInstellingen:
    """What the operator sets for one crawl."""

    toegestane_hosts: frozenset[str]
    operator: str
    contact: str
    vertraging: float = 5.0
    max_paginas: int = 500
    max_bytes: int = 1_000_000
    timeout: float = 20.0

    def __post_init__(self) -> None:
        if not self.toegestane_hosts:
            raise CrawlerUit("geen toegestane hosts: de crawler staat uit (signalen_crawler_hosts)")
        if not self.operator.strip() or ("@" not in self.contact and "://" not in self.contact):
            raise ValueError("de user agent moet de operator en een contactadres (e-mail of URL) noemen")
        if self.vertraging < 1.0:
            raise ValueError("vertraging van minstens 1 seconde per host")
        if self.max_paginas < 1:
            raise ValueError("max_paginas moet minstens 1 zijn")

    @property
    def user_agent(self) -> str:
        """Identifies the software and the operator, with a contact (``+`` convention)."""
        return f"zicht-signalen/{VERSIE} (operator: {self.operator.strip()}; +{self.contact.strip()})"


class SiteAdapter(Protocol):
    """One site's page structure."""

    def links(self, url: str, html: str) -> Sequence[str]:
        """Absolute URLs on this page to follow (listing and ad pages)."""
        ...

    def advertentie(self, url: str, html: str) -> dict[str, object] | None:
        """The ingest row of an ad page (columns of :data:`zicht.signalen.ingest.KOLOMMEN`), or None."""
        ...


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.velden: dict[str, str] = {}
        self.artikel: dict[str, str] | None = None
        self._veld: str | None = None
        self._diepte = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "article" and "advertentie" in a.get("class", "").split():
            self.artikel = a
        if "data-veld" in a:
            self._veld, self._diepte = a["data-veld"], 0
            self.velden.setdefault(self._veld, "")
        elif self._veld is not None:
            self._diepte += 1

    def handle_endtag(self, tag: str) -> None:
        if self._veld is not None:
            if self._diepte == 0:
                self._veld = None
            else:
                self._diepte -= 1

    def handle_data(self, data: str) -> None:
        if self._veld is not None:
            self.velden[self._veld] += data


class GemarkeerdeAdapter:
    """Pages whose ad sits in ``<article class="advertentie" data-id=… data-geplaatst=…>`` with its fields in
    elements carrying ``data-veld="titel|tekst|stad|prijs|telefoon|email|handle"``. Follows every ``<a href>``
    (the crawler filters by host and robots.txt)."""

    def links(self, url: str, html: str) -> Sequence[str]:
        lezer = _Lezer()
        lezer.feed(html)
        return [urldefrag(urljoin(url, h)).url for h in lezer.links]

    def advertentie(self, url: str, html: str) -> dict[str, object] | None:
        lezer = _Lezer()
        lezer.feed(html)
        if lezer.artikel is None:
            return None
        rij: dict[str, object] = {k: "" for k in KOLOMMEN}
        rij.update({k: " ".join(v.split()) for k, v in lezer.velden.items() if k in KOLOMMEN})
        rij["tekst"] = lezer.velden.get("tekst", "").strip()
        rij["site"] = urlsplit(url).netloc.lower()
        rij["advertentie_id"] = lezer.artikel.get("data-id") or urlsplit(url).path
        rij["geplaatst_op"] = lezer.artikel.get("data-geplaatst", "")
        return rij if rij["geplaatst_op"] else None


@dataclass
class CrawlVerslag:
    """What a crawl did, for the run's log (URLs are of public pages; no ad content)."""

    opgehaald: list[str] = field(default_factory=list)
    robots_geweigerd: list[str] = field(default_factory=list)
    buiten_allowlist: int = 0
    fouten: dict[str, int] = field(default_factory=dict)
    advertenties: int = 0
    gestopt_op_max: bool = False

    def samenvatting(self) -> dict[str, object]:
        return {
            "opgehaald": len(self.opgehaald),
            "robots_geweigerd": len(self.robots_geweigerd),
            "buiten_allowlist": self.buiten_allowlist,
            "fouten": dict(self.fouten),
            "advertenties": self.advertenties,
            "gestopt_op_max": self.gestopt_op_max,
        }


class Crawler:
    """Breadth-first crawl from one start URL over allow-listed hosts, politely."""

    def __init__(
        self,
        instellingen: CrawlInstellingen,
        adapter: SiteAdapter | None = None,
        *,
        ophaler: Ophaler = http_ophalen,
        klok: Klok | None = None,
    ) -> None:
        self.inst = instellingen
        self.adapter = adapter or GemarkeerdeAdapter()
        self.ophaler = ophaler
        self.klok = klok or Systeemklok()
        self.verslag = CrawlVerslag()
        self._robots: dict[str, RobotFileParser] = {}
        self._interval: dict[str, float] = {}
        self._vorige: dict[str, float] = {}

    def _host(self, url: str) -> str | None:
        delen = urlsplit(url)
        if delen.scheme not in ("http", "https") or not delen.hostname:
            return None
        host = delen.hostname.lower()
        return delen.netloc.lower() if host in self.inst.toegestane_hosts else None

    def _wacht_en_haal(self, host: str, url: str) -> Antwoord:
        interval = self._interval.get(host, self.inst.vertraging)
        if host in self._vorige:
            wachten = self._vorige[host] + interval - self.klok.nu()
            if wachten > 0:
                self.klok.slaap(wachten)
        self._vorige[host] = self.klok.nu()
        return self.ophaler(url, self.inst.user_agent, self.inst.timeout, self.inst.max_bytes)

    def _robots_voor(self, url: str, host: str) -> RobotFileParser:
        if host not in self._robots:
            delen = urlsplit(url)
            robots_url = f"{delen.scheme}://{delen.netloc}/robots.txt"
            parser = RobotFileParser(robots_url)
            antwoord = self._wacht_en_haal(host, robots_url)
            if 200 <= antwoord.status < 300:
                parser.parse(antwoord.inhoud.splitlines())
            elif antwoord.status in (401, 403) or antwoord.status >= 500:
                parser.parse(["User-agent: *", "Disallow: /"])  # forbidden or unreachable: nothing allowed
            else:
                parser.parse([])  # no robots.txt: everything allowed
            ua = self.inst.user_agent
            interval = self.inst.vertraging
            vertraging = parser.crawl_delay(ua)
            if vertraging is not None:
                interval = max(interval, float(vertraging))
            tempo = parser.request_rate(ua)
            if tempo is not None and tempo.requests > 0:
                interval = max(interval, tempo.seconds / tempo.requests)
            self._interval[host] = interval
            self._robots[host] = parser
        return self._robots[host]

    def crawl(self, start: str) -> Iterator[dict[str, object]]:
        """Ingest rows of the ad pages reachable from ``start``."""
        if self._host(start) is None:
            raise ValueError("de start-URL staat niet op de allow-list (signalen_crawler_hosts)")
        rij: deque[str] = deque([urldefrag(start).url])
        gezien = set(rij)
        while rij:
            url = rij.popleft()
            host = self._host(url)
            if host is None:
                self.verslag.buiten_allowlist += 1
                continue
            if not self._robots_voor(url, host).can_fetch(self.inst.user_agent, url):
                self.verslag.robots_geweigerd.append(url)
                continue
            if len(self.verslag.opgehaald) >= self.inst.max_paginas:
                self.verslag.gestopt_op_max = True
                break
            antwoord = self._wacht_en_haal(host, url)
            self.verslag.opgehaald.append(url)
            if antwoord.doorverwijzing is not None:
                doel = urldefrag(antwoord.doorverwijzing).url
                if doel not in gezien:
                    gezien.add(doel)
                    rij.append(doel)  # checked against the allow-list and robots.txt like any link
            if antwoord.status != 200 or antwoord.content_type not in ("text/html", "application/xhtml+xml"):
                sleutel = str(antwoord.status) if antwoord.status != 200 else "geen_html"
                self.verslag.fouten[sleutel] = self.verslag.fouten.get(sleutel, 0) + 1
                continue
            ad = self.adapter.advertentie(url, antwoord.inhoud)
            if ad is not None:
                self.verslag.advertenties += 1
                yield ad
            for link in self.adapter.links(url, antwoord.inhoud):
                if link not in gezien:
                    gezien.add(link)
                    rij.append(link)


def hosts_uit_instelling(waarde: str) -> frozenset[str]:
    """Normalised host names of the ``signalen_crawler_hosts`` setting (comma-separated)."""
    return frozenset(h.strip().lower() for h in waarde.split(",") if h.strip())
