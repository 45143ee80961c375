// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringView>

#include <cstring>

namespace pulso::json {

/// QByteArray::append for the JSON writers' hot paths: Qt 6.4's append goes through insert() and its
/// aliasing checks, about 100 instructions for a few bytes (callgrind: 10 % of a batch of readings); this is
/// a resize (geometric growth, as append) and a memcpy. `bytes` must not point into `out`.
inline void appendRaw(QByteArray &out, QByteArrayView bytes)
{
    const qsizetype at = out.size();
    out.resize(at + bytes.size());
    std::memcpy(out.data() + at, bytes.data(), size_t(bytes.size()));
}
/// The same for a string literal (its terminating NUL not included).
template<qsizetype N> inline void appendRaw(QByteArray &out, const char (&literal)[N])
{
    appendRaw(out, QByteArrayView(literal, N - 1));
}

/// Appends `text` as a quoted, escaped JSON string.
void appendString(QByteArray &out, QStringView text);
/// Appends `text` as QJsonDocument writes a string: the same escapes, UTF-8, and a lone surrogate as
/// "\\uXXXX" (appendString writes the replacement character instead; event text keeps that behaviour).
void appendQtString(QByteArray &out, QStringView text);
/// Appends a double as QJsonDocument writes one: a whole number up to 2^53 in fixed notation (100000), any
/// other in the shortest round-trip "g" form (0.1, 1e+16), "null" when not finite.
void appendDouble(QByteArray &out, double value);
/// Appends an integer in decimal.
void appendInteger(QByteArray &out, qint64 value);
/// Appends isotime::format(ms) as a JSON string.
void appendTime(QByteArray &out, qint64 ms);
/// Compact UTF-8 JSON of an object.
QByteArray compact(const QJsonObject &object);
/// ISO-8601 UTC with milliseconds and "Z": 2025-07-20T00:05:37.123Z
QString timestamp(const QDateTime &when);
/// Appends timestamp(when) as a JSON string, without the QString in between for the usual years.
void appendTimestamp(QByteArray &out, const QDateTime &when);
/// Parses the seed's timestamp format (and any ISO-8601 with offset); invalid QDateTime on failure.
QDateTime parseTimestamp(QStringView text);

} // namespace pulso::json
