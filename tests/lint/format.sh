#!/usr/bin/env bash
# The tree is formatted as .clang-format says: clang-format --dry-run -Werror over every tracked
# C++ file. Prints the files that differ and how to fix them.
#   tests/lint/format.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}"
command -v clang-format >/dev/null || { echo "format.sh: clang-format is missing (packaging/install-deps.sh --with-test-tools)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h')
((${#files[@]} > 0)) || { echo "format.sh: no C++ files found under $PWD" >&2; exit 1; }
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]} > 0)); then
  printf 'format.sh: not formatted: %s\n' "${bad[@]}" >&2
  echo "format.sh: run 'make format' (clang-format -i) on them" >&2
  exit 1
fi
echo "format.sh: ${#files[@]} files formatted as .clang-format says"
