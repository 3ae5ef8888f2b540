"""``report.xlsx``: one sheet each for plans, indicators, progress and findings, with the header
row frozen and a filter on every column, for the analyst who works in Excel.

Written by rustpy-xlsxwriter (rust_xlsxwriter underneath): a national report's workbook holds
about four million cells, which openpyxl took 108 s to write and XlsxWriter about 55 s; this
takes a few seconds (measured on 460,000 cells: 9.6 s, 6.4 s and 0.63 s). openpyxl still reads
spreadsheets of actual values. A writer stamps each save with the time, in the workbook's
properties and in every zip entry; both are set to one fixed moment here (``SOURCE_DATE_EPOCH``
when set, as reproducible builds use it), so that the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

_FIXED = datetime.datetime(2000, 1, 1)
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_MADE_ON_UNIX = (3 << 8) | 20  # "version made by": Unix (so that the entries' modes count), zip 2.0
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
#: Column width in characters for a sheet's columns: wide enough for a plan's or indicator's name.
_WIDTH = {"name": 28, "title": 28, "message": 60, "headline": 60, "file": 24, "waiver_reason": 30}


def _moment() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).replace(tzinfo=None)
    return _FIXED


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """The workbook of ``sheets``: (name, header, rows) each, the header bold and frozen, a
    filter over every column."""
    from rustpy_xlsxwriter import FastExcel  # lazy: only a report writes a workbook

    raw = io.BytesIO()
    workbook = FastExcel(raw).format(bold_headers=True).freeze(row=1)
    for name, header, rows in sheets:
        # A sheet without rows still shows its header (above one empty row: the writer takes the
        # columns from the records).
        records = _records(header, rows) if rows else [dict.fromkeys(header)]
        widths = {column: _WIDTH.get(column, 12) for column in header}
        workbook.sheet(name, records, column_widths=widths, autofilter=True)
    workbook.save()
    return _fixed_times(raw.getvalue(), _moment())


def _records(header: list[str], rows: list[list]) -> Iterator[dict]:
    """The rows as records, one at a time (the sheets are written at save(), so each sheet's
    generator is bound to its own header here)."""
    for row in rows:
        yield dict(zip(header, row, strict=True))


def _fixed_times(data: bytes, moment: datetime.datetime) -> bytes:
    """The same archive with every entry dated ``moment``, the properties' times set to it and
    pubsvc named as the author.

    Only the properties change: every other entry's compressed bytes are copied as they are (a
    national workbook holds 250 MB of XML, which decompressing and compressing again took about
    five seconds). An archive beyond the classic zip format's limits is rebuilt by zipfile."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    when = max(moment, _ZIP_EPOCH)
    dos_time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    dos_date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = source.infolist()
        # The classic format's fields: 16-bit counts, 32-bit sizes and offsets (an entry's own
        # size may pass 4 GB inside a smaller archive).
        if len(entries) >= 0xFFFF or len(data) >= 0xFFFFFFFF or any(i.file_size >= 0xFFFFFFFF for i in entries):
            return _rebuilt(source, stamp, when)
        out = io.BytesIO()
        central = []
        for info in entries:
            name = info.filename.encode("utf-8")
            if info.filename == "docProps/core.xml":
                content = _properties(source.read(info.filename), stamp)
                crc, size = zlib.crc32(content), len(content)
                packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
                raw, method = packer.compress(content) + packer.flush(), zipfile.ZIP_DEFLATED
            else:
                crc, size, raw, method = info.CRC, info.file_size, _stored_bytes(data, info), info.compress_type
            flags = 0x800 if info.flag_bits & 0x800 else 0  # UTF-8 names; sizes in the header, no descriptor
            offset = out.tell()
            header = (20, flags, method, dos_time, dos_date, crc, len(raw), size, len(name), 0)
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *header) + name + raw)
            central.append(
                struct.pack("<4s6H3L5H2L", b"PK\x01\x02", _MADE_ON_UNIX, *header, 0, 0, 0, 0o100644 << 16, offset)
                + name
            )
        directory = out.tell()
        out.write(b"".join(central))
        count, length = len(central), out.tell() - directory
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, length, directory, 0))
        return out.getvalue()


def _stored_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """An entry's compressed bytes, as its local header places them."""
    at = info.header_offset
    name_length, extra_length = struct.unpack("<2H", data[at + 26 : at + 30])
    start = at + 30 + name_length + extra_length
    return data[start : start + info.compress_size]


def _properties(content: bytes, stamp: bytes) -> bytes:
    content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
    return content.replace(b"<dc:creator></dc:creator>", b"<dc:creator>pubsvc</dc:creator>")


def _rebuilt(source: zipfile.ZipFile, stamp: bytes, when: datetime.datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _properties(content, stamp)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o100644 << 16
            target.writestr(entry, content)
    return out.getvalue()
