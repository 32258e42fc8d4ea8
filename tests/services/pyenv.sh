#!/usr/bin/env bash
# Python virtual environment for the schema tests' independent encoder (schema_fixtures.py):
# Confluent's Python client from PyPI with its Avro, Protobuf and JSON Schema serializers, pinned in
# tests/services/python/requirements.txt.
#
#   pyenv.sh ensure     create or update the environment in the cache; prints its python on stdout.
#                       Fast (no network) when the environment for these requirements exists.
#   pyenv.sh path       print that python if the environment is complete, else exit 3
#   pyenv.sh remove     delete the environment
#
# Environment:
#   EDIS_CACHE_DIR        cache, default ${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio
#   EDIS_PYTHON_BASE      interpreter the environment is made from (default /usr/bin/python3,
#                         Debian's, if present, else python3); needs the venv module (python3-venv)
#   EDIS_PIP_ARGS         extra arguments for pip install
#
# The environment lives in CACHE/python-venv-<hash>, the hash taken over the requirements file and
# the base interpreter's version, so a change of either makes a new one. A marker file is written
# only after a complete install; an environment without it is made again.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REQUIREMENTS="$SCRIPT_DIR/python/requirements.txt"
CACHE_ROOT="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}"

log() { echo "pyenv.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

base_python() {
    if [[ -n "${EDIS_PYTHON_BASE:-}" ]]; then
        echo "$EDIS_PYTHON_BASE"
    elif [[ -x /usr/bin/python3 ]]; then
        echo /usr/bin/python3
    else
        command -v python3 || die "python3 not found"
    fi
}

# Sets BASE, VENV, MARKER, KEY.
locate() {
    [[ -f "$REQUIREMENTS" ]] || die "missing $REQUIREMENTS"
    BASE="$(base_python)"
    local version
    version="$("$BASE" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')" \
        || die "cannot run $BASE"
    KEY="$( { cat "$REQUIREMENTS"; echo "python $version"; } | sha256sum | cut -c1-12)"
    VENV="$CACHE_ROOT/python-venv-$KEY"
    MARKER="$VENV/.ensure-complete"
}

complete() {
    [[ -f "$MARKER" && -x "$VENV/bin/python" ]] && [[ "$(cat "$MARKER")" == "$KEY" ]]
}

install_venv() {
    "$BASE" -m venv "$VENV" || return 1
    # shellcheck disable=SC2086  # EDIS_PIP_ARGS is a list of words on purpose
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q \
        ${EDIS_PIP_ARGS:-} -r "$REQUIREMENTS" || return 1
    "$VENV/bin/python" -c 'import confluent_kafka, fastavro, google.protobuf, jsonschema'
}

cmd_ensure() {
    locate
    if complete; then
        echo "$VENV/bin/python"
        return 0
    fi
    mkdir -p "$CACHE_ROOT"
    # One installer at a time (tests/run.sh runs this in the background; a developer may too).
    exec 9>"$CACHE_ROOT/python-venv.lock"
    flock 9
    if complete; then
        echo "$VENV/bin/python"
        return 0
    fi
    "$BASE" -c 'import venv, ensurepip' 2>/dev/null \
        || die "$BASE has no venv/ensurepip module (apt-get install python3-venv)"
    rm -rf "$VENV"
    log "creating $VENV from $BASE (requirements: $REQUIREMENTS)"
    local install_log="$CACHE_ROOT/python-venv-$KEY.log"
    install_venv >"$install_log" 2>&1 || {
        tail -n 40 "$install_log" >&2
        rm -rf "$VENV"
        die "installing the Python test environment failed (log: $install_log)"
    }
    echo "$KEY" >"$MARKER"
    rm -f "$install_log"
    log "ready: $VENV/bin/python"
    echo "$VENV/bin/python"
}

cmd_path() {
    locate
    if complete; then
        echo "$VENV/bin/python"
        return 0
    fi
    log "no complete environment at $VENV (run: pyenv.sh ensure)"
    return 3
}

cmd_remove() {
    locate
    rm -rf "$VENV"
}

[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    ensure) cmd_ensure ;;
    path) cmd_path ;;
    remove) cmd_remove ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
