"""Template helpers that put the matcher on other features' pages."""

from flask import Flask

from procure.matching.engine import tender_trades
from procure.matching.forms import TradesForm
from procure.matching.service import tender_doc
from procure.matching.trades import trade_label
from procure.tenders.models import Tender


def detected_trades(tender: Tender) -> list[tuple[str, str, float]]:
    """(code, label, strength) of the trades read in the tender's words."""
    return tender_trades(tender_doc(tender))


def trades_form(tender: Tender) -> TradesForm:
    return TradesForm(formdata=None, trades=tender.trades_override or [])


def register_templating(app: Flask) -> None:
    app.jinja_env.globals.update(
        trade_label=trade_label, detected_trades=detected_trades, trades_form=trades_form
    )
