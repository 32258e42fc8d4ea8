#pragma once

// Import, the tests and the benches name the producer this way; it is kafka::Producer, the one
// producer over librdkafka (app/core/kafka/producer.h).

#include "kafka/producer.h"

namespace edis::inspect {

using RecordProducer = kafka::Producer;

} // namespace edis::inspect
