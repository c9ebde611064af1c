"""Forms whose errors appear under the field they are about.

Services report a refusal as InvalidInput with a `field` name; a form built here maps that name
to its row, shows the reason in red beneath it, outlines the field and moves focus there, so the
clerk fixes the value without hunting for what went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.viewmodels.base import UserMessage


class FieldErrors:
    """The error labels of one form, keyed by the service's field names."""

    def __init__(self, layout: QFormLayout, general: QLabel) -> None:
        self._layout = layout
        self._general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_row(self, label: str, field_name: str, editor: QWidget) -> QWidget:
        """Add `editor` under `label` with its (hidden) error line; returns `editor`."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = QLabel()
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.setVisible(False)
        error.setObjectName(f"error_{field_name}")
        column.addWidget(error)
        self._layout.addRow(label, holder)
        self._fields[field_name] = (editor, error)
        return editor

    def clear(self) -> None:
        self._general.setVisible(False)
        self._general.setText("")
        for editor, error in self._fields.values():
            error.setVisible(False)
            error.setText("")
            _mark(editor, invalid=False)

    def show(self, message: UserMessage) -> None:
        """Show `message` under its field (matching the last dotted part too), else on top."""
        self.clear()
        target = self._match(message.field)
        if target is None:
            self._general.setText(message.text)
            self._general.setVisible(True)
            return
        editor, error = target
        error.setText(message.text)
        error.setVisible(True)
        _mark(editor, invalid=True)
        editor.setFocus()

    def _match(self, field: str | None) -> tuple[QWidget, QLabel] | None:
        if not field:
            return None
        for candidate in _candidates(field):
            if candidate in self._fields:
                return self._fields[candidate]
        return None

    def names(self) -> Iterable[str]:
        return self._fields.keys()


def _candidates(field: str) -> list[str]:
    parts = field.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


def _mark(editor: QWidget, *, invalid: bool) -> None:
    editor.setProperty("invalid", invalid)
    editor.style().unpolish(editor)
    editor.style().polish(editor)


def general_error_label() -> QLabel:
    """The red line above a form for errors that belong to no single field."""
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setVisible(False)
    label.setObjectName("formError")
    return label
