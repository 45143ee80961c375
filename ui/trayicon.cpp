// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/trayicon.h"

#include "ui/appicon.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace pulso {

TrayIcon::TrayIcon(ServerHost &host, QWidget &window, const QList<QAction *> &actions, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_window(window)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
    , m_showAction(m_menu->addAction(tr("Show console")))
{
    connect(m_showAction, &QAction::triggered, this, &TrayIcon::toggleWindow);
    m_menu->addSeparator();
    for (QAction *action : actions) {
        if (action)
            m_menu->addAction(action);
        else
            m_menu->addSeparator();
    }
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    connect(&m_host, &ServerHost::stateChanged, this, &TrayIcon::update);
    connect(&m_host, &ServerHost::statsUpdated, this, [this](const pulso::ServerStats &stats) {
        if (stats.connections != m_connections) {
            m_connections = stats.connections;
            update();
        }
    });
    connect(&m_host, &ServerHost::started, this, [this] { setFailed(false); });
    update();
    m_tray->show();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::notify(const QString &title, const QString &message)
{
    m_tray->showMessage(title, message, AppIcon::icon(), 6000);
}

void TrayIcon::setFailed(bool failed)
{
    m_failed = failed;
    update();
}

void TrayIcon::update()
{
    QColor color = AppIcon::stoppedColor();
    QString status;
    switch (m_host.state()) {
    case ServerHost::State::Running:
        color = AppIcon::runningColor();
        status = tr("Running on port %1 · %n connection(s)", nullptr, m_connections).arg(m_host.port());
        break;
    case ServerHost::State::Starting:
    case ServerHost::State::Stopping:
        color = AppIcon::busyColor();
        status = m_host.state() == ServerHost::State::Starting ? tr("Starting…") : tr("Stopping…");
        break;
    case ServerHost::State::Stopped:
        color = m_failed ? AppIcon::failedColor() : AppIcon::stoppedColor();
        status = m_failed ? tr("Not running: the server could not start") : tr("Stopped");
        break;
    }
    m_tray->setIcon(AppIcon::withStatus(color));
    m_tray->setToolTip(tr("Pulso — %1").arg(status));
    m_showAction->setText(m_window.isVisible() ? tr("Hide console") : tr("Show console"));
}

void TrayIcon::toggleWindow()
{
    if (m_window.isVisible() && !m_window.isMinimized()) {
        m_window.hide();
    } else {
        m_window.showNormal();
        m_window.raise();
        m_window.activateWindow();
    }
    update();
}

} // namespace pulso
