"""What a compiled core would give: restore compiled with mypyc beside pure Python.

    python benchmarks/compiled_core.py [--n 300] [--rounds 4] [--modules decide,hits,...]

Issue 12 asks the team to decide on a compiled core for the screen and the
decision loop. This measures the cheapest one: the package copied to a
temporary directory and its hot modules (``--modules``, by default the seven
the profile of spun pages spends its time in) compiled, untuned, by mypyc
(part of mypy, in the ``test`` extra; needs a C compiler). Nothing is shipped
or installed.

Each round runs one process with the compiled copy and one with the source
tree (which goes first turns round every round). Each process restores the
sets of ``restore_speed.py`` (``--n`` held-out BBC articles, the clean sides
and the spun sides of the real pairs with the spun-only pages), each from
cold model caches, beside ``ftfy.fix_text`` on the same text, and hashes
every restored text and edit record: the two builds must agree to the byte.
Reported: the median MB/s and ratio to ftfy of each build on each set.

Writes benchmarks/results/compiled_core.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tomllib
from _common import ROOT, mb_per_s, require_shared, save, speed_sets

MODULES = ("decide", "hits", "lm", "context", "screen", "tokenize", "table")


def _mypy_config(path: Path) -> None:
    """The project's mypy settings alone (mypyc type-checks what it compiles;
    the rest of pyproject.toml is not for this build)."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    lines = ["[tool.mypy]", 'python_version = "3.11"', "strict = true"]
    for override in settings.get("overrides", []):
        modules = ", ".join(json.dumps(m) for m in override["module"])
        lines += ["", "[[tool.mypy.overrides]]", f"module = [{modules}]"]
        lines += [f"{k} = {json.dumps(v)}" for k, v in override.items() if k != "module"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(where: Path, modules: list[str]) -> float:
    """Copy the package to ``where`` and compile ``modules`` there; seconds."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        sys.exit("compiled_core: mypyc needs a C compiler (cc or gcc) on PATH")
    shutil.copytree(ROOT / "src" / "unspin", where / "unspin")
    _mypy_config(where / "pyproject.toml")
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mypyc", *(f"unspin/{m}.py" for m in modules)],
        cwd=where,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        sys.exit(f"compiled_core: mypyc failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    return time.perf_counter() - started


def worker(n: int) -> dict[str, Any]:
    """One process's measurement of whichever ``unspin`` is first on the path."""
    import ftfy

    import unspin
    from unspin.restore import clear_caches

    sets = speed_sets(n)
    table = unspin.Table.default()
    digest = hashlib.sha256()
    edits = 0
    for docs in sets.values():  # load every resource, and hash the output
        for d in docs:
            restored = unspin.restore_and_explain(d, table=table)
            digest.update(restored.text.encode("utf-8"))
            digest.update(repr(restored.edits).encode("utf-8"))
            edits += len(restored.edits)
    out: dict[str, Any] = {
        "package": str(Path(unspin.__file__).parent),
        "compiled": unspin.decide.__file__.endswith(".so"),
        "output_sha256": digest.hexdigest()[:16],
        "edits": edits,
    }
    for name, docs in sets.items():
        clear_caches()
        ours = mb_per_s(lambda d: unspin.restore(d, table=table), docs)
        theirs = mb_per_s(ftfy.fix_text, docs)
        out[name] = {"mb_per_s": ours, "ftfy_mb_per_s": theirs, "ratio": ours / theirs}
    return out


def _run(path: Path, n: int) -> dict[str, Any]:
    code = (
        f"import sys; sys.path.insert(0, {str(path)!r}); "
        f"sys.path.insert(1, {str(ROOT / 'benchmarks')!r}); "
        f"import json, compiled_core; print(json.dumps(compiled_core.worker({n})))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--modules", default=",".join(MODULES))
    args = parser.parse_args()
    require_shared()
    modules = [m for m in args.modules.split(",") if m]
    with tempfile.TemporaryDirectory(prefix="unspin-mypyc-") as tmp:
        seconds = build(Path(tmp), modules)
        print(f"compiled {', '.join(modules)} with mypyc in {seconds:.0f} s", flush=True)
        runs: dict[str, list[dict[str, Any]]] = {"compiled": [], "pure": []}
        builds = {"compiled": Path(tmp), "pure": ROOT / "src"}
        for k in range(args.rounds):
            for name in ("compiled", "pure") if k % 2 == 0 else ("pure", "compiled"):
                runs[name].append(_run(builds[name], args.n))
    for name, found in runs.items():
        want = name == "compiled"
        if any(r["compiled"] != want for r in found):
            sys.exit(f"compiled_core: the {name} runs did not import the {name} package")
    hashes = {r["output_sha256"] for found in runs.values() for r in found}
    result: dict[str, Any] = {
        "modules": modules,
        "rounds": args.rounds,
        "build_seconds": round(seconds, 1),
        "same_output": len(hashes) == 1,
        "output_sha256": sorted(hashes),
        "edits": runs["pure"][0]["edits"],
    }
    for name in ("bbc", "clean_sides", "spun_pages"):
        row = {}
        for build_name, found in runs.items():
            row[build_name] = {
                "mb_per_s": round(statistics.median(r[name]["mb_per_s"] for r in found), 3),
                "ratio_to_ftfy": round(statistics.median(r[name]["ratio"] for r in found), 3),
            }
        row["compiled_over_pure"] = round(row["compiled"]["mb_per_s"] / row["pure"]["mb_per_s"], 3)
        result[name] = row
        print(
            f"{name}: compiled {row['compiled']['mb_per_s']:.2f} MB/s "
            f"({row['compiled']['ratio_to_ftfy']:.2f}x ftfy), pure {row['pure']['mb_per_s']:.2f} "
            f"({row['pure']['ratio_to_ftfy']:.2f}x): {row['compiled_over_pure']:.2f}x"
        )
    print("same output:", result["same_output"], result["output_sha256"])
    save("compiled_core", result)


if __name__ == "__main__":
    main()
