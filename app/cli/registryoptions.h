#pragma once

// The Schema Registry options the commands that read or write framed records share:
// --schema-registry URL, its credentials and TLS files. The secret is read from the environment
// (EDIS_SCHEMA_REGISTRY_SECRET) when it is not given, so that it need not be on a command line
// that `ps` shows.

#include "registry/registrysettings.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace edis::cli {

void addRegistryOptions(QCommandLineParser &parser);

/// The settings the options give; nullopt without --schema-registry. Incomplete or invalid
/// settings (a bad URL, a user without a secret) set `*error` and return nullopt too, with
/// `*error` non-empty.
std::optional<registry::RegistrySettings> registryFromOptions(
    const QCommandLineParser &parser, QString *error);

/// registryFromOptions; without --schema-registry, the registry of the saved connection that
/// --profile names (for a command that has that option). nullopt with `*error` empty when
/// neither gives one.
std::optional<registry::RegistrySettings> registryFromOptionsOrProfile(
    const QCommandLineParser &parser, QString *error);

} // namespace edis::cli
