"""Filters of the tender list ("Tous les marchés" for facilitators, "Mes marchés" for buyers):
status, buyer organisation, département (national tenders included) and words."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, String, cast, or_

from procure.geo import DEPARTMENT_CODES, department_name, normalise_department
from procure.tenders.models import Tender, TenderStatus

NATIONAL = "FR"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class TenderFilters:
    status: str = ""
    buyer: str = ""  # organisation id
    department: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args: Any) -> TenderFilters:
        """From a query string; values that mean nothing are dropped."""
        raw = {f.name: (args.get(f.name) or "").strip() for f in fields(cls)}
        if raw["status"] not in tuple(TenderStatus):
            raw["status"] = ""
        if not raw["buyer"].isdigit():
            raw["buyer"] = ""
        try:
            raw["department"] = normalise_department(raw["department"]) if raw["department"] else ""
        except ValueError:
            raw["department"] = ""
        raw["q"] = raw["q"][:200]
        return cls(**raw)

    @property
    def active(self) -> bool:
        return any((self.status, self.buyer, self.department, self.q))

    def apply(self, stmt: Select) -> Select:
        if self.status:
            stmt = stmt.where(Tender.status == TenderStatus(self.status))
        if self.buyer:
            stmt = stmt.where(Tender.organisation_id == int(self.buyer))
        if self.department:
            # departments is a JSON list of codes: match the quoted code, or national scope.
            as_text = cast(Tender.departments, String)
            stmt = stmt.where(
                or_(as_text.like(f'%"{self.department}"%'), as_text.like(f'%"{NATIONAL}"%'))
            )
        if self.q:
            pattern = _like(self.q)
            stmt = stmt.where(
                or_(
                    Tender.title.ilike(pattern, escape="\\"),
                    Tender.description.ilike(pattern, escape="\\"),
                    Tender.reference.ilike(pattern, escape="\\"),
                )
            )
        return stmt


def department_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {department_name(code)}") for code in DEPARTMENT_CODES]
