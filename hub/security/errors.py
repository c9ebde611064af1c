"""Refusals the user sees as text (never a stack trace)."""

from __future__ import annotations


class LoginRefused(Exception):
    """Wrong credentials, a locked account, an inactive shop: `reason` is shown to the user.

    The reason never says which of shop, username or password was wrong.
    """

    def __init__(self, reason: str, *, retry_after_seconds: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_seconds = retry_after_seconds
