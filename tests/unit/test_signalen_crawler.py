# SPDX-License-Identifier: EUPL-1.2
"""The signalen crawler against a local fake site only: robots.txt obeyed (a disallowed page is never
requested), the delay per host respected (on a fake clock), only allow-listed hosts, a user agent naming the
operator, a page limit, and the ads ingested into the pipeline."""

from __future__ import annotations

import itertools

import pytest

from tests.signalen_nepsite import nepsite
from tests.signalen_support import REFERENCE_DIR
from zicht.reference import load_reference
from zicht.signalen.crawler import Antwoord, Crawler, CrawlerUit, CrawlInstellingen, http_ophalen
from zicht.signalen.pijplijn import verwerk
from zicht.signalen.verwerk import sleutel_pseudoniem
from zicht.synth.advertenties import WereldConfig, genereer


class NepKlok:
    def __init__(self) -> None:
        self.t = 1000.0
        self.slapen: list[float] = []

    def nu(self) -> float:
        return self.t

    def slaap(self, seconden: float) -> None:
        self.slapen.append(seconden)
        self.t += seconden


def _inst(**kw: object) -> CrawlInstellingen:
    basis: dict[str, object] = {
        "toegestane_hosts": frozenset({"127.0.0.1"}),
        "operator": "politie-demo",
        "contact": "internetteam@example.org",
        "vertraging": 2.0,
        "max_paginas": 100,
    }
    basis.update(kw)
    return CrawlInstellingen(**basis)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ads() -> list[dict[str, object]]:
    return genereer(WereldConfig(advertenties=40, seed=3)).advertenties


def test_crawl_volgt_robots_vertraging_en_allowlist(ads: list[dict[str, object]]) -> None:
    klok = NepKlok()
    momenten: list[tuple[float, str]] = []

    def ophaler(url: str, ua: str, timeout: float, max_bytes: int) -> Antwoord:
        momenten.append((klok.nu(), url))
        return http_ophalen(url, ua, timeout, max_bytes)

    with nepsite(ads) as site:
        crawler = Crawler(_inst(), ophaler=ophaler, klok=klok)
        rijen = list(crawler.crawl(site.basis + "/"))
        paden = site.paden
        agents = {ua for _, ua in site.verzoeken}

    # robots.txt first, and nothing under /prive/ is ever requested
    assert paden[0] == "/robots.txt"
    assert not [p for p in paden if p.startswith("/prive/")]
    assert any(u.endswith("/prive/geheim") for u in crawler.verslag.robots_geweigerd)
    assert any(u.endswith("/prive/klantenlijst") for u in crawler.verslag.robots_geweigerd)
    # the host outside the allow-list is never fetched (only counted)
    assert crawler.verslag.buiten_allowlist == 2  # a link and a redirect to elders.invalid
    assert any(u.endswith("/prive/via-omweg") for u in crawler.verslag.robots_geweigerd)  # redirect into /prive/
    assert all(u.startswith(site.basis) for _, u in momenten)
    # one user agent, naming the operator and a contact
    assert agents == {"zicht-signalen/1.0 (operator: politie-demo; +internetteam@example.org)"}
    # Crawl-delay: 3 in robots.txt beats the configured 2 s: every gap to the same host is >= 3 s
    gaten = [b[0] - a[0] for a, b in itertools.pairwise(momenten)]
    assert gaten and min(gaten) >= 3.0 - 1e-9
    assert sum(klok.slapen) >= 3.0 * (len(momenten) - 1) - 1e-6
    # every ad ingested, once, with its fields; the 404 is counted
    assert len(rijen) == len(ads) == crawler.verslag.advertenties
    per_id = {str(r["advertentie_id"]): r for r in rijen}
    for ad in ads:
        r = per_id[str(ad["advertentie_id"])]
        assert r["stad"] == ad["stad"] and str(r["geplaatst_op"]) == str(ad["geplaatst_op"])
        assert " ".join(str(r["tekst"]).split()) == " ".join(str(ad["tekst"]).split())
        assert r["site"] == site.basis.removeprefix("http://")
    assert crawler.verslag.fouten == {"404": 1, "302": 2}
    res = verwerk(rijen, load_reference(REFERENCE_DIR), sleutel_pseudoniem(b"test"))
    assert len(res.ads) == len(ads) and res.clusters


def test_max_paginas_en_strengere_robots(ads: list[dict[str, object]]) -> None:
    klok = NepKlok()
    with nepsite(ads[:10]) as site:
        crawler = Crawler(_inst(max_paginas=4), klok=klok)
        rijen = list(crawler.crawl(site.basis + "/"))
        assert len([p for p in site.paden if p != "/robots.txt"]) == 4
    assert crawler.verslag.gestopt_op_max and len(rijen) == 3

    with nepsite(ads[:5], robots="User-agent: zicht-signalen\nDisallow: /\n") as site:
        crawler = Crawler(_inst(), klok=NepKlok())
        assert list(crawler.crawl(site.basis + "/")) == []
        assert site.paden == ["/robots.txt"]

    with nepsite(ads[:5], robots="User-agent: *\nRequest-rate: 1/10\nDisallow: /prive/\n") as site:
        klok = NepKlok()
        momenten: list[float] = []

        def ophaler(url: str, ua: str, timeout: float, max_bytes: int) -> Antwoord:
            momenten.append(klok.nu())
            return http_ophalen(url, ua, timeout, max_bytes)

        assert len(list(Crawler(_inst(), ophaler=ophaler, klok=klok).crawl(site.basis + "/"))) == 5
        assert min(b - a for a, b in itertools.pairwise(momenten)) >= 10.0 - 1e-9


def test_instellingen_weigeren_onveilig_gebruik() -> None:
    with pytest.raises(CrawlerUit):
        _inst(toegestane_hosts=frozenset())
    with pytest.raises(ValueError, match="operator"):
        _inst(contact="anoniem")
    with pytest.raises(ValueError, match="vertraging"):
        _inst(vertraging=0.1)
    with pytest.raises(ValueError, match="allow-list"):
        list(Crawler(_inst()).crawl("http://elders.invalid/"))
    with pytest.raises(ValueError, match="allow-list"):
        list(Crawler(_inst()).crawl("file:///etc/passwd"))
