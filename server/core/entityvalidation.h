// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/validation.h"

namespace pulso {

/// Text limits, in UTF-16 code units (characters for any common text).
namespace limits {
inline constexpr qsizetype Nombre = 200;
inline constexpr qsizetype Descripcion = 2000;
inline constexpr qsizetype Tipo = 64;
inline constexpr qsizetype Modelo = 100;
inline constexpr qsizetype Unidad = 32;
inline constexpr qint64 MaxHorizonte = 2147483647; ///< seconds
} // namespace limits

// JSON -> entity field by field (types and presence; `now` is the default for absent timestamps) ...
void readJson(const QJsonObject &body, WriteMode mode, Location &target, FieldErrors &errors,
    const QString &prefix = {}, TimeMs now = 0);
void readJson(const QJsonObject &body, WriteMode mode, Sensor &target, FieldErrors &errors,
    const QString &prefix = {}, TimeMs now = 0);
void readJson(const QJsonObject &body, WriteMode mode, Reading &target, FieldErrors &errors,
    const QString &prefix = {}, TimeMs now = 0);
void readJson(const QJsonObject &body, WriteMode mode, Anomaly &target, FieldErrors &errors,
    const QString &prefix = {}, TimeMs now = 0);
void readJson(const QJsonObject &body, WriteMode mode, Prediction &target, FieldErrors &errors,
    const QString &prefix = {}, TimeMs now = 0);

// ... and the value rules of a whole entity, whatever it came from (JSON or the console).
void validate(const Location &value, FieldErrors &errors, const QString &prefix = {});
void validate(const Sensor &value, FieldErrors &errors, const QString &prefix = {});
void validate(const Reading &value, FieldErrors &errors, const QString &prefix = {});
void validate(const Anomaly &value, FieldErrors &errors, const QString &prefix = {});
void validate(const Prediction &value, FieldErrors &errors, const QString &prefix = {});

inline QString entityName(const Location &)
{
    return entity::Location.toString();
}
inline QString entityName(const Sensor &)
{
    return entity::Sensor.toString();
}
inline QString entityName(const Reading &)
{
    return entity::Reading.toString();
}
inline QString entityName(const Anomaly &)
{
    return entity::Anomaly.toString();
}
inline QString entityName(const Prediction &)
{
    return entity::Prediction.toString();
}

/// `base` changed by `body` according to `mode`, then validated; a 422 naming every bad field otherwise.
template<typename T> Result<T> fromJson(const QJsonObject &body, T base, WriteMode mode, TimeMs now)
{
    FieldErrors errors;
    readJson(body, mode, base, errors, {}, now);
    validate(base, errors);
    if (!errors.isEmpty())
        return errors.toError(entityName(base));
    return base;
}

/// The value rules alone, for entities built in code.
template<typename T> Status checkEntity(const T &value)
{
    FieldErrors errors;
    validate(value, errors);
    if (!errors.isEmpty())
        return errors.toError(entityName(value));
    return Ok {};
}

} // namespace pulso
