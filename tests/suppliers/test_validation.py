"""Field validation shared by the import, the forms and the API."""

import pytest
from stdnum import luhn

from procure.suppliers.validation import SupplierInvalid, clean_siret, clean_supplier
from tests.suppliers.helpers import supplier_row


def test_siret_accepts_spaces_and_a_dropped_leading_zero(app_ctx):
    assert clean_siret("837 051 259 00021") == "83705125900021"
    siren = "01234567"
    siren += luhn.calc_check_digit(siren)
    siret = siren + "0001"
    siret += luhn.calc_check_digit(siret)
    assert clean_siret(siret[1:]) == siret  # 13 digits: a spreadsheet dropped the zero


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("8.37051E+13", "notation scientifique"),
        ("83705125900022", "clé de contrôle"),
        ("", "manquant"),
    ],
)
def test_siret_errors_say_what_is_wrong(app_ctx, value, words):
    with pytest.raises(ValueError, match=words):
        clean_siret(value)


def test_every_error_of_a_row_is_reported(app_ctx):
    with pytest.raises(SupplierInvalid) as info:
        clean_supplier(
            supplier_row(siret="1", inclusion_kinds="XX", departments="", employees="douze")
        )
    assert set(info.value.errors) == {"siret", "inclusion_kinds", "departments", "employees"}


def test_national_coverage_wins_over_departments(app_ctx):
    assert clean_supplier(supplier_row(departments="34;FR")).departments == ["FR"]
    data = clean_supplier(supplier_row(esus="oui", legal_form="SCOP", website="www.a.fr"))
    assert data.esus and data.legal_form == "scop" and data.website == "https://www.a.fr"
