# SPDX-License-Identifier: EUPL-1.2
"""The registry's tables (SQLAlchemy 2 typed models), one module per domain concept."""

from zicht.storage.tables.gebruiker import ApiToken, Gebruiker, Herstelcode, Inlogpoging, Sessie
from zicht.storage.tables.identiteit import Identiteit
from zicht.storage.tables.import_run import ImportRun
from zicht.storage.tables.koppeling import (
    KoppelBeoordeling,
    KoppelBesluit,
    KoppelGebeurtenis,
    KoppelPaar,
    KoppelRun,
    KoppelSteekproef,
    KoppelStrijdig,
)
from zicht.storage.tables.logboek import LogboekRecord
from zicht.storage.tables.melding import (
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingVersie,
    MeldingWerkwijze,
    RouteGebeurtenis,
)
from zicht.storage.tables.netwerk import NetwerkContact, NetwerkFunctie
from zicht.storage.tables.opvang import OpvangAanvraag, OpvangBezetting, OpvangGebeurtenis, OpvangVoorziening
from zicht.storage.tables.organisatie import Organisatie
from zicht.storage.tables.persoon import Persoon
from zicht.storage.tables.publicatie import Publicatie
from zicht.storage.tables.signalen import SignaalAdvertentie, SignaalBesluit, SignaalCluster, SignaalRun
from zicht.storage.tables.telling_archief import TellingArchief

__all__ = [
    "ApiToken",
    "Gebruiker",
    "Herstelcode",
    "Identiteit",
    "ImportRun",
    "Inlogpoging",
    "KoppelBeoordeling",
    "KoppelBesluit",
    "KoppelGebeurtenis",
    "KoppelPaar",
    "KoppelRun",
    "KoppelSteekproef",
    "KoppelStrijdig",
    "LogboekRecord",
    "Melding",
    "MeldingNationaliteit",
    "MeldingUitbuiting",
    "MeldingVersie",
    "MeldingWerkwijze",
    "NetwerkContact",
    "NetwerkFunctie",
    "OpvangAanvraag",
    "OpvangBezetting",
    "OpvangGebeurtenis",
    "OpvangVoorziening",
    "Organisatie",
    "Persoon",
    "Publicatie",
    "RouteGebeurtenis",
    "Sessie",
    "SignaalAdvertentie",
    "SignaalBesluit",
    "SignaalCluster",
    "SignaalRun",
    "TellingArchief",
]
