#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing, builds, starts the real
# services (Apache Kafka, Kafka Connect + Debezium and Apicurio Schema Registry from Maven Central,
# PostgreSQL and RabbitMQ from Debian; Confluent's Python client from PyPI as the schema tests'
# independent encoder), runs every test with ctest, and stops the services.
#
#   tests/run.sh                 # everything (preset "ci")
#   tests/run.sh -L unit         # extra arguments go to ctest
#
# Environment: EDIS_PRESET (default ci), EDIS_KAFKA_VERSION (default 3.9.2), EDIS_SKIP_DEPS=1.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
preset=${EDIS_PRESET:-ci}
started=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }

if [[ "${EDIS_SKIP_DEPS:-0}" != 1 ]]; then
  step "Installing missing packages"
  packaging/install-deps.sh --with-test-tools
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/edis-services.XXXXXX")
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  [[ -n "${fetch:-}" ]] && { kill "$fetch" >/dev/null 2>&1 || true; }
  [[ -n "${pyenv:-}" ]] && { kill "$pyenv" >/dev/null 2>&1 || true; }
  tests/services/registry.sh stop "$state/registry" >/dev/null 2>&1 || true
  tests/services/registry.sh stop "$state/registry-auth" >/dev/null 2>&1 || true
  tests/services/kafka.sh stop "$state/single" >/dev/null 2>&1 || true
  # A test may have left the freezable broker stopped (SIGSTOP): it must run to handle TERM.
  [[ -f "$state/freezable/kafka.pid" ]] && { kill -CONT "$(cat "$state/freezable/kafka.pid")" 2>/dev/null || true; }
  tests/services/kafka.sh stop "$state/freezable" >/dev/null 2>&1 || true
  tests/services/kafka.sh stop-cluster "$state/cluster" >/dev/null 2>&1 || true
  tests/services/connect.sh stop "$state/connect" >/dev/null 2>&1 || true
  tests/services/postgres.sh stop "$state/postgres" >/dev/null 2>&1 || true
  tests/services/rabbitmq.sh stop "$state/rabbitmq" >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT INT TERM

# The Kafka and Kafka Connect + Debezium jars and the Apicurio Registry archive come from Maven
# Central (cached after the first time); they download while the code compiles. One after the
# other: all use ~/.m2.
step "Fetching the Kafka, Kafka Connect and Schema Registry jars in the background"
(tests/services/kafka.sh fetch && tests/services/connect.sh fetch && tests/services/registry.sh fetch) \
  >"$state/fetch.log" 2>&1 &
fetch=$!
# The schema tests' independent encoder: a virtual environment with Confluent's Python client from
# PyPI (~10 s the first time, instant when cached), made beside the build.
tests/services/pyenv.sh ensure >"$state/pyenv.out" 2>"$state/pyenv.log" &
pyenv=$!

step "Configuring and building (preset $preset)"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"

step "Waiting for the jars"
if ! wait "$fetch"; then
  cat "$state/fetch.log" >&2
  echo "tests/run.sh: fetching the service jars failed (see above)" >&2
  exit 1
fi
fetch=
if ! wait "$pyenv"; then
  cat "$state/pyenv.log" >&2
  echo "tests/run.sh: making the Python environment for the schema tests failed (see above)" >&2
  exit 1
fi
pyenv=
EDIS_TEST_PYTHON=$(tail -n 1 "$state/pyenv.out")
EDIS_TEST_SCHEMA_FIXTURES="$root/tests/services/schema_fixtures.py"
export EDIS_TEST_PYTHON EDIS_TEST_SCHEMA_FIXTURES

step "Starting Apache Kafka ${EDIS_KAFKA_VERSION:-3.9.2}: one broker with security listeners, one to freeze, and a 3-broker cluster"
# PostgreSQL, RabbitMQ and the Schema Registry (one open, one with basic authentication) start
# beside the brokers.
tests/services/postgres.sh start "$state/postgres" &
postgres=$!
tests/services/rabbitmq.sh start "$state/rabbitmq" &
rabbitmq=$!
tests/services/registry.sh start "$state/registry" &
registry=$!
# Basic authentication needs Apicurio 3.x (Java 21+); on 2.6 the tests that use it fail saying so.
registry_auth=
if tests/services/registry.sh java | grep -q 'Apicurio Registry 3'; then
  EDIS_REGISTRY_BASIC_AUTH=1 tests/services/registry.sh start "$state/registry-auth" &
  registry_auth=$!
else
  echo "tests/run.sh: no Schema Registry with basic authentication: $(tests/services/registry.sh java) cannot" >&2
fi
# Both start at once; each writes its own kafka.env.
tests/services/kafka.sh start "$state/single" &
single=$!
tests/services/kafka.sh start-cluster "$state/cluster" 3 &
cluster=$!
# test_gui_latency stops this one (SIGSTOP) and continues it, to check that nothing the GUI does
# waits on a broker that never answers; PLAINTEXT is all it needs.
EDIS_KAFKA_SECURITY=0 tests/services/kafka.sh start "$state/freezable" &
freezable=$!
wait "$single"
wait "$cluster"
wait "$freezable"
wait "$postgres"
wait "$rabbitmq"
wait "$registry"
[[ -z "$registry_auth" ]] || wait "$registry_auth"
set -a
# shellcheck disable=SC1091
. "$state/single/kafka.env"
# shellcheck disable=SC1091
. "$state/cluster/kafka.env"
# shellcheck disable=SC1091
. "$state/postgres/postgres.env"
# EDIS_TEST_RABBITMQ_AMQP_URL/_MANAGEMENT_URL/_USER/_PASSWORD/_VHOST/_DIR/... (tests/services/README.md)
# shellcheck disable=SC1091
. "$state/rabbitmq/rabbitmq.env"
# EDIS_TEST_REGISTRY_URL/_PID/_VERSION/_BASE_URL and EDIS_TEST_REGISTRY_AUTH_URL/_USER/_PASSWORD/...
# shellcheck disable=SC1091
. "$state/registry/registry.env"
if [[ -n "$registry_auth" ]]; then
  # shellcheck disable=SC1091
  . "$state/registry-auth/registry.env"
fi
set +a
# The freezable broker's kafka.env uses the same names as the first broker's: read its address
# in a subshell, under a name of its own, with the java pid the test freezes.
EDIS_TEST_FREEZABLE_KAFKA_BOOTSTRAP=$(
  # shellcheck disable=SC1091
  . "$state/freezable/kafka.env"
  echo "$EDIS_TEST_KAFKA_BOOTSTRAP"
)
EDIS_TEST_FREEZABLE_KAFKA_PID=$(cat "$state/freezable/kafka.pid")
export EDIS_TEST_FREEZABLE_KAFKA_BOOTSTRAP EDIS_TEST_FREEZABLE_KAFKA_PID

# The worker needs the broker, and inherits EDIS_TEST_POSTGRES_PASSWORD: the e2e pipeline refers
# to it as ${env:EDIS_TEST_POSTGRES_PASSWORD} (EnvVarConfigProvider).
step "Starting Kafka Connect (distributed, Debezium + file connectors)"
tests/services/connect.sh start "$state/connect"
set -a
# shellcheck disable=SC1091
. "$state/connect/connect.env"
set +a
# The Redpanda Connect linter is a large Go build (tens of minutes on 2 cores, more than CI's
# budget), so it runs only where one was built (tests/services/redpanda-connect.sh build).
linter="${EDIS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edis-studio}/redpanda-connect/bin/redpanda-connect-community"
exclude=()
if [[ -x "$linter" ]]; then
  export EDIS_TEST_REDPANDA_CONNECT="$linter"
else
  exclude=(-LE redpanda-connect)
  echo "tests/run.sh: NOT RUN: test_export_lint (label redpanda-connect): no Redpanda Connect build in" \
    "the cache; tests/services/redpanda-connect.sh build makes one" >&2
fi

step "Running the tests"
# A test function that hangs is stopped after 2 minutes by Qt Test's watchdog, which names it
# and (with gdb installed) prints every thread's stack, instead of ctest killing the whole
# executable silently.
export QTEST_FUNCTION_TIMEOUT="${QTEST_FUNCTION_TIMEOUT:-120000}"
status=0
(cd "build/$preset" && ctest --output-on-failure --timeout 600 "${exclude[@]}" "$@") || status=$?
step "Done (ctest exit status $status)"
exit "$status"
