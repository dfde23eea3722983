"""The vocabulary files: read by one loader, every trade speaks French and English."""

from procure.matching.eco import ECO_PRACTICES
from procure.matching.roles import ROLE_TEXT
from procure.matching.trades import TRADE_TABLE, detect_trades
from procure.matching.vocabulary import eco_practices, role_text, trade_specs


def _items(raw: str) -> list[str]:
    return [x.strip() for x in raw.split(";") if x.strip()]


def test_every_trade_has_french_and_english_phrases_without_repeats():
    specs = trade_specs()
    assert len({t.code for t in specs}) == len(specs) == len(TRADE_TABLE)
    for t in specs:
        for lang in (t.fr, t.en):
            phrases = _items(lang)
            assert len(phrases) >= 5, (t.code, phrases)
            assert len(set(phrases)) == len(phrases), t.code
        assert t.families, t.code


def test_every_trade_is_read_from_its_english_label():
    """An English buyer naming a trade by its label gets that trade first."""
    for t in trade_specs():
        found = detect_trades(f"Provision of {t.label_en.lower()} for the council.")
        assert found and max(found, key=found.__getitem__) == t.code, (t.code, found)


def test_roles_and_eco_practices_come_from_the_files():
    assert role_text() == ROLE_TEXT and set(ROLE_TEXT) == {0.0, 0.15, 0.3, 0.5}
    assert list(ECO_PRACTICES) == list(eco_practices()) and "vélo-cargo" in ECO_PRACTICES
