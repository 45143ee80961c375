// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QUrl>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>

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

QStringList consolePageNames()
{
    return {u"status"_s, u"connections"_s, u"events"_s, u"locations"_s, u"sensors"_s, u"readings"_s,
        u"anomalies"_s, u"predictions"_s, u"chart"_s, u"tokens"_s};
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
    const QCommandLineOption auth(u"auth"_s,
        u"Who needs a token: open (only admin endpoints and /api/v1/ws/secure), remote (default: writes "
        "from other machines need a writer token) or all (every request)."_s,
        u"mode"_s, u"remote"_s);
    const QCommandLineOption tlsCert(
        u"tls-cert"_s, u"PEM certificate (and chain): serve https and wss on the port."_s, u"file"_s);
    const QCommandLineOption tlsKey(
        u"tls-key"_s, u"PEM private key of --tls-cert (unencrypted)."_s, u"file"_s);
    const QCommandLineOption allowedOrigin(u"allowed-origin"_s,
        u"A web page origin (https://panel.lan:8443) allowed to open WebSockets and send writes besides "
        "the server's own pages; repeatable. \"null\" allows pages opened from disk."_s,
        u"origin"_s);
    const QCommandLineOption maxConnections(
        u"max-connections"_s, u"Open connections in total (default 20000; 0: no limit)."_s, u"n"_s);
    const QCommandLineOption maxPerAddress(u"max-connections-per-address"_s,
        u"Open connections per remote address (default 64; 0: no limit; loopback is exempt)."_s, u"n"_s);
    const QCommandLineOption handshakeRate(u"handshake-rate"_s,
        u"WebSocket handshakes per second per remote address (default 10; 0: no limit)."_s, u"n"_s);
    const QCommandLineOption writeRate(u"write-rate"_s,
        u"Writes per second per token, or per remote address without one (default 50; 0: no limit)."_s,
        u"n"_s);
    const QCommandLineOption maxBody(
        u"max-body"_s, u"Largest HTTP request body (default 4M; K, M suffixes)."_s, u"bytes"_s);
    const QCommandLineOption maxBatchBody(u"max-batch-body"_s,
        u"Largest body of POST /api/v1/readings/batch (default: as --max-body)."_s, u"bytes"_s);
    const QCommandLineOption maxHeader(
        u"max-header"_s, u"Largest HTTP request head (default 16K)."_s, u"bytes"_s);
    const QCommandLineOption maxMessage(u"max-message"_s,
        u"Largest WebSocket message a client may send (default 64K); larger ones close with 1009."_s,
        u"bytes"_s);
    const QCommandLineOption page(u"page"_s,
        u"Console: the page shown at start (%1; default: the last one shown)."_s.arg(
            consolePageNames().join(u", "_s)),
        u"name"_s);
    parser.addOptions(
        {headless, port, bind, database, token, auth, tlsCert, tlsKey, allowedOrigin, maxConnections,
            maxPerAddress, handshakeRate, writeRate, maxBody, maxBatchBody, maxHeader, maxMessage, page});

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

    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "pulso: %s\n", qPrintable(message));
        return CommandLine {CommandLine::Outcome::Exit, 2, false, {}};
    };
    const std::optional<AuthMode> mode = authModeFromName(parser.value(auth));
    if (!mode)
        return fail(u"invalid --auth '%1' (open, remote or all)"_s.arg(parser.value(auth)));
    result.config.authMode = *mode;
    if (parser.isSet(page)) {
        if (!consolePageNames().contains(parser.value(page)))
            return fail(
                u"invalid --page '%1' (%2)"_s.arg(parser.value(page), consolePageNames().join(u", "_s)));
        result.page = parser.value(page);
    }
    result.config.tlsCertPath = parser.value(tlsCert);
    result.config.tlsKeyPath = parser.value(tlsKey);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(u"--tls-cert and --tls-key go together"_s);
    for (const QString &origin : parser.values(allowedOrigin)) {
        if (origin != u"*" && origin != u"null" && !QUrl(origin, QUrl::StrictMode).isValid())
            return fail(u"invalid --allowed-origin '%1' (like https://panel.lan:8443)"_s.arg(origin));
        result.config.allowedOrigins.append(origin);
    }
    struct Count
    {
        const QCommandLineOption &option;
        int &target;
    };
    for (const Count &count : {Count {maxConnections, result.config.maxConnections},
             Count {maxPerAddress, result.config.maxConnectionsPerAddress}}) {
        if (!parser.isSet(count.option))
            continue;
        const int value = parser.value(count.option).toInt(&ok);
        if (!ok || value < 0)
            return fail(
                u"invalid --%1 '%2'"_s.arg(count.option.names().constFirst(), parser.value(count.option)));
        count.target = value;
    }
    struct Rate
    {
        const QCommandLineOption &option;
        double &target;
    };
    for (const Rate &rate : {Rate {handshakeRate, result.config.handshakesPerSecond},
             Rate {writeRate, result.config.writesPerSecond}}) {
        if (!parser.isSet(rate.option))
            continue;
        const double value = parser.value(rate.option).toDouble(&ok);
        if (!ok || value < 0 || !std::isfinite(value))
            return fail(
                u"invalid --%1 '%2'"_s.arg(rate.option.names().constFirst(), parser.value(rate.option)));
        rate.target = value;
    }
    struct Size
    {
        const QCommandLineOption &option;
        qint64 minimum;
        std::function<void(qint64)> apply;
    };
    const QList<Size> sizes {
        {maxBody, 1024, [&result](qint64 v) { result.config.maxBodySize = v; }},
        {maxBatchBody, 1024, [&result](qint64 v) { result.config.maxBatchBodySize = v; }},
        {maxHeader, 1024, [&result](qint64 v) { result.config.maxHeadSize = qsizetype(v); }},
        {maxMessage, 128, [&result](qint64 v) { result.config.maxIncomingMessageSize = quint64(v); }},
    };
    for (const Size &size : sizes) {
        if (!parser.isSet(size.option))
            continue;
        const std::optional<qint64> value = parseByteSize(parser.value(size.option));
        if (!value || *value < size.minimum) {
            return fail(u"invalid --%1 '%2' (at least %3 bytes; K and M suffixes allowed)"_s
                            .arg(size.option.names().constFirst(), parser.value(size.option))
                            .arg(size.minimum));
        }
        size.apply(*value);
    }
    return result;
}

std::optional<qint64> parseByteSize(const QString &text)
{
    QString digits = text.trimmed();
    qint64 unit = 1;
    if (digits.endsWith(u'K', Qt::CaseInsensitive))
        unit = 1024;
    else if (digits.endsWith(u'M', Qt::CaseInsensitive))
        unit = 1024 * 1024;
    else if (digits.endsWith(u'G', Qt::CaseInsensitive))
        unit = 1024 * 1024 * 1024;
    if (unit != 1)
        digits.chop(1);
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value < 0 || value > (qint64(1) << 40) / unit)
        return std::nullopt;
    return value * unit;
}

} // namespace pulso
