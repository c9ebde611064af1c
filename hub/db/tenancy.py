"""Tenancy: the one mechanism that scopes every business query to the signed-in shop.

A `TenantSession` is an ORM session that knows its shop. Every ORM SELECT, UPDATE and DELETE
it runs gets `shop_id = <its shop>` added for every table that has a `shop_id` column (and
`id = <its shop>` for the shop table) through `with_loader_criteria`, and every row it flushes
must belong to its shop. Handlers and services receive only this session, so a forgotten
`where` clause cannot leak another shop's rows: the criteria are added whether the code asked
or not. Raw SQL text is refused outright, because it would bypass the criteria.

Platform code (the operator's pages, the CLI, the device-secret lookup) uses a plain session
explicitly, which makes every cross-shop read visible in review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import ColumnElement, event, false
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, with_loader_criteria
from sqlalchemy.orm.decl_api import registry as Registry  # noqa: N812

from hub.storage.hub_tables import HubBase, PlatformUser
from shared.tables import Base, Shop
from sync.server.tables import SyncBase

SHOP_KEY: Final = "tenant_shop_id"


class TenancyViolation(RuntimeError):
    """Code tried to read or write across the tenant boundary (a bug, never user input)."""


def _registries() -> Iterable[Registry]:
    return (Base.registry, HubBase.registry, SyncBase.registry)


def _scoped_classes() -> list[type[Any]]:
    classes: list[type[Any]] = []
    for reg in _registries():
        for mapper in reg.mappers:
            cls = mapper.class_
            if cls is Shop or cls is PlatformUser or "shop_id" in mapper.columns:
                classes.append(cls)
    return classes


def _criterion(cls: type[Any], shop_id: uuid.UUID) -> ColumnElement[bool]:
    if cls is Shop:
        return Shop.id == shop_id
    if cls is PlatformUser:
        return false()  # operators are never visible from inside a shop
    column: ColumnElement[bool] = cls.shop_id == shop_id
    return column


class TenantSession(Session):
    """A session bound to one shop; see the module docstring for what it guarantees."""

    @property
    def shop_id(self) -> uuid.UUID:
        shop_id = self.info.get(SHOP_KEY)
        if not isinstance(shop_id, uuid.UUID):
            raise TenancyViolation("a tenant session was used without a shop")
        return shop_id


@event.listens_for(TenantSession, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        raise TenancyViolation(
            "only ORM SELECT/UPDATE/DELETE run in a tenant session (add rows with session.add)"
        )
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria were added to the statement that loaded the parent
    shop_id = state.session.info.get(SHOP_KEY)
    if not isinstance(shop_id, uuid.UUID):
        raise TenancyViolation("a tenant session was used without a shop")
    state.statement = state.statement.options(
        *(
            with_loader_criteria(cls, _criterion(cls, shop_id), include_aliases=True)
            for cls in _scoped_classes()
        )
    )


@event.listens_for(TenantSession, "before_flush")
def _check_rows(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    shop_id = session.info.get(SHOP_KEY)
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Shop):
            if row.id != shop_id:
                raise TenancyViolation("a tenant session may only touch its own shop row")
        elif isinstance(row, PlatformUser):
            raise TenancyViolation("a tenant session may not write platform users")
        elif hasattr(row, "shop_id"):
            if row.shop_id is None:
                row.shop_id = shop_id
            elif row.shop_id != shop_id:
                raise TenancyViolation(
                    f"a {type(row).__name__} of another shop was about to be written"
                )


class SessionFactory:
    """Makes the two kinds of session: tenant-scoped and platform (explicit, unscoped)."""

    def __init__(self, writer: AsyncEngine, reader: AsyncEngine) -> None:
        self._tenant = async_sessionmaker(
            writer, class_=AsyncSession, sync_session_class=TenantSession, expire_on_commit=False
        )
        self._tenant_reader = async_sessionmaker(
            reader, class_=AsyncSession, sync_session_class=TenantSession, expire_on_commit=False
        )
        self._platform = async_sessionmaker(writer, class_=AsyncSession, expire_on_commit=False)

    def tenant(self, shop_id: uuid.UUID, *, read_only: bool = False) -> AsyncSession:
        """A session that can only see and write `shop_id`'s rows (reports may use the replica)."""
        maker = self._tenant_reader if read_only else self._tenant
        return maker(info={SHOP_KEY: shop_id})

    def platform(self) -> AsyncSession:
        """An unscoped session: for the operator, the CLI and credential lookups only."""
        return self._platform()


__all__ = ["SHOP_KEY", "SessionFactory", "TenancyViolation", "TenantSession"]
