"""`procure export decp`: procure's own awards in the regulatory DECP format (schema 2.0.3).

The schema requires fields procure does not ask the buyer (techniques, price form...): they
get the neutral values the format offers ("Sans objet", "Pas de groupement", no advance,
"Définitif ferme", "Forfaitaire"), and the CCAG follows the CPV (45: works). A national tender
is placed in France ("Code pays" FR). `datePublicationDonnees` is the day procure recorded the
award: the day its data became available.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.spaser.models import (
    ENVIRONMENTAL_LABELS,
    NO_ENVIRONMENTAL,
    NO_SOCIAL,
    SOCIAL_LABELS,
    Contract,
    ContractSource,
)


def marche(contract: Contract) -> dict[str, Any]:
    social = [label for flag, label in SOCIAL_LABELS.items() if getattr(contract, flag)]
    env = [label for flag, label in ENVIRONMENTAL_LABELS.items() if getattr(contract, flag)]
    place = (
        {"code": contract.department, "typeCode": "Code département"}
        if contract.department
        else {"code": "FR", "typeCode": "Code pays"}
    )
    return {
        "id": contract.contract_id,
        "acheteur": {"id": contract.buyer_siret},
        "nature": "Marché",
        "objet": contract.objet[:1000],
        "codeCPV": contract.cpv,
        "techniques": {"technique": ["Sans objet"]},
        "modalitesExecution": {"modaliteExecution": ["Sans objet"]},
        "marcheInnovant": False,
        "ccag": "Travaux" if contract.cpv.startswith("45") else "Fournitures courantes et services",
        "offresRecues": contract.offers_received or 1,
        "attributionAvance": False,
        "typeGroupementOperateurs": "Pas de groupement"
        if len(contract.holders) < 2
        else "Conjoint",
        "sousTraitanceDeclaree": False,
        "procedure": contract.procedure or "Procédure adaptée",
        "lieuExecution": place,
        "dureeMois": contract.duration_months or 1,
        "dateNotification": contract.notified_on.isoformat(),
        "datePublicationDonnees": (contract.published_on or contract.created_at.date()).isoformat(),
        "montant": contract.amount,
        "typesPrix": {"typePrix": ["Définitif ferme"]},
        "formePrix": "Forfaitaire",
        "titulaires": [
            {"titulaire": {"typeIdentifiant": h.identifier_type, "id": h.identifier}}
            for h in contract.holders
        ],
        "considerationsSociales": {"considerationSociale": social or [NO_SOCIAL]},
        "considerationsEnvironnementales": {
            "considerationEnvironnementale": env or [NO_ENVIRONMENTAL]
        },
    }


def export_decp(session: Session, buyer: str | None = None, year: int | None = None) -> dict:
    stmt = select(Contract).where(Contract.source == ContractSource.PROCURE)
    if buyer:
        stmt = stmt.where(Contract.buyer_siret == buyer)
    if year:
        stmt = stmt.where(
            Contract.notified_on >= date(year, 1, 1), Contract.notified_on < date(year + 1, 1, 1)
        )
    contracts = session.scalars(stmt.order_by(Contract.notified_on, Contract.id))
    return {"marches": {"marche": [marche(c) for c in contracts]}}
