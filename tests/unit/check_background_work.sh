#!/usr/bin/env bash
# One way to run background work (issue #17): the product's code (app, ui, widgets) starts no
# thread of its own; it posts jobs to edis::util::BackgroundWorker, which owns its thread, its
# stop and a bounded shutdown at exit. This check fails naming each file outside
# app/core/util/backgroundworker.{h,cpp} that makes a std::thread or std::jthread, calls
# QThread::create, subclasses or moves objects to a QThread, uses QtConcurrent or a
# QThreadPool, or detaches a thread. Tests and benchmarks may start threads (to race the code).
set -u
root=${1:?usage: check_background_work.sh <source dir>}
cd "$root" || exit 2

pattern='std::(j)?thread[[:space:]]*[({a-z_]|QThread::create|moveToThread|public[[:space:]]+QThread\b|QtConcurrent|QThreadPool|\.detach\(\)'
failed=0
while IFS=: read -r file line text; do
    [ -n "$file" ] || continue
    case "$file" in app/core/util/backgroundworker.cpp | app/core/util/backgroundworker.h) continue ;; esac
    echo "$file:$line: starts or manages a thread outside util::BackgroundWorker: ${text#"${text%%[![:space:]]*}"}"
    failed=1
done < <(grep -rnE "$pattern" app ui widgets --include='*.h' --include='*.cpp' 2>/dev/null | grep -vE ':[0-9]+:[[:space:]]*//')

if [ "$failed" -eq 0 ]; then
    echo "background work: every thread of app, ui and widgets is a util::BackgroundWorker's"
fi
exit "$failed"
