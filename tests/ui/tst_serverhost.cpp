// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerHost: the server in its own thread, statistics snapshots, batched events, disconnect, restart.
#include "consolefixture.h"
#include "runtime/server.h"
#include "services/systemeventservice.h"
#include "testclients.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace pulso::test {

class TestServerHost final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsInItsOwnThread();
    void statsDescribeClients();
    void eventsArriveBatchedInOrder();
    void disconnectClosesWith1008();
    void portInUseIsRecognized();
    void restartUsesNewConfig();
    void callReturnsResultOrServerStopped();
};

void TestServerHost::startsInItsOwnThread()
{
    ConsoleFixture console(false);
    QSignalSpy states(&console.host(), &ServerHost::stateChanged);
    QSignalSpy batches(&console.host(), &ServerHost::eventsEmitted);
    QVERIFY(console.start());
    QVERIFY(console.port() > 0);
    QCOMPARE(console.host().state(), ServerHost::State::Running);
    QCOMPARE(states.first().first().value<ServerHost::State>(), ServerHost::State::Starting);

    QThread *serverThread = nullptr;
    console.host().post([&serverThread](Server &) { serverThread = QThread::currentThread(); });
    QTRY_VERIFY(serverThread != nullptr);
    QVERIFY(serverThread != QThread::currentThread());

    // The start-up system event comes through the batched signal.
    QTRY_VERIFY(!batches.isEmpty());
    const auto events = batches.first().first().value<QList<Event>>();
    QCOMPARE(events.first().draft().message, u"Sistema iniciado correctamente"_s);

    QSignalSpy stopped(&console.host(), &ServerHost::stopped);
    console.host().requestStop();
    QTRY_COMPARE(stopped.size(), 1);
    QCOMPARE(console.host().state(), ServerHost::State::Stopped);
    QCOMPARE(console.port(), quint16(0));
}

void TestServerHost::statsDescribeClients()
{
    ConsoleFixture console(false);
    QVERIFY(console.start());
    QSignalSpy stats(&console.host(), &ServerHost::statsUpdated);
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?channel=sensors&user_id=ana"_s)));

    const auto latest
        = [&stats] { return stats.isEmpty() ? ServerStats() : stats.last().first().value<ServerStats>(); };
    QTRY_COMPARE(latest().connections, 1);
    ServerStats s = latest();
    QCOMPARE(s.channelConnections[static_cast<std::size_t>(Channel::Sensors)], 1);
    QCOMPARE(s.clients.size(), 1);
    QCOMPARE(s.clients.first().userId, u"ana"_s);
    QCOMPARE(s.clients.first().channel, Channel::Sensors);
    QCOMPARE(s.clients.first().peerAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(s.uptimeMs >= 0);
    QVERIFY(s.startedAt.isValid());

    // A delivered event shows up in the client's counter and in the totals.
    console.host().post(
        [](Server &server) { server.systemEvents().publishTestEvent(Channel::Sensors, u"x"_s); });
    QVERIFY(client.waitForMessages(1));
    QTRY_COMPARE(latest().clients.value(0).messagesSent, quint64(1));
    QVERIFY(latest().deliveriesTotal >= 1);
    QVERIFY(latest().eventsTotal >= 2); // start-up + test

    client.close();
    QTRY_COMPARE(latest().connections, 0);
    QVERIFY(latest().clients.isEmpty());
}

void TestServerHost::eventsArriveBatchedInOrder()
{
    ConsoleFixture console(false);
    QVERIFY(console.start());
    QSignalSpy batches(&console.host(), &ServerHost::eventsEmitted);
    constexpr int Count = 300;
    console.host().post([](Server &server) {
        for (int i = 0; i < Count; ++i)
            server.systemEvents().publishTestEvent(Channel::General, u"n%1"_s.arg(i));
    });
    QList<Event> all;
    QTRY_VERIFY([&] {
        all.clear();
        for (const QList<QVariant> &args : std::as_const(batches))
            all += args.first().value<QList<Event>>();
        return all.size() >= Count;
    }());
    QCOMPARE(all.size(), Count);
    // One queued signal per batch, not per event.
    QVERIFY2(batches.size() < Count / 10, qPrintable(u"%1 batches"_s.arg(batches.size())));
    for (int i = 1; i < all.size(); ++i)
        QCOMPARE(all[i].seq(), all[i - 1].seq() + 1);
    QCOMPARE(all.last().draft().message, u"n%1"_s.arg(Count - 1));
}

void TestServerHost::disconnectClosesWith1008()
{
    ConsoleFixture console(false);
    QVERIFY(console.start());
    QSignalSpy connected(&console.host(), &ServerHost::clientConnected);
    QSignalSpy disconnected(&console.host(), &ServerHost::clientDisconnected);
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?user_id=bob"_s)));
    QTRY_COMPARE(connected.size(), 1);
    const auto info = connected.first().first().value<ClientInfo>();
    QCOMPARE(info.userId, u"bob"_s);

    console.host().disconnectClient(info.id, u"disconnected by the operator"_s);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.closeReason(), u"disconnected by the operator"_s);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.first().first().toULongLong(), info.id);
}

void TestServerHost::portInUseIsRecognized()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    ConsoleFixture console(false);
    ServerConfig config = console.config();
    config.port = squatter.serverPort();
    console.setConfig(config);
    QSignalSpy failed(&console.host(), &ServerHost::startFailed);
    QVERIFY(!console.start());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).value<ServerHost::StartFailure>(), ServerHost::StartFailure::AddressInUse);
    QVERIFY(failed.first().at(0).toString().contains(QString::number(config.port)));
    QCOMPARE(console.host().state(), ServerHost::State::Stopped);

    // Nothing is left half-started: the same host starts fine once the port is free.
    squatter.close();
    QVERIFY(console.start());
}

void TestServerHost::restartUsesNewConfig()
{
    ConsoleFixture console(false);
    QVERIFY(console.start());
    const quint16 firstPort = console.port();
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws"_s)));

    QTcpServer probe; // find a free port to move to
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 nextPort = probe.serverPort();
    probe.close();

    QSignalSpy stopped(&console.host(), &ServerHost::stopped);
    QSignalSpy started(&console.host(), &ServerHost::started);
    ServerConfig config = console.config();
    config.port = nextPort;
    console.host().restart(config);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE(started.size(), 1);
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(started.first().first().value<quint16>(), nextPort);
    QCOMPARE(console.host().config().port, nextPort);
    QVERIFY(nextPort != firstPort);
    WsClient again;
    QVERIFY(again.open(console.wsUrl(u"/api/v1/ws"_s)));
}

void TestServerHost::callReturnsResultOrServerStopped()
{
    ConsoleFixture console(false);
    QVERIFY(console.start());
    QObject receiver;
    std::optional<Result<Event>> outcome;
    console.host().call<Event>(
        &receiver,
        [](Server &server) { return server.systemEvents().publishTestEvent(Channel::Readings, u"hi"_s); },
        [&outcome](const Result<Event> &r) { outcome = r; });
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(outcome->ok());
    QCOMPARE((*outcome)->channel(), Channel::Readings);

    console.host().stop();
    outcome.reset();
    console.host().call<Event>(
        &receiver,
        [](Server &server) { return server.systemEvents().publishTestEvent(Channel::Readings, u"hi"_s); },
        [&outcome](const Result<Event> &r) { outcome = r; });
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().code, u"server_stopped"_s);
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestServerHost)
#include "tst_serverhost.moc"
