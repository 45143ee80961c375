// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channel.h"

namespace pulso {

namespace {
constexpr std::array<QStringView, ChannelCount> Names = {
    u"general",
    u"sensors",
    u"readings",
    u"locations",
    u"anomalies",
    u"predictions",
};
} // namespace

QString channelName(Channel channel)
{
    return Names[static_cast<std::size_t>(channel)].toString();
}

std::optional<Channel> channelFromName(QStringView name)
{
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        if (Names[i] == name)
            return static_cast<Channel>(i);
    }
    return std::nullopt;
}

QStringList channelNames()
{
    QStringList names;
    for (QStringView n : Names)
        names << n.toString();
    return names;
}

QString channelNameList()
{
    return channelNames().join(u", ");
}

Channel channelForEntityType(QStringView entityType)
{
    if (entityType == u"sensor")
        return Channel::Sensors;
    if (entityType == u"reading")
        return Channel::Readings;
    if (entityType == u"location")
        return Channel::Locations;
    if (entityType == u"anomaly")
        return Channel::Anomalies;
    if (entityType == u"prediction")
        return Channel::Predictions;
    return Channel::General;
}

} // namespace pulso
