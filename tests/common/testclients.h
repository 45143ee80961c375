// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketProtocol>

namespace pulso::test {

/// A finished HTTP exchange.
struct HttpResult
{
    int status = 0; ///< 0 when no response arrived
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QByteArray header(const QByteArray &name) const;
    /// error.code from a {"error":{...}} body.
    QString errorCode() const
    {
        return object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
    }
};

/// Synchronous HTTP through QNetworkAccessManager (a real client), bounded by a timeout.
class HttpClient final
{
public:
    HttpResult request(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
        const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10000);
    HttpResult get(const QUrl &url) { return request("GET", url); }
    HttpResult post(const QUrl &url, const QByteArray &body = {}) { return request("POST", url, body); }
    HttpResult postJson(const QUrl &url, const QJsonObject &object);

private:
    QNetworkAccessManager m_nam;
};

/// Sends raw bytes on a fresh TCP connection and returns everything the server sent until it closed
/// (or the timeout): for requests no well-behaved client would send.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000);

/// A hand-driven WebSocket connection: does the client handshake on a raw QTcpSocket and then leaves
/// reading and answering to the test (for clients that stall, never answer pings, or misbehave).
class RawWebSocket final
{
public:
    /// Connects and completes the handshake for `target` ("/api/v1/ws?channel=general"); check isOpen().
    RawWebSocket(quint16 port, const QByteArray &target, int timeoutMs = 5000);
    bool isOpen() const { return m_open; }
    QTcpSocket &socket() { return m_socket; }
    /// Sends one masked text frame.
    void sendText(const QByteArray &payload);
    /// Reads whatever arrived and parses complete server frames: text payloads go to texts(), a close frame
    /// sets closeCode(). Waits up to `timeoutMs` for at least `minTexts` text frames or a close.
    void read(int minTexts = 0, int timeoutMs = 5000);
    /// Reads and parses until a close frame arrives or `timeoutMs` passes; true when one arrived.
    bool waitForClose(int timeoutMs = 5000);
    const QList<QByteArray> &texts() const { return m_texts; }
    int closeCode() const { return m_closeCode; }
    QByteArray closeReason() const { return m_closeReason; }

private:
    void parseFrames();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<QByteArray> m_texts;
    int m_closeCode = 0;
    QByteArray m_closeReason;
    bool m_open = false;
};

/// A real QWebSocket client that records what it receives.
class WsClient final : public QObject
{
    Q_OBJECT

public:
    explicit WsClient(QObject *parent = nullptr);
    ~WsClient() override;

    /// Opens and waits for the handshake; false on refusal/timeout.
    bool open(const QUrl &url, int timeoutMs = 5000);
    bool open(const QNetworkRequest &request, int timeoutMs = 5000);
    /// Waits until at least `count` messages arrived.
    bool waitForMessages(int count, int timeoutMs = 5000);
    bool waitForDisconnected(int timeoutMs = 5000);
    void send(const QString &text);
    void close();

    QWebSocket &socket() { return m_socket; }
    const QStringList &messages() const { return m_messages; }
    QJsonObject message(int index) const;
    QList<QJsonObject> jsonMessages() const;
    void clearMessages() { m_messages.clear(); }
    bool isConnected() const;
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }

private:
    QWebSocket m_socket;
    QStringList m_messages;
};

} // namespace pulso::test
