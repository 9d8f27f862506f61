# SPDX-License-Identifier: EUPL-1.2
"""``zicht serve``: run the web app and API with uvicorn (default http://127.0.0.1:8000)."""

from __future__ import annotations

import click

from zicht.cli._context import EXIT_USAGE, UserFacingError, get_context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres / address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Poort / port.")
@click.option("--workers", default=1, show_default=True, type=int, help="Aantal processen / worker processes.")
@click.option("--upgrade/--no-upgrade", default=False, help="Database eerst bijwerken / migrate the database first.")
@click.option(
    "--proxy-headers/--no-proxy-headers",
    default=False,
    help="Vertrouw X-Forwarded-* van een reverse proxy op localhost / trust a local reverse proxy (TLS offload).",
)
def serve(host: str, port: int, workers: int, upgrade: bool, proxy_headers: bool) -> None:
    """Start de webapplicatie en de API / serve the web application and the API."""
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
            proxy_headers=proxy_headers,
            server_header=False,
        )
    else:
        from zicht.web import create_app
        from zicht.web.app import warm_op_na_start

        app = warm_op_na_start(create_app(settings))
        uvicorn.run(app, host=host, port=port, proxy_headers=proxy_headers, server_header=False)
