"""The tenant session: every ORM statement is scoped to its shop, whatever the code forgot."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from hub.db.engines import Database, open_database
from hub.db.tenancy import SessionFactory, TenancyViolation
from hub.settings import DatabaseSettings
from hub.storage import database
from hub.storage.hub_tables import PlatformUser
from shared.tables import Shop, User

A = uuid.UUID("01900000-0000-7000-8000-00000000000a")
B = uuid.UUID("01900000-0000-7000-8000-00000000000b")


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[SessionFactory]:
    database.migrate(f"sqlite:///{tmp_path}/hub.db")
    db: Database = open_database(DatabaseSettings(url=f"sqlite+aiosqlite:///{tmp_path}/hub.db"))

    async def seed() -> None:
        async with SessionFactory(db.writer, db.reader).platform() as session:
            for shop in (A, B):
                session.add(
                    Shop(
                        id=shop,
                        name=f"shop {shop.hex[-1]}",
                        legal_name="x",
                        state_code="27",
                        address="a",
                        hlc="1",
                    )
                )
                for name in ("one", "two"):
                    session.add(
                        User(
                            shop_id=shop,
                            username=name,
                            display_name=name,
                            role="sales",
                            password_hash="h",
                            hlc="1",
                        )
                    )
            session.add(
                PlatformUser(email="op@x.test", display_name="op", password_hash="h", role="admin")
            )
            await session.commit()

    asyncio.run(seed())
    yield SessionFactory(db.writer, db.reader)
    asyncio.run(db.dispose())


def test_selects_and_aggregates_see_only_the_sessions_shop(factory: SessionFactory) -> None:
    async def run() -> None:
        async with factory.tenant(A) as session:
            users = (await session.scalars(select(User))).all()
            assert {user.shop_id for user in users} == {A}
            assert await session.scalar(select(func.count()).select_from(User)) == 2
            assert await session.scalar(select(func.count(User.id))) == 2
            assert [shop.id for shop in await session.scalars(select(Shop))] == [A]
            async with factory.platform() as platform:
                b_user = (await platform.scalars(select(User).where(User.shop_id == B))).first()
            assert b_user is not None
            assert await session.get(User, (B, b_user.id)) is None
            assert (await session.scalars(select(PlatformUser))).all() == []

    asyncio.run(run())


def test_bulk_update_and_delete_only_touch_the_sessions_shop(factory: SessionFactory) -> None:
    async def run() -> None:
        async with factory.tenant(A) as session:
            result = await session.execute(update(User).values(display_name="changed"))
            assert result.rowcount == 2  # type: ignore[attr-defined]
            await session.execute(delete(User).where(User.username == "two"))
            await session.commit()
        async with factory.platform() as session:
            names = {
                (user.shop_id, user.username, user.display_name)
                for user in await session.scalars(select(User))
            }
        assert (B, "one", "one") in names
        assert (B, "two", "two") in names
        assert (A, "two", "changed") not in names

    asyncio.run(run())


def test_writing_another_shops_row_or_raw_sql_is_refused(factory: SessionFactory) -> None:
    async def run() -> None:
        async with factory.tenant(A) as session:
            with pytest.raises(TenancyViolation):
                await session.execute(text("SELECT * FROM user"))
            session.add(
                User(
                    shop_id=B,
                    username="x",
                    display_name="x",
                    role="sales",
                    password_hash="h",
                    hlc="1",
                )
            )
            with pytest.raises(TenancyViolation):
                await session.flush()
            await session.rollback()
            adopted = User(
                username="new", display_name="n", role="sales", password_hash="h", hlc="1"
            )
            session.add(adopted)
            await session.flush()
            assert adopted.shop_id == A  # a row without a shop joins the session's shop

    asyncio.run(run())
