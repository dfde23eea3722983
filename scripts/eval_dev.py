#!/usr/bin/env python3
"""Rank every tender of a labelled set with the matcher and score it with eval/score.py.

Usage: python scripts/eval_dev.py SET_DIR [--out RANKINGS.jsonl] [--limit 20]
Reads SET_DIR/suppliers.csv and SET_DIR/tenders.json straight into the matcher's dataclasses
(no Flask, no database), so matching quality can be measured alone. score.py is looked up next
to SET_DIR (SET_DIR/../score.py) unless --score is given. Prints score.py's summary line.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from procure.matching.engine import MatchIndex, rank
from procure.matching.reasons import render_all
from procure.matching.types import Clause, SupplierDoc, TenderDoc


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(";") if x.strip())


def load_suppliers(path: Path) -> list[SupplierDoc]:
    """Suppliers CSV (INTERFACES.md format) -> SupplierDoc, ids in file order from 1."""
    with open(path, newline="", encoding="utf-8") as f:
        return [
            SupplierDoc(
                id=i,
                siret=row["siret"].strip(),
                name=row["name"].strip(),
                legal_form=(row.get("legal_form") or "").strip().lower(),
                inclusion_kinds=frozenset(k.upper() for k in _split(row.get("inclusion_kinds"))),
                esus=(row.get("esus") or "").strip().lower() in ("yes", "oui", "true", "1"),
                description=row.get("description") or "",
                cpv_codes=_split(row.get("cpv_codes")),
                departments=_split(row.get("departments")),
            )
            for i, row in enumerate(csv.DictReader(f), start=1)
        ]


def tender_from_json(obj: dict) -> TenderDoc:
    """One tender of the JSON format -> TenderDoc (unknown fields ignored)."""
    clauses = tuple(
        Clause(
            type=c.get("type", ""), hours=c.get("hours"), weight=c.get("weight"), text=c.get("text")
        )
        for c in obj.get("clauses") or []
    )
    return TenderDoc(
        reference=obj["reference"],
        title=obj.get("title") or "",
        description=obj.get("description") or "",
        cpv_codes=tuple(obj.get("cpv_codes") or ()),
        departments=tuple(obj.get("departments") or ()),
        clauses=clauses,
    )


def load_tenders(path: Path) -> list[TenderDoc]:
    """Tenders JSON list -> TenderDoc."""
    return [tender_from_json(t) for t in json.loads(path.read_text("utf-8"))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--score", type=Path)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    index = MatchIndex.build(load_suppliers(args.set_dir / "suppliers.csv"))
    tenders = load_tenders(args.set_dir / "tenders.json")
    t1 = time.perf_counter()
    lines = []
    for tender in tenders:
        shortlist = [
            {
                "siret": m.siret,
                "name": m.name,
                "score": m.score,
                "relevant": m.relevant,
                "reasons": render_all(m.reasons, "fr"),
            }
            for m in rank(index, tender, limit=args.limit)
        ]
        lines.append(
            json.dumps({"tender": tender.reference, "shortlist": shortlist}, ensure_ascii=False)
        )
    t2 = time.perf_counter()
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print(
        f"indexed {len(index)} suppliers in {t1 - t0:.2f}s, ranked {len(tenders)} tenders in "
        f"{t2 - t1:.2f}s",
        file=sys.stderr,
    )
    score = args.score or (args.set_dir.resolve().parent / "score.py")
    if not score.exists():
        print(f"rankings written to {out}; no score.py at {score}", file=sys.stderr)
        return 0
    proc = subprocess.run(  # noqa: S603 - our interpreter on the evaluation script
        [sys.executable, str(score), str(args.set_dir), str(out)],
        check=False,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(proc.stderr)
    print(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "no summary")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
