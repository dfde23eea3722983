"""Tender data for tests: one valid record in the tenders JSON format, and verified suppliers."""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "reference": "T-2027-001",
    "title": "Entretien des espaces verts de la ville",
    "description": "Tonte, taille des haies, désherbage manuel et ramassage des feuilles "
    "dans les parcs et jardins de la commune.",
    "buyer": "Ville de Lunel",
    "buyer_email": "achats@lunel.example.fr",
    "cpv_codes": ["77310000-6", "77313000"],
    "departments": ["34"],
    "estimated_value": 120000,
    "deadline": "2027-03-31",
    "clauses": [{"type": "insertion", "hours": 350}],
}


def record(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data
