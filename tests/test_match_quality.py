"""Matcher quality on the labelled development set, end to end through the command line
(import → match → score.py), with floors raised as the matcher improves."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PROCURE, shared_path

# The one quality gate. Floors at the figures measured with relevance-first ordering
# (2026-12-03, after the context round: dev 0.953 / 0.979, dev2 0.966 / 0.997); score.py also
# fails on any eligibility violation and on any "relevant" entry of a tender listed in empty.txt.
FLOORS = {"dev": (0.945, 0.97), "dev2": (0.96, 0.99)}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_quality_through_the_cli(app, cli_env, tmp_path, name):
    dev = shared_path("eval", name)
    min_ndcg, min_recall = FLOORS[name]
    score = shared_path("eval", "score.py")
    imported = _run([PROCURE, "import", "suppliers", str(dev / "suppliers.csv")], cli_env)
    assert imported.stdout.strip().splitlines()[-1].endswith("rejected=0")
    _run([PROCURE, "import", "tenders", str(dev / "tenders.json")], cli_env)
    rankings = tmp_path / "rankings.jsonl"
    matched = _run([PROCURE, "match", "--all", "--limit", "20", "--format", "json"], cli_env)
    rankings.write_text(matched.stdout, "utf-8")
    scored = subprocess.run(
        [
            sys.executable,
            str(score),
            str(dev),
            str(rankings),
            "--min-ndcg",
            str(min_ndcg),
            "--min-recall",
            str(min_recall),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = scored.stdout.strip().splitlines()[-1]
    print(summary)
    assert "violations=0" in summary and "empty_relevant=0" in summary
    assert scored.returncode == 0, f"below the floors ({min_ndcg}, {min_recall}): {summary}"
