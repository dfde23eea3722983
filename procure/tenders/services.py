"""Tender operations as plain functions over a session; the caller commits.

The life cycle is draft → submitted → open (validated by a facilitator, or at once with
`AUTO_VALIDATE_TENDERS`) → closed (by the buyer, or by `close_expired` once the deadline has
passed); a facilitator may send a submitted tender back as rejected, with a reason. Once a
tender has been validated, every change is kept as a `TenderRevision`. A facilitator's
decision (validated or rejected) is announced by `procure.events.tender_decided`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from procure.accounts.models import Organisation, User
from procure.domain.clauses import clause_order
from procure.events import tender_decided, trades_corrected
from procure.tenders import access
from procure.tenders.models import Clause, Lot, Tender, TenderRevision, TenderStatus
from procure.tenders.validation import ClauseData, TenderData
from procure.timeutil import utcnow

EDITABLE = frozenset(
    {TenderStatus.DRAFT, TenderStatus.SUBMITTED, TenderStatus.REJECTED, TenderStatus.OPEN}
)
VALIDATED = frozenset({TenderStatus.OPEN, TenderStatus.CLOSED})


class TenderError(ValueError):
    """An operation the tender's state does not allow, with a message for the user."""


def snapshot(tender: Tender) -> dict[str, Any]:
    """Every field a buyer states, as plain JSON values: compared to find what changed."""
    return {
        "title": tender.title,
        "description": tender.description,
        "cpv_codes": list(tender.cpv_codes or []),
        "departments": list(tender.departments or []),
        "estimated_value": tender.estimated_value,
        "deadline": tender.deadline.isoformat() if tender.deadline else None,
        "contact_name": tender.contact_name or "",
        "contact_email": tender.contact_email or "",
        "clauses": [c.as_dict() for c in tender.own_clauses],
        "lots": [
            {
                "title": lot.title,
                "description": lot.description or "",
                "clauses": [c.as_dict() for c in tender.lot_clauses(lot)],
            }
            for lot in tender.lots
        ],
    }


def canonical(clauses: list[ClauseData]) -> list[ClauseData]:
    """Clauses in the order of the clause table, whatever order they were stated in: the
    same tender read from the form, JSON or OCDS compares equal."""
    return sorted(clauses, key=lambda c: clause_order(c.type))


def data_snapshot(data: TenderData) -> dict[str, Any]:
    data.clauses = canonical(data.clauses)
    for lot in data.lots:
        lot.clauses = canonical(lot.clauses)
    return {
        "title": data.title,
        "description": data.description,
        "cpv_codes": list(data.cpv_codes),
        "departments": list(data.departments),
        "estimated_value": data.estimated_value,
        "deadline": data.deadline.isoformat() if data.deadline else None,
        "contact_name": data.contact_name,
        "contact_email": data.contact_email,
        "clauses": [c.as_dict() for c in data.clauses],
        "lots": [
            {
                "title": lot.title,
                "description": lot.description,
                "clauses": [c.as_dict() for c in lot.clauses],
            }
            for lot in data.lots
        ],
    }


def _clause(data: ClauseData, lot: Lot | None = None) -> Clause:
    return Clause(lot=lot, type=data.type, hours=data.hours, weight=data.weight, text=data.text)


def _apply(session: Session, tender: Tender, data: TenderData) -> dict[str, Any]:
    """Write `data` into `tender`; return {field: {"old", "new"}} for what changed."""
    before = snapshot(tender) if tender.id else {}
    after = data_snapshot(data)
    changes = {k: {"old": before.get(k), "new": v} for k, v in after.items() if before.get(k) != v}
    if not changes:
        return {}
    tender.title, tender.description = data.title, data.description
    tender.cpv_codes, tender.departments = list(data.cpv_codes), list(data.departments)
    tender.estimated_value, tender.deadline = data.estimated_value, data.deadline
    tender.contact_name, tender.contact_email = data.contact_name, data.contact_email
    if "clauses" in changes or "lots" in changes:
        tender.clauses = []
        tender.lots = []
        session.flush()
        # Appended through the parent's collections: SQLAlchemy 2 no longer cascades a child
        # into the session from its backref.
        tender.clauses.extend(_clause(c) for c in data.clauses)
        for number, lot_data in enumerate(data.lots, start=1):
            lot = Lot(number=number, title=lot_data.title, description=lot_data.description)
            tender.lots.append(lot)
            tender.clauses.extend(_clause(c, lot) for c in lot_data.clauses)
    session.flush()
    session.refresh(tender)
    return changes


def _record(
    session: Session, tender: Tender, action: str, changes: dict[str, Any], user: User | None,
    actor: str = "",
) -> TenderRevision:  # fmt: skip
    revision = TenderRevision(
        tender_id=tender.id,
        user_id=user.id if user else None,
        actor=user.email if user else actor,
        action=action,
        changes=changes,
    )
    session.add(revision)
    session.flush()
    return revision


def next_reference(session: Session) -> str:
    """A fresh reference such as PRC-2026-00012 for a tender posted without its own."""
    year = utcnow().year
    n = int(session.scalar(select(func.count(Tender.id))) or 0) + 1
    while True:
        reference = f"PRC-{year}-{n:05d}"
        if session.scalar(select(Tender.id).where(Tender.reference == reference)) is None:
            return reference
        n += 1


def reference_taken(session: Session, reference: str, exclude_id: int | None = None) -> bool:
    stmt = select(Tender.id).where(Tender.reference == reference)
    if exclude_id is not None:
        stmt = stmt.where(Tender.id != exclude_id)
    return session.scalar(stmt) is not None


def create_tender(
    session: Session, data: TenderData, organisation: Organisation, user: User | None = None,
    status: TenderStatus = TenderStatus.DRAFT,
) -> Tender:  # fmt: skip
    tender = Tender(
        reference=data.reference or next_reference(session),
        organisation=organisation,
        created_by_id=user.id if user else None,
        title=data.title,
        description=data.description,
        status=status,
    )
    if status == TenderStatus.OPEN:
        tender.opened_at = utcnow()
    elif status == TenderStatus.CLOSED:
        tender.opened_at = tender.closed_at = utcnow()
    session.add(tender)
    session.flush()
    _apply(session, tender, data)
    _record(session, tender, "created", {"status": {"old": None, "new": str(status)}}, user,
            "import" if user is None else "")  # fmt: skip
    return tender


def update_tender(
    session: Session, tender: Tender, data: TenderData, user: User | None = None, actor: str = ""
) -> dict[str, Any]:
    """Apply a buyer's (or an import's) new version; a validated tender keeps the diff."""
    if tender.status not in EDITABLE and user is not None and not user.is_admin:
        raise TenderError(_("Un marché clos ne se modifie plus."))
    changes = _apply(session, tender, data)
    if changes and tender.status in VALIDATED:
        _record(session, tender, "edited", changes, user, actor)
    return changes


def _set_status(
    session: Session, tender: Tender, status: TenderStatus, user: User | None, actor: str = "",
    **extra: Any,
) -> TenderRevision:  # fmt: skip
    old = tender.status
    tender.status = status
    if status == TenderStatus.OPEN:
        tender.opened_at = utcnow()
        tender.rejection_reason = ""
    elif status == TenderStatus.CLOSED:
        tender.closed_at = utcnow()
    changes = {"status": {"old": str(old), "new": str(status)}, **extra}
    return _record(session, tender, str(status), changes, user, actor)


def submit(session: Session, tender: Tender, user: User) -> None:
    if tender.status not in (TenderStatus.DRAFT, TenderStatus.REJECTED):
        raise TenderError(_("Seul un brouillon ou un marché refusé peut être soumis."))
    _set_status(session, tender, TenderStatus.SUBMITTED, user)
    if current_app.config.get("AUTO_VALIDATE_TENDERS"):
        _set_status(session, tender, TenderStatus.OPEN, None, "auto")


def validate(session: Session, tender: Tender, user: User) -> None:
    if tender.status != TenderStatus.SUBMITTED:
        raise TenderError(_("Seul un marché soumis peut être validé."))
    revision = _set_status(session, tender, TenderStatus.OPEN, user)
    tender_decided.send(session, tender=tender, revision=revision)


def reject(session: Session, tender: Tender, user: User, reason: str) -> None:
    reason = reason.strip()
    if tender.status != TenderStatus.SUBMITTED:
        raise TenderError(_("Seul un marché soumis peut être refusé."))
    if not reason:
        raise TenderError(_("Dites à l'acheteur pourquoi le marché est refusé."))
    tender.rejection_reason = reason
    revision = _set_status(
        session, tender, TenderStatus.REJECTED, user, reason={"old": "", "new": reason}
    )
    tender_decided.send(session, tender=tender, revision=revision)


def close(session: Session, tender: Tender, user: User | None, actor: str = "") -> None:
    if tender.status != TenderStatus.OPEN:
        raise TenderError(_("Seul un marché ouvert peut être clos."))
    _set_status(session, tender, TenderStatus.CLOSED, user, actor)


def close_expired(session: Session, today: date) -> int:
    """Close every open tender whose deadline is before `today`. Idempotent: a second run
    finds nothing left to close. Run by the scheduler every day."""
    stmt = select(Tender).where(Tender.status == TenderStatus.OPEN, Tender.deadline < today)
    tenders = list(session.scalars(stmt))
    for tender in tenders:
        _set_status(session, tender, TenderStatus.CLOSED, None, "deadline")
    return len(tenders)


def correct_trades(session: Session, tender: Tender, trades: list[str] | None, user: User) -> bool:
    """The buyer's (or a facilitator's) choice of the tender's trades, which the matcher then
    reads instead of the ones it detects; None or [] goes back to the detected trades. Kept
    in the tender's history whatever its status (the shortlist changes with it); False when
    nothing changed."""
    old, new = list(tender.trades_override or []), list(trades or [])
    if old == new:
        return False
    tender.trades_override = new or None
    _record(session, tender, "trades", {"trades": {"old": old, "new": new}}, user)
    trades_corrected.send(session, tender=tender)
    return True


def visible_to(user: User) -> Select[Tender]:
    """The tenders `user` manages: the buyer screens and the API act on these
    (the rule itself lives in `procure.tenders.access`)."""
    return access.visible_to(user, manage=True)


def tender_for(session: Session, user: User, reference: str) -> Tender | None:
    """The tender `user` manages named `reference`, else None (the caller answers 404)."""
    return access.tender_for(session, user, reference, manage=True)
