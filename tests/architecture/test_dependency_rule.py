"""DESIGN.md section 1's dependency rule, checked by import-linter on every run of the suite."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_code_keeps_the_dependency_rule() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout
    assert " broken" in result.stdout


def test_a_kernel_importing_the_hub_is_caught(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in ("shared", "sync", "desktop", "hub"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "hub" / "api.py").write_text("VALUE = 1\n")
    (tmp_path / "shared" / "leak.py").write_text("from hub import api\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "shared.leak -> hub.api" in result.stdout
