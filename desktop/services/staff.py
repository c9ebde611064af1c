"""Staff: users with a role and a PIN or password (argon2), and sign-in.

Sign-in works offline against the replicated hashes. Every attempt is audited, failed ones
included, so the owner sees someone trying PINs; after `MAX_FAILURES` failed attempts in a row a
user is locked until the owner resets their PIN.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from desktop.services import settings as settings_store
from desktop.services.actor import Actor, Permission
from desktop.services.context import CounterContext, UnitOfWork
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.tables import User
from shared.tables.vocabulary import Role

MAX_FAILURES: Final = 5
_HASHER: Final = PasswordHasher()
_FAILURES_KEY = "staff.failures."


@dataclass(frozen=True, slots=True)
class StaffUser:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    is_active: bool


def validate_secret(secret: str) -> str:
    """A PIN of at least 4 digits, or a password of at least 6 characters."""
    if not isinstance(secret, str) or not secret:
        raise InvalidInput("give a PIN (4 or more digits) or a password", "secret")
    if secret.isdigit():
        if len(secret) < 4:
            raise InvalidInput("a PIN has at least 4 digits", "secret")
    elif len(secret) < 6:
        raise InvalidInput("a password has at least 6 characters", "secret")
    return secret


def validate_username(name: str) -> str:
    cleaned = (name or "").strip().lower()
    if not cleaned or len(cleaned) > 64 or not all(c.isalnum() or c in "._-" for c in cleaned):
        raise InvalidInput("a user name is 1 to 64 letters, digits, '.', '_' or '-'", "username")
    return cleaned


def parse_role(text: str | Role) -> Role:
    try:
        return Role(str(text).strip().lower())
    except ValueError:
        raise InvalidInput("the role is owner, sales or accounts", "role") from None


def hash_secret(secret: str) -> str:
    return _HASHER.hash(validate_secret(secret))


def _view(user: User) -> StaffUser:
    return StaffUser(user.id, user.username, user.display_name, Role(user.role), user.is_active)


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, Role(user.role))


def new_user_row(
    work: UnitOfWork, username: str, display_name: str, role: Role, secret: str
) -> User:
    name = validate_username(username)
    shown = (display_name or "").strip()
    if not shown or len(shown) > 100:
        raise InvalidInput("give the person's name (up to 100 characters)", "display_name")
    taken = work.session.scalar(
        select(User.id).where(User.shop_id == work.ctx.shop_id, User.username == name)
    )
    if taken is not None:
        raise InvalidInput(f"the user name {name!r} is taken", "username")
    user = User(
        id=new_id(),
        shop_id=work.ctx.shop_id,
        username=name,
        display_name=shown,
        role=role.value,
        password_hash=hash_secret(secret),
        is_active=True,
        origin_terminal_id=work.ctx.terminal_id,
        created_at=work.now,
        updated_at=work.now,
    )
    work.add(user)
    return user


def list_users(ctx: CounterContext) -> list[StaffUser]:
    with ctx.session() as session:
        users = session.scalars(
            select(User).where(User.shop_id == ctx.shop_id).order_by(User.display_name)
        )
        return [_view(user) for user in users]


def add_user(  # noqa: PLR0917 - the published call shape
    ctx: CounterContext,
    actor: Actor,
    username: str,
    display_name: str,
    role: str | Role,
    secret: str,
) -> StaffUser:
    actor.require(Permission.MANAGE_STAFF)
    parsed = parse_role(role)
    with ctx.write() as work:
        user = new_user_row(work, username, display_name, parsed, secret)
        work.audit(actor, "user.add", "user", user.id, after=_public(user))
        return _view(user)


def update_user(
    ctx: CounterContext,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    display_name: str | None = None,
    role: str | Role | None = None,
    secret: str | None = None,
    is_active: bool | None = None,
) -> StaffUser:
    """Change a user; a new secret also clears a sign-in lock. The last active owner stays."""
    actor.require(Permission.MANAGE_STAFF)
    with ctx.write() as work:
        user = work.session.get(User, (ctx.shop_id, user_id))
        if user is None:
            raise InvalidInput("no such user", "user_id")
        before = _public(user)
        if display_name is not None:
            if not display_name.strip():
                raise InvalidInput("give the person's name", "display_name")
            user.display_name = display_name.strip()[:100]
        if role is not None:
            user.role = parse_role(role).value
        if is_active is not None:
            user.is_active = is_active
        if secret is not None:
            user.password_hash = hash_secret(secret)
            settings_store.set_value(work.session, _FAILURES_KEY + str(user.id), None)
        work.session.flush()
        owners = work.session.scalars(
            select(User.id).where(
                User.shop_id == ctx.shop_id, User.role == Role.OWNER.value, User.is_active
            )
        ).all()
        if not owners:
            raise InvalidInput("the shop must keep at least one active owner", "role")
        user.updated_at = work.now
        work.changed(user)
        work.audit(actor, "user.edit", "user", user.id, before=before, after=_public(user))
        return _view(user)


def _public(user: User) -> dict[str, object]:
    # Never the hash: the audit trail is shown to people.
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "is_active": user.is_active,
    }


def sign_in(ctx: CounterContext, username: str, secret: str) -> Actor:
    """The signed-in actor, or InvalidInput; the attempt is audited either way."""
    name = (username or "").strip().lower()
    wrong = InvalidInput("wrong user name or PIN/password", "secret")
    with ctx.write() as work:
        user = work.session.scalar(
            select(User).where(User.shop_id == ctx.shop_id, User.username == name)
        )
        if user is None:
            work.audit(
                None,
                "sign_in.failed",
                "user",
                None,
                after={"username": name[:64]},
                actor_label=f"unknown user {name[:40]!r}",
            )
            failure: InvalidInput | None = wrong
        else:
            failure = _check(work, user, secret, wrong)
    if failure is not None:
        raise failure
    assert user is not None
    return _actor(user)


def _check(work: UnitOfWork, user: User, secret: str, wrong: InvalidInput) -> InvalidInput | None:
    key = _FAILURES_KEY + str(user.id)
    failures = int(settings_store.get_value(work.session, key) or 0)
    label = user.display_name
    if not user.is_active:
        work.audit(
            None,
            "sign_in.refused",
            "user",
            user.id,
            actor_label=label,
            after={"reason": "inactive"},
        )
        return InvalidInput(f"{label} is not an active user; ask the owner", "username")
    if failures >= MAX_FAILURES:
        work.audit(
            None,
            "sign_in.refused",
            "user",
            user.id,
            actor_label=label,
            after={"reason": "locked", "failures": failures},
        )
        return InvalidInput(
            f"{label} is locked after {failures} wrong attempts; the owner must reset the PIN",
            "secret",
        )
    try:
        _HASHER.verify(user.password_hash, secret or "")
    except (VerificationError, InvalidHashError):
        settings_store.set_value(work.session, key, str(failures + 1))
        work.audit(
            None,
            "sign_in.failed",
            "user",
            user.id,
            actor_label=label,
            after={"failures": failures + 1},
        )
        return wrong
    settings_store.set_value(work.session, key, None)
    work.audit(_actor(user), "sign_in", "user", user.id)
    return None


def owner_actor(ctx: CounterContext) -> Actor:
    """The first active owner, as the command line acts (the CLI is run by whoever holds the
    data folder, which is already full control of the file; its actions are audited as 'cli')."""
    with ctx.session() as session:
        user = session.scalar(
            select(User)
            .where(User.shop_id == ctx.shop_id, User.role == Role.OWNER.value, User.is_active)
            .order_by(User.created_at)
            .limit(1)
        )
    if user is None:
        raise InvalidInput("this counter has no active owner")
    return Actor(user.id, user.username, user.display_name, Role.OWNER, via_cli=True)
