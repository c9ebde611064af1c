"""The shop's staff and its customers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.tables.base import Base, FieldMergedRow, MutableRow, ShopScoped
from shared.tables.vocabulary import Role, one_of


class User(ShopScoped, MutableRow, Base):
    """A person who works in one shop (owner, salesperson, accountant).

    The password hash replicates to the counters so staff can sign in while the hub is
    unreachable. Platform operators are not shop users; they live in the hub's own tables.
    """

    __tablename__ = "user"
    __table_args__ = (
        UniqueConstraint("shop_id", "username"),
        CheckConstraint(one_of("role", Role), name="role"),
    )

    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)


class Customer(ShopScoped, FieldMergedRow, Base):
    """A buyer or an old-gold seller. Invoices keep their own snapshot of these details, so
    editing a customer never changes an issued invoice. Merged field by field: a phone number
    corrected at one counter and an address added at another, both offline, both survive.

    `birth_date` and `anniversary` are whole dates or nothing: the counter's form asks for day,
    month and year (DD-MM-YYYY), so there is no "year unknown" sentinel to misread as an age.
    Only the day and month decide when the occasion falls; the year gives the age or the years
    married shown beside it."""

    __tablename__ = "customer"
    __table_args__ = (
        Index(None, "shop_id", "phone"),
        Index(None, "shop_id", "name"),
        CheckConstraint("state_code IS NULL OR length(state_code) = 2", name="state_code_length"),
    )

    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    gstin: Mapped[str | None] = mapped_column(String(15))
    pan: Mapped[str | None] = mapped_column(String(10))
    state_code: Mapped[str | None] = mapped_column(String(2))
    address: Mapped[str | None] = mapped_column(Text)
    pincode: Mapped[str | None] = mapped_column(String(6))
    birth_date: Mapped[date | None]
    anniversary: Mapped[date | None]
