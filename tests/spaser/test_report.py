"""`procure report spaser`: the figures of a small file, computed by hand (see conftest)."""

from __future__ import annotations

import json

from tests.spaser.conftest import BUYER_A

# Buyer A, 2025: A-1 (100 000, clause sociale + environnementale, ACI association),
# A-2 (50 000, critère social + réservé, EA company), A-3 (30 000, critère environnemental,
# ordinary company), A-4 (20 000, nothing, supplier not verified) and procure's award AWARD-1
# (10 000, insertion 500 h + environmental clause, ordinary company). A-5 is 2024; the DECP
# copy of AWARD-1 (999 999) is the same contract and counts once, as the buyer recorded it.
BUYER_A_2025 = {
    "year": 2025,
    "buyer": BUYER_A,
    "contracts": 5,
    "amount": 210000.0,
    "social": {"contracts": 3, "amount": 160000.0},
    "social_clause": {"contracts": 2, "amount": 110000.0},
    "social_criterion": {"contracts": 1, "amount": 50000.0},
    "reserved": {"contracts": 1, "amount": 50000.0},
    "environmental": {"contracts": 3, "amount": 140000.0},
    "awarded_sse": {"contracts": 2, "amount": 150000.0},
    "awarded_siae": {"contracts": 1, "amount": 100000.0},
    "awarded_disability": {"contracts": 1, "amount": 50000.0},
    "insertion_hours": {"committed": 500, "realised": 120},
}
# Every buyer adds B-1 (40 000, réservé, won by another establishment of the ACI: by SIREN).
ALL_2025 = {
    **BUYER_A_2025,
    "buyer": None,
    "contracts": 6,
    "amount": 250000.0,
    "social": {"contracts": 4, "amount": 200000.0},
    "reserved": {"contracts": 2, "amount": 90000.0},
    "awarded_sse": {"contracts": 3, "amount": 190000.0},
    "awarded_siae": {"contracts": 2, "amount": 140000.0},
}


def _report(runner, *args: str) -> dict:
    result = runner.invoke(args=["report", "spaser", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_report_for_one_buyer_is_exactly_the_hand_computed_object(world, runner):
    assert _report(runner, "--year", "2025", "--buyer", BUYER_A) == BUYER_A_2025


def test_report_for_every_buyer(world, runner):
    assert _report(runner, "--year", "2025", "--format", "json") == ALL_2025


def test_another_year_has_its_own_contracts_and_hours(world, runner):
    figures = _report(runner, "--year", "2024", "--buyer", BUYER_A)
    assert (figures["contracts"], figures["amount"]) == (1, 70000.0)
    assert figures["social_clause"] == {"contracts": 1, "amount": 70000.0}
    assert figures["awarded_siae"] == {"contracts": 1, "amount": 70000.0}
    assert figures["insertion_hours"] == {"committed": 0, "realised": 30}


def test_table_format_shows_shares(world, runner):
    result = runner.invoke(args=["report", "spaser", "--year", "2025", "--buyer", BUYER_A,
                                 "--format", "table"])  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0] == f"Spaser 2025 — {BUYER_A}"
    social = next(line for line in lines if line.startswith("social "))
    assert social.split() == ["social", "3", "60.0%", "160,000.00", "76.2%"]
    assert "heures d'insertion engagées 500, réalisées 120" in lines[-1]
