"""Trade detection: which trades a tender asks for, or a supplier offers, from words and CPV.

Why sentence roles (``roles.py``): descriptions mention many things that are not the trade
(status, area, ecological practice, procedure, exclusions); each sentence gets the lowest weight
among the roles it shows; a title counts more than any body sentence. What a phrase means
inside its sentence is ``phrases.py``. The whole analysis of a text (trades, ecological
practices, index tokens) is one pass: the index build runs it on every supplier.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from procure.domain.text import ELISIONS
from procure.matching.eco import ECO_ORDER
from procure.matching.phrases import LIST_MARK, MARKS, PAREN_MARK, infos, match_sentence
from procure.matching.roles import sentence_role
from procure.matching.text import detect_language, normalise
from procure.matching.trades_data import TRADES

TITLE_WEIGHT = 1.5
CPV_WEIGHT = 0.8

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


def _compile() -> dict[str, Trade]:
    trades: dict[str, Trade] = {}
    for spec in TRADES:
        prefixes = tuple(sorted({_cpv_prefix(c) for c in spec.cpv.split()}))
        trades[spec.code] = Trade(spec.code, spec.label_fr, spec.label_en, spec.families, prefixes)
    return trades


TRADE_TABLE = _compile()
_FAMILY_OF = {c: t.families for c, t in TRADE_TABLE.items()}


def trade_label(code: str, lang: str = "fr") -> str:
    """French (default) or English label of a trade code (the code itself when unknown)."""
    trade = TRADE_TABLE.get(code)
    if trade is None:
        return code
    return trade.label_en if lang == "en" else trade.label_fr


def all_trades(lang: str = "fr") -> list[tuple[str, str]]:
    """(code, label) of every trade for correction forms, in the order a reader expects:
    accents and case ignored ("Élagage" among the E, not after "Voirie")."""
    labelled = ((c, trade_label(c, lang)) for c in TRADE_TABLE)
    return sorted(labelled, key=lambda x: (anyascii(x[1]).casefold(), x[1]))


def families(code: str) -> tuple[str, ...]:
    """Families of a trade; empty for unknown codes."""
    return _FAMILY_OF.get(code, ())


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


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """One pass over a text: trades with strengths, eco practices, words, language."""

    trades: tuple[tuple[str, float], ...]
    eco: tuple[str, ...]
    tokens: tuple[str, ...]  # stemmed content words of the body (title excluded), in order
    lang: str
    # (trade, sentence number, first word, last word) of each trade's strongest phrase in the
    # body (title excluded): what :func:`trade_evidence` quotes, located once (:func:`quote_at`)
    evidence: tuple[tuple[str, int, int, int], ...] = ()


def detect_trades(text: str, cpv_codes: Iterable[str] = (), title: str = "") -> dict[str, float]:
    """Trade -> strength in (0, 1], from a text (sentence-role weighted) and CPV codes.

    Strength is ``1 - exp(-evidence)``: repeated mentions add up with diminishing returns.
    """
    return dict(analyse(text or "", tuple(cpv_codes), title or "").trades)


def _marked(sentence: str) -> str:
    """Commas and opening parentheses as marker words (see ``phrases``)."""
    return sentence.replace(",", f" {LIST_MARK} ").replace("(", f" {PAREN_MARK} ")


@lru_cache(maxsize=4096)
def analyse(text: str, cpv_codes: tuple[str, ...] = (), title: str = "") -> TextAnalysis:
    """Trades, ecological practices and index tokens of a text, in one pass."""
    raw: dict[str, float] = {}
    sentences = []
    words: list[str] = []
    for number, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        split = normalise(_marked(sentence)).split()
        if split and any(w not in MARKS for w in split):
            sentences.append((split, infos(split), sentence, number))
            words.extend(w for w in split if w not in MARKS)
    title_words = normalise(title).split() if title else []
    lang = detect_language(title_words + words if title_words else words)
    english = lang == "en"
    if title_words:
        match_sentence(title_words, infos(title_words), TITLE_WEIGHT, raw, english)
    eco: set[str] = set()
    tokens: list[str] = []
    best: dict[str, tuple[float, int, int, int]] = {}
    for split, facts, sentence, number in sentences:
        starts = [(j, x.cues) for j, x in enumerate(facts) if x.cues]
        weight, found = sentence_role(split, sentence, starts)
        eco.update(found)
        spans: list[tuple[str, int, int, float]] = []
        match_sentence(split, facts, weight, raw, english, spans)
        _keep_best(best, spans, number)
        toks = (x.token_en for x in facts) if english else (x.token_fr for x in facts)
        tokens.extend([t for t in toks if t is not None])
    for code, w in cpv_trades(cpv_codes).items():
        raw[code] = raw.get(code, 0.0) + w
    trades = tuple(
        sorted(((c, 1.0 - math.exp(-v)) for c, v in raw.items() if v > 0), key=lambda x: -x[1])
    )
    evidence = tuple((code, i, first, last) for code, (_w, i, first, last) in best.items())
    eco_order = tuple(sorted(eco, key=ECO_ORDER.__getitem__))
    return TextAnalysis(trades, eco_order, tuple(tokens), lang, evidence)


def _keep_best(
    best: dict[str, tuple[float, int, int, int]],
    spans: list[tuple[str, int, int, float]],
    part: int,
) -> None:
    """Keep each trade's strongest phrase (the first of equal ones): where it is quoted."""
    for code, first, last, w in spans:
        if w > best.get(code, (0.0,))[0]:
            best[code] = (w, part, first, last)


_WORD = re.compile(r"(?i:\be[-\u2010\u2011 ]commerce\b)|[^\W_]+|[,(]")  # see text.normalise
_APOSTROPHES = "'’`"


def _located_words(sentence: str, offset: int) -> list[tuple[str, int, int]]:
    """Normalised words of a sentence with the character span of the original word."""
    out: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(sentence):
        piece = m.group()
        start, end = offset + m.start(), offset + m.end()
        if piece in ",(":
            out.append((PAREN_MARK if piece == "(" else LIST_MARK, start, end))
            continue
        folded = _folded_words(piece)
        after = sentence[m.end() : m.end() + 1]
        if after and after in _APOSTROPHES and len(folded) == 1 and folded[0] in ELISIONS:
            out.append((ELISIONS[folded[0]], start, end))
            continue
        out.extend((w, start, end) for w in folded)
    return out


@lru_cache(maxsize=100_000)
def _folded_words(piece: str) -> tuple[str, ...]:
    return tuple(normalise(piece).split())


def _sentence(text: str, number: int) -> tuple[str, int]:
    """Sentence ``number`` of a text (as :func:`_sentences` counts) and where it starts."""
    last = 0
    for i, m in enumerate(_SENTENCE_SPLIT.finditer(text)):
        if i == number:
            return text[last : m.start()], last
        last = m.end()
    return text[last:], last


def _sentences(text: str) -> list[tuple[str, int]]:
    out, last = [], 0
    for m in _SENTENCE_SPLIT.finditer(text):
        out.append((text[last : m.start()], last))
        last = m.end()
    out.append((text[last:], last))
    return out


@lru_cache(maxsize=4096)
def trade_evidence(text: str, title: str = "") -> dict[str, tuple[str, float]]:
    """Trade -> (the original words that show it, weight): the strongest phrase per trade.

    The same phrase rules as :func:`analyse` (sentence roles, places, complements), so a trade
    read in a sentence that does not count (an exclusion, an address) has no evidence. The
    quote is an exact substring of ``title`` or ``text``. Sentences are matched on their
    normalised words as in :func:`analyse`; only the sentences holding a best phrase are
    located in the original text.
    """
    parts = [(title, 0, True)] if title else []
    parts += [(part, offset, False) for part, offset in _sentences(text or "")]
    split = [normalise(_marked(part)).split() for part, _o, _t in parts]
    english = detect_language([w for words in split for w in words if w not in MARKS]) == "en"
    best: dict[str, tuple[float, int, int, int]] = {}
    for i, ((part, _offset, is_title), words) in enumerate(zip(parts, split, strict=True)):
        if not any(w not in MARKS for w in words):
            continue
        facts = infos(words)
        if is_title:
            weight = TITLE_WEIGHT
        else:
            starts = [(j, x.cues) for j, x in enumerate(facts) if x.cues]
            weight, _found = sentence_role(words, part, starts)
        spans: list[tuple[str, int, int, float]] = []
        match_sentence(words, facts, weight, {}, english, spans)
        _keep_best(best, spans, i)
    out: dict[str, tuple[str, float]] = {}
    located: dict[int, list[tuple[str, int, int]]] = {}
    for code, (w, i, first, last) in best.items():
        part, offset, is_title = parts[i]
        if i not in located:
            located[i] = _located_words(part, offset)
        source = title if is_title else text
        out[code] = (_quote(source, part, located[i], split[i], first, last), w)
    return out


def _quote(
    source: str,
    part: str,
    spots: list[tuple[str, int, int]],
    words: list[str],
    first: int,
    last: int,
) -> str:
    """The original words from ``first`` to ``last`` of a sentence ``part`` of ``source``."""
    if [x for x, _s, _e in spots] == words:
        return source[spots[first][1] : spots[last][2]]
    return part.strip()  # the original words fold differently: quote the whole sentence


def quote_at(text: str, sentence: int, first: int, last: int) -> str:
    """The words of ``text`` a :attr:`TextAnalysis.evidence` location points at: the quote
    :func:`trade_evidence` gives, without reading the other sentences again."""
    part, offset = _sentence(text, sentence)
    words = normalise(_marked(part)).split()
    return _quote(text, part, _located_words(part, offset), words, first, last)
