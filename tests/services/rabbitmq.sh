#!/usr/bin/env bash
# Real RabbitMQ node (Debian's rabbitmq-server, 3.10.x on Erlang 25) for EDIS Studio's tests:
# a private node run by the calling user (root included) straight from /usr/lib/rabbitmq/bin
# (the /usr/sbin wrappers switch to the rabbitmq user), on loopback only, with the management,
# stream and stream management plugins. No Docker, no system node, nothing under /etc or /var.
#
#   rabbitmq.sh start STATE_DIR     fresh node on free loopback ports; writes STATE_DIR/rabbitmq.env
#   rabbitmq.sh stop STATE_DIR      shut the node down (KILL after 20 s) and kill its epmd; idempotent
#   rabbitmq.sh restart STATE_DIR   stop the node and start it again with the same ports, users
#                                   and data (queues and messages survive as RabbitMQ keeps them)
#   rabbitmq.sh status STATE_DIR    exit 0 and print rabbitmq.env if running, exit 3 if not
#   rabbitmq.sh ctl STATE_DIR TOOL ARGS...  run a CLI tool against the node, e.g.
#                                   `ctl DIR rabbitmqctl list_queues -p edis` or
#                                   `ctl DIR rabbitmq-plugins disable rabbitmq_management`
#
# Environment:
#   EDIS_RABBITMQ_BIN            directory of rabbitmq-server and the CLI tools, default
#                                /usr/lib/rabbitmq/bin
#   EDIS_RABBITMQ_START_TIMEOUT  seconds to wait for readiness, default 60
#
# STATE_DIR/rabbitmq.env (load with `set -a; . STATE_DIR/rabbitmq.env; set +a`):
#   EDIS_TEST_RABBITMQ_AMQP_URL        amqp://USER:PASSWORD@127.0.0.1:PORT/ (default vhost "/")
#   EDIS_TEST_RABBITMQ_HOST            127.0.0.1
#   EDIS_TEST_RABBITMQ_AMQP_PORT       AMQP 0-9-1 listener
#   EDIS_TEST_RABBITMQ_MANAGEMENT_URL  http://127.0.0.1:PORT (management HTTP API under /api)
#   EDIS_TEST_RABBITMQ_STREAM_PORT     stream protocol listener (advertised as 127.0.0.1)
#   EDIS_TEST_RABBITMQ_USER / _PASSWORD  administrator with all permissions on "/" and on _VHOST
#   EDIS_TEST_RABBITMQ_VHOST           a second vhost, "edis"
#   EDIS_TEST_RABBITMQ_LIMITED_USER / _LIMITED_PASSWORD  management tag, permissions on _VHOST
#                                      only (not on "/"): the "vhost not permitted" case
#   EDIS_TEST_RABBITMQ_NODE            Erlang node name (edis-PORT@localhost)
#   EDIS_TEST_RABBITMQ_PID             pid of the node's Erlang VM
#   EDIS_TEST_RABBITMQ_VERSION         RabbitMQ version
#   EDIS_TEST_RABBITMQ_DIR             STATE_DIR (absolute)
#   EDIS_TEST_RABBITMQ_SERVICE         this script (absolute), for `stop`/`restart`/`ctl` in a test
# The guest user (guest/guest, loopback only) is left as RabbitMQ creates it.
set -euo pipefail

RMQ_BIN="${EDIS_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}"
START_TIMEOUT="${EDIS_RABBITMQ_START_TIMEOUT:-60}"
HOST=127.0.0.1
# Test credentials (not secrets: a loopback-only throwaway node).
TEST_USER=edis
TEST_PASSWORD=edis-rabbit-secret
LIMITED_USER=edis-limited
LIMITED_PASSWORD=edis-limited-secret
TEST_VHOST=edis
# The CLI tools open their own distribution ports here by default: service ports stay outside.
CTL_DIST_MIN=35672
CTL_DIST_MAX=35682
SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

log() { echo "rabbitmq.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
# free_ports, env_line, pid_running, stop_pid, elapsed_since, service_stop/status
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------- helpers
# N free loopback ports, none in the CLI tools' distribution range.
service_ports() {
    local n="$1" try ports p ok
    for ((try = 0; try < 20; try++)); do
        read -r -a ports <<<"$(free_ports "$n")"
        ok=1
        for p in "${ports[@]}"; do
            if ((p >= CTL_DIST_MIN && p <= CTL_DIST_MAX)); then ok=0; fi
        done
        if ((ok)); then
            echo "${ports[*]}"
            return 0
        fi
    done
    die "no free ports outside $CTL_DIST_MIN-$CTL_DIST_MAX after 20 tries"
}

# Exports everything the server and the CLI tools need to find (only) this node: read from
# STATE_DIR/node.vars, which start writes once and restart reuses.
load_node_env() {
    local state="$1"
    [[ -f "$state/node.vars" ]] || return 1
    # shellcheck disable=SC1091
    . "$state/node.vars"
    local dist_args="-kernel inet_dist_use_interface {127,0,0,1}"
    export HOME="$state/home"
    export RABBITMQ_NODENAME="$NODE" RABBITMQ_NODE_IP_ADDRESS="$HOST"
    export RABBITMQ_NODE_PORT="$AMQP_PORT" RABBITMQ_DIST_PORT="$DIST_PORT"
    export RABBITMQ_CONFIG_FILE="$state/rabbitmq.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins"
    export RABBITMQ_CONF_ENV_FILE="$state/rabbitmq-env.conf"
    export RABBITMQ_MNESIA_BASE="$state/mnesia" RABBITMQ_LOG_BASE="$state/log"
    export RABBITMQ_PID_FILE="$state/rabbitmq.pid"
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$dist_args" RABBITMQ_CTL_ERL_ARGS="$dist_args"
    export ERL_EPMD_ADDRESS="$HOST" ERL_EPMD_PORT="$EPMD_PORT"
}

ctl() { "$RMQ_BIN/rabbitmqctl" -q "$@"; }

# Is the node of STATE_DIR running? Sets PID.
node_running() { pid_running "$1/rabbitmq.pid" 'beam'; }

# Starts the server of STATE_DIR (node.vars and the config files exist) and waits for it.
launch_node() {
    local state="$1"
    load_node_env "$state" || die "no node configured in $state"
    rm -f "$state/rabbitmq.pid"
    local launched_ms; launched_ms="$(date +%s%3N)"
    # setsid: own session, so the test runner's Ctrl-C does not hit the node before stop does.
    ( cd "$state" && exec setsid "$RMQ_BIN/rabbitmq-server" </dev/null >"$state/server.log" 2>&1 ) &
    local launcher=$!
    # `wait PIDFILE` returns once the node wrote its pid and booted; await_startup makes sure
    # every plugin (the management listener included) is up.
    if ! timeout "$START_TIMEOUT" "$RMQ_BIN/rabbitmqctl" -q wait --timeout "$START_TIMEOUT" \
            "$state/rabbitmq.pid" >"$state/wait.log" 2>&1 \
        || ! timeout "$START_TIMEOUT" "$RMQ_BIN/rabbitmqctl" -q await_startup \
            --timeout "$START_TIMEOUT" >>"$state/wait.log" 2>&1; then
        cat "$state/wait.log" >&2
        tail -n 40 "$state/server.log" >&2
        kill "$launcher" 2>/dev/null || true
        cmd_stop "$state" || true
        die "node not ready within ${START_TIMEOUT}s (log: $state/server.log, $state/log)"
    fi
    local code
    code="$(curl -s -m 5 -o /dev/null -w '%{http_code}' -u "$TEST_USER:$TEST_PASSWORD" \
        "http://$HOST:$MGMT_PORT/api/overview" || true)"
    if [[ -f "$state/users.done" && "$code" != 200 ]]; then
        cmd_stop "$state" || true
        die "management API not answering on http://$HOST:$MGMT_PORT (GET /api/overview: ${code:-no answer})"
    fi
    log "node $NODE up $(elapsed_since "$launched_ms") after launch"
}

write_env() {
    local state="$1" version
    version="$(ctl eval 'rabbit_misc:version().' 2>/dev/null | tr -d '"' || true)"
    {
        echo "# Generated by rabbitmq.sh start. Load with: set -a; . rabbitmq.env; set +a"
        env_line EDIS_TEST_RABBITMQ_AMQP_URL "amqp://$TEST_USER:$TEST_PASSWORD@$HOST:$AMQP_PORT/"
        env_line EDIS_TEST_RABBITMQ_HOST "$HOST"
        env_line EDIS_TEST_RABBITMQ_AMQP_PORT "$AMQP_PORT"
        env_line EDIS_TEST_RABBITMQ_MANAGEMENT_URL "http://$HOST:$MGMT_PORT"
        env_line EDIS_TEST_RABBITMQ_STREAM_PORT "$STREAM_PORT"
        env_line EDIS_TEST_RABBITMQ_USER "$TEST_USER"
        env_line EDIS_TEST_RABBITMQ_PASSWORD "$TEST_PASSWORD"
        env_line EDIS_TEST_RABBITMQ_VHOST "$TEST_VHOST"
        env_line EDIS_TEST_RABBITMQ_LIMITED_USER "$LIMITED_USER"
        env_line EDIS_TEST_RABBITMQ_LIMITED_PASSWORD "$LIMITED_PASSWORD"
        env_line EDIS_TEST_RABBITMQ_NODE "$NODE"
        env_line EDIS_TEST_RABBITMQ_PID "$(cat "$state/rabbitmq.pid")"
        env_line EDIS_TEST_RABBITMQ_VERSION "$version"
        env_line EDIS_TEST_RABBITMQ_DIR "$state"
        env_line EDIS_TEST_RABBITMQ_SERVICE "$SCRIPT"
    } >"$state/rabbitmq.env"
}

# ---------------------------------------------------------------------------- start
cmd_start() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: rabbitmq.sh start STATE_DIR"
    [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "$RMQ_BIN/rabbitmq-server not found (apt-get install rabbitmq-server)"
    command -v curl >/dev/null || die "curl not found"
    command -v python3 >/dev/null || die "python3 not found"
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    if node_running "$state"; then
        die "a node is already running for $state (pid $PID); stop it first"
    fi
    # Every start is a fresh node: no data, no users, new ports.
    rm -rf "${state:?}/home" "$state/mnesia" "$state/log" "$state"/*.log "$state/rabbitmq.env" \
        "$state/rabbitmq.pid" "$state/node.vars" "$state/users.done"
    mkdir -p "$state/home" "$state/mnesia" "$state/log"
    chmod 700 "$state/home"

    local amqp mgmt stream dist epmd
    read -r amqp mgmt stream dist epmd <<<"$(service_ports 5)"
    {
        echo "# Generated by rabbitmq.sh start: the node's ports, reused by restart."
        echo "NODE=edis-$amqp@localhost"
        echo "AMQP_PORT=$amqp"
        echo "MGMT_PORT=$mgmt"
        echo "STREAM_PORT=$stream"
        echo "DIST_PORT=$dist"
        echo "EPMD_PORT=$epmd"
    } >"$state/node.vars"
    cat >"$state/rabbitmq.conf" <<EOF
# Generated by rabbitmq.sh: loopback only.
listeners.tcp.1 = $HOST:$amqp
management.tcp.ip = $HOST
management.tcp.port = $mgmt
stream.listeners.tcp.1 = $HOST:$stream
stream.advertised_host = $HOST
stream.advertised_port = $stream
loopback_users.guest = true
# A small test machine: no disk alarm because the disk is nearly full.
disk_free_limit.absolute = 50MB
log.file.level = info
log.console = false
EOF
    echo '[rabbitmq_management,rabbitmq_stream,rabbitmq_stream_management].' >"$state/enabled_plugins"
    : >"$state/rabbitmq-env.conf"

    load_node_env "$state"
    log "starting RabbitMQ node $NODE in $state (AMQP $HOST:$amqp, management $mgmt, stream $stream, dist $dist, epmd $epmd)"
    launch_node "$state"

    ctl add_vhost "$TEST_VHOST" >/dev/null
    ctl add_user "$TEST_USER" "$TEST_PASSWORD" >/dev/null
    ctl set_user_tags "$TEST_USER" administrator >/dev/null
    ctl set_permissions -p / "$TEST_USER" '.*' '.*' '.*' >/dev/null
    ctl set_permissions -p "$TEST_VHOST" "$TEST_USER" '.*' '.*' '.*' >/dev/null
    ctl add_user "$LIMITED_USER" "$LIMITED_PASSWORD" >/dev/null
    ctl set_user_tags "$LIMITED_USER" management >/dev/null
    ctl set_permissions -p "$TEST_VHOST" "$LIMITED_USER" '.*' '.*' '.*' >/dev/null
    touch "$state/users.done"

    local code
    code="$(curl -s -m 5 -o /dev/null -w '%{http_code}' -u "$TEST_USER:$TEST_PASSWORD" \
        "http://$HOST:$mgmt/api/overview" || true)"
    if [[ "$code" != 200 ]]; then
        cmd_stop "$state" || true
        die "management API not answering on http://$HOST:$mgmt (GET /api/overview: ${code:-no answer})"
    fi
    write_env "$state"
    log "ready; env in $state/rabbitmq.env"
}

cmd_restart() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: rabbitmq.sh restart STATE_DIR"
    state="$(cd "$state" && pwd)"
    [[ -f "$state/node.vars" ]] || die "no node was started in $state"
    stop_node "$state"
    launch_node "$state"
    write_env "$state"
}

# ---------------------------------------------------------------------------- stop / status
# Shuts the node down and waits for its VM; epmd is left (restart reuses it).
stop_node() {
    local state="$1"
    load_node_env "$state" || return 0
    if node_running "$state"; then
        local pid="$PID"
        timeout 30 "$RMQ_BIN/rabbitmqctl" -q shutdown >"$state/shutdown.log" 2>&1 || true
        PID="$pid"
        stop_pid "node $NODE"
    fi
    rm -f "$state/rabbitmq.pid"
}

cmd_stop() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: rabbitmq.sh stop STATE_DIR"
    [[ -d "$state" ]] || return 0
    state="$(cd "$state" && pwd)"
    [[ -f "$state/node.vars" ]] || return 0
    stop_node "$state"
    # epmd outlives the node; this one listens on our private port only.
    if [[ -x "$(command -v epmd)" ]]; then
        epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
    else
        local erts
        for erts in /usr/lib/erlang/erts-*/bin/epmd; do
            [[ -x "$erts" ]] && { "$erts" -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true; }
        done
    fi
}

cmd_status() { service_status rabbitmq.sh node_running rabbitmq.env "$@"; }

cmd_ctl() {
    local state="${1:-}"
    [[ -n "$state" && $# -ge 2 ]] || die "usage: rabbitmq.sh ctl STATE_DIR TOOL [ARGS...]"
    shift
    state="$(cd "$state" && pwd)"
    load_node_env "$state" || die "no node was started in $state"
    local tool="$1"; shift
    case "$tool" in
        rabbitmqctl|rabbitmq-plugins|rabbitmq-diagnostics|rabbitmq-queues|rabbitmq-streams) ;;
        *) die "unknown tool $tool (rabbitmqctl, rabbitmq-plugins, rabbitmq-diagnostics, rabbitmq-queues, rabbitmq-streams)" ;;
    esac
    exec "$RMQ_BIN/$tool" "$@"
}

# ---------------------------------------------------------------------------- main
[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_restart "$@" ;;
    status) cmd_status "$@" ;;
    ctl) cmd_ctl "$@" ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
