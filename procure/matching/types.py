"""Plain data exchanged with the rest of the application (no Flask, no ORM).

The web layer converts its models to these frozen dataclasses; the matcher never sees the
database, so it can be tested, benchmarked and shared between worker processes on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procure.matching.reasons import Reason

from procure.domain.kinds import (  # the vocabulary is declared once, in procure.domain
    DISABILITY_KINDS,
    INSERTION_PARTNER_KINDS,
    SIAE_KINDS,
    SSE_LEGAL_FORMS,
)

__all__ = [
    "DISABILITY_KINDS", "INSERTION_PARTNER_KINDS", "SIAE_KINDS", "SSE_LEGAL_FORMS", "Clause",
    "Lot", "Match", "SupplierDoc", "TenderDoc",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Clause:
    """A social or environmental clause: ``type`` is one of the six clause types."""

    type: str
    hours: int | None = None
    weight: float | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Lot:
    """A lot of a tender; its clauses count as the tender's for eligibility (union)."""

    title: str
    description: str
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class SupplierDoc:
    """What the matcher knows of a supplier; ``departments`` are INSEE codes or ("FR",)."""

    id: int
    siret: str
    name: str
    legal_form: str
    inclusion_kinds: frozenset[str]
    esus: bool
    description: str
    cpv_codes: tuple[str, ...]
    departments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TenderDoc:
    """A tender; ``trades_override`` replaces detected trades when a buyer corrected them."""

    reference: str
    title: str
    description: str
    cpv_codes: tuple[str, ...]
    departments: tuple[str, ...]
    clauses: tuple[Clause, ...] = ()
    lots: tuple[Lot, ...] = ()
    trades_override: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """One shortlist line: score 0-100 with one decimal, reasons as data (rendered in the
    reader's language), whether the supplier does the tender's trade in its area
    (``relevant``) and the lots it fits (numbers from 1, empty for a tender without lots)."""

    supplier_id: int
    siret: str
    name: str
    score: float
    reasons: tuple[Reason, ...]
    relevant: bool = False
    lots: tuple[int, ...] = ()
