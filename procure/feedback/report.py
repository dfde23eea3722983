"""How the ranking fares against what people answered (`procure report feedback`).

Each supplier's latest answer to a tender counts once, with the rank it had on the shortlist
it followed (the snapshot recorded with the answer). Precision@5 is judged precision: among
the answered suppliers ranked 1 to 5, the share that said "interested" (suppliers nobody
heard from are left out rather than counted wrong).
"""

from __future__ import annotations

from statistics import mean
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procure.feedback.models import FeedbackEvent, FeedbackKind, ShortlistEntry, ShortlistSnapshot

TOP = 5
ANSWERS = (FeedbackKind.INTERESTED.value, FeedbackKind.NOT_INTERESTED.value)


def latest_answers(session: Session) -> list[FeedbackEvent]:
    latest = (
        select(func.max(FeedbackEvent.id))
        .where(FeedbackEvent.kind.in_(ANSWERS))
        .group_by(FeedbackEvent.tender_id, FeedbackEvent.supplier_id)
    )
    return list(session.scalars(select(FeedbackEvent).where(FeedbackEvent.id.in_(latest))))


def _mean(values: list[int]) -> float | None:
    return round(mean(values), 2) if values else None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def feedback_figures(session: Session) -> dict[str, Any]:
    snapshots = dict(
        list(session.execute(
            select(ShortlistSnapshot.channel, func.count()).group_by(ShortlistSnapshot.channel)
        ))
    )  # fmt: skip
    answers = latest_answers(session)
    ranked = [a for a in answers if a.rank is not None]
    interested = [a for a in ranked if a.kind == FeedbackKind.INTERESTED]
    not_interested = [a for a in ranked if a.kind == FeedbackKind.NOT_INTERESTED]
    top = [a for a in ranked if a.rank is not None and a.rank <= TOP]
    relevant = [a for a in ranked if a.relevant]
    other = [a for a in ranked if a.relevant is False]

    def interested_in(group: list[FeedbackEvent]) -> int:
        return sum(a.kind == FeedbackKind.INTERESTED for a in group)

    corrections = session.execute(
        select(func.count(), func.count(func.distinct(FeedbackEvent.tender_id))).where(
            FeedbackEvent.kind == FeedbackKind.TRADES
        )
    ).one()
    return {
        "snapshots": sum(snapshots.values()),
        "snapshots_by_channel": dict(sorted(snapshots.items())),
        "entries": session.scalar(select(func.count()).select_from(ShortlistEntry)) or 0,
        "answers": len(answers),
        "answers_on_a_shortlist": len(ranked),
        "interested": len(interested),
        "not_interested": len(not_interested),
        "mean_rank_interested": _mean([a.rank for a in interested if a.rank is not None]),
        "mean_rank_not_interested": _mean([a.rank for a in not_interested if a.rank is not None]),
        "precision_at_5": _share(interested_in(top), len(top)),
        "judged_at_5": len(top),
        "interested_share_relevant": _share(interested_in(relevant), len(relevant)),
        "interested_share_not_relevant": _share(interested_in(other), len(other)),
        "trade_corrections": corrections[0],
        "tenders_corrected": corrections[1],
    }


LABELS = {
    "snapshots": "shortlists recorded",
    "entries": "lines recorded",
    "answers": "answers (latest per supplier and tender)",
    "answers_on_a_shortlist": "answers from a supplier on the shortlist",
    "interested": "interested",
    "not_interested": "not interested",
    "mean_rank_interested": "mean rank, interested",
    "mean_rank_not_interested": "mean rank, not interested",
    "precision_at_5": "precision@5 (judged)",
    "judged_at_5": "answers ranked 1-5",
    "interested_share_relevant": "interested among 'relevant'",
    "interested_share_not_relevant": "interested among 'to explore'",
    "trade_corrections": "trade corrections",
    "tenders_corrected": "tenders corrected",
}


def table_lines(figures: dict[str, Any]) -> list[str]:
    width = max(len(v) for v in LABELS.values())
    lines = []
    for key, label in LABELS.items():
        value = figures[key]
        lines.append(f"{label:<{width}}  {'-' if value is None else value}")
        if key == "snapshots":
            for channel, count in figures["snapshots_by_channel"].items():
                lines.append(f"{'  ' + channel:<{width}}  {count}")
    return lines
