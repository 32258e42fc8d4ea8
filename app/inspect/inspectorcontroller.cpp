#include "inspectorcontroller.h"

#include "consumersession.h"
#include "decoderregistry.h"
#include "filterexpression.h"
#include "messagetablemodel.h"
#include "registrydecoding.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace edis::inspect {

namespace {

QString dataSize(uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

InspectorController::InspectorController(QObject *parent)
    : QObject(parent)
    , registry_(DecoderRegistry::shared())
    , model_(new MessageTableModel(registry_, this))
    , status_(tr("Choose a topic, then Start (or Live Tail)."))
{
}

InspectorController::~InspectorController()
{
    // Whoever listens may be going too (the page is half destroyed when its children go).
    const QSignalBlocker block(this);
    detachSession();
}

bool InspectorController::setConnection(
    const kafka::ConnectionSettings &settings, std::shared_ptr<RegistryDecoding> schemas)
{
    if (hasConnection_ && !sourceFactory_ && settings == connection_ && schemas == schemas_) {
        return false;
    }
    detachSession();
    sourceFactory_ = {};
    sourceIdentity_.clear();
    connection_ = settings;
    hasConnection_ = true;
    if (schemas != schemas_) {
        if (schemas_) {
            disconnect(schemas_.get(), nullptr, this, nullptr);
        }
        schemas_ = std::move(schemas);
        registry_ = schemas_ ? schemas_->decoders() : DecoderRegistry::shared();
        model_->setRegistry(registry_);
        model_->setPayloads(schemas_ ? schemas_->payloads() : nullptr);
        if (schemas_) {
            connect(schemas_.get(), &RegistryDecoding::schemasChanged, this, [this] {
                model_->refreshDecoded();
                Q_EMIT decodedChanged();
            });
        }
    }
    clearTable();
    Q_EMIT stateChanged();
    return true;
}

bool InspectorController::setRecordSource(RecordSourceFactory factory, const QString &identity)
{
    if (hasConnection_ && sourceFactory_ && identity == sourceIdentity_) {
        sourceFactory_ = std::move(factory); // the same origin: a running read goes on
        return false;
    }
    detachSession();
    sourceFactory_ = std::move(factory);
    sourceIdentity_ = identity;
    connection_ = {};
    hasConnection_ = bool(sourceFactory_);
    if (schemas_) {
        disconnect(schemas_.get(), nullptr, this, nullptr);
        schemas_.reset();
        registry_ = DecoderRegistry::shared();
        model_->setRegistry(registry_);
        model_->setPayloads(nullptr);
    }
    clearTable();
    Q_EMIT stateChanged();
    return true;
}

bool InspectorController::setTopic(const QString &topic, int partitionCount)
{
    const bool changed = topic != topic_;
    topic_ = topic;
    partitionCount_ = partitionCount;
    if (changed) {
        // A read of the previous topic (paused or not) ends here: what the pause button and the
        // status say is about the topic shown (issue 16: a pause on A stayed checked on B).
        detachSession();
        clearTable();
        // Until a read starts (the window starts one itself when it opens the tab), say what
        // the buttons will do with this topic rather than ask for a topic that is already chosen.
        setStatus(topic.isEmpty()
                ? tr("Choose a topic, then Start (or Live Tail).")
                : tr("Start reads %1 from the chosen position; Live Tail follows its new records.")
                      .arg(topic));
    }
    Q_EMIT stateChanged();
    return changed;
}

bool InspectorController::isConsuming() const
{
    // One read of the QPointer: checking it and dereferencing it again would read it twice.
    const ConsumerSession *session = session_.data();
    return session != nullptr && session->isRunning();
}

bool InspectorController::start(ConsumeRequest request, const QString &description)
{
    if (!canRead()) {
        setStatus(tr("No topic or connection to read from."), true);
        return false;
    }
    request.connection = connection_;
    setStatus(tr("Reading %1 (%2)…").arg(topic_, description));
    startSession(std::move(request), false);
    return true;
}

bool InspectorController::searchWholeTopic(
    std::shared_ptr<const FilterExpression> filter, std::vector<int32_t> partitions)
{
    if (!canRead()) {
        setStatus(tr("No topic or connection to search."), true);
        return false;
    }
    if (!filter || filter->matchesEverything()) {
        setStatus(tr("Type a filter first: the search keeps only the records it matches."), true);
        return false;
    }
    ConsumeRequest request;
    request.connection = connection_;
    request.topics = {TopicSelection {topic_, StartPosition::beginning(), std::move(partitions)}};
    request.stopAtEnd = true;
    const QString expression = filter->text();
    request.filter = std::move(filter);
    // The search reads the topic on its own consumer: a live tail running now stops. The search
    // bar says so and offers the tail back when the search is over.
    const bool tailRunning = isConsuming() && !searching_ && tailing_;
    setStatus(tr("Searching all of %1 for %2…").arg(topic_, expression));
    searchStoppedTail_ = tailRunning;
    startSession(std::move(request), true);
    return true;
}

void InspectorController::startSession(ConsumeRequest request, bool search)
{
    const bool stoppedTail = search && searchStoppedTail_;
    detachSession();
    clearTable();
    searching_ = search;
    searchStoppedTail_ = stoppedTail;
    searchEndedAtMs_.reset();
    tailing_ = !search && !request.stopAtEnd && !request.maxMessages && !request.stopAtTimestampMs;
    paused_ = false;
    resetFigures(true);

    if (schemas_ && !request.payloads) {
        request.payloads = schemas_->payloads(); // filters and searches read decoded fields
    }
    session_ = new ConsumerSession(this);
    connect(session_, &ConsumerSession::batchesReady, this, &InspectorController::onBatches);
    connect(session_, &ConsumerSession::progressChanged, this, &InspectorController::onProgress);
    connect(session_, &ConsumerSession::finished, this, &InspectorController::onFinished);
    session_->start(request, sourceFactory_);
    Q_EMIT readStarted(search);
    Q_EMIT stateChanged();
    Q_EMIT figuresChanged();
}

void InspectorController::detachSession()
{
    ConsumerSession *old = session_.data();
    if (old == nullptr) {
        return;
    }
    // The old session finishes on its own; none of its late signals reach this controller.
    session_ = nullptr;
    disconnect(old, nullptr, this, nullptr);
    if (old->isRunning()) {
        old->stop();
        connect(old, &ConsumerSession::finished, old, &QObject::deleteLater);
    } else {
        old->deleteLater();
    }
    searching_ = false;
    tailing_ = false;
    searchStoppedTail_ = false;
    paused_ = false;
    Q_EMIT readAbandoned();
    Q_EMIT stateChanged();
}

void InspectorController::clearTable()
{
    model_->clear();
    Q_EMIT cleared();
}

void InspectorController::resetFigures(bool running)
{
    if (running) {
        received_ = 0;
        sessionClock_.start();
        readRate_.reset(0);
        tableRate_.reset(0);
        lastProgress_ = {};
        progressSeen_ = false;
        noticeShown_ = false;
    } else {
        readRate_.reset(); // nothing is read any more: no rate, rather than the last one
        tableRate_.reset();
        lastProgress_.paused = false;
    }
}

void InspectorController::stop()
{
    if (session_) {
        session_->stop();
        setStatus(tr("Stopping…"));
    }
}

void InspectorController::setPaused(bool paused)
{
    // Pausing belongs to the read that runs; with none, there is nothing to pause.
    paused_ = paused && session_;
    if (session_) {
        session_->setPaused(paused_);
    }
    Q_EMIT stateChanged();
}

QString InspectorController::searchNote() const
{
    if (!searchStoppedTail_) {
        return {};
    }
    return !searching_
        ? tr("The live tail was stopped for the search: go back to it when you are done here.")
        : tr("The live tail is stopped while the search runs; you can go back to it when the search is "
             "over.");
}

void InspectorController::setStatus(const QString &text, bool problem)
{
    status_ = text;
    statusProblem_ = problem;
    Q_EMIT statusChanged(text, problem);
}

void InspectorController::onBatches(std::vector<MessageBatch> &batches)
{
    for (const MessageBatch &batch : batches) {
        received_ += batch.size();
    }
    model_->adoptBatches(batches);
    Q_EMIT batchesAdopted();
}

void InspectorController::onProgress(const ConsumerProgress &progress)
{
    // A source that recovers by itself (a lost connection) says so where the user looks.
    if (!progress.notice.isEmpty()) {
        setStatus(progress.notice, true);
        noticeShown_ = true;
    } else if (noticeShown_) {
        noticeShown_ = false;
        setStatus(tr("Connected again; reading %1 on from where it stood.").arg(topic_));
    }
    // A few reports a second: the rates are smoothed over their window here, not per record.
    const qint64 now = sessionClock_.elapsed();
    readRate_.add(now, progress.scanned, progress.bytes);
    tableRate_.add(now, received_, 0);
    lastProgress_ = progress;
    progressSeen_ = true;
    Q_EMIT figuresChanged();
    if (searching_) {
        Q_EMIT searchProgressChanged();
    }
}

void InspectorController::onFinished(FinishReason reason, const kafka::KafkaError &error)
{
    const bool wasSearch = searching_;
    if (session_) {
        session_->deleteLater();
        session_ = nullptr;
    }
    const QString message = finishMessage(reason, wasSearch, model_->store().size(), error.message);
    searching_ = false;
    tailing_ = false;
    paused_ = false;
    resetFigures(false);
    if (wasSearch) {
        // The bar stays with the outcome until the user closes it or reads again; a search
        // that did not complete keeps its last progress line.
        if (reason == FinishReason::Completed) {
            searchEndedAtMs_ = sessionClock_.elapsed();
        }
        lastProgress_.delivered = std::max<uint64_t>(lastProgress_.delivered, model_->store().size());
        progressSeen_ = true;
        Q_EMIT searchProgressChanged();
    }
    setStatus(message, reason == FinishReason::Failed);
    Q_EMIT stateChanged();
    Q_EMIT figuresChanged();
    Q_EMIT finished(reason, message);
}

ReadFigures InspectorController::readFigures() const
{
    const ConsumerProgress &p = lastProgress_;
    const std::optional<double> records = readRate_.recordsPerSecond();
    const std::optional<double> bytes = readRate_.bytesPerSecond();
    const std::optional<double> shown = tableRate_.recordsPerSecond();
    ReadFigures figures;
    figures.recordRate = p.paused ? tr("paused")
        : records                 ? tr("%1 msg/s").arg(rateText(*records))
                                  : tr("– msg/s");
    figures.byteRate
        = bytes ? tr("%1/s").arg(dataSize(static_cast<uint64_t>(std::llround(*bytes)))) : tr("– /s");
    figures.rateToolTip = tr("Read rate over the last %1 s; %2 records/s reached the table.%3")
                              .arg(readRate_.windowMs() / 1000)
                              .arg(shown ? rateText(*shown) : QStringLiteral("–"))
                              .arg(p.paused ? tr(" Reading is paused.") : QString());
    figures.readCount = tr("%L1 read this session").arg(p.scanned);
    return figures;
}

SearchFigures InspectorController::searchFigures() const
{
    if (!progressSeen_) {
        return {0, tr("Starting the search…")};
    }
    const ConsumerProgress &p = lastProgress_;
    if (searchEndedAtMs_) {
        return {1000, searchText(p, true, double(*searchEndedAtMs_) / 1000.0, std::nullopt, std::nullopt)};
    }
    const double total = double(p.scanned) + double(std::max<int64_t>(0, p.remaining));
    const int permille = total > 0 ? int(1000.0 * double(p.scanned) / total) : 0;
    return {
        permille, searchText(p, false, 0, readRate_.recordsPerSecond(), readRate_.secondsFor(p.remaining))};
}

QString InspectorController::finishMessage(
    FinishReason reason, bool wasSearch, qsizetype held, const QString &error)
{
    switch (reason) {
    case FinishReason::Completed:
        return wasSearch ? tr("Search finished: %L1 matches.").arg(held)
                         : tr("Finished: the stop condition was met (%L1 records).").arg(held);
    case FinishReason::Stopped:
        return wasSearch ? tr("Search cancelled (%L1 matches so far).").arg(held) : tr("Stopped.");
    case FinishReason::Failed:
        return tr("Reading failed: %1").arg(error);
    }
    return {};
}

QString InspectorController::rateText(double perSecond)
{
    if (perSecond < 0.05) {
        return QStringLiteral("0");
    }
    return perSecond >= 10 ? QLocale().toString(std::llround(perSecond))
                           : QLocale().toString(perSecond, 'f', 1);
}

QString InspectorController::durationText(double seconds)
{
    if (seconds < 9.95) {
        return tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    }
    const qint64 s = std::llround(seconds);
    return s >= 3600 ? tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
        : s >= 60    ? tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                     : tr("%1 s").arg(s);
}

QString InspectorController::searchText(const ConsumerProgress &p, bool finished, double elapsedSeconds,
    std::optional<double> rate, std::optional<double> etaSeconds)
{
    if (finished) {
        return tr("Scanned %L1 records in %2 (%3 rec/s) · %L4 matches")
            .arg(p.scanned)
            .arg(durationText(elapsedSeconds))
            .arg(rateText(elapsedSeconds > 0 ? double(p.scanned) / elapsedSeconds : 0))
            .arg(p.delivered);
    }
    QString text = tr("Scanned %L1").arg(p.scanned);
    if (p.remaining >= 0) {
        text += tr(" of %L1").arg(p.scanned + uint64_t(p.remaining));
    }
    text += tr(" · %L1 matches · %2")
                .arg(p.delivered)
                .arg(rate ? tr("%1 rec/s").arg(rateText(*rate)) : tr("measuring the rate…"));
    if (etaSeconds) {
        text += tr(" · about %1 left").arg(durationText(*etaSeconds));
    }
    return text;
}

} // namespace edis::inspect
