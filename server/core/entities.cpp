// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/entities.h"

#include <QLocale>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

constexpr std::array<QStringView, 3> SeverityNames = {u"info", u"warning", u"critical"};

template<typename T> QJsonValue orNull(const std::optional<T> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString severityName(Severity severity)
{
    return SeverityNames[static_cast<std::size_t>(severity)].toString();
}

std::optional<Severity> severityFromName(QStringView name)
{
    for (std::size_t i = 0; i < SeverityNames.size(); ++i) {
        if (SeverityNames[i] == name)
            return static_cast<Severity>(i);
    }
    return std::nullopt;
}

QJsonObject Location::toJson() const
{
    return QJsonObject {
        {u"id"_s, id},
        {u"nombre"_s, nombre},
        {u"descripcion"_s, orNull(descripcion)},
        {u"latitud"_s, orNull(latitud)},
        {u"longitud"_s, orNull(longitud)},
        {u"created_at"_s, isotime::format(createdAt)},
        {u"updated_at"_s, isotime::format(updatedAt)},
    };
}

QJsonObject Sensor::toJson() const
{
    return QJsonObject {
        {u"id"_s, id},
        {u"tipo"_s, tipo},
        {u"modelo"_s, modelo},
        {u"location_id"_s, orNull(locationId)},
        {u"unidad"_s, orNull(unidad)},
        {u"activo"_s, activo},
        {u"umbral_min"_s, orNull(umbralMin)},
        {u"umbral_max"_s, orNull(umbralMax)},
        {u"created_at"_s, isotime::format(createdAt)},
        {u"updated_at"_s, isotime::format(updatedAt)},
    };
}

QJsonObject Reading::toJson() const
{
    return QJsonObject {
        {u"id"_s, id},
        {u"sensor_id"_s, sensorId},
        {u"valor"_s, valor},
        {u"timestamp"_s, isotime::format(timestamp)},
        {u"created_at"_s, isotime::format(createdAt)},
    };
}

QByteArray Reading::toCompactJson() const
{
    // Keys in QJsonObject's (sorted) order; numbers as Qt's JSON writer prints them.
    QByteArray out;
    out.reserve(128);
    out.append("{\"created_at\":\"");
    out.append(isotime::format(createdAt).toLatin1());
    out.append("\",\"id\":");
    out.append(QByteArray::number(id));
    out.append(",\"sensor_id\":");
    out.append(QByteArray::number(sensorId));
    out.append(",\"timestamp\":\"");
    out.append(isotime::format(timestamp).toLatin1());
    out.append("\",\"valor\":");
    out.append(std::isfinite(valor) ? QByteArray::number(valor, 'g', QLocale::FloatingPointShortest)
                                    : QByteArray("null"));
    out.append('}');
    return out;
}

QJsonObject Anomaly::toJson() const
{
    return QJsonObject {
        {u"id"_s, id},
        {u"sensor_id"_s, sensorId},
        {u"reading_id"_s, orNull(readingId)},
        {u"valor"_s, valor},
        {u"score"_s, orNull(score)},
        {u"severidad"_s, severityName(severidad)},
        {u"descripcion"_s, orNull(descripcion)},
        {u"detected_at"_s, isotime::format(detectedAt)},
        {u"created_at"_s, isotime::format(createdAt)},
    };
}

QJsonObject Prediction::toJson() const
{
    return QJsonObject {
        {u"id"_s, id},
        {u"sensor_id"_s, sensorId},
        {u"horizonte"_s, horizonte},
        {u"valor_predicho"_s, valorPredicho},
        {u"intervalo_inferior"_s, orNull(intervaloInferior)},
        {u"intervalo_superior"_s, orNull(intervaloSuperior)},
        {u"modelo"_s, orNull(modelo)},
        {u"created_at"_s, isotime::format(createdAt)},
    };
}

} // namespace pulso
