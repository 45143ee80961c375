// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The composition root: parse the command line, build the objects, wire them, run the loop.
#include "commandline.h"
#include "runtime/server.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QHostAddress>

#ifdef PULSO_WITH_GUI
#include "runtime/serverhost.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QMessageBox>
#endif

#include <cstdio>
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
    std::printf("pulso: listening on http://%s:%u (WebSocket ws://%s:%u/api/v1/ws), database %s\n",
        qPrintable(host), port, qPrintable(host), port, qPrintable(config.databasePath));
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

int runConsole(QApplication &app, const pulso::ServerConfig &config)
{
    pulso::ServerHost host;
    pulso::MainWindow window(host, config);
    int exitCode = 0;
    QObject::connect(
        &host, &pulso::ServerHost::started, &app, [&config](quint16 port) { printListening(config, port); });
    QObject::connect(&host, &pulso::ServerHost::startFailed, &app, [&](const QString &message) {
        std::fprintf(stderr, "pulso: %s\n", qPrintable(message));
        QMessageBox::critical(&window, QCoreApplication::translate("main", "Pulso cannot start"), message);
        exitCode = 1;
        app.exit(1);
    });
    pulso::SignalWatcher signals;
    QObject::connect(
        &signals, &pulso::SignalWatcher::terminationRequested, &app, [&app](int) { app.quit(); });
    window.show();
    host.start(config);
    const int code = app.exec();
    host.stop();
    return exitCode != 0 ? exitCode : code;
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    setIdentity();
    const bool headless = pulso::wantsHeadless(argc, argv);
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
        return runConsole(app, cl.config);
    }
#endif
    QCoreApplication app(argc, argv);
    const pulso::CommandLine cl = pulso::parseCommandLine(app.arguments());
    if (cl.outcome == pulso::CommandLine::Outcome::Exit)
        return cl.exitCode;
    return runHeadless(app, cl.config);
}
