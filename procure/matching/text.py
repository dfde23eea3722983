"""French/English text normalisation shared by trade detection, the index and the scorer.

Why not ``rapidfuzz.utils.default_process``: it keeps accents and elisions, and fuzzy scores on
raw French text are poor (measured: 42 raw, 79 after folding + stop words + stemming).
The package stop lists and the Snowball stemmers both damage trade words, so this module keeps
an exclusion list (words that must stay) and a protection table (words whose stem must not merge
with another trade word). Stems are cached per word: the index runs this on 100k descriptions.
Folding itself (`normalise`) is procure.domain.text's, shared with the supplier pages.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer
from anyascii import anyascii
from stop_words import get_stop_words

from procure.domain.text import NON_WORD, normalise

# Words the stop lists drop but which name trades, places or people served.
_KEEP = """fin apres personne personnes point bon grande haut droite piece plein voie etat valeur
    force nom mot parole sujet essai debut nouveau chose dos mine call home computer information
    research system work works site sites order orders room rooms fire line lines test copy free
    group groups open value text page pages web website state index member members keys ring
    face fill fix move moving run back front full high low large small young old older man men
    case place places part parts side round show mean net bill cause end second close clear
    date way ways sort sorting kind little long new play food well help"""
KEEP_WORDS = frozenset(_KEEP.split())


def _fold(word: str) -> str:
    return NON_WORD.sub(" ", anyascii(word).lower()).strip()


def _build_stop_words() -> frozenset[str]:
    words: set[str] = set()
    for lang in ("fr", "en"):
        for w in get_stop_words(lang):
            words.update(_fold(w).split())
    return frozenset(w for w in words if w not in KEEP_WORDS)


STOP_WORDS = _build_stop_words()

# Snowball merges that would join different trades: fixed stems, checked before stemming.
PROTECTED_STEMS: dict[str, str] = {
    "commune": "commune",
    "communes": "commune",
    "communal": "commune",
    "communale": "commune",
    "communaux": "commune",
    "communales": "commune",
    "communication": "communic",
    "communications": "communic",
    "loge": "loge",
    "loges": "loge",
    "logement": "logement",
    "logements": "logement",
    "agence": "agence",
    "agences": "agence",
    "agencement": "agencement",
    "agencements": "agencement",
    "agenceur": "agencement",
    "collectif": "collectif",
    "collective": "collectif",
    "collectifs": "collectif",
    "collectives": "collectif",
    "restaurant": "restaurant",
    "restaurants": "restaurant",
    "marche": "marche",
    "marches": "marche",
    "vert": "vert",
    "verts": "vert",
    "verte": "vert",
    "vertes": "vert",
    "linge": "linge",
    "lingerie": "linge",
    "repas": "repas",
    "velo": "velo",
    "velos": "velo",
    "meuble": "meuble",
    "meubles": "meuble",
    "tri": "tri",
    "tris": "tri",
    "trier": "tri",
    "bois": "bois",
    # "l'objet du marché" (procedure) must not read as "objets" (second-hand goods)
    "objet": "objet_",
    # French words whose Snowball stem is an English word's: "agrès" (gym apparatus) and
    # "agreement", "goodies" and "goods"
    "agres": "agres",
    "goodies": "goodies",
    "pierre": "pierre",
    "pierres": "pierre",
    # English verb forms and adjectives whose Snowball stem is a trade noun's: "printed
    # documents" is no print shop, "labelled delivery" no labelling line, "picks up" no order
    # picking, "handles requests" no goods handling, "machine scrubbing" no machining, "mechanical
    # mowing" no mechanic, "festive hamper" no festival, the clause's "facilitator" no
    # facilitation, "digital" no digitisation, an "e-mail" no mailing, "logging calls" no logging
    "printed": "printed",
    "labelled": "labelled",
    "labeled": "labelled",
    "label": "labels",
    "labels": "labels",
    "picks": "picks",
    "picked": "picks",
    "handles": "handles",
    "handled": "handles",
    "handle": "handles",
    "machine": "machine",
    "machines": "machine",
    "mechanical": "mechanical",
    "mechanically": "mechanical",
    "festive": "festive",
    "facilitator": "facilitator",
    "facilitators": "facilitator",
    "digital": "digital",
    "mail": "mail_",
    "mails": "mail_",
    "email": "mail_",
    "emails": "mail_",
    "logging": "logging",
    # "drinks receptions" are events, not a front desk
    "receptions": "receptions",
    # "the tender pack" (the documents) is no packing line
    "pack": "pack_",
    "packs": "pack_",
}

# Trade phrases are matched with this short list of articles, prepositions and possessives
# only: the package lists drop "car", "it", "after", "early", "used"... which name trades
# ("car wash", "IT refurbishment", "after-school", "early years", "used clothing").
_PHRASE_STOP = """le la les un une des de du au aux et ou en dans pour par sur avec chez ce cet
    cette ces son sa ses leur leurs nos notre vos votre mon ma mes tous toutes tout que qui ne pas
    se the an of and or for to in on at by with from our your we us its their this that these
    those is are be all any"""
PHRASE_STOP = frozenset(_PHRASE_STOP.split())

_FR = Stemmer.Stemmer("french")
_EN = Stemmer.Stemmer("english")
_EN_WORDS = "the and of for with our we is are to in from by this your"
_FR_WORDS = "le la les des et de du pour nous avec est sont un une dans au aux"
_EN_MARKERS = frozenset(_EN_WORDS.split())
_FR_MARKERS = frozenset(_FR_WORDS.split())


def detect_language(words: list[str]) -> str:
    """'en' or 'fr' from function-word counts (ties go to French, the majority language)."""
    en = sum(1 for w in words if w in _EN_MARKERS)
    fr = sum(1 for w in words if w in _FR_MARKERS)
    return "en" if en > fr else "fr"


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "fr") -> str:
    """Stem one folded word with the protection table applied first."""
    fixed = PROTECTED_STEMS.get(word)
    if fixed is not None:
        return fixed
    if word.isdigit():
        return word
    return (_EN if lang == "en" else _FR).stemWord(word)


def tokens(text: str, lang: str | None = None, normalised: bool = False) -> list[str]:
    """Stemmed content tokens of raw text, in order (language detected when not given)."""
    words = (text if normalised else normalise(text)).split()
    lang = lang or detect_language(words)
    return [stem(w, lang) for w in words if len(w) > 1 and w not in STOP_WORDS]
