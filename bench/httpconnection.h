// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <functional>

class QTcpSocket;

namespace pulso::bench {

/// One HTTP/1.1 keep-alive connection with at most one request in flight (no pipelining). Connects
/// lazily and reconnects after the server closes it.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    struct Response
    {
        int status = 0; ///< 0: no response (connection failed or closed)
        QByteArray body;
        qint64 latencyNs = 0;
        QString error;
    };
    using Callback = std::function<void(const Response &)>;

    HttpConnection(const QHostAddress &address, quint16 port, QObject *parent = nullptr);
    ~HttpConnection() override;

    bool isBusy() const { return bool(m_callback); }
    /// Sends one request; `callback` runs when its response is complete (or the connection fails).
    void send(QByteArrayView method, QByteArrayView target, const QByteArray &body, Callback callback);
    /// Sends a request prepared by request() (saves rebuilding it in tight loops).
    void sendRaw(const QByteArray &request, Callback callback);
    QByteArray request(QByteArrayView method, QByteArrayView target, const QByteArray &body) const;

    /// Drops the connection and any request in flight, without calling its callback.
    void abort();

    quint64 connectsMade() const { return m_connects; }

private:
    void ensureConnected();
    void handleReadyRead();
    void handleDisconnected();
    void complete(Response response);
    void failWith(Response response);

    QHostAddress m_address;
    quint16 m_port;
    QByteArray m_hostHeader;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_buffer;
    Callback m_callback;
    qint64 m_sentNs = 0;
    quint64 m_connects = 0;
};

/// Sends `method target` with `body` on a fresh-or-kept connection and runs the event loop until the
/// response arrives (setup requests of the scenarios, not the measured load).
HttpConnection::Response blockingRequest(HttpConnection &connection, QByteArrayView method,
    QByteArrayView target, const QByteArray &body, int timeoutMs = 10000);

} // namespace pulso::bench
