#!/usr/bin/env bash
# Real Apache Kafka broker (KRaft, single combined node) for EDIS Studio's tests.
# Jars come from Maven Central (see kafka/pom.xml); no Docker, no Apache download site.
#
#   kafka.sh fetch                  download the jars into the cache (once per version)
#   kafka.sh start STATE_DIR        fresh broker on free loopback ports; writes STATE_DIR/kafka.env
#   kafka.sh stop STATE_DIR         stop it (TERM, then KILL after 20 s); idempotent
#   kafka.sh status STATE_DIR       exit 0 and print kafka.env if running, exit 3 if not
#   kafka.sh start-cluster STATE_DIR [N]  N (default 3) KRaft nodes, each broker+controller,
#                                   PLAINTEXT only, in STATE_DIR/node-<id>; writes STATE_DIR/kafka.env
#                                   with EDIS_TEST_KAFKA_CLUSTER_BOOTSTRAP and _CLUSTER_DIR; stop one
#                                   node with `kafka.sh stop STATE_DIR/node-<id>`
#   kafka.sh stop-cluster STATE_DIR stop every node
#   kafka.sh libs                   print the jar directory (fetches if needed)
#   kafka.sh run-class CLASS ARGS   run a Kafka CLI class with the jars, e.g.
#                                   org.apache.kafka.tools.TopicCommand --bootstrap-server ... --list
#
# Environment:
#   EDIS_KAFKA_VERSION   Kafka version, default 3.9.2 ("3.9" and "4.1" are accepted as aliases
#                        for 3.9.2 and 4.1.2). 3.x uses reload4j, 4.x log4j2 for logging.
#   EDIS_CACHE_DIR       jar cache, default ${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio
#   EDIS_KAFKA_HEAP      broker -Xmx, default 512m
#   EDIS_KAFKA_START_TIMEOUT  seconds to wait for readiness, default 60
#   EDIS_KAFKA_SECURITY  1 (default): also open SASL_PLAINTEXT, SSL and SASL_SSL listeners;
#                        0: PLAINTEXT only (no TLS material generated)
#   EDIS_KAFKA_AUTHORIZER  1: enable ACLs (StandardAuthorizer, allow.everyone.if.no.acl.found,
#                        super user User:ANONYMOUS = PLAINTEXT clients); default 0
#   EDIS_MVN_ARGS        extra arguments for mvn (e.g. -Dmaven.repo.local=...)
#   JAVA                 java binary, default: $JAVA_HOME/bin/java or java
#
# STATE_DIR/kafka.env: KEY=value lines (load with `set -a; . STATE_DIR/kafka.env; set +a`):
#   EDIS_TEST_KAFKA_VERSION, EDIS_TEST_KAFKA_BOOTSTRAP (PLAINTEXT),
#   EDIS_TEST_KAFKA_CONTROLLER_BOOTSTRAP, EDIS_TEST_KAFKA_LIBS and, with security listeners:
#   EDIS_TEST_KAFKA_SASL_BOOTSTRAP      SASL_PLAINTEXT; PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
#   EDIS_TEST_KAFKA_SSL_BOOTSTRAP       SSL; client certificate optional (ssl.client.auth=requested)
#   EDIS_TEST_KAFKA_SASL_SSL_BOOTSTRAP  SASL_SSL; PLAIN only (Azure Event Hubs style); accepts
#                                       the Event Hubs user and the SASL user
#   EDIS_TEST_KAFKA_SASL_USER / _PASSWORD        user valid for PLAIN and both SCRAM mechanisms
#   EDIS_TEST_KAFKA_EVENTHUBS_USER / _PASSWORD   "$ConnectionString" / a fake connection string
#   EDIS_TEST_KAFKA_CA                  PEM CA certificate that signed the broker certificate
#   EDIS_TEST_KAFKA_CLIENT_CERT / _CLIENT_KEY    PEM client certificate / key signed by that CA
# plus STATE_DIR/client-{sasl,ssl,sasl-ssl}.properties for the Java CLIs' --command-config.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"

KAFKA_VERSION="${EDIS_KAFKA_VERSION:-3.9.2}"
case "$KAFKA_VERSION" in
    3.9) KAFKA_VERSION=3.9.2 ;;
    4.1) KAFKA_VERSION=4.1.2 ;;
esac
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
CACHE_ROOT="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}"
KAFKA_HOME="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS="$KAFKA_HOME/libs"
MARKER="$KAFKA_HOME/.fetch-complete"
HEAP="${EDIS_KAFKA_HEAP:-512m}"
START_TIMEOUT="${EDIS_KAFKA_START_TIMEOUT:-60}"
SECURITY="${EDIS_KAFKA_SECURITY:-1}"
AUTHORIZER="${EDIS_KAFKA_AUTHORIZER:-0}"
if [[ -n "${JAVA:-}" ]]; then :
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"
else JAVA=java
fi

# Test credentials (not secrets: loopback-only throwaway broker).
SASL_USER=edis
SASL_PASSWORD=edis-secret
# shellcheck disable=SC2016  # literal user name, as Azure Event Hubs expects
EH_USER='$ConnectionString'
EH_PASSWORD='Endpoint=sb://edis-test.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=edis-test-key'
TLS_PASSWORD=edis-tls-secret

log() { echo "kafka.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
# free_ports, env_line, pid_running, stop_pid, elapsed_since, service_stop/status
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------- fetch
logging_profile() {
    case "$KAFKA_MAJOR" in
        3) echo kafka3 ;;
        4) echo kafka4 ;;
        *) die "unsupported Kafka version $KAFKA_VERSION (3.x and 4.x are known)" ;;
    esac
}

cmd_fetch() {
    if [[ -f "$MARKER" && -d "$LIBS" ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found"
    local profile; profile="$(logging_profile)"
    mkdir -p "$KAFKA_HOME"
    rm -rf "$LIBS" "$LIBS.partial" "$MARKER"
    log "fetching Kafka $KAFKA_VERSION from Maven Central into $LIBS"
    local mvn_log="$KAFKA_HOME/fetch.log"
    # shellcheck disable=SC2086  # EDIS_MVN_ARGS is a list of words on purpose
    if ! mvn -B -q -Dstyle.color=never -f "$POM" ${EDIS_MVN_ARGS:-} \
            -Dkafka.version="$KAFKA_VERSION" -P"$profile" \
            dependency:copy-dependencies -DincludeScope=runtime \
            -DoutputDirectory="$LIBS.partial" >"$mvn_log" 2>&1; then
        tail -n 40 "$mvn_log" >&2
        die "mvn failed for Kafka $KAFKA_VERSION (log: $mvn_log)"
    fi
    [[ -f "$LIBS.partial/kafka_2.13-$KAFKA_VERSION.jar" ]] \
        || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
    mv "$LIBS.partial" "$LIBS"
    touch "$MARKER"
}

cmd_libs() {
    cmd_fetch
    echo "$LIBS"
}

run_class() {
    cmd_fetch
    local log_opt
    if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
        write_log4j2_config "$KAFKA_HOME/tools-log4j2.properties" warn
        log_opt="-Dlog4j2.configurationFile=$KAFKA_HOME/tools-log4j2.properties"
    else
        write_log4j_config "$KAFKA_HOME/tools-log4j.properties" WARN
        log_opt="-Dlog4j.configuration=file:$KAFKA_HOME/tools-log4j.properties"
    fi
    "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true "$log_opt" \
        -cp "$LIBS/*" "$@"
}

# ---------------------------------------------------------------------------- helpers
write_log4j_config() {  # file level   (Kafka 3.x, reload4j)
    cat >"$1" <<EOF
log4j.rootLogger=$2, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.Target=System.err
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
EOF
}

write_log4j2_config() {  # file level  (Kafka 4.x, log4j2 properties format: needs no YAML jars)
    cat >"$1" <<EOF
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.target = SYSTEM_ERR
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $2
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
logger.appinfo.name = org.apache.kafka.common.utils.AppInfoParser
logger.appinfo.level = warn
EOF
}

# Prints N distinct free TCP ports on 127.0.0.1 (all sockets held open until all are chosen).
# Kafka cluster id: 16 random bytes, URL-safe base64 without padding (what
# `StorageTool random-uuid` prints), avoiding a leading '-' like Uuid.randomUuid() does.
random_cluster_id() {
    python3 -c '
import base64, os
while True:
    u = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    if not u.startswith("-"):
        print(u); break'
}

# Is the broker of STATE_DIR running? Sets PID.
broker_running() { pid_running "$1/kafka.pid" 'kafka\.Kafka'; }

# kcat -L with a short timeout; extra args select the listener's security settings.
probe() {
    local addr="$1"; shift
    timeout 15 kcat -b "$addr" -m 5 "$@" -L >/dev/null 2>&1
}

# Does kcat's librdkafka (>= 2.6.1) do SCRAM in a way Kafka 4.x accepts?
kcat_scram_fixed() {
    local v
    v="$(kcat -V 2>/dev/null | sed -n 's/.*librdkafka \([0-9.]*\).*/\1/p' | head -n 1)"
    [[ -n "$v" ]] || return 1
    printf '%s\n%s\n' 2.6.1 "$v" | sort -V -C
}

# CA, broker and client certificates (PEM) plus PKCS#12 stores for the broker, in STATE_DIR/tls.
make_tls() {
    local d="$1/tls" tls_log="$1/tls.log"
    mkdir -p "$d"
    : >"$tls_log"
    tls() { (cd "$d" && "$@") >>"$tls_log" 2>&1 || { cat "$tls_log" >&2; die "TLS setup failed: $1"; }; }
    tls openssl req -x509 -newkey rsa:2048 -nodes -days 30 -sha256 \
        -subj "/CN=EDIS Studio test CA" -keyout ca.key -out ca.pem \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$d/server.ext"
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" \
        "extendedKeyUsage=clientAuth" >"$d/client.ext"
    local who
    for who in server client; do
        tls openssl req -newkey rsa:2048 -nodes -subj "/CN=edis-test-$who" \
            -keyout "$who.key" -out "$who.csr"
        tls openssl x509 -req -in "$who.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
            -sha256 -extfile "$who.ext" -out "$who.pem"
    done
    tls openssl pkcs12 -export -name broker -in server.pem -inkey server.key -certfile ca.pem \
        -passout "pass:$TLS_PASSWORD" -out server.p12
    tls keytool -importcert -noprompt -alias ca -file ca.pem -storetype PKCS12 \
        -keystore truststore.p12 -storepass "$TLS_PASSWORD"
    rm -f "$d"/*.csr "$d"/*.ext "$d"/*.srl
}

# KEY=value line that both `source` and a naive KEY=VALUE reader understand when value is plain.
# ---------------------------------------------------------------------------- start
cmd_start() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: kafka.sh start STATE_DIR"
    command -v kcat >/dev/null || die "kcat not found (apt-get install kcat)"
    command -v python3 >/dev/null || die "python3 not found"
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    if broker_running "$state"; then
        die "a broker is already running for $state (pid $PID); stop it first"
    fi
    cmd_fetch

    # Every start is a fresh single-node cluster.
    rm -rf "$state/data" "$state/tls" "$state/kafka.env" "$state/kafka.pid" "$state/kafka.log" \
        "$state"/client-*.properties

    local plain_port ctrl_port sasl_port ssl_port sasl_ssl_port
    read -r plain_port ctrl_port sasl_port ssl_port sasl_ssl_port <<<"$(free_ports 5)"
    local host=127.0.0.1
    local listeners="PLAINTEXT://$host:$plain_port,CONTROLLER://$host:$ctrl_port"
    local advertised="PLAINTEXT://$host:$plain_port"
    local protocol_map="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"

    if [[ "$SECURITY" == 1 ]]; then
        command -v openssl >/dev/null || die "openssl not found"
        command -v keytool >/dev/null || die "keytool not found"
        make_tls "$state"
        listeners+=",SASL_PLAINTEXT://$host:$sasl_port,SSL://$host:$ssl_port,SASL_SSL://$host:$sasl_ssl_port"
        advertised+=",SASL_PLAINTEXT://$host:$sasl_port,SSL://$host:$ssl_port,SASL_SSL://$host:$sasl_ssl_port"
        protocol_map+=",SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL"
    fi

    cat >"$state/server.properties" <<EOF
# Generated by kafka.sh (Kafka $KAFKA_VERSION): single KRaft node, broker+controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$ctrl_port
listeners=$listeners
advertised.listeners=$advertised
listener.security.protocol.map=$protocol_map
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.retention.check.interval.ms=30000
EOF

    if [[ "$SECURITY" == 1 ]]; then
        cat >>"$state/server.properties" <<EOF

# SASL_PLAINTEXT: PLAIN and SCRAM ($SASL_USER; SCRAM credentials added at format time).
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$SASL_USER="$SASL_PASSWORD";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;

# SASL_SSL: PLAIN only, like Azure Event Hubs (user \$ConnectionString, password = connection string).
listener.name.sasl_ssl.sasl.enabled.mechanisms=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$EH_USER="$EH_PASSWORD" user_$SASL_USER="$SASL_PASSWORD";

# TLS (SSL and SASL_SSL listeners): certificate for 127.0.0.1/localhost signed by tls/ca.pem.
ssl.keystore.type=PKCS12
ssl.keystore.location=$state/tls/server.p12
ssl.keystore.password=$TLS_PASSWORD
ssl.key.password=$TLS_PASSWORD
ssl.truststore.type=PKCS12
ssl.truststore.location=$state/tls/truststore.p12
ssl.truststore.password=$TLS_PASSWORD
ssl.endpoint.identification.algorithm=https
listener.name.ssl.ssl.client.auth=requested
EOF
    fi

    if [[ "$AUTHORIZER" == 1 ]]; then
        cat >>"$state/server.properties" <<EOF

# ACLs (EDIS_KAFKA_AUTHORIZER=1): StandardAuthorizer; everything allowed until a resource has
# ACLs; the PLAINTEXT/CONTROLLER principal (User:ANONYMOUS) is a super user.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=true
super.users=User:ANONYMOUS
EOF
    fi

    local log_opt
    if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
        write_log4j2_config "$state/log4j2.properties" info
        log_opt="-Dlog4j2.configurationFile=$state/log4j2.properties"
    else
        write_log4j_config "$state/log4j.properties" INFO
        log_opt="-Dlog4j.configuration=file:$state/log4j.properties"
    fi

    local cluster_id; cluster_id="$(random_cluster_id)"
    local format_args=(format -t "$cluster_id" -c "$state/server.properties")
    if [[ "$SECURITY" == 1 ]]; then
        format_args+=(--add-scram "SCRAM-SHA-256=[name=$SASL_USER,password=$SASL_PASSWORD]"
                      --add-scram "SCRAM-SHA-512=[name=$SASL_USER,password=$SASL_PASSWORD]")
    fi
    if ! "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true "$log_opt" \
            -cp "$LIBS/*" kafka.tools.StorageTool "${format_args[@]}" >"$state/format.log" 2>&1; then
        cat "$state/format.log" >&2
        die "storage format failed"
    fi

    log "starting Kafka $KAFKA_VERSION in $state (PLAINTEXT 127.0.0.1:$plain_port)"
    local launched_ms; launched_ms="$(date +%s%3N)"
    # setsid: own session, so the test runner's Ctrl-C / hangup does not hit the broker
    # (not a process group leader here, so setsid execs in place and $! is the java pid).
    ( cd "$state" && exec setsid "$JAVA" -Xms128m -Xmx"$HEAP" -XX:+UseG1GC \
        -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true "$log_opt" \
        -Dkafka.logs.dir="$state/logs" \
        -cp "$LIBS/*" kafka.Kafka "$state/server.properties" \
        </dev/null >"$state/kafka.log" 2>&1 ) &
    echo $! >"$state/kafka.pid"

    local deadline=$((SECONDS + START_TIMEOUT)) ready=0
    while ((SECONDS < deadline)); do
        if ! kill -0 "$(cat "$state/kafka.pid")" 2>/dev/null; then
            tail -n 60 "$state/kafka.log" >&2
            rm -f "$state/kafka.pid"
            die "broker exited during startup (log: $state/kafka.log)"
        fi
        # Cheap TCP connect first; kcat only once the listener accepts connections.
        if (exec 3<>"/dev/tcp/$host/$plain_port") 2>/dev/null && probe "$host:$plain_port"; then
            ready=1; break
        fi
        sleep 0.2
    done
    if ((ready == 0)); then
        tail -n 60 "$state/kafka.log" >&2
        cmd_stop "$state" || true
        die "broker not ready within ${START_TIMEOUT}s (log: $state/kafka.log)"
    fi

    if [[ "$SECURITY" == 1 ]]; then
        local ca="$state/tls/ca.pem" failed=""
        probe "$host:$sasl_port" -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=PLAIN \
            -X sasl.username="$SASL_USER" -X sasl.password="$SASL_PASSWORD" || failed+=" SASL_PLAINTEXT/PLAIN"
        # librdkafka < 2.6.1 (Debian 12 ships 2.0.2) cannot do SCRAM against Kafka 4.x: it repeats
        # the client nonce in client-final-message and 4.x checks it strictly (librdkafka PR 4895).
        # The SCRAM users exist on 4.x too (Java clients authenticate); only kcat cannot check them.
        local mech
        for mech in SCRAM-SHA-256 SCRAM-SHA-512; do
            if [[ "$KAFKA_MAJOR" -lt 4 ]] || kcat_scram_fixed; then
                probe "$host:$sasl_port" -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms="$mech" \
                    -X sasl.username="$SASL_USER" -X sasl.password="$SASL_PASSWORD" \
                    || failed+=" SASL_PLAINTEXT/$mech"
            fi
        done
        probe "$host:$ssl_port" -X security.protocol=SSL -X ssl.ca.location="$ca" || failed+=" SSL"
        probe "$host:$sasl_ssl_port" -X security.protocol=SASL_SSL -X ssl.ca.location="$ca" \
            -X sasl.mechanisms=PLAIN -X sasl.username="$EH_USER" -X sasl.password="$EH_PASSWORD" \
            || failed+=" SASL_SSL/PLAIN"
        if [[ -n "$failed" ]]; then
            tail -n 60 "$state/kafka.log" >&2
            cmd_stop "$state" || true
            die "listener check failed:$failed"
        fi
    fi

    {
        echo "# Generated by kafka.sh start. Load with: set -a; . kafka.env; set +a"
        env_line EDIS_TEST_KAFKA_VERSION "$KAFKA_VERSION"
        env_line EDIS_TEST_KAFKA_BOOTSTRAP "$host:$plain_port"
        env_line EDIS_TEST_KAFKA_CONTROLLER_BOOTSTRAP "$host:$ctrl_port"
        env_line EDIS_TEST_KAFKA_LIBS "$LIBS"
        if [[ "$SECURITY" == 1 ]]; then
            env_line EDIS_TEST_KAFKA_SASL_BOOTSTRAP "$host:$sasl_port"
            env_line EDIS_TEST_KAFKA_SSL_BOOTSTRAP "$host:$ssl_port"
            env_line EDIS_TEST_KAFKA_SASL_SSL_BOOTSTRAP "$host:$sasl_ssl_port"
            env_line EDIS_TEST_KAFKA_SASL_USER "$SASL_USER"
            env_line EDIS_TEST_KAFKA_SASL_PASSWORD "$SASL_PASSWORD"
            env_line EDIS_TEST_KAFKA_EVENTHUBS_USER "$EH_USER"
            env_line EDIS_TEST_KAFKA_EVENTHUBS_PASSWORD "$EH_PASSWORD"
            env_line EDIS_TEST_KAFKA_CA "$state/tls/ca.pem"
            env_line EDIS_TEST_KAFKA_CLIENT_CERT "$state/tls/client.pem"
            env_line EDIS_TEST_KAFKA_CLIENT_KEY "$state/tls/client.key"
        fi
    } >"$state/kafka.env"

    # Client configs for the Java CLIs (--command-config) on the security listeners.
    if [[ "$SECURITY" == 1 ]]; then
        local jaas_plain="org.apache.kafka.common.security.plain.PlainLoginModule required"
        local jaas_scram="org.apache.kafka.common.security.scram.ScramLoginModule required"
        printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=SCRAM-SHA-512" \
            "sasl.jaas.config=$jaas_scram username=\"$SASL_USER\" password=\"$SASL_PASSWORD\";" \
            >"$state/client-sasl.properties"
        printf '%s\n' "security.protocol=SSL" "ssl.truststore.type=PEM" \
            "ssl.truststore.location=$state/tls/ca.pem" >"$state/client-ssl.properties"
        printf '%s\n' "security.protocol=SASL_SSL" "sasl.mechanism=PLAIN" "ssl.truststore.type=PEM" \
            "ssl.truststore.location=$state/tls/ca.pem" \
            "sasl.jaas.config=$jaas_plain username=\"$EH_USER\" password=\"$EH_PASSWORD\";" \
            >"$state/client-sasl-ssl.properties"
    fi
    log "ready $(elapsed_since "$launched_ms") after launch;" \
        "client listeners: $(grep '^EDIS_TEST_KAFKA_.*BOOTSTRAP=' "$state/kafka.env" | grep -vc CONTROLLER);" \
        "env in $state/kafka.env"
}

# ---------------------------------------------------------------------------- multi-node cluster
# A small real cluster for replication tests: every node is broker and controller (a static
# quorum of all N), replication factors default to min(N, 3), PLAINTEXT only.
cmd_start_cluster() {
    local state="${1:-}" nodes="${2:-3}"
    [[ -n "$state" ]] || die "usage: kafka.sh start-cluster STATE_DIR [NODES]"
    command -v kcat >/dev/null || die "kcat not found (apt-get install kcat)"
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    cmd_fetch
    cmd_stop_cluster "$state"
    rm -rf "$state"/node-* "$state/kafka.env"

    local host=127.0.0.1 rf=$((nodes < 3 ? nodes : 3)) ports voters="" bootstrap="" i
    read -r -a ports <<<"$(free_ports $((nodes * 2)))"
    for ((i = 1; i <= nodes; i++)); do
        voters+="${voters:+,}$i@$host:${ports[$((2 * i - 1))]}"
        bootstrap+="${bootstrap:+,}$host:${ports[$((2 * i - 2))]}"
    done
    local cluster_id; cluster_id="$(random_cluster_id)"
    local log_opt
    for ((i = 1; i <= nodes; i++)); do
        local dir="$state/node-$i" port="${ports[$((2 * i - 2))]}" ctrl="${ports[$((2 * i - 1))]}"
        mkdir -p "$dir"
        cat >"$dir/server.properties" <<EOF
# Generated by kafka.sh start-cluster (Kafka $KAFKA_VERSION): node $i of $nodes.
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$ctrl
advertised.listeners=PLAINTEXT://$host:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=$rf
min.insync.replicas=1
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=1
num.io.threads=2
replica.lag.time.max.ms=5000
EOF
        if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
            write_log4j2_config "$dir/log4j2.properties" info
            log_opt="-Dlog4j2.configurationFile=$dir/log4j2.properties"
        else
            write_log4j_config "$dir/log4j.properties" INFO
            log_opt="-Dlog4j.configuration=file:$dir/log4j.properties"
        fi
        "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true "$log_opt" \
            -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
            >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "storage format failed (node $i)"; }
        ( cd "$dir" && exec setsid "$JAVA" -Xms64m -Xmx"${EDIS_KAFKA_CLUSTER_HEAP:-320m}" -XX:+UseG1GC \
            -Djava.awt.headless=true "$log_opt" -Dkafka.logs.dir="$dir/logs" \
            -cp "$LIBS/*" kafka.Kafka "$dir/server.properties" </dev/null >"$dir/kafka.log" 2>&1 ) &
        echo $! >"$dir/kafka.pid"
    done
    log "starting a $nodes-node Kafka $KAFKA_VERSION cluster in $state ($bootstrap)"

    local deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        # Ready when the metadata lists every broker.
        if [[ "$(timeout 10 kcat -b "$bootstrap" -m 5 -L 2>/dev/null | grep -c '^  broker ')" == "$nodes" ]]; then
            {
                echo "# Generated by kafka.sh start-cluster. Load with: set -a; . kafka.env; set +a"
                env_line EDIS_TEST_KAFKA_CLUSTER_BOOTSTRAP "$bootstrap"
                env_line EDIS_TEST_KAFKA_CLUSTER_DIR "$state"
                env_line EDIS_TEST_KAFKA_CLUSTER_NODES "$nodes"
            } >"$state/kafka.env"
            log "cluster ready; env in $state/kafka.env"
            return 0
        fi
        for ((i = 1; i <= nodes; i++)); do
            if ! broker_running "$state/node-$i"; then
                tail -n 40 "$state/node-$i/kafka.log" >&2
                cmd_stop_cluster "$state"
                die "node $i exited during startup"
            fi
        done
        sleep 0.5
    done
    cmd_stop_cluster "$state"
    die "cluster not ready within ${START_TIMEOUT}s"
}

cmd_stop_cluster() {
    local state="${1:-}" dir
    [[ -n "$state" ]] || die "usage: kafka.sh stop-cluster STATE_DIR"
    for dir in "$state"/node-*; do
        if [[ -d "$dir" ]]; then
            cmd_stop "$dir" &
        fi
    done
    wait
}

# ---------------------------------------------------------------------------- stop / status
cmd_stop() { service_stop kafka.sh broker_running kafka.pid broker "$@"; }
cmd_status() { service_status kafka.sh broker_running kafka.env "$@"; }

# ---------------------------------------------------------------------------- main
[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    fetch) cmd_fetch; log "Kafka $KAFKA_VERSION jars in $LIBS" ;;
    libs) cmd_libs ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    start-cluster) cmd_start_cluster "$@" ;;
    stop-cluster) cmd_stop_cluster "$@" ;;
    status) cmd_status "$@" ;;
    run-class) [[ $# -ge 1 ]] || die "usage: kafka.sh run-class CLASS [ARGS...]"; run_class "$@" ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
