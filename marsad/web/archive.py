"""The archived original of an article: the payload of its capture's WARC record."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from marsad.model import Capture


def warc_file(capture: Capture, data_dir: str | None) -> Path | None:
    """The WARC file of a capture: its path as stored, or relative to the data folder."""
    if not capture.warc_path:
        return None
    path = Path(capture.warc_path)
    candidates = [path] if path.is_absolute() else [path, Path(data_dir or ".") / path]
    return next((p for p in candidates if p.is_file()), None)


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)


def read_payload(capture: Capture, data_dir: str | None, max_bytes: int) -> tuple[bytes, str | None] | None:
    """The payload of the first response/resource record at the capture's offset, and the
    charset its Content-Type declared (None if it declared none)."""
    path = warc_file(capture, data_dir)
    if path is None:
        return None
    with path.open("rb") as fh:
        fh.seek(int(capture.warc_offset or 0))
        for record in ArchiveIterator(fh):
            if record.rec_type in ("response", "resource"):
                if record.http_headers is not None:
                    declared = record.http_headers.get_header("Content-Type") or ""
                else:
                    declared = record.rec_headers.get_header("Content-Type") or ""
                match = _CHARSET.search(declared)
                return record.content_stream().read(max_bytes), (match.group(1) if match else None)
            if record.rec_type not in ("warcinfo", "request", "metadata"):
                return None
    return None


def config_value(config: Any, name: str, default: Any) -> Any:
    try:
        return getattr(config, name)
    except AttributeError:
        return default
