#pragma once
// Bounds of the schema diff, in one place. Registries cap schemas far below these (Confluent's
// default request limit is a few MB); a text over a bound is refused with a message that names
// it, never cut short silently.

#include <QtGlobal>

namespace edis::schemadiff {

/// Characters of one schema text (and of each reference).
inline constexpr qsizetype kMaxSchemaChars = qsizetype {4} * 1024 * 1024;
/// Nesting of types inside types; deeper input is refused before the recursion could exhaust
/// the stack.
inline constexpr int kMaxSchemaDepth = 200;
/// Lines of one side of the plain text diff (Myers is O((N+M)·D): 20k lines that all differ take
/// a few seconds).
inline constexpr qsizetype kMaxDiffLines = 20000;

} // namespace edis::schemadiff
