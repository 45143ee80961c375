// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testeventtrigger.h"

#include "httpconnection.h"
#include "metrics.h"

using namespace Qt::StringLiterals;

namespace pulso::bench {

TestEventTrigger::TestEventTrigger(
    const QHostAddress &address, quint16 port, const QByteArray &channel, int connections, QObject *parent)
    : QObject(parent), m_prefix("/api/v1/ws/test-event?channel=" + channel + "&message=")
{
    for (int i = 0; i < qMax(1, connections); ++i)
        m_connections.push_back(new HttpConnection(address, port, this));
}

TestEventTrigger::~TestEventTrigger() = default;

bool TestEventTrigger::hasFreeConnection() const
{
    for (HttpConnection *c : m_connections) {
        if (!c->isBusy())
            return true;
    }
    return false;
}

bool TestEventTrigger::fire(const QByteArray &message)
{
    for (HttpConnection *c : m_connections) {
        if (c->isBusy())
            continue;
        if (m_sent == 0)
            m_firstSendNs = nowNs();
        ++m_sent;
        c->send("POST", QByteArray(m_prefix + message), {}, [this](const HttpConnection::Response &r) {
            if (r.status == 200) {
                ++m_acked;
                const qsizetype at = r.body.indexOf("\"recipients\":");
                if (at >= 0)
                    m_recipients
                        += r.body.mid(at + 13, 12).split(',').value(0).split('}').value(0).toULongLong();
            } else {
                ++m_failures;
                const QString error = r.status
                    ? u"HTTP %1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(200)))
                    : r.error;
                if (m_errors.size() < 5 && !m_errors.contains(error))
                    m_errors.append(error);
            }
            if (m_onAck)
                m_onAck();
        });
        return true;
    }
    return false;
}

} // namespace pulso::bench
