"""Learning from a crawl: pass 1 of ``unspin clean --learn``.

``learn_corpus(inputs, table_path)`` learns from a corpus's spun text alone
(:func:`unspin.learn_unpaired`) over a base table, reading the corpus files
again on each of the learner's passes (memory stays bounded), saves the
merged table with the job it came from (so that an interrupted ``clean
--learn`` resumes after pass 1), and with ``jobs`` > 1 runs each pass on
batches of records in worker processes (:func:`learn_in_workers`), merging
their statistics in input order: the table is the one a single process
learns. Pass 2 is :func:`unspin.clean.clean_corpus` with that table.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .clean import MAX_RECORD_BYTES, CleanError, CorpusTexts, job_key
from .restore import Options
from .table import Table
from .unpaired import (
    REVISION,
    ROUNDS,
    SOURCE,
    Round,
    UnpairedStats,
    count_pass,
    known_length,
    learn_from_passes,
)
from .unpaired.reading import pass_label

__all__ = ["LEARN_BATCH", "clean_reference", "learn_corpus", "learn_in_workers"]


def learn_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    table_path: str | os.PathLike[str],
    *,
    base: Table | None = None,
    text_field: str = "text",
    max_bytes: int = MAX_RECORD_BYTES,
    overwrite: bool = False,
    progress: bool = True,
    jobs: int = 1,
    require_synonym: bool = True,
    clean: Iterable[str | os.PathLike[str]] = (),
    rounds: int | None = None,
    observe: Callable[[Round], None] | None = None,
) -> Table:
    """Pass 1 of ``unspin clean --learn``: learn from the corpus's spun text
    alone (:func:`unspin.unpaired.learn_unpaired`, careful unless
    ``require_synonym`` is false) over ``base`` (the default table when
    ``None``), save the merged table to ``table_path`` and return it. With
    ``jobs`` > 1, each of the learner's passes runs on batches of records in that
    many worker processes (:func:`learn_in_workers`). ``clean`` names files
    or folders of clean pages of the same kind (:func:`clean_reference`);
    ``rounds`` and ``observe``: :func:`unspin.learn_unpaired`'s (a reused
    table was not learned here: ``observe`` is not called).

    The table records which inputs and base it was learned from, and by
    which revision of the learner: the same job run again reuses it (an
    interrupted ``clean --learn`` resumes after pass 1); a table from another
    job is only replaced with ``overwrite``.
    Rejected records are skipped here; pass 2 reports them.

    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> lines = [json.dumps({"text": "He parked the automobile outside."}) + "\\n"] * 2
    >>> _ = (d / "crawl.jsonl").write_text("".join(lines))
    >>> first = learn_corpus([d / "crawl.jsonl"], d / "t.json", progress=False)
    >>> again = learn_corpus([d / "crawl.jsonl"], d / "t.json", progress=False)  # reused
    >>> again.sources["unpaired"]["job"] == first.sources["unpaired"]["job"]
    True
    """
    base = base if base is not None else Table.default()
    texts = CorpusTexts(inputs, text_field=text_field, max_bytes=max_bytes)
    references = CorpusTexts(clean, text_field=text_field, max_bytes=max_bytes) if clean else None
    # The rounds join the key unless they are the careful learner's default
    # (an open job once took one round by default: its tables are not reused).
    taken = rounds if rounds is not None else ROUNDS
    mode = ("" if require_synonym else "open") + (
        f" rounds {taken}" if not require_synonym or taken != ROUNDS else ""
    )
    mode += f" learner {REVISION}"
    pages = references.paths if references is not None else ()
    key = job_key(
        texts.paths, text_field, base, Options(), False, learned=True, mode=mode, clean=pages
    )
    path = Path(table_path)
    if path.exists():
        try:
            found = Table.load(path)
        except (OSError, ValueError) as exc:
            raise CleanError(f"{path} is not a readable table ({exc}); delete it") from None
        if found.sources.get(SOURCE, {}).get("job") == key:
            return found
        if not overwrite:
            raise CleanError(
                f"{path} exists and was not learned from these inputs and this table "
                "(or by this version of the learner); pass --overwrite to replace it"
            )
    reference = clean_reference(references) if references is not None else None
    table = learn_in_workers(
        texts,
        base,
        jobs,
        progress,
        require_synonym=require_synonym,
        reference=reference,
        rounds=rounds,
        observe=observe,
    )
    table.sources[SOURCE] = {
        "description": "learned from spun text alone (unspin clean --learn"
        + ("" if require_synonym else " --open")
        + ")",
        "job": key,
    }
    try:
        table.save(path)
    except OSError as exc:
        raise CleanError(f"cannot write table {path}: {exc.strerror}") from None
    return table


_LEARNER: dict[str, Table] = {}
# Records per batch of a learning pass in a worker.
LEARN_BATCH = 256


def _init_learner(table_json: str | None) -> None:
    _LEARNER["base"] = Table.loads(table_json) if table_json is not None else Table.default()


def _learn_batch(one_pass: Any, keywords: dict[str, Any], texts: list[str]) -> Any:
    return one_pass(texts, base=_LEARNER["base"], **keywords)


def clean_reference(texts: Iterable[str]) -> UnpairedStats:
    """The word counts of clean pages of the same kind as a crawl (its
    clean pages, or other news of its topics): how often its topic words
    occur anyway, so that they are not taken for a spinner's (on the
    development data, "bills" -> "dollars", "roughly" -> "around" and
    "takeover" -> "coup" go when the clean sides of the pairs are given;
    ``docs/benchmarks.md``, session 15)."""
    return count_pass(texts, Table()).counts_only()


def learn_in_workers(
    texts: CorpusTexts,
    base: Table,
    jobs: int,
    progress: bool,
    *,
    require_synonym: bool = True,
    reference: UnpairedStats | None = None,
    rounds: int | None = None,
    observe: Callable[[Round], None] | None = None,
) -> Table:
    """:func:`unspin.learn_unpaired` over ``base`` with each of its passes
    mapped over batches of ``texts`` in ``jobs`` worker processes (the
    round's table loaded once per worker); the statistics are merged in
    input order, so the table is the one a single process learns. With one
    job, the passes run in this process. ``reference``:
    :func:`clean_reference`; ``rounds`` and ``observe``:
    :func:`unspin.learn_unpaired`'s."""
    if jobs <= 1:
        return learn_from_passes(
            lambda one_pass: one_pass(texts),
            base=base,
            reference=reference,
            require_synonym=require_synonym,
            rounds=rounds,
            progress=progress,
            observe=observe,
        )
    from tqdm import tqdm

    # The workers hold the table a pass reads the corpus with: the base, then
    # in a later round the base with what the earlier rounds learned. Batch i
    # goes to worker i % jobs in every pass, so that a worker reads the same
    # documents again and reuses their restorations (unspin.unpaired).
    workers: list[ProcessPoolExecutor] = []
    held: Table | None = None

    def workers_for(table: Table) -> list[ProcessPoolExecutor]:
        nonlocal held
        if held is not table:
            shutdown()
            table_json = None if table is Table.default() else table.dumps()
            workers.extend(
                ProcessPoolExecutor(1, initializer=_init_learner, initargs=(table_json,))
                for _ in range(jobs)
            )
            held = table
        return workers

    def shutdown() -> None:
        for worker in workers:
            worker.shutdown()
        workers.clear()

    def run(one_pass: Any) -> UnpairedStats:
        # one_pass: a functools.partial of a pass with keyword arguments;
        # the workers hold its table, the rest travels with each batch.
        pool = workers_for(one_pass.keywords["base"])
        keywords = {k: v for k, v in one_pass.keywords.items() if k not in ("base", "progress")}
        futures: deque[tuple[Future[UnpairedStats], int]] = deque()
        # Each batch's statistics are added as they come (merging them all
        # at the end copied the growing sum once per batch).
        merged = UnpairedStats()
        name = pass_label(getattr(one_pass.func, "__name__", "pass"), one_pass.keywords.get("part"))
        records = iter(texts)
        total = known_length(texts)
        with tqdm(desc=f"learn: {name}", unit=" docs", total=total, disable=not progress) as bar:
            for i in itertools.count():
                batch = list(itertools.islice(records, LEARN_BATCH))
                if batch:
                    job = pool[i % jobs].submit(_learn_batch, one_pass.func, keywords, batch)
                    futures.append((job, len(batch)))
                # At most two batches per worker in flight: memory stays bounded.
                while futures and (len(futures) > 2 * jobs or not batch):
                    done, size = futures.popleft()
                    merged.absorb(done.result())
                    bar.update(size)
                if not batch:
                    break
        return merged

    try:
        return learn_from_passes(
            run,
            base=base,
            reference=reference,
            require_synonym=require_synonym,
            rounds=rounds,
            progress=progress,  # the rounds; the workers' bars are run's
            observe=observe,
        )
    finally:
        shutdown()
