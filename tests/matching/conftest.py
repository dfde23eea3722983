"""Shared builders for matching tests (the matcher is plain Python: no app, no database)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # running pytest without an installed package
    sys.path.insert(0, str(REPO))

from procure.matching.types import Clause, SupplierDoc, TenderDoc  # noqa: E402

SHARED = REPO / ".." / "shared"


def supplier(
    id: int,
    description: str,
    departments: tuple[str, ...] = ("34",),
    kinds: tuple[str, ...] = (),
    legal_form: str = "association",
    esus: bool = False,
    cpv: tuple[str, ...] = (),
    name: str | None = None,
) -> SupplierDoc:
    """A supplier with a deterministic fake SIRET."""
    return SupplierDoc(
        id=id,
        siret=f"{80000000000000 + id}",
        name=name or f"Fournisseur {id}",
        legal_form=legal_form,
        inclusion_kinds=frozenset(kinds),
        esus=esus,
        description=description,
        cpv_codes=cpv,
        departments=departments,
    )


def tender(
    title: str,
    description: str = "",
    departments: tuple[str, ...] = ("34",),
    clauses: tuple[Clause, ...] = (),
    cpv: tuple[str, ...] = (),
    **kw: object,
) -> TenderDoc:
    """A tender with a fixed reference."""
    return TenderDoc(
        reference="T-1",
        title=title,
        description=description,
        cpv_codes=cpv,
        departments=departments,
        clauses=clauses,
        **kw,
    )  # type: ignore[arg-type]


@pytest.fixture
def shared_dir() -> Path:
    """The shared evaluation folder next to the repository, or skip."""
    if not (SHARED / "eval" / "dev" / "qrels.csv").exists():
        pytest.skip(f"no evaluation data at {SHARED.resolve()} (sibling 'shared' folder)")
    return SHARED.resolve()
