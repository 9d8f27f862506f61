# SPDX-License-Identifier: EUPL-1.2
"""The published OpenAPI document, adjusted to the Dutch API Design Rules.

FastAPI generates the document from the routes and models; this module adds what the ADR linter
(Logius Spectral ruleset) requires: ``info.contact``, a full semver ``info.version``, ``servers`` ending in
``/v1``, the ``API-Version`` header on every 2xx/3xx response, ``application/problem+json`` for every error
response, and no trace of FastAPI's 422 responses. ``docs/openapi.json`` is a committed copy (a test fails
when it drifts from what the code generates).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from zicht.web.api.problemen import MEDIA_TYPE
from zicht.web.security import API_PREFIX, API_VERSIE

BESCHRIJVING = (
    "De API van zicht, het register voor de aanpak van mensenhandel. Meldende organisaties leveren meldingen "
    "aan (één voor één of als bestand) en lezen hun eigen meldingen terug; codelijsten en gemeenten zijn "
    "openbare referentiegegevens. Identificerende gegevens gaan versleuteld de identiteitskluis in en worden "
    "door deze API nooit teruggegeven. Elke verwerking van persoonsgegevens wordt vastgelegd in het logboek."
)
CONTACT = {"name": "Team zicht", "email": "zicht@example.org", "url": "https://github.com/zicht-register/zicht"}
_VERSIE_HEADER = {"$ref": "#/components/headers/API-Version"}


def bouw_openapi(app: FastAPI) -> dict[str, Any]:
    """Generate the document for the API app (cached on the app by FastAPI's convention)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title="zicht API",
        version=API_VERSIE,
        openapi_version="3.1.0",
        summary="Meldingen, codelijsten en referentiegegevens van zicht.",
        description=BESCHRIJVING,
        routes=app.routes,
        tags=[
            {"name": "meldingen", "description": "Meldingen van mogelijke slachtoffers van mensenhandel."},
            {"name": "uploads", "description": "Aanleveren van meldingen als bestand, met rijrapport."},
            {"name": "codelijsten", "description": "De codelijsten (codebook) met Nederlandse en Engelse labels."},
            {"name": "gemeenten", "description": "Gemeenten (CBS-indeling) voor plaats delict en werving."},
            {"name": "api", "description": "De API zelf."},
        ],
        contact=CONTACT,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        separate_input_output_schemas=False,
    )
    schema["servers"] = [{"url": API_PREFIX, "description": "Deze omgeving (relatief pad)."}]
    components = schema.setdefault("components", {})
    components.setdefault("headers", {})["API-Version"] = {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "example": API_VERSIE},
    }
    for naam in ("HTTPValidationError", "ValidationError"):
        components.get("schemas", {}).pop(naam, None)
    for pad in schema.get("paths", {}).values():
        for operatie in pad.values():
            if isinstance(operatie, dict) and "responses" in operatie:
                _pas_antwoorden_aan(operatie["responses"])
    _hernoem_bodies(schema)
    app.openapi_schema = schema
    return schema


def _pas_antwoorden_aan(antwoorden: dict[str, Any]) -> None:
    antwoorden.pop("422", None)
    for code, antwoord in antwoorden.items():
        if re.fullmatch(r"[23]\d\d", code):
            antwoord.setdefault("headers", {})["API-Version"] = _VERSIE_HEADER
            if code == "201":
                antwoord["headers"]["Location"] = {
                    "description": "Het pad van de aangemaakte bron.",
                    "schema": {"type": "string"},
                }
        elif re.fullmatch(r"[45]\d\d", code):
            inhoud = antwoord.setdefault("content", {})
            schema = inhoud.pop("application/json", {}).get("schema") or {"$ref": "#/components/schemas/Probleem"}
            inhoud[MEDIA_TYPE] = {"schema": schema}


def _hernoem_bodies(schema: dict[str, Any]) -> None:
    """FastAPI names multipart bodies ``Body_<route>``; give them PascalCase names."""
    schemas = schema.get("components", {}).get("schemas", {})
    namen = {oud: "".join(p[:1].upper() + p[1:] for p in oud.split("_")) for oud in schemas if oud.startswith("Body_")}
    for oud, nieuw in namen.items():
        schemas[nieuw] = schemas.pop(oud)
        schemas[nieuw].setdefault("title", nieuw)

    def vervang(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/Body_"):
                node["$ref"] = "#/components/schemas/" + namen[ref.rsplit("/", 1)[1]]
            for waarde in node.values():
                vervang(waarde)
        elif isinstance(node, list):
            for waarde in node:
                vervang(waarde)

    vervang(schema)
