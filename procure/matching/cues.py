"""Fast matching of short cue phrases over normalised words.

Why not regular expressions: Python's ``re`` tries every alternative at every character, and
the cue lists (sentence roles, ecological practices) have hundreds of alternatives; run on 100k
descriptions that alone took minutes. Here a pattern is a sequence of folded words where a
trailing ``*`` accepts any ending ("travailleur* handicap*"); patterns are indexed by their
first word (or first-word prefix), so a text costs a few dict look-ups per word.
"""

from __future__ import annotations

from collections.abc import Iterable

Cue = tuple[tuple[str, ...], object, "tuple[str, ...] | None"]


class CueMatcher:
    """Finds which payloads' patterns occur in a word sequence.

    A pattern is stored as (words, payload, tail): ``tail`` is the words after the first when
    none has a wildcard, so most checks are one tuple comparison instead of a word loop.
    """

    def __init__(self, patterns: Iterable[tuple[str, object]]) -> None:
        self._exact: dict[str, list[Cue]] = {}
        self._prefix: dict[str, list[Cue]] = {}
        lengths: set[int] = set()
        for text, payload in patterns:
            words = tuple(text.split())
            if not words:
                continue
            tail = None if any(w.endswith("*") for w in words[1:]) else words[1:]
            cue = (words, payload, tail)
            first = words[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._prefix.setdefault(stem, []).append(cue)
                lengths.add(len(stem))
            else:
                self._exact.setdefault(first, []).append(cue)
        self._lengths = tuple(sorted(lengths))
        self._cache: dict[str, tuple[Cue, ...]] = {}

    @staticmethod
    def _word_ok(pattern: str, word: str) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def _candidates(self, word: str) -> tuple[Cue, ...]:
        found = self._cache.get(word)
        if found is None:
            items = list(self._exact.get(word, ()))
            for k in self._lengths:
                if len(word) >= k:
                    items.extend(self._prefix.get(word[:k], ()))
            found = tuple(items)
            if len(self._cache) < 500_000:
                self._cache[word] = found
        return found

    def candidates(self, word: str) -> tuple[Cue, ...]:
        """Patterns that may start at ``word`` (cached); callers cache them per word too."""
        found = self._cache.get(word)
        return self._candidates(word) if found is None else found

    def match_at(self, words: list[str], i: int, candidates: tuple[Cue, ...]) -> list[object]:
        """Payloads of the ``candidates`` patterns that occur at position ``i``."""
        out: list[object] = []
        n = len(words)
        for pattern, payload, tail in candidates:
            m = len(pattern)
            if m == 1:
                out.append(payload)
            elif i + m <= n:
                if tail is not None:
                    if tuple(words[i + 1 : i + m]) == tail:
                        out.append(payload)
                elif all(
                    self._word_ok(p, w)
                    for p, w in zip(pattern[1:], words[i + 1 : i + m], strict=True)
                ):
                    out.append(payload)
        return out

    def find(self, words: list[str]) -> list[object]:
        """Payloads of every pattern occurrence, in text order (duplicates kept)."""
        out: list[object] = []
        get = self._cache.get
        for i, word in enumerate(words):
            candidates = get(word)
            if candidates is None:
                candidates = self._candidates(word)
            if candidates:
                out.extend(self.match_at(words, i, candidates))
        return out
