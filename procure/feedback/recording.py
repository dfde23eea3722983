"""Recording what buyers were shown and what people answered to it.

Writes stay cheap: for a view, one read of the tender's last snapshot on that channel and,
only when the list changed, one insert of the snapshot and one batch of its entries; a
digest batch reads the last snapshots of all its tenders at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, Select, bindparam, func, insert, select
from sqlalchemy.orm import Session

from procure.feedback.models import FeedbackEvent, FeedbackKind, ShortlistEntry, ShortlistSnapshot
from procure.timeutil import utcnow

RECORDED = 50  # entries kept per snapshot: more than any page shows by default


class Shown(Protocol):
    """What a shortlist line must say (procure.matching.types.Match does)."""

    supplier_id: int
    score: float
    relevant: bool


def list_digest(lines: Sequence[Shown]) -> str:
    text = "|".join(f"{m.supplier_id}:{m.score:.1f}:{int(m.relevant)}" for m in lines)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _last_digests_query() -> Select:
    snap = ShortlistSnapshot.__table__
    latest = (
        select(func.max(snap.c.id))
        .where(
            snap.c.channel == bindparam("channel"),
            snap.c.tender_id.in_(bindparam("tender_ids", expanding=True)),
        )
        .group_by(snap.c.tender_id)
    )
    return select(snap.c.tender_id, snap.c.digest).where(snap.c.id.in_(latest))


# Built once: constructing the statement cost more than running it (every shortlist shown).
_LAST_DIGESTS = _last_digests_query()


def last_digests(conn: Connection, channel: str, tender_ids: Sequence[int]) -> dict[int, str]:
    """tender id -> digest of its last snapshot on the channel."""
    rows = conn.execute(_LAST_DIGESTS, {"channel": channel, "tender_ids": list(tender_ids)})
    return {row.tender_id: row.digest for row in rows}


def record_shortlists(
    conn: Connection,
    channel: str,
    shortlists: Mapping[int, Sequence[Shown]],
    now: datetime | None = None,
) -> int:
    """Snapshot each tender's list unless it is the one last recorded on the channel;
    return how many snapshots were written. An empty list is not a shortlist shown."""
    wanted = {t: list(lines[:RECORDED]) for t, lines in shortlists.items() if lines}
    if not wanted:
        return 0
    known = last_digests(conn, channel, list(wanted))
    new = {t: (lines, list_digest(lines)) for t, lines in wanted.items()}
    new = {t: v for t, v in new.items() if known.get(t) != v[1]}
    if not new:
        return 0
    moment = now or utcnow()
    tender_ids = list(new)
    snap = ShortlistSnapshot.__table__
    ids = conn.execute(
        insert(snap).returning(snap.c.id, sort_by_parameter_order=True),
        [
            {"tender_id": t, "channel": channel, "digest": new[t][1], "size": len(new[t][0]),
             "shown_at": moment}
            for t in tender_ids
        ],
    ).scalars().all()  # fmt: skip
    conn.execute(
        insert(ShortlistEntry.__table__),
        [
            {"snapshot_id": snapshot_id, "rank": rank, "supplier_id": m.supplier_id,
             "score": float(m.score), "relevant": bool(m.relevant)}
            for snapshot_id, t in zip(ids, tender_ids, strict=True)
            for rank, m in enumerate(new[t][0], start=1)
        ],
    )  # fmt: skip
    return len(new)


@dataclass(frozen=True, slots=True)
class Seen:
    snapshot_id: int
    rank: int | None  # None: the supplier was not on it
    relevant: bool | None


def seen_by(session: Session, tender_id: int, supplier_id: int | None) -> Seen | None:
    """The shortlist an answer follows: the tender's latest snapshot where the supplier
    appears, else the tender's latest snapshot (None when the tender was never shown)."""
    if supplier_id is not None:
        row = session.execute(
            select(ShortlistEntry.snapshot_id, ShortlistEntry.rank, ShortlistEntry.relevant)
            .join(ShortlistSnapshot, ShortlistSnapshot.id == ShortlistEntry.snapshot_id)
            .where(
                ShortlistSnapshot.tender_id == tender_id,
                ShortlistEntry.supplier_id == supplier_id,
            )
            .order_by(ShortlistSnapshot.id.desc())
            .limit(1)
        ).first()
        if row is not None:
            return Seen(row.snapshot_id, row.rank, row.relevant)
    latest = session.scalar(
        select(func.max(ShortlistSnapshot.id)).where(ShortlistSnapshot.tender_id == tender_id)
    )
    return Seen(latest, None, None) if latest is not None else None


def record_feedback(
    session: Session,
    kind: FeedbackKind,
    tender_id: int,
    supplier_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> FeedbackEvent:
    """Add the event to the session (the caller's transaction commits it with the answer)."""
    with session.no_autoflush:
        seen = seen_by(session, tender_id, supplier_id)
    event = FeedbackEvent(
        kind=kind.value,
        tender_id=tender_id,
        supplier_id=supplier_id,
        snapshot_id=seen.snapshot_id if seen else None,
        rank=seen.rank if seen else None,
        relevant=seen.relevant if seen else None,
        detail=detail or {},
    )
    session.add(event)
    return event
