// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverconfig.h"
#include "runtime/serverhost.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/models/entityschema.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace pulso {

class ChartPage;
class ConnectionsPage;
class ConsoleSettings;
class EntityModels;
class EntityPage;
class EventLogPage;
class LagProbe;
class StatusPage;
class TestEventBar;
class TokensPage;
class TrayIcon;

/// The operator console: a navigation list of pages (status, connections, event log, data, chart, API
/// tokens), the server actions and the test event in the toolbar, status in the status bar and the tray.
/// Talks to the server only through ServerHost.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page {
        Status,
        Connections,
        EventLog,
        Locations,
        Sensors,
        Readings,
        Anomalies,
        Predictions,
        Chart,
        Tokens
    };

    /// `config` is the start-up configuration (command line + settings); the window restarts the server with
    /// changed port/address from Settings.
    MainWindow(
        ServerHost &host, ConsoleSettings &settings, const ServerConfig &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    void startServer();
    void stopServer();
    void restartServer();
    void openSettings();
    SettingsDialog::Values currentSettings() const;
    /// Saves `values`; a new port or address restarts the server with it.
    void applySettings(const SettingsDialog::Values &values);
    void showPage(Page page);
    /// Quits for real (the tray's Quit), bypassing close-to-tray.
    void quit();

    const ServerConfig &config() const { return m_config; }
    StatusPage *statusPage() const { return m_statusPage; }
    ConnectionsPage *connectionsPage() const { return m_connectionsPage; }
    EventLogPage *eventLogPage() const { return m_eventLogPage; }
    TestEventBar *testEventBar() const { return m_testEventBar; }
    EntityModels *entityModels() const { return m_entityModels; }
    EntityPage *entityPage(EntityKind kind) const { return m_entityPages.value(int(kind)); }
    ChartPage *chartPage() const { return m_chartPage; }
    TokensPage *tokensPage() const { return m_tokensPage; }

    /// The operator-facing explanation of a failed start.
    static QString failureMessage(
        ServerHost::StartFailure reason, const QString &detail, const ServerConfig &config);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createStatusBar();
    void addPage(const QIcon &icon, const QString &title, QWidget *page);
    void restoreLayout();
    void saveLayout();
    void handleStateChanged(pulso::ServerHost::State state);
    void handleStartFailed(const QString &message, pulso::ServerHost::StartFailure reason);
    void handleStats(const pulso::ServerStats &stats);

    ServerHost &m_host;
    ConsoleSettings &m_settings;
    ServerConfig m_config;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    StatusPage *m_statusPage = nullptr;
    ConnectionsPage *m_connectionsPage = nullptr;
    EventLogPage *m_eventLogPage = nullptr;
    EntityModels *m_entityModels = nullptr;
    QList<EntityPage *> m_entityPages; ///< indexed by EntityKind
    ChartPage *m_chartPage = nullptr;
    TokensPage *m_tokensPage = nullptr;
    TestEventBar *m_testEventBar = nullptr;
    TrayIcon *m_tray = nullptr;
    LagProbe *m_lagProbe = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_connectionsLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    bool m_quitting = false;
    bool m_failed = false;
};

} // namespace pulso
