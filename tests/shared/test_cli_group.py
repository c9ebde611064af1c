"""The top-level command line lists every part and survives a part that cannot be imported."""

from __future__ import annotations

from click.testing import CliRunner

from shared.cli import _unavailable, main


def test_help_lists_the_kernel_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "quote" in result.output


def test_an_unloadable_part_says_why_and_fails() -> None:
    command = _unavailable("counter", ImportError("No module named 'PySide6'"))
    result = CliRunner().invoke(command, [])
    assert result.exit_code == 1
    assert "cannot load `counter`" in result.output
    assert "PySide6" in result.output
