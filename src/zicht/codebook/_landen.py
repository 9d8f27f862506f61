# SPDX-License-Identifier: EUPL-1.2
"""Countries and nationalities: ISO 3166-1 alpha-2 codes with Dutch names (pycountry + its Dutch catalogue)."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from zicht.codebook.model import Code, Codelijst, StandardValue

# Codes in use that ISO 3166-1 leaves to user assignment.
_EXTRA = {"XK": ("Kosovo", "Kosovo")}
_EU = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
#: Common everyday names that differ from the ISO Dutch name.
_SYNONIEMEN = {
    "NL": ("Nederlands", "Holland", "Nederlandse", "Dutch"),
    "GB": ("Engeland", "Groot-Brittannië", "UK", "Brits"),
    "US": ("Amerika", "VS", "USA"),
    "PL": ("Pools", "Poolse"),
    "RO": ("Roemeens", "Roemeense"),
    "BG": ("Bulgaars", "Bulgaarse"),
    "HU": ("Hongaars", "Hongaarse"),
    "NG": ("Nigeriaans", "Nigeriaanse"),
    "UA": ("Oekraïens", "Oekraïense"),
    "VN": ("Vietnamees", "Vietnamese"),
    "ER": ("Eritrees", "Eritrese"),
    "UG": ("Oegandees", "Oegandese"),
    "MA": ("Marokkaans", "Marokkaanse"),
    "TR": ("Turks", "Turkse"),
    "SY": ("Syrisch", "Syrische", "Syrië"),
    "CN": ("Chinees", "Chinese"),
    "CO": ("Colombiaans", "Colombiaanse"),
    "VE": ("Venezolaans", "Venezolaanse"),
    "BR": ("Braziliaans", "Braziliaanse"),
    "GN": ("Guinees", "Guinese"),
    "SL": ("Sierra Leoons", "Sierra Leoonse"),
}


@lru_cache(maxsize=1)
def landen() -> Codelijst:
    """The country list (used for nationaliteit and for places abroad)."""
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    codes: list[Code] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        en = getattr(country, "common_name", None) or country.name
        codes.append(
            Code(
                country.alpha_2,
                nl.gettext(country.name),
                en,
                htcds=(StandardValue("prs_Citizenship", country.alpha_2),),
                ctdc=(StandardValue("citizenship", country.alpha_2),),
                synoniemen=(country.alpha_3, country.name, *_SYNONIEMEN.get(country.alpha_2, ())),
                groep="eu" if country.alpha_2 in _EU else "niet_eu",
            )
        )
    for code, (nl_name, en_name) in _EXTRA.items():
        codes.append(
            Code(
                code,
                nl_name,
                en_name,
                groep="niet_eu",
                htcds=(StandardValue("prs_Citizenship", code),),
                ctdc=(StandardValue("citizenship", code),),
            )
        )
    codes.append(Code("staatloos", "staatloos", "stateless", groep="niet_eu"))
    codes.append(Code("onbekend", "onbekend", "unknown", groep="onbekend"))
    return Codelijst(
        "land",
        "land of nationaliteit",
        "country or nationality",
        "ISO 3166-1:" + pycountry.__name__,
        codes=tuple(codes),
        meervoudig=True,
    )


def is_eu(code: str) -> bool:
    """True for an EU member state (the EU-27 since 2020)."""
    return code in _EU
