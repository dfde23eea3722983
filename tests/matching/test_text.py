"""Normalisation must keep trade words apart and fold French spelling variants together."""

from procure.matching.text import normalise, stem, tokens


def test_accents_case_and_elisions():
    assert normalise("L’Élagage d'arbres, jusqu'à l'été") == "le elagage de arbres jusque a le ete"


def test_inflections_meet():
    assert set(tokens("entretiens d'espace vert, élagages")) >= set(
        tokens("Entretien des espaces verts et élagage")
    ) - {"travaux"}


def test_trade_words_are_not_stop_words():
    kept = tokens("fin de chantier, après travaux, personne âgée, call centre, home care")
    for word in ("fin", "après", "personne", "call", "home"):
        assert stem(normalise(word)) in kept or stem(normalise(word), "en") in kept, word


def test_protected_stems_do_not_merge():
    assert stem("commune") != stem("communication")
    assert stem("loge") != stem("logement")
    assert stem("agences") != stem("agencement")
    assert stem("collective") != stem("collecte")
    assert stem("logements") == stem("logement")


def test_english_stemming():
    assert tokens("Cleaning offices") == tokens("office cleaning")[::-1]
