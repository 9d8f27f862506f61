# SPDX-License-Identifier: EUPL-1.2
"""Reading submitted forms in sync page routes: the parsed form as a dependency (parsed once, shared with
the CSRF check) and helpers to read single and repeated fields."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request


async def formulier(request: Request) -> FormData:
    """Dependency: the submitted form (urlencoded or multipart)."""
    return await request.form()


def tekst(form: FormData, naam: str, max_lengte: int = 5000) -> str:
    """A single text field, stripped; '' when absent or a file."""
    waarde = form.get(naam)
    return waarde.strip()[:max_lengte] if isinstance(waarde, str) else ""


def lijst(form: FormData, naam: str) -> list[str]:
    """A repeated field (checkboxes), without empty values."""
    return [w.strip() for w in form.getlist(naam) if isinstance(w, str) and w.strip()]


def bestand(form: FormData, naam: str) -> UploadFile | None:
    """An uploaded file field, or None."""
    waarde = form.get(naam)
    return waarde if isinstance(waarde, UploadFile) else None
