// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpresponse.h"

#include <QByteArray>
#include <optional>

namespace pulso {

struct HttpHead;

namespace ws {

/// Checks an upgrade request against RFC 6455 4.2.1 (GET, Upgrade: websocket, Connection: upgrade, a
/// 16-byte base64 Sec-WebSocket-Key, Sec-WebSocket-Version 13). Returns the refusal: 426 with
/// "Sec-WebSocket-Version: 13" for another version, 400 with a JSON error body otherwise.
std::optional<HttpResponse> checkHandshake(const HttpHead &head);
/// Sec-WebSocket-Accept for a key: base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), RFC
/// 6455 4.2.2.
QByteArray acceptKey(QByteArrayView key);
/// The complete "101 Switching Protocols" answer to a valid request. No Sec-WebSocket-Protocol: Pulso
/// speaks no subprotocol (nor did QWebSocketServer for it), so an offered one is not echoed.
QByteArray switchingProtocols(const HttpHead &head);

} // namespace ws
} // namespace pulso
