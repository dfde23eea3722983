"""`procure import decp`: every shape, idempotence, updates, broken records, supplier matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from procure.extensions import db
from procure.spaser.models import Contract, ContractHolder, ContractSource
from tests.conftest import shared_path
from tests.factories import make_siret, make_supplier

FIXTURES = Path(__file__).parent / "fixtures"


def _file(tmp_path: Path, name: str, replace: dict[str, str] | None = None) -> Path:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _contract(cid: str) -> Contract:
    return db.session.scalar(select(Contract).where(Contract.contract_id == cid))


def test_list_shape_flat_and_wrapped_holders_string_and_list_considerations(
    app_ctx, runner, tmp_path
):
    a = make_supplier("Jardins", "Espaces verts", ["34"], kinds=["ACI"])
    b = make_supplier("Propreté", "Nettoyage", ["34"], kinds=["EA"])
    other_site_of_b = b.siren + "00099"  # same SIREN, another establishment
    path = _file(tmp_path, "decp_list_shape.json",
                 {"SUPPLIER_A": a.siret, "SUPPLIER_B_OTHER_SITE": other_site_of_b})  # fmt: skip

    result = runner.invoke(args=["import", "decp", str(path)])

    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "imported=2 updated=0 rejected=0"
    first, second = _contract("L-001"), _contract("L-002")
    assert first.source == ContractSource.DECP
    assert (first.buyer_siret, first.cpv, first.department) == ("21340172201787", "77310000", "34")
    assert (first.amount, str(first.notified_on), first.duration_months) == (
        120000.0, "2025-02-10", 24,
    )  # fmt: skip
    assert (first.social_clause, first.reserved, first.social_criterion) == (True, True, False)
    assert not first.env_clause and not first.env_criterion
    assert second.social_criterion and not second.social_clause
    assert second.env_clause and second.env_criterion
    assert second.department == "34"  # from the INSEE commune code 34172
    assert [h.supplier_id for h in first.holders] == [a.id]  # by SIRET
    assert [h.supplier_id for h in second.holders] == [b.id]  # by SIREN
    assert second.holders[0].identifier == other_site_of_b


def test_second_import_changes_nothing_and_newer_publication_updates(app_ctx, runner, tmp_path):
    path = _file(
        tmp_path,
        "decp_list_shape.json",
        {"SUPPLIER_A": make_siret(), "SUPPLIER_B_OTHER_SITE": make_siret()},
    )
    assert runner.invoke(args=["import", "decp", str(path)]).stdout.splitlines()[-1] == (
        "imported=2 updated=0 rejected=0"
    )
    again = runner.invoke(args=["import", "decp", str(path)])
    assert again.stdout.splitlines()[-1] == "imported=0 updated=0 rejected=0"
    assert db.session.scalar(select(func.count()).select_from(Contract)) == 2
    assert db.session.scalar(select(func.count()).select_from(ContractHolder)) == 2

    data = json.loads(path.read_text(encoding="utf-8"))
    newer, older = data["marches"]
    newer.update(montant=150000, datePublicationDonnees="2025-03-01", considerationsSociales=[])
    older.update(montant=1, datePublicationDonnees="2025-07-01")  # same date: no change
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(args=["import", "decp", str(path)])

    assert result.stdout.splitlines()[-1] == "imported=0 updated=1 rejected=0"
    db.session.expire_all()
    assert _contract("L-001").amount == 150000.0
    assert not _contract("L-001").social_clause
    assert _contract("L-002").amount == 80000.5
    assert db.session.scalar(select(func.count()).select_from(ContractHolder)) == 2


def test_broken_records_are_reported_with_position_and_reason(app_ctx, runner, tmp_path):
    result = runner.invoke(args=["import", "decp", str(FIXTURES / "decp_broken.json")])

    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "imported=2 updated=0 rejected=4"
    errors = result.stderr.splitlines()
    assert errors == [
        "record 1 (B-002): acheteur.id is not a SIRET: 'not-a-siret'",
        "record 2 (B-003): dateNotification missing or invalid: None",
        "record 3: not a JSON object",
        "record 4 (B-005): codeCPV missing or invalid: '4500'",
    ]
    assert {c.contract_id for c in db.session.scalars(select(Contract))} == {"B-001", "B-006"}
    assert _contract("B-001").env_clause and not _contract("B-001").social_clause


def test_unreadable_file_exits_1(app_ctx, runner, tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"marches": [{"id": "X", "acheteur": {"id": "2134', encoding="utf-8")
    result = runner.invoke(args=["import", "decp", str(path)])
    assert result.exit_code == 1
    assert "invalid JSON" in result.stderr
    missing = runner.invoke(args=["import", "decp", str(tmp_path / "absent.json")])
    assert missing.exit_code == 1 and "cannot read" in missing.stderr


@pytest.mark.parametrize(
    "name", ["example_marches_avec_modifications.json", "example_marches_concessions.json"]
)
def test_regulatory_examples_import(app_ctx, runner, name):
    path = shared_path("data", "decp", name)
    result = runner.invoke(args=["import", "decp", str(path)])
    assert result.stdout.splitlines()[-1] == "imported=2 updated=0 rejected=0"
    contract = _contract("TEST2022")
    assert contract.buyer_siret == "21750001630066" and contract.department == "75"
    assert contract.social_clause and contract.social_criterion and contract.env_clause
    assert contract.duration_months == 12  # after its modification (48 at notification)
    assert [h.identifier for h in contract.holders] == ["55204599900869"]
