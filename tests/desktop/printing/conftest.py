"""A sample shop in a fresh SQLite file per test, built through the shared tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desktop.printing.samples import SampleSet, sample_session


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[tuple[Session, SampleSet]]:
    session, samples = sample_session(tmp_path)
    with session:
        yield session, samples
    session.get_bind().dispose()  # type: ignore[union-attr]
