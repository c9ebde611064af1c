"""Sign-in: who is at the counter. Every later action runs as this person (their role decides
what they may do, and the audit trail names them)."""

from __future__ import annotations

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.staff import list_users, sign_in
from desktop.ui.viewmodels.base import Event, UserMessage, ViewModel


class SignInViewModel(ViewModel):
    """Holds the list of active staff names and checks a name + PIN or password."""

    def __init__(self, ctx: CounterContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.signed_in: Event[Actor] = Event()

    def usernames(self) -> list[str]:
        """Active staff, for the name box (typing a name works too)."""
        return [user.username for user in list_users(self._ctx) if user.is_active]

    def sign_in(self, username: str, secret: str) -> Actor | None:
        if not username.strip():
            self.error.emit(UserMessage("Type your user name.", "username"))
            return None
        if not secret:
            self.error.emit(UserMessage("Type your PIN or password.", "secret"))
            return None
        actor = self.attempt(lambda: sign_in(self._ctx, username.strip(), secret))
        if actor is not None:
            self.signed_in.emit(actor)
        return actor
