"""A small Spaser world whose figures tests/spaser/test_report.py computes by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from procure.accounts import services as accounts
from procure.extensions import db
from procure.spaser import awards
from procure.spaser.decp_import import import_records
from procure.spaser.decp_read import iter_marches
from procure.suppliers.models import SupplierStatus
from tests.factories import make_supplier, make_tender

FIXTURES = Path(__file__).parent / "fixtures"
BUYER_A = "21340172201787"
BUYER_B = "21750001630066"


@dataclass
class World:
    s1: object
    s2: object
    s3: object
    s4: object
    award: object
    tender: object


def build_world(tmp_path: Path) -> World:
    s1 = make_supplier("Jardins de Cocagne", "Espaces verts, maraîchage", ["34"], kinds=["ACI"])
    s2 = make_supplier("Blanchisserie Adaptée", "Blanchisserie", ["34"], kinds=["EA"],
                       legal_form="company")  # fmt: skip
    s3 = make_supplier("BTP Classique", "Travaux", ["30"], legal_form="company")
    s4 = make_supplier("Asso en attente", "Fournitures", ["34"], status=SupplierStatus.PENDING)
    org = accounts.get_or_create_organisation(db.session, "Ville de Montpellier")
    org.siret = BUYER_A
    tender = make_tender(
        "Nettoyage des écoles", "Nettoyage des locaux scolaires", ["34"], reference="T-AWARD",
        organisation="Ville de Montpellier", status="closed", cpv_codes=["90910000-9"],
        clauses=[{"type": "insertion", "hours": 500},
                 {"type": "environmental", "text": "écolabel"}],
    )  # fmt: skip
    award = awards.record_award(
        db.session, tender,
        awards.AwardData(lot=None, holder_siret=s3.siret, amount=10000,
                         notified_on=date(2025, 6, 1), duration_months=12, offers_received=3,
                         contract_id="AWARD-1"),
        None,
    )  # fmt: skip
    awards.record_hours(db.session, award, 2025, 120, None)
    awards.record_hours(db.session, award, 2024, 30, None)
    db.session.commit()
    text = (FIXTURES / "decp_report.json").read_text(encoding="utf-8")
    for key, value in {
        "S1_OTHER_SITE": s1.siren + "00099", "S1_SIRET": s1.siret, "S2_SIRET": s2.siret,
        "S3_SIRET": s3.siret, "S4_SIRET": s4.siret,
    }.items():  # fmt: skip
        text = text.replace(key, value)
    path = tmp_path / "decp_report.json"
    path.write_text(text, encoding="utf-8")
    with path.open("rb") as stream:
        report = import_records(db.session, iter_marches(stream))
    assert report.summary() == "imported=6 updated=0 rejected=0"  # AWARD-1 is procure's
    db.session.commit()
    return World(s1, s2, s3, s4, award, tender)


@pytest.fixture
def world(app_ctx, tmp_path) -> World:
    return build_world(tmp_path)
