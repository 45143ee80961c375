// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace pulso::bench {

/// The minimal RFC 6455 client side the load generator needs: masked control/text frames out,
/// unmasked (or masked) frames in. Kept free of QObject so it costs nothing per connection.
namespace wsframe {

enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

/// A client frame (always masked, as RFC 6455 section 5.3 requires of clients).
QByteArray encodeClientFrame(Opcode opcode, QByteArrayView payload);
/// A close frame with a status code and reason.
QByteArray encodeClose(quint16 code, QByteArrayView reason);

/// One frame parsed from the front of a buffer.
struct Frame
{
    bool fin = true;
    quint8 opcode = 0;
    QByteArrayView payload; ///< points into the parsed buffer (unmasked in place when masked)
};

enum class ParseResult { Frame, Incomplete, Invalid };

/// Parses one frame starting at `offset` of the `size` bytes at `data`; on success advances `offset`
/// past it. A masked frame is unmasked in place, which is why the data is not const.
ParseResult parseFrame(char *data, qsizetype size, qsizetype &offset, Frame &frame, quint64 maxPayload);

/// Sec-WebSocket-Accept for a key (base64 of SHA-1 of key + the RFC's GUID).
QByteArray acceptFor(QByteArrayView key);

} // namespace wsframe

} // namespace pulso::bench
