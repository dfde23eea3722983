"""Trade detection: which trades a tender asks for, or a supplier offers, from words and CPV.

Why sentence roles: descriptions mention many things that are not the trade. A supplier's
status ("entreprise d'insertion, nous accompagnons..."), its area, its ecological practice
("livraisons en vélo-cargo") or a notice's procedure and exclusions ("la vitrerie fait l'objet
d'un marché distinct") must not create trades, or only weakly. Each sentence gets the lowest
weight among the roles it shows; a title counts more than any body sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from procure.matching.cues import CueMatcher
from procure.matching.eco import ECO_PRACTICES
from procure.matching.text import PHRASE_STOP, detect_language, normalise, stem
from procure.matching.trades_data import TRADES

TITLE_WEIGHT = 1.5
PLACE_DISCOUNT = 0.25
COMPLEMENT_DISCOUNT = 0.4
ECO_ROLE_WEIGHT = 0.3
CPV_WEIGHT = 0.8

_PREPOSITION_WORDS = "de des du aux au a dans pour chez vers of for in at to"
_PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split())
_ARTICLES = frozenset(("le", "la", "les", "un", "une", "the", "a"))

# Sentence roles, as cue phrases over normalised words ("*" = any ending) -> weight.
_ROLE_TEXT: dict[float, str] = {
    0.0: "marche distinct; fait le objet de un marche; fait le objet de un autre marche; ne"
    " comprend pas; ne comprennent pas; ne sont pas compris; ne est pas compris; ne sont pas"
    " inclus; ne est pas inclus; ne fait pas partie; hors perimetre; hors marche; exclu;"
    " exclue; exclus; exclues; a le exclusion; not included; excluded; excluding; separate"
    " contract; not part of; sauf",
    0.15: "lieu de execution; lieu de livraison; lieu de intervention; lieux de execution; lieux"
    " de intervention; zone de intervention; secteur de intervention; perimetre de"
    " intervention; secteur couvert; secteurs couverts; zone couverte; couvrons; base a;"
    " basee a; bases a; basees a; base en; basee en; base dans; situe a; situee a; situes a;"
    " implant*; rayon de; km autour; area covered; based in; we cover; we serve; we operate;"
    " place of performance",
    0.3: "procedure*; duree; reconductible*; offres; candidat*; groupement*; sous traitan*;"
    " critere*; ponderation*; de la note; dce; profil de acheteur; date limite; accord cadre;"
    " bon de commande; bons de commande; mapa; appel de offres; clause; clauses; heures de"
    " insertion; reserve aux; reservee aux; marche reserve; article; code de la commande;"
    " code du travail; tender*; bidder*; bid; bids; award criteri*; framework agreement;"
    " reserved for; contract duration; contract period; renewable; subcontract*; weighting;"
    " insertion hours; conditions de execution; titulaire; prix unitaires; montant;"
    " estimated value; lots separes; lots distincts",
    0.5: "entreprise adaptee; entreprises adaptees; esat; aide par le travail; entreprise de"
    " insertion; entreprises de insertion; chantier de insertion; chantiers de insertion;"
    " association intermediaire; etti; geiq; siae; activite economique; structure de"
    " insertion; structures de insertion; travailleur* handicap*; travailleurs en"
    " situation; salaries en insertion; salaries en parcours; parcours de insertion;"
    " demandeur* de emploi; eloign* de le emploi; rsa; accompagn* socio*; utilite publique;"
    " mdph; esus; scop; scic; cooperative; economie sociale; utilite sociale; fonde en;"
    " fondee en; cree en; creee en; nous employons; disabled; disabilit*; work integration;"
    " long term unemployed; sheltered; integration enterprise; integration company; social"
    " enterprise; we employ; founded in; our team; our staff; our employees; nos salaries",
}
_ROLE_MATCHER = CueMatcher(
    [(p.strip(), w) for w, raw in _ROLE_TEXT.items() for p in raw.split(";")]
    + [(p.strip(), ECO_ROLE_WEIGHT) for raw in ECO_PRACTICES.values() for p in raw.split(";")]
)

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Trade:
    """A compiled trade: phrases as stem tuples, CPV prefixes, families."""

    code: str
    label_fr: str
    label_en: str
    families: tuple[str, ...]
    cpv_prefixes: tuple[str, ...]


def _cpv_prefix(code: str) -> str:
    digits = re.sub(r"\D", "", code.split("-")[0])[:8]
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else digits[:2]


def _compile() -> tuple[dict[str, Trade], dict[tuple[str, str], list[tuple]]]:
    trades: dict[str, Trade] = {}
    phrases: dict[tuple[str, str], list[tuple]] = {}
    for spec in TRADES:
        prefixes = tuple(sorted({_cpv_prefix(c) for c in spec.cpv.split()}))
        trades[spec.code] = Trade(spec.code, spec.label_fr, spec.label_en, spec.families, prefixes)
        for lang, raw in (("fr", spec.fr), ("en", spec.en)):
            for item in raw.split(";"):
                item = item.strip()
                if not item:
                    continue
                place = item.startswith("@")
                text, _, w = item.lstrip("@").partition("|")
                words = [x for x in normalise(text).split() if len(x) > 1 and x not in PHRASE_STOP]
                if not words:
                    continue
                key = tuple(stem(x, lang) for x in words)
                weight = float(w) if w else 1.0
                phrases.setdefault((lang, key[0]), []).append((key, spec.code, weight, place))
    return trades, phrases


TRADE_TABLE, _PHRASES = _compile()
_FAMILY_OF = {c: t.families for c, t in TRADE_TABLE.items()}


def trade_label(code: str) -> str:
    """French label of a trade code (the code itself when unknown)."""
    trade = TRADE_TABLE.get(code)
    return trade.label_fr if trade else code


def all_trades() -> list[tuple[str, str]]:
    """(code, French label) of every trade, sorted by label, for correction forms."""
    return sorted(((c, t.label_fr) for c, t in TRADE_TABLE.items()), key=lambda x: x[1])


def families(code: str) -> tuple[str, ...]:
    """Families of a trade; empty for unknown codes."""
    return _FAMILY_OF.get(code, ())


_AREA_CODE = re.compile(r"\(\s*(\d{2,3}|2[ABab])\s*\)")


def sentence_weight(norm_sentence: str, raw_sentence: str = "") -> float:
    """Lowest weight among the roles a normalised sentence shows (1.0 when none).

    A département code in parentheses ("Lieu : Sète (34)") marks an area sentence.
    """
    weight = 0.15 if "(" in raw_sentence and _AREA_CODE.search(raw_sentence) else 1.0
    words = norm_sentence.split()
    if words and words[0] in ("lieu", "lieux"):
        weight = 0.15
    found = _ROLE_MATCHER.find(words)
    return min([weight, *found])  # type: ignore[list-item]


def _match_sentence(norm: str, weight: float, raw: dict[str, float], english: bool) -> None:
    """Add phrase matches of one normalised sentence to ``raw`` (longest match wins).

    French phrases are always tried (English descriptions quote French statuses and trades);
    English phrases only in English documents, because French words such as "relocation"
    (re-letting) or "location" (rental) are false friends.
    """
    words: list[str] = []
    after_prep: list[bool] = []
    prev = prev2 = ""
    for w in norm.split():
        if len(w) > 1 and w not in PHRASE_STOP:
            words.append(w)
            # "des crèches", "à la restauration scolaire": a preposition, maybe an article
            after_prep.append(
                prev in _PREPOSITIONS or (prev in _ARTICLES and prev2 in _PREPOSITIONS)
            )
        prev2, prev = prev, w
    if not words:
        return
    streams = {"fr": [stem(w, "fr") for w in words]}
    if english:
        streams["en"] = [stem(w, "en") for w in words]
    found: list[tuple[int, int, str, float]] = []
    n = len(words)
    for lang, stems in streams.items():
        for i in range(n):
            for key, code, w, place in _PHRASES.get((lang, stems[i]), ()):
                k = len(key)
                if i + k <= n and tuple(stems[i : i + k]) == key:
                    pw = w * (PLACE_DISCOUNT if place and after_prep[i] else 1.0)
                    found.append((i, i + k, code, pw))
    if not found:
        return
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: list[tuple[int, int]] = []
    kept: list[tuple[int, int, str, float]] = []
    for start, end, code, w in found:
        if any(m[:3] == (start, end, code) for m in kept):
            continue
        if any(start < e and s < end and (s, e) != (start, end) for s, e in taken):
            continue
        taken.append((start, end))
        kept.append((start, end, code, w))
    kept.sort()
    for start, _end, code, w in kept:
        if after_prep[start] and _is_complement(code, start, kept):
            w *= COMPLEMENT_DISCOUNT
        raw[code] = raw.get(code, 0.0) + w * weight


def _is_complement(code: str, start: int, kept: list[tuple[int, int, str, float]]) -> bool:
    """True when a trade word follows a preposition after another, unrelated trade.

    "Lavage du linge des crèches", "biodéchets des restaurants scolaires": the second trade
    names the client or the place, not the service. A related trade ("entretien des espaces
    verts et travaux d'élagage") is a genuine second service and keeps its weight.
    """
    fams = set(_FAMILY_OF.get(code, ()))
    earlier = [c for s, _e, c, _w in kept if s < start and c != code]
    return bool(earlier) and not any(fams & set(_FAMILY_OF.get(c, ())) for c in earlier)


_CPV_PAIRS = tuple((tp, c) for c, t in TRADE_TABLE.items() for tp in t.cpv_prefixes)


@lru_cache(maxsize=8192)
def _cpv_code_trades(prefix: str) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    for tp, tcode in _CPV_PAIRS:
        # a broad trade prefix ("72": all IT services) is weaker evidence
        spec = CPV_WEIGHT * min(1.0, 0.25 + 0.15 * len(tp))
        if prefix.startswith(tp):
            out[tcode] = max(out.get(tcode, 0.0), spec)
        elif len(prefix) >= 3 and tp.startswith(prefix):
            out[tcode] = max(out.get(tcode, 0.0), spec / 2)
    return tuple(out.items())


def cpv_trades(cpv_codes: Iterable[str]) -> dict[str, float]:
    """Trades evidenced by CPV codes: prefix match (a broader code counts half)."""
    out: dict[str, float] = {}
    for code in cpv_codes:
        for tcode, w in _cpv_code_trades(_cpv_prefix(code)):
            out[tcode] = max(out.get(tcode, 0.0), w)
    return out


def detect_trades(text: str, cpv_codes: Iterable[str] = (), title: str = "") -> dict[str, float]:
    """Trade -> strength in (0, 1], from a text (sentence-role weighted) and CPV codes.

    Strength is ``1 - exp(-evidence)``: repeated mentions add up with diminishing returns.
    """
    return dict(_detect(text or "", tuple(cpv_codes), title or ""))


@lru_cache(maxsize=4096)
def _detect(text: str, cpv_codes: tuple[str, ...], title: str) -> tuple[tuple[str, float], ...]:
    raw: dict[str, float] = {}
    english = detect_language(normalise(f"{title} {text}").split()) == "en"
    if title:
        _match_sentence(normalise(title), TITLE_WEIGHT, raw, english)
    for sentence in _SENTENCE_SPLIT.split(text):
        norm = normalise(sentence)
        if norm:
            _match_sentence(norm, sentence_weight(norm, sentence), raw, english)
    for code, w in cpv_trades(cpv_codes).items():
        raw[code] = raw.get(code, 0.0) + w
    return tuple(
        sorted(((c, 1.0 - math.exp(-v)) for c, v in raw.items() if v > 0), key=lambda x: -x[1])
    )
