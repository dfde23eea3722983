"""The buyer's digest puts relevant suppliers first and says plainly when none is relevant,
listing the closest ones apart, "À explorer"."""

from __future__ import annotations

from sqlalchemy import select

from procure.digests import building
from procure.digests.models import MessageKind
from procure.extensions import db
from procure.mail.models import OutboxMessage
from procure.timeutil import utcnow
from tests.factories import make_buyer, make_supplier, make_tender

NOTHING = "Aucune structure du registre ne fait ce métier dans cette zone"


def _digest(user_id: int) -> OutboxMessage:
    return db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.user_id == user_id, OutboxMessage.kind == MessageKind.DIGEST
        )
    ).one()


def _block(text: str, title: str) -> str:
    """The part of a rendered digest about one tender (up to its "full list" link)."""
    return text.split(title, 1)[1].split("shortlist", 1)[0]


def _world(language: str = "fr"):
    make_supplier("Les Jardins de Cocagne")  # green spaces, 34
    make_supplier("Menuiserie solidaire", "Menuiserie, ébénisterie, agencement.", ["34"])
    buyer = make_buyer("claire@montpellier.example.fr", organisation="Montpellier Métropole")
    buyer.language = language
    make_tender("Entretien des espaces verts", buyer=buyer, reference="GREEN-1")
    make_tender(
        "Inspection télévisée des réseaux d'assainissement",
        "Inspection par caméra des canalisations d'eaux usées et curage des collecteurs.",
        buyer=buyer,
        reference="SEWER-1",
    )
    db.session.commit()
    building.queue_digests(db.session, utcnow())
    return _digest(buyer.id)


def test_relevant_suppliers_first_and_nothing_relevant_said_plainly(app_ctx):
    message = _world()
    text, html = message.text, message.html

    green = _block(text, "Entretien des espaces verts\n")
    assert "1. Les Jardins de Cocagne" in green
    assert NOTHING not in green
    # The joiner does not do green spaces: it is not in the list proper.
    assert "1. Menuiserie solidaire" not in green and "2. Menuiserie solidaire" not in green

    sewer = _block(text, "Inspection télévisée des réseaux d'assainissement\n")
    assert f"{NOTHING}." in sewer
    assert "1. " not in sewer  # no supplier presented as fit
    explore = sewer.split("À explorer", 1)[1]
    assert "- Menuiserie solidaire (" in explore  # the closest one, apart

    html_sewer = html.split("Inspection télévisée des réseaux d'assainissement", 1)[1]
    html_sewer = html_sewer.split("Voir la liste complète", 1)[0]
    assert NOTHING in html_sewer and "À explorer" in html_sewer
    explore_table = html_sewer.split("À explorer", 1)[1]
    assert "Menuiserie solidaire" in explore_table
    html_green = html.split("Entretien des espaces verts", 1)[1].split("Voir la liste", 1)[0]
    assert NOTHING not in html_green and "Les Jardins de Cocagne" in html_green


def test_nothing_relevant_in_english(app_ctx):
    text = _world("en").text
    sewer = _block(text, "Inspection télévisée des réseaux d'assainissement\n")
    assert "No organisation in the registry does this trade in this area." in sewer
    assert "To explore" in sewer
