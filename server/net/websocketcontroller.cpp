// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/websocketcontroller.h"

#include "net/router.h"
#include "net/websockethub.h"
#include "services/systemeventservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {
constexpr qsizetype MaxTestMessageLength = 10000;

HttpResponse unknownChannel(const QString &name, ErrorKind kind)
{
    return HttpResponse::error(kind, u"unknown_channel"_s,
        u"Unknown channel \"%1\"; valid channels: %2."_s.arg(name.left(64), channelNameList()));
}
} // namespace

WebSocketController::WebSocketController(WebSocketHub &hub, SystemEventService &systemEvents)
    : m_hub(hub), m_systemEvents(systemEvents)
{ }

void WebSocketController::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/ws/stats"_s,
        [this](const HttpRequest &) { return HttpResponse::json(m_hub.stats()); });

    router.add("GET", u"/api/v1/ws/stats/{channel}"_s, [this](const HttpRequest &request) {
        const std::optional<Channel> channel = channelFromName(request.pathArgs.value(0));
        if (!channel)
            return unknownChannel(request.pathArgs.value(0), ErrorKind::NotFound);
        return HttpResponse::json(m_hub.channelStats(*channel));
    });

    router.add("POST", u"/api/v1/ws/test-event"_s, [this](const HttpRequest &request) {
        const QString name = request.queryValue(u"channel"_s, u"general"_s);
        const std::optional<Channel> channel = channelFromName(name);
        if (!channel)
            return unknownChannel(name, ErrorKind::BadRequest);
        const QString message = request.queryValue(u"message"_s, u"Test event"_s);
        if (message.size() > MaxTestMessageLength) {
            Error error = Error::make(ErrorKind::Validation, u"validation_failed"_s,
                u"message is longer than %1 characters."_s.arg(MaxTestMessageLength));
            error.details.append(QJsonObject {{u"field"_s, u"message"_s},
                {u"message"_s, u"at most %1 characters"_s.arg(MaxTestMessageLength)}});
            return HttpResponse::fromError(error);
        }
        const quint64 before = m_hub.deliveries();
        Result<Event> event = m_systemEvents.publishTestEvent(*channel, message);
        if (!event)
            return HttpResponse::fromError(event.error());
        // Delivery is synchronous in the server thread, so the difference is this event's recipients.
        return HttpResponse::json(QJsonObject {{u"status"_s, u"sent"_s},
            {u"channel"_s, channelName(*channel)}, {u"message"_s, message}, {u"seq"_s, event->seq()},
            {u"recipients"_s, qint64(m_hub.deliveries() - before)}});
    });

    // A plain GET on a WebSocket endpoint: say how to use it instead of a bare 404.
    for (const QString &path : {WebSocketHub::Path.toString(), WebSocketHub::SecurePath.toString()}) {
        router.add("GET", path, [](const HttpRequest &request) {
            HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"upgrade_required"_s,
                u"%1 is a WebSocket endpoint; connect with a WebSocket client (ws://host:port%1?channel=general)."_s
                    .arg(request.path));
            response.status = 426;
            response.headers.append(qMakePair(QByteArray("Upgrade"), QByteArray("websocket")));
            return response;
        });
    }
}

} // namespace pulso
