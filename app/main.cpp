// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The composition root: parse the command line, build the objects, wire them, run the loop.
#include "commandline.h"
#include "runtime/logfilter.h"
#include "runtime/server.h"
#include "signalwatcher.h"
#include "tokencommand.h"

#include <QCoreApplication>
#include <QHostAddress>

#ifdef PULSO_WITH_GUI
#include "runtime/serverhost.h"
#include "ui/appicon.h"
#include "ui/consolesettings.h"
#include "ui/language.h"
#include "ui/mainwindow.h"

#include <QApplication>
#endif

#include <cstdio>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(u"Pulso"_s);
    QCoreApplication::setApplicationName(u"pulso"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PULSO_VERSION));
}

void printListening(const pulso::ServerConfig &config, quint16 port)
{
    QString host = config.bindAddress.toString();
    if (config.bindAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    const bool tls = !config.tlsCertPath.isEmpty();
    std::printf("pulso: listening on %s://%s:%u (WebSocket %s://%s:%u/api/v1/ws), database %s, --auth %s\n",
        tls ? "https" : "http", qPrintable(host), port, tls ? "wss" : "ws", qPrintable(host), port,
        qPrintable(config.databasePath), qPrintable(pulso::authModeName(config.authMode)));
    std::fflush(stdout);
}

int runHeadless(QCoreApplication &app, const pulso::ServerConfig &config)
{
    pulso::Server server(config);
    if (const pulso::Status status = server.start(); !status) {
        std::fprintf(stderr, "pulso: %s\n", qPrintable(status.error().message));
        return 1;
    }
    printListening(config, server.port());
    pulso::SignalWatcher signals;
    QObject::connect(&signals, &pulso::SignalWatcher::terminationRequested, &app, [&server, &app](int) {
        server.stop();
        app.quit();
    });
    const int code = app.exec();
    server.stop();
    return code;
}

#ifdef PULSO_WITH_GUI
bool hasDisplay()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

/// True when the command line names `option` ("--port 9000" or "--port=9000"): it then wins over Settings.
bool optionGiven(const QStringList &arguments, QStringView option)
{
    for (const QString &argument : arguments) {
        if (argument == option || argument.startsWith(option + u'='))
            return true;
    }
    return false;
}

int runConsole(QApplication &app, pulso::ServerConfig config, const QString &page)
{
    pulso::ConsoleSettings settings;
    // Language: the Settings override, else the system locale (LANG=es_ES.UTF-8 gives Spanish).
    pulso::Language::install(app, pulso::Language::resolve(settings.language()));
    if (!optionGiven(app.arguments(), u"--port"))
        config.port = settings.port();
    if (!optionGiven(app.arguments(), u"--bind"))
        config.bindAddress = settings.bindAddress();
    QApplication::setWindowIcon(pulso::AppIcon::icon());
    // The window may hide into the tray; quitting is explicit (Quit, or closing without a tray).
    QApplication::setQuitOnLastWindowClosed(false);

    pulso::ServerHost host;
    pulso::MainWindow window(host, settings, config);
    QObject::connect(&host, &pulso::ServerHost::started, &app,
        [&window](quint16 port) { printListening(window.config(), port); });
    QObject::connect(&host, &pulso::ServerHost::startFailed, &app,
        [](const QString &message) { std::fprintf(stderr, "pulso: %s\n", qPrintable(message)); });
    pulso::SignalWatcher signals;
    QObject::connect(
        &signals, &pulso::SignalWatcher::terminationRequested, &app, [&app](int) { app.quit(); });
    if (!page.isEmpty()) {
        // consolePageNames() lists the pages in MainWindow::Page order.
        window.showPage(pulso::MainWindow::Page(pulso::consolePageNames().indexOf(page)));
    }
    window.show();
    if (settings.autoStart())
        window.startServer();
    const int code = app.exec();
    host.stop();
    return code;
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    pulso::applyRuntimeDefaults();
    pulso::installQtNoiseFilter();
    setIdentity();
    // `pulso token ...` works on the database alone: no server, no display.
    if (argc >= 2 && std::strcmp(argv[1], "token") == 0) {
        QCoreApplication app(argc, argv);
        return pulso::runTokenCommand(app.arguments());
    }
    [[maybe_unused]] const bool headless = pulso::wantsHeadless(argc, argv); // unused without the GUI
#ifdef PULSO_WITH_GUI
    if (!headless) {
        if (!hasDisplay()) {
            std::fprintf(stderr, "pulso: no display found; start the server alone with --headless\n");
            return 1;
        }
        QApplication app(argc, argv);
        const pulso::CommandLine cl = pulso::parseCommandLine(app.arguments());
        if (cl.outcome == pulso::CommandLine::Outcome::Exit)
            return cl.exitCode;
        return runConsole(app, cl.config, cl.page);
    }
#endif
    QCoreApplication app(argc, argv);
    const pulso::CommandLine cl = pulso::parseCommandLine(app.arguments());
    if (cl.outcome == pulso::CommandLine::Outcome::Exit)
        return cl.exitCode;
    return runHeadless(app, cl.config);
}
