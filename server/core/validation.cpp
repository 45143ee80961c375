// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/validation.h"

#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {
/// JavaScript's Number.MAX_SAFE_INTEGER: ids above it cannot round-trip through most JSON clients.
constexpr qint64 MaxSafeInteger = 9007199254740991LL;
constexpr qsizetype MaxDetails = 100;
} // namespace

void FieldErrors::add(const QString &field, const QString &message)
{
    if (m_fields.contains(field))
        return;
    m_fields.insert(field);
    m_details.append(QJsonObject {{u"field"_s, field}, {u"message"_s, message}});
}

QStringList FieldErrors::fields() const
{
    QStringList out;
    for (const QJsonValue &detail : m_details)
        out << detail.toObject().value(u"field"_s).toString();
    return out;
}

Error FieldErrors::toError(const QString &what) const
{
    QStringList shown = fields();
    const qsizetype total = shown.size();
    QString list;
    if (total > 10) {
        shown = shown.mid(0, 10);
        list = shown.join(u", ") + u" and %1 more"_s.arg(total - 10);
    } else {
        list = shown.join(u", ");
    }
    const QString message = total == 1
        ? u"Invalid %1: %2 %3."_s.arg(what, m_details.first().toObject().value(u"field"_s).toString(),
            m_details.first().toObject().value(u"message"_s).toString())
        : u"Invalid %1: %2 fields are wrong (%3)."_s.arg(what).arg(total).arg(list);
    // A 10,000-item batch could name every item; the first hundred say enough.
    QJsonArray details = m_details;
    while (details.size() > MaxDetails)
        details.removeLast();
    return Error::make(ErrorKind::Validation, u"validation_failed"_s, message, details);
}

JsonFields::JsonFields(const QJsonObject &object, WriteMode mode, FieldErrors &errors, QString prefix)
    : m_object(object), m_mode(mode), m_errors(errors), m_prefix(std::move(prefix))
{ }

void JsonFields::rejectUnknown(
    std::initializer_list<QStringView> writable, std::initializer_list<QStringView> readOnly)
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        const QString key = it.key();
        const auto same = [&key](QStringView name) { return name == key; };
        if (std::any_of(writable.begin(), writable.end(), same)
            || std::any_of(readOnly.begin(), readOnly.end(), same))
            continue;
        QStringList names;
        for (QStringView name : writable)
            names << name.toString();
        m_errors.add(m_prefix + key.left(64), u"unknown field; known fields: %1"_s.arg(names.join(u", ")));
    }
}

std::optional<QJsonValue> JsonFields::take(QStringView name) const
{
    const auto it = m_object.constFind(name);
    if (it == m_object.constEnd())
        return m_mode == WriteMode::Patch ? std::nullopt : std::optional<QJsonValue>(QJsonValue::Undefined);
    return it.value();
}

void JsonFields::wrongType(QStringView name, const QString &expected)
{
    m_errors.add(field(name), u"must be %1"_s.arg(expected));
}

void JsonFields::text(QStringView name, QString &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined())
        m_errors.add(field(name), u"is required"_s);
    else if (!value->isString())
        wrongType(name, u"a string"_s);
    else
        target = value->toString();
}

void JsonFields::optionalText(QStringView name, std::optional<QString> &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined() || value->isNull())
        target.reset();
    else if (!value->isString())
        wrongType(name, u"a string or null"_s);
    else
        target = value->toString();
}

void JsonFields::number(QStringView name, double &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined())
        m_errors.add(field(name), u"is required"_s);
    else if (!value->isDouble())
        wrongType(name, u"a number"_s);
    else
        target = value->toDouble();
}

void JsonFields::optionalNumber(QStringView name, std::optional<double> &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined() || value->isNull())
        target.reset();
    else if (!value->isDouble())
        wrongType(name, u"a number or null"_s);
    else
        target = value->toDouble();
}

namespace {
std::optional<qint64> integralValue(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    constexpr qint64 Sentinel = std::numeric_limits<qint64>::min();
    const qint64 integer = value.toInteger(Sentinel);
    if (integer == Sentinel || integer > MaxSafeInteger || integer < -MaxSafeInteger)
        return std::nullopt;
    return integer;
}
} // namespace

void JsonFields::integer(QStringView name, qint64 &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined()) {
        m_errors.add(field(name), u"is required"_s);
        return;
    }
    if (const std::optional<qint64> integer = integralValue(*value))
        target = *integer;
    else
        wrongType(name, u"an integer"_s);
}

void JsonFields::optionalInteger(QStringView name, std::optional<qint64> &target)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined() || value->isNull()) {
        target.reset();
        return;
    }
    if (const std::optional<qint64> integer = integralValue(*value))
        target = *integer;
    else
        wrongType(name, u"an integer or null"_s);
}

void JsonFields::boolean(QStringView name, bool &target, bool defaultValue)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined())
        target = defaultValue;
    else if (!value->isBool())
        wrongType(name, u"true or false"_s);
    else
        target = value->toBool();
}

void JsonFields::timestamp(QStringView name, TimeMs &target, TimeMs defaultValue)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value)
        return;
    if (value->isUndefined() || value->isNull()) {
        target = defaultValue;
        return;
    }
    if (!value->isString()) {
        wrongType(name, u"an ISO-8601 timestamp string such as \"2025-07-20T00:05:37.123Z\""_s);
        return;
    }
    if (const std::optional<TimeMs> parsed = isotime::parse(value->toString()))
        target = *parsed;
    else
        m_errors.add(field(name),
            u"is not an ISO-8601 timestamp between years 0001 and 9999 (e.g. \"2025-07-20T00:05:37.123Z\")"_s);
}

std::optional<int> JsonFields::choice(
    QStringView name, std::initializer_list<QStringView> allowed, bool required)
{
    const std::optional<QJsonValue> value = take(name);
    if (!value || ((value->isUndefined() || value->isNull()) && !required))
        return std::nullopt;
    QStringList names;
    for (QStringView option : allowed)
        names << option.toString();
    if (value->isUndefined()) {
        m_errors.add(field(name), u"is required"_s);
        return std::nullopt;
    }
    if (value->isString()) {
        const QString text = value->toString();
        int index = 0;
        for (QStringView option : allowed) {
            if (option == text)
                return index;
            ++index;
        }
    }
    m_errors.add(field(name), u"must be one of: %1"_s.arg(names.join(u", ")));
    return std::nullopt;
}

namespace check {

void text(FieldErrors &errors, const QString &field, const QString &value, qsizetype maxLength)
{
    if (value.trimmed().isEmpty())
        errors.add(field, u"must not be empty"_s);
    else
        optionalText(errors, field, value, maxLength);
}

void optionalText(
    FieldErrors &errors, const QString &field, const std::optional<QString> &value, qsizetype maxLength)
{
    if (!value)
        return;
    if (value->size() > maxLength)
        errors.add(field, u"must be at most %1 characters long"_s.arg(maxLength));
    else if (value->contains(QChar(u'\0')))
        errors.add(field, u"must not contain NUL characters"_s);
}

void finite(FieldErrors &errors, const QString &field, double value)
{
    if (!std::isfinite(value))
        errors.add(field, u"must be a finite number"_s);
}

void range(
    FieldErrors &errors, const QString &field, const std::optional<double> &value, double min, double max)
{
    if (!value)
        return;
    if (!std::isfinite(*value) || *value < min || *value > max)
        errors.add(field, u"must be between %1 and %2"_s.arg(min).arg(max));
}

void positiveId(FieldErrors &errors, const QString &field, qint64 value)
{
    if (value < 1 || value > MaxSafeInteger)
        errors.add(field, u"must be a positive integer id"_s);
}

void timestamp(FieldErrors &errors, const QString &field, TimeMs value)
{
    if (value < isotime::MinMs || value > isotime::MaxMs)
        errors.add(field, u"must be between years 0001 and 9999"_s);
}

} // namespace check
} // namespace pulso
