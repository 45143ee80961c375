// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace pulso::bench {

class HttpConnection;

/// Triggers broadcasts through the public API (POST /api/v1/ws/test-event) over a few keep-alive
/// connections, one request in flight on each.
class TestEventTrigger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestEventTrigger)

public:
    TestEventTrigger(const QHostAddress &address, quint16 port, const QByteArray &channel, int connections,
        QObject *parent = nullptr);
    ~TestEventTrigger() override;

    /// Sends one test event on a free connection; false when every connection is busy.
    bool fire(const QByteArray &message);
    bool hasFreeConnection() const;
    /// Called after each response (to send the next one in "as fast as acknowledged" mode).
    void setAckHandler(std::function<void()> handler) { m_onAck = std::move(handler); }

    int sent() const { return m_sent; }
    int acked() const { return m_acked; }
    int failures() const { return m_failures; }
    int finished() const { return m_acked + m_failures; }
    /// Sum of the "recipients" the server reported in its answers.
    quint64 recipients() const { return m_recipients; }
    const QStringList &errors() const { return m_errors; }
    qint64 firstSendNs() const { return m_firstSendNs; }

private:
    QByteArray m_prefix;
    std::vector<HttpConnection *> m_connections;
    std::function<void()> m_onAck;
    int m_sent = 0;
    int m_acked = 0;
    int m_failures = 0;
    quint64 m_recipients = 0;
    qint64 m_firstSendNs = 0;
    QStringList m_errors;
};

} // namespace pulso::bench
