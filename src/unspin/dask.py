"""Restore on a Dask cluster: ``dask.bag`` and ``dask.dataframe`` helpers.

Past one machine, the batch cleaner runs on Dask rather than on a home-made
scheduler. The table is serialized once, wrapped in one ``dask.delayed``
object that every partition task depends on (so the scheduler ships it to
each worker once), and parsed once per worker process (cached by its hash).
With no table, each worker loads the embedded default itself.

    from dask.distributed import Client, LocalCluster
    import dask.bag as db
    import unspin.dask

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    bag = db.read_text("corpus-*.jsonl").map(json.loads)
    cleaned = unspin.dask.restore_records(bag, field="text")
    cleaned.map(json.dumps).to_textfiles("cleaned-*.jsonl")

    df = dd.read_parquet("pages.parquet")
    df = unspin.dask.restore_column(df, "body")   # adds body_edits, body_spin_score

Learning from spun text alone runs there too: ``learn_unpaired_bag(bag)``
maps the passes of :func:`unspin.learn_unpaired` over the bag's
partitions and merges their statistics (they add), giving the table one
process would learn.

Needs the extra: ``pip install 'unspin[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import reduce
from typing import Any

from .clean import restore_one
from .restore import Options
from .table import Table
from .unpaired import UnpairedStats, learn_from_passes

__all__ = ["learn_unpaired_bag", "restore_bag", "restore_column", "restore_records"]

_TABLES: dict[str, Table] = {}


def _shared_table(table: Table | None) -> Any:
    from dask.delayed import delayed

    if table is None:
        return None
    return delayed((table.sha256, table.dumps()), pure=True)


def _table(shared: tuple[str, str] | None) -> Table:
    if shared is None:
        return Table.default()
    sha, text = shared
    if sha not in _TABLES:
        _TABLES.clear()  # one table per worker process at a time
        _TABLES[sha] = Table.loads(text)
    return _TABLES[sha]


def _texts_partition(
    texts: list[str], shared: tuple[str, str] | None, options: Options
) -> list[str]:
    table = _table(shared)
    return [restore_one(t, table, options)[0] for t in texts]


def _records_partition(
    records: list[dict[str, Any]],
    shared: tuple[str, str] | None,
    options: Options,
    field: str,
    explain: bool,
) -> list[dict[str, Any]]:
    table = _table(shared)
    out: list[dict[str, Any]] = []
    for record in records:
        text = record.get(field) if isinstance(record, dict) else None
        if not isinstance(text, str):
            out.append(
                {"record": record, "unspin": {"error": f"field {field!r} missing or not text"}}
            )
            continue
        restored, n_edits, score, edits = restore_one(text, table, options, explain)
        meta: dict[str, Any] = {"score": score, "edits": n_edits}
        if edits is not None:
            meta["explain"] = edits
        out.append({**record, field: restored, "unspin": meta})
    return out


def restore_bag(bag: Any, *, table: Table | None = None, options: Options | None = None) -> Any:
    """A ``dask.bag.Bag`` of texts -> a bag of restored texts (same order)."""
    return bag.map_partitions(_texts_partition, _shared_table(table), options or Options())


def restore_records(
    bag: Any,
    *,
    field: str = "text",
    table: Table | None = None,
    options: Options | None = None,
    explain: bool = False,
) -> Any:
    """A bag of dict records -> records with ``field`` restored and an ``unspin``
    object (score, edits), as ``unspin clean`` writes them. A record without
    a text field comes back as ``{"record": ..., "unspin": {"error": ...}}``:
    nothing is dropped."""
    return bag.map_partitions(
        _records_partition, _shared_table(table), options or Options(), field, explain
    )


def _frame_partition(
    frame: Any, column: str, shared: tuple[str, str] | None, options: Options
) -> Any:
    table = _table(shared)
    frame = frame.copy()
    rows = [
        restore_one(t, table, options) if isinstance(t, str) else (t, 0, 0.0, None)
        for t in frame[column]
    ]
    frame[column] = [r[0] for r in rows]
    frame[f"{column}_edits"] = [r[1] for r in rows]
    frame[f"{column}_spin_score"] = [r[2] for r in rows]
    return frame


def restore_column(
    df: Any, column: str = "text", *, table: Table | None = None, options: Options | None = None
) -> Any:
    """A ``dask.dataframe.DataFrame`` with ``column`` restored, plus
    ``{column}_edits`` and ``{column}_spin_score`` columns. Non-text cells
    (missing values) are left as they are, with 0 edits."""
    import pandas as pd

    meta = df._meta.assign(
        **{
            f"{column}_edits": pd.Series(dtype="int64"),
            f"{column}_spin_score": pd.Series(dtype="float64"),
        }
    )
    return df.map_partitions(
        _frame_partition, column, _shared_table(table), options or Options(), meta=meta
    )


def _pass_partition(
    texts: Iterable[str], one_pass: Callable[[Iterable[str]], UnpairedStats]
) -> list[UnpairedStats]:
    return [one_pass(list(texts))]


def learn_unpaired_bag(
    bag: Any,
    *,
    base: Table | None = None,
    clean: Any = None,
    **options: Any,
) -> Table:
    """:func:`unspin.learn_unpaired` over a ``dask.bag.Bag`` of spun texts
    (``clean``: an optional bag of clean text of the same kind); ``options``
    are its keyword arguments (``min_count``, ``require_synonym``, ...). Each
    pass runs on the partitions in parallel; their statistics are merged in
    partition order on the client, and the table is the one a single process
    learns from the same texts."""

    def run(one_pass: Callable[[Iterable[str]], UnpairedStats]) -> UnpairedStats:
        return _merged(bag, one_pass)

    reference = None
    if clean is not None:
        from functools import partial

        from .unpaired import count_pass

        reference = _merged(clean, partial(count_pass, base=Table())).counts_only()
    return learn_from_passes(run, base=base, reference=reference, **options)


def _merged(bag: Any, one_pass: Callable[[Iterable[str]], UnpairedStats]) -> UnpairedStats:
    from dask.delayed import delayed

    # One copy of the pass (and the base table it holds) per worker, not one
    # per partition.
    shared = delayed(one_pass, pure=False, traverse=False)
    parts: list[UnpairedStats] = bag.map_partitions(_pass_partition, shared).compute()
    return reduce(UnpairedStats.merge, parts, UnpairedStats())
