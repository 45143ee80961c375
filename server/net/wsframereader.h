// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/wsframe.h"

#include <QByteArray>
#include <QByteArrayView>

namespace pulso::ws {

/// RFC 6455 reader for the frames a client sends: checks masking, reserved bits, opcodes, fragmentation,
/// control frame rules, the message size limit and UTF-8, and hands out whole messages (fragments joined)
/// and control frames. Holds bytes only while a frame or a fragmented message is incomplete. After a
/// failure it stays failed; failureCode() is the close code to send (1002, 1007, 1009).
class FrameReader final
{
public:
    struct Message
    {
        Opcode opcode = Text; ///< Text, Binary, Ping, Pong or Close
        QByteArray payload; ///< unmasked; for Close: the status code and reason as sent (validated)
    };
    enum class Result { NeedMore, Message, Failed };

    explicit FrameReader(quint64 maxMessageSize = 64 * 1024) : m_maxMessageSize(maxMessageSize) { }

    void setMaxMessageSize(quint64 size) { m_maxMessageSize = size; }
    /// Appends bytes read from the peer.
    void append(QByteArrayView data);
    /// The next message or control frame, if complete.
    Result next(Message &out);
    /// Nothing buffered: no partial frame, no partial message.
    bool isIdle() const { return m_buffer.isEmpty() && m_messageOpcode == 0; }

    quint16 failureCode() const { return m_failureCode; }
    QByteArrayView failureReason() const { return m_failureReason; }

    /// Close code of a close frame's payload (1005 "no status" when it has none).
    static quint16 closeCode(QByteArrayView closePayload);
    static bool isValidUtf8(QByteArrayView text);

private:
    Result fail(quint16 code, const char *reason);
    void compact();

    QByteArray m_buffer; ///< unparsed bytes (null when none)
    qsizetype m_position = 0; ///< parsed up to here
    QByteArray m_message; ///< fragments of a message so far
    quint8 m_messageOpcode = 0; ///< Text or Binary while a fragmented message is open
    quint64 m_maxMessageSize;
    quint16 m_failureCode = 0;
    const char *m_failureReason = "";
};

} // namespace pulso::ws
