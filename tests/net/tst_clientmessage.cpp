// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientmessage.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_ClientMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errorFrameShape();
};

void tst_ClientMessage::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorCode"); // empty: accepted as ping
    QTest::newRow("ping") << u"{\"action\":\"ping\"}"_s << QString();
    QTest::newRow("ping with extras") << u"{\"action\":\"ping\",\"id\":5}"_s << QString();
    QTest::newRow("not json") << u"hello"_s << u"invalid_json"_s;
    QTest::newRow("empty") << QString() << u"invalid_json"_s;
    QTest::newRow("truncated") << u"{\"action\":"_s << u"invalid_json"_s;
    QTest::newRow("array") << u"[\"ping\"]"_s << u"invalid_message"_s;
    QTest::newRow("number action") << u"{\"action\":1}"_s << u"invalid_message"_s;
    QTest::newRow("no action") << u"{\"type\":\"ping\"}"_s << u"invalid_message"_s;
    QTest::newRow("unknown action") << u"{\"action\":\"explode\"}"_s << u"unknown_action"_s;
    QTest::newRow("case") << u"{\"action\":\"PING\"}"_s << u"unknown_action"_s;
    QTest::newRow("deep nesting") << QString(u"{\"a\":"_s.repeated(5000) + u"1"_s + u"}"_s.repeated(5000))
                                  << u"invalid_json"_s;
    QTest::newRow("huge action") << u"{\"action\":\""_s + QString(100000, u'x') + u"\"}"_s
                                 << u"unknown_action"_s;
}

void tst_ClientMessage::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, errorCode);
    const Result<ClientMessage> message = ClientMessage::parse(text);
    if (errorCode.isEmpty()) {
        QVERIFY(message.ok());
        QCOMPARE(message->action, ClientMessage::Action::Ping);
    } else {
        QVERIFY(!message.ok());
        QCOMPARE(message.error().code, errorCode);
        QVERIFY(message.error().message.size() < 400);
        QVERIFY(!message.error().message.isEmpty());
    }
}

void tst_ClientMessage::errorFrameShape()
{
    const QJsonObject frame
        = QJsonDocument::fromJson(errorFrame(Error::make(ErrorKind::BadRequest, u"invalid_json"_s, u"bad"_s)))
              .object();
    QCOMPARE(frame[u"type"_s].toString(), u"error"_s);
    QCOMPARE(frame[u"error"_s].toObject()[u"code"_s].toString(), u"invalid_json"_s);
    QCOMPARE(frame[u"error"_s].toObject()[u"message"_s].toString(), u"bad"_s);
}

QTEST_APPLESS_MAIN(tst_ClientMessage)
#include "tst_clientmessage.moc"
