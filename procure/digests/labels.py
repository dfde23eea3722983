"""Words for the outbox's codes, as facilitators read them on the outbox screens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from procure.digests.models import MessageKind
from procure.mail.models import MessageStatus

KIND_LABELS: dict[str, object] = {
    MessageKind.DIGEST: _l("récapitulatif hebdomadaire"),
    MessageKind.ALERT: _l("alerte nouveaux marchés"),
    MessageKind.TENDER_VALIDATED: _l("marché validé"),
    MessageKind.TENDER_REJECTED: _l("marché refusé"),
    MessageKind.SUPPLIER_VERIFIED: _l("structure vérifiée"),
    MessageKind.SUPPLIER_REJECTED: _l("structure refusée"),
}
STATUS_LABELS: dict[str, object] = {
    MessageStatus.PENDING: _l("en attente"),
    MessageStatus.SENDING: _l("en cours d'envoi"),
    MessageStatus.SENT: _l("envoyé"),
    MessageStatus.FAILED: _l("échec"),
    MessageStatus.CANCELLED: _l("annulé"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))
