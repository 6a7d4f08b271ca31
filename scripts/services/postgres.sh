#!/usr/bin/env bash
# postgres.sh — a throwaway PostgreSQL server for the test suite.
#
#   scripts/services/postgres.sh start|stop|status|url|destroy
#
# start    installs PostgreSQL from Debian packages if no server binaries are
#          found under /usr/lib/postgresql/*/bin (apt-get; needs root or sudo; from
#          the offline bundle's packages in var/offline/debs when present, offline.sh),
#          initialises a private cluster in <repo>/var/pg on first use, starts it
#          on 127.0.0.1:$PGPORT only (no Unix socket, nothing else), waits until
#          pg_isready answers, and makes sure role and database "portal" exist
#          (the role has CREATEDB, so Django's test runner can create test_portal).
# stop     fast shutdown; the cluster directory is kept.
# status   exit 0 if the server accepts connections, 3 if it is not running.
# url      prints the DATABASE_URL, e.g. postgres://portal:portal@127.0.0.1:54329/portal
# destroy  stops the server and deletes the cluster directory.
#
# Every command is idempotent. Run as root, the server runs as the unprivileged
# system user $PG_OS_USER (default "postgres", created if missing), since
# initdb/postgres refuse to run as root; otherwise it runs as the calling user.
# The cluster is tuned for tests, not durability (fsync=off): never keep data
# you care about in it.
#
# Environment (all optional):
#   PGPORT             TCP port on 127.0.0.1 (default 54329)
#   PG_DIR             cluster directory (default <repo>/var/pg)
#   PG_DB PG_USER PG_PASSWORD   database, role, password (default portal/portal/portal)
#   PG_OS_USER         system user the server runs as when invoked as root (default postgres)
#   PG_BINDIR          PostgreSQL bin directory (default: newest /usr/lib/postgresql/*/bin)
#   PG_START_TIMEOUT   seconds to wait for the server to accept connections (default 60)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

PGPORT=${PGPORT:-54329}
PG_DIR=${PG_DIR:-$REPO_ROOT/var/pg}
PG_DB=${PG_DB:-portal}
PG_USER=${PG_USER:-portal}
PG_PASSWORD=${PG_PASSWORD:-portal}
PG_OS_USER=${PG_OS_USER:-postgres}
PG_START_TIMEOUT=${PG_START_TIMEOUT:-60}
HOST=127.0.0.1

DATA="$PG_DIR/data"
LOG="$PG_DIR/postgres.log"
SUPERPW_FILE="$PG_DIR/superuser.pw"   # password of the cluster superuser (mode 600)

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

case "$PGPORT" in '' | *[!0-9]*) die "PGPORT must be a number, got '$PGPORT'" ;; esac

# --- binaries ----------------------------------------------------------------

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then
    [ -x "$PG_BINDIR/pg_ctl" ] && [ -x "$PG_BINDIR/initdb" ] && { echo "$PG_BINDIR"; return 0; }
    return 1
  fi
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1) || true
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  return 1
}

# shellcheck source=offline.sh
. "$SCRIPT_DIR/offline.sh"

install_postgres() {
  log "PostgreSQL server binaries not found; installing the Debian 'postgresql' package"
  apt_install postgresql
}

BINDIR=""
need_bindir() {
  [ -n "$BINDIR" ] && return 0
  if ! BINDIR=$(find_bindir); then
    install_postgres
    BINDIR=$(find_bindir) || die "no pg_ctl/initdb under /usr/lib/postgresql/*/bin even after installing"
  fi
}

# Client tools: prefer the server's own bin dir, fall back to PATH.
tool() {
  local t=$1
  if [ -n "$BINDIR" ] && [ -x "$BINDIR/$t" ]; then echo "$BINDIR/$t"; else command -v "$t" || die "$t not found"; fi
}

# --- running as the server's user ---------------------------------------------

AS_ROOT=0
[ "$(id -u)" -eq 0 ] && AS_ROOT=1

ensure_os_user() {
  [ "$AS_ROOT" -eq 1 ] || return 0
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    log "creating system user $PG_OS_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
}

# run CMD... as the server's user (from /, so an unreadable cwd does not matter)
as_pg() {
  if [ "$AS_ROOT" -eq 1 ]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

# --- helpers -----------------------------------------------------------------

running_port() {
  # line 4 of postmaster.pid is the port the running server listens on
  [ -r "$DATA/postmaster.pid" ] && sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true
}

is_running() {
  [ -f "$DATA/PG_VERSION" ] || return 1
  if [ -z "$BINDIR" ]; then BINDIR=$(find_bindir) || { BINDIR=""; return 1; }; fi
  as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

effective_port() {
  local p
  p=$(running_port)
  if [ -n "$p" ] && is_running; then echo "$p"; else echo "$PGPORT"; fi
}

superuser() {
  if [ "$AS_ROOT" -eq 1 ]; then echo "$PG_OS_USER"; else id -un; fi
}

# psql as the cluster superuser over TCP (the server has no Unix socket)
psql_super() {
  PGPASSWORD=$(cat "$SUPERPW_FILE") "$(tool psql)" -X -q -v ON_ERROR_STOP=1 \
    -h "$HOST" -p "$(effective_port)" -U "$(superuser)" -d postgres "$@"
}

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return 0
  need_bindir
  ensure_os_user
  mkdir -p "$PG_DIR"
  chmod 700 "$PG_DIR"
  if [ "$AS_ROOT" -eq 1 ]; then
    chown "$PG_OS_USER:" "$PG_DIR"
    as_pg test -w "$PG_DIR" ||
      die "user $PG_OS_USER cannot write $PG_DIR (is a parent directory private, e.g. /root?). Set PG_DIR to a directory it can reach, e.g. PG_DIR=/tmp/portal-pg"
  fi
  rm -rf "$DATA"
  # random superuser password, kept for this script only
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SUPERPW_FILE")
  if [ "$AS_ROOT" -eq 1 ]; then chown "$PG_OS_USER:" "$SUPERPW_FILE"; fi
  log "initialising cluster in $DATA ($("$BINDIR/postgres" --version))"
  as_pg "$BINDIR/initdb" -D "$DATA" -U "$(superuser)" --pwfile="$SUPERPW_FILE" \
    --auth-local=reject --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  # loopback TCP only, password auth only
  as_pg sh -c "cat >'$DATA/pg_hba.conf'" <<'EOF'
# written by scripts/services/postgres.sh: password logins over 127.0.0.1 only
host    all    all    127.0.0.1/32    scram-sha-256
EOF
  as_pg sh -c "cat >>'$DATA/postgresql.conf'" <<'EOF'

# --- scripts/services/postgres.sh: throwaway test cluster -------------------
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
password_encryption = 'scram-sha-256'
# tests do not need durability; this makes them much faster
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_connections = 100
logging_collector = off
timezone = 'UTC'
EOF
}

ensure_role_and_db() {
  local role pw db
  role=$(sql_ident "$PG_USER"); pw=$(sql_literal "$PG_PASSWORD"); db=$(sql_ident "$PG_DB")
  if [ -z "$(psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = $(sql_literal "$PG_USER")")" ]; then
    psql_super -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD $pw"
  else
    psql_super -c "ALTER ROLE $role LOGIN CREATEDB PASSWORD $pw"
  fi
  if [ -z "$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = $(sql_literal "$PG_DB")")" ]; then
    psql_super -c "CREATE DATABASE $db OWNER $role"
  fi
}

url() {
  # user, password and database are expected to be URL-safe (the defaults are)
  echo "postgres://$PG_USER:$PG_PASSWORD@$HOST:$(effective_port)/$PG_DB"
}

port_busy() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  need_bindir
  init_cluster
  if is_running; then
    log "already running on $HOST:$(effective_port) (data: $DATA)"
  else
    port_busy "$PGPORT" && die "something else already listens on $HOST:$PGPORT; set PGPORT"
    if [ "$AS_ROOT" -eq 1 ]; then touch "$LOG"; chown "$PG_OS_USER:" "$LOG"; fi
    log "starting on $HOST:$PGPORT (log: $LOG)"
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t "$PG_START_TIMEOUT" \
      -o "-p $PGPORT -c listen_addresses=$HOST" start >/dev/null ||
      { tail -n 30 "$LOG" >&2 || true; die "pg_ctl start failed"; }
  fi
  local port deadline
  port=$(effective_port)
  deadline=$((SECONDS + PG_START_TIMEOUT))
  until "$(tool pg_isready)" -q -h "$HOST" -p "$port" -t 2; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$LOG" >&2 || true
      die "server did not accept connections within ${PG_START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  ensure_role_and_db
  log "ready: $(url)"
}

cmd_stop() {
  if [ ! -f "$DATA/PG_VERSION" ]; then log "no cluster in $DATA; nothing to stop"; return 0; fi
  if is_running; then
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

cmd_status() {
  if is_running && "$(tool pg_isready)" -q -h "$HOST" -p "$(effective_port)" -t 2; then
    echo "running: $(url) (data: $DATA, $("$BINDIR/postgres" --version))"
    return 0
  fi
  echo "not running (data: $DATA)"
  return 3
}

cmd_destroy() {
  cmd_stop
  rm -rf "$PG_DIR"
  log "removed $PG_DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) url ;;
  destroy) cmd_destroy ;;
  *) echo "usage: $0 start|stop|status|url|destroy" >&2; exit 2 ;;
esac
