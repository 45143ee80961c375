// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testclients.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

namespace pulso::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResult HttpClient::request(const QByteArray &method, const QUrl &url, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest request(url);
    bool hasContentType = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        hasContentType |= name.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !hasContentType)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // A custom "HEAD" would make QNetworkAccessManager wait for the Content-Length bytes a HEAD never gets.
    QNetworkReply *reply
        = method == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        result.networkError = QStringLiteral("timeout");
        reply->abort();
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        if (reply->error() != QNetworkReply::NoError && result.status == 0)
            result.networkError = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

HttpResult HttpClient::postJson(const QUrl &url, const QJsonObject &object)
{
    return request("POST", url, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray received;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    if (socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    received += socket.readAll();
    return received;
}

WsClient::WsClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
        [this](const QString &message) { m_messages.append(message); });
}

WsClient::~WsClient()
{
    m_socket.abort();
}

bool WsClient::open(const QUrl &url, int timeoutMs)
{
    return open(QNetworkRequest(url), timeoutMs);
}

bool WsClient::open(const QNetworkRequest &request, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    m_socket.open(request);
    QDeadlineTimer deadline(timeoutMs);
    while (connected.isEmpty() && disconnected.isEmpty() && !deadline.hasExpired())
        QTest::qWait(5);
    return !connected.isEmpty();
}

bool WsClient::waitForMessages(int count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_messages.size() < count && !deadline.hasExpired())
        QTest::qWait(5);
    return m_messages.size() >= count;
}

bool WsClient::waitForDisconnected(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(5);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

void WsClient::send(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void WsClient::close()
{
    m_socket.close();
}

QJsonObject WsClient::message(int index) const
{
    return QJsonDocument::fromJson(m_messages.value(index).toUtf8()).object();
}

QList<QJsonObject> WsClient::jsonMessages() const
{
    QList<QJsonObject> out;
    for (const QString &m : m_messages)
        out.append(QJsonDocument::fromJson(m.toUtf8()).object());
    return out;
}

bool WsClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

RawWebSocket::RawWebSocket(quint16 port, const QByteArray &target, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!m_socket.waitForConnected(timeoutMs))
        return;
    m_socket.write("GET " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QDeadlineTimer deadline(timeoutMs);
    while (!m_buffer.contains("\r\n\r\n") && !deadline.hasExpired()
        && m_socket.state() == QAbstractSocket::ConnectedState) {
        QTest::qWait(5);
        m_buffer += m_socket.readAll();
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0 || !m_buffer.startsWith("HTTP/1.1 101"))
        return;
    m_buffer.remove(0, end + 4);
    m_open = true;
    parseFrames();
}

void RawWebSocket::sendText(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    m_socket.write(frame);
}

void RawWebSocket::read(int minTexts, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        m_buffer += m_socket.readAll();
        parseFrames();
        if ((minTexts > 0 && m_texts.size() >= minTexts) || m_closeCode != 0)
            break;
        if (minTexts == 0 && m_socket.bytesAvailable() == 0)
            QTest::qWait(5);
        else
            QTest::qWait(1);
    } while (!deadline.hasExpired() && (minTexts > 0 || m_socket.bytesAvailable() > 0));
    m_buffer += m_socket.readAll();
    parseFrames();
}

bool RawWebSocket::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_socket.readAll();
        parseFrames();
        if (m_closeCode != 0)
            return true;
        if (deadline.hasExpired())
            return false;
        // A disconnect with nothing left to read means no close frame is coming.
        if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            return false;
        QTest::qWait(2); // the server under test runs in this thread: keep its event loop turning
    }
}

void RawWebSocket::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const quint8 opcode = quint8(m_buffer[0]) & 0x0f;
        quint64 length = quint8(m_buffer[1]) & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(quint8(m_buffer[2])) << 8) | quint8(m_buffer[3]);
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | quint8(m_buffer[i]);
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < length)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        if (opcode == 0x1) {
            m_texts.append(payload);
        } else if (opcode == 0x8) {
            m_closeCode = payload.size() >= 2 ? (quint8(payload[0]) << 8) | quint8(payload[1]) : 1005;
            m_closeReason = payload.mid(2);
        }
    }
}

} // namespace pulso::test
