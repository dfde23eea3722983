"""Forms of the shortlist page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectMultipleField, SubmitField
from wtforms.widgets import CheckboxInput, ListWidget

from procure.matching.reasons import current_language
from procure.matching.trades import all_trades


class TradesForm(FlaskForm):
    """The buyer corrects the trades procure detected in their words."""

    trades = SelectMultipleField(
        _l("Métiers du marché"),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    save = SubmitField(_l("Enregistrer les métiers"))
    reset = SubmitField(_l("Revenir aux métiers détectés"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.trades.choices = [
            SelectChoice(code, label) for code, label in all_trades(current_language())
        ]
