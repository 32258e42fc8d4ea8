#!/usr/bin/env bash
# Cold start and exit of edis-studio as a user meets them: a real X server (Xvfb) with a window
# manager (openbox), the app launched on the embedded sandbox, closed with Ctrl+Q.
#
#   tests/bench/startup/startup.sh [BINARY] [RUNS] [-- extra edis-studio arguments]
#
# Per run it prints: launch → window shown, launch → window populated (the first cluster's
# topics arrived), Ctrl+Q → last window closed, and Ctrl+Q → process gone. The milestones come
# from the app's "edis.timing" logging category (wall clock in ms); the exit is timed here.
# Needs: Xvfb, openbox, xdotool (Debian packages xvfb, openbox, xdotool).
set -euo pipefail
binary=${1:-build/release/ui/edis-studio}
runs=${2:-10}
shift $(($# >= 2 ? 2 : $#))
[[ "${1:-}" == "--" ]] && shift
for tool in Xvfb openbox xdotool; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is missing" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "startup.sh: no executable at $binary" >&2; exit 1; }

work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# shellcheck disable=SC2317  # invoked by the trap
cleanup() { kill "$wm" "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
wm=$!
sleep 0.5

now() { date +%s%3N; }
milestone() { awk -v m="$1" '$2 == m { print $3; exit }' "$work/log"; }
# Waits up to $2 seconds for a milestone in the log.
wait_for() {
  local deadline=$(($(now) + $2 * 1000))
  until [[ -n "$(milestone "$1")" ]]; do
    (($(now) > deadline)) && return 1
    sleep 0.02
  done
}

printf '%-4s %10s %12s %14s %14s\n' run "shown ms" "populated ms" "closed ms" "exited ms"
for run in $(seq "$runs"); do
  # A fresh configuration each run: a cold start, no restored state.
  export XDG_CONFIG_HOME="$work/config.$run" XDG_CACHE_HOME="$work/cache.$run"
  launched=$(now)
  QT_LOGGING_RULES="edis.timing.debug=true" "$binary" "$@" >"$work/log" 2>&1 &
  app=$!
  if ! wait_for populated 30; then
    echo "run $run: no populated window within 30 s" >&2
    kill "$app" 2>/dev/null || true
    exit 1
  fi
  sleep 2 # let it run a little, as a user would look before closing
  window=$(xdotool search --sync --pid "$app" --onlyvisible --name 'EDIS' | head -n1)
  xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
  quit=$(now)
  xdotool key ctrl+q
  wait "$app" || true
  exited=$(now)
  printf '%-4s %10d %12d %14s %14d\n' "$run" $(($(milestone shown) - launched)) \
    $(($(milestone populated) - launched)) \
    "$( c=$(milestone closed); [[ -n "$c" ]] && echo $((c - quit)) || echo -)" $((exited - quit))
done
