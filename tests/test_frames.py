"""The data-platform entry points: rows, pandas, Arrow, and the README's Dask example on a local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import ROWS, records, run_batch, write_catalogue

from exolabel.catalogue.frames import check_arrow, check_frame, check_rows, frame_meta
from exolabel.catalogue.write import COLUMNS

OPTS = {"column": "ingredients", "id_column": "sku", "name_column": "name", "claims_column": "claims"}


def _cli_records(tmp_path: Path, capsys) -> list[dict]:
    cat = write_catalogue(tmp_path / "cat.jsonl")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "o.jsonl"), "-j", "1")
    return records(tmp_path / "o.jsonl")


def test_check_rows_gives_the_records_the_command_writes(tmp_path: Path, capsys) -> None:
    assert list(check_rows(ROWS, **OPTS)) == _cli_records(tmp_path, capsys)


def test_check_frame_keeps_the_index_and_the_columns(tmp_path: Path, capsys) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(ROWS, index=[10, 11, 12, 13, 14])
    out = check_frame(df, **{k: v for k, v in OPTS.items() if k != "column"})
    assert list(out.columns) == list(COLUMNS) and list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.dtypes) == list(frame_meta().dtypes)
    assert out["status"].tolist() == [r["status"] for r in _cli_records(tmp_path, capsys)]


def test_check_arrow_returns_a_batch_with_the_result_schema() -> None:
    pa = pytest.importorskip("pyarrow")
    from exolabel.catalogue.write import arrow_schema

    got = check_arrow(pa.RecordBatch.from_pylist(ROWS), **{k: v for k, v in OPTS.items() if k != "column"})
    assert got.schema == arrow_schema() and got.num_rows == len(ROWS)
    assert got.column("status").to_pylist()[3] == "error"


def test_readme_dask_example_on_a_local_cluster() -> None:
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import exolabel.catalogue.frames as xf

    df = pd.DataFrame(ROWS * 40)
    # --- README: "Dask" ---
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        products = dd.from_pandas(df, npartitions=4)  # or dd.read_parquet("s3://bucket/catalogue/")
        results = products.map_partitions(xf.check_frame, id_column="sku", name_column="name", meta=xf.frame_meta())
        flagged = results[results["ev_terms"].map(len, meta=("ev_terms", "int64")) > 0].compute()
    # --- end ---
    assert len(flagged) == 3 * 40 and set(flagged["id"]) == {"A1", "A3", "A5"}
