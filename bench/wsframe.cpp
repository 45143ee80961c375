// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "wsframe.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace pulso::bench::wsframe {

QByteArray encodeClientFrame(Opcode opcode, QByteArrayView payload)
{
    QByteArray out;
    const qsizetype size = payload.size();
    out.reserve(size + 14);
    out.append(char(0x80 | opcode));
    if (size < 126) {
        out.append(char(0x80 | size));
    } else if (size <= 0xFFFF) {
        out.append(char(0x80 | 126));
        out.append(char((size >> 8) & 0xFF));
        out.append(char(size & 0xFF));
    } else {
        out.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((quint64(size) >> shift) & 0xFF));
    }
    const quint32 key = QRandomGenerator::global()->generate();
    char mask[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
    out.append(mask, 4);
    const qsizetype start = out.size();
    out.append(payload.data(), size);
    for (qsizetype i = 0; i < size; ++i)
        out[start + i] = char(out[start + i] ^ mask[i & 3]);
    return out;
}

QByteArray encodeClose(quint16 code, QByteArrayView reason)
{
    QByteArray payload;
    payload.append(char(code >> 8));
    payload.append(char(code & 0xFF));
    payload.append(reason.first(qMin<qsizetype>(reason.size(), 120)));
    return encodeClientFrame(Close, payload);
}

ParseResult parseFrame(char *data, qsizetype size, qsizetype &offset, Frame &frame, quint64 maxPayload)
{
    const qsizetype available = size - offset;
    if (available < 2)
        return ParseResult::Incomplete;
    auto *p = reinterpret_cast<unsigned char *>(data + offset);
    const bool fin = p[0] & 0x80;
    const quint8 opcode = p[0] & 0x0F;
    if (p[0] & 0x70)
        return ParseResult::Invalid; // no extensions were negotiated
    const bool masked = p[1] & 0x80;
    quint64 length = p[1] & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (available < 4)
            return ParseResult::Incomplete;
        length = (quint64(p[2]) << 8) | p[3];
        header = 4;
    } else if (length == 127) {
        if (available < 10)
            return ParseResult::Incomplete;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | p[2 + i];
        header = 10;
    }
    if (length > maxPayload)
        return ParseResult::Invalid;
    const qsizetype maskOffset = header;
    if (masked)
        header += 4;
    if (quint64(available) < quint64(header) + length)
        return ParseResult::Incomplete;
    unsigned char *payload = p + header;
    if (masked) {
        const unsigned char *mask = p + maskOffset;
        for (quint64 i = 0; i < length; ++i)
            payload[i] ^= mask[i & 3];
    }
    frame.fin = fin;
    frame.opcode = opcode;
    frame.payload = QByteArrayView(reinterpret_cast<const char *>(payload), qsizetype(length));
    offset += header + qsizetype(length);
    return ParseResult::Frame;
}

QByteArray acceptFor(QByteArrayView key)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key);
    hash.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return hash.result().toBase64();
}

} // namespace pulso::bench::wsframe
