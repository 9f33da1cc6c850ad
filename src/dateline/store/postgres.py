"""The PostgreSQL backend, for a server shared by several users (``--db postgresql://...``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import Code, DatelineError
from . import sql
from .base import Store
from .registry import register_store

_MARK = re.compile(r"\?")
#: any constant: it keys the advisory lock that serialises migrations across processes
_MIGRATION_LOCK = 7_311_042


def _pg(statement: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (no statement holds a literal ``?`` or ``%``)."""
    return _MARK.sub("%s", statement)


class PostgresStore(Store):
    engine = "postgres"

    def __init__(self, db: str) -> None:
        super().__init__(db)
        import psycopg
        from psycopg.rows import dict_row

        try:
            self._con = psycopg.connect(db, autocommit=True, row_factory=dict_row)
        except psycopg.Error as error:
            raise DatelineError(
                Code.BAD_DATABASE,
                f"cannot connect to {_redact(db)}: {str(error).strip()}. Check that the server "
                "runs, and the user, password and database in the URL",
            ) from None
        self._transaction: Any = None

    def _begin(self) -> None:
        self._transaction = self._con.transaction()
        self._transaction.__enter__()

    def _commit(self) -> None:
        transaction, self._transaction = self._transaction, None
        transaction.__exit__(None, None, None)

    def _rollback(self) -> None:
        transaction, self._transaction = self._transaction, None
        error = RuntimeError("rolled back")
        transaction.__exit__(type(error), error, None)

    def _lock_migrations(self) -> None:
        self._con.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def _execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(_pg(statement), list(params))

    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._con.cursor() as cursor:
            cursor.executemany(_pg(statement), [list(row) for row in rows])

    def _insert_articles(self, rows: Sequence[Sequence[Any]]) -> set[str]:
        """The insert decides: rows are copied into a temporary table, then inserted with
        ``ON CONFLICT DO NOTHING RETURNING id``. A second writer inserting the same article
        waits for the first to commit, then gets nothing back and writes nothing more for it.
        Inserting in id order keeps two such writers from deadlocking."""
        from .base import columns_of

        columns = columns_of(sql.INSERT_ARTICLE)
        names = ", ".join(columns)
        self._con.execute(sql.PG_STAGE_ARTICLES)
        self._insert_rows("dateline_new_articles", columns, rows)
        with self._con.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO articles ({names}) SELECT {names} FROM dateline_new_articles "
                "ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id"
            )
            return {row["id"] for row in cursor.fetchall()}

    def _insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """``COPY ... FROM STDIN``: one round trip for the whole batch."""
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self._con.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._con.cursor() as cursor:
            cursor.execute(_pg(statement), list(params))
            return list(cursor.fetchall()) if cursor.description else []

    def close(self) -> None:
        self._con.close()


def _redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


register_store(("postgresql", "postgres"), PostgresStore)
