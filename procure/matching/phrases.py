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

from collections.abc import Iterator
from typing import NamedTuple

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
    impression signaletique communication audiovisuel informatique_services traduction
    formation"""
MEDIATING_TRADES = frozenset(_MEDIATING.split())
# Insertion or training named as the frame of another activity ("prestations d'insertion au
# moyen de prestations de propreté urbaine", "insertion ayant pour activité support
# l'accompagnement d'élèves"): the activity that follows the support word is the trade.
FRAME_TRADES = frozenset(("mediation_sociale", "formation"))
_SUPPORT_WORDS = frozenset(("support", "supports", "moyen", "appui", "through", "via"))
FRAME_DISCOUNT = 0.1
# A comma separates the items of a list ("accueil téléphonique, nettoyage, espaces verts"):
# it is kept as a marker word, which coordinates like "et" and matches nothing.
LIST_MARK = "zzlistmark"
# An opening parenthesis introduces examples of what precedes ("petits ouvrages (garages,
# serres)", "locaux (écoles, bureaux)"): it is kept as a marker word that acts like a
# preposition, so the place and complement rules apply to what follows.
PAREN_MARK = "zzparenmark"
MARKS = frozenset((LIST_MARK, PAREN_MARK))
_COORDINATORS = frozenset(("et", "ou", "and", "or", "plus", "ainsi", LIST_MARK))

# English leads a place or a client with more prepositions than French ("linen from the
# nurseries", "litter picking on the lawns", "cleaning across the sites")
_PREPOSITION_WORDS = """de des du aux au a dans pour chez vers of for in at to from on across within
    throughout around near inside between"""
_PREPOSITIONS = frozenset((*_PREPOSITION_WORDS.split(), PAREN_MARK))
# articles and possessive or demonstrative determiners between a preposition and its noun
_ARTICLE_WORDS = """le la les un une ses leurs nos vos ces the a an its their our your these those
    each all"""
_ARTICLES = frozenset(_ARTICLE_WORDS.split())


class Phrase(NamedTuple):
    """One compiled trade phrase: its stems, the trade, its weight and its kind."""

    key: tuple[str, ...]  # stems, in order
    code: str  # the trade
    weight: float
    kind: int  # PLAIN, PLACE ("@": a place or client word) or ACTION ("~": an ambiguous head)


PLAIN, PLACE, ACTION = 0, 1, 2


def _parsed(raw: str) -> Iterator[tuple[int, list[str], float]]:
    """Each phrase of a vocabulary list ("a;@b|0.4;~c"): its kind, content words, weight."""
    for item in raw.split(";"):
        item = item.strip()
        if not item:
            continue
        # a place or client word; an ambiguous head that names an action on an
        # object when a preposition follows ("restauration de la chapelle")
        kind = PLACE if item.startswith("@") else ACTION if item.startswith("~") else PLAIN
        text, _, w = item.lstrip("@~").partition("|")
        words = [x for x in normalise(text).split() if len(x) > 1 and x not in PHRASE_STOP]
        if words:
            yield kind, words, float(w) if w else 1.0


def _compile() -> dict[tuple[str, str], list[Phrase]]:
    phrases: dict[tuple[str, str], list[Phrase]] = {}
    for spec in TRADES:
        for lang, raw in (("fr", spec.fr), ("en", spec.en)):
            for kind, words, weight in _parsed(raw):
                key = tuple(stem(x, lang) for x in words)
                phrases.setdefault((lang, key[0]), []).append(Phrase(key, spec.code, weight, kind))
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
    if (multi := [e for e in entries if len(e.key) >= 2])
}


def _single_forms() -> frozenset[str]:
    """The written forms (singular and plural) of the one-word French phrases: in an English
    text a French one-word phrase counts only as written, not through the French stem of an
    English word ("grass verges" is no "verger", a "class" no "classement")."""
    forms: set[str] = set()
    for spec in TRADES:
        for _kind, words, _weight in _parsed(spec.fr):
            if len(words) == 1:
                w = words[0]
                forms.update((w, w + "s", w + "x", w.removesuffix("s"), w.removesuffix("x")))
    return frozenset(forms)


_FR_SINGLE_FORMS = _single_forms()


class WordInfo(NamedTuple):
    """Everything the analysis needs of one folded word (cached per distinct word)."""

    content: bool  # a phrase word (not a stop word, a one-letter word or the list mark)
    fr: str  # French stem ("" for a non-phrase word)
    en: str  # English stem
    phrases_fr: list[Phrase] | None  # French phrases starting here
    phrases_en: list[Phrase] | None  # English phrases starting here
    phrases_en_multi: list[Phrase] | None  # English phrases of 2+ words starting here
    cues: tuple  # role and eco cues starting here
    token_fr: str | None  # French index token
    token_en: str | None  # English index token


_WORD_INFO: dict[str, WordInfo] = {}


def _word_info(word: str) -> WordInfo:
    """The :class:`WordInfo` of one folded word, cached, so the cost of a description is one
    dict look-up per word (the index build runs this on 100k texts)."""
    mark = word in MARKS
    content = len(word) > 1 and word not in PHRASE_STOP and not mark
    fr, en = (stem(word, "fr"), stem(word, "en")) if content else ("", "")
    token = len(word) > 1 and word not in STOP_WORDS and not mark
    info = WordInfo(
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


def infos(words: list[str]) -> list[WordInfo]:
    get = _WORD_INFO.get
    return [get(w) or _word_info(w) for w in words]


_OF = frozenset(("de", "des", "du", "of"))
# A trade named as the past of a place or a person ("une ancienne imprimerie", "a former
# printer") is history or premises, not what is offered: it counts as a place word. Only after
# an indefinite or possessive article (or opening the sentence): "dépose des anciens
# revêtements" names the object of the works.
_PAST = frozenset(("ancien", "ancienne", "former", "formerly"))
_PAST_ARTICLES = frozenset(("", "un", "une", "notre", "a", "an", "our"))


def _before_preposition(words: list[str], j: int) -> bool:
    """ "restauration de/des/du ..." (an object follows), not "restauration pour ..." """
    return j + 1 < len(words) and words[j + 1] in _OF


def _after(words: list[str], j: int, group: frozenset[str], article: bool = False) -> bool:
    """Whether the word at ``j`` follows a word of ``group`` (maybe through an article)."""
    prev = words[j - 1] if j >= 1 else ""
    prev2 = words[j - 2] if j >= 2 else ""
    if article:
        if prev == "s" and j >= 3:  # an English possessive: "from the town's nurseries"
            return _after(words, j - 2, group, article)
        return prev in group or (prev in _ARTICLES and prev2 in group)
    return prev in group or prev2 in group


_FAMILY_OF = {spec.code: spec.families for spec in TRADES}


class Hit(NamedTuple):
    """A phrase found in a sentence: content-word positions [start, end), trade, weight."""

    start: int
    end: int
    code: str
    weight: float


class _Sentence(NamedTuple):
    """A sentence's words, the positions of its content words and their facts."""

    words: list[str]  # every normalised word
    pos: list[int]  # positions in ``words`` of the content words
    facts: list[WordInfo]  # facts of the content words, aligned with ``pos``


def match_sentence(
    words: list[str],
    all_infos: list[WordInfo],
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
    pos = [j for j, x in enumerate(all_infos) if x.content]
    if not pos:
        return
    s = _Sentence(words, pos, [all_infos[j] for j in pos])
    kept = _frames_discounted(s, _longest_hits(_phrase_hits(s, english)))
    if not kept:
        return
    for code, first, last, w in _weigh_hits(s, kept):
        raw[code] = raw.get(code, 0.0) + w * weight
        if spans is not None:
            spans.append((code, first, last, w * weight))


def _phrase_hits(s: _Sentence, english: bool) -> list[Hit]:
    """Every phrase occurrence, with the place and action rules applied."""
    found: list[Hit] = []
    placed_end = -1  # where the last place word read after a preposition ends
    for i, info in enumerate(s.facts):
        english_phrases = info.phrases_en if english else info.phrases_en_multi
        for french, entries in ((True, info.phrases_fr), (False, english_phrases)):
            for phrase in entries or ():
                if _phrase_at(s, i, phrase, french, english):
                    w = _placed_weight(s, i, phrase, placed_end == i)
                    if w is not None:
                        found.append(Hit(i, i + len(phrase.key), phrase.code, w))
                        if phrase.kind == PLACE and w < phrase.weight:
                            placed_end = max(placed_end, i + len(phrase.key))
    return found


def _phrase_at(s: _Sentence, i: int, phrase: Phrase, french: bool, english: bool) -> bool:
    """Whether ``phrase`` (French or English stems) occurs at content word ``i``."""
    k = len(phrase.key)
    if k == 1:
        # "collection", "services": a weak French word read in English; a French word read in
        # English only as written
        if english and french:
            return phrase.weight >= WEAK_CUE and s.words[s.pos[i]] in _FR_SINGLE_FORMS
        return True
    if i + k > len(s.facts):
        return False
    if french:
        return all(s.facts[i + t].fr == phrase.key[t] for t in range(1, k))
    return all(s.facts[i + t].en == phrase.key[t] for t in range(1, k))


def _past(words: list[str], j: int) -> bool:
    """ "(une) ancienne imprimerie", "a former printer": the word at ``j`` follows a past word
    that opens the sentence or follows an indefinite or possessive article."""
    if j < 1 or words[j - 1] not in _PAST:
        return False
    return (words[j - 2] if j >= 2 else "") in _PAST_ARTICLES


def _placed_weight(s: _Sentence, i: int, phrase: Phrase, follows_place: bool) -> float | None:
    """A phrase's weight where it stands; None when it names an action on an object.

    ``follows_place``: the previous content word ends a place read after a preposition.
    """
    # "des crèches", "à la restauration scolaire": a place after a preposition, and the
    # places coordinated with it ("from the nurseries and school canteens")
    if phrase.kind == PLACE and (
        _after(s.words, s.pos[i], _PREPOSITIONS, article=True)
        or (follows_place and _after(s.words, s.pos[i], _COORDINATORS, article=True))
        or _listed_after_preposition(s.words, s.pos[i])
    ):
        return phrase.weight * PLACE_DISCOUNT
    if phrase.kind == ACTION and _before_preposition(s.words, s.pos[i + len(phrase.key) - 1]):
        return None
    if _past(s.words, s.pos[i]):
        return phrase.weight * PLACE_DISCOUNT
    return phrase.weight


def _listed_after_preposition(words: list[str], j: int) -> bool:
    """ "from school kitchens and dining halls": the word at ``j`` follows a coordinator, and a
    preposition opens the short list it closes (within four words before the coordinator)."""
    if not _after(words, j, _COORDINATORS, article=True):
        return False
    start = j - 2 if words[j - 1] in _COORDINATORS else j - 3
    return any(w in _PREPOSITIONS for w in words[max(0, start - 4) : start + 1])


def _longest_hits(found: list[Hit]) -> list[Hit]:
    """Longest phrase first; a hit overlapping a longer (or earlier equal) one is dropped."""
    found.sort(key=lambda m: (m.start - m.end, m.start))
    taken: list[tuple[int, int]] = []
    kept: list[Hit] = []
    for hit in found:
        start, end = hit.start, hit.end
        if any(m[:3] == hit[:3] for m in kept):
            continue
        if any(start < e and s < end and (s, e) != (start, end) for s, e in taken):
            continue
        taken.append((start, end))
        kept.append(hit)
    kept.sort()
    return kept


def _frames_discounted(s: _Sentence, kept: list[Hit]) -> list[Hit]:
    """Insertion or training hits followed by a support word and another trade count less."""
    frames = [h for h in kept if h.code in FRAME_TRADES]
    if not frames or not _SUPPORT_WORDS.intersection(s.words):
        return kept
    out = []
    for hit in kept:
        if hit.code in FRAME_TRADES and _supports_another(s, hit, kept):
            hit = hit._replace(weight=hit.weight * FRAME_DISCOUNT)
        out.append(hit)
    return out


def _framed(s: _Sentence, hit: Hit, before: int) -> bool:
    """Whether ``hit`` is a frame and a support word follows it before content word ``before``."""
    if hit.code not in FRAME_TRADES:
        return False
    words = s.words[s.pos[hit.end - 1] + 1 : s.pos[before]]
    return not _SUPPORT_WORDS.isdisjoint(words)


def _supports_another(s: _Sentence, frame: Hit, kept: list[Hit]) -> bool:
    """A support word after ``frame`` and a trade other than the frames after that word."""
    after = s.pos[frame.end - 1] + 1
    support = next((j for j in range(after, len(s.words)) if s.words[j] in _SUPPORT_WORDS), -1)
    return support >= 0 and any(
        h.code not in FRAME_TRADES and s.pos[h.start] > support for h in kept
    )


def _weigh_hits(s: _Sentence, kept: list[Hit]) -> list[tuple[str, int, int, float]]:
    """(trade, first word, last word, weight) of the kept hits, in text order, subjects of
    a mediating service last: subjects and complements discounted."""
    out: list[tuple[str, int, int, float]] = []
    subject = False  # inside the subject of a mediating service
    subjects: dict[str, float] = {}  # a list of subjects counts once ("dépôts, tags...")
    subject_spans: dict[str, tuple[int, int]] = {}
    last_end, last_mediating = -1, False
    complement_end = -1  # where the last complement ends
    for hit in kept:
        start, end, code, w = hit
        mediating = code in MEDIATING_TRADES and w >= 0.6  # "ateliers" alone is no cue
        if mediating:
            subject = False
        elif last_end >= 0 and (subject or last_mediating):
            coordinated = (
                last_mediating
                and start - last_end <= 1
                and _after(s.words, s.pos[start], _COORDINATORS)
            )
            subject = not coordinated
        last_end, last_mediating = end, mediating
        if subject:
            subjects[code] = max(subjects.get(code, 0.0), w * SUBJECT_DISCOUNT)
            subject_spans.setdefault(code, (s.pos[start], s.pos[end - 1]))
            continue
        led = _after(s.words, s.pos[start], _PREPOSITIONS, article=True)
        # coordinated with a complement: "linen from the nurseries and canteens"
        led = led or (
            complement_end == start and _after(s.words, s.pos[start], _COORDINATORS, article=True)
        )
        complement_end = -1
        if led:
            head = _complement_head(s, code, start, kept)
            if head:  # a complement never outweighs what it complements
                w = min(w * COMPLEMENT_DISCOUNT, head)
                complement_end = end
        out.append((code, s.pos[start], s.pos[end - 1], w))
    out.extend((code, *subject_spans[code], w) for code, w in subjects.items())
    return out


def _complement_head(s: _Sentence, code: str, start: int, kept: list[Hit]) -> float:
    """Weight of the earlier, unrelated trade a preposition-led trade word complements; 0 if none.

    "Lavage du linge des crèches", "biodéchets des restaurants scolaires": the second trade
    names the client or the place, not the service. A related trade ("entretien des espaces
    verts et travaux d'élagage") is a genuine second service and keeps its weight, and so
    does the activity that supports a frame ("insertion au moyen de prestations de ...").
    """
    fams = set(_FAMILY_OF.get(code, ()))
    earlier = [
        (h.code, h.weight)
        for h in kept
        if h.start < start and h.code != code and not _framed(s, h, start)
    ]
    if not earlier or any(fams & set(_FAMILY_OF.get(c, ())) for c, _w in earlier):
        return 0.0
    return max(w for _c, w in earlier)
