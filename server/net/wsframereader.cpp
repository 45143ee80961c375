// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/wsframereader.h"

#include <cstring>

namespace pulso::ws {

namespace {

bool isValidCloseCode(quint16 code)
{
    // RFC 6455 7.4: 1004-1006 and 1015 are never sent; 1012-1014 were registered later (IANA).
    if (code >= 3000 && code <= 4999)
        return true;
    return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
}

} // namespace

bool FrameReader::isValidUtf8(QByteArrayView text)
{
    const auto *p = reinterpret_cast<const quint8 *>(text.data());
    const quint8 *const end = p + text.size();
    while (p < end) {
        // ASCII, eight bytes at a time
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const quint8 c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        quint32 min;
        quint32 cp;
        if ((c & 0xe0) == 0xc0) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += extra + 1;
    }
    return true;
}

quint16 FrameReader::closeCode(QByteArrayView closePayload)
{
    if (closePayload.size() < 2)
        return 1005;
    return quint16((quint8(closePayload[0]) << 8) | quint8(closePayload[1]));
}

void FrameReader::append(QByteArrayView data)
{
    if (m_failureCode == 0)
        m_buffer.append(data);
}

FrameReader::Result FrameReader::fail(quint16 code, const char *reason)
{
    m_failureCode = code;
    m_failureReason = reason;
    m_buffer = QByteArray();
    m_message = QByteArray();
    m_position = 0;
    return Result::Failed;
}

void FrameReader::compact()
{
    if (m_position >= m_buffer.size())
        m_buffer = QByteArray(); // frees it: an idle connection holds no read buffer
    else if (m_position > 0)
        m_buffer.remove(0, m_position);
    m_position = 0;
}

FrameReader::Result FrameReader::next(Message &out)
{
    if (m_failureCode != 0)
        return Result::Failed;
    for (;;) {
        const auto *data = reinterpret_cast<const quint8 *>(m_buffer.constData()) + m_position;
        const qsizetype available = m_buffer.size() - m_position;
        if (available < 2) {
            compact();
            return Result::NeedMore;
        }
        const bool fin = data[0] & 0x80;
        const quint8 opcode = data[0] & 0x0f;
        if (data[0] & 0x70)
            return fail(1002, "reserved bits set without a negotiated extension");
        if (!(data[1] & 0x80))
            return fail(1002, "client frames must be masked");
        const bool control = opcode & 0x08;
        if (control) {
            if (opcode != Close && opcode != Ping && opcode != Pong)
                return fail(1002, "reserved opcode");
            if (!fin)
                return fail(1002, "fragmented control frame");
            if ((data[1] & 0x7f) > 125)
                return fail(1002, "control frame payload over 125 bytes");
        } else if (opcode == Continuation) {
            if (m_messageOpcode == 0)
                return fail(1002, "continuation frame without a message to continue");
        } else if (opcode == Text || opcode == Binary) {
            if (m_messageOpcode != 0)
                return fail(1002, "new message before the previous one was finished");
        } else {
            return fail(1002, "reserved opcode");
        }

        quint64 length = data[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4) {
                compact();
                return Result::NeedMore;
            }
            length = (quint64(data[2]) << 8) | data[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                compact();
                return Result::NeedMore;
            }
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | data[i];
            if (length >> 63)
                return fail(1002, "payload length with the most significant bit set");
            header = 10;
        }
        // Refuse before buffering: a client cannot make us hold more than the limit.
        if (!control && quint64(m_message.size()) + length > m_maxMessageSize)
            return fail(1009, "message too big");
        header += 4; // the mask
        if (available < header || quint64(available - header) < length) {
            compact();
            return Result::NeedMore;
        }
        const quint8 *mask = data + header - 4;
        const quint8 *masked = data + header;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        auto *plain = reinterpret_cast<quint8 *>(payload.data());
        for (quint64 i = 0; i < length; ++i)
            plain[i] = masked[i] ^ mask[i & 3];
        m_position += header + qsizetype(length);

        if (control) {
            if (opcode == Close) {
                if (payload.size() == 1)
                    return fail(1002, "close frame with a one-byte payload");
                if (payload.size() >= 2 && !isValidCloseCode(closeCode(payload)))
                    return fail(1002, "invalid close code");
                if (payload.size() > 2 && !isValidUtf8(QByteArrayView(payload).sliced(2)))
                    return fail(1007, "invalid UTF-8 in the close reason");
            }
            out.opcode = Opcode(opcode);
            out.payload = std::move(payload);
            return Result::Message;
        }
        if (opcode != Continuation)
            m_messageOpcode = opcode;
        if (!fin) {
            m_message.append(payload);
            continue;
        }
        QByteArray message = m_message.isNull() ? std::move(payload) : std::move(m_message.append(payload));
        m_message = QByteArray();
        const quint8 messageOpcode = std::exchange(m_messageOpcode, quint8(0));
        if (messageOpcode == Text && !isValidUtf8(message))
            return fail(1007, "invalid UTF-8 in a text message");
        out.opcode = Opcode(messageOpcode);
        out.payload = std::move(message);
        return Result::Message;
    }
}

} // namespace pulso::ws
