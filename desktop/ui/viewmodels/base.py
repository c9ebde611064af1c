"""The small pieces every view-model is built from: events, and turning errors into messages.

View-models use plain callbacks rather than Qt signals so they can be driven and checked in a
unit test with no QApplication; the widgets connect their slots to these events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from shared.errors import InvalidInput

T = TypeVar("T")
R = TypeVar("R")


class Event(Generic[T]):
    """A list of callbacks fired with one value, in the order they were connected."""

    def __init__(self) -> None:
        self._handlers: list[Callable[[T], None]] = []

    def connect(self, handler: Callable[[T], None]) -> None:
        self._handlers.append(handler)

    def disconnect(self, handler: Callable[[T], None]) -> None:
        self._handlers.remove(handler)

    def emit(self, value: T) -> None:
        for handler in list(self._handlers):
            handler(value)


@dataclass(frozen=True, slots=True)
class UserMessage:
    """What to tell the person at the counter: the words, and the field they are about (if any)."""

    text: str
    field: str | None = None

    @classmethod
    def from_error(cls, error: InvalidInput) -> UserMessage:
        return cls(_sentence(error.reason), error.field)


def _sentence(reason: str) -> str:
    """The kernel's reasons start in lower case (they are built to be prefixed by a field);
    on screen they stand alone, so the first letter is raised."""
    return reason[:1].upper() + reason[1:] if reason else reason


class ViewModel:
    """Base of every screen's state: an `error` event, a `changed` event, and `attempt`.

    `attempt` is the one place a user action meets the services: a refusal the kernel or a
    service raises as InvalidInput becomes a message on screen and the action changes nothing.
    """

    def __init__(self) -> None:
        self.error: Event[UserMessage] = Event()
        self.changed: Event[None] = Event()

    def perform(self, action: Callable[[], object], field: str | None = None) -> bool:
        """Run a changing action: True and `changed` on success, False and `error` when refused.

        A refusal that names no field of its own is placed under `field` (the input the clerk
        just used) so the screen can show it beside that input."""
        try:
            action()
        except InvalidInput as refusal:
            placed = refusal if refusal.field or field is None else refusal.at(field)
            self.error.emit(UserMessage.from_error(placed))
            return False
        self.changed.emit(None)
        return True

    def attempt(self, action: Callable[[], R]) -> R | None:
        """Run `action`; on InvalidInput report it through `error` and return None."""
        try:
            return action()
        except InvalidInput as refusal:
            self.error.emit(UserMessage.from_error(refusal))
            return None
