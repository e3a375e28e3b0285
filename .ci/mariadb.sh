#!/usr/bin/env bash
# A throwaway MariaDB server on 127.0.0.1 for the tests that connect real MySQL drivers.
#   .ci/mariadb.sh start   installs mariadb-server from Debian if missing, starts a fresh server,
#                          prints the variable that points the tests at it
#   .ci/mariadb.sh stop    stops it and removes its files
# It lives in $GC_MARIADB_DIR (default /tmp/gc-test-mariadb) and listens on $GC_MARIADB_PORT
# (default 33069), never on the system server's port or socket.
# The general query log goes to the mysql.general_log table, which the test user may read: the
# generated MySQL and MariaDB connectors read their query history (lineage, usage, GetQueries) there.
set -euo pipefail
DIR=${GC_MARIADB_DIR:-/tmp/gc-test-mariadb}
PORT=${GC_MARIADB_PORT:-33069}
USER_NAME=gctest
PASSWORD=gctest-only
DATABASE=gctest

start() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends mariadb-server </dev/null >/dev/null
  fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  local owner=()
  if [ "$(id -u)" = 0 ]; then owner=(--user=mysql); chown mysql "$DIR"; fi
  mariadb-install-db "${owner[@]}" --datadir="$DIR/data" --auth-root-authentication-method=normal >"$DIR/install.log" 2>&1
  /usr/sbin/mariadbd "${owner[@]}" --datadir="$DIR/data" --socket="$DIR/mysqld.sock" --pid-file="$DIR/mysqld.pid" \
    --bind-address=127.0.0.1 --port="$PORT" --skip-name-resolve --general-log=1 --log-output=TABLE \
    >"$DIR/server.log" 2>&1 &
  for _ in $(seq 100); do
    mariadb-admin --socket="$DIR/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb --socket="$DIR/mysqld.sock" -uroot -e "
    CREATE DATABASE $DATABASE;
    CREATE USER '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
    GRANT ALL ON $DATABASE.* TO '$USER_NAME'@'127.0.0.1';
    GRANT SELECT ON mysql.general_log TO '$USER_NAME'@'127.0.0.1';"
  echo "GC_TEST_MARIADB_URL=mysql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
}

stop() {
  if [ -f "$DIR/mysqld.pid" ]; then
    kill "$(cat "$DIR/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$DIR/mysqld.pid" ] || break; sleep 0.2; done
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
