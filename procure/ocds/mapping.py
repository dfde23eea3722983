"""Tenders to and from OCDS releases (with the Lots, Location, Other requirements and
Sustainability extensions). The mapping is documented in the README ("OCDS mapping").

Where OCDS says less than procure knows, a few `x_procure*` fields carry the rest, so that an
export read back by `procure import ocds` gives the same tenders:
- `otherRequirements.x_procureReservation`: the French reservation types behind
  `shelteredWorkshop` (which covers both L2113-12 and L2113-13);
- `sustainability[].x_procureInsertionHours` and `sustainability[].x_procureWeight`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.domain.clauses import (
    CLAUSES,
    INSERTION_GOAL,
    PUBLIC_SERVICE,
    SHELTERED,
    Param,
    clause_spec,
)
from procure.domain.kinds import NATIONAL
from procure.domain.localtime import aware
from procure.tenders.cpv import label_of
from procure.tenders.models import Clause, Tender, TenderStatus

OCID_PREFIX = "ocds-procure-"
__all__ = ["INSERTION_GOAL", "OCID_PREFIX", "PUBLIC_SERVICE", "SHELTERED", "package_for"]
# `reservedParticipation` codes that stand for more than one French reservation.
SHARED_CODES = frozenset(
    code
    for code in {c.ocds.reserved_participation for c in CLAUSES}
    if code and sum(c.ocds.reserved_participation == code for c in CLAUSES) > 1
)
EXTENSIONS = [
    f"https://raw.githubusercontent.com/open-contracting-extensions/{name}/master/extension.json"
    for name in (
        "ocds_lots_extension",
        "ocds_location_extension",
        "ocds_otherRequirements_extension",
        "ocds_sustainability_extension",
    )
]
STATUS = {
    TenderStatus.DRAFT: "planning",
    TenderStatus.SUBMITTED: "planning",
    TenderStatus.OPEN: "active",
    TenderStatus.REJECTED: "withdrawn",
    TenderStatus.CLOSED: "complete",
}


def _other_requirements(clauses: list[Clause]) -> dict[str, Any] | None:
    """`reservedParticipation` codes of the reserved clauses; when a code stands for several
    French clause types (`shelteredWorkshop`), `x_procureReservation` names which."""
    specs = [clause_spec(c.type) for c in clauses]
    reserved = [s.ocds.reserved_participation for s in specs if s.ocds.reserved_participation]
    if not reserved:
        return None
    french = [s.code for s in specs if s.ocds.reserved_participation in SHARED_CODES]
    return {"reservedParticipation": list(dict.fromkeys(reserved)), "x_procureReservation": french}


def _sustainability(clauses: list[Clause]) -> list[dict[str, Any]]:
    entries = []
    for c in clauses:
        spec = clause_spec(c.type)
        rule = spec.ocds
        if rule.goal is None:
            continue
        entry: dict[str, Any] = {"goal": rule.goal, "strategies": [rule.strategy]}
        if rule.description is not None:
            entry["description"] = rule.description
        value = None if spec.param is Param.NONE else getattr(c, spec.param.value)
        if rule.param_field == "description":
            entry["description"] = value or ""
        elif rule.param_field and value is not None:
            entry[rule.param_field] = value
        entries.append(entry)
    return entries


def _clause_fields(target: dict[str, Any], clauses: list[Clause]) -> None:
    other = _other_requirements(clauses)
    if other:
        target["otherRequirements"] = other
    sustainability = _sustainability(clauses)
    target["hasSustainability"] = bool(sustainability)
    if sustainability:
        target["sustainability"] = sustainability


def _addresses(departments: list[str]) -> list[dict[str, str]]:
    if not departments or NATIONAL in departments:
        return [{"country": "FR", "countryName": "France"}]
    return [{"region": d, "country": "FR", "countryName": "France"} for d in departments]


def _item(tender: Tender) -> dict[str, Any]:
    item: dict[str, Any] = {"id": "1", "description": tender.title}
    codes = list(tender.cpv_codes or [])
    if codes:
        item["classification"] = {
            "scheme": "CPV",
            "id": codes[0],
            "description": label_of(codes[0]),
        }
        item["additionalClassifications"] = [
            {"scheme": "CPV", "id": c, "description": label_of(c)} for c in codes[1:]
        ]
    if tender.departments:
        item["deliveryAddresses"] = _addresses(list(tender.departments))
    return item


def tender_to_release(tender: Tender) -> dict[str, Any]:
    party_id = f"buyer-{tender.organisation_id}"
    party: dict[str, Any] = {"id": party_id, "name": tender.organisation.name, "roles": ["buyer"]}
    contact = {
        k: v for k, v in (("name", tender.contact_name), ("email", tender.contact_email)) if v
    }
    if contact:
        party["contactPoint"] = contact
    body: dict[str, Any] = {
        "id": tender.reference,
        "title": tender.title,
        "description": tender.description,
        "status": STATUS[tender.status],
        "items": [_item(tender)],
    }
    if tender.estimated_value is not None:
        body["value"] = {"amount": tender.estimated_value, "currency": "EUR"}
    if tender.deadline:
        body["tenderPeriod"] = {"endDate": f"{tender.deadline.isoformat()}T23:59:59+01:00"}
    _clause_fields(body, tender.own_clauses)
    if tender.lots:
        body["lots"] = []
        for lot in tender.lots:
            entry: dict[str, Any] = {"id": f"lot-{lot.number}", "title": lot.title}
            if lot.description:
                entry["description"] = lot.description
            _clause_fields(entry, tender.lot_clauses(lot))
            body["lots"].append(entry)
            body["items"].append(
                {"id": f"{lot.number + 1}", "description": lot.title, "relatedLot": entry["id"]}
            )
    changed = tender.updated_at or tender.created_at
    return {
        "ocid": OCID_PREFIX + tender.reference,
        "id": f"{tender.reference}-tender",
        "date": aware(changed).isoformat() if changed else None,
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "fr",
        "parties": [party],
        "buyer": {"id": party_id, "name": tender.organisation.name},
        "tender": body,
    }


def package_for(
    session: Session, references: list[str], now: datetime
) -> tuple[dict[str, Any], list[str]]:
    """A release package of the named tenders (all when none is named) and the names that
    matched no tender."""
    stmt = select(Tender).order_by(Tender.reference)
    if references:
        stmt = stmt.where(Tender.reference.in_(references))
    tenders = list(session.scalars(stmt))
    found = {t.reference for t in tenders}
    package = {
        "uri": f"urn:procure:export:{now.strftime('%Y%m%dT%H%M%SZ')}",
        "version": "1.1",
        "publishedDate": now.isoformat(),
        "publisher": {"name": "procure"},
        "extensions": EXTENSIONS,
        "releases": [tender_to_release(t) for t in tenders],
    }
    return package, [r for r in references if r not in found]
