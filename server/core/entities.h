// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/isotime.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace pulso {

/// Entity type names as they appear in events ("entity_type") and action names ("create_sensor").
namespace entity {
inline constexpr QStringView Location = u"location";
inline constexpr QStringView Sensor = u"sensor";
inline constexpr QStringView Reading = u"reading";
inline constexpr QStringView Anomaly = u"anomaly";
inline constexpr QStringView Prediction = u"prediction";
} // namespace entity

/// A place where sensors are installed.
struct Location
{
    qint64 id = 0;
    QString nombre;
    std::optional<QString> descripcion;
    std::optional<double> latitud; ///< -90..90
    std::optional<double> longitud; ///< -180..180
    TimeMs createdAt = 0;
    TimeMs updatedAt = 0;

    /// The REST representation, which is also the `data` of its events.
    QJsonObject toJson() const;
    /// The same bytes as QJsonDocument(toJson()).toJson(Compact), written directly (responses).
    QByteArray toCompactJson() const;
};

/// A measuring device, optionally at a location.
struct Sensor
{
    qint64 id = 0;
    QString tipo; ///< temperatura, humedad, presion, ... (open set)
    QString modelo; ///< e.g. DHT22
    std::optional<qint64> locationId;
    std::optional<QString> unidad;
    bool activo = true;
    std::optional<double> umbralMin;
    std::optional<double> umbralMax;
    TimeMs createdAt = 0;
    TimeMs updatedAt = 0;

    QJsonObject toJson() const;
    QByteArray toCompactJson() const;
};

/// One measured value of a sensor.
struct Reading
{
    qint64 id = 0;
    qint64 sensorId = 0;
    double valor = 0;
    TimeMs timestamp = 0; ///< when it was measured
    TimeMs createdAt = 0; ///< when it was stored

    QJsonObject toJson() const;
    /// The same JSON as QJsonDocument(toJson()).toJson(Compact), written directly: the hot path's response.
    QByteArray toCompactJson() const;
};

enum class Severity : quint8 { Info, Warning, Critical };
QString severityName(Severity severity);
std::optional<Severity> severityFromName(QStringView name);

/// An unusual value of a sensor, optionally tied to the reading that showed it.
struct Anomaly
{
    qint64 id = 0;
    qint64 sensorId = 0;
    std::optional<qint64> readingId;
    double valor = 0;
    std::optional<double> score;
    Severity severidad = Severity::Warning;
    std::optional<QString> descripcion;
    TimeMs detectedAt = 0;
    TimeMs createdAt = 0;

    QJsonObject toJson() const;
    QByteArray toCompactJson() const;
};

/// A forecast of a sensor's value `horizonte` seconds ahead.
struct Prediction
{
    qint64 id = 0;
    qint64 sensorId = 0;
    qint64 horizonte = 0; ///< seconds ahead, > 0
    double valorPredicho = 0;
    std::optional<double> intervaloInferior;
    std::optional<double> intervaloSuperior;
    std::optional<QString> modelo;
    TimeMs createdAt = 0;

    QJsonObject toJson() const;
    QByteArray toCompactJson() const;
};

} // namespace pulso
