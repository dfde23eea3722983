"""A walk through the pages of the three journeys on the demo data, as each person would see
them, in one language: what a person reads on each page (tests/presentation/test_*_pages.py
check it for the other language's words).

The walk does what the journeys do: a supplier opens a tender from "Marchés pour vous" and
answers it, the buyer reads the answer, a facilitator imports a CSV with bad rows, reads the
report, the outbox, a digest preview, the organisations and the Spaser pages."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from procure.accounts.models import Role, User
from procure.demo.loader import DEMO_PASSWORD, load_demo
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.suppliers.models import Supplier, SupplierAudit, SupplierStatus
from procure.tenders.models import Tender
from tests.conftest import csrf_token, login
from tests.factories import make_user

BUYER = "achats@montpellier3m.example.fr"
SUPPLIER = "contact@ecosec.example.fr"
FACILITATOR = "facilitateur@plie-montpellier.example.fr"
ANSWER = "Nous avons déjà une équipe disponible au printemps."
IMPORT_CSV = (
    "siret;name;legal_form;inclusion_kinds;esus;description;cpv_codes;departments\n"
    "12345678901234;SIRET faux;association;;no;Nettoyage.;;34\n"
    "35600000000048;Département inconnu;association;;no;Nettoyage.;;99\n"
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


class Walk:
    """The pages seen, "who url" -> visible text, in the order they were seen."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.pages: dict[str, str] = {}
        self.who = "visitor"

    def log_in(self, email: str) -> None:
        login(self.client, email, DEMO_PASSWORD)
        self.who = email.split("@")[0]

    def see(self, url: str) -> str:
        response = self.client.get(url, follow_redirects=True)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        html = response.get_data(as_text=True)
        self.pages[f"{self.who} {url}"] = visible_text(html)
        return html

    def post(self, url: str, data: dict, form_url: str, **kwargs) -> str:
        data = {"csrf_token": csrf_token(self.client, form_url), **data}
        response = self.client.post(url, data=data, follow_redirects=True, **kwargs)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        html = response.get_data(as_text=True)
        self.pages[f"{self.who} {url} (POST)"] = visible_text(html)
        return html

    def log_out(self) -> None:
        self.client.post("/account/logout", data={"csrf_token": csrf_token(self.client, "/")})
        self.who = "visitor"


def walk_the_journeys(client: FlaskClient, runner, lang: str) -> Walk:
    """The demo, a week of digests and alerts through the outbox, every demo account reading
    `lang`; then the journeys' pages. Returns what was seen."""
    load_demo(db.session)
    db.session.execute(update(User).values(language=lang))
    db.session.commit()
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    walk = Walk(client)
    client.get(f"/lang/{lang}")  # the visitor's choice, before any log-in

    for url in ("/", "/account/login", "/account/signup", "/accessibilite"):
        walk.see(url)

    walk.log_in(SUPPLIER)
    for_you = walk.see("/suppliers/for-you")
    references = re.findall(r'href="/tenders/([^"/?]+)"', for_you)
    assert references, "no tender offered to the demo supplier"
    reference = references[0]
    walk.see(f"/tenders/{reference}")
    walk.post(
        f"/tenders/{reference}/answer",
        {"answer": "interested", "reason": ANSWER},
        f"/tenders/{reference}",
    )
    walk.see(f"/tenders/{reference}")
    walk.see("/suppliers/for-you")
    supplier_id = db.session.scalar(select(User.supplier_id).where(User.email == SUPPLIER))
    for url in (
        "/suppliers/mine", f"/suppliers/{supplier_id}", f"/suppliers/{supplier_id}/edit",
        "/account/", "/account/notifications",
    ):  # fmt: skip
        walk.see(url)
    walk.log_out()

    walk.log_in(BUYER)
    organisation = db.session.scalar(
        select(Tender.organisation_id).where(Tender.reference == reference)
    )
    mine = db.session.scalars(
        select(Tender.reference).where(Tender.organisation_id == organisation).order_by(Tender.id)
    ).all()
    for url in ("/tenders/", "/tenders/new", "/account/", "/account/notifications", "/spaser/"):
        walk.see(url)
    for ref in dict.fromkeys([reference, *mine[:2]]):
        walk.see(f"/tenders/{ref}")
        walk.see(f"/tenders/{ref}/shortlist")
    walk.log_out()

    walk.log_in(FACILITATOR)
    # A decision first, so that the outbox holds a status e-mail beside the digests.
    pending = db.session.scalar(
        select(Supplier.id).where(Supplier.status == SupplierStatus.PENDING).order_by(Supplier.id)
    )
    make_user(Role.SUPPLIER, "equipe@pending.example.org", supplier_id=pending, language=lang)
    url = f"/admin/suppliers/{pending}"
    walk.post(f"{url}/verify", {}, url)
    for url in (
        "/admin/", "/admin/tenders/", "/tenders/", "/tenders/?status=open", "/admin/suppliers/",
        "/admin/suppliers/?status=pending", "/admin/suppliers/import", "/admin/outbox",
        "/admin/outbox?status=sent", "/admin/digests/preview", "/account/admin/organisations",
        "/spaser/", "/spaser/report",
    ):  # fmt: skip
        walk.see(url)
    walk.post(
        "/admin/suppliers/import",
        {"file": (io.BytesIO(IMPORT_CSV.encode()), "structures.csv")},
        "/admin/suppliers/import",
        content_type="multipart/form-data",
    )
    audited = db.session.scalar(
        select(Supplier.id).join(SupplierAudit).where(SupplierAudit.action == "status").limit(1)
    )
    walk.see(f"/admin/suppliers/{audited}")
    for message in db.session.scalars(
        select(func.min(OutboxMessage.id)).group_by(OutboxMessage.kind)
    ):  # one message of each kind
        walk.see(f"/admin/outbox/{message}")
    buyer_id = db.session.scalar(select(User.id).where(User.email == BUYER))
    walk.see(f"/admin/digests/preview/{buyer_id}")
    walk.see(f"/admin/digests/preview/{buyer_id}/mail.html")
    files = walk.see("/admin/outbox/files")
    name = files.split("/admin/outbox/files/")[1].split('"')[0]
    walk.see(f"/admin/outbox/files/{name}")
    walk.log_out()
    return walk
