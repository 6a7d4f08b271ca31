#!/usr/bin/env bash
# varnish.sh — the reverse-proxy cache in front of one or more gunicorn nodes (Varnish from Debian).
#
#   scripts/services/varnish.sh start|stop|status|url
#
# start   installs varnish with apt-get if varnishd is missing (root or sudo), writes the VCL from
#         scripts/services/varnish/portal.vcl.in with one backend per node of VARNISH_BACKENDS, and
#         starts varnishd on 127.0.0.1:$VARNISH_PORT (64 MB of memory storage); waits until it answers.
# stop    stops it (its cache is gone: memory storage).
# status  exit 0 if it answers, 3 if not.
# url     prints http://127.0.0.1:$VARNISH_PORT (PROXY_CACHE_URLS for the app nodes' purges).
#
# Environment: VARNISH_PORT (8080), VARNISH_DIR (<repo>/var/varnish), VARNISH_BACKENDS
# (comma-separated host:port of the gunicorn nodes, default 127.0.0.1:8000), VARNISH_MEMORY (64m).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
VARNISH_PORT=${VARNISH_PORT:-8080}
VARNISH_DIR=${VARNISH_DIR:-$REPO_ROOT/var/varnish}
VARNISH_BACKENDS=${VARNISH_BACKENDS:-127.0.0.1:8000}
VARNISH_MEMORY=${VARNISH_MEMORY:-64m}
PIDFILE=$VARNISH_DIR/varnishd.pid

log() { echo "varnish.sh: $*" >&2; }

answers() { curl -s -o /dev/null -m 2 -X BAN -H "X-Ban-Scope: host" -H "Host: status.invalid" "http://127.0.0.1:$VARNISH_PORT/"; }

write_vcl() {
  local backends="" adds="" n=0 node
  IFS=, read -ra nodes <<<"$VARNISH_BACKENDS"
  for node in "${nodes[@]}"; do
    backends+="backend node$n {
    .host = \"${node%:*}\";
    .port = \"${node##*:}\";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}
"
    adds+="    nodes.add_backend(node$n);
"
    n=$((n + 1))
  done
  python3 - "$SCRIPT_DIR/varnish/portal.vcl.in" "$VARNISH_DIR/portal.vcl" "$backends" "$adds" <<'PY'
import sys
source, target, backends, adds = sys.argv[1:]
text = open(source).read().replace("@BACKENDS@", backends).replace("@ADD_BACKENDS@", adds.rstrip("\n"))
open(target, "w").write(text)
PY
}

start() {
  if answers; then
    [ -f "$PIDFILE" ] || { log "error: port $VARNISH_PORT is taken by another proxy"; exit 1; }
    log "already running on port $VARNISH_PORT"; return 0
  fi
  if ! command -v varnishd >/dev/null && [ ! -x /usr/sbin/varnishd ]; then
    log "installing varnish (apt-get)"
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq varnish >/dev/null
  fi
  mkdir -p "$VARNISH_DIR"
  chmod a+rx "$VARNISH_DIR"   # varnishd reads the VCL after dropping to its own user
  write_vcl
  chmod a+r "$VARNISH_DIR/portal.vcl"
  /usr/sbin/varnishd -a "127.0.0.1:$VARNISH_PORT" -T none -n "$VARNISH_DIR/work" -f "$VARNISH_DIR/portal.vcl" \
    -s "malloc,$VARNISH_MEMORY" -P "$PIDFILE" -p default_ttl=0 -p default_grace=0 -p ban_lurker_sleep=0.1 \
    >"$VARNISH_DIR/varnishd.log" 2>&1 || { cat "$VARNISH_DIR/varnishd.log" >&2; exit 1; }
  for _ in $(seq 50); do answers && { log "listening on 127.0.0.1:$VARNISH_PORT → $VARNISH_BACKENDS"; return 0; }; sleep 0.2; done
  log "varnishd did not answer"; exit 1
}

stop() {
  [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
  for _ in $(seq 50); do answers || { rm -f "$PIDFILE"; return 0; }; sleep 0.1; done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers || exit 3 ;;
  url) echo "http://127.0.0.1:$VARNISH_PORT" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
