"""Language identification: py3langid's own model, its byte scan done in one numpy pass.

py3langid walks an Aho-Corasick automaton over the text's UTF-8 bytes, one Python step
a byte, and counts the n-gram features the states it visits emit. An Aho-Corasick state
is the longest suffix of the bytes read that is a path of the trie, so the state at a
byte depends only on the last `depth` bytes (`depth`: the automaton's deepest state).
`scan` therefore computes every position's state at once: `depth` vectorised steps, each
reading the byte `depth - 1 - step` places back. Features are then counted in order of
first appearance (py3langid's order, which fixes the float sum order) and scored with
py3langid's own code, so the result is the same label.

The fast path checks itself against `py3langid.classify` on a small sample the first
time it runs, and falls back to py3langid whenever anything differs or is missing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: The fast path is not used with an automaton deeper than this (each level is a numpy pass).
MAX_DEPTH = 12
#: Texts the fast path must classify exactly as py3langid does before it is trusted.
SELF_CHECK = (
    "The council met on Monday to discuss the new budget for the city's schools and parks.",
    "Le conseil municipal s'est réuni lundi pour discuter du nouveau budget des écoles.",
    "Der Stadtrat traf sich am Montag, um über den neuen Haushalt der Schulen zu beraten.",
    "El ayuntamiento se reunió el lunes para hablar del nuevo presupuesto de las escuelas.",
    "Городской совет собрался в понедельник, чтобы обсудить новый бюджет школ.",
    "市议会周一开会讨论学校和公园的新预算。",
    "市議会は月曜日に学校と公園の新しい予算について話し合った。",
    "THE COUNCIL MET ON MONDAY",
    "1234 5678",
)


class FastLangid:
    """py3langid's classifier with the byte scan vectorised; `classify(text)` gives the label."""

    def __init__(self, identifier: Any) -> None:
        self.ident = identifier
        self.nextmove = np.asarray(memoryview(identifier.tk_nextmove))  # no copy of the large table
        self.rowbase = np.asarray(identifier.tk_row, dtype=np.intp) << 8
        self.output = np.asarray(identifier.tk_output, dtype=np.int64)
        self.depth = automaton_depth(self.nextmove, self.rowbase)
        self.first = np.zeros(int(self.output.max()) + 1, dtype=np.intp)  # scratch for `visits`
        # A half-precision table is widened row by row through a 65,536-entry table: numpy's own
        # conversion, looked up instead of recomputed (the slow part of py3langid's scoring).
        self.half: np.ndarray | None = None
        if identifier.nb_ptc.dtype == np.float16:
            self.half = identifier.nb_ptc.view(np.uint16)
            self.widen = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)

    def visits(self, data: bytes) -> dict[int, int]:
        """Feature counts of the UTF-8 `data`, in order of first appearance (as py3langid's Counter)."""
        n = len(data)
        if not n:
            return {}
        raw = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        state = np.zeros(n, dtype=np.intp)
        for step in range(self.depth):
            back = self.depth - 1 - step  # this step reads the byte `back` places before each position
            if back >= n:
                continue
            state[back:] = self.nextmove[self.rowbase[state[back:]] + raw[: n - back]]
        features = self.output[state]
        features = features[features >= 0]
        m = len(features)
        if not m:
            return {}
        # Each feature's first position: written in reverse, so the earliest write lands last.
        where = np.arange(m)
        self.first[features[::-1]] = where[::-1]
        first = self.first[features]
        starts = first == where
        counts = np.bincount(first, minlength=m)[starts]
        return dict(zip(features[starts].tolist(), counts.tolist(), strict=True))

    def scores(self, visits: dict[int, int]) -> np.ndarray:
        """py3langid's `_sparse_score(visits, nb_ptc)`: the same operands, so the same floats."""
        if self.half is None:
            return self.ident._sparse_score(visits, self.ident.nb_ptc)
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        return np.log1p(counts) @ np.take(self.widen, self.half[idx]) + self.ident.nb_pc

    def classify(self, text: str) -> str:
        """The language label py3langid's `classify(text)` gives."""
        ident = self.ident
        visits = self.visits(ident._encode(text))
        if not visits:
            import py3langid

            return py3langid.classify(text)[0]
        scores = self.scores(visits)
        floor = float(np.finfo(np.float32).min)
        for i, j in ident._alias_pairs:
            scores[i] = max(scores[i], scores[j])
            scores[j] = floor
        return ident.nb_classes[int(scores.argmax())]


def automaton_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """Bytes needed to reach the automaton's deepest state from the start (breadth-first)."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier = np.array([0], dtype=np.intp)
    every_byte = np.arange(256, dtype=np.intp)
    for depth in range(MAX_DEPTH + 1):
        reached = np.zeros(len(rowbase), dtype=bool)
        for i in range(0, len(frontier), 4096):
            reached[nextmove[(rowbase[frontier[i : i + 4096]][:, None] + every_byte).ravel()]] = True
        reached &= ~seen
        if not reached.any():
            return depth
        seen |= reached
        frontier = np.flatnonzero(reached)
    return MAX_DEPTH + 1


_FAST: list[FastLangid | None] = []  # [] until first use; [None] when the fast path is off


def _fast() -> FastLangid | None:
    if not _FAST:
        _FAST.append(_build())
    return _FAST[0]


def _build() -> FastLangid | None:
    import py3langid
    from py3langid import langid

    try:
        fast = FastLangid(langid._get_identifier())
        if fast.depth > MAX_DEPTH:
            return None
        for text in SELF_CHECK:
            if fast.classify(text) != py3langid.classify(text)[0]:
                return None
            data = fast.ident._encode(text)
            expected = langid.visit_counts(fast.ident.tk_nextmove, fast.ident._rowbase, fast.ident.tk_output, data)
            if list(fast.visits(data).items()) != list((expected or {}).items()):
                return None
            if (
                expected
                and fast.scores(expected).tobytes() != fast.ident._sparse_score(expected, fast.ident.nb_ptc).tobytes()
            ):
                return None
    except Exception:  # another py3langid version: its own code is always right
        return None
    return fast


def classify(text: str) -> str:
    """ISO 639-1 code py3langid gives `text` (computed faster when the self-check passed)."""
    fast = _fast()
    if fast is None:
        import py3langid

        return py3langid.classify(text)[0]
    return fast.classify(text)
