#!/usr/bin/env bash
# Real Kafka Connect worker (distributed mode) with the file connectors and Debezium's PostgreSQL
# connector on plugin.path, for the export/deploy tests. Jars come from Maven Central through
# connect/pom.xml (same Kafka version as kafka.sh); needs a running broker.
#
#   connect.sh fetch                 download worker jars and plugins into the cache (once per version)
#   connect.sh start STATE_DIR       start a worker against EDIS_TEST_KAFKA_BOOTSTRAP (or
#                                    --bootstrap B); writes STATE_DIR/connect.env
#   connect.sh stop STATE_DIR        stop it (TERM, KILL after 20 s); idempotent
#   connect.sh status STATE_DIR      exit 0 and print connect.env if running, exit 3 if not
#
# Environment:
#   EDIS_KAFKA_VERSION   Kafka version, default 3.9.2 (only 3.x: the worker logs through reload4j)
#   EDIS_DEBEZIUM_VERSION  default 3.6.1.Final
#   EDIS_CACHE_DIR       jar cache, default ${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio
#   EDIS_CONNECT_HEAP    worker -Xmx, default 768m
#   EDIS_CONNECT_START_TIMEOUT  seconds to wait for the REST API and the plugins, default 120
#   EDIS_MVN_ARGS        extra arguments for mvn
#
# STATE_DIR/connect.env: EDIS_TEST_CONNECT_URL (http://127.0.0.1:PORT), EDIS_TEST_CONNECT_GROUP,
# EDIS_TEST_CONNECT_PLUGIN_PATH, EDIS_TEST_CONNECT_VERSION, EDIS_TEST_CONNECT_DEBEZIUM_VERSION.
# Worker settings: JsonConverter, config/offset/status topics with replication factor 1 (created by
# the worker; the test broker does not auto-create topics), config providers env and file,
# connector.client.config.override.policy=All, REST on 127.0.0.1 only.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/connect/pom.xml"
KAFKA_VERSION="${EDIS_KAFKA_VERSION:-3.9.2}"
case "$KAFKA_VERSION" in 3.9) KAFKA_VERSION=3.9.2 ;; esac
DEBEZIUM_VERSION="${EDIS_DEBEZIUM_VERSION:-3.6.1.Final}"
CACHE_ROOT="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}"
HOME_DIR="$CACHE_ROOT/connect-$KAFKA_VERSION-debezium-$DEBEZIUM_VERSION"
LIBS="$HOME_DIR/libs"
PLUGINS="$HOME_DIR/plugins"
MARKER="$HOME_DIR/.fetch-complete"
HEAP="${EDIS_CONNECT_HEAP:-768m}"
START_TIMEOUT="${EDIS_CONNECT_START_TIMEOUT:-120}"
if [[ -n "${JAVA:-}" ]]; then :
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"
else JAVA=java
fi

log() { echo "connect.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
# free_ports, env_line, pid_running, stop_pid, elapsed_since, service_stop/status
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

cmd_fetch() {
    if [[ -f "$MARKER" && -d "$LIBS" && -d "$PLUGINS" ]]; then
        return 0
    fi
    [[ "${KAFKA_VERSION%%.*}" == 3 ]] || die "connect.sh supports Kafka 3.x workers (got $KAFKA_VERSION)"
    command -v mvn >/dev/null || die "mvn not found"
    mkdir -p "$HOME_DIR"
    rm -rf "$LIBS" "$PLUGINS" "$LIBS.partial" "$PLUGINS.partial" "$MARKER" "$HOME_DIR/.unpack-markers"
    log "fetching Kafka Connect $KAFKA_VERSION and Debezium $DEBEZIUM_VERSION from Maven Central into $HOME_DIR"
    local mvn_log="$HOME_DIR/fetch.log"
    # shellcheck disable=SC2086  # EDIS_MVN_ARGS is a list of words on purpose
    if ! mvn -B -q -Dstyle.color=never -f "$POM" ${EDIS_MVN_ARGS:-} \
            -Dkafka.version="$KAFKA_VERSION" -Ddebezium.version="$DEBEZIUM_VERSION" \
            -Dplugins.dir="$PLUGINS.partial" -DmarkersDirectory="$HOME_DIR/.unpack-markers" \
            dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS.partial" \
            dependency:copy@file-plugin dependency:unpack@debezium >"$mvn_log" 2>&1; then
        tail -n 40 "$mvn_log" >&2
        die "mvn failed (log: $mvn_log)"
    fi
    [[ -f "$LIBS.partial/connect-runtime-$KAFKA_VERSION.jar" ]] || die "connect-runtime missing after mvn"
    [[ -f "$PLUGINS.partial/debezium-connector-postgres/debezium-connector-postgres-$DEBEZIUM_VERSION.jar" ]] \
        || die "Debezium plugin missing after mvn"
    mv "$LIBS.partial" "$LIBS"
    mv "$PLUGINS.partial" "$PLUGINS"
    touch "$MARKER"
}

worker_running() { pid_running "$1/connect.pid" 'ConnectDistributed'; }

cmd_start() {
    local state="" bootstrap="${EDIS_TEST_KAFKA_BOOTSTRAP:-}"
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --bootstrap) bootstrap="$2"; shift 2 ;;
            *) state="$1"; shift ;;
        esac
    done
    [[ -n "$state" ]] || die "usage: connect.sh start STATE_DIR [--bootstrap host:port]"
    [[ -n "$bootstrap" ]] || die "no broker: set EDIS_TEST_KAFKA_BOOTSTRAP (kafka.sh start) or pass --bootstrap"
    command -v curl >/dev/null || die "curl not found"
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    if worker_running "$state"; then
        die "a worker is already running for $state (pid $PID); stop it first"
    fi
    cmd_fetch
    rm -f "$state/connect.env" "$state/connect.pid" "$state/connect.log"
    local port id
    port="$(free_ports 1)"
    id="edis-$(date +%s)-$$"
    cat >"$state/worker.properties" <<PROPS
# Generated by connect.sh (Kafka Connect $KAFKA_VERSION, distributed mode, one worker).
bootstrap.servers=$bootstrap
group.id=$id
listeners=http://127.0.0.1:$port
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$port
plugin.path=$PLUGINS
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
config.storage.topic=$id-configs
offset.storage.topic=$id-offsets
status.storage.topic=$id-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=1
status.storage.partitions=1
offset.flush.interval.ms=1000
topic.creation.enable=true
connector.client.config.override.policy=All
config.providers=env,file
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
scheduled.rebalance.max.delay.ms=0
# Plugins come from their ServiceLoader manifests (KIP-898): no reflective scan of every jar,
# which is most of the start time. Kafka 3.6+; Debezium 3.x and connect-file ship manifests.
plugin.discovery=service_load
PROPS
    cat >"$state/log4j.properties" <<LOG
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.reflections=ERROR
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
LOG
    local launched_ms; launched_ms=$(date +%s%3N)
    ( cd "$state" && exec setsid "$JAVA" -Xms128m -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
        -Dlog4j.configuration="file:$state/log4j.properties" \
        -cp "$LIBS/*" org.apache.kafka.connect.cli.ConnectDistributed "$state/worker.properties" \
        </dev/null >"$state/connect.log" 2>&1 ) &
    echo $! >"$state/connect.pid"

    local url="http://127.0.0.1:$port" deadline=$((SECONDS + START_TIMEOUT)) ready=0 plugins=""
    while ((SECONDS < deadline)); do
        if ! kill -0 "$(cat "$state/connect.pid")" 2>/dev/null; then
            tail -n 60 "$state/connect.log" >&2
            rm -f "$state/connect.pid"
            die "worker exited during startup (log: $state/connect.log)"
        fi
        plugins="$(curl -fsS -m 5 "$url/connector-plugins" 2>/dev/null || true)"
        if [[ "$plugins" == *PostgresConnector* && "$plugins" == *FileStreamSinkConnector* ]] \
            && curl -fsS -m 5 "$url/connectors" >/dev/null 2>&1; then
            ready=1; break
        fi
        sleep 0.5
    done
    if ((ready == 0)); then
        tail -n 60 "$state/connect.log" >&2
        cmd_stop "$state" || true
        die "worker not ready within ${START_TIMEOUT}s (plugins seen: ${plugins:-none}; log: $state/connect.log)"
    fi
    {
        echo "# Generated by connect.sh start. Load with: set -a; . connect.env; set +a"
        env_line EDIS_TEST_CONNECT_URL "$url"
        env_line EDIS_TEST_CONNECT_GROUP "$id"
        env_line EDIS_TEST_CONNECT_PLUGIN_PATH "$PLUGINS"
        # For tests that run connect-standalone on exported .properties themselves.
        env_line EDIS_TEST_CONNECT_LIBS "$LIBS"
        env_line EDIS_TEST_CONNECT_JAVA "$(command -v "$JAVA" || echo "$JAVA")"
        env_line EDIS_TEST_CONNECT_VERSION "$KAFKA_VERSION"
        env_line EDIS_TEST_CONNECT_DEBEZIUM_VERSION "$DEBEZIUM_VERSION"
    } >"$state/connect.env"
    log "worker ready $(elapsed_since "$launched_ms") after launch at $url; env in $state/connect.env"
}

cmd_stop() { service_stop connect.sh worker_running connect.pid worker "$@"; }
cmd_status() { service_status connect.sh worker_running connect.env "$@"; }

[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    fetch) cmd_fetch; log "Kafka Connect $KAFKA_VERSION + Debezium $DEBEZIUM_VERSION in $HOME_DIR" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
