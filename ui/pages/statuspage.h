// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverhost.h"

#include <QWidget>

#include <optional>

class QAction;
class QFrame;
class QGridLayout;
class QLabel;
class QPushButton;

namespace pulso {

class MetricTile;
class RateChart;

/// The actions the status page shows as buttons; owned by the main window.
struct ServerActions
{
    QAction *start = nullptr;
    QAction *stop = nullptr;
    QAction *restart = nullptr;
    QAction *settings = nullptr;
};

/// Server status: state, listening URLs (copyable), uptime, connections, rates and a rate chart.
class StatusPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPage)

public:
    StatusPage(ServerHost &host, const ServerActions &actions, QWidget *parent = nullptr);

    /// Shows why the server did not start, with a way to fix it; empty hides the banner.
    void setFailure(const QString &message);
    QString failureText() const;
    void setDatabasePath(const QString &path);
    /// The URLs currently listed, http first then ws (https and wss with TLS), for tests.
    QStringList urls() const;
    /// The access policy and TLS line, as shown.
    QString securityText() const;
    /// The operator's description of an --auth mode.
    static QString policyDescription(AuthMode mode);

    static QString formatDuration(qint64 ms);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void handleStateChanged(pulso::ServerHost::State state);
    void handleStats(const pulso::ServerStats &stats);
    void showStats(const pulso::ServerStats &stats);
    void rebuildUrls();
    void updateSecurity();
    void copyToClipboard(const QString &text);

    ServerHost &m_host;
    QLabel *m_stateDot;
    QLabel *m_stateLabel;
    QLabel *m_stateDetail;
    QLabel *m_security;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QGridLayout *m_urlGrid;
    QWidget *m_urlBox;
    QLabel *m_noUrls;
    MetricTile *m_uptime;
    MetricTile *m_connections;
    MetricTile *m_eventsPerSecond;
    MetricTile *m_deliveriesPerSecond;
    MetricTile *m_channels;
    RateChart *m_chart;
    QLabel *m_footer;
    QStringList m_urls;
    QString m_databasePath;
    std::optional<ServerStats> m_hiddenStats; ///< the latest snapshot, received while the page was hidden
};

} // namespace pulso
