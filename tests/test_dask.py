"""unspin.dask on a real distributed.LocalCluster started by the test."""

from __future__ import annotations

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import unspin  # noqa: E402
import unspin.dask as ud  # noqa: E402
from conftest import CARS, MENTIONED  # noqa: E402
from unspin import Table  # noqa: E402

TEXTS = [f"Officials mentioned the struggle ended, item {i}." for i in range(20)] + [
    "Nothing to fix."
]


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with Client(cluster) as c:
        yield c
    cluster.close()


def table() -> Table:
    t = Table()
    t.add("mentioned", "said", 20)
    t.add("struggle", "war", 20)
    return t


def test_restore_bag_matches_restore(client) -> None:
    bag = db.from_sequence(TEXTS, npartitions=4)
    got = ud.restore_bag(bag, table=table()).compute()
    assert got == [unspin.restore(t, table=table()) for t in TEXTS]
    assert got[0] == "Officials said the war ended, item 0."
    # the default table, loaded by each worker itself
    assert ud.restore_bag(db.from_sequence(["Nothing to fix."]), table=None).compute() == [
        "Nothing to fix."
    ]


def test_restore_records_keeps_fields_and_bad_records(client) -> None:
    records = [{"id": i, "text": t} for i, t in enumerate(TEXTS)] + [{"id": 99}]
    out = ud.restore_records(db.from_sequence(records, npartitions=3), table=table()).compute()
    assert [r.get("id", r.get("record", {}).get("id")) for r in out] == [
        *list(range(len(TEXTS))),
        99,
    ]
    assert (
        out[0]["text"] == "Officials said the war ended, item 0." and out[0]["unspin"]["edits"] == 2
    )
    assert "error" in out[-1]["unspin"]


def test_restore_column(client) -> None:
    frame = pd.DataFrame({"id": range(len(TEXTS)), "body": TEXTS})
    df = dd.from_pandas(frame, npartitions=3)
    out = ud.restore_column(df, "body", table=table()).compute()
    assert list(out["body"]) == [unspin.restore(t, table=table()) for t in TEXTS]
    assert list(out["body_edits"])[:2] == [2, 2] and out["body_edits"].iloc[-1] == 0
    assert out["body_spin_score"].dtype == "float64"


def test_learn_unpaired_on_a_cluster_gives_the_one_process_table(client) -> None:
    # The careful learner takes a thesaurus synonym ("car"); the open one,
    # an original the corpus is missing ("said").
    for careful, spun in ((True, list(CARS) * 3), (False, list(MENTIONED))):
        one = unspin.learn_unpaired(spun, require_synonym=careful)
        bag = db.from_sequence(spun, npartitions=4)
        many = ud.learn_unpaired_bag(bag, require_synonym=careful)
        assert many.sha256 == one.sha256 and len(one) >= 1
        if careful:
            assert one.candidates("automobile") == [("car", 18)]
        else:
            assert one.candidates("mentioned")[0][0] == "said"
