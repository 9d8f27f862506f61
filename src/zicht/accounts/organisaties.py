# SPDX-License-Identifier: EUPL-1.2
"""Organisations that use zicht: create, find and list them (CLI and the beheer pages)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.codebook import MELDER_SOORT, UnknownCode
from zicht.storage.tables import Organisatie

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")


class Organisatiefout(ValueError):
    """An organisation cannot be created as asked; the message says why."""


def maak_organisatie(
    session: Session,
    *,
    code: str,
    naam: str,
    soort: str,
    regio: str | None = None,
    gemeentecode: str | None = None,
) -> Organisatie:
    """Create an organisation. ``soort`` is a code or label of the ``melder_soort`` list.

    Raises:
        Organisatiefout: the code is malformed or taken, or the kind is unknown.
    """
    code = code.strip().lower()
    if not _CODE.match(code):
        raise Organisatiefout("code: kleine letters, cijfers, '-' en '_' (2-64 tekens)")
    if zoek_organisatie(session, code) is not None:
        raise Organisatiefout(f"organisatie {code!r} bestaat al")
    try:
        soort_code = MELDER_SOORT.resolve(soort)
    except UnknownCode as exc:
        raise Organisatiefout(f"onbekende soort {soort!r}") from exc
    if not naam.strip():
        raise Organisatiefout("naam is leeg")
    org = Organisatie(
        code=code, naam=naam.strip()[:200], soort=soort_code, regio=regio or None, gemeentecode=gemeentecode or None
    )
    session.add(org)
    session.flush()
    return org


def zoek_organisatie(session: Session, code: str) -> Organisatie | None:
    """The organisation with ``code``, or None."""
    return session.scalar(select(Organisatie).where(Organisatie.code == code.strip().lower()))


def lijst_organisaties(session: Session) -> Sequence[Organisatie]:
    """Every organisation, by name."""
    return session.scalars(select(Organisatie).order_by(Organisatie.naam)).all()
