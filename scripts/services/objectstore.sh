#!/usr/bin/env bash
# objectstore.sh — an S3-compatible object store for tests: moto's server (PyPI, requirements-dev.txt).
#
#   scripts/services/objectstore.sh start|stop|status|url
#
# Why moto: it is a pip package (PyPI is reachable from every machine that runs the suite), pure
# Python, starts in a second, and speaks the S3 API django-storages uses (buckets, objects, ACLs,
# signed URLs). It keeps everything in memory and checks no credentials, so it stands in for
# the production store (MinIO, Ceph RGW or a cloud OSS) in tests only. MinIO would be the real
# thing, but it has to be compiled from the Go module proxy, which takes minutes and a Go toolchain.
#
# start   starts it on 127.0.0.1:$OBJECT_STORE_PORT and creates the bucket $OBJECT_STORE_BUCKET.
# stop    stops it (its contents are gone).
# status  exit 0 if it answers, 3 if not.
# url     prints http://127.0.0.1:$OBJECT_STORE_PORT (OBJECT_STORE_URL).
#
# Environment: OBJECT_STORE_PORT (9100), OBJECT_STORE_DIR (<repo>/var/objectstore),
# OBJECT_STORE_BUCKET (portal).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
PORT=${OBJECT_STORE_PORT:-9100}
DIR=${OBJECT_STORE_DIR:-$REPO_ROOT/var/objectstore}
BUCKET=${OBJECT_STORE_BUCKET:-portal}
PIDFILE=$DIR/moto.pid
PY=$REPO_ROOT/.venv/bin/python

log() { echo "objectstore.sh: $*" >&2; }
answers() { curl -s -o /dev/null -m 2 "http://127.0.0.1:$PORT/"; }

start() {
  if answers; then log "already running on port $PORT"; return 0; fi
  [ -x "$REPO_ROOT/.venv/bin/moto_server" ] || { log "error: moto_server missing (pip install -r requirements-dev.txt)"; exit 1; }
  mkdir -p "$DIR"
  nohup setsid "$REPO_ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$DIR/moto.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 100); do answers && break; sleep 0.2; done
  answers || { tail "$DIR/moto.log" >&2; log "moto did not answer"; exit 1; }
  "$PY" - "http://127.0.0.1:$PORT" "$BUCKET" <<'PY'
import sys
import boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id="test", aws_secret_access_key="test",
                  region_name="us-east-1")
s3.create_bucket(Bucket=sys.argv[2])
PY
  log "listening on 127.0.0.1:$PORT, bucket $BUCKET"
}

stop() {
  [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers || exit 3 ;;
  url) echo "http://127.0.0.1:$PORT" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
