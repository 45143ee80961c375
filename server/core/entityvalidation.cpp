// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/entityvalidation.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {
// Fields a client may send back unchanged from a GET; the server owns them and ignores what is sent.
constexpr QStringView Id = u"id";
constexpr QStringView CreatedAt = u"created_at";
constexpr QStringView UpdatedAt = u"updated_at";
} // namespace

void readJson(const QJsonObject &body, WriteMode mode, Location &target, FieldErrors &errors,
    const QString &prefix, TimeMs)
{
    JsonFields f(body, mode, errors, prefix);
    f.rejectUnknown({u"nombre", u"descripcion", u"latitud", u"longitud"}, {Id, CreatedAt, UpdatedAt});
    f.text(u"nombre", target.nombre);
    f.optionalText(u"descripcion", target.descripcion);
    f.optionalNumber(u"latitud", target.latitud);
    f.optionalNumber(u"longitud", target.longitud);
}

void readJson(const QJsonObject &body, WriteMode mode, Sensor &target, FieldErrors &errors,
    const QString &prefix, TimeMs)
{
    JsonFields f(body, mode, errors, prefix);
    f.rejectUnknown({u"tipo", u"modelo", u"location_id", u"unidad", u"activo", u"umbral_min", u"umbral_max"},
        {Id, CreatedAt, UpdatedAt});
    f.text(u"tipo", target.tipo);
    f.text(u"modelo", target.modelo);
    f.optionalInteger(u"location_id", target.locationId);
    f.optionalText(u"unidad", target.unidad);
    f.boolean(u"activo", target.activo, true);
    f.optionalNumber(u"umbral_min", target.umbralMin);
    f.optionalNumber(u"umbral_max", target.umbralMax);
}

void readJson(const QJsonObject &body, WriteMode mode, Reading &target, FieldErrors &errors,
    const QString &prefix, TimeMs now)
{
    JsonFields f(body, mode, errors, prefix);
    f.rejectUnknown({u"sensor_id", u"valor", u"timestamp"}, {Id, CreatedAt});
    f.integer(u"sensor_id", target.sensorId);
    f.number(u"valor", target.valor);
    f.timestamp(u"timestamp", target.timestamp, now);
}

void readJson(const QJsonObject &body, WriteMode mode, Anomaly &target, FieldErrors &errors,
    const QString &prefix, TimeMs now)
{
    JsonFields f(body, mode, errors, prefix);
    f.rejectUnknown(
        {u"sensor_id", u"reading_id", u"valor", u"score", u"severidad", u"descripcion", u"detected_at"},
        {Id, CreatedAt});
    f.integer(u"sensor_id", target.sensorId);
    f.optionalInteger(u"reading_id", target.readingId);
    f.number(u"valor", target.valor);
    f.optionalNumber(u"score", target.score);
    const std::optional<int> severity = f.choice(u"severidad", {u"info", u"warning", u"critical"}, false);
    if (severity)
        target.severidad = static_cast<Severity>(*severity);
    else if (mode != WriteMode::Patch && !errors.has(f.field(u"severidad")))
        target.severidad = Severity::Warning;
    f.optionalText(u"descripcion", target.descripcion);
    f.timestamp(u"detected_at", target.detectedAt, now);
}

void readJson(const QJsonObject &body, WriteMode mode, Prediction &target, FieldErrors &errors,
    const QString &prefix, TimeMs)
{
    JsonFields f(body, mode, errors, prefix);
    f.rejectUnknown({u"sensor_id", u"horizonte", u"valor_predicho", u"intervalo_inferior",
                        u"intervalo_superior", u"modelo"},
        {Id, CreatedAt});
    f.integer(u"sensor_id", target.sensorId);
    f.integer(u"horizonte", target.horizonte);
    f.number(u"valor_predicho", target.valorPredicho);
    f.optionalNumber(u"intervalo_inferior", target.intervaloInferior);
    f.optionalNumber(u"intervalo_superior", target.intervaloSuperior);
    f.optionalText(u"modelo", target.modelo);
}

void validate(const Location &value, FieldErrors &errors, const QString &prefix)
{
    check::text(errors, prefix + u"nombre"_s, value.nombre, limits::Nombre);
    check::optionalText(errors, prefix + u"descripcion"_s, value.descripcion, limits::Descripcion);
    check::range(errors, prefix + u"latitud"_s, value.latitud, -90, 90);
    check::range(errors, prefix + u"longitud"_s, value.longitud, -180, 180);
}

void validate(const Sensor &value, FieldErrors &errors, const QString &prefix)
{
    check::text(errors, prefix + u"tipo"_s, value.tipo, limits::Tipo);
    check::text(errors, prefix + u"modelo"_s, value.modelo, limits::Modelo);
    if (value.locationId)
        check::positiveId(errors, prefix + u"location_id"_s, *value.locationId);
    check::optionalText(errors, prefix + u"unidad"_s, value.unidad, limits::Unidad);
    if (value.umbralMin)
        check::finite(errors, prefix + u"umbral_min"_s, *value.umbralMin);
    if (value.umbralMax)
        check::finite(errors, prefix + u"umbral_max"_s, *value.umbralMax);
    if (value.umbralMin && value.umbralMax && *value.umbralMin > *value.umbralMax)
        errors.add(prefix + u"umbral_min"_s, u"must not be greater than umbral_max"_s);
}

void validate(const Reading &value, FieldErrors &errors, const QString &prefix)
{
    check::positiveId(errors, prefix + u"sensor_id"_s, value.sensorId);
    check::finite(errors, prefix + u"valor"_s, value.valor);
    check::timestamp(errors, prefix + u"timestamp"_s, value.timestamp);
}

void validate(const Anomaly &value, FieldErrors &errors, const QString &prefix)
{
    check::positiveId(errors, prefix + u"sensor_id"_s, value.sensorId);
    if (value.readingId)
        check::positiveId(errors, prefix + u"reading_id"_s, *value.readingId);
    check::finite(errors, prefix + u"valor"_s, value.valor);
    if (value.score)
        check::finite(errors, prefix + u"score"_s, *value.score);
    check::optionalText(errors, prefix + u"descripcion"_s, value.descripcion, limits::Descripcion);
    check::timestamp(errors, prefix + u"detected_at"_s, value.detectedAt);
}

void validate(const Prediction &value, FieldErrors &errors, const QString &prefix)
{
    check::positiveId(errors, prefix + u"sensor_id"_s, value.sensorId);
    if (value.horizonte < 1 || value.horizonte > limits::MaxHorizonte) {
        errors.add(prefix + u"horizonte"_s,
            u"must be a whole number of seconds between 1 and %1"_s.arg(limits::MaxHorizonte));
    }
    check::finite(errors, prefix + u"valor_predicho"_s, value.valorPredicho);
    if (value.intervaloInferior)
        check::finite(errors, prefix + u"intervalo_inferior"_s, *value.intervaloInferior);
    if (value.intervaloSuperior)
        check::finite(errors, prefix + u"intervalo_superior"_s, *value.intervaloSuperior);
    if (value.intervaloInferior && *value.intervaloInferior > value.valorPredicho)
        errors.add(prefix + u"intervalo_inferior"_s, u"must not be greater than valor_predicho"_s);
    if (value.intervaloSuperior && *value.intervaloSuperior < value.valorPredicho)
        errors.add(prefix + u"intervalo_superior"_s, u"must not be less than valor_predicho"_s);
    check::optionalText(errors, prefix + u"modelo"_s, value.modelo, limits::Modelo);
}

} // namespace pulso
