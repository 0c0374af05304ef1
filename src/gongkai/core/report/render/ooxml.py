"""What the DOCX and XLSX renderers share: stable package bytes.

Both are ZIP packages whose writers stamp the time of writing; rewriting every entry with a
date derived from the report year makes re-rendering an unchanged report byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo


def stamp_for(year: int) -> dt.datetime:
    # A report on year N is published early in N+1; any fixed value keeps output stable.
    # Naive, because openpyxl writes the W3CDTF ``Z`` itself.
    return dt.datetime(year + 1, 1, 1)


def rezip(
    data: bytes,
    stamp: dt.datetime,
    transform: Callable[[str, bytes], bytes] | None = None,
) -> bytes:
    """The same package with every entry dated ``stamp``, optionally rewriting entries."""
    date_time = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    out = BytesIO()
    with ZipFile(BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if transform is not None:
                content = transform(item.filename, content)
            info = ZipInfo(item.filename, date_time=date_time)
            info.compress_type = ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()
