// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace pulso {

class ServerHost;

/// The toolbar's test event (the seed's POST /ws/test-event): a channel, a message and a Send button.
class TestEventBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestEventBar)

public:
    explicit TestEventBar(ServerHost &host, QWidget *parent = nullptr);

    void setChannel(Channel channel);
    void setMessage(const QString &message);
    QToolButton *sendButton() const { return m_send; }

    /// Publishes the test event through the server thread; sent() or failed() follows.
    void send();

Q_SIGNALS:
    void sent(qint64 seq, pulso::Channel channel);
    void failed(const QString &message);

private:
    void handleStateChanged();

    ServerHost &m_host;
    QComboBox *m_channel;
    QLineEdit *m_message;
    QToolButton *m_send;
};

} // namespace pulso
