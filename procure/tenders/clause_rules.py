"""Clauses and lots as a tender states them: the checks `clean_tender` applies to each.

Errors go into the caller's dict under dotted keys ("clauses.0.hours", "lots.1.title") so
that the form, the API and the import reports can point at the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from procure.domain.clauses import (
    CLAUSE_CODES,
    PARAMS,
    ClauseType,
    Param,
    clause_as_dict,
    clause_spec,
)

MAX_TITLE = 300
MAX_DESCRIPTION = 20_000  # about eight pages: longer is a whole file pasted by mistake
MAX_TEXT = 2_000
MAX_LOTS = 50


@dataclass
class ClauseData:
    type: ClauseType
    hours: int | None = None
    weight: float | None = None
    text: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return clause_as_dict(self.type, self.hours, self.weight, self.text)


@dataclass
class LotData:
    title: str
    description: str = ""
    clauses: list[ClauseData] = field(default_factory=list)


def text_field(raw: Mapping, key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value).strip()


def as_number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        value = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    return float(value)


def _hours(value: Any) -> int:
    number = as_number(value)
    if number != int(number) or number <= 0 or number > 10_000_000:
        raise ValueError
    return int(number)


def _weight(value: Any) -> float:
    number = as_number(value)
    if not 0 < number <= 100:
        raise ValueError
    return number


READERS: dict[Param, Callable[[Any], Any]] = {Param.HOURS: _hours, Param.WEIGHT: _weight}


def _clean_param(
    clause: ClauseData, raw: Mapping, prefix: str, strict: bool, errors: dict[str, str]
) -> None:
    """Read the clause type's one parameter (`procure.domain.clauses.PARAMS` says how)."""
    param = clause_spec(clause.type).param
    if param is Param.NONE:
        return
    spec, key = PARAMS[param], f"{prefix}.{param.value}"
    if param is Param.TEXT:
        text = text_field(raw, "text")
        if strict and not text:
            errors[key] = _(spec.required_message)
        elif len(text) > MAX_TEXT:
            errors[key] = _("texte trop long (%(n)d caractères au plus)", n=MAX_TEXT)
        clause.text = text
        return
    value = raw.get(param.value)
    if value in (None, ""):
        if strict:
            errors[key] = _(spec.required_message)
        return
    try:
        setattr(clause, param.value, READERS[param](value))
    except (TypeError, ValueError, OverflowError):
        errors[key] = _(spec.invalid_message, v=value)


def _clean_clause(raw: Any, prefix: str, strict: bool, errors: dict[str, str]) -> ClauseData | None:
    if not isinstance(raw, Mapping):
        errors[prefix] = _('une clause s\'écrit {"type": ...}')
        return None
    try:
        kind = ClauseType(str(raw.get("type", "")).strip())
    except ValueError:
        errors[f"{prefix}.type"] = _(
            "type de clause inconnu « %(t)s » (attendu : %(known)s)",
            t=raw.get("type"),
            known=", ".join(CLAUSE_CODES),
        )
        return None
    clause = ClauseData(kind)
    _clean_param(clause, raw, prefix, strict, errors)
    return clause


def clean_clauses(raw: Any, prefix: str, strict: bool, errors: dict[str, str]) -> list[ClauseData]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        errors[prefix] = _("les clauses forment une liste")
        return []
    clauses: list[ClauseData] = []
    for i, item in enumerate(raw):
        clause = _clean_clause(item, f"{prefix}.{i}", strict, errors)
        if clause is None:
            continue
        if any(c.type == clause.type for c in clauses):
            errors[f"{prefix}.{i}.type"] = _(
                "la clause « %(t)s » figure deux fois", t=str(clause.type)
            )
            continue
        clauses.append(clause)
    return clauses


def clean_lots(raw: Any, strict: bool, errors: dict[str, str]) -> list[LotData]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or len(raw) > MAX_LOTS:
        errors["lots"] = _("les lots forment une liste (%(n)d au plus)", n=MAX_LOTS)
        return []
    lots = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            errors[f"lots.{i}"] = _('un lot s\'écrit {"title": ..., "description": ...}')
            continue
        title, description = text_field(item, "title"), text_field(item, "description")
        if not title:
            errors[f"lots.{i}.title"] = _("donnez un intitulé au lot %(n)d", n=i + 1)
        elif len(title) > MAX_TITLE:
            errors[f"lots.{i}.title"] = _(
                "intitulé trop long (%(n)d caractères au plus)", n=MAX_TITLE
            )
        if len(description) > MAX_DESCRIPTION:
            errors[f"lots.{i}.description"] = _(
                "description trop longue (%(n)d caractères au plus)", n=MAX_DESCRIPTION
            )
        clauses = clean_clauses(item.get("clauses"), f"lots.{i}.clauses", strict, errors)
        lots.append(LotData(title, description, clauses))
    return lots
