# SPDX-License-Identifier: EUPL-1.2
"""The roles of zicht: the one list every part uses (access rules, the database CHECK constraint, the CLI,
the demo accounts and the labels in both languages).

What each role may do is decided in :mod:`zicht.privacy.toegang`; this module only names them.
"""

from __future__ import annotations

from enum import StrEnum

from zicht.taal import N_, vertaler


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
        return _LABELS[self]

    @property
    def label_en(self) -> str:
        """The English label shown to users."""
        return self.label("en")

    def label(self, taal: str) -> str:
        """The label in ``taal`` (through the catalogue of :mod:`zicht.taal`; an unknown language gives Dutch)."""
        return vertaler(taal)(_LABELS[self])


#: Dutch labels (source text of the one catalogue, translated by ``label``).
_LABELS: dict[Rol, str] = {
    Rol.melder: N_("melder"),
    Rol.analist: N_("analist"),
    Rol.identiteit: N_("identiteit"),
    Rol.gemeente: N_("gemeente"),
    Rol.opvang: N_("opvang"),
    Rol.beheerder: N_("beheerder"),
}


def rol_check_sql(kolom: str = "rol") -> str:
    """The SQL CHECK expression that admits exactly these roles (for the ``gebruiker`` table)."""
    return f"{kolom} IN ({', '.join(repr(r.value) for r in Rol)})"
