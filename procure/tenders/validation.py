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
from procure.tenders.cpv import CpvError, parse_cpv
from procure.tenders.models import RESERVED_TYPES, ClauseType

MAX_TITLE = 300
MAX_DESCRIPTION = 20_000  # about eight pages: longer is a whole file pasted by mistake
MAX_TEXT = 2_000
MAX_REFERENCE = 100
MAX_LOTS = 50
MAX_VALUE = 1e11
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REFERENCE_RE = re.compile(r"^[\w][\w.:-]*$")  # no "/": references name URLs


@dataclass
class ClauseData:
    type: ClauseType
    hours: int | None = None
    weight: float | None = None
    text: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": str(self.type)}
        if self.type == ClauseType.INSERTION:
            data["hours"] = self.hours
        elif self.type == ClauseType.SOCIAL_CRITERION:
            data["weight"] = self.weight
        elif self.type == ClauseType.ENVIRONMENTAL:
            data["text"] = self.text
        return data


@dataclass
class LotData:
    title: str
    description: str = ""
    clauses: list[ClauseData] = field(default_factory=list)


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
    """The normalised INSEE code, `FR`, or None. (Switched to `procure.geo` at merge.)"""
    return deps.normalise_department(code)


def _text(raw: Mapping, key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value).strip()


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        value = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    return float(value)


def _clean_clause(raw: Any, prefix: str, strict: bool, errors: dict[str, str]) -> ClauseData | None:
    if not isinstance(raw, Mapping):
        errors[prefix] = _('une clause s\'écrit {"type": ...}')
        return None
    try:
        kind = ClauseType(str(raw.get("type", "")).strip())
    except ValueError:
        known = ", ".join(t.value for t in ClauseType)
        errors[f"{prefix}.type"] = _(
            "type de clause inconnu « %(t)s » (attendu : %(known)s)", t=raw.get("type"), known=known
        )
        return None
    clause = ClauseData(kind)
    if kind == ClauseType.INSERTION:
        hours = raw.get("hours")
        if hours in (None, ""):
            if strict:
                errors[f"{prefix}.hours"] = _("indiquez le nombre d'heures d'insertion")
        else:
            try:
                number = _number(hours)
                if number != int(number) or number <= 0 or number > 10_000_000:
                    raise ValueError
                clause.hours = int(number)
            except (TypeError, ValueError, OverflowError):
                errors[f"{prefix}.hours"] = _(
                    "le nombre d'heures d'insertion doit être un entier positif (reçu : %(v)s)",
                    v=hours,
                )
    elif kind == ClauseType.SOCIAL_CRITERION:
        weight = raw.get("weight")
        if weight in (None, ""):
            if strict:
                errors[f"{prefix}.weight"] = _("indiquez la pondération du critère social (en %)")
        else:
            try:
                number = _number(weight)
                if not 0 < number <= 100:
                    raise ValueError
                clause.weight = number
            except (TypeError, ValueError):
                errors[f"{prefix}.weight"] = _(
                    "la pondération est un pourcentage entre 0 et 100 (reçu : %(v)s)", v=weight
                )
    elif kind == ClauseType.ENVIRONMENTAL:
        text = _text(raw, "text")
        if strict and not text:
            errors[f"{prefix}.text"] = _("décrivez l'exigence environnementale")
        elif len(text) > MAX_TEXT:
            errors[f"{prefix}.text"] = _("texte trop long (%(n)d caractères au plus)", n=MAX_TEXT)
        clause.text = text
    return clause


def _clean_clauses(raw: Any, prefix: str, strict: bool, errors: dict[str, str]) -> list[ClauseData]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        errors[prefix] = _("les clauses forment une liste")
        return []
    clauses = []
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


def _clean_lots(raw: Any, strict: bool, errors: dict[str, str]) -> list[LotData]:
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
        title, description = _text(item, "title"), _text(item, "description")
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
        clauses = _clean_clauses(item.get("clauses"), f"lots.{i}.clauses", strict, errors)
        lots.append(LotData(title, description, clauses))
    return lots


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
    reference = _text(raw, "reference")
    if require_reference and not reference:
        errors["reference"] = _("la référence est obligatoire")
    elif reference and (len(reference) > MAX_REFERENCE or not _REFERENCE_RE.match(reference)):
        errors["reference"] = _(
            "référence invalide : lettres, chiffres, - _ . : (%(n)d caractères au plus)",
            n=MAX_REFERENCE,
        )
    title, description = _text(raw, "title"), _text(raw, "description")
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
    buyer = " ".join(_text(raw, "buyer").split())
    if require_buyer and not buyer:
        errors["buyer"] = _("l'acheteur est obligatoire")
    elif len(buyer) > 200:
        errors["buyer"] = _("nom d'acheteur trop long (200 caractères au plus)")
    email = _text(raw, "buyer_email") or _text(raw, "contact_email")
    if email and (len(email) > 254 or not _EMAIL_RE.match(email)):
        errors["contact_email"] = _("adresse e-mail invalide : %(v)s", v=email)
    value = raw.get("estimated_value")
    estimated = None
    if value not in (None, ""):
        try:
            estimated = _number(value)
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
        contact_name=_text(raw, "contact_name")[:200],
        contact_email=email.lower(),
        cpv_codes=_clean_cpv(raw.get("cpv_codes"), official_cpv, errors),
        departments=_clean_departments(raw.get("departments"), errors),
        estimated_value=estimated,
        deadline=_clean_deadline(raw.get("deadline"), strict, today, errors),
        clauses=_clean_clauses(raw.get("clauses"), "clauses", strict, errors),
        lots=_clean_lots(raw.get("lots"), strict, errors),
    )
    if strict and not data.departments and "departments" not in errors:
        errors["departments"] = _("indiquez le lieu d'exécution (un département au moins, ou FR)")
    _check_reservations(data, errors)
    if errors:
        raise TenderInvalid(errors)
    return data
