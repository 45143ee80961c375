// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/wshandshake.h"

#include "net/httphead.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace pulso::ws {

namespace {

bool hasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpResponse badHandshake(const QString &message)
{
    return HttpResponse::error(ErrorKind::BadRequest, u"bad_handshake"_s, message);
}

} // namespace

std::optional<HttpResponse> checkHandshake(const HttpHead &head)
{
    if (head.method != "GET")
        return badHandshake(u"A WebSocket handshake must be a GET request."_s);
    if (head.version != "HTTP/1.1")
        return badHandshake(u"A WebSocket handshake needs HTTP/1.1."_s);
    if (head.header("upgrade").compare("websocket", Qt::CaseInsensitive) != 0
        || !hasToken(head.header("connection"), "upgrade"))
        return badHandshake(
            u"A WebSocket handshake needs \"Upgrade: websocket\" and \"Connection: Upgrade\"."_s);
    if (!hasToken(head.header("sec-websocket-version"), "13")) {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"unsupported_version"_s,
            u"Only WebSocket version 13 (RFC 6455) is supported."_s);
        response.status = 426;
        response.headers.append({QByteArray("Sec-WebSocket-Version"), QByteArray("13")});
        return response;
    }
    const QByteArray key = head.header("sec-websocket-key");
    const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 24 || !decoded || decoded.decoded.size() != 16)
        return badHandshake(u"Sec-WebSocket-Key must be 16 bytes in base64."_s);
    return std::nullopt;
}

QByteArray acceptKey(QByteArrayView key)
{
    static const QByteArray Guid = QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(QByteArray(key.toByteArray() + Guid), QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray switchingProtocols(const HttpHead &head)
{
    QByteArray out = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: ";
    out += acceptKey(head.header("sec-websocket-key"));
    out += "\r\n\r\n";
    return out;
}

} // namespace pulso::ws
