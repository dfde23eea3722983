"""The receivers of procure.events that record feedback: views and services only send."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session, scoped_session

from procure.events import interest_answered, shortlist_shown, trades_corrected
from procure.feedback.models import FeedbackKind
from procure.feedback.recording import Shown, record_feedback, record_shortlists


def on_shortlist_shown(
    sender: Session | Connection,
    *,
    channel: str,
    shortlists: Mapping[int, Sequence[Shown]],
    **_: Any,
) -> None:
    if isinstance(sender, Connection):
        record_shortlists(sender, channel, shortlists)
        return
    # A page view: the snapshot is committed at once, on the request's own connection (a
    # second connection would wait for the request's lock on SQLite), without expiring the
    # objects the page is about to render.
    session = sender() if isinstance(sender, scoped_session) else sender
    if record_shortlists(session.connection(), channel, shortlists):
        expire, session.expire_on_commit = session.expire_on_commit, False
        try:
            session.commit()
        finally:
            session.expire_on_commit = expire


def on_interest_answered(
    sender: Session, *, supplier_id: int, tender_id: int, answer: str, **_: Any
) -> None:
    record_feedback(sender, FeedbackKind(answer), tender_id, supplier_id)


def on_trades_corrected(sender: Session, *, tender: Any, **_: Any) -> None:
    trades = list(tender.trades_override or [])
    record_feedback(
        sender, FeedbackKind.TRADES, tender.id, detail={"trades": trades, "reset": not trades}
    )


def connect() -> None:
    """Called once when the app is built (blinker keeps a receiver connected only once)."""
    shortlist_shown.connect(on_shortlist_shown, weak=False)
    interest_answered.connect(on_interest_answered, weak=False)
    trades_corrected.connect(on_trades_corrected, weak=False)
