// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/readingsjson.h"

#include <QString>

#include <charconv>
#include <cmath>

namespace pulso {

namespace {

class Reader
{
public:
    explicit Reader(QByteArrayView json) : m_at(json.data()), m_end(json.data() + json.size()) { }

    void skipSpace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }
    bool atEnd()
    {
        skipSpace();
        return m_at == m_end;
    }
    /// A string of printable ASCII without escapes; its bytes, without the quotes.
    std::optional<QByteArrayView> plainString()
    {
        if (!take('"'))
            return std::nullopt;
        const char *start = m_at;
        while (m_at < m_end && *m_at != '"') {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c < 0x20 || c > 0x7e || c == '\\')
                return std::nullopt;
            ++m_at;
        }
        if (m_at == m_end)
            return std::nullopt;
        const QByteArrayView text(start, m_at - start);
        ++m_at;
        return text;
    }
    bool literal(QByteArrayView word)
    {
        skipSpace();
        if (m_end - m_at < word.size() || QByteArrayView(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }
    /// A JSON number token (RFC 8259 grammar); `integral` when it has no fraction and no exponent.
    std::optional<QByteArrayView> numberToken(bool &integral)
    {
        skipSpace();
        const char *start = m_at;
        const auto digits = [this] {
            const char *from = m_at;
            while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
                ++m_at;
            return m_at - from;
        };
        if (m_at < m_end && *m_at == '-')
            ++m_at;
        const char *intStart = m_at;
        const qsizetype intDigits = digits();
        if (intDigits == 0 || (intDigits > 1 && *intStart == '0'))
            return std::nullopt;
        integral = true;
        if (m_at < m_end && *m_at == '.') {
            ++m_at;
            if (digits() == 0)
                return std::nullopt;
            integral = false;
        }
        if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
            ++m_at;
            if (m_at < m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (digits() == 0)
                return std::nullopt;
            integral = false;
        }
        return QByteArrayView(start, m_at - start);
    }

private:
    const char *m_at;
    const char *m_end;
};

/// `sensor_id`: 1 to 15 digits (below 2^53, as the general path requires), no sign.
std::optional<qint64> sensorId(Reader &in)
{
    bool integral = false;
    const std::optional<QByteArrayView> token = in.numberToken(integral);
    if (!token || !integral || token->isEmpty() || token->front() == '-' || token->size() > 15)
        return std::nullopt;
    qint64 value = 0;
    for (char c : *token)
        value = value * 10 + (c - '0');
    return value;
}

/// `valor` as QJsonDocument reads it: an integral token within qint64 becomes that integer (then a double,
/// so "-0" is 0), anything else the nearest double (zero without its sign); an overflow is declined.
std::optional<double> number(Reader &in)
{
    bool integral = false;
    const std::optional<QByteArrayView> token = in.numberToken(integral);
    if (!token)
        return std::nullopt;
    if (integral) {
        const bool negative = token->front() == '-';
        const QByteArrayView digits = negative ? token->sliced(1) : *token;
        if (digits.size() > 18)
            return std::nullopt;
        qint64 value = 0;
        for (char c : digits)
            value = value * 10 + (c - '0');
        return double(negative ? -value : value);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(token->data(), token->data() + token->size(), value);
    if (error != std::errc() || end != token->data() + token->size() || !std::isfinite(value))
        return std::nullopt;
    // Qt keeps a double with an integral value as an integer, so "-0.0" reads as 0, without the sign.
    return value == 0 ? 0.0 : value;
}

std::optional<Reading> reading(Reader &in, TimeMs now)
{
    if (!in.take('{'))
        return std::nullopt;
    Reading out;
    out.timestamp = now;
    bool haveSensor = false;
    bool haveValor = false;
    bool haveTimestamp = false;
    bool first = true;
    while (!in.take('}')) {
        if (!first && !in.take(','))
            return std::nullopt;
        first = false;
        const std::optional<QByteArrayView> key = in.plainString();
        if (!key || !in.take(':'))
            return std::nullopt;
        if (*key == "sensor_id" && !haveSensor) {
            const std::optional<qint64> id = sensorId(in);
            if (!id || *id == 0)
                return std::nullopt;
            out.sensorId = *id;
            haveSensor = true;
        } else if (*key == "valor" && !haveValor) {
            const std::optional<double> value = number(in);
            if (!value)
                return std::nullopt;
            out.valor = *value;
            haveValor = true;
        } else if (*key == "timestamp" && !haveTimestamp) {
            haveTimestamp = true;
            if (in.literal("null"))
                continue;
            const std::optional<QByteArrayView> text = in.plainString();
            if (!text)
                return std::nullopt;
            const std::optional<TimeMs> parsed = isotime::parse(QString::fromLatin1(*text));
            if (!parsed)
                return std::nullopt;
            out.timestamp = *parsed;
        } else {
            return std::nullopt; // another key, or one repeated
        }
    }
    if (!haveSensor || !haveValor)
        return std::nullopt;
    return out;
}

} // namespace

std::optional<QList<Reading>> readReadingsBatch(QByteArrayView json, TimeMs now)
{
    Reader in(json);
    if (!in.take('['))
        return std::nullopt;
    QList<Reading> readings;
    readings.reserve(json.size() / 40 + 1);
    do {
        std::optional<Reading> next = reading(in, now);
        if (!next)
            return std::nullopt;
        readings.append(*next);
    } while (in.take(','));
    if (!in.take(']') || !in.atEnd())
        return std::nullopt;
    return readings;
}

} // namespace pulso
