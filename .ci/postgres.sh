#!/usr/bin/env bash
# Install PostgreSQL (if missing), start a throw-away cluster on 127.0.0.1 and create a
# database for dateline's tests. Its last line on stdout is the variable to export:
#     eval "$(bash .ci/postgres.sh)"   # DATELINE_TEST_POSTGRES=postgresql://...
# (everything else goes to stderr). Stop the server with
#     runuser -u postgres -- pg_ctl -D "$PGDATA_DIR" stop
set -euo pipefail

PGPORT="${DATELINE_PG_PORT:-54329}"
PGDATA_DIR="${DATELINE_PG_DATA:-/tmp/dateline-pg}"
PGDB="${DATELINE_PG_DB:-dateline_test}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_postgres "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
    if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
        mkdir -p "$PGDATA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
        as_postgres "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 >&2
    fi
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off" start >&2
fi

if ! as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PGDB'" | grep -q 1; then
    as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
fi

export DATELINE_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$PGPORT/$PGDB"
echo "export DATELINE_TEST_POSTGRES=$DATELINE_TEST_POSTGRES"
