"""The menu per audience, and the only places a login may send you afterwards."""

from __future__ import annotations

import pytest

from hub.web.navigation import operator_nav, safe_next, shop_home, shop_nav
from shared.tables.vocabulary import Role


def test_each_role_sees_only_its_pages() -> None:
    owner = [link.href for link in shop_nav(Role.OWNER, "/dashboard")]
    sales = [link.href for link in shop_nav(Role.SALES, "/rates")]
    accounts = [link.href for link in shop_nav(Role.ACCOUNTS, "/dashboard")]
    assert owner == [
        "/dashboard", "/reports", "/rates", "/terminals", "/staff", "/shop", "/exports", "/licence",
    ]  # fmt: skip
    assert sales == ["/rates"]
    assert accounts == ["/dashboard", "/reports", "/rates", "/exports", "/licence"]
    assert shop_home(Role.SALES) == "/rates"
    assert shop_home(Role.OWNER) == "/dashboard"


def test_the_longest_matching_link_is_current() -> None:
    current = [link.href for link in operator_nav("/operator/shops/new") if link.current]
    assert current == ["/operator/shops/new"]
    current = [link.href for link in operator_nav("/operator/shops/0193") if link.current]
    assert current == ["/operator/shops"]
    assert [link.href for link in shop_nav(Role.OWNER, "/staff/1/password") if link.current] == [
        "/staff"
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/staff", "/staff"),
        ("/operator/shops?q=a", "/operator/shops?q=a"),
        (None, "/home"),
        ("", "/home"),
        ("https://evil.example/", "/home"),
        ("//evil.example/x", "/home"),
        ("/\\evil.example", "/home"),
        ("/ok\r\nSet-Cookie: x=1", "/home"),
        ("staff", "/home"),
    ],
)
def test_safe_next_stays_on_this_hub(target: str | None, expected: str) -> None:
    assert safe_next(target, "/home") == expected
