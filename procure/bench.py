"""`procure bench ...`: benchmarks that print figures (never timing assertions in tests).

Each feature adds its own subcommand to this group in `procure/features.py`.
"""

import click


@click.group("bench", help="Run a benchmark and print its figures.")
def bench_cli() -> None:
    pass
