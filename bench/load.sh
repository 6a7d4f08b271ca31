#!/usr/bin/env bash
# load.sh — throughput and latency of the production stack under wrk, loopback only, bounded in time.
#
#   bench/load.sh            (from the repository root; needs root or sudo for apt-get if wrk is missing)
#
# Starts a throwaway PostgreSQL (scripts/services/postgres.sh) and a throwaway Redis for CACHE_URL
# (a file cache when redis-server is absent), migrates and loads the demo county (setup_demo),
# collects static files, starts gunicorn with config/gunicorn.py and production settings plus the
# bench URLconf (bench/bench_settings.py, bench/bare_view.py) and Varnish in front of it
# (scripts/services/varnish.sh), then runs wrk for BENCH_SECONDS each:
#   static file via proxy   GET /static/css/site.<hash>.css through Varnish (the machine's limit)
#   cached page via proxy   GET / through Varnish (a Varnish hit)
#   bare Django view        GET /bench/bare/
#   cached portal home      GET / from gunicorn     (Django's page cache hit)
#   uncached article        GET <news item>?bench=<n>  (a new query string each time: render + store)
#   search                  GET /search/?q=<word>
#   interaction submissions POST /interaction/new/consultation/ (captcha test mode, rate limit raised)
# and prints requests/s, p50/p95/p99 and the ratios: cached page via proxy / static file (target
# ≥ 0.8), cached / bare (target ≥ 0.9), and uncached article against 1 / (the article's in-process
# CPU time per render × cores) (target ≥ 0.6), with the uncached run's CPU per request in gunicorn and
# PostgreSQL and the share of the cores the bench got. Submissions are checked: cases stored must equal the
# submissions answered with a redirect to the receipt.
#
# Environment: BENCH_SECONDS (15), BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_PORT (8765),
# BENCH_PROXY_PORT (8766),
# BENCH_DIR (var/bench-load: PostgreSQL cluster, static files, logs; kept for the next run),
# BENCH_ANALYZE (0: skip the ANALYZE after loading), BENCH_REUSE (set: keep the county a previous run loaded into BENCH_DIR, skip migrate and setup_demo),
# BENCH_COMPARE (gunicorn sizings to run the uncached article under too, "class:workers:threads …";
# default gthread:3:4, the threaded sizing used before 2026-12-03),
# BENCH_PGPORT (54350), BENCH_REDIS_PORT (6390), CACHE_URL (overrides the Redis/file choice),
# GUNICORN_WORKERS / GUNICORN_THREADS (config/gunicorn.py's defaults otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${BENCH_SECONDS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WRK_THREADS=${BENCH_THREADS:-2}
PORT=${BENCH_PORT:-8765}
PROXY_PORT=${BENCH_PROXY_PORT:-8766}
BENCH_DIR=${BENCH_DIR:-$ROOT/var/bench-load}
PGPORT=${BENCH_PGPORT:-54350}
REDIS_PORT=${BENCH_REDIS_PORT:-6390}
PY=$ROOT/.venv/bin/python
mkdir -p "$BENCH_DIR/log"

log() { echo "load.sh: $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

GUNICORN_PID=""
REDIS_STARTED=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  [ -n "$REDIS_STARTED" ] && kill "$(cat "$BENCH_DIR/redis.pid")" 2>/dev/null || true
  PGPORT=$PGPORT PG_DIR=$BENCH_DIR/pg scripts/services/postgres.sh stop >/dev/null 2>&1 || true
  VARNISH_PORT=$PROXY_PORT VARNISH_DIR=$BENCH_DIR/varnish scripts/services/varnish.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

PGPORT=$PGPORT PG_DIR=$BENCH_DIR/pg scripts/services/postgres.sh start >/dev/null
export DATABASE_URL
DATABASE_URL=$(PGPORT=$PGPORT PG_DIR=$BENCH_DIR/pg scripts/services/postgres.sh url)

if [ -z "${CACHE_URL:-}" ]; then
  if command -v redis-server >/dev/null; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$BENCH_DIR/redis.pid" --logfile "$BENCH_DIR/log/redis.log" --dir "$BENCH_DIR"
    REDIS_STARTED=1
    CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
  else
    CACHE_URL="file://$BENCH_DIR/cache?max_entries=20000"
  fi
fi

export DJANGO_SETTINGS_MODULE=config.settings.production CACHE_URL
export DJANGO_SECRET_KEY=bench-only-secret-key-never-deployed-0123456789abcdefghij
export PORTAL_DOMAIN=localhost PORTAL_PORT=$PORT PORTAL_VAR_DIR=$BENCH_DIR/var SECURE_SSL_REDIRECT=0
export STATIC_ROOT=$BENCH_DIR/static MEDIA_ROOT=$BENCH_DIR/media LOG_DIR=$BENCH_DIR/log LOG_LEVEL=WARNING
export INTERACTION_RATE_LIMIT=1000000000 SEARCH_RATE_LIMIT=1000000000
export PROXY_CACHE_URLS=http://127.0.0.1:$PROXY_PORT
mkdir -p "$PORTAL_VAR_DIR"

log "database: PostgreSQL on 127.0.0.1:$PGPORT; cache: $CACHE_URL"
if [ -z "${BENCH_REUSE:-}" ]; then
  $PY manage.py migrate --noinput -v0
  $PY manage.py collectstatic --noinput -v0
  $PY manage.py setup_demo >/dev/null
  $PY manage.py rebuild_search_index >/dev/null
fi
# Planner statistics, as autovacuum would have gathered them on a database in service (BENCH_ANALYZE=0:
# measure the freshly loaded database as it is).
if [ "${BENCH_ANALYZE:-1}" != 0 ]; then
  $PY manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')" >/dev/null 2>&1
fi
ARTICLE=$($PY manage.py shell -c "
from content.models import NewsPage
page = NewsPage.objects.live().filter(url_path__startswith='/home/jyj/').order_by('pk').first()
print(page.url_path[len('/home'):])
" 2>/dev/null | tail -1)

# In-process CPU time of one uncached render of the article and of one search (the words bench/load.lua
# asks for): the same settings and database, through the WSGI application, no network (render_cpu.py).
RENDER_MS=$($PY bench/render_cpu.py "localhost:$PORT" "$ARTICLE" --unique)
SEARCH_MS=$($PY bench/render_cpu.py "localhost:$PORT" /search/ --words 工作,通知,教育,乡村振兴,政策,医疗保障,安全生产,办事指南)
STATIC_FILE=$($PY -c "import json; print(json.load(open('$STATIC_ROOT/staticfiles.json'))['paths']['css/site.css'])")

VARNISH_PORT=$PROXY_PORT VARNISH_DIR=$BENCH_DIR/varnish VARNISH_BACKENDS=127.0.0.1:$PORT \
  scripts/services/varnish.sh start >/dev/null
BASE=http://127.0.0.1:$PORT
HOST="localhost:$PORT"
start_gunicorn() {  # extra gunicorn arguments (a comparison's worker class, workers, threads)
  GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_ACCESS_LOG=$BENCH_DIR/log/access.log \
    GUNICORN_ERROR_LOG=$BENCH_DIR/log/gunicorn.log DJANGO_SETTINGS_MODULE=bench.bench_settings \
    "$ROOT/.venv/bin/gunicorn" -c config/gunicorn.py --max-requests 0 "$@" config.wsgi:application \
    2>>"$BENCH_DIR/log/gunicorn.stderr" &
  GUNICORN_PID=$!
  for _ in $(seq 60); do curl -sf -o /dev/null -H "Host: $HOST" "$BASE/bench/bare/" && break; sleep 1; done
}
stop_gunicorn() {
  kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  GUNICORN_PID=""
}
start_gunicorn

header() { curl -s -o /dev/null -D - -H "Host: $HOST" "$BASE$1" | tr -d '\r' | awk -v h="$2" 'tolower($1)==tolower(h)":" {print $2}'; }
header / X-Cache >/dev/null
[ "$(header / X-Cache)" = HIT ] || { log "the portal home is not served from the page cache"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" "$BASE$ARTICLE")" = 200 ] || { log "article $ARTICLE not found"; exit 1; }

run() {  # name mode path: a 3-second warm-up (not for submissions, which are counted), then the measured run
  local name=$1 mode=$2 path=$3
  local line
  [ "$mode" = submit ] || MODE=$mode timeout 60 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s -H "Host: $HOST" -s bench/load.lua \
    "$BASE$path" >/dev/null || true
  line=$(MODE=$mode timeout $((SECONDS_EACH + 30)) wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" \
    --timeout 10s -H "Host: $HOST" -s bench/load.lua "$BASE$path" | grep '^RESULT' || echo "RESULT 0 - - - 0 failed 0")
  read -r _ rps p50 p95 p99 total errors redirects <<<"$line"
  printf '%-26s %10s %9s %9s %9s %9s %7s\n' "$name" "$rps" "$p50" "$p95" "$p99" "$total" "$errors"
  eval "RPS_$mode=$rps; REDIRECTS_$mode=$redirects"
}

# CPU seconds (user + system, reaped children included) of a process and its children: the gunicorn
# master with its workers, the postmaster with its backends.
cpu_seconds() {
  local pid ticks=0
  for pid in "$1" $(pgrep -P "$1"); do
    ticks=$((ticks + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  python3 -c "print($ticks / $(getconf CLK_TCK))"
}
POSTMASTER_PID=$(head -1 "$BENCH_DIR/pg/data/postmaster.pid")

# A scenario under the running gunicorn with the CPU it took per request in the gunicorn workers and
# in PostgreSQL (warm-up included in both CPU and wall time) and how many of the cores the bench got
# (the rest went to wrk, Redis and other jobs): one line of MEASURED for the summary.
MEASURED=()
measured_run() {  # name mode path in-process-CPU-ms
  local app0 pg0 t0 app pg wall
  app0=$(cpu_seconds "$GUNICORN_PID"); pg0=$(cpu_seconds "$POSTMASTER_PID"); t0=$(date +%s.%N)
  run "$1" "$2" "$3"
  app=$(python3 -c "print($(cpu_seconds "$GUNICORN_PID") - $app0)")
  pg=$(python3 -c "print($(cpu_seconds "$POSTMASTER_PID") - $pg0)")
  wall=$(python3 -c "print($(date +%s.%N) - $t0)")
  eval "MEASURED+=(\"\$1|\$RPS_$2|$app|$pg|$wall|$4\")"
}
cases() { $PY manage.py shell -c "from interaction.models import Case; print(Case.objects.count())" 2>/dev/null | tail -1; }

CSRF_COOKIE=$(curl -s -D - -o /dev/null -H "Host: $HOST" "$BASE/interaction/new/consultation/" \
  | sed -n 's/^[Ss]et-[Cc]ookie: csrftoken=\([^;]*\);.*/\1/p')
export CSRF_COOKIE CSRF_TOKEN=$CSRF_COOKIE   # the unmasked secret is a valid form token too

echo
echo "gunicorn -c config/gunicorn.py --max-requests 0: $($PY -c "import runpy; c = runpy.run_path('config/gunicorn.py')
print(f\"{c['worker_class']}, {c['workers']} workers × {c['threads']} threads\")"); wrk -t$WRK_THREADS -c$CONNECTIONS -d${SECONDS_EACH}s; $(nproc) CPUs;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); cache $CACHE_URL"
printf '%-26s %10s %9s %9s %9s %9s %7s\n' scenario "req/s" "p50 ms" "p95 ms" "p99 ms" requests errors
BASE=http://127.0.0.1:$PROXY_PORT
run "static file via proxy" get "/static/$STATIC_FILE"
RPS_static=$RPS_get
run "cached page via proxy" get /
RPS_proxy=$RPS_get
BASE=http://127.0.0.1:$PORT
run "bare Django view" get /bench/bare/
RPS_bare=$RPS_get
run "cached portal home" get /
RPS_cached=$RPS_get
measured_run "uncached article" unique "$ARTICLE" "$RENDER_MS"
measured_run "search" search /search/ "$SEARCH_MS"
CASES_BEFORE=$(cases)
run "interaction submissions" submit /interaction/new/consultation/
CASES_AFTER=$(cases)
# The same uncached article under other gunicorn sizings, side by side (BENCH_COMPARE: a list of
# worker-class:workers:threads; the default compares the sizing used before 2026-12-03).
for sizing in ${BENCH_COMPARE-gthread:3:4}; do
  IFS=: read -r class workers threads <<<"$sizing"
  stop_gunicorn
  start_gunicorn --worker-class "$class" --workers "$workers" --threads "$threads"
  measured_run "uncached, $class ${workers}x$threads" unique "$ARTICLE" "$RENDER_MS"
done

STORED=$((CASES_AFTER - CASES_BEFORE))
echo
echo "article: $ARTICLE"
echo "submissions answered with the receipt redirect: $REDIRECTS_submit; cases stored: $STORED" \
  "(at most $CONNECTIONS more: requests in flight when wrk stops are still served)"
python3 -c "print(f'cached page via proxy / static file: {$RPS_proxy / $RPS_static:.2f} (target >= 0.8)')"
python3 -c "print(f'cached/bare ratio: {$RPS_cached / $RPS_bare:.2f} (target >= 0.9)')"
python3 - "$RENDER_MS" "$(nproc)" $((SECONDS_EACH + 3)) "${MEASURED[@]}" <<'PY'
import sys

render_ms, cores, seconds = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"in-process render of the article: {render_ms} ms CPU, so at most {1000 / render_ms * cores:.1f} req/s"
      f" on {cores} cores (target: uncached article >= 0.6 of that)")
for row in sys.argv[4:]:
    name, rps, app, pg, wall, in_process = row.split("|")
    rps, app, pg, wall, in_process = float(rps), float(app), float(pg), float(wall), float(in_process)
    requests = max(rps * seconds, 1)  # the warm-up's requests too: CPU and wall time cover both
    got = (app + pg) / wall  # cores the bench got while the machine is shared (the rest: wrk, Redis, other jobs)
    print(f"{name}: {rps:.1f} req/s, ratio {rps * in_process / 1000 / cores:.2f} (in-process {in_process} ms);"
          f" per request gunicorn {app / requests * 1000:.1f} ms CPU, PostgreSQL {pg / requests * 1000:.1f} ms;"
          f" the bench got {got:.2f} of {cores} cores, ratio against those {rps * in_process / 1000 / got:.2f}")
PY
if [ "$STORED" -lt "$REDIRECTS_submit" ] || [ "$STORED" -gt $((REDIRECTS_submit + CONNECTIONS)) ]; then
  log "stored cases do not match the accepted submissions"; exit 1
fi
