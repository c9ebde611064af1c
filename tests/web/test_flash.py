"""Flash cookies: what we sign comes back; anything else is dropped."""

from __future__ import annotations

from hub.web.flash import Flash, decode_flashes, encode_flashes

KEY = b"k" * 32


def test_round_trip_keeps_order_and_unicode() -> None:
    flashes = [Flash("success", "Rates saved: 22K ₹7,250.00/g"), Flash("error", "ಕನ್ನಡ <b>")]
    assert decode_flashes(encode_flashes(flashes, KEY), KEY) == flashes


def test_forged_or_garbled_cookies_show_nothing() -> None:
    value = encode_flashes([Flash("info", "hello")], KEY)
    payload, signature = value.rsplit(".", 1)
    assert decode_flashes(value, b"another key") == []
    assert decode_flashes(payload + ".AAAA", KEY) == []
    assert decode_flashes(payload[:-2] + "xx." + signature, KEY) == []
    assert decode_flashes("not a cookie", KEY) == []
    assert decode_flashes("", KEY) == []
    assert decode_flashes(None, KEY) == []


def test_messages_are_bounded() -> None:
    many = [Flash("info", "x" * 1_000) for _ in range(10)]
    decoded = decode_flashes(encode_flashes(many, KEY), KEY)
    assert len(decoded) == 5
    assert all(len(flash.message) == 300 for flash in decoded)
