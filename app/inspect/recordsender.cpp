#include "recordsender.h"

#include "kafka/producer.h"
#include "ratepacer.h"
#include "recordtemplate.h"

#include <QElapsedTimer>

#include <algorithm>
#include <optional>

namespace edis::inspect {

OutgoingRecords templatedRecords(kafka::OutgoingMessage templ, quint64 count)
{
    return [templ = std::move(templ), count](quint64 sequence, kafka::OutgoingMessage *record) {
        if (count > 0 && sequence >= count) {
            return false;
        }
        *record = expandRecord(templ, sequence);
        return true;
    };
}

SendOutcome sendRecords(kafka::Producer &producer, const OutgoingRecords &source, const SendOptions &options,
    const std::atomic<bool> &stop)
{
    SendOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    std::optional<RatePacer> pacer;
    if (options.perSecond > 0) {
        pacer.emplace(options.perSecond, 0);
    }
    quint64 due = 0; // records the pacer allowed and that are not sent yet
    kafka::OutgoingMessage record;
    while (!stop) {
        if (pacer && due == 0) {
            due = pacer->take(clock.elapsed());
            if (due == 0) {
                const qint64 wait = std::min(pacer->msUntilNext(clock.elapsed()), kStopCheckMs);
                producer.poll(std::chrono::milliseconds(wait)); // serve delivery reports meanwhile
                continue;
            }
        }
        if (!source(outcome.queued, &record)) {
            break;
        }
        if (kafka::KafkaError error = producer.produce(record, &stop)) {
            if (error.kind != kafka::KafkaError::Kind::Cancelled) {
                outcome.error = std::move(error);
            }
            break;
        }
        ++outcome.queued;
        if (pacer) {
            --due;
        }
        if (options.onQueued) {
            options.onQueued(outcome.queued);
        }
    }
    outcome.stopped = stop && !outcome.error;
    return outcome;
}

} // namespace edis::inspect
