"""The three roles of a user account (stored in `users.role`)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"
    ADMIN = "admin"  # a facilitator
