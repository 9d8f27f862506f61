# SPDX-License-Identifier: EUPL-1.2
"""The roles of zicht: the one list every part uses (access rules, the database CHECK constraint, the CLI,
the demo accounts and the labels in both languages).

What each role may do is decided in :mod:`zicht.privacy.toegang`; this module only names them.
"""

from __future__ import annotations

from enum import StrEnum


class Rol(StrEnum):
    """The roles of zicht."""

    melder = "melder"
    analist = "analist"
    identiteit = "identiteit"
    gemeente = "gemeente"
    opvang = "opvang"
    beheerder = "beheerder"

    @property
    def label_nl(self) -> str:
        """The Dutch label shown to users."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label shown to users."""
        return _LABELS[self][1]

    def label(self, taal: str) -> str:
        """The label in ``taal`` (``nl`` or ``en``; anything else gives Dutch)."""
        return self.label_en if taal == "en" else self.label_nl


_LABELS: dict[Rol, tuple[str, str]] = {
    Rol.melder: ("melder", "reporter"),
    Rol.analist: ("analist", "analyst"),
    Rol.identiteit: ("identiteit", "identity officer"),
    Rol.gemeente: ("gemeente", "municipality"),
    Rol.opvang: ("opvang", "shelter"),
    Rol.beheerder: ("beheerder", "administrator"),
}


def rol_check_sql(kolom: str = "rol") -> str:
    """The SQL CHECK expression that admits exactly these roles (for the ``gebruiker`` table)."""
    return f"{kolom} IN ({', '.join(repr(r.value) for r in Rol)})"
