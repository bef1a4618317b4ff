"""The benchmark scripts' shared helpers that touch the library's internals."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_every_count_cache_can_be_cleared() -> None:
    # news_counts_without swaps the clean news counts and must clear each
    # cache built from them; a cache renamed or made plain in the library
    # broke unpaired_synthetic.py on entry (session 35).
    saved = list(sys.path)  # _common puts scripts/ on the path too
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import _common
    finally:
        sys.path[:] = saved
    caches = _common.count_caches()
    assert caches
    for cached in caches:
        assert callable(getattr(cached, "cache_clear", None)), cached
