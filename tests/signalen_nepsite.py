# SPDX-License-Identifier: EUPL-1.2
"""A local fake ad site for the signalen crawler tests: a tiny HTTP server on 127.0.0.1 serving an index,
ad pages (synthetic ads), a ``robots.txt`` that disallows ``/prive/`` with a crawl delay, a disallowed page,
a link to a host outside the allow-list, and redirects to that host and to the disallowed path. It records every request (path and user agent)."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROBOTS = "User-agent: *\nDisallow: /prive/\nCrawl-delay: 3\n"


def advertentiepagina(ad: dict[str, object]) -> str:
    velden = "".join(
        f'<p data-veld="{k}">{html.escape(str(ad.get(k) or ""))}</p>'
        for k in ("titel", "tekst", "stad", "prijs", "telefoon", "email", "handle")
    )
    return (
        f'<html><body><article class="advertentie" data-id="{html.escape(str(ad["advertentie_id"]))}" '
        f'data-geplaatst="{html.escape(str(ad["geplaatst_op"]))}">{velden}</article>'
        '<a href="/">terug</a><a href="/prive/klantenlijst">klanten</a></body></html>'
    )


@dataclass
class Nepsite:
    """The running site: its base URL and the requests it received."""

    basis: str
    verzoeken: list[tuple[str, str]] = field(default_factory=list)

    @property
    def paden(self) -> list[str]:
        return [p for p, _ in self.verzoeken]


@contextmanager
def nepsite(ads: Sequence[dict[str, object]], robots: str = ROBOTS) -> Iterator[Nepsite]:
    pagina_s = {f"/advertenties/{i}": advertentiepagina(ad) for i, ad in enumerate(ads)}
    links = "".join(f'<a href="/advertenties/{i}">advertentie {i}</a>' for i in range(len(ads)))
    index = (
        f"<html><body>{links}<a href='/prive/geheim'>geheim</a>"
        "<a href='http://elders.invalid/advertenties/1'>elders</a><a href='/bestaat-niet'>weg</a>"
        "<a href='/naar-elders'>weg</a><a href='/naar-prive'>weg</a></body></html>"
    )
    pagina_s["/"] = index
    pagina_s["/prive/geheim"] = "<html><body>niet ophalen</body></html>"
    site = Nepsite("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.verzoeken.append((self.path, self.headers.get("User-Agent", "")))
            if self.path in ("/naar-elders", "/naar-prive"):
                self.send_response(302)
                doel = "http://elders.invalid/x" if self.path == "/naar-elders" else "/prive/via-omweg"
                self.send_header("Location", doel)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path == "/robots.txt":
                body, soort, status = robots.encode(), "text/plain", 200
            elif self.path in pagina_s:
                body, soort, status = pagina_s[self.path].encode(), "text/html; charset=utf-8", 200
            else:
                body, soort, status = b"weg", "text/plain", 404
            self.send_response(status)
            self.send_header("Content-Type", soort)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.basis = f"http://127.0.0.1:{server.server_address[1]}"
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
