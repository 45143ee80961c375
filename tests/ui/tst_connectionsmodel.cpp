// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionsModel: channels with their clients, kept in step with snapshots and connect/disconnect signals.
#include "ui/language.h"
#include "ui/models/connectionsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pulso::test {

namespace {

ClientInfo client(quint64 id, Channel channel, const QString &userId, quint64 sent = 0)
{
    ClientInfo c;
    c.id = id;
    c.channel = channel;
    c.userId = userId;
    c.peerAddress = QHostAddress(u"192.168.1.20"_s);
    c.peerPort = quint16(50000 + id);
    c.connectedAt = QDateTime::currentDateTimeUtc();
    c.messagesSent = sent;
    return c;
}

} // namespace

class TestConnectionsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Language::install(*QCoreApplication::instance(), u"en"_s)); }
    void listsEveryChannel();
    void snapshotsInsertUpdateAndRemove();
    void signalsAddAndRemove();
};

void TestConnectionsModel::listsEveryChannel()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(ChannelCount));
    for (Channel channel : AllChannels) {
        const QModelIndex index = model.channelIndex(channel);
        QCOMPARE(index.data().toString(), channelName(channel));
        QCOMPARE(model.rowCount(index), 0);
    }
}

void TestConnectionsModel::snapshotsInsertUpdateAndRemove()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &ConnectionsModel::clientCountChanged);
    model.setClients({client(1, Channel::Sensors, u"ana"_s), client(2, Channel::General, QString()),
        client(3, Channel::Sensors, u"luis"_s)});
    QCOMPARE(model.clientCount(), 3);
    QCOMPARE(model.clientCount(Channel::Sensors), 2);
    QCOMPARE(counts.last().first().toInt(), 3);

    const QModelIndex ana = model.indexOf(1);
    QVERIFY(ana.isValid());
    QCOMPARE(ana.parent(), model.channelIndex(Channel::Sensors));
    QCOMPARE(ana.data().toString(), u"ana"_s);
    QCOMPARE(model.index(ana.row(), ConnectionsModel::PeerColumn, ana.parent()).data().toString(),
        u"192.168.1.20:50001"_s);
    QCOMPARE(model.index(ana.row(), ConnectionsModel::ChannelColumn, ana.parent()).data().toString(),
        u"sensors"_s);
    QVERIFY(model.indexOf(2).data().toString().contains(u"#2"_s)); // no user_id: shown by id

    // Next snapshot: ana sent messages, luis left, marta arrived.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setClients({client(1, Channel::Sensors, u"ana"_s, 42), client(2, Channel::General, QString()),
        client(4, Channel::Readings, u"marta"_s)});
    QCOMPARE(model.clientCount(), 3);
    QVERIFY(!model.indexOf(3).isValid());
    QVERIFY(model.indexOf(4).isValid());
    const QModelIndex anaNow = model.indexOf(1);
    QCOMPARE(model.index(anaNow.row(), ConnectionsModel::MessagesColumn, anaNow.parent()).data().toString(),
        QLocale().toString(42));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.index(int(Channel::Sensors), ConnectionsModel::PeerColumn).data().toString(),
        u"1 connection"_s);

    model.clear();
    QCOMPARE(model.clientCount(), 0);
}

void TestConnectionsModel::signalsAddAndRemove()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addClient(client(7, Channel::Anomalies, u"eva"_s));
    model.addClient(client(7, Channel::Anomalies, u"eva"_s)); // a snapshot may already have it
    QCOMPARE(model.clientCount(Channel::Anomalies), 1);
    QCOMPARE(model.client(model.indexOf(7))->userId, u"eva"_s);
    model.removeClient(7);
    QCOMPARE(model.clientCount(), 0);
    model.removeClient(99); // unknown: nothing happens
    QCOMPARE(model.clientCount(), 0);
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestConnectionsModel)
#include "tst_connectionsmodel.moc"
