"""What a buyer or a file is told about bad tender input, and the CPV rules."""

from __future__ import annotations

from datetime import date

import pytest

from procure.tenders import cpv
from procure.tenders.departments import department_from_postcode, normalise_department
from procure.tenders.validation import TenderInvalid, clean_tender
from tests.tenders.helpers import record

TODAY = date(2026, 11, 28)


def errors_of(raw, **kwargs) -> dict[str, str]:
    with pytest.raises(TenderInvalid) as info:
        clean_tender(raw, **{"strict": True, "today": TODAY, **kwargs})
    return info.value.errors


@pytest.mark.parametrize(
    "code", ["90911200-8", "45233142-6", "98392000-7", "77310000-6", "03000000-1", "51000000-9"]
)
def test_published_check_digits_are_accepted(code):
    assert cpv.parse_cpv(code) == code[:8]


def test_bad_cpv_codes_say_why():
    with pytest.raises(cpv.CpvError, match="attendu 90911200-8"):
        cpv.parse_cpv("90911200-3")
    with pytest.raises(cpv.CpvError, match="division CPV 99"):
        cpv.parse_cpv("99000000")
    with pytest.raises(cpv.CpvError, match="8 chiffres"):
        cpv.parse_cpv("9091")
    with pytest.raises(cpv.CpvError, match="nomenclature CPV chargée"):
        cpv.parse_cpv("90911200", official={"90911300"})


def test_cpv_search_by_prefix_and_by_words_without_accents():
    assert [e.code for e in cpv.search(None, "909112")] == ["90911200"]
    by_words = {e.code for e in cpv.search(None, "nettoyage batiments")}
    assert "90911200" in by_words
    assert "55523100" in {e.code for e in cpv.search(None, "RESTAURATION scolaire")}
    assert cpv.search(None, "90911200")[0].full == "90911200-8"


def test_departements_and_postcodes():
    assert normalise_department("2a") == "2A"
    assert normalise_department(1) == "01"
    assert normalise_department("Hérault") == "34"
    assert normalise_department("99") is None
    assert department_from_postcode("34000") == "34"
    assert department_from_postcode("20100") == "2A"
    assert department_from_postcode("20200") == "2B"
    assert department_from_postcode("97133") == "977"  # Saint-Barthélemy
    assert department_from_postcode("97110") == "971"
    assert department_from_postcode("98800") == "988"


def test_a_valid_record_is_cleaned():
    data = clean_tender(record(departments=["34", "2b", 30]), strict=True, today=TODAY)
    assert data.cpv_codes == ["77310000", "77313000"]
    assert data.departments == ["34", "2B", "30"]
    assert data.deadline == date(2027, 3, 31)
    assert data.clauses[0].hours == 350


def test_every_bad_field_is_reported_at_once():
    errors = errors_of(
        record(
            title="",
            description="   ",
            deadline="2026-11-27",
            departments=["34", "99"],
            cpv_codes=["12345678"],
            estimated_value=-5,
            clauses=[{"type": "insertion", "hours": 0}, {"type": "quota"}],
        )
    )
    assert "intitulé est obligatoire" in errors["title"]
    assert "description est vide" in errors["description"]
    assert "déjà passée" in errors["deadline"]
    assert "99" in errors["departments"]
    assert "division CPV 12" in errors["cpv_codes"]
    assert "montant estimé invalide" in errors["estimated_value"]
    assert "entier positif" in errors["clauses.0.hours"]
    assert "type de clause inconnu" in errors["clauses.1.type"]


def test_description_too_long_and_negative_hours():
    errors = errors_of(
        record(description="x" * 20_001, clauses=[{"type": "insertion", "hours": -3}])
    )
    assert "trop longue" in errors["description"]
    assert "entier positif" in errors["clauses.0.hours"]


def test_reserved_tender_whose_lot_opens_to_others_is_refused():
    lots = [
        {"title": "Lot 1", "clauses": [{"type": "reserved_disability"}]},
        {"title": "Lot 2", "clauses": [{"type": "reserved_ess"}]},
    ]
    errors = errors_of(record(clauses=[{"type": "reserved_disability"}], lots=lots))
    assert "lots.1.clauses" in errors and "lots.0.clauses" not in errors
    assert "le lot 2 est réservé" in errors["lots.1.clauses"]


def test_joint_reservations_admit_lots_under_any_of_them():
    lots = [{"title": "Lot 1", "clauses": [{"type": "reserved_inclusion"}]}]
    clauses = [{"type": "reserved_disability"}, {"type": "reserved_inclusion"}]
    data = clean_tender(record(clauses=clauses, lots=lots), strict=True, today=TODAY)
    assert len(data.lots[0].clauses) == 1


def test_imports_take_published_notices_as_they_are():
    data = clean_tender(
        record(deadline="2019-01-01", clauses=[{"type": "insertion", "hours": None}]),
        strict=False,
    )
    assert data.deadline == date(2019, 1, 1)
    assert data.clauses[0].hours is None
    assert "hours" in " ".join(errors_of(record(clauses=[{"type": "insertion"}])))


def test_cpv_load_makes_the_official_list_the_reference(app_ctx, runner, tmp_path):
    from procure.extensions import db

    path = tmp_path / "cpv.csv"
    path.write_text("code,label\n90911200-8,Services de nettoyage de bâtiments\n", "utf-8")
    result = runner.invoke(args=["cpv", "load", str(path)])
    assert result.output.strip() == "cpv codes loaded=1"
    official = cpv.official_codes(db.session)
    assert cpv.parse_cpv("90911200-8", official) == "90911200"
    with pytest.raises(cpv.CpvError, match="nomenclature CPV chargée"):
        cpv.parse_cpv("90911300", official)
    assert [e.label for e in cpv.search(db.session, "batiments")] == [
        "Services de nettoyage de bâtiments"
    ]
    empty = tmp_path / "empty.csv"
    empty.write_text("nothing here\n", "utf-8")
    assert runner.invoke(args=["cpv", "load", str(empty)]).exit_code == 1


def test_cpv_search_endpoint(app_ctx, client):
    from tests.conftest import login
    from tests.factories import PASSWORD, make_buyer

    make_buyer("a@ville.example.fr")
    login(client, "a@ville.example.fr", PASSWORD)
    found = client.get("/tenders/cpv.json?q=blanchisserie").get_json()
    assert {
        "code": "98310000-9",
        "label": "Services de blanchisserie et de nettoyage à sec",
    } in found
