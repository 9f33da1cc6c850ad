"""The DuckDB backend: one file, one writing process (DuckDB locks the file)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Code, DatelineError
from .base import Store
from .registry import register_store


class DuckDBStore(Store):
    engine = "duckdb"
    # no index keeps rows in order: a top-N reads every row's keys, and fewer of them is faster
    bound_pages = True

    def __init__(self, db: str) -> None:
        super().__init__(db)
        import duckdb

        self._types: dict[str, dict[str, Any]] = {}

        path = Path(db).expanduser()
        if str(db) != ":memory:" and not path.parent.is_dir():
            raise DatelineError(
                Code.BAD_DATABASE,
                f"--db {db!r}: the folder {path.parent} does not exist; create it first",
            )
        try:
            self._con = duckdb.connect(str(path) if str(db) != ":memory:" else ":memory:")
        except duckdb.IOException as error:
            raise DatelineError(
                Code.BAD_DATABASE,
                f"--db {db!r} cannot be opened ({error}). DuckDB lets one process write a file "
                "at a time: stop the other dateline process, or use PostgreSQL for shared access",
            ) from None
        except duckdb.Error as error:
            raise DatelineError(
                Code.BAD_DATABASE, f"--db {db!r} is not a DuckDB database: {error}"
            ) from None

    def _begin(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        self._con.execute("ROLLBACK")

    def _execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(statement, list(params))

    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        self._con.executemany(statement, [list(row) for row in rows])

    def _insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """One ``INSERT ... SELECT`` from an Arrow table: DuckDB's ``executemany`` runs the
        statement once per row, which made writing a fifth of the ingest time."""
        import pyarrow as pa

        types = self._arrow_types(table)
        arrays = [
            pa.array([row[i] for row in rows], type=types[name]) for i, name in enumerate(columns)
        ]
        staged = pa.Table.from_arrays(arrays, names=list(columns))
        names = ", ".join(columns)
        self._con.register("dateline_staged", staged)
        try:
            self._con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM dateline_staged")
        finally:
            self._con.unregister("dateline_staged")

    def _arrow_types(self, table: str) -> dict[str, Any]:
        """The Arrow type of each column of ``table``, read from the database once."""
        import pyarrow as pa

        if table not in self._types:
            by_name = {
                "VARCHAR": pa.string(),
                "INTEGER": pa.int32(),
                "BIGINT": pa.int64(),
                "DOUBLE": pa.float64(),
                "DATE": pa.date32(),
                "TIMESTAMP": pa.timestamp("us"),
            }
            described = self._query(f"DESCRIBE {table}")
            self._types[table] = {
                row["column_name"]: by_name[row["column_type"]] for row in described
            }
        return self._types[table]

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._con.execute(statement, list(params))
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        self._con.close()


register_store(("file",), DuckDBStore)
