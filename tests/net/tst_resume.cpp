// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Resume from a seq: nothing lost, nothing duplicated, across reconnects and restarts; gaps are announced.
#include "net/websockethub.h"
#include "services/eventhistoryservice.h"
#include "services/systemeventservice.h"
#include "testclients.h"
#include "testserver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_Resume : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void resumeAfterReconnect();
    void resumeAcrossRestart();
    void resumeActionMessage();
    void resumeOnlyOwnChannel();
    void liveEventsDuringLongReplayNoGapNoDuplicate();
    void gapAfterRetention();
    void gapOnOtherEpoch();
    void sinceAheadIsAGap();
    void eventsCarryEpoch();

private:
    qint64 publish(const QString &channel, const QString &message);
    static QList<qint64> seqsOf(const WsClient &client);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_Resume::cleanup()
{
    m_server.reset();
}

qint64 tst_Resume::publish(const QString &channel, const QString &message)
{
    QUrl url = m_server->httpUrl(u"/api/v1/ws/test-event"_s);
    url.setQuery(u"channel=%1&message=%2"_s.arg(channel, message));
    const HttpResult result = m_http.post(url);
    return result.status == 200 ? result.object()[u"seq"_s].toInteger() : -1;
}

QList<qint64> tst_Resume::seqsOf(const WsClient &client)
{
    QList<qint64> seqs;
    for (const QJsonObject &message : client.jsonMessages()) {
        if (message.contains(u"seq"_s))
            seqs << message[u"seq"_s].toInteger();
    }
    return seqs;
}

void tst_Resume::resumeAfterReconnect()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    qint64 lastSeen = 0;
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors"_s)));
        publish(u"sensors"_s, u"a"_s);
        QVERIFY(client.waitForMessages(1));
        lastSeen = client.message(0)[u"seq"_s].toInteger();
    }
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 0);
    const qint64 b = publish(u"sensors"_s, u"b"_s);
    publish(u"readings"_s, u"not mine"_s);
    const qint64 c = publish(u"sensors"_s, u"c"_s);

    WsClient again;
    QVERIFY(again.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors&since=%1"_s.arg(lastSeen))));
    QVERIFY(again.waitForMessages(3));
    QCOMPARE(again.message(0)[u"message"_s].toString(), u"b"_s);
    QCOMPARE(again.message(1)[u"message"_s].toString(), u"c"_s);
    QCOMPARE(seqsOf(again), (QList<qint64> {b, c}));
    const QJsonObject resumed = again.message(2);
    QCOMPARE(resumed[u"type"_s].toString(), u"resumed"_s);
    QCOMPARE(resumed[u"replayed"_s].toInt(), 2);
    QCOMPARE(resumed[u"last_seq"_s].toInteger(), c);
    // Then live.
    const qint64 d = publish(u"sensors"_s, u"d"_s);
    QVERIFY(again.waitForMessages(4));
    QCOMPARE(again.message(3)[u"seq"_s].toInteger(), d);
}

void tst_Resume::resumeAcrossRestart()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    const qint64 first = publish(u"general"_s, u"before"_s);
    QVERIFY(m_server->restart());
    const qint64 second = publish(u"general"_s, u"after restart"_s);
    QVERIFY(second > first);

    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?since=%1"_s.arg(first))));
    QVERIFY(client.waitForMessages(1));
    // The restart itself published "Sistema iniciado correctamente" between the two: seq is one history.
    QList<QJsonObject> messages = client.jsonMessages();
    QVERIFY(client.waitForMessages(3));
    messages = client.jsonMessages();
    QCOMPARE(messages[0][u"message"_s].toString(), u"Sistema iniciado correctamente"_s);
    QCOMPARE(messages[0][u"seq"_s].toInteger(), first + 1);
    QCOMPARE(messages[1][u"seq"_s].toInteger(), second);
    QCOMPARE(messages[2][u"type"_s].toString(), u"resumed"_s);
}

void tst_Resume::resumeActionMessage()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    const qint64 a = publish(u"anomalies"_s, u"a"_s);
    const qint64 b = publish(u"anomalies"_s, u"b"_s);
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=anomalies"_s)));
    client.send(u"{\"action\":\"resume\",\"since\":%1}"_s.arg(a - 1));
    QVERIFY(client.waitForMessages(3));
    QCOMPARE(seqsOf(client), (QList<qint64> {a, b}));
    QCOMPARE(client.message(2)[u"type"_s].toString(), u"resumed"_s);
}

void tst_Resume::resumeOnlyOwnChannel()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    const qint64 start = publish(u"general"_s, u"start"_s);
    publish(u"sensors"_s, u"s"_s);
    const qint64 r = publish(u"readings"_s, u"r"_s);
    publish(u"general"_s, u"g"_s);
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=readings&since=%1"_s.arg(start))));
    QVERIFY(client.waitForMessages(2));
    QCOMPARE(seqsOf(client), QList<qint64> {r});
    QCOMPARE(client.message(1)[u"type"_s].toString(), u"resumed"_s);
    QCOMPARE(client.messages().size(), 2);
}

void tst_Resume::liveEventsDuringLongReplayNoGapNoDuplicate()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    const QString padding(600, u'z');
    const qint64 since = m_server->server().history().lastSeq();
    for (int i = 0; i < 3000; ++i) // ~2.5 MB of history: the replay takes several rounds
        m_server->server().systemEvents().publish(SystemLevel::Info, padding);
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?since=%1"_s.arg(since))));
    // Live events while the replay is still running.
    for (int i = 0; i < 50; ++i)
        QVERIFY(publish(u"general"_s, u"live%1"_s.arg(i)) > 0);
    const qint64 last = m_server->server().history().lastSeq();
    QVERIFY(client.waitForMessages(3000 + 50 + 1, 30000));
    const QList<qint64> seqs = seqsOf(client);
    QCOMPARE(seqs.size(), qsizetype(last - since));
    for (qsizetype i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs[i], since + 1 + i);
    int acks = 0;
    for (const QJsonObject &message : client.jsonMessages())
        acks += message[u"type"_s].toString() == u"resumed" ? 1 : 0;
    QCOMPARE(acks, 1);
}

void tst_Resume::gapAfterRetention()
{
    ServerConfig config;
    config.retentionEvents = 5;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
    for (int i = 0; i < 20; ++i)
        publish(u"general"_s, u"e%1"_s.arg(i));
    QVERIFY(m_server->server().history().prune().ok());
    const qint64 last = m_server->server().history().lastSeq();
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?since=2"_s)));
    QVERIFY(client.waitForMessages(1 + 5 + 1));
    const QJsonObject gap = client.message(0);
    QCOMPARE(gap[u"type"_s].toString(), u"system_event"_s);
    QCOMPARE(gap[u"level"_s].toString(), u"warning"_s);
    QCOMPARE(gap[u"message"_s].toString(), u"resume_gap"_s);
    const QJsonObject data = gap[u"data"_s].toObject();
    QCOMPARE(data[u"reason"_s].toString(), u"retention"_s);
    QCOMPARE(data[u"missing_from"_s].toInteger(), 3);
    QCOMPARE(data[u"missing_to"_s].toInteger(), last - 5);
    QCOMPARE(data[u"oldest_available"_s].toInteger(), last - 4);
    QList<qint64> seqs = seqsOf(client);
    QCOMPARE(seqs, (QList<qint64> {last - 4, last - 3, last - 2, last - 1, last}));
}

void tst_Resume::gapOnOtherEpoch()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    publish(u"general"_s, u"x"_s);
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?since=1&epoch=0000000000000000"_s)));
    QVERIFY(client.waitForMessages(2));
    QCOMPARE(client.message(0)[u"message"_s].toString(), u"resume_gap"_s);
    QCOMPARE(client.message(0)[u"data"_s].toObject()[u"reason"_s].toString(), u"epoch_changed"_s);
    QCOMPARE(client.message(1)[u"type"_s].toString(), u"resumed"_s);
    QCOMPARE(client.message(1)[u"replayed"_s].toInt(), 0);
    const qint64 next = publish(u"general"_s, u"live"_s);
    QVERIFY(client.waitForMessages(3));
    QCOMPARE(client.message(2)[u"seq"_s].toInteger(), next);
}

void tst_Resume::sinceAheadIsAGap()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?since=999999"_s)));
    QVERIFY(client.waitForMessages(2));
    QCOMPARE(client.message(0)[u"data"_s].toObject()[u"reason"_s].toString(), u"since_ahead"_s);
}

void tst_Resume::eventsCarryEpoch()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    publish(u"general"_s, u"e"_s);
    QVERIFY(client.waitForMessages(1));
    const QString epoch = client.message(0)[u"epoch"_s].toString();
    QCOMPARE(epoch.size(), 16);
    QCOMPARE(epoch, m_server->server().history().epoch());
    // The epoch survives a restart on the same file.
    QVERIFY(m_server->restart());
    QCOMPARE(m_server->server().history().epoch(), epoch);
}

QTEST_GUILESS_MAIN(tst_Resume)
#include "tst_resume.moc"
