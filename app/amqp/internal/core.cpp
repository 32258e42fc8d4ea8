#include "core.h"

#include "convert.h"

#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>

#include <QCoreApplication>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>

namespace edis::amqp::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::amqp::Connection", text);
}

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds until(Clock::time_point deadline)
{
    return std::max(std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

QString libraryText(int status)
{
    return QString::fromUtf8(amqp_error_string2(status));
}

bool isTlsStatus(int status)
{
    return status == AMQP_STATUS_SSL_ERROR || status == AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED
        || status == AMQP_STATUS_SSL_PEER_VERIFY_FAILED || status == AMQP_STATUS_SSL_CONNECTION_FAILED
        || status == AMQP_STATUS_SSL_SET_ENGINE_FAILED;
}

Error cancelled()
{
    return Error::make(Error::Kind::Cancelled, tr("Stopped"));
}

QString tableString(const amqp_table_t *table, const char *name)
{
    if (table == nullptr) {
        return {};
    }
    for (int i = 0; i < table->num_entries; ++i) {
        const amqp_table_entry_t &e = table->entries[i];
        if (toByteArray(e.key) == name && e.value.kind == AMQP_FIELD_KIND_UTF8) {
            return toQString(e.value.value.bytes);
        }
    }
    return {};
}

/// Why a TCP connection to host:port fails: rabbitmq-c says only "socket error" (its errno is
/// the EINPROGRESS of its non-blocking connect), so a failed open is diagnosed with one more
/// attempt of our own. Returns the socket error (ECONNREFUSED, ENETUNREACH, ...), 0 when this
/// attempt connected, -1 when it could not tell.
int diagnoseConnect(const QString &host, int port, std::chrono::milliseconds timeout)
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(), &hints, &found) != 0) {
        return -1;
    }
    int error = -1;
    for (const addrinfo *a = found; a != nullptr; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            continue;
        }
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            error = 0;
        } else if (errno != EINPROGRESS) {
            error = errno;
        } else {
            pollfd p {fd, POLLOUT, 0};
            if (::poll(&p, 1, int(timeout.count())) == 1) {
                int soError = 0;
                socklen_t length = sizeof(soError);
                error = ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0 ? soError : errno;
            }
        }
        ::close(fd);
        if (error == 0) {
            break;
        }
    }
    freeaddrinfo(found);
    return error;
}

} // namespace

timeval toTimeval(std::chrono::milliseconds ms)
{
    timeval tv {};
    const auto count = std::max<std::chrono::milliseconds::rep>(ms.count(), 0);
    tv.tv_sec = static_cast<decltype(tv.tv_sec)>(count / 1000);
    tv.tv_usec = static_cast<decltype(tv.tv_usec)>((count % 1000) * 1000);
    return tv;
}

ConnectionCore::ConnectionCore(Settings settings)
    : settings_(std::move(settings))
{
}

ConnectionCore::~ConnectionCore()
{
    close();
}

Error ConnectionCore::open(std::stop_token stop)
{
    close();
    if (stop.stop_requested()) {
        return cancelled();
    }
    state_ = amqp_new_connection();
    if (state_ == nullptr) {
        return Error::make(Error::Kind::Protocol, tr("Could not set up an AMQP connection (out of memory)"));
    }
    if (Error e = openSocket(); !e.ok()) {
        destroy();
        return e;
    }
    if (stop.stop_requested()) {
        destroy();
        return cancelled();
    }
    if (Error e = login(stop); !e.ok()) {
        destroy();
        return e;
    }
    open_ = true;
    readServerProperties();
    const timeval rpcTimeout = toTimeval(settings_.requestTimeout);
    amqp_set_rpc_timeout(state_, &rpcTimeout);
    if (Error e = ensureChannel(stop); !e.ok()) {
        close();
        return e;
    }
    return {};
}

Error ConnectionCore::openSocket()
{
    const QString endpoint = QStringLiteral("%1:%2").arg(settings_.host).arg(settings_.port);
    const TlsSettings &tls = settings_.tls;
    amqp_socket_t *socket = tls.enabled ? amqp_ssl_socket_new(state_) : amqp_tcp_socket_new(state_);
    if (socket == nullptr) {
        return Error::make(tls.enabled ? Error::Kind::Tls : Error::Kind::Network,
            tr("Could not create a socket for %1").arg(endpoint));
    }
    if (tls.enabled) {
        if (!tls.caFile.isEmpty()) {
            const int status = amqp_ssl_socket_set_cacert(socket, tls.caFile.toLocal8Bit().constData());
            if (status != AMQP_STATUS_OK) {
                return Error::make(Error::Kind::InvalidSettings,
                    tr("Cannot use the CA file %1").arg(tls.caFile), libraryText(status));
            }
        }
        if (!tls.certFile.isEmpty()) {
            const int status = amqp_ssl_socket_set_key(
                socket, tls.certFile.toLocal8Bit().constData(), tls.keyFile.toLocal8Bit().constData());
            if (status != AMQP_STATUS_OK) {
                return Error::make(Error::Kind::InvalidSettings,
                    tr("Cannot use the client certificate %1 with the key %2").arg(tls.certFile, tls.keyFile),
                    libraryText(status));
            }
        }
        amqp_ssl_socket_set_verify_peer(socket, tls.verifyPeer ? 1 : 0);
        amqp_ssl_socket_set_verify_hostname(socket, tls.verifyHostname ? 1 : 0);
    }
    timeval timeout = toTimeval(settings_.connectTimeout);
    const int status
        = amqp_socket_open_noblock(socket, settings_.host.toUtf8().constData(), settings_.port, &timeout);
    if (status == AMQP_STATUS_OK) {
        return {};
    }
    const int osError = status == AMQP_STATUS_SOCKET_ERROR
        ? diagnoseConnect(settings_.host, settings_.port, std::min(settings_.connectTimeout, kCloseTimeout))
        : 0;
    const QString detail = osError > 0
        ? QStringLiteral("%1 (%2)").arg(libraryText(status), qt_error_string(osError))
        : libraryText(status);
    switch (status) {
    case AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED:
        return Error::make(
            Error::Kind::HostNotFound, tr("The host %1 was not found").arg(settings_.host), detail);
    case AMQP_STATUS_TIMEOUT:
        return Error::make(Error::Kind::Timeout,
            tr("%1 did not answer within %2 ms").arg(endpoint).arg(settings_.connectTimeout.count()), detail);
    default:
        break;
    }
    if (isTlsStatus(status)) {
        return Error::make(Error::Kind::Tls, tr("The TLS handshake with %1 failed").arg(endpoint), detail);
    }
    if (osError == ECONNREFUSED) {
        return Error::make(Error::Kind::Refused,
            tr("Connection to %1 refused: is RabbitMQ running and listening for AMQP there?").arg(endpoint),
            detail);
    }
    return Error::make(Error::Kind::Network, tr("Could not connect to %1").arg(endpoint), detail);
}

Error ConnectionCore::login(std::stop_token stop)
{
    const timeval handshake = toTimeval(settings_.connectTimeout);
    amqp_set_handshake_timeout(state_, &handshake);
    const QByteArray name = settings_.connectionName.toUtf8();
    amqp_table_entry_t entry {};
    entry.key = amqp_cstring_bytes("connection_name");
    entry.value.kind = AMQP_FIELD_KIND_UTF8;
    entry.value.value.bytes = bytesOf(name);
    const amqp_table_t properties {1, &entry};
    const QByteArray vhost = settings_.vhost.toUtf8();
    const QByteArray user = settings_.user.toUtf8();
    const QByteArray password = settings_.password.toUtf8();
    const amqp_rpc_reply_t reply = amqp_login_with_properties(state_, vhost.constData(), 0,
        AMQP_DEFAULT_FRAME_SIZE, settings_.heartbeatSeconds, &properties, AMQP_SASL_METHOD_PLAIN,
        user.constData(), password.constData());
    if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
        return {};
    }
    if (stop.stop_requested()) {
        return cancelled();
    }
    if (reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION
        && reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *close = static_cast<const amqp_connection_close_t *>(reply.reply.decoded);
        const int code = close->reply_code;
        const QString text = toQString(close->reply_text);
        amqp_connection_close_ok_t ok {};
        amqp_send_method(state_, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
        if (code == ReplyCode::kAccessRefused) {
            return Error::make(Error::Kind::BadCredentials,
                tr("RabbitMQ refused the login of user '%1': wrong user name or password")
                    .arg(settings_.user),
                text, code);
        }
        if (code == ReplyCode::kNotAllowed) {
            return Error::make(Error::Kind::VhostNotAllowed,
                tr("The vhost '%1' does not exist or user '%2' may not open it")
                    .arg(settings_.vhost, settings_.user),
                text, code);
        }
        return Error::make(
            Error::Kind::ConnectionLost, tr("RabbitMQ closed the connection at login"), text, code);
    }
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION) {
        const int status = reply.library_error;
        if (status == AMQP_STATUS_TIMEOUT) {
            return Error::make(Error::Kind::Timeout,
                tr("The AMQP handshake with %1 did not finish within %2 ms: is this an AMQP port?")
                    .arg(settings_.host)
                    .arg(settings_.connectTimeout.count()),
                libraryText(status));
        }
        if (isTlsStatus(status)) {
            return Error::make(
                Error::Kind::Tls, tr("TLS failed during the AMQP handshake"), libraryText(status));
        }
        if (status == AMQP_STATUS_BROKER_UNSUPPORTED_SASL_METHOD) {
            return Error::make(Error::Kind::BadCredentials,
                tr("The server does not accept user name and password logins (SASL PLAIN)"),
                libraryText(status));
        }
        return Error::make(Error::Kind::ConnectionLost,
            tr("The connection closed during the AMQP handshake (%1)").arg(libraryText(status)),
            libraryText(status));
    }
    return Error::make(Error::Kind::Protocol, tr("Unexpected answer to the AMQP login"));
}

void ConnectionCore::readServerProperties()
{
    const amqp_table_t *props = amqp_get_server_properties(state_);
    serverProduct_ = tableString(props, "product");
    serverVersion_ = tableString(props, "version");
}

void ConnectionCore::close()
{
    if (state_ == nullptr) {
        return;
    }
    if (open_) {
        const timeval timeout = toTimeval(kCloseTimeout);
        amqp_set_rpc_timeout(state_, &timeout);
        amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
    }
    destroy();
}

void ConnectionCore::destroy()
{
    if (state_ != nullptr) {
        amqp_destroy_connection(state_);
        state_ = nullptr;
    }
    open_ = false;
    channelOpen_ = false;
}

Error ConnectionCore::ensureChannel(std::stop_token stop)
{
    if (!isOpen()) {
        return Error::make(Error::Kind::InvalidUse, tr("Not connected"));
    }
    if (channelOpen_) {
        return {};
    }
    amqp_channel_open_t request {};
    request.out_of_band = amqp_empty_bytes;
    const auto reply = rpc(AMQP_CHANNEL_OPEN_METHOD, &request, {AMQP_CHANNEL_OPEN_OK_METHOD}, stop);
    release();
    if (!reply.ok()) {
        return reply.error();
    }
    channelOpen_ = true;
    ++channelGeneration_;
    return {};
}

Error ConnectionCore::closeChannel()
{
    if (!isOpen() || !channelOpen_) {
        channelOpen_ = false;
        return {};
    }
    amqp_channel_close_t request {};
    request.reply_code = AMQP_REPLY_SUCCESS;
    request.reply_text = amqp_cstring_bytes("closing");
    const auto reply
        = rpcWithin(AMQP_CHANNEL_CLOSE_METHOD, &request, {AMQP_CHANNEL_CLOSE_OK_METHOD}, {}, kCloseTimeout);
    channelOpen_ = false;
    release();
    return reply.ok() ? Error {} : reply.error();
}

FrameWait ConnectionCore::waitFrame(
    amqp_frame_t &frame, std::chrono::milliseconds wait, const std::stop_token &stop)
{
    if (!isOpen()) {
        return {FrameWait::Status::Failed, Error::make(Error::Kind::InvalidUse, tr("Not connected"))};
    }
    const auto deadline = Clock::now() + wait;
    for (;;) {
        if (stop.stop_requested()) {
            return {FrameWait::Status::Failed, cancelled()};
        }
        const timeval slice = toTimeval(std::min(until(deadline), kWaitSlice));
        timeval timeout = slice;
        const int status = amqp_simple_wait_frame_noblock(state_, &frame, &timeout);
        if (status == AMQP_STATUS_OK) {
            if (frame.frame_type == AMQP_FRAME_METHOD) {
                const amqp_method_t &m = frame.payload.method;
                if (frame.channel == 0 && m.id == AMQP_CONNECTION_CLOSE_METHOD) {
                    return {FrameWait::Status::Failed,
                        connectionClosedByServer(*static_cast<const amqp_connection_close_t *>(m.decoded))};
                }
                if (frame.channel == kChannel && m.id == AMQP_CHANNEL_CLOSE_METHOD) {
                    return {FrameWait::Status::Failed,
                        channelClosedByServer(*static_cast<const amqp_channel_close_t *>(m.decoded))};
                }
            }
            return {FrameWait::Status::Frame, {}};
        }
        if (status != AMQP_STATUS_TIMEOUT) {
            return {FrameWait::Status::Failed, statusError(status, tr("reading from the server"))};
        }
        if (until(deadline).count() == 0) {
            return {FrameWait::Status::TimedOut, {}};
        }
    }
}

Result<amqp_method_t> ConnectionCore::rpc(amqp_method_number_t id, void *request,
    std::initializer_list<amqp_method_number_t> replies, const std::stop_token &stop)
{
    return rpcWithin(id, request, replies, stop, settings_.requestTimeout);
}

Result<amqp_method_t> ConnectionCore::rpcWithin(amqp_method_number_t id, void *request,
    std::initializer_list<amqp_method_number_t> replies, const std::stop_token &stop,
    std::chrono::milliseconds timeout)
{
    if (!isOpen()) {
        return Error::make(Error::Kind::InvalidUse, tr("Not connected"));
    }
    if (stop.stop_requested()) {
        return cancelled();
    }
    const int status = amqp_send_method(state_, kChannel, id, request);
    if (status != AMQP_STATUS_OK) {
        return statusError(status, tr("sending %1").arg(QString::fromLatin1(amqp_method_name(id))));
    }
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto left = until(deadline);
        if (left.count() == 0) {
            return Error::make(Error::Kind::Timeout,
                tr("The server did not answer %1 within %2 ms")
                    .arg(QString::fromLatin1(amqp_method_name(id)))
                    .arg(timeout.count()));
        }
        amqp_frame_t frame {};
        const FrameWait w = waitFrame(frame, left, stop);
        if (w.status == FrameWait::Status::Failed) {
            return w.error;
        }
        if (w.gotFrame() && frame.frame_type == AMQP_FRAME_METHOD && frame.channel == kChannel
            && std::find(replies.begin(), replies.end(), frame.payload.method.id) != replies.end()) {
            return frame.payload.method;
        }
    }
}

Error ConnectionCore::send(amqp_method_number_t id, void *request)
{
    if (!isOpen()) {
        return Error::make(Error::Kind::InvalidUse, tr("Not connected"));
    }
    const int status = amqp_send_method(state_, kChannel, id, request);
    return status == AMQP_STATUS_OK
        ? Error {}
        : statusError(status, tr("sending %1").arg(QString::fromLatin1(amqp_method_name(id))));
}

Error ConnectionCore::readContent(Message &message, const std::stop_token &stop)
{
    // The content frames follow their method at once; a gap means the peer is stuck. A stop or
    // a timeout here leaves the rest of the message on the socket: the connection is unusable.
    const auto deadline = Clock::now() + settings_.requestTimeout;
    const auto next = [&](amqp_frame_t &frame) -> Error {
        for (;;) {
            const auto left = until(deadline);
            const FrameWait w = waitFrame(frame, left, stop);
            if (w.status == FrameWait::Status::Failed) {
                return w.error;
            }
            if (w.status == FrameWait::Status::TimedOut || left.count() == 0) {
                return Error::make(Error::Kind::Timeout, tr("A message's content did not arrive in time"));
            }
            if (frame.channel == kChannel) {
                return {};
            }
        }
    };
    const auto fail = [this](Error e) {
        destroy();
        return e;
    };
    amqp_frame_t frame {};
    if (Error e = next(frame); !e.ok()) {
        return fail(e);
    }
    if (frame.frame_type != AMQP_FRAME_HEADER) {
        return fail(Error::make(Error::Kind::Protocol, tr("Expected a message's content header")));
    }
    const uint64_t bodySize = frame.payload.properties.body_size;
    fromAmqp(*static_cast<const amqp_basic_properties_t *>(frame.payload.properties.decoded),
        message.properties, message.headers);
    message.body.clear();
    message.body.reserve(qsizetype(bodySize));
    while (uint64_t(message.body.size()) < bodySize) {
        if (Error e = next(frame); !e.ok()) {
            return fail(e);
        }
        if (frame.frame_type != AMQP_FRAME_BODY) {
            return fail(Error::make(Error::Kind::Protocol, tr("Expected a message's body")));
        }
        const amqp_bytes_t &fragment = frame.payload.body_fragment;
        message.body.append(static_cast<const char *>(fragment.bytes), qsizetype(fragment.len));
    }
    return {};
}

void ConnectionCore::release()
{
    if (state_ != nullptr) {
        amqp_maybe_release_buffers(state_);
    }
}

Error ConnectionCore::statusError(int status, const QString &doing)
{
    const QString endpoint = QStringLiteral("%1:%2").arg(settings_.host).arg(settings_.port);
    const QString detail = libraryText(status);
    if (status == AMQP_STATUS_TIMEOUT) {
        return Error::make(Error::Kind::Timeout, tr("Timed out %1").arg(doing), detail);
    }
    open_ = false; // whatever else went wrong on the socket, the connection is gone
    channelOpen_ = false;
    if (status == AMQP_STATUS_HEARTBEAT_TIMEOUT) {
        return Error::make(Error::Kind::ConnectionLost,
            tr("Lost the connection to %1: no heartbeat from the server").arg(endpoint), detail);
    }
    if (isTlsStatus(status)) {
        return Error::make(Error::Kind::Tls, tr("TLS failed %1").arg(doing), detail);
    }
    return Error::make(
        Error::Kind::ConnectionLost, tr("Lost the connection to %1 while %2").arg(endpoint, doing), detail);
}

Error ConnectionCore::channelClosedByServer(const amqp_channel_close_t &close)
{
    const int code = close.reply_code;
    const QString text = toQString(close.reply_text);
    amqp_channel_close_ok_t ok {};
    amqp_send_method(state_, kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
    channelOpen_ = false;
    Error::Kind kind = Error::Kind::ChannelError;
    switch (code) {
    case ReplyCode::kNotFound:
        kind = Error::Kind::NotFound;
        break;
    case ReplyCode::kPreconditionFailed:
        kind = Error::Kind::PreconditionFailed;
        break;
    case ReplyCode::kAccessRefused:
        kind = Error::Kind::AccessRefused;
        break;
    case ReplyCode::kResourceLocked:
        kind = Error::Kind::ResourceLocked;
        break;
    default:
        break;
    }
    return Error::make(kind, tr("RabbitMQ refused: %1").arg(text), text, code);
}

Error ConnectionCore::connectionClosedByServer(const amqp_connection_close_t &close)
{
    const int code = close.reply_code;
    const QString text = toQString(close.reply_text);
    amqp_connection_close_ok_t ok {};
    amqp_send_method(state_, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
    open_ = false;
    channelOpen_ = false;
    return Error::make(
        Error::Kind::ConnectionLost, tr("RabbitMQ closed the connection: %1").arg(text), text, code);
}

} // namespace edis::amqp::detail
