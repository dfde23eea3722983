"""Awards in procure: a closed tender's buyer records who won each lot; facilitators record
the insertion hours done per contract and year.

An award is a `Contract` of source `procure`, keyed like a DECP record by the buyer's SIRET and
the contract id the buyer publishes (so the same contract found later in DECP counts once).
Its considerations come from the tender's clauses (the whole tender's and the lot's):
insertion -> "Clause sociale", social criterion -> "Critère social", any reservation ->
"Marché réservé", environmental -> "Clause environnementale". Committed insertion hours are
the lot's insertion clauses, else the tender's shared equally among its lots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.exceptions import ValidationError
from stdnum.fr import siret as siret_number

from procure.accounts.models import User
from procure.spaser.decp_import import SupplierMatcher
from procure.spaser.models import Contract, ContractHolder, ContractSource, InsertionHoursRealised
from procure.tenders.models import RESERVED_TYPES, Clause, ClauseType, Lot, Tender, TenderStatus

PROCEDURES = (
    "Procédure adaptée",
    "Appel d'offres ouvert",
    "Appel d'offres restreint",
    "Procédure avec négociation",
    "Marché passé sans publicité ni mise en concurrence préalable",
    "Dialogue compétitif",
)
CONTRACT_ID = re.compile(r"^[A-Za-z0-9_./-]{1,16}$")


class AwardInvalid(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class AwardData:
    lot: int | None  # the lot's number, None for a tender without lots
    holder_siret: str
    amount: float
    notified_on: date
    holder_name: str = ""
    contract_id: str = ""  # the id the buyer publishes in DECP; generated when empty
    duration_months: int | None = None
    procedure: str = PROCEDURES[0]
    offers_received: int | None = None
    buyer_siret: str = ""  # defaults to the organisation's
    cpv: str = ""  # defaults to the tender's first CPV code


def clean_siret(value: str, field: str, errors: dict[str, str]) -> str:
    compact = re.sub(r"\s", "", value or "")
    try:
        return siret_number.validate(compact)
    except ValidationError:
        errors[field] = _("SIRET invalide (14 chiffres, clé de Luhn)")
        return compact


def _lot_of(tender: Tender, number: int | None, errors: dict[str, str]) -> Lot | None:
    if not tender.lots:
        if number not in (None, 0, 1):
            errors["lot"] = _("ce marché n'a pas de lots")
        return None
    lot = next((lot for lot in tender.lots if lot.number == number), None)
    if lot is None:
        errors["lot"] = _("lot inconnu")
    return lot


def _clauses(tender: Tender, lot: Lot | None) -> list[Clause]:
    return tender.own_clauses + (tender.lot_clauses(lot) if lot is not None else [])


def committed_hours(tender: Tender, lot: Lot | None) -> int | None:
    def hours(clauses: list[Clause]) -> int | None:
        values = [c.hours for c in clauses if c.type == ClauseType.INSERTION and c.hours]
        return sum(values) if values else None

    if lot is not None and (own := hours(tender.lot_clauses(lot))) is not None:
        return own
    shared = hours(tender.own_clauses)
    if shared is None:
        return None
    return round(shared / max(1, len(tender.lots)))


def _contract_for(session: Session, tender: Tender, lot: Lot | None) -> Contract | None:
    stmt = select(Contract).where(Contract.tender_id == tender.id)
    stmt = stmt.where(Contract.lot_id == lot.id) if lot else stmt.where(Contract.lot_id.is_(None))
    return session.scalar(stmt)


def awards_of(session: Session, tender: Tender) -> list[Contract]:
    return list(
        session.scalars(
            select(Contract).where(Contract.tender_id == tender.id).order_by(Contract.id)
        )
    )


def record_award(session: Session, tender: Tender, data: AwardData, user: User | None) -> Contract:
    """Create or replace the award of one lot of a closed tender."""
    errors: dict[str, str] = {}
    if tender.status != TenderStatus.CLOSED:
        errors["tender"] = _("le marché doit être clôturé")
    lot = _lot_of(tender, data.lot, errors)
    holder = clean_siret(data.holder_siret, "holder_siret", errors)
    buyer = clean_siret(data.buyer_siret or tender.organisation.siret or "", "buyer_siret", errors)
    if not data.amount or data.amount <= 0:
        errors["amount"] = _("montant positif requis")
    if data.duration_months is None or data.duration_months < 1:
        errors["duration_months"] = _("durée d'au moins 1 mois requise")
    if data.offers_received is None or data.offers_received < 1:
        errors["offers_received"] = _("au moins 1 offre requise")
    cpv = (data.cpv or next(iter(tender.cpv_codes), "")).strip()[:8]
    if not re.fullmatch(r"\d{8}", cpv):
        errors["cpv"] = _("code CPV requis (8 chiffres) : le marché n'en a pas")
    if data.procedure not in PROCEDURES:
        errors["procedure"] = _("procédure inconnue")
    contract = _contract_for(session, tender, lot)
    cid = (data.contract_id or "").strip()
    if not cid:
        cid = contract.contract_id if contract else _generated_id(tender, lot)
    if not CONTRACT_ID.match(cid):
        errors["contract_id"] = _("1 à 16 caractères (lettres, chiffres, - _ . /)")
    elif not errors:
        clash = session.scalar(
            select(Contract).where(Contract.buyer_siret == buyer, Contract.contract_id == cid)
        )
        if clash is not None and clash is not contract:
            errors["contract_id"] = _("déjà utilisé par un autre marché de cet acheteur")
    if errors:
        raise AwardInvalid(errors)
    if tender.organisation.siret is None:
        tender.organisation.siret = buyer
    if contract is None:
        contract = Contract(source=ContractSource.PROCURE, tender_id=tender.id)
        session.add(contract)
    clauses = _clauses(tender, lot)
    types = {c.type for c in clauses}
    contract.lot_id = lot.id if lot else None
    contract.buyer_siret, contract.contract_id = buyer, cid
    contract.objet = (f"{tender.title} — {lot.title}" if lot else tender.title)[:1000]
    contract.cpv = cpv
    contract.department = next((d for d in tender.departments if d != "FR"), None)
    contract.amount = float(data.amount)
    contract.notified_on = data.notified_on
    contract.duration_months = data.duration_months
    contract.published_on = None
    contract.procedure = data.procedure
    contract.offers_received = data.offers_received
    contract.social_clause = ClauseType.INSERTION in types
    contract.social_criterion = ClauseType.SOCIAL_CRITERION in types
    contract.reserved = bool(types & RESERVED_TYPES)
    contract.env_clause = ClauseType.ENVIRONMENTAL in types
    contract.env_criterion = False
    contract.insertion_hours = committed_hours(tender, lot)
    supplier_id = SupplierMatcher(session).match(holder, "SIRET")
    contract.holders = [
        ContractHolder(
            identifier=holder, identifier_type="SIRET", name=data.holder_name[:200],
            supplier_id=supplier_id,
        )
    ]  # fmt: skip
    session.flush()
    return contract


def _generated_id(tender: Tender, lot: Lot | None) -> str:
    base = re.sub(r"[^A-Za-z0-9-]", "", tender.reference)[-12:] or f"T{tender.id}"
    return f"{base}-L{lot.number}" if lot else base


def record_hours(
    session: Session, contract: Contract, year: int, hours: float, user: User | None
) -> InsertionHoursRealised:
    if not 2000 <= year <= 2100:
        raise AwardInvalid({"year": _("année invalide")})
    if hours < 0:
        raise AwardInvalid({"hours": _("nombre d'heures positif ou nul")})
    row = session.scalar(
        select(InsertionHoursRealised).where(
            InsertionHoursRealised.contract_id == contract.id, InsertionHoursRealised.year == year
        )
    )
    if row is None:
        row = InsertionHoursRealised(contract_id=contract.id, year=year)
        session.add(row)
    row.hours = float(hours)
    row.recorded_by_id = user.id if user else None
    session.flush()
    return row


def contract_by_key(session: Session, buyer_siret: str, contract_id: str) -> Contract | None:
    return session.scalar(
        select(Contract).where(
            Contract.buyer_siret == buyer_siret, Contract.contract_id == contract_id
        )
    )
