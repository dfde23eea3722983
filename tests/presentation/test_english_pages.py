"""The English twin of test_french_pages: the journeys' pages walked by people who read
English, the shortlist CSV, the API's shortlist and the e-mails they get carry English reasons,
trade names, labels and advisor sentences; what people wrote themselves (tender titles and
needs, suppliers' descriptions quoted « like this », names, cities, answers) stays as written.
"""

from __future__ import annotations

import csv
import io
import re
from email import message_from_bytes, policy
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from procure.accounts.models import Organisation, User
from procure.api.auth import create_token
from procure.demo.loader import DEMO_PASSWORD
from procure.extensions import db
from procure.geo import DEPARTMENT_CODES, REGIONS, department_name
from procure.matching.service import forget_index
from procure.suppliers.models import Supplier
from procure.tenders.answers import answers_for_tender
from procure.tenders.cpv import CURATED
from procure.tenders.models import Clause, CpvCode, Lot, Tender
from tests.conftest import login
from tests.presentation.walk import BUYER, walk_the_journeys

# French words of the interface that an English reader must not meet: function words of its
# sentences (reasons, advisor, e-mails), and its labels.
ALONE = r"(?<![\w@.'’-])(?:{})(?![\w@.'’-])"
FRENCH = re.compile(
    ALONE.format(
        r"le|la|les|des|du|une|est|sont|pour|avec|dans|sur|aux|vous|votre|vos|nous|cette|qui"
        r"|marché|marchés|fournisseur|fournisseurs|intéressé|intéressés|métier|métiers|semaine"
        r"|oui|non|lu dans|Fait ce métier|Zone|Statut|Aucun|Aucune|à explorer|heures|envoyé"
        r"|janv\.|févr\.|mars|avr\.|juil\.|sept\.|oct\.|nov\.|déc\.|Pertinente|Raisons|HT|entière|toute"
    ),
    re.IGNORECASE,
)
# Proper names: French places and institutions, the same in English.
PLACES = [*REGIONS.values(), *(department_name(c) for c in DEPARTMENT_CODES)]
PLACES += ["Défenseur des droits"]
# What people wrote, quoted by the interface: « evidence » and “titles”.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")


def written_by_people() -> list[str]:
    """Every text a person typed (or the registry holds as data), longest first, so that
    removing them leaves the interface's own words. Place names and CPV labels are among
    them: the nomenclatures are French only (CPV labels in English are a known gap)."""
    texts: set[str] = set(PLACES)
    texts.update(CURATED.values())
    for column in (
        Tender.title, Tender.description, Tender.reference, Tender.contact_name,
        Lot.title, Lot.description, Clause.text, Supplier.name, Supplier.description,
        Supplier.city, Organisation.name, User.name, CpvCode.label,
    ):  # fmt: skip
        texts.update(str(v) for v in db.session.scalars(select(column)) if v)
    for tender_id in db.session.scalars(select(Tender.id)):
        texts.update(a.reason for a in answers_for_tender(db.session, tender_id) if a.reason)
    return sorted(texts, key=len, reverse=True)


def french_in(text: str, people: list[str]) -> list[str]:
    for written in people:
        text = text.replace(written, " ")
    text = QUOTED.sub(" ", text)
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in FRENCH.finditer(text)]


def test_journey_pages_csv_api_and_mail_read_in_english(client, app: Flask, app_ctx, runner):
    forget_index()
    walk = walk_the_journeys(client, runner, "en")
    people = written_by_people()
    problems = [
        f"{page}: « {around} »"
        for page, text in walk.pages.items()
        for around in french_in(text, people)
    ]
    shortlist = next(page for page in walk.pages if page.endswith("/shortlist"))
    reference = shortlist.split("/")[2]
    assert "Does this trade" in walk.pages[shortlist] or "Works in" in walk.pages[shortlist]

    # The shortlist CSV: English headers, English reasons.
    login(client, BUYER, DEMO_PASSWORD)
    data = client.get(f"/tenders/{reference}/shortlist?format=csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Rank", "Score", "SIRET", "Name"], rows[0]
    problems += [f"CSV: « {a} »" for r in rows for a in french_in(" | ".join(r), people)]

    # The API's shortlist: in the token owner's language (English here); the same call for
    # an account that reads French gives French reasons, so the check can tell them apart.
    buyer = db.session.scalar(select(User).where(User.email == BUYER))
    token = create_token(db.session, buyer)
    db.session.commit()
    reasons = {}
    for lang in ("en", "fr"):
        buyer.language = lang
        db.session.commit()
        response = client.get(
            f"/api/v1/tenders/{reference}/shortlist",
            headers={"Authorization": f"Bearer {token}", "Accept-Language": lang},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        reasons[lang] = " | ".join(
            r for e in response.get_json()["shortlist"] for r in e["reasons"]
        )
    assert reasons["en"], "no reason in the API's shortlist"
    problems += [f"API: « {a} »" for a in french_in(reasons["en"], people)]
    assert french_in(reasons["fr"], people), "the French API reasons are French"

    # The e-mails the English readers were sent: the buyers' digests, the supplier's alert.
    for path in sorted(Path(app.config["OUTBOX_DIR"]).glob("*.eml")):
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        text = mail["Subject"] + " " + mail.get_body(("plain",)).get_content()
        problems += [f"{path.name}: « {a} »" for a in french_in(text, people)]
    forget_index()
    assert problems == [], "\n".join(problems)


def test_the_check_finds_french_and_spares_what_people_wrote():
    people = ["Entretien des espaces verts"]
    text = "Entretien des espaces verts · Does this trade — « tonte des haies » · Fait ce métier"
    assert len(french_in(text, people)) == 1  # "Fait ce métier", not the title nor the quote
    assert french_in("Works in Hérault (34) · Does this trade: grounds maintenance", []) == []
    assert french_in("3 déc. 2026", []) and french_in("Statut : envoyé", [])
