// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientmessage.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace pulso {

QStringList ClientMessage::knownActions()
{
    return {u"ping"_s};
}

Result<ClientMessage> ClientMessage::parse(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::make(ErrorKind::BadRequest, u"invalid_json"_s,
            u"The message is not valid JSON (%1 at offset %2); send an object such as "
            "{\"action\":\"ping\"}."_s.arg(parseError.errorString())
                .arg(parseError.offset));
    }
    if (!doc.isObject()) {
        return Error::make(ErrorKind::BadRequest, u"invalid_message"_s,
            u"The message must be a JSON object with an \"action\" field."_s);
    }
    const QJsonObject object = doc.object();
    const QJsonValue action = object.value(u"action"_s);
    if (!action.isString()) {
        return Error::make(ErrorKind::BadRequest, u"invalid_message"_s,
            u"The message needs a string \"action\" field; known actions: %1."_s.arg(
                knownActions().join(u", ")));
    }
    const QString name = action.toString();
    if (name == u"ping")
        return ClientMessage {Action::Ping, object};
    QString shown = name.left(64);
    return Error::make(ErrorKind::BadRequest, u"unknown_action"_s,
        u"Unknown action \"%1\"; known actions: %2."_s.arg(shown, knownActions().join(u", ")));
}

QByteArray errorFrame(const Error &error)
{
    QJsonObject object = error.toJson();
    object.insert(u"type"_s, u"error"_s);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace pulso
