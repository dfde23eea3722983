"""Facilitators' screens: the outbox (pending, sent, failed with the error), a preview of a
buyer's next digest, and, in the demo, the .eml files of the file outbox."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from procure.accounts.models import Role, User
from procure.core.auth import admin_required
from procure.digests.building import preview_digest
from procure.extensions import db
from procure.mail.models import MessageStatus, OutboxMessage
from procure.mail.outbox import Draft
from procure.timeutil import utcnow

bp = Blueprint("digests_admin", __name__, url_prefix="/admin")
PAGE = 50
LANGUAGE_NAMES = {"fr": _l("français"), "en": _l("anglais")}
# The framed HTML part of a previewed mail: its own inline styles, nothing that runs or loads.
MAIL_CSP = {
    "default-src": "'none'",
    "style-src": "'unsafe-inline'",
    "img-src": "'self' data:",
    "frame-ancestors": "'self'",
    "base-uri": "'none'",
    "form-action": "'none'",
}


@bp.get("/outbox")
@admin_required
def outbox():
    status = request.args.get("status", "")
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    stmt = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status in tuple(MessageStatus):
        stmt = stmt.where(OutboxMessage.status == status)
    else:
        status = ""
    rows = db.session.scalars(stmt.limit(PAGE + 1).offset((page - 1) * PAGE)).all()
    counts = dict(
        db.session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(
                OutboxMessage.status
            )
        ).all()
    )
    return render_template(
        "digests/outbox.html",
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        page=page,
        status=status,
        statuses=list(MessageStatus),
        counts=counts,
        file_outbox=not current_app.config.get("MAIL_SERVER"),
    )


@bp.get("/outbox/<int:message_id>")
@admin_required
def outbox_message(message_id: int):
    return render_template("digests/message.html", message=db.get_or_404(OutboxMessage, message_id))


@bp.get("/digests/preview")
@admin_required
def preview_index():
    buyers = db.session.scalars(
        select(User).where(User.role == Role.BUYER).order_by(User.email)
    ).all()
    return render_template("digests/preview_index.html", buyers=buyers)


def _draft_for(user_id: int) -> tuple[User, Draft | None]:
    """The buyer's next digest as it would be sent now, in the buyer's language (not the
    facilitator's: reasons, dates and words included); nothing is queued."""
    user = db.get_or_404(User, user_id)
    if user.role != Role.BUYER:
        abort(404)
    with force_locale(user.language or "fr"):
        draft = preview_digest(db.session, user, utcnow())
    db.session.rollback()
    return user, draft


@bp.get("/digests/preview/<int:user_id>")
@admin_required
def preview(user_id: int):
    user, draft = _draft_for(user_id)
    return render_template(
        "digests/preview.html",
        user=user,
        draft=draft,
        language=LANGUAGE_NAMES.get(user.language or "fr", user.language),
    )


@bp.get("/digests/preview/<int:user_id>/mail.html")
@admin_required
def preview_html(user_id: int):
    """The HTML part alone, framed by the preview page: its inline styles are allowed here,
    scripts and remote content are not."""
    _, draft = _draft_for(user_id)
    if draft is None or not draft.html:
        abort(404)
    return Response(draft.html, mimetype="text/html")


preview_html.talisman_view_options = {  # type: ignore[attr-defined]
    "frame_options": "SAMEORIGIN",
    "content_security_policy": MAIL_CSP,
}


def _outbox_dir() -> Path:
    return Path(current_app.config["OUTBOX_DIR"])


def _read(path: Path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


@bp.get("/outbox/files")
@admin_required
def outbox_files():
    folder = _outbox_dir()
    files = sorted(folder.glob("*.eml"), reverse=True)[:200] if folder.is_dir() else []
    entries = []
    for path in files:
        msg = _read(path)
        entries.append(
            {
                "name": path.name,
                "to": msg["To"],
                "subject": msg["Subject"],
                "date": path.stat().st_mtime,
            }
        )
    return render_template("digests/outbox_files.html", entries=entries, folder=folder)


@bp.get("/outbox/files/<name>")
@admin_required
def outbox_file(name: str):
    folder = _outbox_dir()
    path = folder / name
    # Only a plain file name of the outbox folder: no path, no traversal.
    if Path(name).name != name or not name.endswith(".eml") or not path.is_file():
        abort(404)
    msg = _read(path)
    body = msg.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return render_template("digests/outbox_file.html", name=name, msg=msg, text=text)
