"""Find and open ingest inputs: files and folders, by name and by sniffing their bytes."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import InputError

KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".csv": "csv", ".txt": "text", ".zip": "zip",
}  # fmt: skip


@dataclass
class Input:
    """One file to ingest (or one member of a zip archive)."""

    where: str  # what error messages name
    kind: str
    path: Path
    member: str | None = None  # name inside a zip
    gz: bool = False

    def read_bytes(self) -> bytes:
        try:
            if self.member is not None:
                with zipfile.ZipFile(self.path) as zf:
                    data = zf.read(self.member)
            else:
                data = self.path.read_bytes()
            if self.gz and self.kind != "warc":
                data = gzip.decompress(data)
            return data
        except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile, KeyError, zlib.error) as exc:
            raise InputError(f"cannot read: {exc}", where=self.where) from exc


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the extractor's detection (windows-1256 and others)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from marsad.extract import decode_text

        return decode_text(data)


def kind_of(name: str) -> tuple[str | None, bool]:
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = Path(lower).suffix
    return KINDS.get(suffix), gz


def sniff(head: bytes) -> str | None:
    """Kind from the first bytes, for files with no known extension."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.decompress(head) if len(head) < 64 else head
        except (OSError, EOFError):
            return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"warc/"):
        return "warc"
    if text.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in text[:2048]:
        return "html"
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"["):
        return "json"
    return None


def expand(paths: list[str | Path]) -> Iterator[Input | InputError]:
    """Every ingestible file under the given paths (folders recursively, zips by member)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                if file.name.lower() in ("readme.md", "license", "gold.json", "manifest.tsv"):
                    continue
                yield from _one(file)
        elif path.exists():
            yield from _one(path)
        else:
            yield InputError("no such file or folder", where=str(path))


def _one(path: Path) -> Iterator[Input | InputError]:
    kind, gz = kind_of(path.name)
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.namelist() if not m.endswith("/")]
        except (OSError, zipfile.BadZipFile) as exc:
            yield InputError(f"not a readable zip archive: {exc}", where=str(path))
            return
        for member in members:
            mkind, mgz = kind_of(member)
            if mkind is None or mkind == "zip":
                yield InputError("unknown file type inside zip", where=f"{path}!{member}")
                continue
            if mkind == "warc":
                yield InputError("a WARC inside a ZIP is not read; unzip it first", where=f"{path}!{member}")
                continue
            yield Input(f"{path}!{member}", mkind, path, member=member, gz=mgz)
        return
    if kind is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            yield InputError(f"cannot read: {exc}", where=str(path))
            return
        kind = sniff(head)
        gz = head[:2] == b"\x1f\x8b"
        if kind is None:
            yield InputError("unknown file type (expected HTML, WARC, JSONL, JSON, CSV, TXT or ZIP)", where=str(path))
            return
    yield Input(str(path), kind, path, gz=gz)


def open_text(item: Input) -> io.StringIO:
    return io.StringIO(decode_bytes(item.read_bytes()))
