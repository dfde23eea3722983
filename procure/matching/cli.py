"""`procure match` and `procure bench match`."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from procure.extensions import db
from procure.matching.service import registry_index, shortlist_for_doc, tender_doc
from procure.tenders.models import Tender, TenderStatus


@click.command("match")
@click.argument("references", nargs=-1)
@click.option("--all", "all_open", is_flag=True, help="Every open tender.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
@with_appcontext
def match_command(references: tuple[str, ...], all_open: bool, limit: int, fmt: str) -> None:
    """Shortlists for the tenders REF..., or for every open tender with --all.

    json: one line per tender {"tender", "shortlist": [{"siret", "name", "score", "reasons"}]}.
    """
    if bool(references) == all_open:
        raise click.UsageError("give tender references or --all (not both)")
    if all_open:
        tenders = list(
            db.session.scalars(
                select(Tender).where(Tender.status == TenderStatus.OPEN).order_by(Tender.reference)
            )
        )
    else:
        found = {
            t.reference: t
            for t in db.session.scalars(select(Tender).where(Tender.reference.in_(references)))
        }
        missing = [ref for ref in references if ref not in found]
        for ref in missing:
            click.echo(f"unknown tender reference: {ref}", err=True)
        tenders = [found[ref] for ref in references if ref in found]
    index = registry_index(db.session)
    for tender in tenders:
        matches = shortlist_for_doc(index, tender_doc(tender), limit)
        if fmt == "json":
            click.echo(
                json.dumps(
                    {
                        "tender": tender.reference,
                        "shortlist": [
                            {
                                "siret": m.siret,
                                "name": m.name,
                                "score": m.score,
                                "reasons": list(m.reasons),
                            }
                            for m in matches
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(f"{tender.reference}  {tender.title}")
            for rank, m in enumerate(matches, 1):
                click.echo(f"  {rank:>3}. {m.score:5.1f}  {m.siret}  {m.name}")
                click.echo(f"        {' · '.join(m.reasons)}")
    if not all_open and len(tenders) < len(references):
        sys.exit(1)


@click.command("match")
@click.option("--suppliers", "n_suppliers", default=100_000, show_default=True, type=int)
@click.option(
    "--queries",
    default=200,
    show_default=True,
    type=int,
    help="Shortlists timed for the indexed matcher.",
)
@click.option(
    "--baseline-queries",
    default=20,
    show_default=True,
    type=int,
    help="Shortlists timed for the full-scan baseline (slow).",
)
@click.option(
    "--postgres-url",
    default=None,
    help="PostgreSQL for the pg_trgm baseline (default: the configured database "
    "when it is PostgreSQL).",
)
@with_appcontext
def bench_match_command(
    n_suppliers: int, queries: int, baseline_queries: int, postgres_url: str | None
) -> None:
    """Shortlist latency at registry scale against a full rapidfuzz scan and pg_trgm."""
    from procure.matching.bench import main as run_bench

    url = postgres_url or current_app.config["SQLALCHEMY_DATABASE_URI"]
    argv = [
        "--suppliers",
        str(n_suppliers),
        "--queries",
        str(queries),
        "--baseline-queries",
        str(baseline_queries),
    ]
    if url.startswith("postgresql"):
        argv += ["--pg", url]
    else:
        click.echo(
            "pg_trgm baseline skipped: no PostgreSQL configured "
            "(PROCURE_DATABASE_URL or --postgres-url)"
        )
    sys.exit(run_bench(argv))
