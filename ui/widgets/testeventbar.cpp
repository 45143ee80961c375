// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/testeventbar.h"

#include "runtime/server.h"
#include "runtime/serverhost.h"
#include "services/systemeventservice.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace pulso {

TestEventBar::TestEventBar(ServerHost &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_channel(new QComboBox(this))
    , m_message(new QLineEdit(this))
    , m_send(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    auto *label = new QLabel(tr("Test event:"), this);
    layout->addWidget(label);
    m_channel->setObjectName(u"testEventChannel"_s);
    m_channel->setToolTip(tr("Channel that receives the test event (general also gets it)"));
    for (Channel channel : AllChannels)
        m_channel->addItem(channelName(channel), int(channel));
    layout->addWidget(m_channel);
    m_message->setObjectName(u"testEventMessage"_s);
    m_message->setPlaceholderText(tr("Message"));
    m_message->setText(tr("test"));
    m_message->setClearButtonEnabled(true);
    m_message->setMinimumWidth(180);
    layout->addWidget(m_message, 1);
    m_send->setObjectName(u"sendTestEventButton"_s);
    m_send->setText(tr("Send test event"));
    m_send->setToolTip(tr("Publish a system_event with data.test = true, like POST /api/v1/ws/test-event"));
    m_send->setIcon(style()->standardIcon(QStyle::SP_ArrowRight));
    m_send->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(m_send);

    connect(m_send, &QToolButton::clicked, this, &TestEventBar::send);
    connect(m_message, &QLineEdit::returnPressed, this, &TestEventBar::send);
    connect(&m_host, &ServerHost::stateChanged, this, &TestEventBar::handleStateChanged);
    handleStateChanged();
}

void TestEventBar::setChannel(Channel channel)
{
    m_channel->setCurrentIndex(m_channel->findData(int(channel)));
}

void TestEventBar::setMessage(const QString &message)
{
    m_message->setText(message);
}

void TestEventBar::handleStateChanged()
{
    const bool running = m_host.isRunning();
    m_send->setEnabled(running);
    m_message->setEnabled(running);
}

void TestEventBar::send()
{
    const auto channel = static_cast<Channel>(m_channel->currentData().toInt());
    QString message = m_message->text().trimmed();
    if (message.isEmpty())
        message = u"test"_s; // the seed's default
    m_host.call<Event>(
        this,
        [channel, message](
            Server &server) { return server.systemEvents().publishTestEvent(channel, message); },
        [this, channel](const Result<Event> &result) {
            if (result)
                Q_EMIT sent(result->seq(), channel);
            else
                Q_EMIT failed(result.error().message);
        });
}

} // namespace pulso
