# SPDX-License-Identifier: EUPL-1.2
"""Hostile import files are refused with a clear reason, in bounded memory (issue 15).

The bombs are built here, small on disk: an XLSX whose shared-strings table holds millions of entries, one
with ten million rows of tiny XML, a zip whose declared sizes lie. Each test asserts the refusal (code and a
Dutch reason) and that the traced memory stays under :data:`GEHEUGEN_GRENS`. XML of extreme shape is in
``test_upload_grenzen_xml.py``, CSV and JSON lines in ``test_upload_grenzen_tekst.py``. How fast they are refused is measured in ``benchmarks/bench_upload_bombs.py``, which
reuses the builders of this module.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from zicht.intake.files import BestandsFout, Grenzen, RawRow, read_rows

#: Extra memory (traced by tracemalloc) a refused bomb may cost.
GEHEUGEN_GRENS = 100 * 1024 * 1024
_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>melder_referentie</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>melddatum</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>uitbuitingsvorm</t></is></c></row>'
)
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
_ROOT_RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="xl/workbook.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    b"<workbook " + _NS + b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Meldingen" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    b'<Relationship Id="rId2" Target="sharedStrings.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)


# ---- builders (also used by benchmarks/bench_upload_bombs.py) ---------------------------------------------


def herhaal(stuk: bytes, aantal: int, blok: int = 1 << 20) -> Iterator[bytes]:
    """``stuk`` repeated ``aantal`` times, in blocks of about ``blok`` bytes (never all in memory)."""
    per_blok = max(1, blok // len(stuk))
    volle, rest = divmod(aantal, per_blok)
    groot = stuk * per_blok
    for _ in range(volle):
        yield groot
    if rest:
        yield stuk * rest


def schrijf_xlsx(
    doel: Path | io.BytesIO,
    blad: Iterable[bytes],
    teksten: Iterable[bytes] | None = None,
    extra: dict[str, bytes] | None = None,
) -> None:
    """A minimal XLSX with the sheet ``Meldingen`` made of ``blad`` (streamed, deflated) and, when given, a
    shared-strings table made of ``teksten``."""
    with zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for naam, data in (extra or {}).items():
            zf.writestr(naam, data)
        for naam, delen in (("xl/worksheets/sheet1.xml", blad), ("xl/sharedStrings.xml", teksten)):
            if delen is None:
                continue
            with zf.open(naam, "w", force_zip64=True) as member:
                for deel in delen:
                    member.write(deel)


def blad(*rijen: Iterable[bytes], voor: bytes = b"") -> Iterator[bytes]:
    """Worksheet XML: the header row of three columns, then the given rows."""
    yield b"<worksheet " + _NS + b">" + voor + b"<sheetData>" + _HEADER_ROW
    for deel in rijen:
        yield from deel
    yield b"</sheetData></worksheet>"


def gedeelde_teksten(aantal: int) -> Iterator[bytes]:
    yield b"<sst " + _NS + b">"
    yield from herhaal(b"<si><t>x</t></si>", aantal)
    yield b"</sst>"


def bom_gedeelde_teksten(doel: Path, aantal: int = 8_000_000) -> Path:
    """The red team's first bomb: a table of millions of shared strings (a few hundred KB on disk)."""
    schrijf_xlsx(doel, blad(), gedeelde_teksten(aantal))
    return doel


def bom_rijen(doel: Path, aantal: int = 10_000_000) -> Path:
    """The red team's second bomb: millions of tiny rows (hundreds of MB of XML, about a MB on disk)."""
    schrijf_xlsx(doel, blad(herhaal(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>', aantal)))
    return doel


def liegende_zip(doel: Path, rijen: int = 300_000, opgave: int = 1000) -> Path:
    """An XLSX whose worksheet declares ``opgave`` bytes unpacked (in the central directory and the local
    header) but unpacks to many megabytes."""
    buffer = io.BytesIO()
    schrijf_xlsx(buffer, blad(herhaal(b"<row><c><v>1</v></c></row>", rijen)))
    data = bytearray(buffer.getvalue())
    naam = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(naam.decode())
    assert not info.extra, "the builder must not write zip64 extras for this member"
    data[info.header_offset + 22 : info.header_offset + 26] = opgave.to_bytes(4, "little")
    centraal = data.find(b"PK\x01\x02")
    while centraal >= 0:
        lengte = int.from_bytes(data[centraal + 28 : centraal + 30], "little")
        if data[centraal + 46 : centraal + 46 + lengte] == naam:
            data[centraal + 24 : centraal + 28] = opgave.to_bytes(4, "little")
        centraal = data.find(b"PK\x01\x02", centraal + 4)
    doel.write_bytes(bytes(data))
    return doel


# ---- helpers ----------------------------------------------------------------------------------------------


def lees(bron: Path | bytes, naam: str, grenzen: Grenzen | None = None) -> list[RawRow]:
    return list(read_rows(bron, naam, grenzen=grenzen))


def geweigerd(bron: Path | bytes, naam: str, grenzen: Grenzen | None = None) -> tuple[BestandsFout, int]:
    """The refusal of a file and the peak of memory traced while reading it."""
    return gemeten(lambda: lees(bron, naam, grenzen))


def gemeten(werk: Callable[[], object]) -> tuple[BestandsFout, int]:
    tracemalloc.start()
    try:
        with pytest.raises(BestandsFout) as info:
            werk()
        piek = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return info.value, piek


def rijen_gemeten(bron: Path | bytes, naam: str, grenzen: Grenzen | None = None) -> tuple[list[RawRow], int]:
    tracemalloc.start()
    try:
        rows = lees(bron, naam, grenzen)
        piek = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return rows, piek


def xlsx(*rijen: bytes, voor: bytes = b"", extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    schrijf_xlsx(out, blad(rijen, voor=voor), extra=extra)
    return out.getvalue()


def geldige_rij(n: int) -> bytes:
    """A valid data row numbered ``n`` (reference R1)."""
    cellen = zip("ABC", ("R1", "2023-01-02", "arbeid"), strict=True)
    return (
        b'<row r="%d">' % n
        + b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (k.encode(), n, v.encode()) for k, v in cellen)
        + b"</row>"
    )


GELDIGE_RIJ = geldige_rij(2)
CSV_KOP = b"melder_referentie,melddatum,uitbuitingsvorm\n"
KLEIN = Grenzen(max_rijen=1000, max_kolommen=30, max_celtekens=5000, max_zip_onderdelen=20)


@pytest.fixture(scope="module")
def bommen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("bommen")
    return {
        "teksten": bom_gedeelde_teksten(tmp / "teksten.xlsx"),
        "rijen": bom_rijen(tmp / "rijen.xlsx"),
        "liegt": liegende_zip(tmp / "liegt.xlsx"),
    }


# ---- the red team's bombs ---------------------------------------------------------------------------------


def test_het_minimale_werkblad_van_de_bouwers_wordt_gewoon_gelezen() -> None:
    [rij] = lees(xlsx(GELDIGE_RIJ), "m.xlsx")
    assert rij.values == {"melder_referentie": "R1", "melddatum": "2023-01-02", "uitbuitingsvorm": "arbeid"}


def test_acht_miljoen_gedeelde_teksten_worden_geweigerd_voordat_ze_worden_ingelezen(bommen: dict[str, Path]) -> None:
    assert bommen["teksten"].stat().st_size < 1024 * 1024
    fout, piek = geweigerd(bommen["teksten"], "bom.xlsx")
    assert fout.code == "te_veel_teksten"
    assert "1.000.000 verschillende teksten" in fout.reden_nl and "1,000,000" in fout.reden_en
    assert piek < GEHEUGEN_GRENS


def test_tien_miljoen_rijen_worden_geweigerd_op_de_opgegeven_uitgepakte_grootte(bommen: dict[str, Path]) -> None:
    assert bommen["rijen"].stat().st_size < 2 * 1024 * 1024
    fout, piek = geweigerd(bommen["rijen"], "bom.xlsx")
    assert fout.code == "uitgepakt_te_groot"
    assert "uitgepakt groter dan 200 MB" in fout.reden_nl
    assert piek < GEHEUGEN_GRENS


def test_een_zip_die_over_de_uitgepakte_grootte_liegt_wordt_bij_de_eerste_byte_te_veel_geweigerd(
    bommen: dict[str, Path],
) -> None:
    with zipfile.ZipFile(bommen["liegt"]) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    fout, piek = geweigerd(bommen["liegt"], "bom.xlsx")
    assert fout.code == "zip_grootte_onjuist"
    assert "groter dan het bestand opgeeft" in fout.reden_nl
    assert piek < GEHEUGEN_GRENS


def test_miljoenen_rijen_binnen_de_uitgepakte_grens_worden_geteld_en_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "rijen.xlsx"
    schrijf_xlsx(pad, blad(herhaal(b"<row><c><v>1</v></c></row>", 3_000_000)))
    fout, piek = geweigerd(pad, "bom.xlsx")
    assert fout.code == "te_veel_rijen" and "200.000 rijen" in fout.reden_nl
    assert piek < GEHEUGEN_GRENS


def test_de_rijgrens_telt_ook_rijen_met_een_naamruimtevoorvoegsel() -> None:
    rij = b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c><x:v>1</x:v></x:c></x:row>'
    fout, _ = geweigerd(xlsx(*[rij] * 1001), "m.xlsx", KLEIN)
    assert fout.code == "te_veel_rijen"
    assert len(lees(xlsx(*[rij] * 999), "m.xlsx", KLEIN)) == 999


def test_lege_rijen_tot_excels_maximum_en_daarboven(tmp_path: Path) -> None:
    pad = tmp_path / "leeg.xlsx"
    schrijf_xlsx(pad, blad(herhaal(b"<row/>", 1_048_577)))
    fout, piek = geweigerd(pad, "m.xlsx")
    assert fout.code == "te_veel_rijen" and "(lege) rijen" in fout.reden_nl
    assert piek < GEHEUGEN_GRENS


# ---- the zip container ------------------------------------------------------------------------------------


def test_te_veel_zip_onderdelen_worden_geweigerd_voordat_de_map_wordt_ingelezen() -> None:
    data = xlsx(GELDIGE_RIJ, extra={f"xl/media/plaatje{i}.bin": b"x" for i in range(30)})
    fout, _ = geweigerd(data, "m.xlsx", KLEIN)
    assert fout.code == "te_veel_onderdelen" and "meer dan 20 onderdelen" in fout.reden_nl
    assert len(lees(data, "m.xlsx")) == 1  # within the default limit


@pytest.mark.parametrize("naam", ["../buiten.xml", "/etc/absoluut.xml", "/".join(["diep"] * 12) + "/x.xml"])
def test_onderdelen_met_een_ongeldig_of_te_diep_pad_worden_geweigerd(naam: str) -> None:
    fout, _ = geweigerd(xlsx(GELDIGE_RIJ, extra={naam: b"<x/>"}), "m.xlsx")
    assert fout.code == "zip_pad"


def test_een_opgeblazen_stijlblad_wordt_niet_als_objecten_ingelezen() -> None:
    xf = b'<xf numFmtId="14"/>' * 100_000
    stijlen = b"<styleSheet " + _NS + b"><cellXfs>" + xf + b"</cellXfs></styleSheet>"
    rijen, piek = rijen_gemeten(xlsx(GELDIGE_RIJ, extra={"xl/styles.xml": stijlen}), "m.xlsx")
    assert len(rijen) == 1 and piek < 20 * 1024 * 1024
    fout, _ = geweigerd(xlsx(GELDIGE_RIJ, extra={"xl/styles.xml": stijlen * 6}), "m.xlsx")
    assert fout.code == "onderdeel_te_groot" and "groter dan 10 MB" in fout.reden_nl
    klein_maar_vol = b"<styleSheet " + _NS + b"><fonts>" + b"<b/>" * 300_000 + b"</fonts></styleSheet>"
    fout, _ = geweigerd(xlsx(GELDIGE_RIJ, extra={"xl/styles.xml": klein_maar_vol}), "m.xlsx")
    assert fout.code == "onderdeel_te_groot" and "meer dan 250.000 elementen" in fout.reden_nl
