#pragma once

// Which topics the inspector has seen carrying which Schema Registry schema ids: what tells the
// registry page where a subject is used when its name does not (RecordNameStrategy). Noted as
// framed values are decoded for display; thread-safe, and bounded (ids and topics per id).

#include <QString>
#include <QStringList>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace edis::inspect {

class SchemaSightings {
public:
    static constexpr std::size_t kMaxIds = 10000;
    static constexpr std::size_t kMaxTopicsPerId = 64;

    /// `topic` carried a value framed with `schemaId`. Beyond the bounds, new ids or topics are
    /// not noted (what was seen stays).
    void note(int schemaId, std::string_view topic);
    /// The topics seen with `schemaId`, sorted.
    QStringList topicsOf(int schemaId) const;
    std::size_t idCount() const;

private:
    mutable std::mutex mutex_;
    std::map<int, std::set<std::string, std::less<>>> topics_;
};

} // namespace edis::inspect
