#!/usr/bin/env bash
# A private PostgreSQL cluster for ./run.sh, ./test.sh and the tests that control their own server.
#   scripts/pg.sh init  DIR              create a cluster in DIR (no-op when it exists)
#   scripts/pg.sh start DIR PORT [fast]  start it on 127.0.0.1:PORT (fast: no fsync, for throwaway data)
#   scripts/pg.sh stop  DIR              stop it (fast shutdown); no-op when it is not running
#   scripts/pg.sh status DIR             exit 0 when it runs
# PostgreSQL refuses to run as root: as root every server command runs as the 'postgres' user.
set -euo pipefail

find_pgbin() {
  if [ -n "${PGBIN:-}" ]; then echo "$PGBIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then dir=$(dirname "$(command -v pg_ctl)"); fi
  if [ -z "$dir" ]; then
    echo "pg.sh: PostgreSQL server binaries not found (install the 'postgresql' package)" >&2
    exit 1
  fi
  echo "$dir"
}

PGBIN=$(find_pgbin)

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,7p' "$0" >&2; exit 2; }

case "$cmd" in
  init)
    if [ -f "$dir/PG_VERSION" ]; then exit 0; fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_pg "$PGBIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 ${PG_INIT_NOSYNC:+--no-sync} >/dev/null
    ;;
  start)
    port=${3:?port}; mode=${4:-}
    if as_pg "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then exit 0; fi
    opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories="
    if [ "$mode" = fast ]; then
      # Throwaway data: no durability; room for the pools of several app instances in one test run.
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null; then
      echo "pg.sh: PostgreSQL did not start; the end of its log:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
    ;;
  stop)
    if [ -f "$dir/postmaster.pid" ]; then
      as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    ;;
  status)
    as_pg "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1
    ;;
  *)
    sed -n '2,7p' "$0" >&2; exit 2
    ;;
esac
