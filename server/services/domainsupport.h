// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/event.h"
#include "core/isotime.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace pulso {

class UnitOfWork;

/// Helpers shared by the sensor domain's services.
namespace domain {

/// The services' clock (UTC milliseconds); tests may pass a fixed one.
using Clock = std::function<TimeMs()>;
Clock systemClock();

/// "create_sensor", "update_reading", "delete_location".
QString actionName(EventType type, QStringView entityType);

/// Appends the entity event of a change to the unit of work: `data` is the entity as the REST API returns
/// it, metadata.action the change, plus `extraMetadata`.
Result<Event> recordChange(UnitOfWork &work, QStringView entityType, EventType type, qint64 id,
    const QJsonObject &data, const QJsonObject &extraMetadata = {});
/// metadata.action of a change plus `extra`, for callers that record many changes alike.
QJsonObject changeMetadata(EventType type, QStringView entityType, const QJsonObject &extra = {});
/// The draft of a change's event for a caller that already has the compact JSON of `data` and of the full
/// `metadata` (from changeMetadata) — the readings hot path: no QJsonDocument per event. `data` may be empty:
/// Event::data() then builds the object from `dataJson` when asked.
EventDraft changeDraft(const QString &entityType, EventType type, qint64 id, const QJsonObject &data,
    const QByteArray &dataJson, const QJsonObject &metadata, const QByteArray &metadataJson);
/// Records changeDraft(...).
Result<Event> recordChange(UnitOfWork &work, const QString &entityType, EventType type, qint64 id,
    const QJsonObject &data, const QByteArray &dataJson, const QJsonObject &metadata,
    const QByteArray &metadataJson);

/// 404 "not_found": "No sensor with id 7."
Error notFound(QStringView entityType, qint64 id);
/// 422 "unknown_reference" naming `field`: "sensor_id: no sensor with id 99".
Error unknownReference(const QString &field, QStringView entityType, qint64 id);
/// 409 "still_referenced": the entity cannot be deleted while `dependents` (e.g. "readings") refer to it.
Error stillReferenced(QStringView entityType, qint64 id, const QStringList &dependents);

} // namespace domain
} // namespace pulso
