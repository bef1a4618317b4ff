"""Pair discovery on the real development pairs (issue 11's measurement).

The clean sides of both development files plus all 2,225 BBC articles (as
distractors) are indexed; the spun sides query the index. A found pair is
correct when its clean document is the pair's own clean side, or the clean
side of another spin of the same original (clean texts sharing passages:
coverage of one by the other at least 0.5). Recall is over the spun sides,
precision over the pairs found; reported per file and overall.

    python benchmarks/pair_discovery_real.py

Writes benchmarks/results/pair_discovery_real.json.
"""

from __future__ import annotations

import time

from _common import DATA, read_jsonl, require_shared, save

from unspin.pairs import PairIndex, coverage


def main() -> None:
    require_shared()
    files = {
        "real": read_jsonl(DATA / "real_pairs_dev.jsonl"),
        "other": read_jsonl(DATA / "other_spinners_dev.jsonl"),
    }
    pairs = [(name, p) for name, records in files.items() for p in records]
    clean = {f"pair:{p['id']}": p["clean"] for _, p in pairs}
    clean.update({f"bbc:{a['id']}": a["text"] for a in read_jsonl(DATA / "bbc_2225.jsonl")})
    started = time.perf_counter()
    index = PairIndex()
    index.add(clean.items())
    indexed = time.perf_counter()
    found = {f.spun_id: f for f in index.query((p["id"], p["spun"]) for _, p in pairs)}
    done = time.perf_counter()
    result: dict[str, object] = {
        "clean_documents": len(clean),
        "index_seconds": round(indexed - started, 2),
        "query_seconds": round(done - indexed, 2),
    }
    totals = [0, 0, 0]
    for name, records in files.items():
        n_found = n_correct = 0
        misses = []
        for p in records:
            hit = found.get(p["id"])
            if hit is None:
                misses.append(p["id"])
                continue
            n_found += 1
            own = f"pair:{p['id']}"
            if hit.clean_id == own or (
                hit.clean_id.startswith("pair:")
                and coverage(clean[hit.clean_id], p["clean"]) >= 0.5
            ):
                n_correct += 1
            else:
                misses.append(f"{p['id']} (wrong: {hit.clean_id})")
        result[name] = {
            "spun": len(records),
            "found": n_found,
            "correct": n_correct,
            "recall": round(n_correct / len(records), 4),
            "precision": round(n_correct / n_found, 4) if n_found else None,
            "missed": misses,
        }
        totals = [totals[0] + len(records), totals[1] + n_found, totals[2] + n_correct]
        print(name, {k: v for k, v in result[name].items() if k != "missed"})  # type: ignore[union-attr]
    result["all"] = {
        "recall": round(totals[2] / totals[0], 4),
        "precision": round(totals[2] / totals[1], 4) if totals[1] else None,
    }
    print("all", result["all"], f"index {indexed - started:.1f} s, query {done - indexed:.1f} s")
    save("pair_discovery_real", result)


if __name__ == "__main__":
    main()
