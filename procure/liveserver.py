"""The real production serving, started for a test or a benchmark: gunicorn with
`config/gunicorn.conf.py` (preloaded app, match index built in the master before the fork) on
a PostgreSQL database, and HTTP clients that log in as a person would.

Shared by the security suite (tests/security/) and `procure bench load`, so that what the
benchmark measures is what the concurrency test proves correct.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy.orm import Session

from procure import create_app
from procure.accounts import services as accounts
from procure.accounts.models import Role
from procure.accounts.services import find_user
from procure.api.auth import create_token
from procure.extensions import db, remove_session
from procure.settings import ROOT
from procure.suppliers.bench import TRADES, _siret
from procure.suppliers.models import Supplier, SupplierStatus
from procure.tenders.models import Tender, TenderStatus
from procure.timeutil import utcnow

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
WHO_RE = re.compile(r'<span class="who"[^>]*>([^<]*)</span>')
PASSWORD = "load-and-security-Pa55"  # noqa: S105 - seeded throw-away accounts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class Account:
    """A seeded user: what its pages and API answers must show."""

    key: str
    email: str
    role: str
    password: str = PASSWORD
    organisation: str = ""
    siret: str = ""
    supplier_id: int = 0
    supplier_name: str = ""
    tenders: list[str] = field(default_factory=list)
    token: str = ""


def seed(session: Session, tenders_per_buyer: int = 3, suppliers: int = 12) -> dict[str, Account]:
    """Fill an empty, migrated database with two buyers of different organisations, two
    suppliers with their records, a facilitator, their tenders and verified suppliers."""

    people = {
        "buyer_a": Account(
            "buyer_a", "acheteur.a@ville-a.example.org", "buyer", organisation="Ville A"
        ),
        "buyer_b": Account(
            "buyer_b", "acheteuse.b@metropole-b.example.org", "buyer", organisation="Métropole B"
        ),
        "supplier": Account("supplier", "contact@jardins-solidaires.example.org", "supplier"),
        "supplier_b": Account("supplier_b", "contact@atelier-textile.example.org", "supplier"),
        "admin": Account("admin", "animatrice@procure.example.org", "admin"),
    }
    records = []
    for i in range(suppliers):
        trade, detail, cpv = TRADES[i % len(TRADES)]
        siret = _siret(900_000 + i)
        record = Supplier(
            siret=siret,
            siren=siret[:9],
            name=f"{trade} Solidaire {i}",
            legal_form="association",
            esus=True,
            description=f"{trade} : {detail}. Structure d'insertion de l'Hérault.",
            cpv_codes=[cpv],
            email=f"s{i}@structure.example.org",
            status=SupplierStatus.VERIFIED,
        )
        record.inclusion_kinds = ["ACI"] if i % 2 else []
        record.departments = ["34", "30"] if i % 3 else ["FR"]
        session.add(record)
        records.append(record)
    session.flush()
    for account, record in zip((people["supplier"], people["supplier_b"]), records, strict=False):
        account.siret, account.supplier_name = record.siret, record.name
        account.supplier_id = record.id
    for account in people.values():
        org = None
        if account.role == "buyer":
            org = accounts.get_or_create_organisation(session, account.organisation)
            for n in range(tenders_per_buyer):
                trade, detail, cpv = TRADES[(n + len(account.tenders) * 5) % len(TRADES)]
                reference = f"{account.key.upper()}-{n + 1}"
                session.add(
                    Tender(
                        reference=reference,
                        organisation_id=org.id,
                        title=f"{trade} ({account.organisation})",
                        description=f"{trade} : {detail}, dans l'Hérault.",
                        departments=["34"],
                        cpv_codes=[cpv],
                        status=TenderStatus.OPEN,
                        opened_at=utcnow(),
                    )
                )
                account.tenders.append(reference)
        accounts.create_user(
            session,
            account.email,
            account.password,
            Role(account.role),
            organisation=org,
            supplier_id=account.supplier_id or None,
        )
    session.flush()
    return people


def procure_env(database_url: str, instance: Path, **extra: str) -> dict[str, str]:
    """The environment of a production deployment on `database_url`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCURE_")}
    env.update(
        PROCURE_ENV="production",
        PROCURE_SECRET_KEY=secrets.token_urlsafe(48),
        PROCURE_DATABASE_URL=database_url,
        PROCURE_INSTANCE_PATH=str(instance),
        PROCURE_OUTBOX_DIR=str(instance / "outbox"),
        PROCURE_MATCH_INDEX_PATH=str(instance / "match-index.pkl"),
        PROCURE_MAIL_SERVER="",
    )
    env.update(extra)
    return env


def prepare(database_url: str) -> dict[str, Account]:
    """Migrate and seed the database, and give every account an API token.

    In this process, through the functions `procure db upgrade` and `procure users
    create-token` call: each `procure` process costs 5-25 s of start-up on a loaded machine.
    """
    from flask_migrate import upgrade

    app = create_app({"DATABASE_URL": database_url, "ENV": "testing"})
    with app.app_context():
        upgrade()
        people = seed(db.session)
        for account in people.values():
            user = find_user(db.session, account.email)
            assert user is not None  # just seeded
            account.token = create_token(db.session, user)
        db.session.commit()
        remove_session()
        db.engine.dispose()
    return people


@contextmanager
def gunicorn(env: Mapping[str, str], port: int, log: Path, timeout: float = 90) -> Iterator[str]:
    """Serve `wsgi:app` with config/gunicorn.conf.py on 127.0.0.1:port; yield the base URL."""
    gunicorn_bin = str(Path(sys.executable).with_name("gunicorn"))
    run_env = {**env, "PROCURE_BIND": f"127.0.0.1:{port}"}
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - the project's own server
            [gunicorn_bin, "-c", str(ROOT / "config/gunicorn.conf.py"), "wsgi:app"],
            cwd=ROOT,
            env=run_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({process.returncode}): {log.read_text()[-3000:]}"
                )
            try:
                if requests.get(f"{base}/account/login", timeout=5, headers=PROXY_HEADERS).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn not ready in {timeout:.0f} s: {log.read_text()[-3000:]}"
                )
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The app is served in production behind a TLS proxy (secure cookies, HTTPS forced): the
# clients say so as the proxy would, and gunicorn trusts it from 127.0.0.1.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


class Browser(requests.Session):
    """A person's browser on the live server: cookies, CSRF tokens, the proxy's header."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.headers.update(PROXY_HEADERS)

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False  # a redirect is an answer to check, not to follow
        kwargs.setdefault("timeout", 30)
        # Secure cookies travel over the plain-HTTP hop between proxy and app (requests
        # would keep them for https URLs only).
        if self.cookies:
            cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
            kwargs["headers"] = {"Cookie": cookie, **(kwargs.get("headers") or {})}
        if url.startswith("/"):
            url = self.base + url
        return super().request(method, url, *args, **kwargs)

    def login(self, account: Account) -> None:
        page = self.get("/account/login")
        match = CSRF_RE.search(page.text)
        if match is None:
            raise RuntimeError(f"no CSRF token on the log-in page ({page.status_code})")
        referer = self.base.replace("http://", "https://") + "/account/login"
        answer = self.post(
            "/account/login",
            data={
                "email": account.email,
                "password": account.password,
                "csrf_token": match.group(1),
            },
            headers={"Referer": referer},
        )
        if answer.status_code != 302:
            raise RuntimeError(f"log-in of {account.email} refused: {answer.status_code}")


def who(page: str) -> str | None:
    """The e-mail address the page header shows, or None on an anonymous page."""
    match = WHO_RE.search(page)
    return match.group(1) if match else None
