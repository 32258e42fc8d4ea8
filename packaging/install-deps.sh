#!/usr/bin/env bash
# Installs the Debian packages EDIS Studio needs to build, run and test.
# Idempotent: only missing packages are installed; nothing happens when all are present.
# Usage: packaging/install-deps.sh [--with-test-tools]
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev qt6-qpa-plugins libgl-dev libxkbcommon-dev
  libqcustomplot-dev librdkafka-dev nlohmann-json3-dev qtkeychain-qt6-dev libyaml-cpp-dev
  libavro-dev libprotobuf-dev libprotoc-dev protobuf-compiler librabbitmq-dev
  fonts-dejavu-core
)
# Used by the test suite and benchmarks: a display server for GUI runs, the kcat anchor, gdb
# (stack traces of a hung test function), a JDK and Maven to fetch and run Apache Kafka and
# Kafka Connect, PostgreSQL for the CDC end-to-end test, a RabbitMQ node for the RabbitMQ tests,
# linters, and a window manager with xdotool for the start-up benchmark (tests/bench/startup)
# and screenshots.
test_pkgs=(
  xvfb xauth kcat default-jdk-headless maven curl ca-certificates
  clang-format clang-tidy shellcheck imagemagick gdb postgresql rabbitmq-server
  openbox xdotool x11-utils
)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--with-test-tools" ]]; then
  want+=("${test_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # A JDK or Maven installed outside of apt (e.g. SDKMAN, Temurin) is fine too.
    case "$p" in
      default-jdk-headless) command -v java >/dev/null 2>&1 && continue ;;
      maven) command -v mvn >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
