"""`procure bench import --rows N [--database-url URL]`: generate N supplier rows, write the
CSV, import it through the real import service into a fresh database, and print rows/s,
elapsed time and peak memory; then import the same file again (everything unchanged).

Without --database-url the figures are taken on a throw-away SQLite file; with it, the
database (meant to be a throw-away one too) is migrated first.
"""

from __future__ import annotations

import csv
import random
import resource
import tempfile
import time
from pathlib import Path

import click
from flask_migrate import upgrade
from stdnum import luhn

from procure.geo import DEPARTMENT_CODES, department_name
from procure.suppliers.cli import run_import
from procure.suppliers.models import INCLUSION_KINDS, LEGAL_FORMS
from procure.suppliers.validation import FIELDS

TRADES = [
    (
        "Entretien des espaces verts",
        "tonte, taille de haies, élagage et débroussaillage",
        "77310000",
    ),
    ("Nettoyage de bureaux", "entretien des locaux, vitrerie et remise en état", "90910000"),
    ("Blanchisserie", "traitement du linge plat et des vêtements de travail", "98311000"),
    ("Restauration collective", "repas pour les écoles, plateaux et buffets", "55520000"),
    ("Collecte et recyclage", "tri des déchets, réemploi et valorisation", "90500000"),
    ("Reconditionnement informatique", "effacement des données, réparation, reprise", "30213000"),
    ("Travaux du bâtiment", "peinture, plâtrerie, isolation biosourcée", "45400000"),
    ("Logistique", "stockage, préparation de commandes et livraison", "63120000"),
    ("Imprimerie", "impression, façonnage et routage de documents", "79810000"),
    ("Saisie de données", "numérisation, indexation et archivage", "79999100"),
    ("Déménagement", "transfert de bureaux, emballage et transport", "98392000"),
    ("Atelier textile", "couture, retouche, marquage et réparation", "18000000"),
]
PRACTICES = [
    "Nos salariés en parcours d'insertion sont accompagnés vers l'emploi durable.",
    "Produits écolabellisés, véhicules électriques et zéro plastique jetable.",
    "Nous accueillons des travailleurs en situation de handicap sur des postes adaptés.",
    "Une démarche de réemploi : plus de la moitié des matériaux retrouvent une seconde vie.",
    "Interventions de jour, équipes encadrées par des professionnels expérimentés.",
]


def _siret(n: int) -> str:
    body = f"{7 + n // 10_000_000 % 3}{n % 10_000_000:07d}"
    siren = body + luhn.calc_check_digit(body)
    nic = siren + f"{n % 9999 + 1:04d}"
    return nic + luhn.calc_check_digit(nic)


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    codes = [c for c in DEPARTMENT_CODES if len(c) == 2]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for i in range(rows):
            trade, detail, cpv = rng.choice(TRADES)
            other = rng.choice(TRADES)
            area = "FR" if rng.random() < 0.05 else ";".join(rng.sample(codes, rng.randint(1, 4)))
            city = department_name(area.split(";")[0]) if area != "FR" else "Paris"
            description = " ".join(
                [
                    f"{trade} : {detail}.",
                    f"{other[0]} : {other[1]}.",
                    *rng.sample(PRACTICES, 3),
                    f"Intervention dans le secteur de {city} depuis {1990 + i % 35}.",
                ]
            )
            kinds = rng.sample(INCLUSION_KINDS, rng.choice((0, 1, 1, 2)))
            writer.writerow(
                [
                    _siret(i + 1),
                    f"{trade.split()[0]} Solidaire {i}",
                    rng.choice(LEGAL_FORMS),
                    ";".join(kinds),
                    rng.choice(("yes", "no", "no")),
                    description,
                    f"{cpv};{other[2]}",
                    area,
                    f"{rng.randint(1000, 95999):05d}",
                    city,
                    f"contact{i}@structure.example.org",
                    f"https://structure{i}.example.org" if i % 3 else "",
                    rng.randint(1, 300),
                ]
            )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed_import(path: Path) -> tuple[str, float]:
    start = time.perf_counter()
    report = run_import(path)
    return report.summary, time.perf_counter() - start


@click.command("import")
@click.option("--rows", default=100_000, show_default=True, help="Supplier rows to generate.")
@click.option(
    "--database-url",
    default="",
    help="A throw-away database to migrate and fill (default: a temporary SQLite file).",
)
def bench_import(rows: int, database_url: str) -> None:
    """Import N generated suppliers into an empty database and print the figures."""
    # A benchmark builds its own app on a throw-away database: the factory is imported here,
    # at run time, not while the app being built imports this module.
    from procure import create_app
    from procure.extensions import db, remove_session

    with tempfile.TemporaryDirectory(prefix="procure-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        path = Path(tmp) / "suppliers.csv"
        start = time.perf_counter()
        generate(path, rows)
        size = path.stat().st_size / 1e6
        click.echo(f"generated {rows} rows in {time.perf_counter() - start:.1f} s ({size:.0f} MB)")
        app = create_app({"DATABASE_URL": url})
        with app.app_context():
            upgrade()
            before = _peak_mb()
            backend = db.engine.dialect.name
            for label in ("first import", "same file again"):
                summary, elapsed = _timed_import(path)
                click.echo(
                    f"{backend} {label}: {summary} in {elapsed:.1f} s, "
                    f"{rows / elapsed:,.0f} rows/s, peak RSS {_peak_mb():.0f} MB "
                    f"(before import {before:.0f} MB)"
                )
            remove_session()
            db.engine.dispose()
