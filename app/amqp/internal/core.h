#pragma once

// The rabbitmq-c connection under amqp::Connection, shared by the stream reader, the peeker and
// the publisher through Connection::core(). Every wait runs in slices of kWaitSlice with the
// caller's stop token checked between them, so no call blocks longer than its timeout, and a
// stop is seen within a slice. One channel (kChannel) carries everything: one user at a time.

#include "amqperror.h"
#include "message.h"
#include "settings.h"

#include <amqp.h>

#include <chrono>
#include <initializer_list>
#include <stop_token>

namespace edis::amqp::detail {

/// How long one wait on the socket lasts before the stop token is looked at again.
constexpr std::chrono::milliseconds kWaitSlice {50};
/// How long closing politely may take (a destructor must not hang on a dead peer).
constexpr std::chrono::milliseconds kCloseTimeout {500};

struct FrameWait {
    enum class Status { Frame, TimedOut, Failed };
    Status status = Status::TimedOut;
    Error error; ///< set when Failed (Cancelled when the stop token was set)

    bool gotFrame() const { return status == Status::Frame; }
};

class ConnectionCore {
public:
    static constexpr amqp_channel_t kChannel = 1;

    explicit ConnectionCore(Settings settings);
    ~ConnectionCore();
    ConnectionCore(const ConnectionCore &) = delete;
    ConnectionCore &operator=(const ConnectionCore &) = delete;
    ConnectionCore(ConnectionCore &&) = delete;
    ConnectionCore &operator=(ConnectionCore &&) = delete;

    Error open(std::stop_token stop);
    /// Closes politely within kCloseTimeout, then frees everything. Safe to call twice.
    void close();
    bool isOpen() const { return state_ != nullptr && open_; }
    const Settings &settings() const { return settings_; }
    amqp_connection_state_t state() const { return state_; }
    QString serverProduct() const { return serverProduct_; }
    QString serverVersion() const { return serverVersion_; }

    /// Opens kChannel when it is closed (after a channel error or closeChannel()).
    Error ensureChannel(std::stop_token stop);
    /// Closes kChannel politely (the server requeues what it had delivered unacked). Not
    /// interrupted by a stop: bounded by kCloseTimeout instead, so the server surely gets it.
    Error closeChannel();
    bool channelOpen() const { return channelOpen_; }
    /// Counts channel openings: a user that set channel state (confirm mode, a consumer) sees
    /// that the channel it set up is gone when this changed.
    uint64_t channelGeneration() const { return channelGeneration_; }
    /// Publisher confirms on kChannel, kept here rather than in a Publisher because the server
    /// numbers a channel's publishes from 1 for the channel's whole life, whoever publishes:
    /// whether confirm mode is on for the channel open now, and the tag of the next publish.
    bool confirmMode() const { return channelOpen_ && confirmGeneration_ == channelGeneration_; }
    void setConfirmMode()
    {
        confirmGeneration_ = channelGeneration_;
        nextPublishTag_ = 1;
    }
    uint64_t takePublishTag() { return nextPublishTag_++; }

    /// Waits up to `wait` for the next frame. A server's connection.close or channel.close is
    /// answered here and comes back as Failed with the server's code and text.
    FrameWait waitFrame(amqp_frame_t &frame, std::chrono::milliseconds wait, const std::stop_token &stop);
    /// Sends a method on kChannel and waits (requestTimeout) for one of `replies` on it; other
    /// frames on the way are dropped. The decoded reply lives until release().
    Result<amqp_method_t> rpc(amqp_method_number_t id, void *request,
        std::initializer_list<amqp_method_number_t> replies, const std::stop_token &stop);
    /// rpc() bounded by `timeout` instead of the settings' request timeout.
    Result<amqp_method_t> rpcWithin(amqp_method_number_t id, void *request,
        std::initializer_list<amqp_method_number_t> replies, const std::stop_token &stop,
        std::chrono::milliseconds timeout);
    /// Sends a method that has no reply (basic.ack, basic.nack, ...).
    Error send(amqp_method_number_t id, void *request);
    /// Reads the content header and body frames that follow a basic.deliver, basic.get-ok or
    /// basic.return into `message`.
    Error readContent(Message &message, const std::stop_token &stop);
    /// Frees what decoded frames took (call once a message or reply has been copied out).
    void release();

    /// Makes an error of a rabbitmq-c status (a library error), marking the connection closed
    /// when the status means it is gone.
    Error statusError(int status, const QString &doing);

private:
    Error login(std::stop_token stop);
    Error openSocket();
    Error channelClosedByServer(const amqp_channel_close_t &close);
    Error connectionClosedByServer(const amqp_connection_close_t &close);
    void readServerProperties();
    void destroy();

    Settings settings_;
    amqp_connection_state_t state_ = nullptr;
    bool open_ = false;
    bool channelOpen_ = false;
    uint64_t channelGeneration_ = 0;
    uint64_t confirmGeneration_ = 0; ///< the channel generation confirm mode was set on
    uint64_t nextPublishTag_ = 1;
    QString serverProduct_;
    QString serverVersion_;
};

/// Milliseconds as the timeval rabbitmq-c takes.
timeval toTimeval(std::chrono::milliseconds ms);

} // namespace edis::amqp::detail
