# SPDX-License-Identifier: EUPL-1.2
"""The PDF factsheet of the statistics dashboard: at most two A4 pages, tagged (PDF/UA), and its extracted
text holds every key figure the web page shows for the same request, in reading order."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest

from tests.integration.test_stat_registry import _invoer
from tests.unit.test_stat_beveiliging import _data
from tests.web_support import WebBed, maak_testbed
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import Organisatie

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")), reason="poppler-utils (pdftotext) not installed"
)

PAD = "/statistieken"
#: (role, query) pairs: the gemeente's own dashboard, its safety region, and the analyst's national one in English.
VERZOEKEN = [
    ("gemeente", {"periode": "2023", "niveau": "gemeente", "gebied": "GM0344"}),
    ("gemeente", {"periode": "2023", "niveau": "veiligheidsregio", "gebied": "VR09"}),
    ("analist", {"periode": "2023", "niveau": "nederland", "gebied": "NL", "lang": "en"}),
]
_GETAL = re.compile(r"[-+]?\d[\d.,]*%?")


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("factsheet")))
    ms = [m for m in _data(n=400, seed=9) if m.pd_gemeente != "GM9999"]
    with transaction(bed.sessions) as s:
        org = Organisatie(code="factsheet", naam="politie", soort="nationale_politie", regio="Midden-Nederland")
        s.add(org)
        s.flush()
        bewaar_meldingen(
            s,
            Vault.from_settings(bed.settings),
            org,
            [_invoer(m, f"F{i}") for i, m in enumerate(ms)],
            bron="factsheet",
            actor=logboek.SYSTEEM,
        )
    return bed


@pytest.fixture(scope="module")
def opgehaald(bed: WebBed, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bytes, Path]]:
    """For every request: the dashboard page's HTML, the factsheet's bytes and the PDF on disk."""
    map_ = tmp_path_factory.mktemp("pdf")
    uit = []
    for i, (rol, query) in enumerate(VERZOEKEN):
        client = bed.als(rol)
        pagina = client.get(PAD, params=query)
        assert pagina.status_code == 200, pagina.text[:500]
        pdf = client.get(PAD + "/factsheet.pdf", params=query)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        pad = map_ / f"factsheet-{i}.pdf"
        pad.write_bytes(pdf.content)
        uit.append((pagina.text, pdf.content, pad))
    return uit


def _pdftotext(pad: Path, *opties: str) -> str:
    return subprocess.run(["pdftotext", *opties, str(pad), "-"], capture_output=True, check=True, text=True).stdout


def _platte_tekst(s: str) -> str:
    return re.sub(r"<[^>]+>", " ", unescape(s))


def _kerncijfers(html: str) -> list[str]:
    """Every figure of the page's key reading (the lead paragraph) and of the newest row of its trend table."""
    lezing = re.search(r'id="lezing"[^>]*>(.*?)</p>', html, re.DOTALL)
    assert lezing is not None
    tabellen = re.findall(r"<table.*?</table>", html, re.DOTALL)
    verloop = [t for t in tabellen if re.search(r"<caption[^>]*>\s*(Verloop|Trend) —", t)]
    assert verloop, "no trend table on the page"
    rijen = re.findall(r"<tr[^>]*>(.*?)</tr>", verloop[0], re.DOTALL)
    cellen = [_platte_tekst(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rijen[-1], re.DOTALL)]
    cijfers = _GETAL.findall(_platte_tekst(lezing.group(1))) + [c for c in cellen if _GETAL.fullmatch(c)]
    assert len(cijfers) >= 4, cijfers
    return cijfers


def _bevat_getal(tekst: str, getal: str) -> bool:
    """Whether ``getal`` stands in ``tekst`` as a whole number (``15`` is not found in ``915`` or ``15,2``)."""
    return re.search(rf"(?<![\d.,]){re.escape(getal)}(?![\d%]|[.,]\d)", tekst) is not None


def _ontpakte_objecten(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (WeasyPrint keeps objects in compressed object streams)."""
    delen = [pdf]
    for stroom in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            delen.append(zlib.decompress(stroom))
        except zlib.error:
            continue
    return b"\n".join(delen)


def test_factsheet_telt_hoogstens_twee_paginas(opgehaald: list[tuple[str, bytes, Path]]) -> None:
    for _, pdf, pad in opgehaald:
        assert pdf.startswith(b"%PDF")
        info = subprocess.run(["pdfinfo", str(pad)], capture_output=True, check=True, text=True).stdout
        paginas = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
        assert 1 <= paginas <= 2, (pad.name, paginas)
        assert re.search(r"^Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info, re.MULTILINE), info


def test_factsheet_is_getagd_met_structuur_en_taal(opgehaald: list[tuple[str, bytes, Path]]) -> None:
    for (_, query), (_, pdf, pad) in zip(VERZOEKEN, opgehaald, strict=True):
        objecten = _ontpakte_objecten(pdf)
        assert b"/StructTreeRoot" in objecten and b"/MarkInfo" in objecten, pad.name
        assert re.search(rb"/Marked\s+true", objecten), pad.name
        assert b"pdfuaid" in objecten  # the PDF/UA identification in the XMP metadata
        assert f"/Lang ({query.get('lang', 'nl')})".encode() in objecten
        assert b"/Alt" in objecten  # the charts and the map are figures with alternative text
        info = subprocess.run(["pdfinfo", str(pad)], capture_output=True, check=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE), info


def test_factsheet_bevat_elk_kerncijfer_van_de_pagina(opgehaald: list[tuple[str, bytes, Path]]) -> None:
    for html, _, pad in opgehaald:
        tekst = _pdftotext(pad, "-layout")
        ontbrekend = [c for c in _kerncijfers(html) if not _bevat_getal(tekst, c)]
        assert not ontbrekend, (pad.name, ontbrekend)
        lezing = re.search(r'id="lezing"[^>]*>(.*?)</p>', html, re.DOTALL)
        assert lezing is not None
        # the page's one-line reading stands in the factsheet word for word
        assert " ".join(_platte_tekst(lezing.group(1)).split()) in " ".join(tekst.split())


def test_factsheet_leesvolgorde_titel_kerncijfers_dan_uitleg(opgehaald: list[tuple[str, bytes, Path]]) -> None:
    for (_, query), (html, _, pad) in zip(VERZOEKEN, opgehaald, strict=True):
        tekst = " ".join(_pdftotext(pad).split())
        en = query.get("lang") == "en"
        kop = "Factsheet human trafficking" if en else "Factsheet mensenhandel"
        stappen = [
            kop,
            "Key figures" if en else "Kerncijfers",
            "Trend" if en else "Verloop",
            "What do these figures mean?" if en else "Wat betekenen deze cijfers?",
            "Forms and methods" if en else "Vormen en werkwijzen",
            "About these figures" if en else "Over deze cijfers",
        ]
        posities = [tekst.find(s) for s in stappen]
        assert tekst.startswith(kop), tekst[:200]
        assert all(p >= 0 for p in posities) and posities == sorted(posities), list(zip(stappen, posities, strict=True))
        eerste_cijfer = _kerncijfers(html)[-1]
        uitleg = posities[3]
        assert _bevat_getal(tekst[: posities[2]], eerste_cijfer), "key figures come before the trend and explanation"
        assert uitleg > posities[1]
