# node-lib.sh — what opensearch.sh and elasticsearch.sh share: logging, health, resolving the
# node's classpath, finding its process, stop, status, destroy and the command dispatch. Sourced, not run.
# The sourcing script sets HOST, PORT, PID_FILE and STATE_DIR, defines is_our_node PID,
# need_tools, classpath and cmd_start, and sets BASE_URL after validating PORT.

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "error: $*"; exit 1; }

health() { curl -s --max-time 5 "$BASE_URL/_cluster/health" 2>/dev/null || true; }

healthy() { health | grep -Eq '"status" *: *"(green|yellow)"'; }

# resolve_classpath DIR WHAT [MVN_ARG...]: print the runtime classpath of $POM, cached in $CP_FILE
# and re-resolved when the pom changes or a jar vanished; WHAT names the download in the log line.
resolve_classpath() {
  local dir=$1 what=$2 stale=0 jar
  shift 2
  mkdir -p "$dir"
  if [ ! -s "$CP_FILE" ] || [ "$POM" -nt "$CP_FILE" ]; then
    stale=1
  else
    while IFS= read -r jar; do [ -f "$jar" ] || { stale=1; break; }; done < <(tr ':' '\n' <"$CP_FILE")
  fi
  if [ "$stale" -eq 1 ]; then
    log "resolving $what"
    local tmp="$CP_FILE.tmp"
    # shellcheck disable=SC2046,SC2086
    if ! mvn -B -q -Dstyle.color=never -f "$POM" "$@" $(offline_maven_args) ${MAVEN_ARGS_EXTRA:-} \
      dependency:build-classpath -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$dir/mvn.log" 2>&1; then
      cat "$dir/mvn.log" >&2
      die "mvn could not resolve the classpath (see above)"
    fi
    mv "$tmp" "$CP_FILE"
  fi
  cat "$CP_FILE"
}

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
