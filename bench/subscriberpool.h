// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace pulso::bench {

/// Many WebSocket subscribers in one thread: raw non-blocking sockets in one epoll set, which the Qt
/// event loop watches through a single QSocketNotifier. A QTcpSocket per subscriber costs a notifier
/// per socket, and Qt's poll()-based dispatchers then do O(sockets) work per loop iteration and O(ready^2)
/// bookkeeping per wake-up; the bench must stay far lighter than the server it measures (see
/// docs/PERFORMANCE.md). Handshake and frames are the minimal RFC 6455 client side (wsframe.h).
class SubscriberPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriberPool)

public:
    enum class State : quint8 { Connecting, Handshaking, Open, Closing, Closed, Failed };

    struct Connection
    {
        int index = 0;
        int fd = -1;
        State state = State::Connecting;
        bool wantWrite = false; ///< EPOLLOUT is armed (connecting, or output waiting)
        QByteArray buffer; ///< received, not yet parsed (only while a frame is incomplete)
        QByteArray fragment; ///< a text message split over continuation frames
        QByteArray output; ///< bytes the kernel did not take yet
        quint64 messages = 0;
        qint64 connectStartNs = 0;
    };

    /// (connection index, complete text message payload)
    using MessageHandler = std::function<void(int, QByteArrayView)>;

    explicit SubscriberPool(QObject *parent = nullptr);
    ~SubscriberPool() override;

    /// `resource` is the request target, e.g. "/api/v1/ws?channel=general&user_id=bench".
    void setTarget(const QHostAddress &address, quint16 port, const QByteArray &resource);
    void setMessageHandler(MessageHandler handler) { m_onMessage = std::move(handler); }

    /// Starts opening `count` more connections, at most `window` handshakes at a time. Asynchronous:
    /// wait until pending() is 0.
    void open(int count, int window);
    /// Connections still connecting or handshaking, or queued to start.
    int pending() const { return m_toStart + m_inFlight; }

    /// Sends a (masked) text message on an open connection, e.g. a subscribe action.
    void sendText(int index, const QByteArray &payload);

    /// Sends a close frame to every open connection, waits for the server to close (it closes first, so
    /// the client ports do not linger in TIME_WAIT), and resets what is left after `timeoutMs`.
    void closeAll(int timeoutMs);

    int size() const { return int(m_connections.size()); }
    int openCount() const { return m_open; }
    int failedCount() const { return m_failed; }
    int unexpectedCloses() const { return m_unexpectedCloses; }
    int protocolErrors() const { return m_protocolErrors; }
    quint64 controlFramesReceived() const { return m_controlFrames; }
    /// The first few failure reasons, for the report.
    const QStringList &errors() const { return m_errors; }
    const Connection &connection(int index) const { return *m_connections[std::size_t(index)]; }
    /// Connect-to-101 times of the handshakes that succeeded.
    LatencyRecorder &handshakeLatency() { return m_handshakeNs; }

private:
    void startMore();
    void startOne();
    void handleEpoll();
    void handleEvent(Connection *c, quint32 events);
    void handleWritable(Connection *c);
    void handleReadable(Connection *c);
    void consume(Connection *c, char *data, qsizetype size);
    bool readHandshake(Connection *c);
    qsizetype parseFrames(Connection *c, char *data, qsizetype size);
    void send(Connection *c, const QByteArray &bytes);
    void setWantWrite(Connection *c, bool on);
    void closed(Connection *c);
    void fail(Connection *c, const QString &reason);
    void finishHandshake(bool ok);
    void release(Connection *c, bool reset);
    void noteError(const QString &reason);

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
    QByteArray m_resource;
    QByteArray m_keyLine;
    QByteArray m_request;
    QByteArray m_expectedAccept;
    MessageHandler m_onMessage;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QByteArray m_scratch; ///< one read buffer shared by all connections
    int m_toStart = 0;
    int m_inFlight = 0;
    int m_window = 1;
    int m_open = 0;
    int m_failed = 0;
    int m_unexpectedCloses = 0;
    int m_protocolErrors = 0;
    quint64 m_controlFrames = 0;
    QStringList m_errors;
    LatencyRecorder m_handshakeNs;
};

} // namespace pulso::bench
