// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channel.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_Channel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip();
    void unknownNames_data();
    void unknownNames();
    void entityRouting_data();
    void entityRouting();
    void nameListForErrors();
};

void tst_Channel::namesRoundTrip()
{
    QCOMPARE(channelNames(),
        (QStringList {
            u"general"_s, u"sensors"_s, u"readings"_s, u"locations"_s, u"anomalies"_s, u"predictions"_s}));
    for (Channel channel : AllChannels)
        QCOMPARE(channelFromName(channelName(channel)), channel);
}

void tst_Channel::unknownNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("case") << u"Sensors"_s;
    QTest::newRow("singular") << u"sensor"_s;
    QTest::newRow("space") << u" general"_s;
    QTest::newRow("injection") << u"general'; DROP TABLE events;--"_s;
}

void tst_Channel::unknownNames()
{
    QFETCH(QString, name);
    QVERIFY(!channelFromName(name).has_value());
}

void tst_Channel::entityRouting_data()
{
    QTest::addColumn<QString>("entityType");
    QTest::addColumn<Channel>("channel");
    QTest::newRow("sensor") << u"sensor"_s << Channel::Sensors;
    QTest::newRow("reading") << u"reading"_s << Channel::Readings;
    QTest::newRow("location") << u"location"_s << Channel::Locations;
    QTest::newRow("anomaly") << u"anomaly"_s << Channel::Anomalies;
    QTest::newRow("prediction") << u"prediction"_s << Channel::Predictions;
    QTest::newRow("unknown goes to general") << u"gadget"_s << Channel::General;
}

void tst_Channel::entityRouting()
{
    QFETCH(QString, entityType);
    QFETCH(Channel, channel);
    QCOMPARE(channelForEntityType(entityType), channel);
}

void tst_Channel::nameListForErrors()
{
    QCOMPARE(channelNameList(), u"general, sensors, readings, locations, anomalies, predictions"_s);
}

QTEST_APPLESS_MAIN(tst_Channel)
#include "tst_channel.moc"
