"""`procure match` and `procure bench match`."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from procure.extensions import db
from procure.matching.output import entries
from procure.matching.reasons import LANGS, nothing_relevant, render_all, to_explore
from procure.matching.service import registry_index, shortlists_with_lots, tender_doc
from procure.matching.trades import TRADE_TABLE
from procure.matching.types import Match
from procure.tenders.models import Tender, TenderStatus


@click.command("match")
@click.argument("references", nargs=-1)
@click.option("--all", "all_open", is_flag=True, help="Every open tender.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
@click.option("--lang", type=click.Choice(LANGS), default="fr", show_default=True)
@with_appcontext
def match_command(
    references: tuple[str, ...], all_open: bool, limit: int, fmt: str, lang: str
) -> None:
    """Shortlists for the tenders REF..., or for every open tender with --all.

    json: one line per tender {"tender", "shortlist": [{"siret", "name", "score", "relevant",
    "reasons"}]}, relevant entries first; reasons in --lang (default fr); a tender with lots
    adds "lots": [{"lot": N, "title", "shortlist": [...]}] (N = position, from 1).
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
        matches, lots = shortlists_with_lots(index, tender_doc(tender), limit)
        if fmt == "json":
            line: dict = {"tender": tender.reference, "shortlist": entries(matches, lang)}
            if lots:
                line["lots"] = [
                    {"lot": lot.number, "title": lot.title, "shortlist": entries(lot.matches, lang)}
                    for lot in lots
                ]
            click.echo(json.dumps(line, ensure_ascii=False))
        else:
            _table(tender, matches, lang)
    if not all_open and len(tenders) < len(references):
        sys.exit(1)


def _table(tender: Tender, matches: list[Match], lang: str) -> None:
    click.echo(f"{tender.reference}  {tender.title}")
    if not any(m.relevant for m in matches):
        click.echo(f"  {nothing_relevant(lang)}")
    for rank, m in enumerate(matches, 1):
        mark = "" if m.relevant else f"  [{to_explore(lang)}]"
        click.echo(f"  {rank:>3}. {m.score:5.1f}  {m.siret}  {m.name}{mark}")
        click.echo(f"        {' · '.join(render_all(m.reasons, lang))}")


@click.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True
)
def trades_list_command(fmt: str) -> None:
    """The trade taxonomy: code, French and English labels."""
    rows = [
        {"code": code, "label_fr": trade.label_fr, "label_en": trade.label_en}
        for code, trade in sorted(TRADE_TABLE.items())
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        click.echo(f"{row['code']}\t{row['label_fr']}\t{row['label_en']}")


trades_cli = click.Group("trades", help="The trade taxonomy of the matcher.")
trades_cli.add_command(trades_list_command)


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
@click.option(
    "--end-to-end",
    "end_to_end",
    default=300,
    show_default=True,
    type=click.IntRange(0),
    help="Shortlists timed through the CLI, the API and the digests on a generated "
    "database (0: skip).",
)
@with_appcontext
def bench_match_command(
    n_suppliers: int,
    queries: int,
    baseline_queries: int,
    postgres_url: str | None,
    end_to_end: int,
) -> None:
    """Shortlist latency at registry scale against a full rapidfuzz scan and pg_trgm."""
    # The benchmark and its generators load only when it runs: every `procure` command (and
    # the web app, which registers this one) would otherwise pay for them at start-up.
    from procure.matching.bench import main as run_bench

    url = postgres_url or current_app.config["SQLALCHEMY_DATABASE_URI"]
    argv = [
        "--suppliers",
        str(n_suppliers),
        "--queries",
        str(queries),
        "--baseline-queries",
        str(baseline_queries),
        "--end-to-end",
        str(end_to_end),
    ]
    if url.startswith("postgresql"):
        argv += ["--pg", url]
    else:
        click.echo(
            "pg_trgm baseline skipped: no PostgreSQL configured "
            "(PROCURE_DATABASE_URL or --postgres-url)"
        )
    sys.exit(run_bench(argv))
