// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/error.h"
#include "core/event.h"

#include <QJsonObject>
#include <QSet>
#include <functional>
#include <optional>

namespace pulso {

/// Looks up the location of a sensor, for location filters on reading/anomaly/prediction events.
using SensorLocationResolver = std::function<std::optional<qint64>(qint64 sensorId)>;

/// Server-side filter of one subscription. Empty parts match everything; system events always pass.
struct SubscriptionFilter
{
    QSet<qint64> sensorIds;
    std::optional<qint64> locationId;
    quint32 eventTypes = 0; ///< bit per EventType; 0 = all

    bool isEmpty() const { return sensorIds.isEmpty() && !locationId && eventTypes == 0; }
    bool matches(const Event &event, const SensorLocationResolver &resolver) const;
    QJsonObject toJson() const;
    /// {"sensor_ids":[1,2],"location_id":3,"event_types":["created"]}; null or absent = no filter.
    static Result<SubscriptionFilter> fromJson(const QJsonValue &value);
};

/// How events reach a subscriber whose socket is backed up.
enum class DeliveryMode : quint8 {
    All, ///< every event, in order; too slow a client is closed with 1013
    Latest ///< readings are coalesced to the newest per sensor while the socket is backed up
};
QString deliveryModeName(DeliveryMode mode);

struct Subscription
{
    Channel channel = Channel::General;
    SubscriptionFilter filter;
    DeliveryMode mode = DeliveryMode::All;

    /// True when the event belongs to this subscription (channel, or general for everything) and passes the
    /// filter.
    bool covers(const Event &event, const SensorLocationResolver &resolver) const;
    QJsonObject toJson() const;
};

/// The sensor an event is about (sensor entity id, or data.sensor_id), if any.
std::optional<qint64> eventSensorId(const Event &event);

} // namespace pulso
