"""A no-op translation marker: `N_("Texte")` is the msgid Babel extracts (N_ is one of its
default keywords); the web layer translates it at render time."""


def N_(msgid: str) -> str:
    return msgid
