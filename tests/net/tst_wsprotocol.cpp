// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Pulso's own WebSocket layer on the wire: the handshake (101, 426, 400), frames read by ws::FrameReader
// (masking, fragmentation, limits, UTF-8), control frames (ping, close) and the closing handshake. Raw
// sockets, so that the bytes are the ones the RFC prescribes, not what a client library makes of them.
#include "net/websockethub.h"
#include "net/wshandshake.h"
#include "testclients.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0x00) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        out.append(char(maskBit | char(payload.size())));
    } else {
        out.append(char(maskBit | 126));
        out.append(char(payload.size() >> 8));
        out.append(char(payload.size() & 0xff));
    }
    const char key[4] = {'\x0a', '\x0b', '\x0c', '\x0d'};
    if (masked)
        out.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(masked ? char(payload[i] ^ key[i & 3]) : payload[i]);
    return out;
}

QByteArray upgrade(const QByteArray &extraHeaders,
    const QByteArray &key = "dGhlIHNhbXBsZSBub25jZQ==", const QByteArray &version = "13")
{
    QByteArray out = "GET /api/v1/ws?channel=general HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\n";
    if (!key.isNull())
        out += "Sec-WebSocket-Key: " + key + "\r\n";
    if (!version.isNull())
        out += "Sec-WebSocket-Version: " + version + "\r\n";
    return out + extraHeaders + "\r\n";
}

/// Reads until `bytes` holds `count` bytes or the peer closes or the time is up.
QByteArray readAtLeast(QTcpSocket &socket, qsizetype count, int timeoutMs = 5000)
{
    QByteArray bytes = socket.readAll();
    QDeadlineTimer deadline(timeoutMs);
    while (
        bytes.size() < count && !deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        QTest::qWait(5); // the server runs in this thread
        bytes += socket.readAll();
    }
    return bytes;
}

} // namespace

class tst_WsProtocol final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void handshakeRefusals_data();
    void handshakeRefusals();
    void handshakeAnswer();
    void bytesAfterTheHeadAreFrames();
    void protocolErrorsClose_data();
    void protocolErrorsClose();
    void fragmentedTextIsReassembled();
    void pingGetsPongWithSamePayload();
    void closeIsEchoed();
    void serverCloseEndsWithoutPeer();

private:
    std::unique_ptr<TestServer> m_server;
};

void tst_WsProtocol::init()
{
    ServerConfig config;
    config.maxIncomingMessageSize = 4096;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
}

void tst_WsProtocol::cleanup()
{
    m_server.reset();
}

void tst_WsProtocol::handshakeRefusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("version 8") << upgrade({}, "dGhlIHNhbXBsZSBub25jZQ==", "8") << 426
                               << u"unsupported_version"_s;
    QTest::newRow("no version") << upgrade({}, "dGhlIHNhbXBsZSBub25jZQ==", QByteArray()) << 426
                                << u"unsupported_version"_s;
    QTest::newRow("no key") << upgrade({}, QByteArray()) << 400 << u"bad_handshake"_s;
    QTest::newRow("key of 15 bytes") << upgrade({}, "dGhlIHNhbXBsZSBub25j") << 400 << u"bad_handshake"_s;
    QTest::newRow("key not base64") << upgrade({}, "!!!!!!!!!!!!!!!!!!!!!!==") << 400 << u"bad_handshake"_s;
    QByteArray post = upgrade({});
    post.replace(0, 3, "POST");
    QTest::newRow("POST") << post << 400 << u"bad_handshake"_s;
}

void tst_WsProtocol::handshakeRefusals()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QByteArray response = rawExchange(m_server->port(), request);
    QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')),
        response.constData());
    const qsizetype end = response.indexOf("\r\n\r\n");
    QVERIFY(end > 0);
    const QJsonObject body = QJsonDocument::fromJson(response.mid(end + 4)).object();
    QCOMPARE(body[u"error"_s].toObject()[u"code"_s].toString(), code);
    if (status == 426)
        QVERIFY(response.left(end).contains("\r\nSec-WebSocket-Version: 13"));
    QCOMPARE(m_server->server().hub().connectionCount(), 0);
}

void tst_WsProtocol::handshakeAnswer()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    // A subprotocol offered and none accepted: the answer carries no Sec-WebSocket-Protocol.
    socket.write(upgrade("Sec-WebSocket-Protocol: chat, superchat\r\n"));
    const QByteArray response = readAtLeast(socket, 1);
    QDeadlineTimer deadline(5000);
    QByteArray all = response;
    while (!all.contains("\r\n\r\n") && !deadline.hasExpired())
        all += readAtLeast(socket, all.size() + 1, 100);
    QVERIFY2(all.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), all.constData());
    QVERIFY(all.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(all.toLower().contains("\r\nupgrade: websocket\r\n"));
    QVERIFY(!all.toLower().contains("sec-websocket-protocol"));
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 1);
}

void tst_WsProtocol::bytesAfterTheHeadAreFrames()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    // Head and first message in one write: the frame after the head must not be lost.
    socket.write(upgrade({}) + clientFrame(0x1, R"({"action":"ping"})"));
    QByteArray bytes;
    QDeadlineTimer deadline(5000);
    while (!bytes.contains("\"pong\"") && !deadline.hasExpired())
        bytes += readAtLeast(socket, bytes.size() + 1, 100);
    QVERIFY2(bytes.contains("{\"type\":\"pong\""), bytes.constData());
}

void tst_WsProtocol::protocolErrorsClose_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<int>("closeCode");
    QTest::newRow("unmasked") << clientFrame(0x1, R"({"action":"ping"})", true, false) << 1002;
    QTest::newRow("reserved bit") << QByteArray("\xc1\x80\0\0\0\0", 6) << 1002;
    QTest::newRow("over the limit") << clientFrame(0x1, QByteArray(5000, ' ')) << 1009;
    QTest::newRow("invalid UTF-8") << clientFrame(0x1, "\"\xc3\x28\"") << 1007;
    QTest::newRow("binary") << clientFrame(0x2, "\x01") << 1003;
    QTest::newRow("new message inside a fragmented one")
        << clientFrame(0x1, "{", false) + clientFrame(0x1, "}") << 1002;
    QTest::newRow("fragmented close") << clientFrame(0x8, "\x03\xe8", false) << 1002;
}

void tst_WsProtocol::protocolErrorsClose()
{
    QFETCH(QByteArray, frames);
    QFETCH(int, closeCode);
    RawWebSocket raw(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(raw.isOpen());
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 1);
    raw.socket().write(frames);
    QVERIFY(raw.waitForClose(5000));
    QCOMPARE(raw.closeCode(), closeCode);
    // The server shuts its side and, even if this client never answers the close, forgets it soon.
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 0);
}

void tst_WsProtocol::fragmentedTextIsReassembled()
{
    RawWebSocket raw(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(raw.isOpen());
    raw.socket().write(clientFrame(0x1, R"({"action")", false) + clientFrame(0x9, "mid")
        + clientFrame(0x0, R"(:"subscribe",)", false) + clientFrame(0x0, R"("channel":"sensors"})"));
    raw.read(1, 5000);
    QCOMPARE(raw.texts().size(), 1);
    const QJsonObject reply = QJsonDocument::fromJson(raw.texts().at(0)).object();
    QCOMPARE(reply[u"type"_s].toString(), u"subscribed"_s);
    QCOMPARE(reply[u"channel"_s].toString(), u"sensors"_s);
    QTRY_COMPARE(m_server->server().hub().connectionCount(Channel::Sensors), 1);
}

void tst_WsProtocol::pingGetsPongWithSamePayload()
{
    RawWebSocket raw(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(raw.isOpen());
    raw.socket().write(clientFrame(0x9, "are you there"));
    const QByteArray bytes = readAtLeast(raw.socket(), 15);
    QCOMPARE(bytes,
        QByteArray("\x8a\x0d"
                   "are you there"));
}

void tst_WsProtocol::closeIsEchoed()
{
    RawWebSocket raw(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(raw.isOpen());
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 1);
    raw.socket().write(clientFrame(0x8, QByteArray("\x0f\xa0going", 7))); // 4000 "going"
    const QByteArray bytes = readAtLeast(raw.socket(), 4);
    QCOMPARE(bytes.left(4), QByteArray("\x88\x02\x0f\xa0"));
    // Then the server closes the TCP connection.
    QTRY_COMPARE(raw.socket().state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 0);
}

void tst_WsProtocol::serverCloseEndsWithoutPeer()
{
    WsClient healthy;
    QVERIFY(healthy.open(m_server->wsUrl(u"/api/v1/ws?channel=general&user_id=h"_s)));
    RawWebSocket raw(m_server->port(), "/api/v1/ws?channel=general&user_id=deaf");
    QVERIFY(raw.isOpen());
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 2);
    quint64 deafId = 0;
    for (const ClientInfo &info : m_server->server().hub().clients()) {
        if (info.userId == u"deaf")
            deafId = info.id;
    }
    QVERIFY(deafId > 0);
    QVERIFY(m_server->server().hub().disconnectClient(deafId, u"bye"_s));
    QVERIFY(raw.waitForClose(5000));
    QCOMPARE(raw.closeCode(), 1008);
    QCOMPARE(raw.closeReason(), QByteArray("bye"));
    // This client never answers the close: the server gives up after its bounded wait.
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 1);
    QVERIFY(healthy.isConnected());
}

QTEST_MAIN(tst_WsProtocol)
#include "tst_wsprotocol.moc"
