"""The trades panel of a tender (the trades the matcher reads in it, and the buyer's
correction form), computed by the views that show it (the shortlist page, and the tender's
page through procure.tenders.matcher). The template helpers that name trades are installed
by procure.matching.setup."""

from procure.matching.engine import tender_trade_quotes, tender_trades
from procure.matching.forms import TradesForm
from procure.matching.reasons import current_language
from procure.matching.service import tender_doc
from procure.tenders.models import Tender


def detected_trades(tender: Tender) -> list[tuple[str, str, float, str]]:
    """(code, label in the reader's language, strength, the tender's words it was read in)."""
    doc = tender_doc(tender)
    quotes = tender_trade_quotes(doc)
    return [
        (code, label, strength, quotes.get(code, ""))
        for code, label, strength in tender_trades(doc, current_language())
    ]


def trades_form(tender: Tender) -> TradesForm:
    """The correction starts from what the buyer sees: their own choice, else the detected
    trades ticked, so ticking one more adds it instead of replacing the others."""
    chosen = tender.trades_override or [code for code, *_ in detected_trades(tender)]
    return TradesForm(formdata=None, trades=chosen)
