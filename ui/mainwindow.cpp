// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "ui/appicon.h"
#include "ui/consolesettings.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/icons.h"
#include "ui/lagprobe.h"
#include "ui/models/entitymodels.h"
#include "ui/models/entitytablemodel.h"
#include "ui/pages/chartpage.h"
#include "ui/pages/connectionspage.h"
#include "ui/pages/entitypage.h"
#include "ui/pages/eventlogpage.h"
#include "ui/pages/statuspage.h"
#include "ui/pages/tokenspage.h"
#include "ui/trayicon.h"
#include "ui/widgets/testeventbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QLoggingCategory>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWindow, "pulso.ui.window")

namespace pulso {

namespace {

Icons::Name pageIcon(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Location:
        return Icons::Name::Location;
    case EntityKind::Sensor:
        return Icons::Name::Sensor;
    case EntityKind::Reading:
        return Icons::Name::Reading;
    case EntityKind::Anomaly:
        return Icons::Name::Anomaly;
    case EntityKind::Prediction:
        break;
    }
    return Icons::Name::Prediction;
}

} // namespace

MainWindow::MainWindow(
    ServerHost &host, ConsoleSettings &settings, const ServerConfig &config, QWidget *parent)
    : QMainWindow(parent), m_host(host), m_settings(settings), m_config(config)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Pulso — operator console"));
    setWindowIcon(AppIcon::icon());
    resize(1280, 800);

    createActions();

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->setChildrenCollapsible(false);
    m_navigation = new QListWidget(splitter);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    m_navigation->setMinimumWidth(170);
    m_navigation->setMaximumWidth(260);
    m_navigation->setFrameShape(QFrame::NoFrame);
    QPalette navPalette = m_navigation->palette();
    navPalette.setColor(QPalette::Base, navPalette.color(QPalette::Window).darker(104));
    m_navigation->setPalette(navPalette);
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.05);
    m_navigation->setFont(navFont);
    m_pages = new QStackedWidget(splitter);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({190, 1090});
    setCentralWidget(splitter);

    const ServerActions actions {m_startAction, m_stopAction, m_restartAction, m_settingsAction};
    m_statusPage = new StatusPage(m_host, actions, this);
    m_statusPage->setDatabasePath(m_config.databasePath);
    m_connectionsPage = new ConnectionsPage(m_host, this);
    m_eventLogPage = new EventLogPage(m_host, this);
    addPage(Icons::icon(Icons::Name::Server), tr("Server"), m_statusPage);
    addPage(Icons::icon(Icons::Name::Connections), tr("Connections"), m_connectionsPage);
    addPage(Icons::icon(Icons::Name::EventLog), tr("Event log"), m_eventLogPage);
    m_entityModels = new EntityModels(m_host, this);
    for (EntityKind kind : AllEntityKinds) {
        auto *page = new EntityPage(m_host, *m_entityModels, kind, this);
        m_entityPages.append(page);
        addPage(Icons::icon(pageIcon(kind)), page->model()->schema().title, page);
    }
    m_chartPage = new ChartPage(m_host, *m_entityModels, this);
    addPage(Icons::icon(Icons::Name::Chart), tr("Live chart"), m_chartPage);
    m_tokensPage = new TokensPage(m_host, this);
    m_tokensPage->setObjectName(u"tokensPage"_s);
    addPage(style()->standardIcon(QStyle::SP_DialogApplyButton), tr("API tokens"), m_tokensPage);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    createToolBar();
    createStatusBar();

    if (TrayIcon::isAvailable()) {
        m_tray = new TrayIcon(m_host, *this, {m_startAction, m_stopAction, nullptr, m_quitAction}, this);
    }
    m_lagProbe = LagProbe::fromEnvironment(this);

    connect(&m_host, &ServerHost::stateChanged, this, &MainWindow::handleStateChanged);
    connect(&m_host, &ServerHost::startFailed, this, &MainWindow::handleStartFailed);
    connect(&m_host, &ServerHost::statsUpdated, this, &MainWindow::handleStats);
    connect(&m_host, &ServerHost::started, this, [this](quint16 port) {
        m_failed = false;
        statusBar()->showMessage(tr("Server started on port %1").arg(port), 5000);
    });
    connect(m_testEventBar, &TestEventBar::sent, this, [this](qint64 seq, pulso::Channel channel) {
        statusBar()->showMessage(tr("Test event #%1 sent to %2").arg(seq).arg(channelName(channel)), 4000);
    });
    connect(m_testEventBar, &TestEventBar::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The test event was not sent: %1").arg(message), 8000);
    });
    connect(qApp, &QCoreApplication::aboutToQuit, this, &MainWindow::saveLayout);

    handleStateChanged(m_host.state());
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_startAction->setObjectName(u"startAction"_s);
    m_startAction->setToolTip(tr("Start the server"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startServer);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stopAction->setObjectName(u"stopAction"_s);
    m_stopAction->setToolTip(tr("Stop the server (clients are told to reconnect later)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopServer);

    m_restartAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Restart"), this);
    m_restartAction->setObjectName(u"restartAction"_s);
    m_restartAction->setToolTip(tr("Stop and start the server again"));
    connect(m_restartAction, &QAction::triggered, this, &MainWindow::restartServer);

    m_settingsAction = new QAction(Icons::icon(Icons::Name::Settings), tr("S&ettings…"), this);
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    m_quitAction = new QAction(style()->standardIcon(QStyle::SP_DialogCloseButton), tr("&Quit Pulso"), this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::quit);
    addAction(m_quitAction);
}

void MainWindow::createToolBar()
{
    auto *toolbar = addToolBar(tr("Server"));
    toolbar->setObjectName(u"serverToolBar"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_startAction);
    toolbar->addAction(m_stopAction);
    toolbar->addAction(m_restartAction);
    toolbar->addSeparator();
    m_testEventBar = new TestEventBar(m_host, toolbar);
    m_testEventBar->setObjectName(u"testEventBar"_s);
    toolbar->addWidget(m_testEventBar);
    toolbar->addSeparator();
    toolbar->addAction(m_settingsAction);
}

void MainWindow::createStatusBar()
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(u"statusBarState"_s);
    m_connectionsLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_connectionsLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
}

void MainWindow::addPage(const QIcon &icon, const QString &title, QWidget *page)
{
    auto *item = new QListWidgetItem(icon, title, m_navigation);
    item->setSizeHint(QSize(0, 36));
    m_pages->addWidget(page);
    if (m_navigation->count() == 1)
        m_navigation->setCurrentRow(0);
}

void MainWindow::showPage(Page page)
{
    const QWidget *widget = nullptr;
    switch (page) {
    case Page::Status:
        widget = m_statusPage;
        break;
    case Page::Connections:
        widget = m_connectionsPage;
        break;
    case Page::EventLog:
        widget = m_eventLogPage;
        break;
    case Page::Locations:
    case Page::Sensors:
    case Page::Readings:
    case Page::Anomalies:
    case Page::Predictions:
        widget = m_entityPages.value(int(page) - int(Page::Locations));
        break;
    case Page::Chart:
        widget = m_chartPage;
        break;
    case Page::Tokens:
        widget = m_tokensPage;
        break;
    }
    m_navigation->setCurrentRow(m_pages->indexOf(const_cast<QWidget *>(widget)));
}

void MainWindow::startServer()
{
    m_host.start(m_config);
}

void MainWindow::stopServer()
{
    m_host.requestStop();
}

void MainWindow::restartServer()
{
    m_host.restart(m_config);
}

SettingsDialog::Values MainWindow::currentSettings() const
{
    SettingsDialog::Values values;
    values.port = m_config.port;
    values.bindAddress = m_config.bindAddress;
    values.autoStart = m_settings.autoStart();
    values.language = m_settings.language();
    values.closeToTray = m_settings.closeToTray();
    return values;
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(currentSettings(), m_config.databasePath, this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.values());
}

void MainWindow::applySettings(const SettingsDialog::Values &chosen)
{
    m_settings.setPort(chosen.port);
    m_settings.setBindAddress(chosen.bindAddress);
    m_settings.setAutoStart(chosen.autoStart);
    m_settings.setCloseToTray(chosen.closeToTray);
    if (chosen.language != m_settings.language()) {
        m_settings.setLanguage(chosen.language);
        statusBar()->showMessage(tr("The new language is used the next time Pulso starts."), 8000);
    }
    m_settings.sync();
    const bool addressChanged = chosen.port != m_config.port || chosen.bindAddress != m_config.bindAddress;
    m_config.port = chosen.port;
    m_config.bindAddress = chosen.bindAddress;
    // A changed address takes effect at once if the server runs, or failed to start on the old one.
    if (addressChanged && (m_host.state() != ServerHost::State::Stopped || m_failed)) {
        qCInfo(lcWindow) << "restarting on" << chosen.bindAddress << chosen.port;
        m_host.restart(m_config);
    }
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
}

QString MainWindow::failureMessage(
    ServerHost::StartFailure reason, const QString &detail, const ServerConfig &config)
{
    const QString address = config.bindAddress.toString();
    switch (reason) {
    case ServerHost::StartFailure::AddressInUse:
        return tr(
            "Port %1 is already in use by another program (perhaps another Pulso). Close that program, or "
            "choose another port in Settings.")
            .arg(config.port);
    case ServerHost::StartFailure::AddressNotAvailable:
        return tr("The address %1 does not belong to this computer. Choose another address in Settings "
                  "(0.0.0.0 listens on every interface).")
            .arg(address);
    case ServerHost::StartFailure::AccessDenied:
        return tr(
            "Pulso may not listen on port %1: ports below 1024 need administrator rights. Choose a port "
            "above 1024 in Settings.")
            .arg(config.port);
    case ServerHost::StartFailure::Other:
        break;
    }
    return tr("The server could not start: %1").arg(detail);
}

void MainWindow::handleStartFailed(const QString &message, ServerHost::StartFailure reason)
{
    m_failed = true;
    const QString text = failureMessage(reason, message, m_config);
    m_statusPage->setFailure(text);
    if (m_tray)
        m_tray->setFailed(true);
    statusBar()->showMessage(text, 15000);
    showPage(Page::Status);
    handleStateChanged(m_host.state());
}

void MainWindow::handleStateChanged(ServerHost::State state)
{
    const bool stopped = state == ServerHost::State::Stopped;
    const bool running = state == ServerHost::State::Running;
    m_startAction->setEnabled(stopped);
    m_stopAction->setEnabled(running);
    m_restartAction->setEnabled(running || (stopped && m_failed));
    switch (state) {
    case ServerHost::State::Running:
        m_stateLabel->setText(tr("● Running on port %1").arg(m_host.port()));
        m_stateLabel->setStyleSheet(u"color: #26a269;"_s);
        break;
    case ServerHost::State::Starting:
        m_stateLabel->setText(tr("● Starting…"));
        m_stateLabel->setStyleSheet(u"color: #c28a00;"_s);
        break;
    case ServerHost::State::Stopping:
        m_stateLabel->setText(tr("● Stopping…"));
        m_stateLabel->setStyleSheet(u"color: #c28a00;"_s);
        break;
    case ServerHost::State::Stopped:
        m_stateLabel->setText(m_failed ? tr("● Not running") : tr("● Stopped"));
        m_stateLabel->setStyleSheet(m_failed ? u"color: #c01c28;"_s : u"color: #77767b;"_s);
        m_connectionsLabel->clear();
        m_rateLabel->clear();
        break;
    }
}

void MainWindow::handleStats(const ServerStats &stats)
{
    const QLocale locale;
    m_connectionsLabel->setText(tr("%n connection(s)", nullptr, stats.connections));
    m_rateLabel->setText(tr("%1 events/s · %2 deliveries/s")
                             .arg(locale.toString(stats.eventsPerSecond, 'f', 0),
                                 locale.toString(stats.deliveriesPerSecond, 'f', 0)));
}

void MainWindow::restoreLayout()
{
    restoreGeometry(m_settings.value(u"window/geometry"_s));
    restoreState(m_settings.value(u"window/state"_s));
    if (auto *splitter = findChild<QSplitter *>(u"mainSplitter"_s))
        splitter->restoreState(m_settings.value(u"window/splitter"_s));
    m_eventLogPage->restoreState(m_settings.value(u"eventLog/layout"_s));
    m_connectionsPage->restoreState(m_settings.value(u"connections/header"_s));
    for (EntityPage *page : std::as_const(m_entityPages))
        page->restoreState(m_settings.value(u"data/"_s + page->model()->schema().entityType));
    const int page = m_settings.text(u"window/page"_s, u"0"_s).toInt();
    if (page >= 0 && page < m_pages->count())
        m_navigation->setCurrentRow(page);
}

void MainWindow::saveLayout()
{
    m_settings.setValue(u"window/geometry"_s, saveGeometry());
    m_settings.setValue(u"window/state"_s, saveState());
    if (auto *splitter = findChild<QSplitter *>(u"mainSplitter"_s))
        m_settings.setValue(u"window/splitter"_s, splitter->saveState());
    m_settings.setValue(u"eventLog/layout"_s, m_eventLogPage->saveState());
    m_settings.setValue(u"connections/header"_s, m_connectionsPage->saveState());
    for (EntityPage *page : std::as_const(m_entityPages))
        m_settings.setValue(u"data/"_s + page->model()->schema().entityType, page->saveState());
    m_settings.setText(u"window/page"_s, QString::number(m_navigation->currentRow()));
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (!m_quitting && m_tray && m_settings.closeToTray() && m_host.isRunning()) {
        event->ignore();
        hide();
        if (!m_settings.trayNoticeShown()) {
            m_tray->notify(tr("Pulso is still running"),
                tr("The server keeps serving clients. Use the tray icon to open the console or quit."));
            m_settings.setTrayNoticeShown(true);
        }
        return;
    }
    event->accept();
    QCoreApplication::quit();
}

} // namespace pulso
