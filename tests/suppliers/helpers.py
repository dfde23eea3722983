"""Supplier rows and files for the registry's tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from procure.suppliers.validation import FIELDS
from tests.factories import make_siret

DESCRIPTION = (
    "Entretien des espaces verts, tonte, taille de haies et élagage pour les collectivités, "
    "avec des salariés en parcours d'insertion."
)


def supplier_row(**values: str) -> dict[str, str]:
    row = {
        "siret": make_siret(),
        "name": "Jardins de l'Hérault",
        "legal_form": "association",
        "inclusion_kinds": "ACI",
        "esus": "no",
        "description": DESCRIPTION,
        "cpv_codes": "77310000-6",
        "departments": "34;30",
        "postcode": "34000",
        "city": "Montpellier",
        "email": "contact@jardins.example.org",
        "website": "https://jardins.example.org",
        "employees": "12",
    }
    row.update(values)
    return row


def csv_text(rows: list[dict[str, str]], delimiter: str = ",", columns=FIELDS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=list(columns),
        delimiter=delimiter,
        lineterminator="\n",
        extrasaction="ignore",
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8", **kw) -> Path:
    path.write_bytes(csv_text(rows, **kw).encode(encoding))
    return path


def form_data(row: dict[str, str], token: str, **extra: object) -> dict[str, object]:
    """A supplier form post from an import-shaped row."""
    data: dict[str, object] = {k: v for k, v in row.items() if k not in ("inclusion_kinds", "esus")}
    data["inclusion_kinds"] = [k for k in row["inclusion_kinds"].split(";") if k]
    data["departments"] = row["departments"].replace(";", ", ")
    if row.get("esus") == "yes":
        data["esus"] = "y"
    data["csrf_token"] = token
    data.update(extra)
    return data


def make_supplier_user(supplier, email: str | None = None):
    from procure.accounts.models import Role
    from tests.factories import make_user

    user = make_user(Role.SUPPLIER, email, supplier_id=supplier.id)
    return user
