// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QToolButton;
class QTreeView;

namespace pulso {

class ConnectionsModel;
class ServerHost;

/// Live WebSocket clients grouped by channel; the operator can disconnect a client.
class ConnectionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsPage)

public:
    explicit ConnectionsPage(ServerHost &host, QWidget *parent = nullptr);

    ConnectionsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

    /// Disconnects the selected clients.
    void disconnectSelected();

private:
    void handleSelectionChanged();
    void handleCountChanged(int count);
    void showContextMenu(const QPoint &pos);

    ServerHost &m_host;
    ConnectionsModel *m_model;
    QTreeView *m_view;
    QLabel *m_summary;
    QToolButton *m_disconnect;
    QSet<int> m_collapsedChannels;
};

} // namespace pulso
