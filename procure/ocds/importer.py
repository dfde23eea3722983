"""`procure import ocds`: tenders from an OCDS release or record package.

Each release becomes a record of the tenders JSON format and goes through the same checks and
the same save as `procure import tenders`; a release that cannot be read is rejected with its
position (1-based, in the order of the package) and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from procure.ocds.mapping import OCID_PREFIX, PUBLIC_SERVICE, SHELTERED
from procure.tenders.departments import NATIONAL, department_from_postcode, normalise_department
from procure.tenders.importer import ImportReport, UnreadableFile, import_records, read_json
from procure.tenders.models import ClauseType

FRENCH_SHELTERED = {ClauseType.RESERVED_DISABILITY.value, ClauseType.RESERVED_INCLUSION.value}


class NotATender(ValueError):
    """A release procure cannot read as a tender."""


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def reservations(other: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`shelteredWorkshop` covers both French reservations (jointly) unless procure's
    `x_procureReservation` names which; `publicServiceMissionOrganization` is L2113-15."""
    reserved = [str(r) for r in _list(other.get("reservedParticipation"))]
    french = [str(r) for r in _list(other.get("x_procureReservation")) if r in FRENCH_SHELTERED]
    types: list[str] = []
    if SHELTERED in reserved or french:
        types += french or [ClauseType.RESERVED_DISABILITY, ClauseType.RESERVED_INCLUSION]
    if PUBLIC_SERVICE in reserved:
        types.append(ClauseType.RESERVED_ESS)
    return [{"type": str(t)} for t in dict.fromkeys(types)]


def sustainability_clauses(entries: list[Any]) -> list[dict[str, Any]]:
    """Social goals: `contractPerformanceConditions` is an insertion clause, `awardCriteria`
    a social criterion; environmental goals, whatever the strategy, an environmental clause
    (its description as text). Other social strategies carry no clause procure knows."""
    clauses: dict[str, dict[str, Any]] = {}
    texts: list[str] = []
    for entry in map(_dict, entries):
        goal = str(entry.get("goal") or "")
        strategies = {str(s) for s in _list(entry.get("strategies"))}
        if goal.startswith("environmental"):
            text = str(entry.get("description") or "").strip()
            clauses.setdefault("environmental", {"type": "environmental", "text": ""})
            if text and text not in texts:
                texts.append(text)
        elif goal.startswith("social"):
            insertion = "contractPerformanceConditions" in strategies or (
                goal == "social.disadvantagedEmploymentOpportunities" and not strategies
            )
            if insertion:
                clauses.setdefault("insertion", {"type": "insertion", "hours": None})
                hours = entry.get("x_procureInsertionHours")
                if hours is not None:
                    clauses["insertion"]["hours"] = hours
            if "awardCriteria" in strategies:
                clauses.setdefault("social_criterion", {"type": "social_criterion", "weight": None})
                weight = entry.get("x_procureWeight")
                if weight is not None:
                    clauses["social_criterion"]["weight"] = weight
    if "environmental" in clauses:
        clauses["environmental"]["text"] = "; ".join(texts)
    return list(clauses.values())


def clauses_of(part: Mapping[str, Any]) -> list[dict[str, Any]]:
    return reservations(_dict(part.get("otherRequirements"))) + sustainability_clauses(
        _list(part.get("sustainability"))
    )


def _department(address: Mapping[str, Any]) -> str | None:
    postal = address.get("postalCode")
    if postal:
        found = department_from_postcode(postal)
        if found:
            return found
    region = address.get("region")
    if region:
        return normalise_department(region) or str(region)  # unknown: reported by the checks
    if str(address.get("country") or address.get("countryName") or "").upper() in {"FR", "FRANCE"}:
        return NATIONAL
    return None


def _buyer(release: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    buyer = _dict(release.get("buyer"))
    parties = [_dict(p) for p in _list(release.get("parties"))]
    party = next((p for p in parties if buyer.get("id") and p.get("id") == buyer.get("id")), None)
    party = party or next((p for p in parties if "buyer" in _list(p.get("roles"))), {})
    name = str(buyer.get("name") or party.get("name") or "").strip()
    return name, _dict(party.get("contactPoint"))


def release_to_record(release: Mapping[str, Any]) -> dict[str, Any]:
    """A record of the tenders JSON format; `NotATender` when the release has no tender."""
    tender = _dict(release.get("tender"))
    if not tender:
        raise NotATender("the release has no tender")
    ocid = str(release.get("ocid") or "")
    reference = str(tender.get("id") or "").strip() or ocid.removeprefix(OCID_PREFIX)
    reference = reference.replace("/", "-")  # references name URLs: "2027/42" is "2027-42"
    codes: list[str] = []
    departments: list[str] = []
    for item in map(_dict, _list(tender.get("items"))):
        extra = _list(item.get("additionalClassifications"))
        for cls in [_dict(item.get("classification")), *map(_dict, extra)]:
            if str(cls.get("scheme", "")).upper() == "CPV" and cls.get("id"):
                codes.append(str(cls["id"]))
        many = _list(item.get("deliveryAddresses"))
        addresses = [_dict(item.get("deliveryAddress")), *map(_dict, many)]
        for address in filter(None, addresses):
            code = _department(address)
            if code:
                departments.append(code)
    buyer, contact = _buyer(release)
    end = str(_dict(tender.get("tenderPeriod")).get("endDate") or "")[:10] or None
    return {
        "reference": reference,
        "title": tender.get("title"),
        "description": tender.get("description") or tender.get("title"),
        "buyer": buyer,
        "buyer_email": contact.get("email") or "",
        "contact_name": contact.get("name") or "",
        "cpv_codes": list(dict.fromkeys(c.split("-")[0].strip() for c in codes)),
        "departments": list(dict.fromkeys(departments)),
        "estimated_value": _dict(tender.get("value")).get("amount"),
        "deadline": end,
        "clauses": clauses_of(tender),
        "lots": [
            {
                "title": lot.get("title") or lot.get("id") or "",
                "description": lot.get("description") or "",
                "clauses": clauses_of(lot),
            }
            for lot in map(_dict, _list(tender.get("lots")))
        ],
    }


def releases_of(package: Any) -> list[Any]:
    """The releases of a release package, or the compiled (else last) release of each record
    of a record package."""
    if not isinstance(package, Mapping):
        raise UnreadableFile("an OCDS release or record package (a JSON object) is expected")
    if isinstance(package.get("releases"), list):
        return package["releases"]
    if isinstance(package.get("records"), list):
        out = []
        for record in package["records"]:
            record = _dict(record)
            compiled = record.get("compiledRelease")
            out.append(compiled if compiled else (_list(record.get("releases")) or [None])[-1])
        return out
    raise UnreadableFile("no `releases` nor `records` list in the package")


def import_package(session: Session, path: Path, today: date) -> ImportReport:
    releases = releases_of(read_json(path))
    prepared: list[Any] = []
    for release in releases:
        if not isinstance(release, Mapping):
            prepared.append("a release is a JSON object")
            continue
        try:
            prepared.append(release_to_record(release))
        except NotATender as exc:
            prepared.append(str(exc))
    return import_records(session, releases, today, prepared=prepared)
