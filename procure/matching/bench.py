"""Synthetic load for the matcher: generated suppliers and tenders, latency and memory figures.

Descriptions are generated from the trade taxonomy and sentence templates (status, area,
ecological practice, clients), never from evaluation data, so the figures say how the index
scales, not how well it ranks. ``main()`` prints a report; ``procure bench match --suppliers N``
runs it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from procure import geo
from procure.matching.engine import rank
from procure.matching.index import MatchIndex
from procure.matching.scoring import KINDS
from procure.matching.text import normalise
from procure.matching.trades_data import TRADES
from procure.matching.types import Clause, SupplierDoc, TenderDoc

_FORMS = (
    "association",
    "association",
    "company",
    "scop",
    "scic",
    "cooperative",
    "foundation",
    "mutual",
)
_STATUS_FR = {
    "EI": "Entreprise d'insertion, nous salarions des personnes éloignées de l'emploi.",
    "AI": "Association intermédiaire, nous mettons des demandeurs d'emploi à disposition.",
    "ACI": "Atelier et chantier d'insertion, nous accompagnons nos salariés vers l'emploi.",
    "ETTI": "Entreprise de travail temporaire d'insertion agréée.",
    "EITI": "EITI, nous accompagnons des travailleurs indépendants en insertion.",
    "GEIQ": "GEIQ, nous formons en alternance des salariés en parcours de qualification.",
    "EA": "Entreprise adaptée : la majorité de nos salariés sont travailleurs handicapés.",
    "EATT": "Entreprise adaptée de travail temporaire pour travailleurs handicapés.",
    "ESAT": "ESAT accueillant des adultes en situation de handicap orientés par la MDPH.",
}
_STATUS_EN = "We are a work-integration social enterprise employing people far from work."
_ECO = (
    "Nos tournées se font en véhicules électriques.",
    "Produits écolabellisés uniquement.",
    "Gestion différenciée, zéro phyto.",
    "Plus de 200 tonnes détournées de l'enfouissement.",
    "We deliver by cargo bike and use recycled packaging.",
    "Circuits courts et produits bio.",
)
_OPEN_FR = (
    "Nous assurons {a} et {b} pour les collectivités et les entreprises.",
    "Nos équipes réalisent {a}, {b} ainsi que {c}.",
    "Spécialistes de {a} depuis 15 ans.",
    "Prestations proposées : {a}, {b}, {c}.",
    "Nous intervenons en {a} et en {b}.",
)
_OPEN_EN = (
    "We provide {a} and {b} for public bodies and companies.",
    "Our crews handle {a}, {b} and {c}.",
    "Services: {a}, {b}, {c}.",
)
_CLIENTS = (
    "Clients : mairies, bailleurs sociaux, hôpitaux et universités.",
    "Devis gratuit sous 48 heures.",
    "Équipe de 25 salariés encadrés par 4 permanents.",
    "Interventions ponctuelles ou contrats annuels.",
)


def _phrases(spec_text: str) -> list[str]:
    out = []
    for item in spec_text.split(";"):
        text = item.strip().lstrip("@").split("|")[0]
        if text and "|" not in item:
            out.append(text)
    return out or [spec_text.split(";")[0].split("|")[0].strip().lstrip("@")]


_FR_PHRASES = [_phrases(t.fr) for t in TRADES]
_EN_PHRASES = [_phrases(t.en) for t in TRADES]
_DEPS = [c for c in geo.DEPARTMENT_CODES if not geo.is_overseas_collectivity(c)]


def _siret(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(13)]
    for check in range(10):  # Luhn check digit
        total = 0
        for i, d in enumerate(reversed([*digits, check])):
            total += d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2)
        if total % 10 == 0:
            return "".join(map(str, [*digits, check]))
    raise AssertionError("unreachable")


def _area(rng: random.Random) -> tuple[str, ...]:
    if rng.random() < 0.03:
        return ("FR",)
    first = rng.choice(_DEPS)
    region = geo.region_of(first)
    pool = list(geo.departments_of_region(region)) if region else [first]
    extra = rng.sample(pool, k=min(len(pool), rng.randrange(0, 4)))
    return tuple(dict.fromkeys([first, *extra]))


def _service_text(rng: random.Random, trades: list[int], english: bool) -> list[str]:
    sentences = []
    for t in trades:
        words = (_EN_PHRASES if english else _FR_PHRASES)[t]
        a, b, c = (rng.choice(words) for _ in range(3))
        sentences.append(rng.choice(_OPEN_EN if english else _OPEN_FR).format(a=a, b=b, c=c))
    return sentences


def generate_suppliers(n: int, seed: int = 0) -> list[SupplierDoc]:
    """``n`` varied synthetic suppliers (about 15 % in English), deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    out = []
    for i in range(n):
        english = rng.random() < 0.15
        trades = rng.sample(range(len(TRADES)), k=rng.choice((1, 1, 2, 2, 3)))
        kinds = frozenset(rng.sample(KINDS, k=rng.choice((0, 1, 1, 1, 2))))
        deps = _area(rng)
        parts = _service_text(rng, trades, english)
        parts += [_STATUS_FR[k] for k in sorted(kinds)] if not english else [_STATUS_EN]
        if rng.random() < 0.4:
            parts.append(rng.choice(_ECO))
        parts.append(rng.choice(_CLIENTS))
        if deps != ("FR",):
            names = ", ".join(f"{geo.department_name(d)} ({d})" for d in deps)
            parts.append(("Area covered: " if english else "Zone d'intervention : ") + names + ".")
        rng.shuffle(parts)
        cpv = tuple(
            rng.choice(TRADES[t].cpv.split())
            for t in trades
            if TRADES[t].cpv and rng.random() < 0.4
        )
        out.append(
            SupplierDoc(
                id=i + 1,
                siret=_siret(rng),
                name=f"Structure {i + 1}",
                legal_form=rng.choice(_FORMS),
                inclusion_kinds=kinds,
                esus=rng.random() < 0.2,
                description=" ".join(parts),
                cpv_codes=cpv,
                departments=deps,
            )
        )
    return out


def generate_tenders(n: int, seed: int = 1) -> list[TenderDoc]:
    """``n`` synthetic notices (object, place, duration, procedure, clauses)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    out = []
    for i in range(n):
        t = rng.randrange(len(TRADES))
        deps = ("FR",) if rng.random() < 0.05 else (rng.choice(_DEPS),)
        body = _service_text(rng, [t, t], False)
        place = (
            "France entière" if deps == ("FR",) else f"{geo.department_name(deps[0])} ({deps[0]})"
        )
        body += [
            f"Lieu d'exécution : {place}.",
            "Durée : 2 ans reconductible une fois.",
            "Procédure adaptée, critères prix 60 % et valeur technique 40 %.",
        ]
        clauses: list[Clause] = []
        roll = rng.random()
        if roll < 0.15:
            clauses.append(
                Clause(rng.choice(("reserved_disability", "reserved_inclusion", "reserved_ess")))
            )
        elif roll < 0.5:
            clauses.append(Clause("insertion", hours=rng.choice((None, 300, 1200))))
        if rng.random() < 0.3:
            clauses.append(Clause("environmental", text="produits écolabellisés"))
        if rng.random() < 0.3:
            clauses.append(Clause("social_criterion", weight=10))
        out.append(
            TenderDoc(
                reference=f"BENCH-{i + 1:05d}",
                title=TRADES[t].label_fr,
                description=" ".join(body),
                cpv_codes=tuple(TRADES[t].cpv.split()[:1]),
                departments=deps,
                clauses=tuple(clauses),
            )
        )
    return out


_CHUNK = 5000


def _chunks(rows: list[dict], size: int = _CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(conn, table, rows: list[dict]) -> None:
    for chunk in _chunks(rows):
        conn.execute(table.insert(), chunk)


def generate_database(url: str, buyers: int, tenders: int, suppliers: int, seed: int) -> None:
    """Fill an empty database with generated verified suppliers and open tenders: one
    organisation per buyer, tenders spread over them (`procure bench match|digests`)."""
    # Runs in a forked child that builds its own app on a throw-away database: the factory
    # is imported there, at run time.
    from procure import create_app
    from procure.accounts.models import Frequency, Organisation, Role, User
    from procure.extensions import db
    from procure.suppliers.models import Supplier, SupplierArea, SupplierKind, SupplierStatus
    from procure.tenders.models import Clause as ClauseRow
    from procure.tenders.models import ClauseType, Tender, TenderStatus
    from procure.timeutil import utcnow

    app = create_app({"DATABASE_URL": url})
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    now = utcnow()
    with app.app_context():
        db.create_all()
        with db.engine.begin() as conn:
            docs = generate_suppliers(suppliers, seed)
            _insert(
                conn,
                Supplier.__table__,
                [
                    {
                        "id": d.id,
                        "siret": f"{d.id:014d}",
                        "siren": f"{d.id:014d}"[:9],
                        "name": d.name,
                        "legal_form": d.legal_form,
                        "esus": d.esus,
                        "description": d.description,
                        "search_text": "",
                        "cpv_codes": list(d.cpv_codes),
                        "postcode": "",
                        "city": "",
                        "email": "",
                        "website": "",
                        "employees": None,
                        "status": SupplierStatus.VERIFIED,
                        "rejection_reason": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for d in docs
                ],
            )
            _insert(
                conn,
                SupplierArea.__table__,
                [{"supplier_id": d.id, "department": dep} for d in docs for dep in d.departments],
            )
            _insert(
                conn,
                SupplierKind.__table__,
                [{"supplier_id": d.id, "kind": k} for d in docs for k in sorted(d.inclusion_kinds)],
            )
            del docs
            _insert(
                conn,
                Organisation.__table__,
                [
                    {"id": i, "name": f"Acheteur public {i}", "siret": None, "created_at": now}
                    for i in range(1, buyers + 1)
                ],
            )
            _insert(
                conn,
                User.__table__,
                [
                    {
                        "id": i,
                        "email": f"acheteur{i}@bench.example.fr",
                        "name": f"Acheteur {i}",
                        "password_hash": "!",
                        "role": Role.BUYER,
                        "organisation_id": i,
                        "supplier_id": None,
                        "language": "en" if i % 10 == 0 else "fr",
                        "digest_frequency": Frequency.WEEKLY,
                        "is_active_account": True,
                        "password_changed_at": now,
                        "created_at": now,
                    }
                    for i in range(1, buyers + 1)
                ],
            )
            tender_docs = generate_tenders(tenders, seed + 1)
            _insert(
                conn,
                Tender.__table__,
                [
                    {
                        "id": i,
                        "reference": t.reference,
                        "organisation_id": (i - 1) % buyers + 1,
                        "created_by_id": (i - 1) % buyers + 1,
                        "title": t.title,
                        "description": t.description,
                        "cpv_codes": list(t.cpv_codes),
                        "departments": list(t.departments),
                        "estimated_value": None,
                        "deadline": (now + timedelta(days=rng.randrange(3, 60))).date(),
                        "contact_name": "",
                        "contact_email": "",
                        "trades_override": None,
                        "status": TenderStatus.OPEN,
                        "rejection_reason": "",
                        "opened_at": now - timedelta(days=rng.randrange(0, 20)),
                        "closed_at": None,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i, t in enumerate(tender_docs, start=1)
                ],
            )
            _insert(
                conn,
                ClauseRow.__table__,
                [
                    {
                        "tender_id": i,
                        "lot_id": None,
                        "type": ClauseType(c.type),
                        "hours": c.hours,
                        "weight": c.weight,
                        "text": c.text,
                    }
                    for i, t in enumerate(tender_docs, start=1)
                    for c in t.clauses
                ],
            )
        db.engine.dispose()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_match_bench(
    n_suppliers: int, n_queries: int = 200, baseline_queries: int = 20, seed: int = 0
) -> dict:
    """Build time, rank latency and index memory, against a full rapidfuzz cdist scan."""
    from rapidfuzz import fuzz, process

    docs = generate_suppliers(n_suppliers, seed)
    tenders = generate_tenders(n_queries, seed + 1)
    t0, c0 = time.perf_counter(), time.process_time()
    index = MatchIndex.build(docs)
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.pkl"
        index.save(path)
        size_mb = path.stat().st_size / 1e6
        del index
        tracemalloc.start()
        t0 = time.perf_counter()
        index = MatchIndex.load(path)
        load_s = time.perf_counter() - t0
        _, index_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    latencies = []
    for tender in tenders:
        t0 = time.perf_counter()
        rank(index, tender, limit=20)
        latencies.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    choices = [normalise(d.description) for d in docs]
    _, base_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    base = []
    for tender in tenders[:baseline_queries]:
        query = normalise(f"{tender.title} {tender.description}")
        t0 = time.perf_counter()
        process.cdist(choices, [query], scorer=fuzz.token_set_ratio, workers=-1)
        base.append((time.perf_counter() - t0) * 1000)
    p50, p95 = _pct(latencies, 0.5), _pct(latencies, 0.95)
    b50, b95 = _pct(base, 0.5), _pct(base, 0.95)
    return {
        "suppliers": n_suppliers,
        "queries": n_queries,
        "build_s": round(build_s, 2),
        "build_cpu_s": round(build_cpu_s, 2),  # wall time varies with the machine's load
        "load_s": round(load_s, 2),
        "index_file_mb": round(size_mb, 1),
        "index_peak_mb": round(index_peak / 1e6, 1),
        "rank_p50_ms": round(p50, 2),
        "rank_p95_ms": round(p95, 2),
        "rank_mean_ms": round(statistics.fmean(latencies), 2),
        "baseline_queries": len(base),
        "baseline_p50_ms": round(b50, 1),
        "baseline_p95_ms": round(b95, 1),
        "baseline_peak_mb": round(base_peak / 1e6, 1),
        "speedup_p50": round(b50 / p50, 1) if p50 else None,
        "speedup_p95": round(b95 / p95, 1) if p95 else None,
    }


def pg_trgm_baseline(
    engine_url: str, docs: list[SupplierDoc], tenders: list[TenderDoc], limit: int = 20
) -> dict:
    """Same search in PostgreSQL: temp table, GIN trigram index, ``%`` + ``similarity()``."""
    import psycopg

    url = engine_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("CREATE TEMP TABLE bench_sup (id int primary key, body text)")
        t0 = time.perf_counter()
        with conn.cursor().copy("COPY bench_sup (id, body) FROM STDIN") as copy:
            for d in docs:
                copy.write_row((d.id, normalise(d.description)))
        conn.execute("CREATE INDEX ON bench_sup USING gin (body gin_trgm_ops)")
        conn.execute("ANALYZE bench_sup")
        load_s = time.perf_counter() - t0
        latencies, returned = [], []
        for tender in tenders:
            query = normalise(f"{tender.title} {tender.description}")
            t0 = time.perf_counter()
            rows = conn.execute(
                "SELECT id, similarity(body, %s) AS s FROM bench_sup WHERE body %% %s "
                "ORDER BY s DESC LIMIT %s",
                (query, query, limit),
            ).fetchall()
            latencies.append((time.perf_counter() - t0) * 1000)
            returned.append(len(rows))
    return {
        "suppliers": len(docs),
        "queries": len(tenders),
        "load_index_s": round(load_s, 2),
        "p50_ms": round(_pct(latencies, 0.5), 1),
        "p95_ms": round(_pct(latencies, 0.95), 1),
        "mean_returned": round(statistics.fmean(returned), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Matcher benchmark on generated suppliers")
    ap.add_argument("--suppliers", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--baseline-queries", type=int, default=20)
    ap.add_argument("--pg", metavar="URL", help="also time pg_trgm on PostgreSQL")
    ap.add_argument("--pg-suppliers", type=int, default=None)
    ap.add_argument(
        "--end-to-end",
        type=int,
        default=0,
        metavar="TENDERS",
        help="also time that many shortlists through the CLI, the API and the digests",
    )
    args = ap.parse_args(argv)
    r = run_match_bench(args.suppliers, args.queries, args.baseline_queries)
    print(
        f"suppliers={r['suppliers']} build={r['build_s']}s (cpu {r['build_cpu_s']}s) "
        f"load={r['load_s']}s "
        f"file={r['index_file_mb']}MB index_peak={r['index_peak_mb']}MB"
    )
    print(f"rank: p50={r['rank_p50_ms']}ms p95={r['rank_p95_ms']}ms over {r['queries']} queries")
    print(
        f"cdist full scan: p50={r['baseline_p50_ms']}ms p95={r['baseline_p95_ms']}ms over "
        f"{r['baseline_queries']} queries, texts {r['baseline_peak_mb']}MB"
    )
    print(f"speed-up: x{r['speedup_p50']} (p50) x{r['speedup_p95']} (p95)")
    if args.end_to_end:
        e = run_end_to_end(args.suppliers, args.end_to_end)
        print(
            f"end to end: {e['shortlists']} shortlists over {e['suppliers']} suppliers, "
            "marginal ms per shortlist = (T_all - T_1) / (n - 1), against a full "
            f"rapidfuzz scan of the same registry: p50={e['full_scan_ms']}ms"
        )
        for path, label in (
            ("cli", "procure match"),
            ("api", "API shortlist"),
            ("digests", "digests (5 per tender)"),
        ):
            m = e[path]
            print(
                f"  {label}: {m['wall_ms']}ms wall (cpu {m['cpu_ms']}ms), "
                f"x{m['speedup']} vs the full scan"
            )
    if args.pg:
        n = args.pg_suppliers or args.suppliers
        pg = pg_trgm_baseline(args.pg, generate_suppliers(n), generate_tenders(20, 1))
        print(f"pg_trgm: {pg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed(run: Callable[[], object], who: int = resource.RUSAGE_SELF) -> tuple[float, float]:
    """(wall, cpu) seconds of one call; cpu of this process, or of its finished children."""
    wall, cpu = time.perf_counter(), _cpu(who)
    run()
    return time.perf_counter() - wall, _cpu(who) - cpu


def _marginal(one: tuple[float, float], many: tuple[float, float], n: int) -> dict[str, Any]:
    """ms per shortlist beyond the fixed cost: (T_n - T_1) / (n - 1), wall and cpu."""
    return {
        "wall_ms": round((many[0] - one[0]) * 1000 / max(n - 1, 1), 1),
        "cpu_ms": round((many[1] - one[1]) * 1000 / max(n - 1, 1), 1),
    }


def run_end_to_end(
    n_suppliers: int, n_tenders: int = 300, scan_queries: int = 5, seed: int = 0
) -> dict:
    """Marginal cost of one shortlist through the command line (`procure match`), the API
    (`GET /api/v1/tenders/{ref}/shortlist`) and the digests' path (each open tender ranked
    once, 5 entries), on a generated SQLite database, against a full rapidfuzz scan of the
    same registry in the same run. The index is built once first (the fixed cost)."""
    # The app, its API tokens and the database are imported at run time: the benchmark
    # builds its own app on a throw-away database.
    from rapidfuzz import fuzz, process
    from sqlalchemy import select

    from procure import create_app
    from procure.accounts.models import Role, User
    from procure.api.auth import create_token
    from procure.extensions import db
    from procure.matching.service import registry_index, shortlist_for_doc, tender_doc
    from procure.tenders.models import Tender
    from procure.timeutil import utcnow

    with TemporaryDirectory(prefix="procure-bench-match-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        child = multiprocessing.get_context("fork").Process(
            target=generate_database, args=(url, n_tenders, n_tenders, n_suppliers, seed)
        )
        child.start()
        child.join()
        if child.exitcode != 0:
            raise RuntimeError("data generation failed")
        index_path = str(Path(tmp) / "match-index.pkl")
        app = create_app({"DATABASE_URL": url, "MATCH_INDEX_PATH": index_path})
        with app.app_context():
            registry_index(db.session)  # built and shared once: the fixed cost
            refs = list(db.session.scalars(select(Tender.reference).order_by(Tender.reference)))
            admin = User(
                email="bench@example.fr",
                name="Bench",
                password_hash="!",  # noqa: S106 - no password: an API token only
                role=Role.ADMIN,
                is_active_account=True,
                password_changed_at=utcnow(),
                created_at=utcnow(),
            )
            db.session.add(admin)
            db.session.flush()
            token = create_token(db.session, admin, "bench")
            db.session.commit()

        env = {
            **os.environ,
            "PROCURE_DATABASE_URL": url,
            "PROCURE_MATCH_INDEX_PATH": index_path,
            "PROCURE_SECRET_KEY": os.environ.get("PROCURE_SECRET_KEY", "bench-match"),
        }
        command = [sys.executable, "-m", "procure", "match", "--limit", "20"]

        def cli(*args: str) -> None:
            subprocess.run(  # noqa: S603 - our own command line
                [*command, *args], env=env, check=True, stdout=subprocess.DEVNULL
            )

        children = resource.RUSAGE_CHILDREN
        # best of two: a process's start-up varies more than a few shortlists cost
        cli_one = min(_timed(lambda: cli(refs[0]), children) for _ in range(2))
        cli_all = min(_timed(lambda: cli("--all"), children) for _ in range(2))

        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}

        def api(ref: str) -> int:
            answer = client.get(f"/api/v1/tenders/{ref}/shortlist?limit=20", headers=headers)
            assert answer.status_code == 200, answer.status_code
            return len(answer.data)

        api(refs[0])
        api_one = _timed(lambda: api(refs[1]))
        api_all = _timed(lambda: [api(r) for r in refs])

        with app.app_context():
            index = registry_index(db.session)

            def digests(references: list[str]) -> None:
                tenders = db.session.scalars(
                    select(Tender).where(Tender.reference.in_(references))
                ).all()
                for tender in tenders:
                    shortlist_for_doc(index, tender_doc(tender), 5)

            dig_one, dig_all = _timed(lambda: digests(refs[:1])), _timed(lambda: digests(refs))
            docs = list(
                db.session.execute(select(Tender.title, Tender.description).limit(scan_queries))
            )
        choices = [normalise(d.description) for d in generate_suppliers(n_suppliers, seed)]
        scans = []
        for title, description in docs:
            query = normalise(f"{title} {description}")
            started = time.perf_counter()
            process.cdist(choices, [query], scorer=fuzz.token_set_ratio, workers=-1)
            scans.append((time.perf_counter() - started) * 1000)
    n = len(refs)
    scan = round(_pct(scans, 0.5), 1)
    paths = {
        "cli": _marginal(cli_one, cli_all, n),
        "api": _marginal(api_one, api_all, n),
        "digests": _marginal(dig_one, dig_all, n),
    }
    for m in paths.values():
        m["speedup"] = round(scan / m["wall_ms"], 1) if m["wall_ms"] > 0 else None
    return {"suppliers": n_suppliers, "shortlists": n, "full_scan_ms": scan, **paths}
