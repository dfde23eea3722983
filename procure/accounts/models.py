"""Accounts: users of the three roles, the buying organisations they belong to, their
log-in sessions (revocable server-side) and their requests to join an organisation."""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import TYPE_CHECKING, cast

from anyascii import anyascii
from flask_login import UserMixin
from sqlalchemy import DateTime, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from procure.domain.roles import Role  # re-exported: declared in the domain vocabulary
from procure.extensions import db
from procure.timeutil import utcnow

if TYPE_CHECKING:
    from procure.suppliers.models import Supplier


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    DAILY = "daily"  # suppliers only
    OFF = "off"


class OrganisationStatus(enum.StrEnum):
    PENDING = "pending"  # created at sign-up, waiting for a facilitator
    APPROVED = "approved"
    REJECTED = "rejected"


def organisation_key(name: str) -> str:
    """The name as people mean it: "VILLE  de Nîmes" and "ville de nimes" are one organisation
    (case, accents, spaces and punctuation folded)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower()).split())


class Organisation(db.Model):
    """A buying organisation (city, métropole, hospital...)."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Folded name (`organisation_key`): sign-up never attaches anyone to a look-alike name.
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    # Organisations created by an administrator's import or command are approved; those
    # created by a buyer's sign-up wait for a facilitator (accounts.services).
    status: Mapped[OrganisationStatus] = mapped_column(
        Enum(OrganisationStatus, native_enum=False, length=10),
        default=OrganisationStatus.APPROVED,
        server_default=OrganisationStatus.APPROVED.name,  # enums are stored by name
        index=True,
    )
    siret: Mapped[str | None] = mapped_column(String(14))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation")

    @validates("name")
    def _keep_key(self, _key: str, name: str) -> str:
        self.name_key = organisation_key(name)
        return name

    @property
    def is_approved(self) -> bool:
        return self.status == OrganisationStatus.APPROVED


class User(UserMixin, db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    digest_frequency: Mapped[Frequency] = mapped_column(
        Enum(Frequency, native_enum=False, length=10), default=Frequency.WEEKLY
    )
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # None until the owner opens the link of the confirmation e-mail; such an account cannot
    # log in. Accounts made by an administrator, the demo or an invitation are confirmed.
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Bumped on password change so that outstanding reset links stop working.
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")
    supplier: Mapped[Supplier | None] = relationship(back_populates="users")

    # The log-in session this object was loaded for (not a column): `get_id` hands it to
    # Flask-Login, so the session cookie and the remember-me cookie name the session row.
    session_token = cast("str | None", None)  # a plain attribute, never stored

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.is_active_account

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def may_act_as_buyer(self) -> bool:
        """A buyer acts for an organisation only once a facilitator approved it."""
        return self.organisation is not None and self.organisation.is_approved

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token or ''}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_buyer(self) -> bool:
        return self.role == Role.BUYER

    @property
    def is_supplier(self) -> bool:
        return self.role == Role.SUPPLIER

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt, a current memory-hard algorithm.
        self.password_hash = generate_password_hash(password)
        self.password_changed_at = utcnow()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class LoginSession(db.Model):
    """One signed-in browser. The cookie carries a random token; only its hash is stored.
    Deleting the row ends that session wherever its cookie is replayed (log-out, password
    change, "se déconnecter partout")."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class JoinRequest(db.Model):
    """A buyer who signed up with the name of an existing organisation asks to join it; only a
    facilitator's approval (or an invitation from a member) makes them a member."""

    __tablename__ = "join_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
