// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: ClientMessage::parse, which reads every text frame a WebSocket client sends (actions,
// subscriptions with filters, resume). Any text must give a message or an error frame.
#include "net/clientmessage.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace pulso;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // QWebSocket delivers text frames as QString after UTF-8 validation; invalid sequences never reach the
    // parser, but the conversion is lenient here so that every input is exercised.
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<ClientMessage> message = ClientMessage::parse(text);
    if (!message) {
        const QByteArray frame = errorFrame(message.error());
        if (!QJsonDocument::fromJson(frame).isObject())
            std::abort(); // the error frame must be JSON
        return 0;
    }
    switch (message->action) {
    case ClientMessage::Action::Subscribe:
    case ClientMessage::Action::Unsubscribe:
        (void)message->subscription.toJson();
        break;
    case ClientMessage::Action::Resume:
        if (message->since < 0)
            std::abort();
        break;
    case ClientMessage::Action::Ping:
        break;
    }
    return 0;
}
