// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Faults: kill -9 in the middle of an ingest loses nothing acknowledged; a locked database answers 503 and
// recovers by itself.
#include "testclients.h"
#include "testserver.h"

#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

quint16 startPulso(QProcess &process, const QStringList &arguments)
{
    process.start(qEnvironmentVariable("PULSO_BINARY"), arguments);
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

QByteArray batchBody(int size, int round)
{
    QJsonArray array;
    for (int i = 0; i < size; ++i)
        array.append(QJsonObject {{u"sensor_id"_s, 1}, {u"valor"_s, round * 1000 + i}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringBatchIngestLosesNothingAcknowledged();
    void lockedDatabaseAnswers503AndRecovers();
};

void tst_Faults::killDuringBatchIngestLosesNothingAcknowledged()
{
    QTemporaryDir dir;
    const QStringList arguments {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
        u"--database"_s, dir.filePath(u"crash.db"_s)};
    QProcess pulso;
    quint16 port = startPulso(pulso, arguments);
    QVERIFY(port != 0);
    HttpClient http;
    QCOMPARE(http.postJson(QUrl(u"http://127.0.0.1:%1/api/v1/sensors"_s.arg(port)),
                     {{u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"DHT22"_s}})
                 .status,
        201);

    // Keep four batches in flight; kill -9 once 30 were acknowledged, with others half-way.
    constexpr int BatchSize = 500;
    QNetworkAccessManager nam;
    qint64 acknowledged = 0;
    int acknowledgedBatches = 0;
    int round = 0;
    bool killed = false;
    std::function<void()> sendOne = [&] {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/readings/batch"_s.arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.post(request, batchBody(BatchSize, round++));
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201) {
                acknowledged += QJsonDocument::fromJson(reply->readAll()).object()[u"count"_s].toInt();
                ++acknowledgedBatches;
            }
            if (killed)
                return;
            if (acknowledgedBatches >= 30) {
                killed = true;
                pulso.kill(); // SIGKILL: no shutdown, no flush
                return;
            }
            sendOne();
        });
    };
    for (int i = 0; i < 4; ++i)
        sendOne();
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
    if (pulso.state() != QProcess::NotRunning)
        QVERIFY(pulso.waitForFinished(10000));
    QCOMPARE(pulso.exitStatus(), QProcess::CrashExit);
    QTest::qWait(200); // let the other replies fail
    const qint64 acknowledgedAtKill = acknowledged;

    // Restart on the same file and count.
    port = startPulso(pulso, arguments);
    QVERIFY(port != 0);
    qint64 stored = 0;
    for (int offset = 0;; offset += 1000) {
        const HttpResult page = http.get(QUrl(
            u"http://127.0.0.1:%1/api/v1/readings?sensor_id=1&limit=1000&offset=%2"_s.arg(port).arg(offset)));
        QCOMPARE(page.status, 200);
        stored += page.object()[u"items"_s].toArray().size();
        if (!page.object()[u"has_more"_s].toBool())
            break;
    }
    QVERIFY2(stored >= acknowledgedAtKill,
        qPrintable(u"stored %1 < acknowledged %2"_s.arg(stored).arg(acknowledgedAtKill)));
    QCOMPARE(stored % BatchSize, 0); // all or nothing per batch
    // Every stored reading has its event in the history: a resume from 0 on readings replays them all.
    WsClient client;
    QVERIFY(client.open(QUrl(u"ws://127.0.0.1:%1/api/v1/ws?channel=readings&since=0"_s.arg(port))));
    QVERIFY(client.waitForMessages(int(stored) + 1, 30000));
    QCOMPARE(client.jsonMessages().constLast()[u"type"_s].toString(), u"resumed"_s);
    QCOMPARE(client.jsonMessages().constLast()[u"replayed"_s].toInteger(), stored);
    pulso.terminate();
    QVERIFY(pulso.waitForFinished(10000));
}

void tst_Faults::lockedDatabaseAnswers503AndRecovers()
{
    ServerConfig config;
    config.busyTimeoutMs = 200;
    TestServer server(config);
    QVERIFY(server.start());
    HttpClient http;
    QCOMPARE(http.postJson(
                     server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"humedad"_s}, {u"modelo"_s, u"x"_s}})
                 .status,
        201);
    WsClient client;
    QVERIFY(client.open(server.wsUrl(u"/api/v1/ws?channel=sensors"_s)));

    // Another process-like connection takes the write lock and keeps it.
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        other.setDatabaseName(server.databasePath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));

        const HttpResult refused = http.postJson(
            server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"y"_s}});
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), u"storage_busy"_s);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        // Reads and the WebSocket side keep working meanwhile.
        QCOMPARE(http.get(server.httpUrl(u"/api/v1/sensors"_s)).status, 200);
        QCOMPARE(http.get(server.httpUrl(u"/api/v1/ws/stats"_s)).status, 200);

        QVERIFY(lock.exec(u"ROLLBACK"_s));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);

    // The fault cleared: the next write works, and only it produced an event.
    const HttpResult accepted = http.postJson(
        server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"z"_s}});
    QCOMPARE(accepted.status, 201);
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.messages().size(), 1);
    QCOMPARE(client.message(0)[u"data"_s].toObject()[u"modelo"_s].toString(), u"z"_s);
    const QJsonArray sensors = http.get(server.httpUrl(u"/api/v1/sensors"_s)).object()[u"items"_s].toArray();
    QCOMPARE(sensors.size(), 2);
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
