"""The renewal radar in the buyer's weekly digest: "Contrats à renouveler"."""

from __future__ import annotations

from sqlalchemy import select

from procure.digests import building
from procure.digests.models import MessageKind
from procure.digests.periods import local
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.spaser.models import Contract, ContractHolder, ContractSource
from procure.spaser.radar import add_months
from procure.timeutil import utcnow
from tests.factories import make_buyer, make_supplier, make_tender

BUYER_SIRET = "21340172201787"


def _contract(cid: str, objet: str, ends_in_months: int, amount: float) -> None:
    today = local(utcnow()).date()
    db.session.add(Contract(
        source=ContractSource.DECP, buyer_siret=BUYER_SIRET, contract_id=cid, objet=objet,
        cpv="77310000", department="34", amount=amount,
        notified_on=add_months(today, ends_in_months - 24), duration_months=24,
        holders=[ContractHolder(identifier="1", identifier_type="SIRET")],
    ))  # fmt: skip


def _digest(user_id: int) -> OutboxMessage:
    return db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.user_id == user_id, OutboxMessage.kind == MessageKind.DIGEST
        )
    ).one()


def test_digest_lists_the_contracts_to_renew_that_sse_suppliers_can_take(app_ctx):
    make_supplier("Jardins Verts", "Entretien des espaces verts", ["34"], kinds=["ACI"],
                  cpv_codes=["77310000"])  # fmt: skip
    make_supplier("Paysages Solidaires", "Entretien des espaces verts, tonte", ["FR"],
                  legal_form="scop", cpv_codes=["77310000"])  # fmt: skip
    make_supplier("Paysages SA", "Entretien des espaces verts", ["34"], legal_form="company",
                  cpv_codes=["77310000"])  # fmt: skip
    make_supplier("Jardins du Gard", "Entretien des espaces verts", ["30"], kinds=["ACI"],
                  cpv_codes=["77310000"])  # fmt: skip
    buyer = make_buyer("claire@montpellier.example.fr", organisation="Ville de Montpellier")
    buyer.organisation.siret = BUYER_SIRET
    other = make_buyer("paul@nimes.example.fr", organisation="Ville de Nîmes")
    make_tender("Entretien des parcs", buyer=buyer, reference="MTP-1")
    make_tender("Entretien des parcs", buyer=other, reference="NIM-1")
    _contract("SOON", "Entretien des espaces verts du parc Borély", 5, 84500)
    _contract("LATER", "Tonte des stades municipaux", 14, 12000)
    db.session.commit()

    assert building.queue_digests(db.session, utcnow()) == 2

    message = _digest(buyer.id)
    ends = add_months(local(utcnow()).date(), 5)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    french_day = f"{ends.day} {months[ends.month - 1]} {ends.year}"
    text = message.text
    assert "== Contrats à renouveler ==" in text
    # Two SSE suppliers serve green spaces in the 34 (one of them nationwide); the company
    # is not SSE and the Gard structure is elsewhere.
    line = next(x for x in text.splitlines() if "parc Borély" in x)
    assert french_day in line
    assert "84\u202f500\u00a0€" in line or "84 500 €" in line.replace("\u202f", " ").replace(
        "\u00a0", " "
    )
    assert line.endswith("sur place\u00a0: 2")
    assert "Tonte des stades municipaux" not in text  # ends in 14 months
    assert "http://localhost/spaser/#renewals" in text
    html = message.html
    section = html.split('id="renewals"')[1]
    assert "Entretien des espaces verts du parc Borély" in section and french_day in section
    assert ">2</td>" in section and "Tonte des stades" not in section
    assert 'href="http://localhost/spaser/#renewals"' in section
    # A buyer without a contract ending gets no section at all, not an empty one.
    for part in (_digest(other.id).text, _digest(other.id).html):
        assert "Contrats à renouveler" not in part
    # Still one digest per buyer per week.
    assert building.queue_digests(db.session, utcnow()) == 0


def test_the_section_speaks_english_to_an_english_reader(app_ctx):
    make_supplier("Jardins Verts", "Entretien des espaces verts", ["34"], kinds=["ACI"],
                  cpv_codes=["77310000"])  # fmt: skip
    buyer = make_buyer("ann@montpellier.example.fr", organisation="Ville de Montpellier")
    buyer.organisation.siret = BUYER_SIRET
    buyer.language = "en"
    make_tender("Entretien des parcs", buyer=buyer, reference="MTP-1")
    _contract("SOON", "Entretien du parc", 5, 1000)
    db.session.commit()

    building.queue_digests(db.session, utcnow())

    text = _digest(buyer.id).text
    assert "== Contracts to renew ==" in text
    line = next(x for x in text.splitlines() if "Entretien du parc" in x)
    assert "€1,000" in line and line.endswith(": 1")
