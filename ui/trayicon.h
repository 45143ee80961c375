// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverhost.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace pulso {

/// The system-tray icon: server status in its colour and tooltip, a menu to show the window, start/stop and
/// quit. Exists only where the desktop has a tray.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(ServerHost &host, QWidget &window, const QList<QAction *> &actions, QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    /// A balloon message (used once, when the window first hides into the tray).
    void notify(const QString &title, const QString &message);
    void setFailed(bool failed);

private:
    void update();
    void toggleWindow();

    ServerHost &m_host;
    QWidget &m_window;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_showAction;
    int m_connections = 0;
    bool m_failed = false;
};

} // namespace pulso
