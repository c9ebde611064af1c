"""Byte streams the backup commands share: a hashing writer, gzip in and out, progress lines.

Dumps can be many gigabytes, so nothing here holds a whole backup in memory: bytes flow in
chunks from the dump program through gzip into a file while their SHA-256 is computed.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Final, Protocol

CHUNK: Final = 1024 * 1024
PROGRESS_SECONDS: Final = 10.0

Report = Callable[[str], None]


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class HashingWriter:
    """A binary file that also counts and hashes what is written to it (the stored bytes)."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()


class Progress:
    """Says on the operator's terminal how far a long dump or restore has got, at most every
    PROGRESS_SECONDS, so a quiet hour-long dump is not mistaken for a hung one."""

    def __init__(
        self, verb: str, report: Report, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.verb = verb
        self.report = report
        self.clock = clock
        self.started = clock()
        self.last = self.started
        self.done = 0

    def advance(self, count: int) -> None:
        self.done += count
        now = self.clock()
        if now - self.last >= PROGRESS_SECONDS:
            self.last = now
            self.report(f"{self.verb} {_megabytes(self.done)} in {now - self.started:.0f} s")

    def finish(self) -> None:
        self.report(f"{self.verb} {_megabytes(self.done)} in {self.clock() - self.started:.1f} s")


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


@contextmanager
def gzip_writer(path: Path) -> Iterator[tuple[gzip.GzipFile, HashingWriter]]:
    """Compress into `path`; the HashingWriter has the stored bytes' size and SHA-256 after."""
    with path.open("wb") as raw:
        hashing = HashingWriter(raw)
        # mtime=0: the same dump compresses to the same bytes (reproducible checksums).
        with gzip.GzipFile(fileobj=hashing, mode="wb", compresslevel=6, mtime=0) as compressed:
            yield compressed, hashing


def file_sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def copy_stream(source: Readable, target: Writable, progress: Progress | None = None) -> int:
    total = 0
    while chunk := source.read(CHUNK):
        target.write(chunk)
        total += len(chunk)
        if progress is not None:
            progress.advance(len(chunk))
    return total


__all__ = [
    "CHUNK",
    "HashingWriter",
    "Progress",
    "Report",
    "copy_stream",
    "file_sha256",
    "gzip_writer",
]
