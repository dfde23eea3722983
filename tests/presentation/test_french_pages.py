"""A walk through the pages of the three journeys in French, on the demo data: no raw code,
no ISO or UTC timestamp, no English word where a French reader is."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import select

from procure.demo.loader import DEMO_PASSWORD, load_demo
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.matching.service import forget_index
from procure.suppliers.models import Supplier, SupplierAudit
from procure.tenders.models import Tender, TenderStatus
from tests.conftest import csrf_token, login

# A word on its own: not part of an e-mail address, a file name or a hyphenated word.
ALONE = r"(?<![\w@.-])(?:{})(?![\w@.-])"
# Codes stored in the database that a person must never read as such.
RAW_CODES = re.compile(
    ALONE.format(
        r"pending|sent|sending|failed|cancelled|verified|rejected|submitted|draft|create|update"
        r"|import\.create|import\.update|legal_form|inclusion_kinds|rejection_reason|cpv_codes"
        r"|departments|digest|alert|reserved_inclusion|reserved_disability|reserved_ess"
        r"|social_criterion|not_interested|interested|weekly|daily|buyer|supplier|admin"
    )
)
TIMESTAMPS = re.compile(r"\d{4}-\d{2}-\d{2}T|\d{4}-\d{2}-\d{2} \d{2}:\d{2}|\+00:00| UTC\b")
ENGLISH = re.compile(
    ALONE.format(
        r"None|True|False|Sign in|Log out|Password|Submit|Save|Search|Filter|Status|Preview"
        r"|Unsubscribe|Tenders|Suppliers|Next|Previous|yes|no"
    )
)


class _Text(HTMLParser):
    """What a person reads: text outside scripts, styles and <code> (file formats and
    identifiers shown as such), and the attributes read aloud or shown (title, placeholder,
    aria-label, alt, value of buttons)."""

    READ = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self._skip += 1
        for name, value in attrs:
            if value and (
                name in self.READ
                or (tag == "input" and name == "value" and ("type", "submit") in attrs)
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def check(client, url: str, problems: list[str]) -> str:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    text = visible_text(response.get_data(as_text=True))
    for name, pattern in (("code", RAW_CODES), ("horodatage", TIMESTAMPS), ("anglais", ENGLISH)):
        for match in pattern.finditer(text):
            around = text[max(match.start() - 40, 0) : match.end() + 40]
            problems.append(f"{url}: {name} « {match.group(0)} » dans « {around} »")
    return text


def log_out(client) -> None:
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/")})


def test_journey_pages_read_in_french(client, app_ctx, runner):
    forget_index()
    load_demo(db.session)
    db.session.commit()
    # A week of activity: digests and alerts through the outbox, a tender waiting for validation.
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    waiting = db.session.scalar(select(Tender).where(Tender.status == TenderStatus.OPEN))
    db.session.commit()
    problems: list[str] = []

    for url in ("/", "/account/login", "/account/signup", "/accessibilite"):
        check(client, url, problems)

    login(client, "achats@montpellier3m.example.fr", DEMO_PASSWORD)
    mine = db.session.scalars(
        select(Tender.reference).where(Tender.organisation_id == waiting.organisation_id)
    ).all()
    for url in ("/tenders/", "/tenders/new", "/account/notifications"):
        check(client, url, problems)
    for reference in mine[:2]:
        check(client, f"/tenders/{reference}", problems)
        check(client, f"/tenders/{reference}/shortlist", problems)
    log_out(client)

    login(client, "contact@ecosec.example.fr", DEMO_PASSWORD)
    for url in ("/suppliers/mine", "/suppliers/for-you", "/account/notifications"):
        check(client, url, problems)
    log_out(client)

    login(client, "facilitateur@plie-montpellier.example.fr", DEMO_PASSWORD)
    for url in (
        "/admin/", "/admin/tenders/", "/tenders/", "/tenders/?status=open", "/admin/suppliers/",
        "/admin/suppliers/?status=pending", "/admin/suppliers/import", "/admin/outbox",
        "/admin/outbox?status=sent", "/admin/digests/preview",
    ):  # fmt: skip
        check(client, url, problems)
    rejected = db.session.scalar(
        select(Supplier.id).join(SupplierAudit).where(SupplierAudit.action == "status").limit(1)
    )
    check(client, f"/admin/suppliers/{rejected}", problems)
    message = db.session.scalar(select(OutboxMessage.id).limit(1))
    check(client, f"/admin/outbox/{message}", problems)
    buyer_id = db.session.scalar(
        select(OutboxMessage.user_id).where(OutboxMessage.kind == "digest").limit(1)
    )
    check(client, f"/admin/digests/preview/{buyer_id}", problems)
    check(client, f"/admin/digests/preview/{buyer_id}/mail.html", problems)
    files = check(client, "/admin/outbox/files", problems)
    assert "marchés ouverts" in files
    name = client.get("/admin/outbox/files").get_data(as_text=True).split("/admin/outbox/files/")[1]
    check(client, "/admin/outbox/files/" + name.split('"')[0], problems)
    forget_index()
    assert problems == [], "\n".join(problems)


def test_the_walk_catches_what_it_looks_for():
    """The checker itself: a raw status, an ISO time and an English word are found."""
    html = (
        "<p>Statut : pending</p><p>le 2026-12-03T10:00:00+00:00</p><button>Save</button>"
        "<script>var x = 'pending';</script><input placeholder='Search'>"
    )
    text = visible_text(html)
    assert RAW_CODES.findall(text) == ["pending"]
    assert TIMESTAMPS.search(text)
    assert ENGLISH.findall(text) == ["Save", "Search"]
