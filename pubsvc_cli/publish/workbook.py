"""``report.xlsx``: one sheet each for plans, indicators, progress and findings, with the header
row frozen and a filter on every column, for the analyst who works in Excel.

openpyxl stamps each save with the time, in the workbook's properties and in every zip entry;
both are set to one fixed moment here (``SOURCE_DATE_EPOCH`` when set, as reproducible builds
use it), so that the same inputs give the same bytes and two years' workbooks can be diffed.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile

from .content import Book
from .tables import finding_rows, indicator_rows, plan_rows, progress_rows

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


def workbook_bytes(book: Book) -> bytes:
    from openpyxl import Workbook  # lazy: only a report writes a workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for key, (header, rows) in (
        ("plans", plan_rows(book)),
        ("indicators", indicator_rows(book)),
        ("progress", progress_rows(book)),
        ("findings", finding_rows(book)),
    ):
        sheet = workbook.create_sheet(book.messages.text(f"book.sheet.{key}"))
        sheet.freeze_panes = "A2"
        for index, name in enumerate(header, 1):
            sheet.column_dimensions[get_column_letter(index)].width = _WIDTH.get(name, 12)
        from openpyxl.cell import WriteOnlyCell

        heading = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        count = 0
        for row in rows:
            sheet.append(row)
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    moment = _moment()
    workbook.properties.creator = "pubsvc"
    workbook.properties.created = moment
    raw = io.BytesIO()
    workbook.save(raw)
    return _fixed_times(raw.getvalue(), moment)


def _fixed_times(data: bytes, moment: datetime.datetime) -> bytes:
    """The same archive with every entry dated ``moment`` and the properties' times set to it."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=max(moment, _ZIP_EPOCH).timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
