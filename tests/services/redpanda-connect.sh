#!/usr/bin/env bash
# Redpanda Connect (community distribution), built from the Go module proxy, to lint exported YAML.
#
#   redpanda-connect.sh build    build it into the cache (long: a large Go program; once)
#   redpanda-connect.sh path     print the binary's path; exit 3 when it is not built
#
# Environment: EDIS_REDPANDA_CONNECT_VERSION (default v4.55.0), EDIS_CACHE_DIR, EDIS_GO_BUILD_TIMEOUT
# (seconds, default 1500).
#
# Why not `go install …/cmd/redpanda-connect-community@VERSION`: the proxy here answers 403 for
# the module's version list, @latest, several versions and the .mod file of v4.55.0, while its
# .zip is served. So the script downloads the .zip through the proxy, builds inside the unpacked
# module (its own go.mod/go.sum), and stubs inet.af/peercred, a module only the requirement graph
# names (via AthenZ) and whose .mod the proxy also refuses.
set -euo pipefail

VERSION="${EDIS_REDPANDA_CONNECT_VERSION:-v4.55.0}"
CACHE_ROOT="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}"
HOME_DIR="$CACHE_ROOT/redpanda-connect"
BIN="$HOME_DIR/bin/redpanda-connect-community"
# The first entry of the Go toolchain's GOPROXY setting (the module proxy this machine uses).
PROXY="$(go env GOPROXY 2>/dev/null || true)"
PROXY="${PROXY%%,*}"

log() { echo "redpanda-connect.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

cmd_build() {
    command -v go >/dev/null || die "go not found"
    [[ "$PROXY" == http* ]] || die "GOPROXY names no module proxy (got '${PROXY:-}')"
    local src="$HOME_DIR/src" module="github.com/redpanda-data/connect/v4"
    mkdir -p "$src" "$HOME_DIR/bin"
    local dir="$src/mod/$module@$VERSION"
    if [[ ! -f "$dir/go.mod" ]]; then
        curl -fsS -m 300 -o "$src/connect-$VERSION.zip" "$PROXY/$module/@v/$VERSION.zip" \
            || die "cannot download $module@$VERSION.zip from $PROXY"
        rm -rf "$src/mod"
        mkdir -p "$src/mod"
        (cd "$src/mod" && unzip -q "../connect-$VERSION.zip")
    fi
    local stub="$src/stub-peercred"
    mkdir -p "$stub"
    printf 'module inet.af/peercred\n\ngo 1.17\n' >"$stub/go.mod"
    chmod u+w "$dir/go.mod" "$dir/go.sum"
    grep -q 'inet.af/peercred =>' "$dir/go.mod" || printf '\nreplace inet.af/peercred => %s\n' "$stub" >>"$dir/go.mod"
    local started; started=$(date +%s)
    (cd "$dir" && GOFLAGS=-mod=mod timeout "${EDIS_GO_BUILD_TIMEOUT:-1500}" \
        go build -o "$BIN.partial" ./cmd/redpanda-connect-community) || die "go build failed or timed out"
    mv "$BIN.partial" "$BIN"
    log "built $BIN in $(( $(date +%s) - started )) s"
}

cmd_path() {
    [[ -x "$BIN" ]] || { log "not built; run: redpanda-connect.sh build"; exit 3; }
    echo "$BIN"
}

case "${1:-}" in
    build) cmd_build ;;
    path) cmd_path ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
