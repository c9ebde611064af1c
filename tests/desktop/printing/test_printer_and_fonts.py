"""Printing hands the file to `lp` and explains failures; the fonts ship in the package."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from desktop.printing import (
    PrinterError,
    font_paths,
    list_printers,
    register_fonts,
    send_to_printer,
)


def _fake(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return path


def test_the_pdf_goes_to_the_named_printer_through_lp(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    log = tmp_path / "lp.log"
    _fake(bin_dir, "lp", f'echo "$@" > {log}')
    monkeypatch.setenv("PATH", str(bin_dir))
    send_to_printer(pdf, "Counter_Laser")
    assert log.read_text().split() == ["-d", "Counter_Laser", str(pdf)]
    send_to_printer(pdf)
    assert log.read_text().split() == [str(pdf)]


def test_a_refusal_by_the_spooler_is_reported_with_its_words(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "lp", 'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(PrinterError, match=r"printer 'Nope'.*does not exist"):
        send_to_printer(pdf, "Nope")


def test_no_print_system_and_no_file_are_clear_errors(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PrinterError, match="no print system found"):
        send_to_printer(pdf)
    with pytest.raises(PrinterError, match="no file to print"):
        send_to_printer(tmp_path / "missing.pdf")
    assert list_printers() == []


def test_printers_are_listed_from_lpstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "lpstat", 'printf "Counter_Laser\\nTag_Printer\\n"')
    monkeypatch.setenv("PATH", str(bin_dir))
    assert list_printers() == ["Counter_Laser", "Tag_Printer"]


def test_the_fonts_and_their_licence_ship_inside_the_package() -> None:
    paths = font_paths()
    assert set(paths) >= {"DejaVuSans", "DejaVuSans-Bold"}
    for path in paths.values():
        assert path.is_file()
        assert path.stat().st_size > 100_000
        assert path.parent.name == "fonts"
        assert path.parent.parent.name == "assets"
    assert (paths["DejaVuSans"].parent / "LICENSE-DejaVu.txt").is_file()
    register_fonts()
    register_fonts()  # idempotent
