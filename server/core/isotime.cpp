// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/isotime.h"

#include "core/jsonutil.h"

#include <QDateTime>

namespace pulso::isotime {

namespace {

constexpr qint64 MsPerDay = 86400000;

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian), exact for every year we accept.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

constexpr bool isLeap(qint64 y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned daysInMonth(qint64 y, unsigned m)
{
    constexpr unsigned Days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : Days[m - 1];
}

/// Reads exactly `count` ASCII digits at `pos`.
bool digits(QStringView s, qsizetype pos, int count, int &out)
{
    if (pos + count > s.size())
        return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = s[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c - u'0');
    }
    out = value;
    return true;
}

/// The common shapes, without QDateTime: YYYY-MM-DD[Thh:mm[:ss[.fff...]]][Z|±hh:mm|±hhmm].
std::optional<TimeMs> parseFast(QStringView s)
{
    int year = 0, month = 0, day = 0;
    if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != u'-' || !digits(s, 5, 2, month) || s[7] != u'-'
        || !digits(s, 8, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || unsigned(day) > daysInMonth(year, unsigned(month)) || year < 1)
        return std::nullopt;
    int hour = 0, minute = 0, second = 0, millis = 0;
    qsizetype pos = 10;
    if (pos < s.size()) {
        if (s[pos] != u'T' && s[pos] != u't' && s[pos] != u' ')
            return std::nullopt;
        if (!digits(s, pos + 1, 2, hour) || pos + 3 >= s.size() || s[pos + 3] != u':'
            || !digits(s, pos + 4, 2, minute))
            return std::nullopt;
        pos += 6;
        if (pos < s.size() && s[pos] == u':') {
            if (!digits(s, pos + 1, 2, second))
                return std::nullopt;
            pos += 3;
            if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
                ++pos;
                int fractionDigits = 0;
                while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
                    if (fractionDigits < 3)
                        millis = millis * 10 + (s[pos].unicode() - u'0');
                    ++fractionDigits;
                    ++pos;
                }
                if (fractionDigits == 0)
                    return std::nullopt;
                for (int i = fractionDigits; i < 3; ++i)
                    millis *= 10;
            }
        }
        if (hour > 23 || minute > 59 || second > 59)
            return std::nullopt;
    }
    qint64 offsetMinutes = 0;
    if (pos < s.size()) {
        const QChar sign = s[pos];
        if (sign == u'Z' || sign == u'z') {
            ++pos;
        } else if (sign == u'+' || sign == u'-') {
            int oh = 0, om = 0;
            if (!digits(s, pos + 1, 2, oh))
                return std::nullopt;
            pos += 3;
            if (pos < s.size() && s[pos] == u':')
                ++pos;
            if (!digits(s, pos, 2, om))
                return std::nullopt;
            pos += 2;
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetMinutes = (sign == u'-' ? -1 : 1) * (oh * 60 + om);
        } else {
            return std::nullopt;
        }
    }
    if (pos != s.size())
        return std::nullopt;
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const TimeMs ms
        = days * MsPerDay + ((hour * 60 + minute) * 60 + second) * 1000LL + millis - offsetMinutes * 60000;
    if (ms < MinMs || ms > MaxMs)
        return std::nullopt;
    return ms;
}

void put(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

QString format(TimeMs ms)
{
    char buffer[FormattedSize];
    formatTo(ms, buffer);
    return QString::fromLatin1(buffer, FormattedSize);
}

void formatTo(TimeMs ms, char *buffer)
{
    Q_ASSERT(ms >= MinMs && ms <= MaxMs);
    const qint64 days = (ms >= 0 ? ms : ms - (MsPerDay - 1)) / MsPerDay;
    const qint64 inDay = ms - days * MsPerDay;
    const Civil date = civilFromDays(days);
    put(buffer, int(date.year), 4);
    buffer[4] = '-';
    put(buffer + 5, int(date.month), 2);
    buffer[7] = '-';
    put(buffer + 8, int(date.day), 2);
    buffer[10] = 'T';
    put(buffer + 11, int(inDay / 3600000), 2);
    buffer[13] = ':';
    put(buffer + 14, int(inDay / 60000 % 60), 2);
    buffer[16] = ':';
    put(buffer + 17, int(inDay / 1000 % 60), 2);
    buffer[19] = '.';
    put(buffer + 20, int(inDay % 1000), 3);
    buffer[23] = 'Z';
}

std::optional<TimeMs> parse(QStringView text)
{
    if (std::optional<TimeMs> fast = parseFast(text))
        return fast;
    // Anything else Qt understands as ISO-8601 (week dates are not among them; that is fine).
    const QDateTime parsed = json::parseTimestamp(text);
    if (!parsed.isValid())
        return std::nullopt;
    const TimeMs ms = parsed.toMSecsSinceEpoch();
    if (ms < MinMs || ms > MaxMs)
        return std::nullopt;
    return ms;
}

TimeMs now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace pulso::isotime
