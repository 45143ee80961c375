// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: `pulso --headless` as a process, the seed's Python client (Debian python3-websockets) against
// it.
#include "testclients.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso::test;

namespace {

QString pulsoBinary()
{
    return qEnvironmentVariable("PULSO_BINARY");
}

/// Starts pulso and waits for its "listening on" line; returns the port or 0.
quint16 startPulso(QProcess &process, const QStringList &arguments)
{
    process.start(pulsoBinary(), arguments);
    if (!process.waitForStarted(5000))
        return 0;
    QByteArray out;
    QDeadlineTimer deadline(10000);
    static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch())
            return match.captured(1).toUShort();
    }
    return 0;
}

} // namespace

class tst_SeedClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void seedPythonClientReceivesEvents();
    void resilientClientResumesAcrossRestart();
    void versionAndHelp();
    void portInUseIsOneLineAndExit1();
    void badArguments_data();
    void badArguments();
    void consoleWithoutDisplayExplains();

private:
    QTemporaryDir m_dir;
};

void tst_SeedClient::initTestCase()
{
    QVERIFY2(QFile::exists(pulsoBinary()), "PULSO_BINARY must point at the built pulso");
    QVERIFY2(QFile::exists(u"/usr/bin/python3"_s), "Debian's python3 is required (scripts/test installs it)");
}

void tst_SeedClient::seedPythonClientReceivesEvents()
{
    QProcess pulso;
    pulso.setProcessChannelMode(QProcess::SeparateChannels);
    const quint16 port = startPulso(pulso,
        {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--database"_s,
            m_dir.filePath(u"e2e.db"_s)});
    QVERIFY2(port != 0, pulso.readAllStandardError().constData());

    QFile seed(QStringLiteral(SEED_CLIENT));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QByteArray script = seed.readAll();
    const QByteArray hostPort = QByteArray("localhost:") + QByteArray::number(port);
    script.replace(QByteArray("@HOST_PORT@"), hostPort);
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(u"/usr/bin/python3"_s, {u"-u"_s, u"-c"_s, QString::fromUtf8(script)});
    QVERIFY(python.waitForStarted(5000));

    // Wait until the client is subscribed, as the stats endpoint sees it.
    HttpClient http;
    const QUrl stats(u"http://127.0.0.1:%1/api/v1/ws/stats/sensors"_s.arg(port));
    QTRY_COMPARE_WITH_TIMEOUT(http.get(stats).object()[u"connections"_s].toInt(), 1, 15000);

    const HttpResult sent = http.post(QUrl(
        u"http://127.0.0.1:%1/api/v1/ws/test-event?channel=sensors&message=hola%20desde%20la%20prueba"_s.arg(
            port)));
    QCOMPARE(sent.status, 200);
    QCOMPARE(sent.object()[u"recipients"_s].toInt(), 1);
    // An event for another channel must not reach it.
    QCOMPARE(
        http.post(QUrl(u"http://127.0.0.1:%1/api/v1/ws/test-event?channel=readings&message=otro"_s.arg(port)))
            .status,
        200);
    QCOMPARE(http.post(QUrl(u"http://127.0.0.1:%1/api/v1/ws/test-event?channel=sensors&message=segundo"_s.arg(
                           port)))
                 .status,
        200);

    QByteArray output;
    QDeadlineTimer deadline(10000);
    while (!output.contains("segundo") && !deadline.hasExpired()) {
        python.waitForReadyRead(100);
        output += python.readAll();
    }
    QVERIFY2(
        output.contains(
            "Evento recibido: {'type': 'system_event', 'level': 'info', 'message': 'hola desde la prueba'"),
        output.constData());
    QVERIFY2(output.contains("'message': 'segundo'"), output.constData());
    QVERIFY2(!output.contains("otro"), output.constData());

    // SIGTERM: a clean shutdown, the client is told 1001 (websockets ends its recv loop).
    pulso.terminate();
    QVERIFY(pulso.waitForFinished(10000));
    QCOMPARE(pulso.exitStatus(), QProcess::NormalExit);
    QCOMPARE(pulso.exitCode(), 0);
    QVERIFY(python.waitForFinished(10000));
    output += python.readAll();
    QVERIFY2(output.contains("1001") || output.contains("ConnectionClosedOK"), output.constData());
}

void tst_SeedClient::resilientClientResumesAcrossRestart()
{
    // A fixed port, so that the restarted server is where the client reconnects.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QStringList arguments {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s,
        QString::number(port), u"--database"_s, m_dir.filePath(u"resume.db"_s)};
    QProcess pulso;
    QCOMPARE(startPulso(pulso, arguments), port);

    QProcess client;
    client.setProcessChannelMode(QProcess::SeparateChannels);
    client.start(u"/usr/bin/python3"_s,
        {u"-u"_s, QStringLiteral(EXAMPLE_CLIENT), u"--url"_s, u"ws://127.0.0.1:%1/api/v1/ws"_s.arg(port),
            u"-c"_s, u"sensors"_s, u"--max-backoff"_s, u"1"_s, u"--exit-after"_s, u"6"_s});
    QVERIFY(client.waitForStarted(5000));
    HttpClient http;
    const QUrl stats(u"http://127.0.0.1:%1/api/v1/ws/stats/sensors"_s.arg(port));
    QTRY_COMPARE_WITH_TIMEOUT(http.get(stats).object()[u"connections"_s].toInt(), 1, 15000);
    const auto send = [&](const QString &message) {
        return http
            .post(QUrl(u"http://127.0.0.1:%1/api/v1/ws/test-event?channel=sensors&message=%2"_s.arg(port).arg(
                message)))
            .status;
    };
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(send(u"m%1"_s.arg(i)), 200);
    QByteArray out;
    QDeadlineTimer deadline(10000);
    while (out.count('\n') < 3 && !deadline.hasExpired()) {
        client.waitForReadyRead(100);
        out += client.readAllStandardOutput();
    }
    QCOMPARE(out.count('\n'), 3);

    // Restart the server; events sent before the client is back must be replayed to it.
    pulso.terminate();
    QVERIFY(pulso.waitForFinished(10000));
    QCOMPARE(startPulso(pulso, arguments), port);
    for (int i = 4; i <= 6; ++i)
        QCOMPARE(send(u"m%1"_s.arg(i)), 200);

    QVERIFY(client.waitForFinished(30000));
    out += client.readAllStandardOutput();
    const QByteArray errors = client.readAllStandardError();
    QCOMPARE(client.exitCode(), 0);
    QStringList messages;
    QList<qint64> seqs;
    for (const QByteArray &line : out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        messages << event[u"message"_s].toString();
        seqs << event[u"seq"_s].toInteger();
    }
    QCOMPARE(messages, (QStringList {u"m1"_s, u"m2"_s, u"m3"_s, u"m4"_s, u"m5"_s, u"m6"_s}));
    for (qsizetype i = 1; i < seqs.size(); ++i)
        QVERIFY(seqs[i] > seqs[i - 1]);
    // It noticed the restart (1001) and resumed.
    QVERIFY2(errors.contains("1001 server shutting down"), errors.constData());
    pulso.terminate();
    QVERIFY(pulso.waitForFinished(10000));
}

void tst_SeedClient::versionAndHelp()
{
    QProcess process;
    process.start(pulsoBinary(), {u"--version"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().startsWith("pulso "));

    process.start(pulsoBinary(), {u"--help"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray help = process.readAllStandardOutput();
    for (const char *option : {"--headless", "--port", "--bind", "--database", "--token", "--version"})
        QVERIFY2(help.contains(option), option);
}

void tst_SeedClient::portInUseIsOneLineAndExit1()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    QProcess process;
    process.start(pulsoBinary(),
        {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(blocker.serverPort()),
            u"--database"_s, m_dir.filePath(u"busy.db"_s)});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    const QList<QByteArray> lines = process.readAllStandardError().trimmed().split('\n');
    // Diagnostics may precede it, but the last line is the one-line answer.
    QVERIFY2(lines.last().startsWith("pulso: Cannot listen on 127.0.0.1:"), lines.last().constData());
}

void tst_SeedClient::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("port text") << QStringList {u"--headless"_s, u"--port"_s, u"abc"_s}
                               << QByteArray("--port");
    QTest::newRow("port too big") << QStringList {u"--headless"_s, u"--port"_s, u"70000"_s}
                                  << QByteArray("--port");
    QTest::newRow("bind") << QStringList {u"--headless"_s, u"--bind"_s, u"nowhere"_s} << QByteArray("--bind");
    QTest::newRow("unknown option") << QStringList {u"--headless"_s, u"--frobnicate"_s}
                                    << QByteArray("frobnicate");
}

void tst_SeedClient::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    QProcess process;
    process.start(pulsoBinary(), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains(mentions));
}

void tst_SeedClient::consoleWithoutDisplayExplains()
{
#if !defined(Q_OS_LINUX) || !defined(PULSO_WITH_GUI)
    QSKIP("needs the console build on Linux (display detection)");
#endif
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(env);
    process.start(pulsoBinary(), {u"--port"_s, u"0"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("--headless"));
}

QTEST_GUILESS_MAIN(tst_SeedClient)
#include "tst_seedclient.moc"
