"""Batch cleaning of scraped corpora: stream records in, restored records out.

``clean_corpus(inputs, output)`` reads JSON Lines (the text in ``field``,
every other field kept), plain text files (one record per file) and folders
of them, gzip- or zstd-compressed or not, and writes JSON Lines: the record
with its text restored and an ``unspin`` object holding a spin score, the edit
count and where the record came from (optionally the edits).

* Memory is bounded: records are read, restored and written in batches.
* ``jobs`` worker processes restore in parallel; output order is the input
  order whatever the number of jobs.
* Bad records (invalid JSON or UTF-8, missing field, not text, too large)
  go to the rejects file with the reason and the raw record; nothing is
  dropped silently.
* Interrupted runs resume: after the first batch, and then every
  ``CHECKPOINT_SECONDS``, the outputs are synced to disk and a progress file
  (``OUTPUT.progress``) records how many records and bytes are done; the same
  command finds it, truncates the outputs to that checkpoint and carries on,
  so the result equals an uninterrupted run.

>>> import io, json, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in.jsonl").write_text('{"id": 1, "text": "Nothing to undo."}\\n{"id": 2}\\n')
>>> s = clean_corpus([d / "in.jsonl"], d / "out.jsonl", progress=False)
>>> s.written, s.rejected
(1, 1)
>>> json.loads((d / "out.jsonl").read_text())["unspin"]["edits"]
0
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import math
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from .restore import Options, _restore
from .table import Table
from .tokenize import count_words

__all__ = [
    "CleanError",
    "CleanSummary",
    "CorpusTexts",
    "clean_corpus",
    "iter_records",
    "restore_one",
]

MAX_RECORD_BYTES = 10_000_000
BATCH_PER_JOB = 64
# A checkpoint (output synced to disk, progress file replaced) after the first
# batch, then at most this often: an interrupted run redoes a few seconds.
CHECKPOINT_SECONDS = 2.0
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
_TEXT_SUFFIXES = (".txt", ".text", ".md")
_COMPRESSED = (".gz", ".zst")
# Spin score 0.5 when the share of restored words reaches the density at which
# restoration starts treating a document as spun.
_HALF_DENSITY = Options().min_density


class CleanError(Exception):
    """A problem with the job itself (not with one record): bad paths, options."""


@dataclass
class CleanSummary:
    """What a run did; printed at the end by the CLI."""

    read: int = 0
    written: int = 0
    rejected: int = 0
    edits: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    resumed_from: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    # Each reason's first rejection in full ("missing field 'text' (its
    # fields: 'id', 'body')"), where it says more than the reason.
    first: dict[str, str] = field(default_factory=dict)
    # Where the rejected records went (each with its source and reason).
    rejects: str = ""

    def format(self) -> str:
        rate = self.megabytes / self.seconds if self.seconds else 0.0
        lines = [
            f"records: {self.read} read, {self.written} written, {self.rejected} rejected"
            + (f" (resumed after {self.resumed_from})" if self.resumed_from else "")
            + (f" -> {self.rejects}" if self.rejected and self.rejects else ""),
            f"edits: {self.edits}; {self.megabytes:.2f} MB in {self.seconds:.1f} s ({rate:.2f} MB/s)",
        ]
        for reason, n in self.reasons.most_common():
            lines.append(f"  rejected {n}: {reason}")
            if self.first.get(reason, reason) != reason:
                lines.append(f"    the first: {self.first[reason]}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Record:
    source: str  # "path:line" or "path"
    text: str | None  # None: rejected
    record: dict[str, Any] | None
    reason: str = ""
    raw: str = ""
    size: int = 0

    def raw_text(self) -> str:
        """What the rejects file shows of the record: its raw form, cut at
        2,000 characters."""
        if self.raw or self.record is None:
            return self.raw
        return json.dumps(self.record, ensure_ascii=False)[:2000]


# -- reading --------------------------------------------------------------------


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    if path.suffix == ".zst":
        try:
            import zstandard
        except ImportError:  # pragma: no cover - depends on the install
            raise CleanError(
                f"{path}: reading .zst needs the zstandard package: pip install 'unspin[zstd]'"
            ) from None
        reader = zstandard.ZstdDecompressor().stream_reader(path.open("rb"))
        return cast(IO[bytes], io.BufferedReader(reader))  # readline() needs buffering
    return path.open("rb")


def _kind(path: Path) -> str:
    name = path.name[: -len(path.suffix)] if path.suffix in _COMPRESSED else path.name
    if name.endswith(_JSON_SUFFIXES):
        return "jsonl"
    if name.endswith(_TEXT_SUFFIXES):
        return "text"
    return ""


def _expand(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
            if not found:
                raise CleanError(
                    f"folder {path} holds no .jsonl/.json/.txt files (plain, .gz or .zst)"
                )
            paths += found
        elif path.is_file():
            if not _kind(path):
                raise CleanError(
                    f"{path}: unknown file type; use .jsonl/.json/.ndjson or .txt/.md, optionally .gz/.zst"
                )
            paths.append(path)
        else:
            raise CleanError(f"input {path} does not exist")
    return paths


def _reject(source: str, reason: str, raw: bytes | str) -> _Record:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    return _Record(source, None, None, reason, raw[:2000], len(raw))


def _parse_line(source: str, line: bytes, text_field: str, max_bytes: int) -> _Record:
    if len(line) > max_bytes:
        return _reject(source, f"too large ({len(line)} bytes > {max_bytes})", line[:2000])
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _reject(source, f"not valid UTF-8 (byte {exc.start})", line)
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return _reject(source, f"invalid JSON ({exc.msg} at column {exc.colno})", decoded)
    if not isinstance(record, dict):
        return _reject(source, "not a JSON object", decoded)
    if text_field not in record:
        fields = ", ".join(map(repr, list(record)[:_FIELDS_NAMED])) or "none"
        more = ", ..." if len(record) > _FIELDS_NAMED else ""
        return _reject(
            source, f"missing field {text_field!r} (its fields: {fields}{more})", decoded
        )
    text = record[text_field]
    if not isinstance(text, str):
        return _reject(source, f"field {text_field!r} is not text ({type(text).__name__})", decoded)
    return _Record(source, text, record, size=len(line))


# How many of a record's fields a "missing field" rejection names.
_FIELDS_NAMED = 8


# What the reader hands on: a JSON line not parsed yet ("path:line", bytes)
# or a record already made (a plain text file, or one rejected unread).
_Raw = tuple[str, bytes] | _Record


def _iter_lines(fh: IO[bytes], name: str, max_bytes: int) -> Iterator[_Raw]:
    """JSON Lines, unparsed; a line longer than ``max_bytes`` is rejected
    without ever being held in memory whole."""
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                size += len(rest)
            size += len(rest)
            yield _reject(
                f"{name}:{lineno}", f"too large ({size} bytes > {max_bytes})", line[:2000]
            )
            continue
        if line.strip():
            yield f"{name}:{lineno}", line.rstrip(b"\r\n")


def _iter_raw(paths: Sequence[Path], text_field: str, max_bytes: int) -> Iterator[_Raw]:
    """Every record of the files, in order: JSON lines unparsed, the rest made."""
    for path in paths:
        kind = _kind(path)
        try:
            with _open_binary(path) as fh:
                if kind == "text":
                    data = fh.read(max_bytes + 1)
                    if len(data) > max_bytes:
                        yield _reject(str(path), f"too large (> {max_bytes} bytes)", data[:2000])
                        continue
                    try:
                        text = data.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        yield _reject(str(path), f"not valid UTF-8 (byte {exc.start})", data)
                        continue
                    yield _Record(
                        str(path), text, {"id": str(path), text_field: text}, size=len(data)
                    )
                    continue
                yield from _iter_lines(fh, str(path), max_bytes)
        except (OSError, EOFError) as exc:  # truncated or corrupt compressed file
            yield _reject(str(path), f"unreadable file ({exc})", b"")


def _parsed(raw: _Raw, text_field: str, max_bytes: int) -> _Record:
    return raw if isinstance(raw, _Record) else _parse_line(*raw, text_field, max_bytes)


def iter_records(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_field: str = "text",
    max_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[_Record]:
    """Every record of the inputs, in order, good or rejected (with a reason)."""
    for raw in _iter_raw(_expand(inputs), text_field, max_bytes):
        yield _parsed(raw, text_field, max_bytes)


class CorpusTexts:
    """The texts of a corpus's good records, read again from the files on
    each iteration (memory stays bounded however large the corpus): what
    :func:`unspin.unpaired.learn_unpaired` reads on each of its passes. After a
    complete iteration, ``rejected`` holds the bad records it passed over
    and ``read`` the number of texts it handed on."""

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        text_field: str = "text",
        max_bytes: int = MAX_RECORD_BYTES,
    ) -> None:
        self.paths = _expand(inputs)
        self.text_field = text_field
        self.max_bytes = max_bytes
        self.rejected: list[_Record] = []
        self.read = 0

    def __iter__(self) -> Iterator[str]:
        rejected = []
        read = 0
        for record in iter_records(
            self.paths, text_field=self.text_field, max_bytes=self.max_bytes
        ):
            if record.text is None:
                rejected.append(record)
            else:
                read += 1
                yield record.text
        self.rejected, self.read = rejected, read


# -- restoring ------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(
    table_json: str | None, options: Options, explain: bool, text_field: str, max_bytes: int
) -> None:
    _WORKER["table"] = Table.loads(table_json) if table_json is not None else Table.default()
    _WORKER.update(options=options, explain=explain, text_field=text_field, max_bytes=max_bytes)


def restore_one(
    text: str, table: Table, options: Options, explain: bool = False
) -> tuple[str, int, float, list[dict[str, Any]] | None]:
    """One record's restored text, edit count, spin score and (optionally) edits.

    The score squashes the share of words restored into [0, 1): 0.5 when it
    reaches ``Options().min_density`` (3%), as the table part of source-free
    :func:`unspin.detect` does.
    """
    # The edits' descriptions are written only when asked for.
    result = _restore(text, table, None, options, explain=explain)
    words = count_words(text)
    density = len(result.edits) / words if words else 0.0
    score = round(density / (density + _HALF_DENSITY), 4) if density else 0.0
    edits = [e._asdict() for e in result.edits] if explain else None
    return result.text, len(result.edits), score, edits


class _Done(NamedTuple):
    """A record cleaned (or rejected) by a worker: what the writer needs."""

    size: int  # input bytes
    edits: int
    reason: str  # why it was rejected; "" when it was restored
    line: bytes  # the JSON line for the output (or the rejects file)


def _json_line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")


def _clean_batch(raws: Sequence[_Raw]) -> list[_Done]:
    """Parse, restore and serialize records (in a worker: the process that
    writes the output only reads lines and writes bytes)."""
    text_field: str = _WORKER["text_field"]
    out = []
    for raw in raws:
        record = _parsed(raw, text_field, _WORKER["max_bytes"])
        if record.text is None or record.record is None:
            rejected = {"source": record.source, "reason": record.reason, "raw": record.raw}
            out.append(_Done(record.size, 0, record.reason, _json_line(rejected)))
            continue
        try:
            text, n_edits, score, edits = restore_one(
                record.text, _WORKER["table"], _WORKER["options"], _WORKER["explain"]
            )
        except Exception as exc:  # a bug met on one record must not end the job
            reason = f"restore failed ({type(exc).__name__}: {exc})"
            rejected = {"source": record.source, "reason": reason, "raw": record.raw_text()}
            out.append(_Done(record.size, 0, reason, _json_line(rejected)))
            continue
        meta: dict[str, Any] = {"score": score, "edits": n_edits, "source": record.source}
        if edits is not None:
            meta["explain"] = edits
        line = _json_line({**record.record, text_field: text, "unspin": meta})
        out.append(_Done(record.size, n_edits, "", line))
    return out


# -- resuming -------------------------------------------------------------------


def job_key(
    paths: Sequence[Path],
    text_field: str,
    table: Table,
    options: Options,
    explain: bool,
    *,
    learned: bool = False,
    mode: str = "",
    clean: Sequence[Path] = (),
) -> str:
    """What identifies a job: its inputs (with sizes and modification times
    when learning, whose output does not show what it read), field, table,
    options, ``mode`` (how it learns: "open" for ``--open``) and the clean
    pages it learns beside (``--clean-pages``, with sizes and times)."""

    def files(found: Sequence[Path], stat: bool) -> list[list[object]]:
        out: list[list[object]] = []
        for p in found:
            st = p.stat() if stat else None
            out.append([str(p), *((st.st_size, st.st_mtime_ns) if st is not None else ())])
        return out

    job: list[object] = [files(paths, learned), text_field, table.sha256, repr(options), explain]
    job.append(learned)
    if mode or clean:
        job.append(mode)
    if clean:
        job.append(files(clean, True))
    return hashlib.sha256(json.dumps(job, sort_keys=True).encode()).hexdigest()[:16]


def _read_progress(path: Path, key: str) -> dict[str, int] | None:
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        raise CleanError(f"progress file {path} is unreadable; delete it to start over") from None
    if state.get("job") != key:
        raise CleanError(
            f"progress file {path} belongs to a different job (other inputs, field, table or "
            "options); delete it to start over"
        )
    return {k: int(v) for k, v in state.items() if k != "job"}


def _write_progress(path: Path, key: str, state: dict[str, int]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"job": key, **state}), encoding="utf-8")
    os.replace(tmp, path)


# -- the job --------------------------------------------------------------------


def clean_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    table: Table | None = None,
    text_field: str = "text",
    rejects: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    explain: bool = False,
    options: Options | None = None,
    max_bytes: int = MAX_RECORD_BYTES,
    overwrite: bool = False,
    progress: bool = True,
) -> CleanSummary:
    """Restore every record of ``inputs`` into ``output`` (JSON Lines).

    ``rejects`` defaults to ``OUTPUT.rejects.jsonl``. An existing output with
    a progress file of the same job is resumed; an existing complete output
    is only replaced with ``overwrite=True``.
    """
    if jobs < 1:
        raise CleanError(f"jobs must be at least 1, got {jobs}")
    paths = _expand(inputs)
    out_path = Path(output)
    rej_path = (
        Path(rejects)
        if rejects is not None
        else out_path.with_name(out_path.name + ".rejects.jsonl")
    )
    progress_path = out_path.with_name(out_path.name + ".progress")
    table = table if table is not None else Table.default()
    opts = options or Options()
    key = job_key(paths, text_field, table, opts, explain)
    state = _read_progress(progress_path, key)
    if state is None and out_path.exists() and not overwrite:
        raise CleanError(
            f"{out_path} exists and has no progress file (a finished run?); "
            "pass --overwrite to replace it"
        )
    done = state["records"] if state else 0
    summary = CleanSummary(resumed_from=done, rejects=str(rej_path))
    if state:
        summary.read, summary.written, summary.rejected = done, state["written"], state["rejected"]
        summary.edits = state["edits"]
        for p, size in ((out_path, state["output_bytes"]), (rej_path, state["rejects_bytes"])):
            with p.open("ab") as fh:
                fh.truncate(size)
    mode = "ab" if state else "wb"
    # Progress counts uncompressed record bytes: a total (and an ETA) only
    # when no input is compressed.
    compressed = any(p.suffix in _COMPRESSED for p in paths)
    total_bytes = None if compressed else sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    table_json = None if table is Table.default() else table.dumps()
    batch_size = BATCH_PER_JOB * jobs
    from tqdm import tqdm

    bar = tqdm(
        total=total_bytes,
        unit="B",
        unit_scale=True,
        desc="clean",
        file=sys.stderr,
        disable=not progress,
    )
    init = (table_json, opts, explain, text_field, max_bytes)
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=init) if jobs > 1 else None
    if pool is None:
        _init_worker(*init)
    try:
        with out_path.open(mode) as out, rej_path.open(mode) as rej:
            raws = _iter_raw(paths, text_field, max_bytes)
            for index, _ in zip(range(done), raws, strict=False):
                del index  # skip what an earlier run finished
            # Up to two batches in flight: workers restore the next batch while
            # this process reads, writes and checkpoints the previous one.
            pending: deque[Any] = deque()
            last_checkpoint = -math.inf  # the first batch is checkpointed at once
            batch: list[_Raw] = []
            for raw in itertools.chain(raws, [None]):
                if raw is not None:
                    batch.append(raw)
                    if len(batch) < batch_size:
                        continue
                pending.append(_submit(batch, pool, jobs))
                batch = []
                while pending and (len(pending) > 1 or raw is None):
                    _write(pending.popleft(), out, rej, summary, bar)
                    now = time.perf_counter()
                    if now - last_checkpoint >= CHECKPOINT_SECONDS or raw is None:
                        _checkpoint(progress_path, key, summary, out, rej)
                        last_checkpoint = now
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        bar.close()
    progress_path.unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - start
    return summary


# Each batch goes to the workers in this many pieces per job, so that a job
# given the slow (spun) records of a batch does not leave the others idle.
_PIECES_PER_JOB = 4


def _submit(batch: list[_Raw], pool: ProcessPoolExecutor | None, jobs: int) -> Any:
    """Start cleaning a batch: its results, or futures of them."""
    if pool is None:
        return _clean_batch(batch)
    piece = max(1, -(-len(batch) // (jobs * _PIECES_PER_JOB)))
    return [pool.submit(_clean_batch, batch[i : i + piece]) for i in range(0, len(batch), piece)]


def _write(pending: Any, out: IO[bytes], rej: IO[bytes], summary: CleanSummary, bar: Any) -> None:
    if pending and isinstance(pending[0], Future):
        results: list[_Done] = [row for future in pending for row in future.result()]
    else:
        results = pending
    for done in results:
        summary.read += 1
        summary.megabytes += done.size / 1e6
        if done.reason:
            summary.rejected += 1
            reason = done.reason.split(" (")[0]
            summary.reasons[reason] += 1
            summary.first.setdefault(reason, done.reason)
            rej.write(done.line)
        else:
            summary.written += 1
            summary.edits += done.edits
            out.write(done.line)
    bar.update(sum(done.size for done in results))
    elapsed = bar.format_dict.get("elapsed") or 0.0
    rate = (summary.read - summary.resumed_from) / elapsed if elapsed else 0.0
    bar.set_postfix_str(
        f"{summary.read} records, {rate:.0f} rec/s, {summary.rejected} rejected", refresh=False
    )


def _checkpoint(
    path: Path, key: str, summary: CleanSummary, out: IO[bytes], rej: IO[bytes]
) -> None:
    out.flush()
    rej.flush()
    os.fsync(out.fileno())
    os.fsync(rej.fileno())
    _write_progress(
        path,
        key,
        {
            "records": summary.read,
            "written": summary.written,
            "rejected": summary.rejected,
            "edits": summary.edits,
            "output_bytes": out.tell(),
            "rejects_bytes": rej.tell(),
        },
    )
