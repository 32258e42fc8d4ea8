#!/usr/bin/env bash
# Real PostgreSQL (Debian's package) with logical replication, for the CDC tests (Debezium).
#
#   postgres.sh fetch               check that the server binaries are installed (apt: postgresql)
#   postgres.sh start STATE_DIR     fresh cluster on a free loopback port; writes STATE_DIR/postgres.env
#   postgres.sh stop STATE_DIR      stop it (fast shutdown, then KILL after 20 s) and remove its data
#   postgres.sh status STATE_DIR    exit 0 and print postgres.env if running, exit 3 if not
#   postgres.sh psql STATE_DIR ARGS psql as the superuser over the unix socket
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system user
# (runuser), in its own temporary directory (data and unix socket), since STATE_DIR may not be
# reachable for that user. Otherwise it runs as the calling user.
#
# Environment:
#   EDIS_PG_BINDIR             server binaries, default: newest /usr/lib/postgresql/*/bin
#   EDIS_POSTGRES_START_TIMEOUT  seconds to wait for readiness, default 30
#
# STATE_DIR/postgres.env (load with `set -a; . STATE_DIR/postgres.env; set +a`):
#   EDIS_TEST_POSTGRES_HOST, _PORT, _DATABASE (edis), _USER (edis_cdc: LOGIN REPLICATION, owner of
#   the database), _PASSWORD, _SOCKET_DIR, _VERSION, _PSQL (psql binary)
# Server settings: wal_level=logical, max_wal_senders=8, max_replication_slots=8, fsync=off.
set -euo pipefail

START_TIMEOUT="${EDIS_POSTGRES_START_TIMEOUT:-30}"
# Test credentials (not secrets: loopback-only throwaway cluster).
CDC_USER=edis_cdc
CDC_PASSWORD=edis-cdc-secret
DATABASE=edis

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
# free_ports, env_line, pid_running, stop_pid, elapsed_since, service_stop/status
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

bindir() {
    if [[ -n "${EDIS_PG_BINDIR:-}" ]]; then
        echo "$EDIS_PG_BINDIR"; return
    fi
    local d
    d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    [[ -n "$d" && -x "$d/postgres" ]] || die "PostgreSQL server not found (apt-get install postgresql, or set EDIS_PG_BINDIR)"
    echo "$d"
}

cmd_fetch() {
    local b; b="$(bindir)"
    [[ -x "$b/initdb" && -x "$b/pg_ctl" ]] || die "initdb/pg_ctl missing in $b"
    command -v psql >/dev/null || [[ -x "$b/psql" ]] || die "psql not found"
}

# Runs a command as the cluster's owner.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

psql_bin() {
    local b; b="$(bindir)"
    if [[ -x "$b/psql" ]]; then echo "$b/psql"; else command -v psql; fi
}

cmd_psql() {
    local state="${1:-}"; shift || true
    [[ -f "$state/postgres.env" ]] || die "no cluster in $state"
    local dir port
    dir="$(cat "$state/postgres.dir")"
    port="$(sed -n 's/^EDIS_TEST_POSTGRES_PORT=//p' "$state/postgres.env")"
    as_owner "$(psql_bin)" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres "$@"
}

running() {
    local state="$1"
    [[ -f "$state/postgres.dir" ]] || return 1
    local dir; dir="$(cat "$state/postgres.dir")"
    [[ -f "$dir/data/postmaster.pid" ]] || return 1
    PID="$(head -n 1 "$dir/data/postmaster.pid")"
    [[ "$PID" =~ ^[0-9]+$ ]] && kill -0 "$PID" 2>/dev/null
}

cmd_start() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: postgres.sh start STATE_DIR"
    cmd_fetch
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    if running "$state"; then
        die "a cluster is already running for $state (pid $PID); stop it first"
    fi
    local b; b="$(bindir)"
    local started_ms; started_ms=$(date +%s%3N)
    local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/edis-postgres.XXXXXX")"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root needs the postgres system user (apt-get install postgresql)"
        chown postgres: "$dir"
    fi
    echo "$dir" >"$state/postgres.dir"
    local port; port="$(free_ports 1)"
    as_owner "$b/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$state/initdb.log" 2>&1 \
        || { cat "$state/initdb.log" >&2; die "initdb failed"; }
    cat >>"$dir/data/pg_hba.conf" <<PGHBA
# Added by postgres.sh: logical replication for the CDC role over loopback.
host    replication     $CDC_USER       127.0.0.1/32            scram-sha-256
PGHBA
    as_owner "$b/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$START_TIMEOUT" \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
            -c wal_level=logical -c max_wal_senders=8 -c max_replication_slots=8 \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB" \
        start >"$state/pg_ctl.log" 2>&1 \
        || { tail -n 40 "$dir/postgres.log" >&2 || true; die "server did not start (log: $dir/postgres.log)"; }
    ln -sf "$dir/postgres.log" "$state/postgres.log"
    local psql; psql="$(psql_bin)"
    as_owner "$psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >"$state/setup.log" 2>&1 <<SQL \
        || { cat "$state/setup.log" >&2; die "setup SQL failed"; }
CREATE ROLE $CDC_USER WITH LOGIN REPLICATION PASSWORD '$CDC_PASSWORD';
CREATE DATABASE $DATABASE OWNER $CDC_USER;
SQL
    # The CDC role connects over TCP with its password, as Debezium will.
    PGPASSWORD="$CDC_PASSWORD" "$psql" -X -q -h 127.0.0.1 -p "$port" -U "$CDC_USER" -d "$DATABASE" \
        -c 'SELECT 1' >/dev/null || die "cannot log in as $CDC_USER over TCP"
    {
        echo "# Generated by postgres.sh start. Load with: set -a; . postgres.env; set +a"
        env_line EDIS_TEST_POSTGRES_VERSION "$(as_owner "$b/postgres" --version | awk '{print $3}')"
        env_line EDIS_TEST_POSTGRES_HOST 127.0.0.1
        env_line EDIS_TEST_POSTGRES_PORT "$port"
        env_line EDIS_TEST_POSTGRES_DATABASE "$DATABASE"
        env_line EDIS_TEST_POSTGRES_USER "$CDC_USER"
        env_line EDIS_TEST_POSTGRES_PASSWORD "$CDC_PASSWORD"
        env_line EDIS_TEST_POSTGRES_SOCKET_DIR "$dir"
        env_line EDIS_TEST_POSTGRES_PSQL "$psql"
    } >"$state/postgres.env"
    log "ready in $(elapsed_since "$started_ms") on 127.0.0.1:$port; env in $state/postgres.env"
}

cmd_stop() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: postgres.sh stop STATE_DIR"
    [[ -f "$state/postgres.dir" ]] || return 0
    local dir; dir="$(cat "$state/postgres.dir")"
    if running "$state"; then
        as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || {
            log "fast shutdown failed; killing $PID"
            kill -KILL "$PID" 2>/dev/null || true
        }
    fi
    # Only our own temporary directory.
    if [[ "$dir" == */edis-postgres.* && -d "$dir" ]]; then
        rm -rf "$dir"
    fi
    rm -f "$state/postgres.dir" "$state/postgres.log"
}

cmd_status() { service_status postgres.sh running postgres.env "$@"; }

[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    fetch) cmd_fetch; log "PostgreSQL binaries in $(bindir)" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    psql) cmd_psql "$@" ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
