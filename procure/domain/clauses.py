"""The Spaser clause types, each declared once: its code, its one parameter, whom it reserves
the market for, what the matcher rewards, its legal basis, its label and its OCDS mapping.

Everything that knows about clauses reads this table: the `Clause` model's enum, validation
(`procure.tenders.clause_rules`), the tender form and its JavaScript (data attributes), the
clause labels in pages, the advisor, OCDS import and export and the API schema. Adding a
clause type that reuses an existing parameter is one entry here (and its translation).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from procure.domain.i18n import N_
from procure.domain.kinds import DISABILITY_KINDS, SIAE_KINDS


class ClauseType(enum.StrEnum):
    """Codes of the clause types (stored in `clauses.type`, used in files and the API)."""

    RESERVED_DISABILITY = "reserved_disability"
    RESERVED_INCLUSION = "reserved_inclusion"
    RESERVED_ESS = "reserved_ess"
    INSERTION = "insertion"
    SOCIAL_CRITERION = "social_criterion"
    ENVIRONMENTAL = "environmental"


class Param(enum.StrEnum):
    """The one parameter a clause type carries; its value is the field name of the clause."""

    NONE = "none"
    HOURS = "hours"  # a positive whole number of insertion hours
    WEIGHT = "weight"  # a percentage of the award score, 0 < w <= 100
    TEXT = "text"  # free text


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """How a parameter is asked for (form label) and shown (`display` takes the value)."""

    param: Param
    form_label: str  # French msgid of the form field
    display: str  # French msgid with %(v)s, for a clause that states its value
    missing: str  # French msgid when the value is not given ("" shows nothing)
    required_message: str  # French msgid when a strict check finds it missing
    invalid_message: str  # French msgid with %(v)s for a value that cannot be read


PARAMS: dict[Param, ParamSpec] = {
    Param.HOURS: ParamSpec(
        Param.HOURS,
        N_("Heures d'insertion"),
        N_("%(n)s heures"),
        N_("heures non précisées"),
        N_("indiquez le nombre d'heures d'insertion"),
        N_("le nombre d'heures d'insertion doit être un entier positif (reçu : %(v)s)"),
    ),
    Param.WEIGHT: ParamSpec(
        Param.WEIGHT,
        N_("Pondération (%)"),
        N_("%(n)s %%"),
        "",
        N_("indiquez la pondération du critère social (en %)"),
        N_("la pondération est un pourcentage entre 0 et 100 (reçu : %(v)s)"),
    ),
    Param.TEXT: ParamSpec(
        Param.TEXT,
        N_("Précisions"),
        "%(n)s",
        "",
        N_("décrivez l'exigence environnementale"),
        "",
    ),
}


class Reward(enum.StrEnum):
    """What the matcher rewards in a supplier when a tender carries the clause."""

    NOTHING = "nothing"  # a reservation filters; it adds no points
    INSERTION_PARTNER = "insertion_partner"  # SIAE and GEIQ can carry the hours
    SSE_OR_INCLUSION = "sse_or_inclusion"  # SSE enterprises and inclusion structures
    ECO_PRACTICE = "eco_practice"  # a stated, concrete ecological practice


@dataclass(frozen=True, slots=True)
class Reservation:
    """Who may bid on a reserved market: one of `kinds`, or any SSE enterprise when `sse`.
    `audience` names them (French msgid, plural); `only_cpv`, when set, lists the CPV prefixes
    of the only needs the law lets a buyer reserve this way."""

    audience: str
    kinds: frozenset[str] = frozenset()
    sse: bool = False
    only_cpv: tuple[str, ...] = ()

    def admits(self, kinds: frozenset[str] | set[str], sse: bool) -> bool:
        return bool(self.kinds & kinds) or (self.sse and sse)

    def allowed_for(self, cpv_codes: Iterable[str]) -> bool:
        return not self.only_cpv or any(str(c).startswith(self.only_cpv) for c in cpv_codes)


@dataclass(frozen=True, slots=True)
class OcdsRule:
    """Where a clause goes in an OCDS release (Other requirements or Sustainability).

    Export writes `reserved_participation`, or a `sustainability[]` entry with `goal`,
    `strategy`, `description` and the parameter in `param_field`. Import reads a
    `reservedParticipation` code back (several clause types sharing one code are told apart
    by `x_procureReservation`, else apply jointly), and a sustainability entry whose goal
    starts with `import_goal` and that states `strategy` (any strategy when `any_strategy`;
    none at all when the goal is exactly `goal` and `bare_goal` is set)."""

    reserved_participation: str | None = None
    goal: str | None = None
    strategy: str | None = None
    description: str | None = None
    param_field: str | None = None
    import_goal: str | None = None
    any_strategy: bool = False
    bare_goal: bool = False


SHELTERED = "shelteredWorkshop"  # eForms res-ws, directive 2014/24 art. 20
PUBLIC_SERVICE = "publicServiceMissionOrganization"  # eForms res-pub-ser, art. 77
INSERTION_GOAL = "social.disadvantagedEmploymentOpportunities"


@dataclass(frozen=True, slots=True)
class ClauseSpec:
    type: ClauseType
    param: Param
    label: str  # French msgid, shown in pages and the form's list
    legal_ref: str
    reserves: Reservation | None  # None: open to all
    rewards: Reward
    ocds: OcdsRule

    @property
    def code(self) -> str:
        return self.type.value

    @property
    def reserved(self) -> bool:
        return self.reserves is not None


# In the order clauses are listed everywhere (pages, exports, the advisor's tie-breaks).
CLAUSES: tuple[ClauseSpec, ...] = (
    ClauseSpec(
        ClauseType.RESERVED_DISABILITY,
        Param.NONE,
        N_("Marché réservé aux EA / ESAT (L2113-12)"),
        "L2113-12",
        Reservation(N_("entreprises adaptées et ESAT"), kinds=DISABILITY_KINDS),
        Reward.NOTHING,
        OcdsRule(reserved_participation=SHELTERED),
    ),
    ClauseSpec(
        ClauseType.RESERVED_INCLUSION,
        Param.NONE,
        N_("Marché réservé aux SIAE (L2113-13)"),
        "L2113-13",
        Reservation(N_("structures d'insertion (SIAE)"), kinds=SIAE_KINDS),
        Reward.NOTHING,
        OcdsRule(reserved_participation=SHELTERED),
    ),
    ClauseSpec(
        ClauseType.RESERVED_ESS,
        Param.NONE,
        N_("Marché réservé aux entreprises de l'ESS (L2113-15)"),
        "L2113-15",
        # L2113-15 reserves only some health, social, cultural and training services (R2123-1).
        Reservation(
            N_("entreprises de l'ESS"),
            sse=True,
            only_cpv=("752", "7961", "7962", "801", "803", "804", "805", "85", "92", "98133"),
        ),
        Reward.NOTHING,
        OcdsRule(reserved_participation=PUBLIC_SERVICE),
    ),
    ClauseSpec(
        ClauseType.INSERTION,
        Param.HOURS,
        N_("Clause d'insertion"),
        "L2112-2",
        None,
        Reward.INSERTION_PARTNER,
        OcdsRule(
            goal=INSERTION_GOAL,
            strategy="contractPerformanceConditions",
            description="Clause d'insertion (art. L2112-2)",
            param_field="x_procureInsertionHours",
            import_goal="social",
            bare_goal=True,
        ),
    ),
    ClauseSpec(
        ClauseType.SOCIAL_CRITERION,
        Param.WEIGHT,
        N_("Critère d'attribution social"),
        "R2152-7",
        None,
        Reward.SSE_OR_INCLUSION,
        OcdsRule(
            goal="social",
            strategy="awardCriteria",
            param_field="x_procureWeight",
            import_goal="social",
        ),
    ),
    ClauseSpec(
        ClauseType.ENVIRONMENTAL,
        Param.TEXT,
        N_("Exigence environnementale"),
        "L2112-2",
        None,
        Reward.ECO_PRACTICE,
        OcdsRule(
            goal="environmental",
            strategy="technicalSpecifications",
            param_field="description",
            import_goal="environmental",
            any_strategy=True,
        ),
    ),
)
CLAUSE_BY_TYPE: dict[str, ClauseSpec] = {c.code: c for c in CLAUSES}
CLAUSE_CODES: tuple[str, ...] = tuple(c.code for c in CLAUSES)
RESERVED_TYPES = frozenset(c.type for c in CLAUSES if c.reserved)


def clause_spec(code: str) -> ClauseSpec:
    """The spec of a clause type code; KeyError for an unknown one."""
    return CLAUSE_BY_TYPE[str(code)]


def clause_as_dict(
    type_: str, hours: int | None, weight: float | None, text: str | None
) -> dict[str, Any]:
    """A clause in the interchange format: its type and the one parameter of that type."""
    spec = clause_spec(type_)
    data: dict[str, Any] = {"type": spec.code}
    values = {Param.HOURS: hours, Param.WEIGHT: weight, Param.TEXT: text}
    if spec.param is not Param.NONE:
        data[spec.param.value] = values[spec.param]
    return data


def clause_order(code: str) -> int:
    """Position of a clause type in `CLAUSES` (unknown codes last)."""
    return CLAUSE_CODES.index(code) if code in CLAUSE_CODES else len(CLAUSE_CODES)
