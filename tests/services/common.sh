# shellcheck shell=bash
# Sourced by the service scripts in tests/services (kafka.sh, registry.sh, connect.sh,
# postgres.sh): the helpers they share. The sourcing script defines log().
#
#   free_ports N               N free TCP ports on 127.0.0.1, space-separated
#   env_line NAME VALUE        NAME=VALUE for an env file, quoted when VALUE needs it
#   pid_running PIDFILE REGEX  whether the pid in PIDFILE runs and its command line matches
#                              REGEX (a recycled pid is not ours); sets PID
#   stop_pid WHAT              TERM the process PID, KILL it after 20 s; waits up to 5 s more
#   elapsed_since MS           "1.234s": the time since MS (date +%s%3N)
#   service_stop SCRIPT RUNNING PIDFILE WHAT STATE
#                              `SCRIPT stop STATE`: stop_pid if `RUNNING STATE`, then remove
#                              STATE/PIDFILE; nothing to do when STATE does not exist
#   service_status SCRIPT RUNNING ENVFILE STATE
#                              `SCRIPT status STATE`: "running (pid N)" and the EDIS_ lines of
#                              STATE/ENVFILE, or "stopped" and status 3

free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

env_line() {
    if [[ "$2" =~ ^[A-Za-z0-9_./:@,+-]*$ ]]; then
        printf '%s=%s\n' "$1" "$2"
    else
        printf "%s='%s'\n" "$1" "${2//\'/\'\\\'\'}"
    fi
}

pid_running() {
    PID=""
    [[ -f "$1" ]] || return 1
    PID="$(cat "$1")"
    [[ "$PID" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$PID" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q "$2"
}

stop_pid() {
    kill -TERM "$PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 80; i++)); do
        kill -0 "$PID" 2>/dev/null || return 0
        sleep 0.25
    done
    log "$1 (pid $PID) still running after 20 s; killing"
    kill -KILL "$PID" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
        kill -0 "$PID" 2>/dev/null || return 0
        sleep 0.25
    done
}

elapsed_since() {
    local ms=$(($(date +%s%3N) - $1))
    printf '%d.%03ds' $((ms / 1000)) $((ms % 1000))
}

service_stop() {
    local script="$1" running="$2" pidfile="$3" what="$4" state="${5:-}"
    [[ -n "$state" ]] || die "usage: $script stop STATE_DIR"
    [[ -d "$state" ]] || return 0
    if "$running" "$state"; then
        stop_pid "$what"
    fi
    rm -f "$state/$pidfile"
}

service_status() {
    local script="$1" running="$2" envfile="$3" state="${4:-}"
    [[ -n "$state" ]] || die "usage: $script status STATE_DIR"
    if "$running" "$state"; then
        echo "running (pid $PID)"
        if [[ -f "$state/$envfile" ]]; then
            grep '^EDIS_' "$state/$envfile"
        fi
        return 0
    fi
    echo "stopped"
    return 3
}
