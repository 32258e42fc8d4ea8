#include "rabbit/managementtypes.h"

namespace edis::rabbit {

QString toString(QueueType type)
{
    switch (type) {
    case QueueType::Classic:
        return QStringLiteral("classic");
    case QueueType::Quorum:
        return QStringLiteral("quorum");
    case QueueType::Stream:
        return QStringLiteral("stream");
    case QueueType::Other:
        break;
    }
    return {};
}

std::optional<QueueType> queueTypeFromString(const QString &name)
{
    for (const QueueType type : {QueueType::Classic, QueueType::Quorum, QueueType::Stream}) {
        if (name.compare(toString(type), Qt::CaseInsensitive) == 0) {
            return type;
        }
    }
    return std::nullopt;
}

} // namespace edis::rabbit
