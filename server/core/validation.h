// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/isotime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <initializer_list>
#include <optional>

namespace pulso {

/// How a JSON body changes an entity: Create and Replace (PUT) need every required field and reset absent
/// optional ones to their defaults; Patch changes only the fields present.
enum class WriteMode : quint8 { Create, Replace, Patch };

/// Per-field problems of one request, in the order found; at most one per field.
class FieldErrors final
{
public:
    /// Records `message` for `field` unless the field already has an error.
    void add(const QString &field, const QString &message);
    bool has(const QString &field) const { return m_fields.contains(field); }
    bool isEmpty() const { return m_details.isEmpty(); }
    qsizetype size() const { return m_details.size(); }
    /// [{"field":"latitud","message":"must be between -90 and 90"}, ...]
    const QJsonArray &details() const { return m_details; }
    QStringList fields() const;

    /// 422 "validation_failed" naming every field; `what` like "sensor".
    Error toError(const QString &what) const;

private:
    QJsonArray m_details;
    QSet<QString> m_fields;
};

/// Reads typed fields of a JSON object into an entity, honouring the WriteMode: type and presence checks
/// only (values are checked by the entity's validate function). Field names get `prefix` in errors
/// ("[3].valor" in a batch).
class JsonFields final
{
public:
    JsonFields(const QJsonObject &object, WriteMode mode, FieldErrors &errors, QString prefix = {});

    /// Every key must be writable or read-only (read-only ones, like id and created_at, are ignored).
    void rejectUnknown(
        std::initializer_list<QStringView> writable, std::initializer_list<QStringView> readOnly);

    void text(QStringView name, QString &target);
    void optionalText(QStringView name, std::optional<QString> &target);
    void number(QStringView name, double &target);
    void optionalNumber(QStringView name, std::optional<double> &target);
    /// A JSON number with an integral value (positive checks belong to validate).
    void integer(QStringView name, qint64 &target);
    void optionalInteger(QStringView name, std::optional<qint64> &target);
    void boolean(QStringView name, bool &target, bool defaultValue);
    /// An ISO-8601 string; absent or null means `defaultValue` (Create/Replace).
    void timestamp(QStringView name, TimeMs &target, TimeMs defaultValue);
    /// A string that must be one of `allowed`; returns the index chosen, or nullopt (absent or error).
    std::optional<int> choice(QStringView name, std::initializer_list<QStringView> allowed, bool required);

    QString field(QStringView name) const { return m_prefix + name.toString(); }

private:
    /// nullopt: leave the target alone (Patch and absent); otherwise the value (maybe Null/Undefined).
    std::optional<QJsonValue> take(QStringView name) const;
    void wrongType(QStringView name, const QString &expected);

    const QJsonObject &m_object;
    WriteMode m_mode;
    FieldErrors &m_errors;
    QString m_prefix;
};

/// Shared value checks for entity validate functions.
namespace check {
/// Required text: not blank, at most `maxLength` characters, no NUL.
void text(FieldErrors &errors, const QString &field, const QString &value, qsizetype maxLength);
void optionalText(
    FieldErrors &errors, const QString &field, const std::optional<QString> &value, qsizetype maxLength);
void finite(FieldErrors &errors, const QString &field, double value);
void range(
    FieldErrors &errors, const QString &field, const std::optional<double> &value, double min, double max);
void positiveId(FieldErrors &errors, const QString &field, qint64 value);
void timestamp(FieldErrors &errors, const QString &field, TimeMs value);
} // namespace check

} // namespace pulso
