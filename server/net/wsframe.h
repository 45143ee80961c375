// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace pulso::ws {

enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

/// An unmasked, unfragmented RFC 6455 frame (server to client) around `payload`.
QByteArray frame(Opcode opcode, QByteArrayView payload);
/// An unmasked text frame. Server frames are identical for every client, so each event is framed once and
/// the bytes are shared.
QByteArray textFrame(QByteArrayView payload);
/// A close frame with a status code and a UTF-8 reason (cut to fit the 125-byte control frame limit).
QByteArray closeFrame(quint16 code, QByteArrayView reason);

} // namespace pulso::ws
