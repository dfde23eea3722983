"""Fast matching of short cue phrases over normalised words.

Why not regular expressions: Python's ``re`` tries every alternative at every character, and
the cue lists (sentence roles, ecological practices) have hundreds of alternatives; run on 100k
descriptions that alone took minutes. Here a pattern is a sequence of folded words where a
trailing ``*`` accepts any ending ("travailleur* handicap*"); patterns are indexed by their
first word (or first-word prefix), so a text costs a few dict look-ups per word.
"""

from __future__ import annotations

from collections.abc import Iterable


class CueMatcher:
    """Finds which payloads' patterns occur in a word sequence."""

    def __init__(self, patterns: Iterable[tuple[str, object]]) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        self._prefix: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        lengths: set[int] = set()
        for text, payload in patterns:
            words = tuple(text.split())
            if not words:
                continue
            first = words[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._prefix.setdefault(stem, []).append((words, payload))
                lengths.add(len(stem))
            else:
                self._exact.setdefault(first, []).append((words, payload))
        self._lengths = tuple(sorted(lengths))
        self._cache: dict[str, tuple[tuple[tuple[str, ...], object], ...]] = {}

    @staticmethod
    def _word_ok(pattern: str, word: str) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def _candidates(self, word: str) -> tuple[tuple[tuple[str, ...], object], ...]:
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

    def find(self, words: list[str]) -> list[object]:
        """Payloads of every pattern occurrence, in text order (duplicates kept)."""
        out: list[object] = []
        n = len(words)
        for i, word in enumerate(words):
            candidates = self._candidates(word)
            if not candidates:
                continue
            for pattern, payload in candidates:
                m = len(pattern)
                if i + m <= n and all(
                    self._word_ok(p, w)
                    for p, w in zip(pattern[1:], words[i + 1 : i + m], strict=True)
                ):
                    out.append(payload)
        return out
