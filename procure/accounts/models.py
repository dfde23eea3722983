"""Accounts: users of the three roles and the buying organisations they belong to."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import DateTime, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
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


class Organisation(db.Model):
    """A buying organisation (city, métropole, hospital...)."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    siret: Mapped[str | None] = mapped_column(String(14))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation")


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
    # Bumped on password change so that outstanding reset links stop working.
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")
    supplier: Mapped[Supplier | None] = relationship(back_populates="users")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.is_active_account

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
