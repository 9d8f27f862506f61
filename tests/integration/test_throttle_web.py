# SPDX-License-Identifier: EUPL-1.2
"""Login throttling through the pages (429 with Retry-After, the owner gets in from elsewhere) and proxy
headers believed only from configured proxies (``zicht serve`` and the demo)."""

from __future__ import annotations

import asyncio
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests import conftest
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.cli import main
from zicht.cli.serve import proxy_opties
from zicht.config import ConfigError, load_settings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`", category=UserWarning)
    from starlette.testclient import TestClient


def _client(bed: WebBed, ip: str) -> TestClient:
    return TestClient(bed.app, base_url="http://testserver", follow_redirects=False, client=(ip, 50000))


def _inloggen(client: TestClient, naam: str, wachtwoord: str) -> Any:
    token = csrf_van(client.get("/inloggen").text)
    return client.post("/inloggen", data={"csrf_token": token, "gebruikersnaam": naam, "wachtwoord": wachtwoord})


def test_de_eigenaar_komt_binnen_vanaf_een_ander_adres_tijdens_een_aanval(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    acc = bed.accounts["analist"]
    aanvaller = _client(bed, "203.0.113.66")
    for _ in range(12):
        _inloggen(aanvaller, acc.gebruikersnaam, "raden-raden-raden")
    r = _inloggen(aanvaller, acc.gebruikersnaam, acc.wachtwoord)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert "Te veel mislukte pogingen. Probeer het over" in r.text  # a wait, not "15 minuten" fixed
    eigenaar = _inloggen(_client(bed, "198.51.100.7"), acc.gebruikersnaam, acc.wachtwoord)
    assert eigenaar.status_code == 303 and eigenaar.headers["location"].startswith("/inloggen/code")


def test_serve_vertrouwt_standaard_geen_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aanroepen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: aanroepen.append(kw))
    env = conftest.test_environ(tmp_path)
    assert main(["serve", "--upgrade"], env) == 0
    assert aanroepen[-1]["proxy_headers"] is False
    env["ZICHT_VERTROUWDE_PROXIES"] = "10.0.0.5,10.1.0.0/24"
    assert main(["serve"], env) == 0
    assert aanroepen[-1]["proxy_headers"] is True
    assert aanroepen[-1]["forwarded_allow_ips"] == ["10.0.0.5", "10.1.0.0/24"]


def test_een_ongeldige_proxy_wordt_geweigerd(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ZICHT_VERTROUWDE_PROXIES"):
        load_settings(conftest.test_environ(tmp_path, ZICHT_VERTROUWDE_PROXIES="*"))


def _client_adres(opties: dict[str, Any], peer: str) -> str:
    """The client address the app sees for a request from ``peer`` claiming X-Forwarded-For 6.6.6.6."""
    gezien: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        gezien.append(scope["client"][0])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    config = uvicorn.Config(app, **opties)
    config.load()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "headers": [(b"host", b"zicht"), (b"x-forwarded-for", b"6.6.6.6")],
        "client": (peer, 40000),
        "server": ("127.0.0.1", 8000),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        return None

    # in a thread of its own: another test in this worker may have left an event loop running here
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, config.loaded_app(scope, receive, send)).result()
    return gezien[0]


def test_x_forwarded_for_van_localhost_telt_alleen_als_localhost_is_ingesteld(tmp_path: Path) -> None:
    standaard = proxy_opties(load_settings(conftest.test_environ(tmp_path)))
    assert _client_adres(standaard, "127.0.0.1") == "127.0.0.1"  # the demo and serve: header ignored
    ingesteld = proxy_opties(load_settings(conftest.test_environ(tmp_path, ZICHT_VERTROUWDE_PROXIES="127.0.0.1")))
    assert _client_adres(ingesteld, "127.0.0.1") == "6.6.6.6"
    assert _client_adres(ingesteld, "192.0.2.9") == "192.0.2.9"  # not a configured proxy
