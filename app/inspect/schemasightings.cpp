#include "schemasightings.h"

namespace edis::inspect {

void SchemaSightings::note(int schemaId, std::string_view topic)
{
    const std::lock_guard lock(mutex_);
    auto it = topics_.find(schemaId);
    if (it == topics_.end()) {
        if (topics_.size() >= kMaxIds) {
            return;
        }
        it = topics_.emplace(schemaId, std::set<std::string, std::less<>> {}).first;
    }
    if (it->second.size() < kMaxTopicsPerId && it->second.find(topic) == it->second.end()) {
        it->second.emplace(topic);
    }
}

QStringList SchemaSightings::topicsOf(int schemaId) const
{
    const std::lock_guard lock(mutex_);
    QStringList out;
    if (const auto it = topics_.find(schemaId); it != topics_.end()) {
        for (const std::string &t : it->second) {
            out << QString::fromStdString(t);
        }
    }
    return out;
}

std::size_t SchemaSightings::idCount() const
{
    const std::lock_guard lock(mutex_);
    return topics_.size();
}

} // namespace edis::inspect
