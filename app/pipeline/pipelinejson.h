#pragma once

#include "graphtypes.h"

#include <QByteArray>
#include <QString>

namespace edis::pipeline {

/// The *.edis.json format version this build writes and the newest it reads.
inline constexpr int PipelineFormatVersion = 1;

/// Why a pipeline could not be read or written.
struct FileError {
    enum class Kind {
        None,
        NotFound, ///< no such file
        Io, ///< could not read or write it
        Syntax, ///< not JSON; line and column say where
        Format, ///< JSON, but not an EDIS pipeline
        NewerVersion, ///< written by a newer EDIS Studio
        Content, ///< an EDIS pipeline with wrong or inconsistent content (unknown node type…)
    };
    Kind kind = Kind::None;
    QString message; ///< a complete sentence for the user
    int line = 0; ///< 1-based, Syntax only
    int column = 0; ///< 1-based, Syntax only

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }
};

/// The text of a *.edis.json file: UTF-8, 2-space indentation, fixed key order (format,
/// version, name, description, nodes, edges, layout), nodes and edges sorted by id, property
/// keys sorted, a trailing newline. The "layout" section holds only positions, so moving a node
/// changes nothing above it. Equal documents give identical bytes.
QByteArray serializePipeline(const PipelineDocument &document);

/// Reads the text of a *.edis.json file: checks the format marker, the version and the shape
/// of every entry. Node types are checked later, against a catalogue, by PipelineModel::resetTo.
/// On error `*document` is untouched.
bool parsePipeline(const QByteArray &json, PipelineDocument *document, FileError *error);

/// The same for clipboard fragments ("format": "edis-pipeline-fragment"; no name/description).
QByteArray serializeFragment(const PipelineDocument &fragment);
bool parseFragment(const QByteArray &json, PipelineDocument *fragment, FileError *error);

} // namespace edis::pipeline
