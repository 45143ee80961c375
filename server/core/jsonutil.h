// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringView>

namespace pulso::json {

/// Appends `text` as a quoted, escaped JSON string.
void appendString(QByteArray &out, QStringView text);
/// Compact UTF-8 JSON of an object.
QByteArray compact(const QJsonObject &object);
/// ISO-8601 UTC with milliseconds and "Z": 2025-07-20T00:05:37.123Z
QString timestamp(const QDateTime &when);
/// Parses the seed's timestamp format (and any ISO-8601 with offset); invalid QDateTime on failure.
QDateTime parseTimestamp(QStringView text);

} // namespace pulso::json
