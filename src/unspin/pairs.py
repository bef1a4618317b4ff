"""Pair discovery: which clean document was each spun document copied from?

Spinners rewrite content words but leave the skeleton of a text alone: its
function words and numbers (DSpin's "immutables"). Shingles of consecutive
immutables are therefore nearly the same in a spun copy and its original and
rarely shared at length by unrelated texts. Each clean document goes into a
MinHash LSH index (``datasketch``); each spun document queries it, and every
candidate is verified by passage matching (:func:`unspin.match.match_passages`):
the pair is kept when enough of the spun text lies in matched passages.

Heavily spun pages (the real family also rewrites function words: "was" ->
"was once", "where" -> "the place") keep too little of the skeleton for the
LSH threshold. For a spun document with no verified pair, a second pass looks
up its *anchors* (numbers and capitalised words, which spinners mostly leave
alone) in an inverted index of the clean documents, and verifies the few clean
documents that share the most of them (rarer anchors weigh more) the same way.
Only the ``MAX_ANCHORS`` rarest anchors of a spun document are looked up, and
none found in more than ``MAX_POSTINGS`` clean documents, so a query reads a
bounded number of postings however large the index.

>>> clean = {"c1": "The war ended on Monday, and the army said that 40 of its men had left by then.",
...          "c2": "Shares rose in New York after the bank said it would cut rates again in May."}
>>> spun = {"s1": "The struggle ended on Monday, and the military mentioned that 40 of its males had left by then."}
>>> [(p.spun_id, p.clean_id) for p in find_pairs(spun.items(), clean.items())]
[('s1', 'c1')]
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from .lexicon import FUNCTION_WORDS
from .match import match_passages
from .tokenize import token_arrays, tokenize

__all__ = ["FoundPair", "PairIndex", "anchors", "find_pairs", "immutables", "shingles"]

SHINGLE = 3
NUM_PERM = 128
LSH_THRESHOLD = 0.3
MIN_COVERAGE = 0.5
MAX_CANDIDATES = 20
# The anchor pass verifies at most this many clean documents per spun one,
# and skips anchors found in more than MAX_POSTINGS clean documents.
ANCHOR_CANDIDATES = 5
MAX_POSTINGS = 100
MAX_ANCHORS = 40
ANCHOR_MIN_SIMILARITY = 0.06


class FoundPair(NamedTuple):
    """A spun document, the clean one it was copied from, and the evidence:
    estimated Jaccard similarity of the immutable shingles and the share of
    spun tokens inside matched passages."""

    spun_id: str
    clean_id: str
    similarity: float
    coverage: float


def immutables(text: str) -> list[str]:
    """The tokens spinners leave alone: function words and numbers.

    >>> immutables("The struggle was over by 2024, they mentioned.")
    ['the', 'was', 'over', 'by', '2024', 'they']
    """
    return [n for n in token_arrays(text).norms if n in FUNCTION_WORDS or n.isdigit()]


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Shingles of ``k`` consecutive immutables (the document's skeleton)."""
    words = immutables(text)
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def anchors(text: str) -> set[str]:
    """Numbers and capitalised words: what spinners mostly leave alone and
    unrelated texts rarely share many of.

    >>> sorted(anchors("The struggle in Ukraine may finish by 2025, Putin mentioned."))
    ['2025', 'putin', 'the', 'ukraine']
    """
    arrays = token_arrays(text)
    return {
        norm
        for surface, norm in zip(arrays.texts, arrays.norms, strict=True)
        if surface[:1].isupper() or any(ch.isdigit() for ch in norm)
    }


def _minhashes(texts: list[str], num_perm: int) -> list[Any]:
    from datasketch import MinHash

    sets = [shingles(t) for t in texts]
    return MinHash.bulk([list(s) for s in sets], num_perm=num_perm)  # type: ignore[no-any-return]


def coverage(spun: str, clean: str) -> float:
    """Share of the spun tokens that lie in passages matched to ``clean``."""
    s_tokens, c_tokens = tokenize(spun), tokenize(clean)
    if not s_tokens:
        return 0.0
    passages = match_passages(s_tokens, c_tokens, spun_text=spun)
    return sum(p.spun_end - p.spun_start for p in passages) / len(s_tokens)


class PairIndex:
    """A MinHash LSH index of clean documents, queried with spun ones."""

    def __init__(self, *, threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        try:
            from datasketch import MinHashLSH
        except ImportError:  # pragma: no cover - depends on the install
            raise ImportError(
                "pair discovery needs datasketch: pip install 'unspin[pairs]'"
            ) from None
        self.num_perm = num_perm
        self.min_similarity = threshold / 2
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.texts: dict[str, str] = {}
        self.hashes: dict[str, Any] = {}
        self.postings: dict[str, list[str]] = {}

    def add(self, docs: Iterable[tuple[str, str]], batch: int = 1000) -> None:
        """Index ``(id, text)`` clean documents."""
        buffer: list[tuple[str, str]] = []
        for doc in docs:
            buffer.append(doc)
            if len(buffer) >= batch:
                self._add(buffer)
                buffer = []
        self._add(buffer)

    def _add(self, docs: list[tuple[str, str]]) -> None:
        if not docs:
            return
        with self.lsh.insertion_session() as session:
            for (doc_id, text), mh in zip(
                docs, _minhashes([t for _, t in docs], self.num_perm), strict=True
            ):
                if doc_id in self.texts:
                    raise ValueError(f"duplicate clean document id {doc_id!r}")
                self.texts[doc_id] = text
                self.hashes[doc_id] = mh
                session.insert(doc_id, mh)
                for anchor in anchors(text):
                    self.postings.setdefault(anchor, []).append(doc_id)

    def __len__(self) -> int:
        return len(self.texts)

    def query(
        self,
        docs: Iterable[tuple[str, str]],
        *,
        min_coverage: float = MIN_COVERAGE,
        batch: int = 1000,
    ) -> Iterator[FoundPair]:
        """For each spun ``(id, text)``, its best verified clean document, if any."""
        buffer: list[tuple[str, str]] = []
        for doc in docs:
            buffer.append(doc)
            if len(buffer) >= batch:
                yield from self._query(buffer, min_coverage)
                buffer = []
        yield from self._query(buffer, min_coverage)

    def _query(self, docs: list[tuple[str, str]], min_coverage: float) -> Iterator[FoundPair]:
        if not docs:
            return
        for (doc_id, text), mh in zip(
            docs, _minhashes([t for _, t in docs], self.num_perm), strict=True
        ):
            # LSH also returns chance collisions far below the threshold; only
            # candidates whose estimated similarity is near it are verified.
            ranked = sorted(
                (sim, c)
                for c in self.lsh.query(mh)
                if (sim := mh.jaccard(self.hashes[c])) >= self.min_similarity
            )[::-1][:MAX_CANDIDATES]
            best: FoundPair | None = None
            for similarity, clean_id in ranked:
                if best is not None and similarity < best.similarity / 2:
                    break  # far weaker skeleton match than the best verified one
                cov = coverage(text, self.texts[clean_id])
                if cov >= min_coverage and (best is None or cov > best.coverage):
                    best = FoundPair(doc_id, clean_id, round(similarity, 4), round(cov, 4))
            if best is None:
                best = self._by_anchors(doc_id, text, mh, min_coverage)
            if best is not None:
                yield best

    def _by_anchors(self, doc_id: str, text: str, mh: Any, min_coverage: float) -> FoundPair | None:
        """The second pass: clean documents sharing the most (rare) anchors."""
        scores: dict[str, float] = {}
        lists: list[Sequence[str]] = [self.postings.get(anchor, ()) for anchor in anchors(text)]
        # The rarest anchors only: a query reads at most MAX_ANCHORS lists
        # of at most MAX_POSTINGS documents each.
        lists = sorted((f for f in lists if 0 < len(f) <= MAX_POSTINGS), key=len)[:MAX_ANCHORS]
        for found in lists:
            weight = math.log(1 + len(self.texts) / len(found))
            for clean_id in found:
                scores[clean_id] = scores.get(clean_id, 0.0) + weight
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:ANCHOR_CANDIDATES]
        best: FoundPair | None = None
        for clean_id, _ in ranked:
            # A skeleton far below the LSH threshold, but not none at all:
            # unrelated documents share almost no immutable shingles.
            similarity = mh.jaccard(self.hashes[clean_id])
            if similarity < ANCHOR_MIN_SIMILARITY:
                continue
            cov = coverage(text, self.texts[clean_id])
            if cov >= min_coverage and (best is None or cov > best.coverage):
                best = FoundPair(doc_id, clean_id, round(similarity, 4), round(cov, 4))
        return best


def find_pairs(
    spun: Iterable[tuple[str, str]],
    clean: Iterable[tuple[str, str]],
    *,
    threshold: float = LSH_THRESHOLD,
    num_perm: int = NUM_PERM,
    min_coverage: float = MIN_COVERAGE,
    progress: bool = False,
) -> Iterator[FoundPair]:
    """Index ``clean`` (``(id, text)`` pairs), then find each spun document's source."""
    index = PairIndex(threshold=threshold, num_perm=num_perm)
    if progress:
        from tqdm import tqdm

        clean = tqdm(clean, desc="index clean", unit="doc", file=sys.stderr)
        spun = tqdm(spun, desc="match spun", unit="doc", file=sys.stderr)
    index.add(clean)
    yield from index.query(spun, min_coverage=min_coverage)
