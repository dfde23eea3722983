"""Département and région facts users see in forms and reasons."""

import pytest

from procure import geo


def test_counts():
    assert sum(1 for c in geo.DEPARTMENT_CODES if not geo.is_overseas_collectivity(c)) == 101
    assert len(geo.REGIONS) == 18
    assert sum(len(geo.departments_of_region(r)) for r in geo.REGIONS) == 101


@pytest.mark.parametrize(
    "raw, code",
    [
        ("1", "01"),
        ("2a", "2A"),
        (" 34 ", "34"),
        (975, "975"),
        ("fr", "FR"),
        ("971", "971"),
        ("2B", "2B"),
    ],
)
def test_normalise_department(raw, code):
    assert geo.normalise_department(raw) == code


@pytest.mark.parametrize("raw", ["20", "00", "96", "999", "abc", ""])
def test_normalise_department_rejects_unknown(raw):
    with pytest.raises(ValueError, match="département"):
        geo.normalise_department(raw)


def test_regions_and_names():
    assert geo.region_of("34") == "76"
    assert geo.region_name("76") == "Occitanie"
    assert geo.department_name("2A") == "Corse-du-Sud"
    assert geo.region_of("971") == "01"
    assert geo.region_of("975") is None and geo.is_department("975")
    assert "13" in geo.departments_of_region("93")


@pytest.mark.parametrize(
    "postcode, code",
    [
        ("34000", "34"),
        ("01000", "01"),
        ("20000", "2A"),
        ("20200", "2B"),
        ("97110", "971"),
        ("97133", "977"),
        ("97150", "978"),
        ("97500", "975"),
        ("98800", "988"),
        ("97600", "976"),
    ],
)
def test_department_from_postcode(postcode, code):
    assert geo.department_from_postcode(postcode) == code


@pytest.mark.parametrize("postcode", ["98000", "1234", "00100", "ABCDE"])
def test_department_from_postcode_rejects(postcode):
    with pytest.raises(ValueError):
        geo.department_from_postcode(postcode)


def test_locative_forms():
    assert geo.in_department("34") == "dans l'Hérault"
    assert geo.in_department("30") == "dans le Gard"
    assert geo.in_department("08") == "dans les Ardennes"
    assert geo.in_department("971") == "en Guadeloupe"
