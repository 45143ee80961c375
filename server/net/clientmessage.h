// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QStringList>

namespace pulso {

/// A text frame a WebSocket client sent, parsed and validated: {"action":"ping"}, ...
struct ClientMessage
{
    enum class Action { Ping };

    Action action = Action::Ping;
    QJsonObject body;

    /// Never throws or asserts, whatever the bytes; unknown input becomes an Error to send back.
    static Result<ClientMessage> parse(const QString &text);
    static QStringList knownActions();
};

/// The JSON frame sent back for a client message that could not be understood.
QByteArray errorFrame(const Error &error);

} // namespace pulso
