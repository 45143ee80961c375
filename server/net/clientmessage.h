// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "net/subscription.h"

#include <QJsonObject>
#include <QStringList>

namespace pulso {

/// A text frame a WebSocket client sent, parsed and validated:
/// {"action":"ping"}, {"action":"subscribe","channel":"readings","filter":{...},"mode":"latest"},
/// {"action":"unsubscribe","channel":"readings"}, {"action":"resume","since":123,"epoch":"..."}.
struct ClientMessage
{
    enum class Action { Ping, Subscribe, Unsubscribe, Resume };

    Action action = Action::Ping;
    Subscription subscription; ///< subscribe: channel, filter, mode; unsubscribe: channel
    qint64 since = 0; ///< resume
    QString epoch; ///< resume, optional
    QJsonObject body;

    /// Never throws or asserts, whatever the text; unknown input becomes an Error to send back.
    static Result<ClientMessage> parse(const QString &text);
    static QStringList knownActions();
};

/// The JSON frame sent back for a client message that could not be understood.
QByteArray errorFrame(const Error &error);

} // namespace pulso
