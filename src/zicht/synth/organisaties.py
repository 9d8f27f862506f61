# SPDX-License-Identifier: EUPL-1.2
"""The reporting organisations and how each one writes its file.

Regional organisations (police units, zorgcoördinatie, jeugdzorg, shelters, health care) report the persons of
their police unit; national ones (KMar, NLA, FairWork, COA, IND, Nidos, lawyers, self-reports) have no region.
Names are generic: the generator does not impersonate real organisations beyond the national reporters named
in domain.md §2.1. Each organisation has a :class:`Stijl`: file format, codes or labels, date notation,
place names or CBS codes, and the optional columns it does not send.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zicht.reference import Referentiedata

#: Police unit -> (slug, centrumgemeente of the regional zorgcoördinatie)
EENHEDEN: dict[str, tuple[str, str]] = {
    "Amsterdam": ("amsterdam", "Amsterdam"),
    "Den Haag": ("den-haag", "'s-Gravenhage"),
    "Limburg": ("limburg", "Maastricht"),
    "Midden-Nederland": ("midden-nederland", "Utrecht"),
    "Noord-Holland": ("noord-holland", "Haarlem"),
    "Noord-Nederland": ("noord-nederland", "Groningen"),
    "Oost-Brabant": ("oost-brabant", "Eindhoven"),
    "Oost-Nederland": ("oost-nederland", "Arnhem"),
    "Rotterdam": ("rotterdam", "Rotterdam"),
    "Zeeland-West-Brabant": ("zeeland-west-brabant", "Breda"),
}
#: Regional organisations covering several police units: kind -> [(code, name, seat, units)].
_GROEPEN: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "jeugdzorg": [
        ("jeugdzorg-noord-oost", "Jeugdzorg Noord en Oost", "Zwolle", ("Noord-Nederland", "Oost-Nederland")),
        ("jeugdzorg-west", "Jeugdzorg West", "Leiden", ("Amsterdam", "Noord-Holland", "Den Haag", "Rotterdam")),
        ("jeugdzorg-midden", "Jeugdzorg Midden", "Amersfoort", ("Midden-Nederland",)),
        ("jeugdzorg-zuid", "Jeugdzorg Zuid", "'s-Hertogenbosch", ("Zeeland-West-Brabant", "Oost-Brabant", "Limburg")),
    ],
    "opvang": [
        ("opvang-west", "Vrouwen- en mannenopvang West", "Amsterdam", ("Amsterdam", "Noord-Holland", "Den Haag", "Rotterdam")),
        ("opvang-oost", "Opvang Oost", "Zwolle", ("Noord-Nederland", "Oost-Nederland", "Midden-Nederland")),
        ("opvang-zuid", "Opvang Zuid", "Eindhoven", ("Zeeland-West-Brabant", "Oost-Brabant", "Limburg")),
    ],
    "gezondheidszorg": [
        ("ggz-randstad", "GGZ Randstad", "Rotterdam", ("Amsterdam", "Noord-Holland", "Den Haag", "Rotterdam", "Midden-Nederland")),
        ("ggz-land", "GGZ Noord, Oost en Zuid", "Zwolle", ("Noord-Nederland", "Oost-Nederland", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg")),
    ],
    "ngo_overig": [
        ("phv-amsterdam", "Prostitutiehulpverlening Amsterdam", "Amsterdam", ("Amsterdam", "Noord-Holland", "Midden-Nederland", "Noord-Nederland", "Oost-Nederland")),
        ("migrantenhulp-zuid", "Stichting Migrantenhulp Zuid", "Tilburg", ("Den Haag", "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg")),
    ],
    "gemeente": [
        ("gemeente-utrecht", "Gemeente Utrecht", "Utrecht", ("Midden-Nederland", "Amsterdam", "Noord-Holland", "Noord-Nederland", "Den Haag")),
        ("gemeente-ede", "Gemeente Ede", "Ede", ("Oost-Nederland", "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg")),
    ],
}  # fmt: skip
#: National organisations: kind -> (code, name, seat).
_LANDELIJK: dict[str, tuple[str, str, str]] = {
    "kmar": ("kmar", "Koninklijke Marechaussee", "'s-Gravenhage"),
    "nla": ("nla", "Nederlandse Arbeidsinspectie", "Utrecht"),
    "fairwork": ("fairwork", "FairWork", "Amsterdam"),
    "coa": ("coa", "Centraal Orgaan opvang asielzoekers", "Rijswijk"),
    "ind": ("ind", "Immigratie- en Naturalisatiedienst", "Rijswijk"),
    "nidos": ("nidos", "Nidos", "Utrecht"),
    "advocaat": ("advocatuur", "Advocatuur (diverse kantoren)", "Amsterdam"),
    "slachtoffer": ("zelfmelders", "Zelfmelders via de helpdesk", "Amersfoort"),
}


@dataclass(frozen=True)
class Stijl:
    """How an organisation writes its file."""

    formaat: str = "csv"  # csv, xlsx, jsonl
    labels: bool = False  # Dutch labels instead of codes
    nl_datum: bool = False  # DD-MM-YYYY instead of YYYY-MM-DD
    plaats_als_code: bool = False  # CBS code instead of the gemeente name, ISO code instead of the country name
    hoofdletters: bool = False  # column headers in Title Case (headers are case-insensitive)
    weglaten: tuple[str, ...] = ()  # optional columns the organisation does not send
    prefix: str = ""  # shape of melder_referentie


@dataclass(frozen=True)
class Organisatie:
    """A reporting organisation (one row of organisaties.csv)."""

    code: str
    naam: str
    soort: str
    regio: str
    gemeentecode: str
    stijl: Stijl = field(default_factory=Stijl)


_STIJLEN: dict[str, Stijl] = {
    "nationale_politie": Stijl(
        plaats_als_code=True, weglaten=("dossiertype", "toestemming"), prefix="PL{e}-{j}{n:06d}"
    ),
    "kmar": Stijl(plaats_als_code=True, weglaten=("dossiertype",), prefix="KM/{j}/{n:05d}"),
    "nla": Stijl(formaat="xlsx", hoofdletters=True, weglaten=("toelichting",), prefix="NLA-{j}-{n:05d}"),
    "zorgcoordinatie": Stijl(labels=True, nl_datum=True, prefix="ZC-{e}/{j}/{n:04d}"),
    "fairwork": Stijl(formaat="jsonl", weglaten=("documentnummer",), prefix="FW{j2}-{n:04d}"),
    "coa": Stijl(formaat="xlsx", labels=True, prefix="COA{j}{n:05d}"),
    "nidos": Stijl(formaat="xlsx", nl_datum=True, prefix="N-{j}-{n:04d}"),
    "jeugdzorg": Stijl(labels=True, nl_datum=True, weglaten=("route",), prefix="JZ{e}{j}-{n:04d}"),
}
_STANDAARD = Stijl(labels=True, weglaten=("route",), prefix="{e}-{j}-{n:04d}")


def organisaties(ref: Referentiedata) -> tuple[list[Organisatie], dict[tuple[str, str], int]]:
    """All organisations (sorted by code) and the look-up (kind, police unit) -> organisation index."""
    lijst: list[tuple[Organisatie, str, tuple[str, ...]]] = []

    def code_van(naam: str) -> str:
        return ref.gemeente(naam).code

    for eenheid, (slug, zc) in sorted(EENHEDEN.items()):
        lijst.append(
            (
                Organisatie(
                    f"politie-{slug}",
                    f"Politie eenheid {eenheid}",
                    "nationale_politie",
                    eenheid,
                    code_van(zc),
                    _STIJLEN["nationale_politie"],
                ),
                "nationale_politie",
                (eenheid,),
            )
        )
        zc_naam = "Den Haag" if zc == "'s-Gravenhage" else zc
        zc_slug = zc_naam.lower().replace(" ", "-")
        lijst.append(
            (
                Organisatie(
                    f"zorgcoordinatie-{zc_slug}",
                    f"Zorgcoördinatie mensenhandel {zc_naam}",
                    "zorgcoordinatie",
                    eenheid,
                    code_van(zc),
                    _STIJLEN["zorgcoordinatie"],
                ),
                "zorgcoordinatie",
                (eenheid,),
            )
        )
    for soort, groepen in sorted(_GROEPEN.items()):
        for code, naam, zetel, eenheden in groepen:
            gm = ref.gemeente(zetel)
            lijst.append(
                (
                    Organisatie(code, naam, soort, gm.politie_eenheid, gm.code, _STIJLEN.get(soort, _STANDAARD)),
                    soort,
                    eenheden,
                )
            )
    for soort, (code, naam, zetel) in sorted(_LANDELIJK.items()):
        lijst.append(
            (
                Organisatie(code, naam, soort, "", code_van(zetel), _STIJLEN.get(soort, _STANDAARD)),
                soort,
                tuple(EENHEDEN),
            )
        )
    lijst.sort(key=lambda t: t[0].code)
    index: dict[tuple[str, str], int] = {}
    for i, (_org, soort, eenheden) in enumerate(lijst):
        for eenheid in eenheden:
            index[(soort, eenheid)] = i
    return [org for org, _, _ in lijst], index
