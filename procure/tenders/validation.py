"""Checking a tender as a buyer, an API client or an import file states it.

One function, `clean_tender`, serves the web form, the API and the importers, so that the
same input gets the same answer everywhere. `strict` is for people posting a new tender
(deadline not in the past, insertion hours given); imports take published notices as they
are (a past deadline, insertion hours the notice does not give).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from procure.tenders import departments as deps
from procure.tenders.clause_rules import (
    MAX_DESCRIPTION,
    MAX_TITLE,
    ClauseData,
    LotData,
    as_number,
    clean_clauses,
    clean_lots,
    text_field,
)
from procure.tenders.cpv import CpvError, parse_cpv
from procure.tenders.models import RESERVED_TYPES

MAX_REFERENCE = 100
MAX_VALUE = 1e11
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REFERENCE_RE = re.compile(r"^[\w][\w.:-]*$")  # no "/": references name URLs


@dataclass
class TenderData:
    reference: str
    title: str
    description: str
    buyer: str = ""
    contact_name: str = ""
    contact_email: str = ""
    cpv_codes: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    estimated_value: float | None = None
    deadline: date | None = None
    clauses: list[ClauseData] = field(default_factory=list)
    lots: list[LotData] = field(default_factory=list)


class TenderInvalid(ValueError):
    """Field errors: {"deadline": "...", "clauses.0.hours": "..."}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def valid_department(code: object) -> str | None:
    """The normalised INSEE code, `FR`, or None."""
    return deps.normalise_department(code)


def _clean_departments(raw: Any, errors: dict[str, str]) -> list[str]:
    if raw in (None, ""):
        return []
    items = re.split(r"[,;\s]+", raw.strip()) if isinstance(raw, str) else raw
    if not isinstance(items, list):
        errors["departments"] = _("les départements forment une liste de codes INSEE")
        return []
    codes, bad = [], []
    for item in items:
        if item in (None, ""):
            continue
        code = valid_department(item)
        if code is None:
            bad.append(str(item))
        elif code not in codes:
            codes.append(code)
    if bad:
        errors["departments"] = _(
            "département inconnu : %(codes)s (codes INSEE comme 34, 2A, 971, ou FR)",
            codes=", ".join(bad),
        )
    elif deps.NATIONAL in codes and len(codes) > 1:
        errors["departments"] = _("FR (France entière) ne se combine pas avec des départements")
    return codes


def _clean_cpv(raw: Any, official: set[str] | None, errors: dict[str, str]) -> list[str]:
    if raw in (None, ""):
        return []
    items = re.split(r"[,;\s]+", raw.strip()) if isinstance(raw, str) else raw
    if not isinstance(items, list):
        errors["cpv_codes"] = _("les codes CPV forment une liste")
        return []
    codes, problems = [], []
    for item in items:
        if item in (None, ""):
            continue
        try:
            code = parse_cpv(item, official)
        except CpvError as exc:
            problems.append(str(exc))
            continue
        if code not in codes:
            codes.append(code)
    if problems:
        errors["cpv_codes"] = "; ".join(problems)
    return codes


def _check_reservations(data: TenderData, errors: dict[str, str]) -> None:
    """Reservations on the whole tender are joint (art. L2113-14): a lot may narrow them,
    never open the lot to structures the tender as a whole excludes."""
    reserved = {c.type for c in data.clauses if c.type in RESERVED_TYPES}
    if not reserved:
        return
    for i, lot in enumerate(data.lots):
        extra = {c.type for c in lot.clauses if c.type in RESERVED_TYPES} - reserved
        if extra:
            errors[f"lots.{i}.clauses"] = _(
                "le lot %(n)d est réservé (%(lot)s) alors que le marché entier est réservé "
                "(%(whole)s) : retirez la réserve du marché ou alignez celle du lot",
                n=i + 1,
                lot=", ".join(sorted(extra)),
                whole=", ".join(sorted(reserved)),
            )


def _clean_deadline(raw: Any, strict: bool, today: date | None, errors: dict[str, str]):
    if raw in (None, ""):
        if strict:
            errors["deadline"] = _("indiquez la date limite de réponse")
        return None
    try:
        deadline = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        errors["deadline"] = _("date attendue au format AAAA-MM-JJ (reçu : %(v)s)", v=raw)
        return None
    if strict and today is not None and deadline < today:
        errors["deadline"] = _(
            "la date limite %(d)s est déjà passée", d=deadline.strftime("%d/%m/%Y")
        )
    return deadline


def clean_tender(
    raw: Mapping[str, Any],
    *,
    strict: bool,
    today: date | None = None,
    official_cpv: set[str] | None = None,
    require_reference: bool = True,
    require_buyer: bool = True,
) -> TenderData:
    """A checked `TenderData`, or `TenderInvalid` with every field error at once."""
    errors: dict[str, str] = {}
    reference = text_field(raw, "reference")
    if require_reference and not reference:
        errors["reference"] = _("la référence est obligatoire")
    elif reference and (len(reference) > MAX_REFERENCE or not _REFERENCE_RE.match(reference)):
        errors["reference"] = _(
            "référence invalide : lettres, chiffres, - _ . : (%(n)d caractères au plus)",
            n=MAX_REFERENCE,
        )
    title, description = text_field(raw, "title"), text_field(raw, "description")
    if not title:
        errors["title"] = _("l'intitulé est obligatoire")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("intitulé trop long (%(n)d caractères au plus)", n=MAX_TITLE)
    if not description:
        errors["description"] = _("décrivez votre besoin : la description est vide")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _(
            "description trop longue (%(n)d caractères au plus, reçu %(got)d)",
            n=MAX_DESCRIPTION,
            got=len(description),
        )
    buyer = " ".join(text_field(raw, "buyer").split())
    if require_buyer and not buyer:
        errors["buyer"] = _("l'acheteur est obligatoire")
    elif len(buyer) > 200:
        errors["buyer"] = _("nom d'acheteur trop long (200 caractères au plus)")
    email = text_field(raw, "buyer_email") or text_field(raw, "contact_email")
    if email and (len(email) > 254 or not _EMAIL_RE.match(email)):
        errors["contact_email"] = _("adresse e-mail invalide : %(v)s", v=email)
    value = raw.get("estimated_value")
    estimated = None
    if value not in (None, ""):
        try:
            estimated = as_number(value)
            if not 0 <= estimated < MAX_VALUE:
                raise ValueError
        except (TypeError, ValueError):
            errors["estimated_value"] = _(
                "montant estimé invalide : un nombre positif en euros HT (reçu : %(v)s)", v=value
            )
    data = TenderData(
        reference=reference,
        title=title,
        description=description,
        buyer=buyer,
        contact_name=text_field(raw, "contact_name")[:200],
        contact_email=email.lower(),
        cpv_codes=_clean_cpv(raw.get("cpv_codes"), official_cpv, errors),
        departments=_clean_departments(raw.get("departments"), errors),
        estimated_value=estimated,
        deadline=_clean_deadline(raw.get("deadline"), strict, today, errors),
        clauses=clean_clauses(raw.get("clauses"), "clauses", strict, errors),
        lots=clean_lots(raw.get("lots"), strict, errors),
    )
    if strict and not data.departments and "departments" not in errors:
        errors["departments"] = _("indiquez le lieu d'exécution (un département au moins, ou FR)")
    _check_reservations(data, errors)
    if errors:
        raise TenderInvalid(errors)
    return data
