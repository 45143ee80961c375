// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace pulso {

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "--help") == 0
            || std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--version") == 0
            || std::strcmp(argv[i], "-v") == 0 || std::strcmp(argv[i], "--help-all") == 0)
            return true;
    }
    return false;
}

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/pulso.db"_s;
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Pulso: real-time sensor event server (HTTP + WebSocket) and operator console."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        u"headless"_s, u"Run the server without a window (no display needed)."_s);
    const QCommandLineOption port(u"port"_s,
        u"TCP port for HTTP and WebSocket (default 8000; 0 picks a free one)."_s, u"port"_s, u"8000"_s);
    const QCommandLineOption bind(
        u"bind"_s, u"Address to listen on (default 0.0.0.0: every interface)."_s, u"address"_s, u"0.0.0.0"_s);
    const QCommandLineOption database(
        u"database"_s, u"SQLite database file (default %1)."_s.arg(defaultDatabasePath()), u"file"_s);
    const QCommandLineOption token(u"token"_s,
        u"Token for /api/v1/ws/secure (default: the PULSO_TOKEN environment variable)."_s, u"token"_s);
    parser.addOptions({headless, port, bind, database, token});

    CommandLine result;
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "pulso: %s\n", qPrintable(parser.errorText()));
        return {CommandLine::Outcome::Exit, 2, false, {}};
    }
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return {CommandLine::Outcome::Exit, 0, false, {}};
    }
    if (parser.isSet(u"version"_s)) {
        std::printf("pulso %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return {CommandLine::Outcome::Exit, 0, false, {}};
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "pulso: unexpected argument '%s' (see --help)\n",
            qPrintable(parser.positionalArguments().first()));
        return {CommandLine::Outcome::Exit, 2, false, {}};
    }

    result.headless = parser.isSet(headless);
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535) {
        std::fprintf(stderr, "pulso: invalid --port '%s' (0-65535)\n", qPrintable(parser.value(port)));
        return {CommandLine::Outcome::Exit, 2, false, {}};
    }
    result.config.port = static_cast<quint16>(portValue);
    QString bindText = parser.value(bind);
    if (bindText == u"localhost")
        bindText = u"127.0.0.1"_s;
    const QHostAddress address(bindText);
    if (address.isNull()) {
        std::fprintf(stderr, "pulso: invalid --bind address '%s'\n", qPrintable(parser.value(bind)));
        return {CommandLine::Outcome::Exit, 2, false, {}};
    }
    result.config.bindAddress = address;
    result.config.databasePath = parser.isSet(database) ? parser.value(database) : defaultDatabasePath();
    result.config.secureToken
        = parser.isSet(token) ? parser.value(token).toUtf8() : qgetenv("PULSO_TOKEN").trimmed();
    return result;
}

} // namespace pulso
