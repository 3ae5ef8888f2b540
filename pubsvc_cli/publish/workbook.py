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
import zipfile
from collections.abc import Iterator

_FIXED = datetime.datetime(2000, 1, 1)
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)  # the earliest time a zip entry can carry
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
    pubsvc named as the author."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    # The fastest level of compression: a national workbook is recompressed here in about a
    # second, at the default level in four, for a file a few per cent larger.
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
                content = content.replace(b"<dc:creator></dc:creator>", b"<dc:creator>pubsvc</dc:creator>")
            entry = zipfile.ZipInfo(info.filename, date_time=max(moment, _ZIP_EPOCH).timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
