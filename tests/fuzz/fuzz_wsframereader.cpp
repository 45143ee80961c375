// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: ws::FrameReader, which parses every byte a WebSocket client sends after the handshake. The
// first input byte picks the chunk size, so frames split at every point are exercised; whatever the split,
// the reader must give the same messages, and text messages must be valid UTF-8.
#include "net/wsframereader.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace pulso::ws;

namespace {

QList<QByteArray> run(QByteArrayView input, qsizetype chunk, quint16 &failure)
{
    FrameReader reader(4096);
    QList<QByteArray> out;
    failure = 0;
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        reader.append(input.sliced(at, qMin(chunk, input.size() - at)));
        FrameReader::Message message;
        for (;;) {
            const FrameReader::Result result = reader.next(message);
            if (result == FrameReader::Result::NeedMore)
                break;
            if (result == FrameReader::Result::Failed) {
                failure = reader.failureCode();
                if (failure != 1002 && failure != 1007 && failure != 1009)
                    std::abort();
                return out;
            }
            if (message.opcode == Text && !FrameReader::isValidUtf8(message.payload))
                std::abort();
            if (message.opcode == Text && QString::fromUtf8(message.payload).toUtf8() != message.payload)
                std::abort(); // our validator and Qt's decoder must agree on what is valid
            if ((message.opcode == Ping || message.opcode == Pong || message.opcode == Close)
                && message.payload.size() > 125)
                std::abort();
            out.append(QByteArray(1, char(message.opcode)) + message.payload);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype chunk = qsizetype(data[0] % 16) + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    quint16 wholeFailure = 0;
    quint16 chunkedFailure = 0;
    const QList<QByteArray> whole = run(input, input.size() + 1, wholeFailure);
    const QList<QByteArray> chunked = run(input, chunk, chunkedFailure);
    if (whole != chunked || wholeFailure != chunkedFailure)
        std::abort();
    return 0;
}
