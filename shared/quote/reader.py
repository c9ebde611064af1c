"""A strict reader for JSON objects: every key known, numbers for money refused, paths kept.

Split from `draft` so the rules for reading any JSON contract (unknown keys, duplicate keys, no
floats, `null` as "not given", errors placed at "lines[0].making.value") live in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeVar

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, parse_decimal, parse_grams, parse_rupees

_T = TypeVar("_T")
_AS_STRING: Final = {
    "money": 'write amounts as strings, e.g. "46702.92"',
    "weight": 'write weights as strings in grams, e.g. "4.560"',
    "decimal": 'write percentages, rates and carats as strings, e.g. "12.5"',
}


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def checked(parse: Callable[[], _T], where: str) -> _T:
    """Run `parse`, placing any error it raises under `where` (its paths are relative)."""
    try:
        return parse()
    except InvalidInput as error:
        raise (error.at(where) if where else error) from None


class Fields:
    """A JSON object at `path` whose keys must all be known."""

    def __init__(self, data: object, path: str, allowed: frozenset[str]) -> None:
        if not isinstance(data, dict):
            what = "must be a JSON object" if path else "the draft must be a JSON object"
            raise InvalidInput(what, path or None)
        for key in data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise InvalidInput(f"unknown field (known fields: {known})", join_path(path, key))
        self.data: dict[str, object] = data
        self.path = path

    def where(self, key: str) -> str:
        return join_path(self.path, key)

    def get(self, key: str) -> object | None:
        return self.data.get(key)

    def required(self, key: str) -> object:
        value = self.data.get(key)
        if value is None:
            raise InvalidInput("is required", self.where(key))
        return value

    def _string(self, key: str, kind: str, value: object) -> str:
        if not isinstance(value, str):
            reason = _AS_STRING[kind] if isinstance(value, int | float | Decimal) else None
            raise InvalidInput(
                reason or f"must be a string, not {_json_type(value)}", self.where(key)
            )
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.required(key) if required else self.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise InvalidInput(f"must be a string, not {_json_type(value)}", self.where(key))
        return value

    def money(self, key: str, *, required: bool = False) -> Paise | None:
        value = self.required(key) if required else self.get(key)
        if value is None:
            return None
        text = self._string(key, "money", value)
        return checked(lambda: parse_rupees(text), self.where(key))

    def grams(self, key: str, *, required: bool = False) -> Milligrams | None:
        value = self.required(key) if required else self.get(key)
        if value is None:
            return None
        text = self._string(key, "weight", value)
        return checked(lambda: parse_grams(text), self.where(key))

    def decimal(self, key: str, *, required: bool = False) -> Decimal | None:
        value = self.required(key) if required else self.get(key)
        if value is None:
            return None
        text = self._string(key, "decimal", value)
        return checked(lambda: parse_decimal(text, key.replace("_", " ")), self.where(key))

    def boolean(self, key: str, default: bool) -> bool:
        value = self.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise InvalidInput("must be true or false", self.where(key))
        return value

    def array(self, key: str) -> list[object]:
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InvalidInput("must be a JSON array", self.where(key))
        return value


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidInput(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise InvalidInput(f"{name} is not a number a bill can hold")


def load_json(text: str) -> object:
    """Parse JSON strictly: duplicate keys and NaN/Infinity refused; floats never built."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=Decimal,
        )
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
