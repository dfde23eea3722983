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

from procure.domain.clauses import CLAUSES, OcdsRule, Param, clause_order
from procure.domain.kinds import NATIONAL
from procure.ocds.mapping import OCID_PREFIX, SHARED_CODES
from procure.tenders.departments import department_from_postcode, normalise_department
from procure.tenders.importer import ImportReport, UnreadableFile, import_records, read_json

# The clause types `x_procureReservation` may name: those sharing a `reservedParticipation`.
SHARED_TYPES = frozenset(c.code for c in CLAUSES if c.ocds.reserved_participation in SHARED_CODES)


class NotATender(ValueError):
    """A release procure cannot read as a tender."""


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def reservations(other: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each `reservedParticipation` code is the clause types sharing it in the table
    (`shelteredWorkshop` covers both L2113-12 and L2113-13, jointly) unless procure's
    `x_procureReservation` names which; `publicServiceMissionOrganization` is L2113-15."""
    reserved = {str(r) for r in _list(other.get("reservedParticipation"))}
    named = {str(r) for r in _list(other.get("x_procureReservation"))} & SHARED_TYPES
    codes = reserved | {c.ocds.reserved_participation for c in CLAUSES if c.code in named}
    types: list[str] = []
    for code in sorted(c for c in codes if c):
        sharing = [c.code for c in CLAUSES if c.ocds.reserved_participation == code]
        types += [t for t in sharing if t in named] or sharing
    return [{"type": t} for t in sorted(dict.fromkeys(types), key=clause_order)]


def _reads_as(rule: OcdsRule, goal: str, strategies: set[str]) -> bool:
    """Does a sustainability entry (goal, strategies) state this clause type?"""
    if rule.import_goal is None or not goal.startswith(rule.import_goal):
        return False
    if rule.any_strategy or rule.strategy in strategies:
        return True
    return rule.bare_goal and goal == rule.goal and not strategies


def sustainability_clauses(entries: list[Any]) -> list[dict[str, Any]]:
    """Each entry is read as the clause types whose OCDS rule it meets (see `OcdsRule`): a
    social goal with `contractPerformanceConditions` is an insertion clause, with
    `awardCriteria` a social criterion; an environmental goal, whatever the strategy, an
    environmental clause (its descriptions, joined, as text). The parameter comes from the
    rule's field; other social strategies carry no clause procure knows."""
    clauses: dict[str, dict[str, Any]] = {}
    texts: dict[str, list[str]] = {}
    for entry in map(_dict, entries):
        goal = str(entry.get("goal") or "")
        strategies = {str(s) for s in _list(entry.get("strategies"))}
        for spec in CLAUSES:
            rule = spec.ocds
            if not _reads_as(rule, goal, strategies):
                continue
            clause = clauses.setdefault(spec.code, {"type": spec.code})
            if spec.param is Param.NONE:
                continue
            if spec.param is Param.TEXT:
                text = str(entry.get(rule.param_field or "") or "").strip()
                found = texts.setdefault(spec.code, [])
                if text and text not in found:
                    found.append(text)
                clause["text"] = "; ".join(found)
                continue
            clause.setdefault(spec.param.value, None)
            value = entry.get(rule.param_field or "")
            if value is not None:
                clause[spec.param.value] = value
    return [clauses[c.code] for c in CLAUSES if c.code in clauses]


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
