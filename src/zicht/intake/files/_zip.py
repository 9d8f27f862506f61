# SPDX-License-Identifier: EUPL-1.2
"""The zip container of an XLSX file, opened with limits: members, paths, declared and actual sizes.

Everything here runs before a single XML part is parsed:

* the end-of-central-directory record is read first, so a central directory of a million entries is refused
  before :mod:`zipfile` builds an object for each;
* member names must be relative paths without ``..``, at most :data:`MAX_PAD_DIEPTE` deep, each name once;
* the sizes the zip declares must add up to at most ``max_uitgepakt_bytes``;
* a member is read through :func:`lees_blokken`, which counts the bytes actually unpacked: a member that
  unpacks to more than it declares is refused at the first byte too many (declared sizes can lie, and
  :mod:`zipfile` itself only stops at the declared size).
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from zicht.intake.files._common import BestandsFout
from zicht.intake.files._grenzen import Grenzen, getal, megabytes, te_veel_rijen

#: Deepest member path accepted (``xl/worksheets/_rels/sheet1.xml.rels`` is 4 deep).
MAX_PAD_DIEPTE = 10
#: Largest central directory entry assumed when bounding the directory's size (46 fixed bytes, name, extra).
_MAX_ENTRY_BYTES = 1024
_BLOK = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
# A start tag, with or without a namespace prefix: <row ...>, <x:row ...>, <si>. The attribute part skips
# quoted values (which may hold '>' but never '<', so no attempt scans past the next tag), group 1 is '/' for
# an empty element.
_PREFIX = rb"(?:[^\s<>/!?:=\"']+:)?"
_ATTRS = rb"[^<>\"'/]*(?:(?:\"[^<\"]*\"|'[^<']*')[^<>\"'/]*)*"
ROW_TAG = re.compile(rb"<" + _PREFIX + rb"row(?=[\s/>])" + _ATTRS + rb"(/?)>")
SI_TAG = re.compile(rb"<" + _PREFIX + rb"si(?=[\s/>])")
#: Excel's own number of rows: no sheet may have more row elements, empty ones included.
EXCEL_MAX_RIJEN = 1_048_576


def beschadigd() -> BestandsFout:
    return BestandsFout("geen_xlsx", "het Excel-bestand is beschadigd", "the Excel file is damaged")


def te_lange_xml() -> BestandsFout:
    return BestandsFout(
        "xml_te_lang",
        "het Excel-bestand bevat een XML-element of tekst van ongebruikelijke lengte",
        "the Excel file holds an XML element or text of unusual length",
    )


def _te_groot_uitgepakt(grenzen: Grenzen) -> BestandsFout:
    grens = megabytes(grenzen.max_uitgepakt_bytes)
    return BestandsFout(
        "uitgepakt_te_groot",
        f"het Excel-bestand is uitgepakt groter dan {grens}; splits het in kleinere bestanden",
        f"the Excel file is larger than {grens} unpacked; split it into smaller files",
    )


def _te_veel_onderdelen(grenzen: Grenzen) -> BestandsFout:
    n = grenzen.max_zip_onderdelen
    return BestandsFout(
        "te_veel_onderdelen",
        f"het Excel-bestand bestaat uit meer dan {getal(n, 'nl')} onderdelen; een gewoon werkblad heeft er een "
        "tiental: sla het opnieuw op als .xlsx met alleen de meldingen",
        f"the Excel file is made of more than {getal(n, 'en')} parts; an ordinary workbook has about ten: save "
        "it again as .xlsx with only the meldingen",
    )


@dataclass
class Teller:
    """Bytes actually unpacked so far from one XLSX file, against its limit."""

    grenzen: Grenzen
    gelezen: int = 0


def open_zip(stream: IO[bytes], grenzen: Grenzen) -> zipfile.ZipFile:
    """Open the zip after checking its directory, member names and declared sizes; raises BestandsFout."""
    entries, cd_size = _central_directory(stream)
    if entries > grenzen.max_zip_onderdelen or cd_size > grenzen.max_zip_onderdelen * _MAX_ENTRY_BYTES:
        raise _te_veel_onderdelen(grenzen)
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except Exception:  # BadZipFile, OSError, ValueError, EOFError ...: not a zip we can read
        raise beschadigd() from None
    try:
        infos = archive.infolist()
        if len(infos) > grenzen.max_zip_onderdelen:
            raise _te_veel_onderdelen(grenzen)
        seen: set[str] = set()
        for info in infos:
            _check_name(info.filename, seen)
        if sum(info.file_size for info in infos) > grenzen.max_uitgepakt_bytes:
            raise _te_groot_uitgepakt(grenzen)
    except BaseException:
        archive.close()
        raise
    return archive


def _central_directory(stream: IO[bytes]) -> tuple[int, int]:
    """(number of entries, size in bytes) of the central directory, from the end record (zip64 too)."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_len = min(size, 22 + 65535)
    stream.seek(size - tail_len)
    tail = stream.read(tail_len)
    pos = tail.rfind(_EOCD)
    if pos < 0 or len(tail) < pos + 22:
        raise beschadigd()
    entries = int.from_bytes(tail[pos + 10 : pos + 12], "little")
    cd_size = int.from_bytes(tail[pos + 12 : pos + 16], "little")
    locator = pos - 20
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and locator >= 0 and tail[locator : locator + 4] == _EOCD64_LOCATOR:
        offset = int.from_bytes(tail[locator + 8 : locator + 16], "little")
        if offset >= size:
            raise beschadigd()
        stream.seek(offset)
        record = stream.read(56)
        if len(record) < 56 or record[:4] != _EOCD64:
            raise beschadigd()
        entries = int.from_bytes(record[32:40], "little")
        cd_size = int.from_bytes(record[40:48], "little")
    return entries, cd_size


def _check_name(name: str, seen: set[str]) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0] or "\x00" in name:
        raise BestandsFout(
            "zip_pad",
            "het Excel-bestand bevat een onderdeel met een ongeldige naam (een absoluut pad of '..')",
            "the Excel file holds a part with an invalid name (an absolute path or '..')",
        )
    if len(parts) > MAX_PAD_DIEPTE:
        raise BestandsFout(
            "zip_pad",
            f"het Excel-bestand bevat een onderdeel dat dieper dan {MAX_PAD_DIEPTE} mappen ligt",
            f"the Excel file holds a part nested deeper than {MAX_PAD_DIEPTE} folders",
        )
    if name in seen:
        raise BestandsFout(
            "zip_dubbel",
            "het Excel-bestand bevat twee onderdelen met dezelfde naam",
            "the Excel file holds two parts with the same name",
        )
    seen.add(name)


def lees_blokken(archive: zipfile.ZipFile, naam: str, teller: Teller, blok: int = _BLOK) -> Iterator[bytes]:
    """The unpacked bytes of one member, in blocks, counting what is actually unpacked.

    Raises BestandsFout when the member unpacks to more than it declares, or when everything unpacked from
    the file so far exceeds ``max_uitgepakt_bytes``; a damaged member (bad CRC, broken deflate stream, an
    unsupported or encrypted entry) is refused as damaged.
    """
    info = archive.getinfo(naam)
    probe = copy.copy(info)
    # zipfile stops (and checks the CRC) at the size it is told: tell it more than the limit, count here.
    probe.file_size = max(info.file_size, teller.grenzen.max_uitgepakt_bytes) + 1
    gelezen = 0
    try:
        with archive.open(probe) as member:
            while data := member.read(blok):
                gelezen += len(data)
                teller.gelezen += len(data)
                if gelezen > info.file_size:
                    raise BestandsFout(
                        "zip_grootte_onjuist",
                        "een onderdeel van het Excel-bestand is uitgepakt groter dan het bestand opgeeft; het "
                        "bestand is beschadigd of gemanipuleerd",
                        "a part of the Excel file unpacks to more than the file declares; the file is damaged "
                        "or has been tampered with",
                    )
                if teller.gelezen > teller.grenzen.max_uitgepakt_bytes:
                    raise _te_groot_uitgepakt(teller.grenzen)
                yield data
    except BestandsFout:
        raise
    except Exception:
        raise beschadigd() from None


def lees_klein(archive: zipfile.ZipFile, naam: str, teller: Teller, grens: int) -> bytes:
    """A small member (workbook, relationships, content types, styles), whole; at most ``grens`` bytes."""
    if archive.getinfo(naam).file_size > grens:
        raise BestandsFout(
            "onderdeel_te_groot",
            f"het onderdeel {naam[:80]} van het Excel-bestand is groter dan {megabytes(grens)}",
            f"the part {naam[:80]} of the Excel file is larger than {megabytes(grens)}",
        )
    return b"".join(lees_blokken(archive, naam, teller))


@dataclass(frozen=True, slots=True)
class Telling:
    """What a quick scan of a part found: tags counted, empty ones apart, and elements of any kind."""

    aantal: int
    leeg: int
    elementen: int


#: Elements a part may hold besides those its counted tags account for (the sheet's views, columns,
#: formats and the like; Excel writes a few hundred).
_VASTE_ELEMENTEN = 100_000


def tel_tags(
    archive: zipfile.ZipFile,
    naam: str,
    teller: Teller,
    patroon: re.Pattern[bytes],
    grens: int,
    *,
    per_tag: int,
    leeg_grens: int = 0,
) -> Telling:
    """Count the start tags ``patroon`` matches in a part without parsing it, stopping at ``grens``.

    The part is scanned in blocks cut after the last ``<``, so no tag is split between blocks. Empty elements
    (group 1 of the pattern is ``/``) are counted apart and bounded by ``leeg_grens`` when given. Elements of
    any kind are counted too (every ``<`` not followed by ``/``) and may number at most ``per_tag`` for each
    counted tag plus a fixed allowance, so that a part of few rows cannot hold millions of other elements for
    the parser to go through. The counts are upper bounds of what a parser finds (a tag inside a comment
    counts too), never less. Raises the matching BestandsFout when a bound is passed.
    """
    aantal = leeg = elementen = 0
    carry = b""
    max_token = teller.grenzen.max_tokenbytes
    for data in lees_blokken(archive, naam, teller):
        buf = carry + data
        cut = buf.rfind(b"<")
        if cut <= 0:
            if len(buf) > max_token:
                raise te_lange_xml()
            carry = buf
            continue
        segment, carry = buf[:cut], buf[cut:]
        aantal, leeg = _count(patroon, segment, aantal, leeg, grens, leeg_grens)
        elementen += segment.count(b"<") - segment.count(b"</")
        # checked as the part streams: every part of a sheet that Excel writes stays within this allowance
        _check_elementen(naam, elementen, _VASTE_ELEMENTEN + aantal * per_tag + leeg)
    aantal, leeg = _count(patroon, carry, aantal, leeg, grens, leeg_grens)
    elementen += carry.count(b"<") - carry.count(b"</")
    _check_elementen(naam, elementen, _VASTE_ELEMENTEN + aantal * per_tag + leeg)
    return Telling(aantal, leeg, elementen)


def _check_elementen(naam: str, elementen: int, toegestaan: int) -> None:
    if elementen > toegestaan:
        raise BestandsFout(
            "xml_te_veel",
            f"het onderdeel {naam[:80]} van het Excel-bestand bevat ongewoon veel XML-elementen voor wat het "
            "aan rijen of teksten bevat",
            f"the part {naam[:80]} of the Excel file holds unusually many XML elements for the rows or texts it holds",
        )


def _count(
    patroon: re.Pattern[bytes], data: bytes, aantal: int, leeg: int, grens: int, leeg_grens: int
) -> tuple[int, int]:
    for match in patroon.finditer(data):
        if match.lastindex and match.group(1):
            leeg += 1
            if leeg_grens and leeg > leeg_grens:
                raise BestandsFout(
                    "te_veel_rijen",
                    f"het werkblad heeft meer dan {getal(leeg_grens, 'nl')} (lege) rijen",
                    f"the worksheet has more than {getal(leeg_grens, 'en')} (empty) rows",
                )
            continue
        aantal += 1
        if aantal > grens:
            if patroon is ROW_TAG:
                raise te_veel_rijen(grens - 1)
            raise te_veel_teksten(grens)
    return aantal, leeg


def te_veel_teksten(grens: int) -> BestandsFout:
    return BestandsFout(
        "te_veel_teksten",
        f"het Excel-bestand bevat meer dan {getal(grens, 'nl')} verschillende teksten (shared strings)",
        f"the Excel file holds more than {getal(grens, 'en')} distinct texts (shared strings)",
    )
