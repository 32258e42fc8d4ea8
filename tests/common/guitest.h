#pragma once

// Small helpers the GUI tests share: a named child that says when it is missing, a loopback port
// where nothing listens, and a probe of the GUI thread's longest stall.

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <algorithm>

namespace edis::test {

/// The child of `parent` named `name`, or null with a warning naming it.
template <typename T>
T *child(QObject *parent, const char *name)
{
    auto *found = parent->findChild<T *>(QLatin1String(name));
    if (!found) {
        qWarning("no child %s", name);
    }
    return found;
}

/// A port on 127.0.0.1 where nothing listens: listened on, then released.
inline quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

/// The longest gap between the ticks of a 5 ms timer on the GUI thread, from construction to
/// finish().
class GapProbe {
public:
    static constexpr int kIntervalMs = 5;

    /// `settleMs`: how long finish() runs the event loop a last time (a wait that just ended
    /// shows as a gap only at the next tick).
    explicit GapProbe(int settleMs = 100)
        : settleMs_(settleMs)
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(kIntervalMs);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.elapsed();
            maxGapMs_ = std::max(maxGapMs_, now - lastMs_);
            lastMs_ = now;
        });
        clock_.start();
        timer_.start();
    }

    /// Stops the probe; returns the longest gap in ms.
    qint64 finish()
    {
        QTest::qWait(settleMs_);
        timer_.stop();
        return maxGapMs_;
    }

private:
    int settleMs_;
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastMs_ = 0;
    qint64 maxGapMs_ = 0;
};

} // namespace edis::test
