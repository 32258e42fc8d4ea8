#!/usr/bin/env bash
# Real Schema Registry speaking the Confluent REST API for EDIS Studio's tests: Apicurio Registry
# (io.apicurio:apicurio-registry-app, classifier "all", tar.gz) from Maven Central, in-memory
# storage, bound to loopback. No Docker, no vendor download site.
#
#   registry.sh fetch               download and unpack the archive into the cache (once per version)
#   registry.sh start STATE_DIR     fresh registry on free loopback ports; writes STATE_DIR/registry.env
#   registry.sh stop STATE_DIR      stop it (TERM, then KILL after 20 s); idempotent
#   registry.sh status STATE_DIR    exit 0 and print registry.env if running, exit 3 if not
#   registry.sh java                print the java binary start would use, and the version
#
# Environment:
#   EDIS_REGISTRY_VERSION  Apicurio version. Unset: 3.3.3 when a Java 21+ exists under
#                        /usr/lib/jvm (or EDIS_REGISTRY_JAVA is 21+), else 2.6.13.Final on Java 17.
#                        "3", "3.3" and "2", "2.6" are aliases for those two.
#   EDIS_REGISTRY_JAVA   java binary to run it with (default: the newest JDK under /usr/lib/jvm
#                        that the version can run on; 2.6.x prefers Java 17)
#   EDIS_CACHE_DIR       cache, default ${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio
#   EDIS_REGISTRY_HEAP   -Xmx, default 384m
#   EDIS_REGISTRY_START_TIMEOUT  seconds to wait for readiness, default 90
#   EDIS_MVN_ARGS        extra arguments for mvn (e.g. -Dmaven.repo.local=...)
#   EDIS_REGISTRY_BASIC_AUTH  1: require HTTP basic authentication on every path (Quarkus'
#                        embedded users; user edis, password edis-registry-secret) and write the
#                        _AUTH_ variables below instead, so a second instance can sit beside a first
#
# STATE_DIR/registry.env (load with `set -a; . STATE_DIR/registry.env; set +a`):
#   EDIS_TEST_REGISTRY_URL       Confluent-compatible base URL, http://127.0.0.1:PORT/apis/ccompat/v7
#   EDIS_TEST_REGISTRY_PID       pid of the registry's JVM
#   EDIS_TEST_REGISTRY_VERSION   Apicurio version
#   EDIS_TEST_REGISTRY_BASE_URL  http://127.0.0.1:PORT (Apicurio's own API is under /apis/registry)
# With EDIS_REGISTRY_BASIC_AUTH=1 the names are EDIS_TEST_REGISTRY_AUTH_URL, _AUTH_PID,
# _AUTH_VERSION, _AUTH_BASE_URL, plus EDIS_TEST_REGISTRY_AUTH_USER and _AUTH_PASSWORD.
# Readiness: GET $EDIS_TEST_REGISTRY_URL/subjects answers 200 (with basic auth: 200 with the
# credentials and 401 without).
set -euo pipefail

CACHE_ROOT="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}"
HEAP="${EDIS_REGISTRY_HEAP:-384m}"
START_TIMEOUT="${EDIS_REGISTRY_START_TIMEOUT:-90}"
BASIC_AUTH="${EDIS_REGISTRY_BASIC_AUTH:-0}"
ARTIFACT=io.apicurio:apicurio-registry-app
# Test credentials (not secrets: a loopback-only throwaway registry).
AUTH_USER=edis
AUTH_PASSWORD=edis-registry-secret
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

log() { echo "registry.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
# free_ports, env_line, pid_running, stop_pid, elapsed_since, service_stop/status
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------- java + version
# Major version of a java binary: from its JDK's `release` file (no JVM start), else from the JVM.
java_major() {
    local bin="$1" home v
    home="$(dirname "$(dirname "$(readlink -f "$bin")")")"
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$home/release" 2>/dev/null || true)"
    if [[ -z "$v" ]]; then
        v="$("$bin" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = //p' || true)"
    fi
    v="${v#1.}"    # 1.8 -> 8
    v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}

# "major path" lines for every distinct JDK under /usr/lib/jvm (symlinked aliases once).
list_jdks() {
    local bin real seen=" "
    for bin in /usr/lib/jvm/*/bin/java; do
        [[ -x "$bin" ]] || continue
        real="$(readlink -f "$bin")"
        [[ "$seen" == *" $real "* ]] && continue
        seen+="$real "
        local major; major="$(java_major "$real" || true)"
        [[ -n "$major" ]] && echo "$major $real"
    done
}

# Sets VERSION and JAVA_BIN from EDIS_REGISTRY_VERSION / EDIS_REGISTRY_JAVA and the JDKs found.
choose_runtime() {
    VERSION="${EDIS_REGISTRY_VERSION:-}"
    case "$VERSION" in
        3|3.3) VERSION=3.3.3 ;;
        2|2.6) VERSION=2.6.13.Final ;;
    esac
    local jdks; jdks="$(list_jdks | sort -n -r)"
    if [[ -n "${EDIS_REGISTRY_JAVA:-}" ]]; then
        JAVA_BIN="$EDIS_REGISTRY_JAVA"
        local major; major="$(java_major "$JAVA_BIN" || true)"
        [[ -n "$major" ]] || die "cannot tell the version of EDIS_REGISTRY_JAVA=$JAVA_BIN"
        if [[ -z "$VERSION" ]]; then
            if ((major >= 21)); then VERSION=3.3.3; else VERSION=2.6.13.Final; fi
        fi
        JAVA_MAJOR="$major"
        if [[ "${VERSION%%.*}" -ge 3 ]] && ((major < 21)); then
            die "Apicurio $VERSION needs Java 21+; EDIS_REGISTRY_JAVA=$JAVA_BIN is Java $major"
        fi
        return 0
    fi
    local newest_major newest_bin
    read -r newest_major newest_bin <<<"$(head -n 1 <<<"$jdks")"
    [[ -n "${newest_major:-}" ]] || die "no JDK found under /usr/lib/jvm (Apicurio needs Java 17, 3.x Java 21+)"
    if [[ -z "$VERSION" ]]; then
        if ((newest_major >= 21)); then VERSION=3.3.3; else VERSION=2.6.13.Final; fi
    fi
    if [[ "${VERSION%%.*}" -ge 3 ]]; then
        ((newest_major >= 21)) || die "Apicurio $VERSION needs Java 21+; newest JDK under /usr/lib/jvm is $newest_major ($newest_bin). Use EDIS_REGISTRY_VERSION=2.6.13.Final"
        JAVA_BIN="$newest_bin"; JAVA_MAJOR="$newest_major"
    else
        # 2.6.x is a Quarkus 2 application, built and tested on Java 17: prefer exactly that.
        local line17; line17="$(awk '$1 == 17 { print; exit }' <<<"$jdks")"
        if [[ -n "$line17" ]]; then
            read -r JAVA_MAJOR JAVA_BIN <<<"$line17"
        else
            ((newest_major >= 17)) || die "Apicurio $VERSION needs Java 17+; newest JDK is $newest_major"
            JAVA_BIN="$newest_bin"; JAVA_MAJOR="$newest_major"
        fi
    fi
}

set_paths() {
    HOME_DIR="$CACHE_ROOT/apicurio-registry-$VERSION"
    APP_DIR="$HOME_DIR/app"
    MARKER="$HOME_DIR/.fetch-complete"
}

# The runnable jar in the unpacked archive: quarkus-run.jar (3.x fast-jar) or *-runner.jar (2.x).
find_runner() {
    local jar
    jar="$(find "$APP_DIR" -maxdepth 3 -type f \( -name quarkus-run.jar -o -name '*-runner.jar' \) \
        | head -n 1)"
    [[ -n "$jar" ]] || die "no quarkus-run.jar or *-runner.jar under $APP_DIR"
    echo "$jar"
}

# ---------------------------------------------------------------------------- fetch
cmd_fetch() {
    if [[ -f "$MARKER" && -d "$APP_DIR" ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found"
    mkdir -p "$HOME_DIR"
    rm -rf "$APP_DIR" "$APP_DIR.partial" "$HOME_DIR/download" "$MARKER"
    log "fetching Apicurio Registry $VERSION ($ARTIFACT:$VERSION:tar.gz:all) from Maven Central into $HOME_DIR"
    local mvn_log="$HOME_DIR/fetch.log"
    # dependency:copy needs no project; the archive lands in the local Maven repository too.
    # shellcheck disable=SC2086  # EDIS_MVN_ARGS is a list of words on purpose
    if ! mvn -B -q -Dstyle.color=never ${EDIS_MVN_ARGS:-} "$DEP_PLUGIN:copy" \
            -Dartifact="$ARTIFACT:$VERSION:tar.gz:all" -DoutputDirectory="$HOME_DIR/download" \
            >"$mvn_log" 2>&1; then
        tail -n 40 "$mvn_log" >&2
        die "mvn failed for Apicurio Registry $VERSION (log: $mvn_log)"
    fi
    local archive; archive="$(find "$HOME_DIR/download" -name '*.tar.gz' | head -n 1)"
    [[ -n "$archive" ]] || die "no tar.gz after mvn (log: $mvn_log)"
    mkdir -p "$APP_DIR.partial"
    tar -xzf "$archive" -C "$APP_DIR.partial" || die "cannot unpack $archive"
    rm -rf "$HOME_DIR/download"
    mv "$APP_DIR.partial" "$APP_DIR"
    find_runner >/dev/null
    touch "$MARKER"
}

# ---------------------------------------------------------------------------- helpers
# Prints N distinct free TCP ports on 127.0.0.1 (all sockets held open until all are chosen).
# Is the registry of STATE_DIR running? Sets PID.
registry_running() { pid_running "$1/registry.pid" 'apicurio-registry'; }

# ---------------------------------------------------------------------------- start
cmd_start() {
    local state="${1:-}"
    [[ -n "$state" ]] || die "usage: registry.sh start STATE_DIR"
    command -v curl >/dev/null || die "curl not found"
    command -v python3 >/dev/null || die "python3 not found"
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    if registry_running "$state"; then
        die "a registry is already running for $state (pid $PID); stop it first"
    fi
    cmd_fetch
    local runner; runner="$(find_runner)"
    rm -f "$state/registry.env" "$state/registry.pid" "$state/registry.log"

    local host=127.0.0.1 http_port mgmt_port
    read -r http_port mgmt_port <<<"$(free_ports 2)"
    local props=(
        -Dquarkus.http.host="$host" -Dquarkus.http.port="$http_port"
        # 3.x serves health/metrics on a separate management interface (default 0.0.0.0:9000).
        -Dquarkus.management.host="$host" -Dquarkus.management.port="$mgmt_port"
        # No TLS listener, no dev services, nothing phoning home.
        -Dquarkus.http.insecure-requests=enabled -Dquarkus.devservices.enabled=false
        -Dquarkus.analytics.disabled=true
    )
    if [[ "${VERSION%%.*}" -ge 3 ]]; then
        # In-memory H2 (the default, said explicitly: nothing survives a stop).
        props+=(-Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2
                "-Dapicurio.datasource.url=jdbc:h2:mem:registry_db")
    fi
    local curl_auth=() var=EDIS_TEST_REGISTRY
    if [[ "$BASIC_AUTH" == 1 ]]; then
        compgen -G "$APP_DIR/lib/main/*quarkus-elytron-security-properties-file*.jar" >/dev/null \
            || die "Apicurio Registry $VERSION has no embedded user realm (quarkus-elytron-security-properties-file): basic authentication needs 3.x"
        # Quarkus' embedded realm (quarkus-elytron-security-properties-file is in the archive);
        # Quarkus logs that quarkus.http.auth.basic is "build time fixed", yet the embedded users
        # turn basic authentication on: checked below (401 without the credentials).
        props+=(-Dquarkus.http.auth.basic=true -Dquarkus.security.users.embedded.enabled=true
                -Dquarkus.security.users.embedded.plain-text=true
                "-Dquarkus.security.users.embedded.users.$AUTH_USER=$AUTH_PASSWORD"
                "-Dquarkus.security.users.embedded.roles.$AUTH_USER=sr-admin"
                "-Dquarkus.http.auth.permission.registry.paths=/*"
                -Dquarkus.http.auth.permission.registry.policy=authenticated)
        curl_auth=(-u "$AUTH_USER:$AUTH_PASSWORD")
        var=EDIS_TEST_REGISTRY_AUTH
    fi
    local base="http://$host:$http_port" url="http://$host:$http_port/apis/ccompat/v7"

    log "starting Apicurio Registry $VERSION$([[ "$BASIC_AUTH" == 1 ]] && echo ' with basic authentication') on Java $JAVA_MAJOR ($JAVA_BIN) in $state ($base)"
    local launched_ms; launched_ms="$(date +%s%3N)"
    # setsid: own session, so the test runner's Ctrl-C does not hit the JVM before stop does
    # (not a process group leader here, so setsid execs in place and $! is the java pid).
    ( cd "$state" && exec setsid "$JAVA_BIN" -Xms64m -Xmx"$HEAP" -XX:+UseSerialGC \
        -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Djava.io.tmpdir="$state" \
        "${props[@]}" -jar "$runner" </dev/null >"$state/registry.log" 2>&1 ) &
    echo $! >"$state/registry.pid"

    local deadline=$((SECONDS + START_TIMEOUT)) ready=0 code=""
    while ((SECONDS < deadline)); do
        if ! kill -0 "$(cat "$state/registry.pid")" 2>/dev/null; then
            tail -n 60 "$state/registry.log" >&2
            rm -f "$state/registry.pid"
            die "registry exited during startup (log: $state/registry.log)"
        fi
        code="$(curl -s -m 5 -o /dev/null -w '%{http_code}' "${curl_auth[@]}" "$url/subjects" 2>/dev/null || true)"
        if [[ "$code" == 200 ]]; then
            ready=1; break
        fi
        sleep 0.25
    done
    if ((ready == 0)); then
        tail -n 60 "$state/registry.log" >&2
        cmd_stop "$state" || true
        die "registry not ready within ${START_TIMEOUT}s (last GET $url/subjects: ${code:-no answer}; log: $state/registry.log)"
    fi
    if [[ "$BASIC_AUTH" == 1 ]]; then
        code="$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$url/subjects" || true)"
        if [[ "$code" != 401 ]]; then
            tail -n 60 "$state/registry.log" >&2
            cmd_stop "$state" || true
            die "basic authentication is not in force: GET $url/subjects without credentials answered $code, not 401"
        fi
    fi
    {
        echo "# Generated by registry.sh start. Load with: set -a; . registry.env; set +a"
        env_line "${var}_URL" "$url"
        env_line "${var}_PID" "$(cat "$state/registry.pid")"
        env_line "${var}_VERSION" "$VERSION"
        env_line "${var}_BASE_URL" "$base"
        if [[ "$BASIC_AUTH" == 1 ]]; then
            env_line "${var}_USER" "$AUTH_USER"
            env_line "${var}_PASSWORD" "$AUTH_PASSWORD"
        fi
    } >"$state/registry.env"
    log "ready $(elapsed_since "$launched_ms") after launch at $url; env in $state/registry.env"
}

# ---------------------------------------------------------------------------- stop / status
cmd_stop() { service_stop registry.sh registry_running registry.pid registry "$@"; }
cmd_status() { service_status registry.sh registry_running registry.env "$@"; }

# ---------------------------------------------------------------------------- main
[[ $# -ge 1 ]] || usage
cmd="$1"; shift
case "$cmd" in
    fetch) choose_runtime; set_paths; cmd_fetch; log "Apicurio Registry $VERSION in $APP_DIR" ;;
    start) choose_runtime; set_paths; cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    java) choose_runtime; echo "$JAVA_BIN (Java $JAVA_MAJOR) for Apicurio Registry $VERSION" ;;
    -h|--help|help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
esac
