# SPDX-License-Identifier: EUPL-1.2
"""Normalisation and indicators of one ad: obscured numbers are found and marked, contacts leave only as
keyed hashes, contradicted indicators weigh nothing, counter-signals weigh against."""

from __future__ import annotations

import pytest

from zicht.signalen import indicatoren, normalise
from zicht.signalen.verwerk import Normaliseerder, sleutel_pseudoniem


@pytest.mark.parametrize(
    ("tekst", "verborgen"),
    [
        ("Bel 06-12345678", False),
        ("bel 06 1234 5678", False),
        ("app +31 6 12345678", False),
        ("nul zes een twee drie vier vijf zes zeven acht", True),
        ("zero-six-one-two-three-four-five-six-seven-eight", True),
        ("0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", True),
        ("06.12.34.56.78", True),
        ("0612 💋 345678", True),
        ("nul 6 een 2 3 vier 5 6 zeven 8", True),
    ],
)
def test_nummer_wordt_gevonden_hoe_het_ook_geschreven_is(tekst: str, verborgen: bool) -> None:
    assert normalise.telefoons(tekst) == [normalise.Telefoon("+31612345678", verborgen)]


def test_geen_nummer_in_gewone_tekst_met_een() -> None:
    assert normalise.telefoons("Ik ben een lieve vrouw van 25, een uur 120 euro") == []


def test_contacten_alleen_als_sleutelhash() -> None:
    ad = Normaliseerder(None, sleutel_pseudoniem(b"k")).advertentie(
        0, {"titel": "Anna", "tekst": "bel 06-12345678 of anna@example.nl", "geplaatst_op": "2026-03-02T10:00:00"}
    )
    assert len(ad.contacten) == 2
    assert not any("12345678" in c or "anna" in c for c in ad.contacten)
    ander = Normaliseerder(None, sleutel_pseudoniem(b"ander")).advertentie(
        0, {"titel": "Anna", "tekst": "bel 06-12345678", "geplaatst_op": "2026-03-02T10:00:00"}
    )
    assert ander.telefoons[0] != ad.telefoons[0]


def test_weerlegde_indicator_weegt_niets_en_tegensignaal_weegt_tegen() -> None:
    assert indicatoren.PER_CODE["S9"].gewicht == 0
    hits = indicatoren.treffers("nieuw in utrecht, alleen op afspraak, condoom verplicht")
    assert set(hits) == {"S9", "N7"}
    assert indicatoren.advertentiescore(set(hits)) < 0


def test_advertentiescore_is_begrensd() -> None:
    alles = {i.code for i in indicatoren.INDICATOREN if i.gewicht > 0}
    assert indicatoren.advertentiescore(alles) == indicatoren.MAX_PER_ADVERTENTIE


def test_arbeidsindicatoren() -> None:
    hits = indicatoren.treffers(
        "geen papieren nodig, inschrijfkosten 150, kopie paspoort via whatsapp, 7 dagen per week"
    )
    assert {"J2", "J4", "J5", "J7"} <= set(hits)
