# SPDX-License-Identifier: EUPL-1.2
"""A validated melding read field by field, as declared: each field's value under its stored name, and the
canonical text of the whole melding that its content hash is computed from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter

from zicht.domain import ONBEKENDE_PLAATS, MeldingInvoer
from zicht.intake.columns import KOLOMMEN
from zicht.intake.kolom import Kolom, Soort

#: The names :class:`MeldingInvoer` carries as attributes; every other stored name is in its ``velden``.
_ATTRIBUTEN = frozenset(f.name for f in fields(MeldingInvoer)) - {"velden", "identiteit"}

Lezer = Callable[[MeldingInvoer], object]


def leeg(k: Kolom) -> object:
    """The value of a field that was not given: its default code(s), an unknown place, or None."""
    if k.soort is Soort.code:
        return k.standaard
    if k.soort is Soort.codes:
        return (k.standaard,)
    if k.soort is Soort.plaats:
        return ONBEKENDE_PLAATS
    return None


def lezer(k: Kolom) -> Lezer:
    """A function reading field ``k`` of a validated melding as stored (not its identity part: see
    ``m.identiteit``)."""
    naam = k.opgeslagen_als
    if naam is None:
        raise KeyError(f"{k.naam} is kept in the identity only")
    if naam in _ATTRIBUTEN:
        return attrgetter(naam)
    standaard = leeg(k)
    return lambda m: m.velden.get(naam, standaard)


_LEZERS: dict[str, Lezer] = {k.naam: lezer(k) for k in KOLOMMEN if k.opgeslagen_als is not None}


def waarde(m: MeldingInvoer, k: Kolom) -> object:
    """The value of field ``k`` in ``m`` as stored (its identity part excepted: see ``m.identiteit``)."""
    try:
        return _LEZERS[k.naam](m)
    except KeyError:
        return lezer(k)(m)


def plaats_in(k: Kolom) -> tuple[str, bool, object]:
    """Where a validated melding keeps field ``k``: (stored name, an attribute of its own (else in ``velden``),
    the value when it is not given). For loops over many meldingen that read ``vars(m)`` directly."""
    naam = k.opgeslagen_als
    if naam is None:
        raise KeyError(f"{k.naam} is kept in the identity only")
    return naam, naam in _ATTRIBUTEN, leeg(k)


def _inhoudsvelden() -> tuple[tuple[str, bool, object], ...]:
    """One field per stored name, in declaration order (a form of exploitation and its sectors are one)."""
    gezien: dict[str, tuple[str, bool, object]] = {}
    for k in KOLOMMEN:
        if k.opgeslagen_als is not None and k.opgeslagen_als not in gezien:
            gezien[k.opgeslagen_als] = plaats_in(k)
    return tuple(gezien.values())


_INHOUD = _inhoudsvelden()


def inhoudstekst(m: MeldingInvoer) -> str:
    """A canonical text of the whole content (identity included) for the keyed content hash.

    Every stored field as ``naam=repr(waarde)`` in declaration order, then the identity's canonical JSON: the text
    the registry has always hashed (so a re-import of an unchanged melding is still recognised as present).
    """
    eigen, velden = vars(m), m.velden
    delen = ", ".join([f"{n}={(eigen[n] if attr else velden.get(n, std))!r}" for n, attr, std in _INHOUD])
    return f"MeldingInvoer({delen})|{m.identiteit.to_json().decode()}"
