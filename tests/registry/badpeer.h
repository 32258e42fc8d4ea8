#pragma once

// A TCP server on 127.0.0.1 that is not a Schema Registry, for the client's error paths: it
// answers every HTTP request with the same canned bytes (an HTML page, a 401, ...), or accepts
// connections and never answers. It records what it was sent, so tests can check the headers.
// Not a mock registry: the registry tests talk to a real one.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace edis::test {

class BadPeer : public QObject {
public:
    /// Answers each request with `answer`; an empty `answer` means never answering.
    explicit BadPeer(QByteArray answer, QObject *parent = nullptr)
        : QObject(parent)
        , answer_(std::move(answer))
    {
        server_.listen(QHostAddress::LocalHost);
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server_.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    static QByteArray http(
        int status, const QByteArray &reason, const QByteArray &contentType, const QByteArray &body)
    {
        QByteArray a = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        if (!contentType.isEmpty()) {
            a += "Content-Type: " + contentType + "\r\n";
        }
        a += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        return a;
    }

    bool isListening() const { return server_.isListening(); }
    quint16 port() const { return server_.serverPort(); }
    QString url(const QString &scheme = QStringLiteral("http")) const
    {
        return QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(port());
    }
    /// Every complete request received (head and body), in order.
    const QList<QByteArray> &requests() const { return requests_; }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = buffers_[socket];
        buffer += socket->readAll();
        if (!buffer.isEmpty() && (buffer.at(0) < 'A' || buffer.at(0) > 'Z')) {
            // Not HTTP (a TLS handshake): answered at once, as a plain HTTP server does.
            requests_.append(buffer);
            buffer.clear();
            if (!answer_.isEmpty()) {
                socket->write(answer_);
                socket->disconnectFromHost();
            }
            return;
        }
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return;
        }
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:")) {
                length = line.mid(15).trimmed().toLongLong();
            }
        }
        if (buffer.size() < headEnd + 4 + length) {
            return;
        }
        requests_.append(buffer.left(headEnd + 4 + length));
        buffer.remove(0, headEnd + 4 + length);
        if (!answer_.isEmpty()) {
            socket->write(answer_);
            socket->disconnectFromHost();
        }
    }

    QTcpServer server_;
    QByteArray answer_;
    QList<QByteArray> requests_;
    QHash<QTcpSocket *, QByteArray> buffers_;
};

/// A loopback port with nothing listening on it (bound once, then released).
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace edis::test
