// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pulso {

/// A point in time as milliseconds since the Unix epoch, UTC: how entities hold and store time.
using TimeMs = qint64;

namespace isotime {

/// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what four-digit ISO years can say.
inline constexpr TimeMs MinMs = -62135596800000LL;
inline constexpr TimeMs MaxMs = 253402300799999LL;

/// "2025-07-20T00:05:37.123Z" (json::timestamp's format) without building a QDateTime; `ms` must be in
/// [MinMs, MaxMs].
QString format(TimeMs ms);
/// Characters of format()'s text.
inline constexpr int FormattedSize = 24;
/// format() into `buffer` (FormattedSize characters, Latin-1, no terminator).
void formatTo(TimeMs ms, char *buffer);
/// Parses ISO-8601 ("...Z", "...+02:00", or no offset = UTC; seconds and fraction optional; a date alone
/// means midnight UTC). Fractions beyond milliseconds are truncated. nullopt when invalid or out of range.
std::optional<TimeMs> parse(QStringView text);
/// The current time, truncated to milliseconds.
TimeMs now();

} // namespace isotime
} // namespace pulso
