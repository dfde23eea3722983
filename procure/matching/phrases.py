"""Phrase matching inside one sentence: which trade phrases occur, and how much each counts.

Rules that decide what a phrase means in its sentence (why: the words of a trade often name
something else): the longest phrase wins at a position; a place or client word after a
preposition counts little ("linge des crèches"); an ambiguous head followed by "de" names an
action on an object ("restauration de la chapelle"); a trade after a preposition that
complements an unrelated trade counts less, and never more than what it complements; the
trades that follow a mediating service (call centre, printing, data entry...) are its subject.
Per-word facts (stems, phrase heads, role cues, index tokens) are cached per distinct word.
"""

from __future__ import annotations

from procure.matching.roles import role_candidates
from procure.matching.text import PHRASE_STOP, STOP_WORDS, normalise, stem
from procure.matching.trades_data import TRADES

PLACE_DISCOUNT = 0.25
COMPLEMENT_DISCOUNT = 0.4
SUBJECT_DISCOUNT = 0.3
WEAK_CUE = 0.6  # single French words weaker than this are skipped in English texts

# Services that work ON a subject (information, people, documents): in "centre d'appels du
# numéro vert propreté", "impression des calendriers de collecte",
# "traduction du guide du tri", the trade words that follow name the subject, not a
# second service. A later trade is kept as a genuine second service only when it is
# coordinated with the mediating trade itself ("accueil et nettoyage des locaux").
_MEDIATING = """centre_appels accueil_secretariat saisie_donnees numerisation routage_courrier
    impression signaletique communication audiovisuel informatique_services traduction"""
MEDIATING_TRADES = frozenset(_MEDIATING.split())
# A comma separates the items of a list ("accueil téléphonique, nettoyage, espaces verts"):
# it is kept as a marker word, which coordinates like "et" and matches nothing.
LIST_MARK = "zzlistmark"
_COORDINATORS = frozenset(("et", "ou", "and", "or", "plus", "ainsi", LIST_MARK))

_PREPOSITION_WORDS = "de des du aux au a dans pour chez vers of for in at to"
_PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split())
_ARTICLES = frozenset(("le", "la", "les", "un", "une", "the", "a"))


def _compile() -> dict[tuple[str, str], list[tuple]]:
    phrases: dict[tuple[str, str], list[tuple]] = {}
    for spec in TRADES:
        for lang, raw in (("fr", spec.fr), ("en", spec.en)):
            for item in raw.split(";"):
                item = item.strip()
                if not item:
                    continue
                # 1: a place or client word; 2: an ambiguous head that names an action on
                # an object when a preposition follows ("restauration de la chapelle")
                place = 1 if item.startswith("@") else 2 if item.startswith("~") else 0
                text, _, w = item.lstrip("@~").partition("|")
                words = [x for x in normalise(text).split() if len(x) > 1 and x not in PHRASE_STOP]
                if not words:
                    continue
                key = tuple(stem(x, lang) for x in words)
                weight = float(w) if w else 1.0
                phrases.setdefault((lang, key[0]), []).append((key, spec.code, weight, place))
    return phrases


_PHRASES = _compile()
_PHRASES_FR = {k[1]: v for k, v in _PHRASES.items() if k[0] == "fr"}
_PHRASES_EN = {k[1]: v for k, v in _PHRASES.items() if k[0] == "en"}
# In French texts, only English phrases of two words or more: single words are the false
# friends ("location", "relocation", "courses"), while "call center", "data entry" or
# "car wash" written in a French notice mean what they say.
_PHRASES_EN_MULTI = {
    head: multi
    for head, entries in _PHRASES_EN.items()
    if (multi := [e for e in entries if len(e[0]) >= 2])
}
_WORD_INFO: dict[str, tuple] = {}


def _word_info(word: str) -> tuple:
    """Everything the analysis needs of one folded word, cached per distinct word.

    (is a phrase word, French stem, English stem, French phrases starting here, English
    phrases starting here, multi-word English phrases starting here, role cues starting here,
    French index token, English index token). Computed once per distinct word, so the cost of
    a description is one dict look-up per word (the index build runs this on 100k texts).
    """
    mark = word == LIST_MARK
    content = len(word) > 1 and word not in PHRASE_STOP and not mark
    fr, en = (stem(word, "fr"), stem(word, "en")) if content else ("", "")
    token = len(word) > 1 and word not in STOP_WORDS and not mark
    info = (
        content,
        fr,
        en,
        _PHRASES_FR.get(fr) if content else None,
        _PHRASES_EN.get(en) if content else None,
        _PHRASES_EN_MULTI.get(en) if content else None,
        () if mark else role_candidates(word),
        stem(word, "fr") if token else None,
        stem(word, "en") if token else None,
    )
    if len(_WORD_INFO) < 500_000:
        _WORD_INFO[word] = info
    return info


def infos(words: list[str]) -> list[tuple]:
    get = _WORD_INFO.get
    return [get(w) or _word_info(w) for w in words]


_OF = frozenset(("de", "des", "du", "of"))


def _before_preposition(words: list[str], j: int) -> bool:
    """ "restauration de/des/du ..." (an object follows), not "restauration pour ..." """
    return j + 1 < len(words) and words[j + 1] in _OF


def _after(words: list[str], j: int, group: frozenset[str], article: bool = False) -> bool:
    """Whether the word at ``j`` follows a word of ``group`` (maybe through an article)."""
    prev = words[j - 1] if j >= 1 else ""
    prev2 = words[j - 2] if j >= 2 else ""
    if article:
        return prev in group or (prev in _ARTICLES and prev2 in group)
    return prev in group or prev2 in group


_FAMILY_OF = {spec.code: spec.families for spec in TRADES}


def match_sentence(
    words: list[str],
    all_infos: list[tuple],
    weight: float,
    raw: dict[str, float],
    english: bool,
    spans: list[tuple[str, int, int, float]] | None = None,
) -> None:
    """Add phrase matches of one normalised sentence to ``raw`` (longest match wins).

    French phrases are always tried (English descriptions quote French statuses and trades);
    single-word English phrases only in English documents, because French words such as
    "relocation" (re-letting) or "location" (rental) are false friends.
    ``spans`` (optional) receives (trade, first word, last word, weight) of every counted
    phrase, word positions in ``words``: the evidence a reason quotes.
    """
    pos = [j for j, x in enumerate(all_infos) if x[0]]
    if not pos:
        return
    infos = [all_infos[j] for j in pos]
    found: list[tuple[int, int, str, float]] = []
    n = len(infos)
    en_slot = 4 if english else 5
    for i, info in enumerate(infos):
        for lang, entries in ((1, info[3]), (2, info[en_slot])):
            if not entries:
                continue
            for key, code, w, place in entries:
                k = len(key)
                if k == 1 and english and lang == 1 and w < WEAK_CUE:
                    continue  # "collection", "services": a weak French word read in English
                if k == 1 or (
                    i + k <= n and all(infos[i + t][lang] == key[t] for t in range(1, k))
                ):
                    # "des crèches", "à la restauration scolaire": a place after a preposition
                    if place == 1 and _after(words, pos[i], _PREPOSITIONS, article=True):
                        w *= PLACE_DISCOUNT
                    elif place == 2 and _before_preposition(words, pos[i + k - 1]):
                        continue
                    found.append((i, i + k, code, w))
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
    subject = False  # inside the subject of a mediating service
    subjects: dict[str, float] = {}  # a list of subjects counts once ("dépôts, tags...")
    subject_spans: dict[str, tuple[int, int]] = {}
    last_end, last_mediating = -1, False
    for start, end, code, w in kept:
        mediating = code in MEDIATING_TRADES and w >= 0.6  # "ateliers" alone is no cue
        if mediating:
            subject = False
        elif last_end >= 0 and (subject or last_mediating):
            coordinated = (
                last_mediating
                and start - last_end <= 1
                and _after(words, pos[start], _COORDINATORS)
            )
            subject = not coordinated
        last_end, last_mediating = end, mediating
        if subject:
            subjects[code] = max(subjects.get(code, 0.0), w * SUBJECT_DISCOUNT)
            subject_spans.setdefault(code, (pos[start], pos[end - 1]))
            continue
        if _after(words, pos[start], _PREPOSITIONS, article=True):
            head = _complement_head(code, start, kept)
            if head:  # a complement never outweighs what it complements
                w = min(w * COMPLEMENT_DISCOUNT, head)
        raw[code] = raw.get(code, 0.0) + w * weight
        if spans is not None:
            spans.append((code, pos[start], pos[end - 1], w * weight))
    for code, w in subjects.items():
        raw[code] = raw.get(code, 0.0) + w * weight
        if spans is not None:
            spans.append((code, *subject_spans[code], w * weight))


def _complement_head(code: str, start: int, kept: list[tuple[int, int, str, float]]) -> float:
    """Weight of the earlier, unrelated trade a preposition-led trade word complements; 0 if none.

    "Lavage du linge des crèches", "biodéchets des restaurants scolaires": the second trade
    names the client or the place, not the service. A related trade ("entretien des espaces
    verts et travaux d'élagage") is a genuine second service and keeps its weight.
    """
    fams = set(_FAMILY_OF.get(code, ()))
    earlier = [(c, w) for s, _e, c, w in kept if s < start and c != code]
    if not earlier or any(fams & set(_FAMILY_OF.get(c, ())) for c, _w in earlier):
        return 0.0
    return max(w for _c, w in earlier)
