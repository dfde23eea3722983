"""Supplier statuses (inclusion and disability kinds) with their families, legal forms and
which are SSE by law, and the code of a national scope."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from procure.domain.i18n import N_

NATIONAL = "FR"  # a scope covering the whole country, where a département code would go


class Family(enum.StrEnum):
    SIAE = "siae"  # insertion by economic activity (L5132-4 code du travail)
    GEIQ = "geiq"  # insertion and qualification, not SIAE
    DISABILITY = "disability"  # adapted and sheltered work


@dataclass(frozen=True, slots=True)
class KindSpec:
    code: str
    family: Family
    label: str  # French msgid


# In the order forms and CSV documentation list them: SIAE, GEIQ, disability.
KINDS: tuple[KindSpec, ...] = (
    KindSpec("ACI", Family.SIAE, N_("ACI — atelier et chantier d'insertion")),
    KindSpec("AI", Family.SIAE, N_("AI — association intermédiaire")),
    KindSpec("EI", Family.SIAE, N_("EI — entreprise d'insertion")),
    KindSpec("EITI", Family.SIAE, N_("EITI — insertion par le travail indépendant")),
    KindSpec("ETTI", Family.SIAE, N_("ETTI — travail temporaire d'insertion")),
    KindSpec(
        "GEIQ",
        Family.GEIQ,
        N_("GEIQ — groupement d'employeurs pour l'insertion et la qualification"),
    ),
    KindSpec("EA", Family.DISABILITY, N_("EA — entreprise adaptée")),
    KindSpec("EATT", Family.DISABILITY, N_("EATT — entreprise adaptée de travail temporaire")),
    KindSpec(
        "ESAT", Family.DISABILITY, N_("ESAT — établissement et service d'aide par le travail")
    ),
)
INCLUSION_KINDS: tuple[str, ...] = tuple(k.code for k in KINDS)


def kinds_of(*families: Family) -> frozenset[str]:
    return frozenset(k.code for k in KINDS if k.family in families)


SIAE_KINDS = kinds_of(Family.SIAE)
DISABILITY_KINDS = kinds_of(Family.DISABILITY)
# The natural partners of an insertion clause (ETTI is SIAE already).
INSERTION_PARTNER_KINDS = kinds_of(Family.SIAE, Family.GEIQ)


@dataclass(frozen=True, slots=True)
class LegalForm:
    code: str
    sse: bool  # SSE by law (loi ESS 2014, art. 1); a company needs the ESUS agrément
    label: str  # French msgid


LEGAL_FORM_SPECS: tuple[LegalForm, ...] = (
    LegalForm("association", True, N_("Association")),
    LegalForm("scop", True, N_("SCOP")),
    LegalForm("scic", True, N_("SCIC")),
    LegalForm("cooperative", True, N_("Autre coopérative")),
    LegalForm("mutual", True, N_("Mutuelle")),
    LegalForm("foundation", True, N_("Fondation")),
    LegalForm("company", False, N_("Société commerciale")),
)
LEGAL_FORMS: tuple[str, ...] = tuple(f.code for f in LEGAL_FORM_SPECS)
SSE_LEGAL_FORMS = frozenset(f.code for f in LEGAL_FORM_SPECS if f.sse)


def is_sse(legal_form: str, esus: bool) -> bool:
    """An SSE enterprise: an SSE legal form, or a company holding the ESUS agrément."""
    return esus or legal_form.strip().lower() in SSE_LEGAL_FORMS
