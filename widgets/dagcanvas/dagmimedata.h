#pragma once

namespace edis::widgets {

/// The MIME type of a node dragged from a palette onto the canvas; the data is the
/// catalogue type id in UTF-8.
inline constexpr char NodeTypeMimeType[] = "application/x-edis-node-type";

} // namespace edis::widgets
