// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pulso {

/// The five kinds of data the console edits.
enum class EntityKind { Location, Sensor, Reading, Anomaly, Prediction };
inline constexpr std::array<EntityKind, 5> AllEntityKinds = {EntityKind::Location, EntityKind::Sensor,
    EntityKind::Reading, EntityKind::Anomaly, EntityKind::Prediction};

/// One field of an entity as the REST API names it, and how the console shows and edits it.
struct FieldSpec
{
    enum class Kind {
        Id, ///< read-only integer id
        Text,
        LongText,
        Number,
        Integer,
        Boolean,
        Timestamp, ///< editable ISO-8601; empty means "now" where the API says so
        Choice,
        Reference, ///< id of another entity (`reference`)
        ServerTime, ///< created_at/updated_at: shown, never sent
    };

    QString key; ///< JSON field: "umbral_min"
    QString label; ///< translated
    Kind kind = Kind::Text;
    bool required = false;
    QStringList choices; ///< Choice values; Text suggestions
    std::optional<EntityKind> reference;
    QString placeholder;

    bool editable() const { return kind != Kind::Id && kind != Kind::ServerTime; }
    bool numeric() const
    {
        return kind == Kind::Id || kind == Kind::Number || kind == Kind::Integer || kind == Kind::Reference;
    }
};

/// What the console knows about one entity type: its fields in display order, names and REST path.
class EntitySchema final
{
    Q_DECLARE_TR_FUNCTIONS(EntitySchema)

public:
    EntityKind kind = EntityKind::Location;
    QString entityType; ///< "sensor": events' entity_type
    QString restPath; ///< "/api/v1/sensors"
    QString title; ///< "Sensors" (translated)
    QString singular; ///< "sensor" (translated)
    bool timeSeries = false; ///< readings, anomalies, predictions: newest first, capped
    QString timeField; ///< the series' time ("timestamp", "detected_at", "created_at")
    QList<FieldSpec> fields;

    /// Built on each call so labels follow the installed translator.
    static EntitySchema forKind(EntityKind kind);
    static std::optional<EntityKind> kindForEntityType(QStringView entityType);

    int fieldIndex(QStringView key) const;
    /// "#3 · temperatura DHT22": how a row is named in references and confirmations.
    QString describe(const QJsonObject &row) const;
};

} // namespace pulso
