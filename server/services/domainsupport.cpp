// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/domainsupport.h"

#include "services/unitofwork.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pulso::domain {

Clock systemClock()
{
    return [] { return isotime::now(); };
}

QString actionName(EventType type, QStringView entityType)
{
    switch (type) {
    case EventType::Created:
        return u"create_"_s + entityType;
    case EventType::Updated:
        return u"update_"_s + entityType;
    case EventType::Deleted:
        return u"delete_"_s + entityType;
    case EventType::AnomalyDetected:
        return u"detect_"_s + entityType;
    case EventType::PredictionCompleted:
        return u"complete_"_s + entityType;
    }
    return eventTypeName(type) + u'_' + entityType;
}

QJsonObject changeMetadata(EventType type, QStringView entityType, const QJsonObject &extra)
{
    QJsonObject metadata = extra;
    metadata.insert(u"action"_s, actionName(type, entityType));
    return metadata;
}

Result<Event> recordChange(UnitOfWork &work, QStringView entityType, EventType type, qint64 id,
    const QJsonObject &data, const QJsonObject &extraMetadata)
{
    return work.record(EventDraft::entity(
        entityType.toString(), type, id, data, changeMetadata(type, entityType, extraMetadata)));
}

EventDraft changeDraft(const QString &entityType, EventType type, qint64 id, const QJsonObject &data,
    const QByteArray &dataJson, const QJsonObject &metadata, const QByteArray &metadataJson)
{
    EventDraft draft = EventDraft::entity(entityType, type, id, data, metadata);
    draft.dataJson = dataJson;
    draft.metadataJson = metadataJson;
    return draft;
}

Result<Event> recordChange(UnitOfWork &work, const QString &entityType, EventType type, qint64 id,
    const QJsonObject &data, const QByteArray &dataJson, const QJsonObject &metadata,
    const QByteArray &metadataJson)
{
    return work.record(changeDraft(entityType, type, id, data, dataJson, metadata, metadataJson));
}

Error notFound(QStringView entityType, qint64 id)
{
    return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No %1 with id %2."_s.arg(entityType).arg(id));
}

Error unknownReference(const QString &field, QStringView entityType, qint64 id)
{
    const QString message = u"no %1 with id %2"_s.arg(entityType).arg(id);
    return Error::make(ErrorKind::Validation, u"unknown_reference"_s,
        u"%1: %2; create it first."_s.arg(field, message),
        QJsonArray {QJsonObject {{u"field"_s, field}, {u"message"_s, message}}});
}

Error stillReferenced(QStringView entityType, qint64 id, const QStringList &dependents)
{
    return Error::make(ErrorKind::Conflict, u"still_referenced"_s,
        u"The %1 with id %2 cannot be deleted while %3 refer to it; delete those first."_s.arg(entityType)
            .arg(id)
            .arg(dependents.join(u" and ")));
}

} // namespace pulso::domain
