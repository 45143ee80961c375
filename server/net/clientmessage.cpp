// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientmessage.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

Error badMessage(const QString &code, const QString &message)
{
    return Error::make(ErrorKind::BadRequest, code, message);
}

Result<Channel> channelField(const QJsonObject &object)
{
    const QJsonValue value = object.value(u"channel"_s);
    if (!value.isString())
        return badMessage(
            u"invalid_message"_s, u"\"channel\" is required; valid channels: %1."_s.arg(channelNameList()));
    const std::optional<Channel> channel = channelFromName(value.toString());
    if (!channel) {
        return badMessage(u"unknown_channel"_s,
            u"Unknown channel \"%1\"; valid channels: %2."_s.arg(
                value.toString().left(64), channelNameList()));
    }
    return *channel;
}

} // namespace

QStringList ClientMessage::knownActions()
{
    return {u"ping"_s, u"subscribe"_s, u"unsubscribe"_s, u"resume"_s};
}

Result<ClientMessage> ClientMessage::parse(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return badMessage(u"invalid_json"_s,
            u"The message is not valid JSON (%1 at offset %2); send an object such as "
            "{\"action\":\"ping\"}."_s.arg(parseError.errorString())
                .arg(parseError.offset));
    }
    if (!doc.isObject())
        return badMessage(
            u"invalid_message"_s, u"The message must be a JSON object with an \"action\" field."_s);
    const QJsonObject object = doc.object();
    const QJsonValue action = object.value(u"action"_s);
    if (!action.isString()) {
        return badMessage(u"invalid_message"_s,
            u"The message needs a string \"action\" field; known actions: %1."_s.arg(
                knownActions().join(u", ")));
    }
    ClientMessage message;
    message.body = object;
    const QString name = action.toString();
    if (name == u"ping") {
        message.action = Action::Ping;
        return message;
    }
    if (name == u"subscribe" || name == u"unsubscribe") {
        Result<Channel> channel = channelField(object);
        if (!channel)
            return channel.error();
        message.subscription.channel = *channel;
        if (name == u"unsubscribe") {
            message.action = Action::Unsubscribe;
            return message;
        }
        message.action = Action::Subscribe;
        Result<SubscriptionFilter> filter = SubscriptionFilter::fromJson(object.value(u"filter"_s));
        if (!filter)
            return filter.error();
        message.subscription.filter = *filter;
        const QJsonValue mode = object.value(u"mode"_s);
        if (mode.isUndefined() || mode.isNull() || mode == u"all"_s) {
            message.subscription.mode = DeliveryMode::All;
        } else if (mode == u"latest"_s) {
            message.subscription.mode = DeliveryMode::Latest;
        } else {
            return badMessage(u"invalid_message"_s, u"\"mode\" must be \"all\" or \"latest\"."_s);
        }
        return message;
    }
    if (name == u"resume") {
        const QJsonValue since = object.value(u"since"_s);
        if (!since.isDouble() || since.toDouble() != double(since.toInteger()) || since.toInteger() < 0) {
            return badMessage(u"invalid_message"_s,
                u"\"since\" must be the non-negative seq of the last event you received."_s);
        }
        message.action = Action::Resume;
        message.since = since.toInteger();
        const QJsonValue epoch = object.value(u"epoch"_s);
        if (epoch.isString())
            message.epoch = epoch.toString().left(64);
        else if (!epoch.isUndefined() && !epoch.isNull())
            return badMessage(u"invalid_message"_s, u"\"epoch\" must be a string."_s);
        return message;
    }
    return badMessage(u"unknown_action"_s,
        u"Unknown action \"%1\"; known actions: %2."_s.arg(name.left(64), knownActions().join(u", ")));
}

QByteArray errorFrame(const Error &error)
{
    // Written by hand to put "type" first, as in every other frame.
    QByteArray out = "{\"type\":\"error\",\"error\":";
    out += QJsonDocument(error.toJson().value(u"error"_s).toObject()).toJson(QJsonDocument::Compact);
    out += '}';
    return out;
}

} // namespace pulso
