# SPDX-License-Identifier: EUPL-1.2
"""The web face of zicht: server-rendered pages (Jinja2 + htmx + NL Design System) and the API ``/api/v1``.

Build the application with :func:`create_app`; see ``README.md`` in this package for the structure and how a
feature adds its pages, API routes, templates and navigation.
"""

from zicht.web.app import create_app, create_app_from_environment

__all__ = ["create_app", "create_app_from_environment"]
