"""The one error type the kernel raises for bad input.

Every boundary (forms, CLI, HTTP, sync payloads, files) turns user text into kernel values, and
each must tell the user *which* field is wrong and *why* in words a counter clerk understands. A
single exception type carrying both lets every boundary render the same message its own way.
"""

from __future__ import annotations


class InvalidInput(ValueError):
    """Bad input: `reason` is shown to the user, `field` names where it came from (dotted path)."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.reason = reason
        self.field = field

    def at(self, field: str) -> InvalidInput:
        """The same error, placed under `field` (prefixing any inner field path)."""
        inner = f"{field}.{self.field}" if self.field else field
        return InvalidInput(self.reason, inner)
