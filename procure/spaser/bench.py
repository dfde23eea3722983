"""`procure bench decp --contracts N [--database-url URL]`: generate a national-size DECP
file, import it with the real `procure import decp` in a child process (so its peak memory
is the command's own, not the generator's), then import it again (nothing changes).

The file mixes every shape the importer reads (list or `{"marche": [...]}`, wrapped and flat
titulaires, considerations as lists, wrappers and strings) and 0.1 % broken records.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from flask_migrate import upgrade
from stdnum import luhn

from procure import create_app
from procure.extensions import db, remove_session

CPVS = ["45000000", "77310000", "90910000", "55520000", "90500000", "79810000", "98311000"]
SOCIAL = ["Clause sociale", "Critère social", "Marché réservé"]
ENV = ["Clause environnementale", "Critère environnemental"]


def _siret(n: int) -> str:
    body = f"2{n % 100_000_000:08d}"[:8]
    siren = body + luhn.calc_check_digit(body)
    nic = siren + f"{n % 9999 + 1:04d}"
    return nic + luhn.calc_check_digit(nic)


def _record(i: int, rng: random.Random) -> dict:
    social = [s for s in SOCIAL if rng.random() < 0.1] or ["Pas de considération sociale"]
    env = [e for e in ENV if rng.random() < 0.2] or ["Pas de considération environnementale"]
    holder = {"typeIdentifiant": "SIRET", "id": _siret(1_000_000 + i % 50_000)}
    shape = i % 3
    return {
        "id": f"B{i:09d}",
        "acheteur": {"id": _siret(i % 3000)},
        "nature": "Marché",
        "objet": f"Marché {i} de travaux et services",
        "codeCPV": rng.choice(CPVS) + ("-7" if i % 2 else ""),
        "procedure": "Procédure adaptée",
        "lieuExecution": {"code": f"{rng.randint(1, 95):02d}000", "typeCode": "Code postal"},
        "dureeMois": rng.randint(6, 48),
        "dateNotification": f"{2024 + i % 2}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        "datePublicationDonnees": "2025-06-01",
        "montant": 0
        if i % 1000 == 999
        else "n/a"
        if i % 1000 == 998
        else rng.randint(40, 5000) * 1000,
        "titulaires": [{"titulaire": holder}] if shape else [holder],
        "considerationsSociales": (
            {"considerationSociale": social}
            if shape == 0
            else social
            if shape == 1
            else ", ".join(social)
        ),
        "considerationsEnvironnementales": (
            {"considerationEnvironnementale": env}
            if shape == 0
            else env
            if shape == 1
            else ", ".join(env)
        ),
    }


def generate(path: Path, contracts: int, seed: int = 2026) -> None:
    """Writes one record at a time: the generator's memory is flat too."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    with path.open("w", encoding="utf-8") as out:
        out.write('{"marches": {"marche": [\n')
        for i in range(contracts):
            if i:
                out.write(",\n")
            out.write(json.dumps(_record(i, rng), ensure_ascii=False))
        out.write("\n]}}\n")


def _run_import(path: Path, url: str) -> tuple[str, int, float, float, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCURE_")}
    env["PROCURE_DATABASE_URL"] = url
    env["PROCURE_ENV"] = os.environ.get("PROCURE_ENV", "development")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "procure", "import", "decp", str(path)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    last = done.stdout.strip().splitlines()[-1:] or [done.stderr.strip()[-300:]]
    rejected = done.stderr.count("\n")
    # ru_maxrss of children is the largest child so far: report it when it grew.
    return last[0], rejected, elapsed, cpu, max(peak, before) / 1024


@click.command("decp")
@click.option("--contracts", default=300_000, show_default=True, help="Contracts to generate.")
@click.option("--database-url", default="", help="A throw-away database (default: temp SQLite).")
def bench_decp(contracts: int, database_url: str) -> None:
    """Import N generated DECP contracts into an empty database and print the figures."""

    with tempfile.TemporaryDirectory(prefix="procure-bench-decp-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        path = Path(tmp) / "decp.json"
        start = time.perf_counter()
        generate(path, contracts)
        size = path.stat().st_size / 1e6
        took = time.perf_counter() - start
        click.echo(f"generated {contracts} contracts in {took:.1f} s ({size:.0f} MB)")
        app = create_app({"DATABASE_URL": url})
        with app.app_context():
            upgrade()
            backend = db.engine.dialect.name
            remove_session()
            db.engine.dispose()
        for label in ("first import", "same file again"):
            summary, rejected, elapsed, cpu, peak = _run_import(path, url)
            click.echo(
                f"{backend} {label}: {summary} in {elapsed:.1f} s (CPU {cpu:.1f} s) "
                f"({contracts / elapsed:,.0f} contracts/s), peak RSS of the import {peak:.0f} MB, "
                f"{rejected} lines on stderr"
            )
