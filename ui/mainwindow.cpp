// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "core/jsonutil.h"
#include "net/clientconnection.h"
#include "runtime/server.h"
#include "runtime/serverhost.h"
#include "services/systemeventservice.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

MainWindow::MainWindow(ServerHost &host, const ServerConfig &config, QWidget *parent)
    : QMainWindow(parent), m_host(host), m_config(config)
{
    setWindowTitle(tr("Pulso"));
    resize(960, 640);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_urlLabel = new QLabel(tr("Starting server…"), central);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countersLabel = new QLabel(central);
    layout->addWidget(m_urlLabel);
    layout->addWidget(m_countersLabel);
    m_log = new QPlainTextEdit(central);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("Events appear here as they happen."));
    layout->addWidget(m_log, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Test event"));
    toolbar->setObjectName(u"testEventToolbar"_s);
    m_testChannel = new QComboBox(toolbar);
    m_testChannel->addItems(channelNames());
    m_testMessage = new QLineEdit(toolbar);
    m_testMessage->setPlaceholderText(tr("Test message"));
    m_testMessage->setText(tr("test"));
    auto *send = new QPushButton(tr("Send test event"), toolbar);
    toolbar->addWidget(new QLabel(tr("Channel:"), toolbar));
    toolbar->addWidget(m_testChannel);
    toolbar->addWidget(m_testMessage);
    toolbar->addWidget(send);
    connect(send, &QPushButton::clicked, this, &MainWindow::sendTestEvent);
    connect(m_testMessage, &QLineEdit::returnPressed, this, &MainWindow::sendTestEvent);

    // Events arrive one by one from the server thread; the view is updated in batches.
    m_flushTimer = new QTimer(this);
    m_flushTimer->setInterval(100);
    connect(m_flushTimer, &QTimer::timeout, this, &MainWindow::flushEvents);
    m_flushTimer->start();

    connect(&m_host, &ServerHost::started, this, &MainWindow::handleStarted);
    connect(&m_host, &ServerHost::eventEmitted, this, &MainWindow::handleEvent);
    connect(&m_host, &ServerHost::clientConnected, this, &MainWindow::handleClientConnected);
    connect(&m_host, &ServerHost::clientDisconnected, this, &MainWindow::handleClientDisconnected);
    updateCounters();
}

MainWindow::~MainWindow() = default;

void MainWindow::handleStarted(quint16 port)
{
    QStringList urls;
    const bool any
        = m_config.bindAddress == QHostAddress::Any || m_config.bindAddress == QHostAddress::AnyIPv4;
    if (any) {
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol)
                urls << u"http://%1:%2"_s.arg(address.toString()).arg(port);
        }
    } else {
        urls << u"http://%1:%2"_s.arg(m_config.bindAddress.toString()).arg(port);
    }
    m_urlLabel->setText(tr("Listening on %1 — WebSocket path /api/v1/ws").arg(urls.join(u"  ")));
    statusBar()->showMessage(tr("Server running on port %1").arg(port));
}

void MainWindow::handleEvent(const pulso::Event &event)
{
    m_pendingEvents.append(event);
}

void MainWindow::flushEvents()
{
    if (m_pendingEvents.isEmpty())
        return;
    const QList<Event> events = std::exchange(m_pendingEvents, {});
    QString text;
    for (const Event &event : events) {
        const EventDraft &d = event.draft();
        const QString what = d.kind == EventDraft::Kind::Entity
            ? u"%1 %2 #%3"_s.arg(d.entityType, eventTypeName(d.eventType)).arg(d.entityId.value_or(0))
            : u"%1: %2"_s.arg(systemLevelName(d.level), d.message);
        text += u"%1  seq %2  [%3]  %4\n"_s.arg(json::timestamp(d.timestamp))
                    .arg(event.seq())
                    .arg(channelName(event.channel()), what);
    }
    text.chop(1);
    m_log->appendPlainText(text);
    m_eventCount += events.size();
    updateCounters();
}

void MainWindow::handleClientConnected(const pulso::ClientInfo &)
{
    ++m_connections;
    updateCounters();
}

void MainWindow::handleClientDisconnected(quint64)
{
    --m_connections;
    updateCounters();
}

void MainWindow::updateCounters()
{
    m_countersLabel->setText(tr("Connections: %1    Events: %2").arg(m_connections).arg(m_eventCount));
}

void MainWindow::sendTestEvent()
{
    const std::optional<Channel> channel = channelFromName(m_testChannel->currentText());
    const QString message = m_testMessage->text();
    if (!channel)
        return;
    m_host.post([channel = *channel, message](
                    Server &server) { server.systemEvents().publishTestEvent(channel, message); });
}

} // namespace pulso
