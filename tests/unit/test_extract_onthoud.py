# SPDX-License-Identifier: EUPL-1.2
"""``Extract.onthoud``: a value is computed once per key, also when many requests ask for it at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.unit.test_stat_beveiliging import _data
from tests.unit.test_stat_reference import REF, ruw
from zicht.analysis import maak_extract


def test_gelijktijdige_vragers_wachten_op_de_eerste() -> None:
    extract = maak_extract(ruw(_data(n=50, seed=1)), REF)
    aanroepen = []
    slot = threading.Lock()

    def maak() -> int:
        with slot:
            aanroepen.append(1)
        time.sleep(0.2)
        return 42

    with ThreadPoolExecutor(8) as pool:
        uitkomsten = list(pool.map(lambda _: extract.onthoud("familie", maak), range(8)))
    assert uitkomsten == [42] * 8 and len(aanroepen) == 1


def test_een_mislukte_berekening_wordt_niet_onthouden() -> None:
    extract = maak_extract(ruw(_data(n=50, seed=1)), REF)
    pogingen = []

    def faalt() -> int:
        pogingen.append(1)
        raise RuntimeError("kan niet")

    for _ in range(2):
        with pytest.raises(RuntimeError):
            extract.onthoud("f", faalt)
    assert len(pogingen) == 2 and extract.onthoud("f", lambda: 7) == 7
