// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace pulso {

/// The seed's thematic channels. `General` receives every event.
enum class Channel : quint8 { General, Sensors, Readings, Locations, Anomalies, Predictions };

inline constexpr std::size_t ChannelCount = 6;

inline constexpr std::array<Channel, ChannelCount> AllChannels = {
    Channel::General,
    Channel::Sensors,
    Channel::Readings,
    Channel::Locations,
    Channel::Anomalies,
    Channel::Predictions,
};

QString channelName(Channel channel);
std::optional<Channel> channelFromName(QStringView name);
/// "general, sensors, readings, locations, anomalies, predictions": for error messages.
QString channelNameList();
QStringList channelNames();

/// The channel an entity type's events belong to ("sensor" -> sensors); General when unknown.
Channel channelForEntityType(QStringView entityType);

} // namespace pulso
