#!/usr/bin/env bash
# One Kafka layer (issue #17): edis_core links librdkafka privately, and only app/core/kafka
# includes librdkafka's headers; its public headers declare the handle types opaquely
# (kafka/rdkafkafwd.h). librdkafka's headers sit in /usr/include, so the compiler does not refuse
# an include elsewhere: this check does. It fails naming each file that
#   - includes <librdkafka/...> outside app/core/kafka/*.cpp and app/core/kafka/internal/*.h,
#     except the test programs below, or
#   - includes "kafka/internal/..." outside the .cpp files of edis_core (app/core).
set -u
root=${1:?usage: check_kafka_layer.sh <source dir>}
cd "$root" || exit 2

# Test programs that set up a scenario with a raw librdkafka client; they link
# PkgConfig::RDKAFKA themselves.
raw_clients=" tests/admin/kafkatestclients.h tests/admin/kafkatestclients.cpp tests/admin/tst_admin.cpp
 tests/common/testconsumer.h tests/common/testconsumer.cpp tests/metrics/tst_metrics_kafka.cpp
 tests/bench/admin/bench_admin.cpp "

sources() {
    grep -rlE "$1" app ui widgets tests --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.cc' \
        2>/dev/null | sort
}

failed=0
while IFS= read -r file; do
    [ -n "$file" ] || continue
    case "$file" in
    app/core/kafka/internal/*.h | app/core/kafka/*.cpp) continue ;;
    esac
    case "$raw_clients" in
    *" $file "* | *" $file"$'\n'*) continue ;;
    esac
    echo "$file: includes librdkafka outside app/core/kafka/*.cpp and app/core/kafka/internal/; use the kafka layer (kafka/*.h)"
    failed=1
done < <(sources '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]librdkafka/')

while IFS= read -r file; do
    [ -n "$file" ] || continue
    case "$file" in
    app/core/*.cpp | app/core/kafka/internal/*.h) continue ;;
    esac
    echo "$file: includes an internal header of app/core/kafka outside edis_core's .cpp files"
    failed=1
done < <(sources '^[[:space:]]*#[[:space:]]*include[[:space:]]*"kafka/internal/')

if [ "$failed" -eq 0 ]; then
    echo "kafka layer: librdkafka is included only in app/core/kafka"
fi
exit "$failed"
