# SPDX-License-Identifier: EUPL-1.2
"""The registry's service layer: reading and registering meldingen, uploads, identity reveal and
processing overviews, always on behalf of a caller (:class:`zicht.privacy.toegang.Toegang`).

The web pages, the API and the CLI call these functions; none of them queries the registry tables for
personal data directly. Each function authorises, filters before paginating, and writes the logboek.
"""

from zicht.registry.identiteit import DoelOntbreekt, controleer_doel, onthul_identiteit
from zicht.registry.inzage import verwerkingen_van_persoon
from zicht.registry.meldingen import (
    MeldingFilter,
    Registratie,
    haal_melding,
    registreer_melding,
    zoek_meldingen,
    zoek_op_referentie,
)
from zicht.registry.pagina import MAX_PAGINAGROOTTE, Pagina

__all__ = [
    "MAX_PAGINAGROOTTE",
    "DoelOntbreekt",
    "MeldingFilter",
    "Pagina",
    "Registratie",
    "controleer_doel",
    "haal_melding",
    "onthul_identiteit",
    "registreer_melding",
    "verwerkingen_van_persoon",
    "zoek_meldingen",
    "zoek_op_referentie",
]
