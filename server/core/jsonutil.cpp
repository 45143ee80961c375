// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonutil.h"

#include "core/isotime.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace pulso::json {

void appendString(QByteArray &out, QStringView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.append(Hex[c >> 4]);
                out.append(Hex[c & 0xf]);
            } else {
                out.append(ch);
            }
        }
    }
    out.append('"');
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString timestamp(const QDateTime &when)
{
    // isotime::format prints the same text without QDateTime's locale-aware formatter (measured: the
    // QDateTime path was several % of a POST /readings). Years outside 1..9999 keep Qt's format.
    if (when.isValid()) {
        const qint64 ms = when.toMSecsSinceEpoch();
        if (ms >= isotime::MinMs && ms <= isotime::MaxMs)
            return isotime::format(ms);
    }
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(QStringView text)
{
    QDateTime parsed = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text.toString(), Qt::ISODate);
    if (!parsed.isValid())
        return {};
    // A timestamp without an offset is taken as UTC, as the seed writes them.
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeZone(QTimeZone::utc());
    return parsed.toUTC();
}

} // namespace pulso::json
