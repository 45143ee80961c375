// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/entityschema.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

using Kind = FieldSpec::Kind;

FieldSpec field(const QString &key, const QString &label, Kind kind, bool required = false)
{
    FieldSpec f;
    f.key = key;
    f.label = label;
    f.kind = kind;
    f.required = required;
    return f;
}

FieldSpec reference(const QString &key, const QString &label, EntityKind target, bool required)
{
    FieldSpec f = field(key, label, Kind::Reference, required);
    f.reference = target;
    return f;
}

} // namespace

EntitySchema EntitySchema::forKind(EntityKind kind)
{
    EntitySchema s;
    s.kind = kind;
    const FieldSpec id = field(u"id"_s, tr("ID"), Kind::Id);
    const FieldSpec createdAt = field(u"created_at"_s, tr("Created"), Kind::ServerTime);
    const FieldSpec updatedAt = field(u"updated_at"_s, tr("Updated"), Kind::ServerTime);
    switch (kind) {
    case EntityKind::Location:
        s.entityType = u"location"_s;
        s.restPath = u"/api/v1/locations"_s;
        s.title = tr("Locations");
        s.singular = tr("location");
        s.fields = {id, field(u"nombre"_s, tr("Name"), Kind::Text, true),
            field(u"descripcion"_s, tr("Description"), Kind::LongText),
            field(u"latitud"_s, tr("Latitude"), Kind::Number),
            field(u"longitud"_s, tr("Longitude"), Kind::Number), createdAt, updatedAt};
        s.fields[3].placeholder = tr("-90 to 90");
        s.fields[4].placeholder = tr("-180 to 180");
        break;
    case EntityKind::Sensor: {
        s.entityType = u"sensor"_s;
        s.restPath = u"/api/v1/sensors"_s;
        s.title = tr("Sensors");
        s.singular = tr("sensor");
        FieldSpec tipo = field(u"tipo"_s, tr("Type"), Kind::Text, true);
        tipo.choices = {u"temperatura"_s, u"humedad"_s, u"presion"_s, u"co2"_s, u"luz"_s, u"ruido"_s};
        FieldSpec activo = field(u"activo"_s, tr("Active"), Kind::Boolean);
        s.fields = {id, tipo, field(u"modelo"_s, tr("Model"), Kind::Text, true),
            reference(u"location_id"_s, tr("Location"), EntityKind::Location, false),
            field(u"unidad"_s, tr("Unit"), Kind::Text), activo,
            field(u"umbral_min"_s, tr("Min. threshold"), Kind::Number),
            field(u"umbral_max"_s, tr("Max. threshold"), Kind::Number), createdAt, updatedAt};
        break;
    }
    case EntityKind::Reading: {
        s.entityType = u"reading"_s;
        s.restPath = u"/api/v1/readings"_s;
        s.title = tr("Readings");
        s.singular = tr("reading");
        s.timeSeries = true;
        s.timeField = u"timestamp"_s;
        FieldSpec when = field(u"timestamp"_s, tr("Measured at"), Kind::Timestamp);
        when.placeholder = tr("empty: now (ISO 8601, e.g. 2025-07-20T00:05:37Z)");
        s.fields = {id, reference(u"sensor_id"_s, tr("Sensor"), EntityKind::Sensor, true),
            field(u"valor"_s, tr("Value"), Kind::Number, true), when, createdAt};
        break;
    }
    case EntityKind::Anomaly: {
        s.entityType = u"anomaly"_s;
        s.restPath = u"/api/v1/anomalies"_s;
        s.title = tr("Anomalies");
        s.singular = tr("anomaly");
        s.timeSeries = true;
        s.timeField = u"detected_at"_s;
        FieldSpec severity = field(u"severidad"_s, tr("Severity"), Kind::Choice);
        severity.choices = {u"info"_s, u"warning"_s, u"critical"_s};
        FieldSpec when = field(u"detected_at"_s, tr("Detected at"), Kind::Timestamp);
        when.placeholder = tr("empty: now (ISO 8601, e.g. 2025-07-20T00:05:37Z)");
        s.fields = {id, reference(u"sensor_id"_s, tr("Sensor"), EntityKind::Sensor, true),
            reference(u"reading_id"_s, tr("Reading"), EntityKind::Reading, false),
            field(u"valor"_s, tr("Value"), Kind::Number, true), field(u"score"_s, tr("Score"), Kind::Number),
            severity, field(u"descripcion"_s, tr("Description"), Kind::LongText), when, createdAt};
        break;
    }
    case EntityKind::Prediction: {
        s.entityType = u"prediction"_s;
        s.restPath = u"/api/v1/predictions"_s;
        s.title = tr("Predictions");
        s.singular = tr("prediction");
        s.timeSeries = true;
        s.timeField = u"created_at"_s;
        FieldSpec horizon = field(u"horizonte"_s, tr("Horizon (s)"), Kind::Integer, true);
        horizon.placeholder = tr("seconds ahead");
        s.fields = {id, reference(u"sensor_id"_s, tr("Sensor"), EntityKind::Sensor, true), horizon,
            field(u"valor_predicho"_s, tr("Predicted value"), Kind::Number, true),
            field(u"intervalo_inferior"_s, tr("Lower bound"), Kind::Number),
            field(u"intervalo_superior"_s, tr("Upper bound"), Kind::Number),
            field(u"modelo"_s, tr("Model"), Kind::Text), createdAt};
        break;
    }
    }
    return s;
}

std::optional<EntityKind> EntitySchema::kindForEntityType(QStringView entityType)
{
    if (entityType == u"location")
        return EntityKind::Location;
    if (entityType == u"sensor")
        return EntityKind::Sensor;
    if (entityType == u"reading")
        return EntityKind::Reading;
    if (entityType == u"anomaly")
        return EntityKind::Anomaly;
    if (entityType == u"prediction")
        return EntityKind::Prediction;
    return std::nullopt;
}

int EntitySchema::fieldIndex(QStringView key) const
{
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].key == key)
            return i;
    }
    return -1;
}

QString EntitySchema::describe(const QJsonObject &row) const
{
    const QString id = u"#%1"_s.arg(row.value(u"id"_s).toInteger());
    const auto text = [&row](const QString &key) { return row.value(key).toVariant().toString(); };
    switch (kind) {
    case EntityKind::Location:
        return id + u" · "_s + text(u"nombre"_s);
    case EntityKind::Sensor:
        return id + u" · "_s + text(u"tipo"_s) + u' ' + text(u"modelo"_s);
    case EntityKind::Reading:
        return id + u" · "_s + tr("sensor %1: %2").arg(text(u"sensor_id"_s), text(u"valor"_s));
    case EntityKind::Anomaly:
        return id + u" · "_s
            + tr("sensor %1: %2 (%3)").arg(text(u"sensor_id"_s), text(u"valor"_s), text(u"severidad"_s));
    case EntityKind::Prediction:
        return id + u" · "_s
            + tr("sensor %1: %2 in %3 s")
                  .arg(text(u"sensor_id"_s), text(u"valor_predicho"_s), text(u"horizonte"_s));
    }
    return id;
}

} // namespace pulso
