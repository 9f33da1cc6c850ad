"""Exports: every row, in every format, carries its evidence sentence and source URL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.errors import DatelineError
from dateline.export import GDELT_COLUMNS, cameo_roots, export, sidecar_path
from dateline.export.gdelt import SIDECAR_COLUMNS
from dateline.fusion import fuse
from dateline.store import Store, open_store
from helpers_store import fusion_records, small_record


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "export.duckdb"))
    for record in [*fusion_records(), small_record(1)]:
        opened.add_record(record)
    fuse(opened)
    yield opened
    opened.close()


def test_csv(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == 5
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert all(r["evidence"] and r["url"] for r in rows)
    kyiv = next(r for r in rows if r["site"] == "Kyiv Ledger")
    assert kyiv["actor_countries"] == "RUS" and kyiv["recipient_countries"] == "UKR"
    assert json.loads(kyiv["quantities"])[0]["value"] == 12
    assert kyiv["cluster_id"]


def test_parquet(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out, {"type": "ASSAULT"}) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3
    rows = table.to_pylist()
    assert all(r["evidence"] and r["url"] for r in rows)
    assert {r["place_lat"] for r in rows} == {49.7106}
    assert str(table.schema.field("day").type) == "date32[day]"
    assert str(table.schema.field("actor_countries").type) == "list<element: string>"
    assert table.schema.field("killed").type == "double"


def test_jsonl(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export(store, "jsonl", out)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 5
    assert all(r["evidence"] and r["url"] and "actors" in r for r in rows)


def test_gdelt(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    export(store, "gdelt", out)
    lines = out.read_text("utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID"
    assert not lines[0].startswith("GLOBALEVENTID")  # GDELT files have no header
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    assert len(rows) == 5
    assert all(r["SOURCEURL"] for r in rows)
    kyiv = next(r for r in rows if "kyivledger" in r["SOURCEURL"])
    assert kyiv["SQLDATE"] == "20250314" and kyiv["MonthYear"] == "202503"
    assert kyiv["Year"] == "2025"
    assert (kyiv["Actor1Name"], kyiv["Actor1CountryCode"], kyiv["Actor1Type1Code"]) == (
        "RUSSIA", "RUS", "MIL",
    )  # fmt: skip
    assert kyiv["Actor1Code"] == "RUSMIL" and kyiv["Actor2CountryCode"] == "UKR"
    assert (kyiv["EventCode"], kyiv["EventRootCode"], kyiv["QuadClass"]) == ("190", "19", "4")
    assert float(kyiv["GoldsteinScale"]) == -10.0
    assert (kyiv["NumSources"], kyiv["NumArticles"], kyiv["NumMentions"]) == ("3", "3", "1")
    # places in GDELT's FIPS 10-4 country codes, with a geographic type
    assert kyiv["ActionGeo_FullName"] == "Kupiansk" and kyiv["ActionGeo_CountryCode"] == "UP"
    assert kyiv["ActionGeo_Type"] in {"1", "4", "5"}
    assert kyiv["ActionGeo_ADM1Code"].startswith("UP")
    assert 0 < int(kyiv["GLOBALEVENTID"]) < 2**53 and kyiv["DATEADDED"].isdigit()
    talks = next(r for r in rows if r["EventRootCode"] == "04")
    # a reciprocal meeting: the second actor stands as Actor2
    assert (talks["Actor2CountryCode"], talks["QuadClass"], talks["GoldsteinScale"]) == (
        "KEN", "1", "1.0",
    )  # fmt: skip
    assert talks["NumSources"] == "1"
    # dateline's own fields in the sidecar, keyed by GLOBALEVENTID
    with sidecar_path(out).open(encoding="utf-8", newline="") as handle:
        extra = {r["GLOBALEVENTID"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert list(next(iter(extra.values()))) == list(SIDECAR_COLUMNS)
    assert set(extra) == {r["GLOBALEVENTID"] for r in rows}
    assert extra[kyiv["GLOBALEVENTID"]]["PloverType"] == "ASSAULT"
    assert all(r["Evidence"] and r["Modality"] for r in extra.values())


def test_gdelt_reads_with_gdelt_column_list(store: Store, tmp_path: Path) -> None:
    """Readers written for real GDELT 2.0 files (no header, names given) round-trip ids."""
    import duckdb
    import pyarrow.csv as pacsv

    out = tmp_path / "events.export.CSV"
    export(store, "gdelt", out)
    table = pacsv.read_csv(
        out,
        read_options=pacsv.ReadOptions(column_names=list(GDELT_COLUMNS)),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
    )
    ids = table.column("GLOBALEVENTID").to_pylist()
    assert table.num_rows == 5 and all(isinstance(i, int) and 0 < i < 2**53 for i in ids)
    assert all(19000101 <= d <= 21001231 for d in table.column("SQLDATE").to_pylist())
    names = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS)
    rows = duckdb.sql(
        f"SELECT GLOBALEVENTID FROM read_csv('{out}', delim='\t', header=false, "
        f"columns={{{names}}})"
    ).fetchall()
    side = pacsv.read_csv(sidecar_path(out), parse_options=pacsv.ParseOptions(delimiter="\t"))
    assert sorted(int(r[0]) for r in rows) == sorted(ids)
    assert sorted(side.column("GLOBALEVENTID").to_pylist()) == sorted(ids)


def test_csv_cells_are_safe(tmp_path: Path) -> None:
    from dateline.export.flat import FLAT_COLUMNS, write_csv

    event = {
        "id": "e1",
        "evidence": '=HYPERLINK("x")\nsecond line',
        "title": "-3 killed",
        "place_lon": -73.9,
        "actors": [{"name": "@someone", "country": "USA"}],
    }
    out = tmp_path / "e.csv"
    write_csv([event], out)
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert list(row) == list(FLAT_COLUMNS)
    assert row["evidence"] == '\'=HYPERLINK("x") second line'
    assert row["title"] == "'-3 killed" and row["actors"] == "'@someone"
    assert float(row["place_lon"]) == -73.9  # numbers stay numbers


def test_goldstein_table_covers_every_root() -> None:
    table = cameo_roots()
    assert sorted(table) == [f"{n:02d}" for n in range(1, 21)]
    assert all(-10 <= g <= 10 and q in (1, 2, 3, 4) for g, q in table.values())


def test_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(DatelineError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x.xlsx")


def test_cli_export_and_fuse(store: Store, tmp_path: Path) -> None:
    from dateline.cli.store import register

    db = store.db
    store.close()
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dateline (test)"""

    register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["fuse", "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 cluster(s) of 3 event(s); 1 with figures that differ" in result.output
    for fmt, name in (("csv", "e.csv"), ("gdelt", "e.tsv"), ("jsonl", "e.jsonl")):
        out = tmp_path / name
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", db])
        assert result.exit_code == 0, result.output
        assert f"wrote 5 event(s) to {out}" in result.output
        assert "https://kyivledger.example/" in out.read_text("utf-8")
    result = runner.invoke(
        app, ["export", "--format", "xml", "--out", str(tmp_path / "x"), "--db", db]
    )
    assert result.exit_code == 2 and "unknown export format" in result.output


def test_dyads_and_geojson(store: Store, tmp_path: Path) -> None:
    from dateline.export import DYAD_COLUMNS

    dyads = tmp_path / "dyads.csv"
    export(store, "dyads", dyads)
    with dyads.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(DYAD_COLUMNS)
    strike = next(r for r in rows if (r["actor_country"], r["type"]) == ("RUS", "ASSAULT"))
    assert strike["recipient_country"] == "UKR" and int(strike["events"]) >= 1
    assert sum(int(r["articles"]) for r in rows) >= int(strike["articles"])
    geo = tmp_path / "events.geojson"
    export(store, "geojson", geo)
    collection = json.loads(geo.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    feature = collection["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, feature["properties"]["place_name"]) == (49.7106, "Kupiansk")
    assert feature["properties"]["evidence"] and feature["properties"]["url"]


def test_every_file_loads_with_its_types_in_pandas_pyarrow_and_duckdb(
    store: Store, tmp_path: Path
) -> None:
    import duckdb
    import pandas as pd
    import pyarrow.parquet as pq

    from dateline.export import FLAT_COLUMNS

    csv_file, parquet_file = tmp_path / "e.csv", tmp_path / "e.parquet"
    export(store, "csv", csv_file, {})
    export(store, "parquet", parquet_file, {})
    frame = pd.read_csv(csv_file)
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert frame["confidence"].dtype.kind == "f" and frame["place_lat"].dtype.kind == "f"
    table = pd.read_parquet(parquet_file)
    assert str(table["day"].dtype).startswith(("date", "object")) or table["day"].dtype.kind == "M"
    assert list(table["actor_countries"].iloc[0]) and table["killed"].dtype.kind == "f"
    arrow = pq.read_table(parquet_file)
    assert str(arrow.schema.field("published").type) == "date32[day]"
    [(count, top)] = duckdb.sql(
        f"SELECT count(*), max(confidence) FROM '{parquet_file}'"
    ).fetchall()
    assert count == 5 and 0 < top <= 1
    gdelt = tmp_path / "e.tsv"
    export(store, "gdelt", gdelt, {})
    events = pd.read_csv(gdelt, sep="\t", header=None, names=list(GDELT_COLUMNS))
    assert events["GLOBALEVENTID"].dtype.kind == "i" and (events["GLOBALEVENTID"] < 2**53).all()
    extra = pd.read_csv(sidecar_path(gdelt), sep="\t")
    assert set(extra["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
