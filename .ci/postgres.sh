#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the tests that need a real database.
#   .ci/postgres.sh start   installs PostgreSQL from Debian if missing, starts a fresh cluster,
#                           prints the variable that points the tests at it
#   .ci/postgres.sh stop    stops the cluster and removes its files
# The cluster lives in $GC_PG_DIR (default /tmp/gc-test-postgres: not named generator-*, a name
# yo's generator lookup would try to read) and listens on $GC_PG_PORT (default 54329), not on the
# system cluster's port, so it never meets a developer's own server.
# pg_stat_statements is loaded and created in the test database: the generated PostgreSQL
# connectors read their query history (lineage, usage, the GetQueries step) from it.
set -euo pipefail
DIR=${GC_PG_DIR:-/tmp/gc-test-postgres}
PORT=${GC_PG_PORT:-54329}
USER_NAME=omhost
PASSWORD=omhost-test-only

server_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# initdb and postgres refuse to run as root: as root the cluster belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ -z "$(server_bin)" ] || [ ! -x "$(server_bin)/initdb" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql </dev/null >/dev/null
  fi
  local bin
  bin=$(server_bin)
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  printf '%s\n' "$PASSWORD" >"$DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR/pwfile"
  as_owner "$bin/initdb" -D "$DIR/data" -U "$USER_NAME" --pwfile="$DIR/pwfile" -A scram-sha-256 >"$DIR/initdb.log"
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c shared_preload_libraries=pg_stat_statements" \
    start >/dev/null
  PGPASSWORD=$PASSWORD "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres \
    -c "CREATE DATABASE $USER_NAME" >/dev/null
  PGPASSWORD=$PASSWORD "$bin/psql" -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d "$USER_NAME" \
    -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  echo "GC_TEST_POSTGRES_URL=postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$USER_NAME"
}

stop() {
  local bin
  bin=$(server_bin)
  if [ -n "$bin" ] && [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
