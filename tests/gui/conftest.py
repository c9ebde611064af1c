"""GUI tests run offscreen (no display needed) on a real counter data folder in tmp_path.

QT_QPA_PLATFORM is set here, before anything imports Qt, so a developer's desktop session or a
CI machine without X behave the same.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.theme import apply_theme
from tests.gui.seed import SeededCounter, seed_counter


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> None:
    """The same font and style sheet as the real app (sizes and wrapping depend on them)."""
    apply_theme(qapp)


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[SeededCounter]:
    seeded = seed_counter(tmp_path / "counter")
    yield seeded
    seeded.ctx.close()


@pytest.fixture
def counter_without_rates(tmp_path: Path) -> Iterator[SeededCounter]:
    seeded = seed_counter(tmp_path / "counter", with_rates=False)
    yield seeded
    seeded.ctx.close()
