// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/wsframe.h"

namespace pulso::ws {

QByteArray frame(Opcode opcode, QByteArrayView payload)
{
    const quint64 size = quint64(payload.size());
    QByteArray frame;
    frame.reserve(qsizetype(size) + 10);
    frame.append(char(0x80 | opcode)); // FIN + opcode
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char((size >> 8) & 0xff));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

QByteArray textFrame(QByteArrayView payload)
{
    return frame(Text, payload);
}

QByteArray closeFrame(quint16 code, QByteArrayView reason)
{
    QByteArray payload;
    payload.append(char(code >> 8));
    payload.append(char(code & 0xff));
    qsizetype length = qMin<qsizetype>(reason.size(), 123);
    // Never cut a UTF-8 sequence in half: step back over continuation bytes.
    if (length < reason.size()) {
        while (length > 0 && (quint8(reason[length]) & 0xc0) == 0x80)
            --length;
    }
    payload.append(reason.first(length));
    return frame(Close, payload);
}

} // namespace pulso::ws
