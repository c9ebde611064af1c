"""Rules every page template keeps, checked on the files themselves.

- every POST form carries the CSRF field (a form without it would be refused with a 403);
- nothing is marked `safe` except Litestar's CSRF input, so user text is always escaped;
- no inline script or style, so a strict Content-Security-Policy can be switched on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "hub" / "templates"
ALL = sorted(TEMPLATES.rglob("*.html"))
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.DOTALL | re.IGNORECASE)


def test_the_templates_are_found() -> None:
    assert {path.name for path in ALL} >= {"base.html", "login.html", "dashboard.html"}


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_post_form_has_its_csrf_field(path: Path) -> None:
    for form in FORM.findall(path.read_text(encoding="utf-8")):
        opening = form.split(">", 1)[0].lower()
        if 'method="post"' in opening:
            assert "{{ csrf_input | safe }}" in form, f"{path.name}: {opening}>"


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_only_the_csrf_input_is_marked_safe(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"\{\{[^}]*\|\s*safe[^}]*\}\}", text)
    assert all(use == "{{ csrf_input | safe }}" for use in uses), uses
    assert "autoescape false" not in text
    assert "Markup(" not in text


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_inline_script_or_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle=", text)
    assert not re.search(r"\son[a-z]+=", text)  # onclick= and friends
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.DOTALL):
        assert not script.strip(), "scripts live in /static/js"
