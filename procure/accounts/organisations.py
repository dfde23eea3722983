"""Who belongs to a buying organisation, and how one gets in.

Nobody joins an organisation by typing its name. A buyer who signs up with a name nobody
uses creates that organisation, *pending* until a facilitator approves it; a name that
already exists (whatever its case, accents or spaces) only files a join request that a
facilitator approves or rejects. The other way in is an invitation sent by a member: a
signed link to the invited address. Until then the buyer may log in but sees only their
account page (`User.may_act_as_buyer`, checked by procure.core.auth and the API).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from procure.accounts import services, tokens
from procure.accounts.models import JoinRequest, Organisation, OrganisationStatus, Role, User
from procure.timeutil import utcnow


def place_new_buyer(session: Session, user: User, organisation_name: str) -> None:
    """Give a self-registered buyer a pending organisation, or a join request."""
    name = " ".join(organisation_name.split())
    existing = services.find_organisation(session, name)
    if existing is None:
        org = Organisation(name=name, status=OrganisationStatus.PENDING)
        session.add(org)
        user.organisation = org
    else:
        session.add(JoinRequest(user=user, organisation=existing))
    session.flush()


def pending_join_request(session: Session, user: User) -> JoinRequest | None:
    return session.scalar(select(JoinRequest).where(JoinRequest.user_id == user.id))


def pending_organisations(session: Session) -> list[Organisation]:
    stmt = select(Organisation).where(Organisation.status == OrganisationStatus.PENDING)
    return list(session.scalars(stmt.order_by(Organisation.created_at, Organisation.id)))


def pending_join_requests(session: Session) -> list[JoinRequest]:
    return list(session.scalars(select(JoinRequest).order_by(JoinRequest.created_at)))


def decide_organisation(session: Session, org: Organisation, approve: bool) -> None:
    if org.status != OrganisationStatus.PENDING:
        raise services.AccountError(_("Cette organisation a déjà été examinée."))
    org.status = OrganisationStatus.APPROVED if approve else OrganisationStatus.REJECTED
    session.flush()


def decide_join_request(session: Session, request: JoinRequest, approve: bool) -> None:
    if approve:
        join(session, request.user, request.organisation)
    else:
        session.delete(request)
        session.flush()


def join(session: Session, user: User, org: Organisation) -> None:
    """Make `user` a member of `org` (an approved organisation) and drop any join request."""
    session.execute(delete(JoinRequest).where(JoinRequest.user_id == user.id))
    user.organisation = org
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()  # the invitation or a facilitator vouched for it
    session.flush()


def members(session: Session, org: Organisation) -> list[User]:
    stmt = select(User).where(User.organisation_id == org.id).order_by(User.email)
    return list(session.scalars(stmt))


# Invitations --------------------------------------------------------------------------------


def make_invitation(org: Organisation, inviter: User, email: str) -> str:
    if not inviter.may_act_as_buyer or inviter.organisation_id != org.id:
        raise services.AccountError(_("Seul un membre d'une organisation validée peut inviter."))
    return tokens.sign(
        tokens.INVITE, {"o": org.id, "e": services.normalise_email(email), "by": inviter.id}
    )


def read_invitation(session: Session, token: str) -> tuple[Organisation, str]:
    """The organisation and the invited address, or AccountError."""
    max_age = int(current_app.config["INVITATION_MAX_AGE"])
    try:
        data = tokens.unsign(tokens.INVITE, token, max_age)
    except tokens.TokenError as exc:
        raise services.AccountError(str(exc)) from exc
    org = session.get(Organisation, data.get("o"))
    inviter = session.get(User, data.get("by"))
    # An invitation stays good only while its sender is still a member.
    if org is None or not org.is_approved or inviter is None or inviter.organisation_id != org.id:
        raise services.AccountError(_("Cette invitation n'est plus valable."))
    return org, str(data.get("e", ""))


def accept_as_new_account(
    session: Session, org: Organisation, email: str, name: str, password: str
) -> User:
    """The invited address has no account yet: create a confirmed buyer in `org`."""
    if services.find_user(session, email) is not None:
        raise services.AccountError(_("Cette invitation a déjà servi : connectez-vous."))
    user = services.create_user(session, email, password, Role.BUYER, name=name, organisation=org)
    return user


def accept_as_existing_account(session: Session, org: Organisation, user: User) -> None:
    if user.role != Role.BUYER:
        raise services.AccountError(
            _(
                "Ce compte n'est pas un compte acheteur : il ne peut pas rejoindre %(n)s.",
                n=org.name,
            )
        )
    if user.organisation_id == org.id:
        raise services.AccountError(_("Vous faites déjà partie de %(n)s.", n=org.name))
    join(session, user, org)
