# SPDX-License-Identifier: EUPL-1.2
"""``zicht serve``: run the web app and API with uvicorn (default http://127.0.0.1:8000).

Proxy headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the proxies listed in
``ZICHT_VERTROUWDE_PROXIES``; by default from none, not even localhost (uvicorn's own default trusts
127.0.0.1), so a client cannot choose the address that login throttling counts.
"""

from __future__ import annotations

from typing import Any

import click

from zicht.cli._context import EXIT_USAGE, UserFacingError, get_context
from zicht.config import Settings


def proxy_opties(settings: Settings) -> dict[str, Any]:
    """The uvicorn options for proxy headers: trusted only from the configured proxies, else switched off."""
    if not settings.vertrouwde_proxies:
        return {"proxy_headers": False, "forwarded_allow_ips": []}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.vertrouwde_proxies)}


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres / address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Poort / port.")
@click.option("--workers", default=1, show_default=True, type=int, help="Aantal processen / worker processes.")
@click.option("--upgrade/--no-upgrade", default=False, help="Database eerst bijwerken / migrate the database first.")
def serve(host: str, port: int, workers: int, upgrade: bool) -> None:
    """Start de webapplicatie en de API / serve the web application and the API.

    Achter een reverse proxy: zet ZICHT_VERTROUWDE_PROXIES / behind a reverse proxy set ZICHT_VERTROUWDE_PROXIES.
    """
    import uvicorn

    from zicht.storage import engine_from_settings, is_up_to_date
    from zicht.storage import upgrade as migreer

    settings = get_context().settings
    settings.session_signing_secret()
    engine = engine_from_settings(settings)
    if upgrade:
        migreer(engine)
    elif not is_up_to_date(engine):
        raise UserFacingError(
            "de database is niet bijgewerkt; voer 'zicht db upgrade' uit of gebruik --upgrade / "
            "the database schema is not up to date; run 'zicht db upgrade' or pass --upgrade",
            EXIT_USAGE,
        )
    engine.dispose()
    click.echo(f"zicht op / on http://{host}:{port}/", err=True)
    if workers > 1:
        # Each worker builds its own app from the same ZICHT_* environment.
        uvicorn.run(
            "zicht.web.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            server_header=False,
            **proxy_opties(settings),
        )
    else:
        from zicht.web import create_app
        from zicht.web.app import warm_op_na_start

        app = warm_op_na_start(create_app(settings))
        uvicorn.run(app, host=host, port=port, server_header=False, **proxy_opties(settings))
