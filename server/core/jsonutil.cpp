// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonutil.h"

#include "core/isotime.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace pulso::json {

void appendString(QByteArray &out, QStringView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    // Most text on the hot path (entity types, event types, timestamps) is printable ASCII without quotes
    // or backslashes: copied as it is, without the UTF-8 conversion below.
    const bool plain = std::all_of(text.begin(), text.end(),
        [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x80 && c != u'"' && c != u'\\'; });
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + text.size() + 2);
        char *p = out.data() + at;
        *p++ = '"';
        for (QChar c : text)
            *p++ = char(c.unicode());
        *p = '"';
        return;
    }
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

void appendQtString(QByteArray &out, QStringView text)
{
    // Mirrors qjsonwriter.cpp's escapedString() so that hand-written responses are byte-equal to
    // QJsonDocument's: escapes below 0x80, UTF-8 above, "\\uXXXX" (lower-case hex) for a lone surrogate.
    // Written through a pointer into room for the worst case (6 bytes per UTF-16 unit), then trimmed:
    // one QByteArray::append per character was most of an entity's serialization.
    static constexpr char Hex[] = "0123456789abcdef";
    const qsizetype at = out.size();
    out.resize(at + 6 * text.size() + 2);
    char *p = out.data() + at;
    *p++ = '"';
    const char16_t *src = text.utf16();
    const char16_t *const end = src + text.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            if (u >= 0x20 && u != '"' && u != '\\') {
                *p++ = char(u);
                continue;
            }
            *p++ = '\\';
            switch (u) {
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            case '\b':
                *p++ = 'b';
                break;
            case '\f':
                *p++ = 'f';
                break;
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = Hex[u >> 4];
                *p++ = Hex[u & 0xf];
            }
        } else if (u < 0x800) {
            *p++ = char(0xc0 | (u >> 6));
            *p++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *p++ = char(0xe0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t c = QChar::surrogateToUcs4(u, *src++);
            *p++ = char(0xf0 | (c >> 18));
            *p++ = char(0x80 | ((c >> 12) & 0x3f));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
            *p++ = char(0x80 | (c & 0x3f));
        } else {
            *p++ = '\\';
            *p++ = 'u';
            *p++ = Hex[(u >> 12) & 0xf];
            *p++ = Hex[(u >> 8) & 0xf];
            *p++ = Hex[(u >> 4) & 0xf];
            *p++ = Hex[u & 0xf];
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

void appendDouble(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null");
        return;
    }
    // As qjsonwriter.cpp does: a whole number up to 2^53 in fixed notation (100000, not the 1e+05 that
    // "g" alone gives), anything else in the shortest "g" form (1e+16).
    const double magnitude = std::abs(value);
    const bool whole = magnitude <= 9007199254740992.0 && double(quint64(magnitude)) == magnitude;
    // Fast paths, byte-equal to Qt's text (tst_domainjson compares them over thousands of values): a whole
    // number is its integer (except -0, which Qt prints as "-0"); a fraction from 0.001 up is printed by "g"
    // without an exponent (Qt takes the shorter form, and from 0.001 up the fixed one is never longer), as
    // the shortest fixed text that reads back the same, which std::to_chars writes without
    // QByteArray::number's allocation (measured: it was 4 % of a batch of readings).
    if (whole && !(value == 0 && std::signbit(value))) {
        appendInteger(out, qint64(value));
        return;
    }
    if (!whole && magnitude >= 1e-3 && magnitude < 9007199254740992.0) {
        char buffer[64];
        const std::to_chars_result r
            = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
        if (r.ec == std::errc()) {
            appendRaw(out, QByteArrayView(buffer, r.ptr - buffer));
            return;
        }
    }
    out.append(QByteArray::number(value, whole ? 'f' : 'g', QLocale::FloatingPointShortest));
}

void appendInteger(QByteArray &out, qint64 value)
{
    char buffer[24];
    char *p = buffer + sizeof buffer;
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        *--p = '-';
    appendRaw(out, QByteArrayView(p, buffer + sizeof buffer - p));
}

void appendTime(QByteArray &out, qint64 ms)
{
    // A reading's JSON and its event write the same instant up to three times, and a batch's readings often
    // share it: the last one formatted is kept, per thread.
    thread_local qint64 lastMs = 0;
    thread_local char buffer[isotime::FormattedSize + 2] = {};
    if (buffer[0] != '"' || ms != lastMs) {
        buffer[0] = '"';
        isotime::formatTo(ms, buffer + 1);
        buffer[isotime::FormattedSize + 1] = '"';
        lastMs = ms;
    }
    appendRaw(out, QByteArrayView(buffer, sizeof buffer));
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void appendTimestamp(QByteArray &out, const QDateTime &when)
{
    if (when.isValid()) {
        const qint64 ms = when.toMSecsSinceEpoch();
        if (ms >= isotime::MinMs && ms <= isotime::MaxMs) {
            appendTime(out, ms);
            return;
        }
    }
    appendString(out, timestamp(when));
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
