#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite's PostgreSQL leg (issue 19).
#
#   bash tests/pg/server.sh start        # initdb into a temporary folder, start, print the URL
#   bash tests/pg/server.sh url          # the SQLAlchemy URL of the running server
#   bash tests/pg/server.sh stop         # stop it and delete its folder
#   bash tests/pg/server.sh run -- CMD…  # start, run CMD with ONSITEDESK_TEST_PG_URL set, stop
#                                        # (stopped by a trap, also when CMD fails or is killed)
#
# Debian's `postgresql` package (installed with apt-get when no initdb is found; as root, or
# through sudo). The cluster lives in a temporary folder (its path is kept in $STATE), listens
# on 127.0.0.1 only, on a free port, with no Unix socket outside that folder; pg_hba.conf lets
# only the test role `onsitedesk` in, from 127.0.0.1, with trust auth (nothing else is
# reachable: no password to keep). fsync is off: the data is thrown away afterwards.
#
# initdb and postgres refuse to run as root. As root the server runs as the system user
# `onsitedesk-pg` (created here, no home, no login shell) through `runuser`: a user of its own
# rather than `nobody`, so the cluster's files belong to nobody else and `nobody` keeps owning
# no files. As any other user the server runs as that user.
set -euo pipefail

STATE="${ONSITEDESK_PG_STATE:-${TMPDIR:-/tmp}/onsitedesk-pg-$(id -u).state}"
PG_USER="onsitedesk-pg"
export PATH="$PATH:/usr/sbin:/sbin"  # runuser, useradd (a root PATH may lack them)
ROLE="onsitedesk"

find_bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
}

install_postgresql() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "== installing Debian's postgresql (apt-get)" >&2
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql >/dev/null
}

as_server() {  # run a server binary as the unprivileged owner of the cluster
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  if [ -f "$STATE" ]; then echo "already started: $(cat "$STATE")" >&2; exit 1; fi
  local bindir dir port
  bindir="$(find_bindir)"
  if [ -z "$bindir" ]; then install_postgresql; bindir="$(find_bindir)"; fi
  [ -n "$bindir" ] || { echo "no initdb after installing postgresql" >&2; exit 1; }
  # memory-backed /dev/shm when there is one (CREATE DATABASE per test copies files), else
  # the temporary folder (as root /tmp: a folder the server's user can reach)
  local base="${ONSITEDESK_PG_TMP:-}"
  if [ -z "$base" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm
    elif [ "$(id -u)" -eq 0 ]; then base=/tmp
    else base="${TMPDIR:-/tmp}"; fi
  fi
  dir="$(mktemp -d "$base/onsitedesk-pg.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then
    id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
    chown "$PG_USER" "$dir"
  fi
  chmod 700 "$dir"
  as_server "$bindir/initdb" -D "$dir/data" -U "$ROLE" -A trust -E UTF8 --no-locale \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # only the test role, only over TCP from 127.0.0.1 (no local-socket or other-host entry)
  echo "host all $ROLE 127.0.0.1/32 trust" | as_server tee "$dir/data/pg_hba.conf" >/dev/null
  local tries=0
  while :; do
    port="$(free_port)"
    echo "$bindir $dir $port" >"$STATE"
    if as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then cat "$dir/server.log" >&2; stop; exit 1; fi
  done
  url
}

url() {
  [ -f "$STATE" ] || { echo "not started" >&2; exit 1; }
  local bindir dir port
  read -r bindir dir port <"$STATE"
  echo "postgresql+psycopg://$ROLE@127.0.0.1:$port/postgres"
}

stop() {
  [ -f "$STATE" ] || return 0
  local bindir dir port
  read -r bindir dir port <"$STATE"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$STATE"
}

case "${1:-}" in
  start) start ;;
  url) url ;;
  stop) stop ;;
  run)
    shift; [ "${1:-}" = "--" ] && shift
    STATE="$(mktemp -u "${TMPDIR:-/tmp}/onsitedesk-pg-run.XXXXXX")"  # a server of its own
    child=""
    trap stop EXIT
    # a signal stops the command, then the EXIT trap stops the server (the command runs in
    # the background so that the shell is not waiting for it and takes the signal at once)
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; exit 130' INT TERM
    ONSITEDESK_TEST_PG_URL="$(start)"
    export ONSITEDESK_TEST_PG_URL
    "$@" &
    child=$!
    set +e
    wait "$child"
    rc=$?
    exit "$rc"
    ;;
  *) echo "usage: $0 start|url|stop|run -- COMMAND…" >&2; exit 2 ;;
esac
