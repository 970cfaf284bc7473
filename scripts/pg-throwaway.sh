#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and local development.
#
#   scripts/pg-throwaway.sh start    start a fresh cluster; prints its connection string on stdout
#   scripts/pg-throwaway.sh stop     stop it and delete every file it had
#   scripts/pg-throwaway.sh status   print the connection string if it is running (exit 1 if not)
#   scripts/pg-throwaway.sh env      print `export ZHIZHI_TEST_PG=...` (for: eval "$(scripts/pg-throwaway.sh env)")
#
# The cluster lives in a fresh temp dir, listens only on 127.0.0.1 on a free port, and is
# tuned for speed, not durability (fsync off). It never touches the system cluster (5432).
# Role `zhizhi` (password `zhizhi`, LOGIN CREATEDB, not superuser) owns database `zhizhi`:
# connecting to a database it owns lets it CREATE SCHEMA there (PostgreSQL 15 no longer
# grants that on `postgres`/public to everyone), and CREATEDB lets tests make one database
# per township.
#
# Where the cluster is recorded: the state file $ZHIZHI_PG_STATE (default: one per user, in
# $XDG_RUNTIME_DIR or ~/.cache/zhizhi), so `stop` finds what `start` made. scripts/test.sh
# points it at a state file of its own, so a developer's cluster and a test run never collide.
#
# Knobs (all optional): ZHIZHI_PG_STATE, ZHIZHI_PG_TMP (parent of the temp dir, default
# /tmp: it must be reachable by the `postgres` user, which /root/... is not), ZHIZHI_PG_BIN
# (dir holding initdb/pg_ctl), ZHIZHI_PG_PORT (fixed port instead of a free random one).
set -euo pipefail

# Default state file in a per-user private dir, not /tmp: it is `source`d, and a predictable
# file in a world-writable dir could be planted by another user.
STATE=${ZHIZHI_PG_STATE:-${XDG_RUNTIME_DIR:-${HOME:-/tmp}/.cache}/zhizhi/pg-throwaway.state}
mkdir -p "$(dirname "$STATE")"
PG_ROLE=zhizhi
PG_PASSWORD=zhizhi
PG_DB=zhizhi

log() { echo "pg-throwaway: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Newest installed server binaries. Debian keeps them out of PATH in /usr/lib/postgresql/N/bin.
find_pg_bin() {
  if [[ -n ${ZHIZHI_PG_BIN:-} ]]; then echo "$ZHIZHI_PG_BIN"; return; fi
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  if [[ -n $d && -x $d/initdb ]]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  die "PostgreSQL server binaries (initdb) not found; install them: apt-get install -y postgresql"
}

# initdb and postgres refuse to run as root, so as root we run them as `postgres` (created by
# Debian's postgresql-common) or, failing that, a dedicated system user we create.
# A non-root developer simply runs them as themselves.
pick_run_user() {
  if [[ $(id -u) -ne 0 ]]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  if ! id zhizhi-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin zhizhi-pg >&2
  fi
  echo zhizhi-pg
}

# Run a command as RUN_USER. `cd` into the cluster dir first: otherwise the server tools
# complain that they cannot access the caller's cwd (e.g. /root) as the `postgres` user.
as_pg() {
  if [[ $RUN_USER == "$(id -un)" ]]; then
    (cd "$BASE" && "$@")
  else
    (cd "$BASE" && runuser -u "$RUN_USER" -- "$@")
  fi
}

# Is something already listening on 127.0.0.1:$1? Pure bash (no python/ss on a bare machine).
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  if [[ -n ${ZHIZHI_PG_PORT:-} ]]; then echo "$ZHIZHI_PG_PORT"; return; fi
  local p _
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return; fi
  done
  die "no free TCP port found on 127.0.0.1"
}

conn_string() {
  # Timeout=60: opening a connection (fork + SCRAM) took over Npgsql's default 15 s once when the full
  # suite, Chromium and the background sweeps of hundreds of test townships shared two cores.
  echo "Host=127.0.0.1;Port=$PORT;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$PG_DB;Timeout=60"
}

load_state() {
  [[ -f $STATE ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE"
  [[ -n ${BASE:-} ]]
}

is_running() {
  [[ -n ${BASE:-} && -n ${PG_BIN:-} && -f $BASE/data/postmaster.pid ]] \
    && as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" status >/dev/null 2>&1
}

write_state() {
  # Written as soon as the temp dir exists, so `stop` (e.g. from a trap) can always clean
  # up even if initdb or start fails half way.
  local tmp="$STATE.tmp.$$"
  {
    printf 'BASE=%q\n' "$BASE"
    printf 'PG_BIN=%q\n' "$PG_BIN"
    printf 'RUN_USER=%q\n' "$RUN_USER"
    printf 'PORT=%q\n' "${PORT:-}"
  } >"$tmp"
  mv -f "$tmp" "$STATE"
}

cmd_start() {
  if load_state && is_running; then
    log "already running (state $STATE)"
    conn_string
    return 0
  fi
  if [[ -f $STATE ]]; then cmd_stop 2>/dev/null || true; fi   # stale state from a killed run

  PG_BIN=$(find_pg_bin)
  RUN_USER=$(pick_run_user)
  PORT=
  BASE=$(mktemp -d "${ZHIZHI_PG_TMP:-/tmp}/zhizhi-pg.XXXXXX")
  write_state
  # On failure below, remove what we made rather than leave a half-built cluster behind.
  # shellcheck disable=SC2154  # rc is assigned inside the trap string
  trap 'rc=$?; if [[ $rc -ne 0 ]]; then log "start failed; cleaning up"; cmd_stop || true; fi' EXIT

  chmod 0755 "$BASE"   # mktemp makes it 0700; the server user must be able to enter it
  mkdir -p "$BASE/sock"
  [[ $RUN_USER == "$(id -un)" ]] || chown "$RUN_USER" "$BASE" "$BASE/sock"

  # Local socket: trust (only our own bootstrap below uses it; the socket dir is private).
  # TCP: scram passwords, like production, so a connection string that lost its password fails here too.
  log "initdb in $BASE/data (as $RUN_USER, $PG_BIN)"
  as_pg "$PG_BIN/initdb" -D "$BASE/data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$BASE/initdb.log" 2>&1 \
    || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }

  # A random free port can still be taken between the probe and the bind: retry a few times.
  local _
  for _ in 1 2 3 4 5; do
    PORT=$(pick_port)
    write_state
    # fsync/synchronous_commit/full_page_writes off: durability is worthless for a throwaway
    # cluster and costs a lot of test time. max_connections: many test hosts x Npgsql pools.
    if as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" -l "$BASE/server.log" -w -t 60 start \
        -o "-p $PORT -k $BASE/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        >/dev/null 2>&1; then
      break
    fi
    if [[ -n ${ZHIZHI_PG_PORT:-} ]] || ! grep -qi 'address already in use\|could not bind' "$BASE/server.log" 2>/dev/null; then
      cat "$BASE/server.log" >&2 2>/dev/null || true
      die "pg_ctl start failed"
    fi
    log "port $PORT was taken, retrying"
    : >"$BASE/server.log"
  done
  is_running || die "server did not start (see $BASE/server.log)"

  # psql from the same version as the server; connect over the private unix socket as the
  # bootstrap superuser (trust), and create the unprivileged role the tests use.
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$BASE/sock" -p "$PORT" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE $PG_ROLE LOGIN CREATEDB NOSUPERUSER PASSWORD '$PG_PASSWORD';
CREATE DATABASE $PG_DB OWNER $PG_ROLE;
SQL

  trap - EXIT
  log "running on 127.0.0.1:$PORT (data $BASE/data, log $BASE/server.log); stop with: $0 stop"
  conn_string
}

cmd_stop() {
  if ! load_state; then
    log "nothing to stop (no state file $STATE)"
    return 0
  fi
  if [[ -d $BASE/data ]]; then
    # Immediate mode: no shutdown checkpoint, the files are deleted right after anyway.
    if ! as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
      # pg_ctl failed (server wedged?): kill the postmaster we started, by the pid it recorded.
      local pid
      pid=$(head -n1 "$BASE/data/postmaster.pid" 2>/dev/null || true)
      if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
      fi
    fi
  fi
  # Guard the rm: only ever delete a dir that looks like one we made.
  if [[ $BASE == */zhizhi-pg.* && -d $BASE ]]; then
    rm -rf -- "$BASE"
  fi
  rm -f -- "$STATE"
  log "stopped and removed $BASE"
}

cmd_status() {
  if load_state && is_running; then conn_string; else log "not running"; return 1; fi
}

case ${1:-} in
  start)  cmd_start ;;
  stop)   cmd_stop ;;
  status) cmd_status ;;
  env)    if ! { load_state && is_running; }; then die "not running; run: $0 start"; fi
          printf 'export ZHIZHI_TEST_PG=%q\n' "$(conn_string)" ;;
  *)      echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
