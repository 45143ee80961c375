// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/wsframe.h"

namespace pulso::ws {

QByteArray textFrame(QByteArrayView payload)
{
    const quint64 size = quint64(payload.size());
    QByteArray frame;
    frame.reserve(qsizetype(size) + 10);
    frame.append(char(0x81)); // FIN + opcode 1 (text)
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

} // namespace pulso::ws
