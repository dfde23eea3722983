"""Status e-mails: a facilitator's decision told to the people it concerns, exactly once.

- tender validated / rejected (with the reason) -> the buyer who posted it (or, for a tender
  without its author, the organisation's buyers);
- structure verified / rejected (with the reason) -> every user of the structure.

Each is queued in the outbox by the transaction that makes the decision (receivers of
`procure.events`, writing in the sender's session), under a key of its own: the kind and the
id of the decision's history row (`r<revision id>`, `a<audit id>`) as the period. The
outbox's unique (user, kind, period) key therefore holds one message per decision and
recipient, and delivery (procure.digests.delivery) sends each row once, however many senders
run. A tender rejected twice gets two e-mails: two decisions. Messages are written in the
recipient's language; they answer the user's own request and are sent even to users who
turned their digests off (`OPTIONAL_KINDS`).
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.accounts.models import Role, User
from procure.digests import links
from procure.digests.models import MessageKind
from procure.digests.render import render
from procure.events import supplier_status_changed, tender_decided
from procure.mail.outbox import Draft, queue_message
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from procure.tenders.models import Tender, TenderRevision, TenderStatus


def tender_recipients(session: Session, tender: Tender) -> list[User]:
    author = session.get(User, tender.created_by_id) if tender.created_by_id else None
    if author is not None and author.is_active and author.role == Role.BUYER:
        return [author]
    stmt = select(User).where(
        User.role == Role.BUYER,
        User.organisation_id == tender.organisation_id,
        User.is_active_account.is_(True),
    )
    return list(session.scalars(stmt.order_by(User.id)))


def supplier_recipients(session: Session, supplier: Supplier) -> list[User]:
    stmt = select(User).where(User.supplier_id == supplier.id, User.is_active_account.is_(True))
    return list(session.scalars(stmt.order_by(User.id)))


def _draft(user: User, kind: MessageKind, period: str, subject: str, **context: Any) -> Draft:
    text, html = render(
        "status", user.language, user=user, subject=subject, kind=str(kind), **context
    )
    return Draft(user.id, user.email, str(kind), period, subject, text, html)


def tender_drafts(session: Session, tender: Tender, revision: TenderRevision) -> list[Draft]:
    if tender.status == TenderStatus.OPEN:
        kind = MessageKind.TENDER_VALIDATED
    elif tender.status == TenderStatus.REJECTED:
        kind = MessageKind.TENDER_REJECTED
    else:
        return []
    drafts = []
    for user in tender_recipients(session, tender):
        with force_locale(user.language or "fr"):
            if kind == MessageKind.TENDER_VALIDATED:
                subject = _("procure : votre marché « %(title)s » est publié", title=tender.title)
            else:
                subject = _(
                    "procure : votre marché « %(title)s » est à reprendre", title=tender.title
                )
        drafts.append(
            _draft(
                user,
                kind,
                f"r{revision.id}",
                subject,
                title=tender.title,
                reference=tender.reference,
                reason=tender.rejection_reason,
                tender_url=links.tender_url(tender.reference),
                shortlist_url=links.shortlist_url(tender.reference),
            )
        )
    return drafts


def supplier_drafts(session: Session, supplier: Supplier, audit: SupplierAudit) -> list[Draft]:
    if supplier.status == SupplierStatus.VERIFIED:
        kind = MessageKind.SUPPLIER_VERIFIED
    elif supplier.status == SupplierStatus.REJECTED:
        kind = MessageKind.SUPPLIER_REJECTED
    else:
        return []
    drafts = []
    for user in supplier_recipients(session, supplier):
        with force_locale(user.language or "fr"):
            if kind == MessageKind.SUPPLIER_VERIFIED:
                subject = _("procure : %(name)s est vérifiée", name=supplier.name)
            else:
                subject = _("procure : %(name)s n'est pas vérifiée", name=supplier.name)
        drafts.append(
            _draft(
                user,
                kind,
                f"a{audit.id}",
                subject,
                structure=supplier.name,
                reason=supplier.rejection_reason,
                for_you_url=f"{links.base_url()}/suppliers/for-you",
                supplier_url=f"{links.base_url()}/suppliers/mine",
                preferences_url=links.preferences_url(),
            )
        )
    return drafts


def _queue(session: Session, drafts: list[Draft]) -> None:
    for draft in drafts:
        queue_message(session, draft)
    session.flush()


def on_tender_decided(session: Session, *, tender: Tender, revision: TenderRevision) -> None:
    _queue(session, tender_drafts(session, tender, revision))


def on_supplier_status_changed(
    session: Session, *, supplier: Supplier, audit: SupplierAudit
) -> None:
    _queue(session, supplier_drafts(session, supplier, audit))


def connect() -> None:
    """Called once when the app is built (blinker keeps a receiver connected only once)."""
    tender_decided.connect(on_tender_decided, weak=False)
    supplier_status_changed.connect(on_supplier_status_changed, weak=False)
