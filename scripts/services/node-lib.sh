# node-lib.sh — what opensearch.sh and elasticsearch.sh share: logging, health, finding the
# node's process, stop, status, destroy and the command dispatch. Sourced, not run.
# The sourcing script sets HOST, PORT, PID_FILE and STATE_DIR, defines is_our_node PID,
# need_tools, classpath and cmd_start, and sets BASE_URL after validating PORT.

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "error: $*"; exit 1; }

health() { curl -s --max-time 5 "$BASE_URL/_cluster/health" 2>/dev/null || true; }

healthy() { health | grep -Eq '"status" *: *"(green|yellow)"'; }

port_busy() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

our_pid() {
  # prints the pid of our node if it is alive (pid file first, then a /proc scan
  # in case the pid file was lost); returns 1 otherwise
  local pid p
  pid=$(cat "$PID_FILE" 2>/dev/null) || pid=""
  case "$pid" in '' | *[!0-9]*) pid="" ;; esac
  if [ -n "$pid" ] && is_our_node "$pid"; then echo "$pid"; return 0; fi
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    if is_our_node "$p"; then echo "$p" >"$PID_FILE"; echo "$p"; return 0; fi
  done
  return 1
}

cmd_stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30 s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid=$(our_pid) && healthy; then
    echo "running (pid $pid): $BASE_URL $(health)"
    return 0
  fi
  if [ -n "${pid:-}" ]; then echo "starting or unhealthy (pid $pid): $BASE_URL"; else echo "not running"; fi
  return 3
}

cmd_destroy() {
  cmd_stop
  rm -rf "$STATE_DIR"
  log "removed $STATE_DIR"
}

dispatch() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$BASE_URL" ;;
    destroy) cmd_destroy ;;
    classpath) need_tools; classpath; echo ;;
    *) echo "usage: $0 start|stop|status|url|destroy|classpath" >&2; exit 2 ;;
  esac
}
