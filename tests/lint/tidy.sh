#!/usr/bin/env bash
# clang-tidy (the checks in .clang-tidy, every finding an error) on the C++ sources a change
# touched: by default the last commit's, or those since EDIS_TIDY_BASE (a commit) when it is set.
# A header is checked through the changed sources that include it (HeaderFilterRegex).
#   tests/lint/tidy.sh BUILD_DIR [SOURCE_DIR]
set -euo pipefail
(($# >= 1)) || { echo "usage: tests/lint/tidy.sh BUILD_DIR [SOURCE_DIR]" >&2; exit 2; }
[[ -d "$1" ]] || { echo "tidy.sh: no build directory $1" >&2; exit 1; }
build=$(realpath "$1")
cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}"
command -v clang-tidy >/dev/null || { echo "tidy.sh: clang-tidy is missing (packaging/install-deps.sh --with-test-tools)" >&2; exit 1; }
[[ -f "$build/compile_commands.json" ]] || { echo "tidy.sh: no compile_commands.json in $build (configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2; exit 1; }
base=${EDIS_TIDY_BASE:-HEAD~1}
git rev-parse -q --verify "$base^{commit}" >/dev/null || { echo "tidy.sh: no commit $base to compare with (a shallow clone?); set EDIS_TIDY_BASE" >&2; exit 1; }
# Sources that are in the compilation database (a header is checked through them).
mapfile -t files < <(git diff --name-only --diff-filter=AMR "$base" -- 'app/*.cpp' 'ui/*.cpp' 'widgets/*.cpp' 'tests/*.cpp' |
  while read -r f; do grep -q "\"file\": \"[^\"]*/$f\"" "$build/compile_commands.json" && echo "$f"; done)
if ((${#files[@]} == 0)); then
  echo "tidy.sh: no compiled C++ source changed since $base"
  exit 0
fi
echo "tidy.sh: ${#files[@]} sources changed since $base"
bad=()
for f in "${files[@]}"; do
  # stderr is clang-tidy's "N warnings generated" count; the findings themselves go to stdout.
  clang-tidy -p "$build" --quiet --warnings-as-errors='*' "$f" 2>/dev/null || bad+=("$f")
done
if ((${#bad[@]} > 0)); then
  printf 'tidy.sh: findings in %s\n' "${bad[@]}" >&2
  echo "tidy.sh: ${#bad[@]} of ${#files[@]} sources have findings (see above); fix them or, for a check that is wrong for this codebase, disable it in .clang-tidy saying why" >&2
  exit 1
fi
echo "tidy.sh: ${#files[@]} sources clean"
