// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/isotime.h"

#include <QList>
#include <QString>

#include <optional>

namespace pulso {

/// Which slice of a list to return.
struct PageRequest
{
    static constexpr int DefaultLimit = 100;
    static constexpr int MaxLimit = 1000;

    int limit = DefaultLimit; ///< 1..MaxLimit
    qint64 offset = 0;
};

/// One slice of a list; `hasMore` says whether rows follow it.
template<typename T> struct Page
{
    QList<T> items;
    int limit = PageRequest::DefaultLimit;
    qint64 offset = 0;
    bool hasMore = false;
};

/// GET /sensors filters.
struct SensorFilter
{
    std::optional<qint64> locationId;
    std::optional<QString> tipo;
};

/// Filters of the time series (readings, anomalies, predictions): [from, to) on the series' time.
struct SeriesFilter
{
    std::optional<qint64> sensorId;
    std::optional<TimeMs> from; ///< inclusive
    std::optional<TimeMs> to; ///< exclusive
};

} // namespace pulso
