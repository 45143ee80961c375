// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/entitymodels.h"

#include "runtime/serverhost.h"
#include "ui/entitygateway.h"
#include "ui/models/entitytablemodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEntityModels, "pulso.ui.entities")

namespace pulso {

EntityModels::EntityModels(ServerHost &host, QObject *parent) : QObject(parent), m_host(host)
{
    for (EntityKind kind : AllEntityKinds)
        m_models[static_cast<std::size_t>(kind)] = new EntityTableModel(kind, this);
    // Locations and sensors are named where they are referred to; readings keep their number.
    const auto lookup = [this](EntityKind kind, qint64 id) -> QString {
        if (kind != EntityKind::Location && kind != EntityKind::Sensor)
            return {};
        const EntityTableModel *target = model(kind);
        const int row = target->rowOf(id);
        return row >= 0 ? target->schema().describe(target->row(row)) : QString();
    };
    for (EntityKind kind : AllEntityKinds) {
        model(kind)->setReferenceLookup(lookup);
        if (kind != EntityKind::Location && kind != EntityKind::Sensor)
            continue;
        const auto changed = [this, kind] {
            for (EntityKind other : AllEntityKinds)
                model(other)->referencesChanged(kind);
        };
        EntityTableModel *source = model(kind);
        connect(source, &QAbstractItemModel::modelReset, this, changed);
        connect(source, &QAbstractItemModel::rowsInserted, this, changed);
        connect(source, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(source, &QAbstractItemModel::dataChanged, this, changed);
    }
    connect(&m_host, &ServerHost::eventsEmitted, this, &EntityModels::handleEvents);
    connect(&m_host, &ServerHost::started, this, &EntityModels::reloadAll);
    if (m_host.isRunning())
        reloadAll();
}

EntityModels::~EntityModels() = default;

void EntityModels::reloadAll()
{
    for (EntityKind kind : AllEntityKinds)
        reload(kind);
}

void EntityModels::reload(EntityKind kind)
{
    const auto i = static_cast<std::size_t>(kind);
    if (m_loading[i]++ == 0)
        m_sinceLoad[i].clear();
    EntityGateway::ListQuery query;
    query.maxRows = model(kind)->maxRows();
    m_host.call<QList<QJsonObject>>(
        this, [kind, query](Server &server) { return EntityGateway::list(server, kind, query); },
        [this, kind, i](const Result<QList<QJsonObject>> &result) {
            --m_loading[i];
            if (!result) {
                qCWarning(lcEntityModels) << "loading" << EntitySchema::forKind(kind).entityType
                                          << "failed:" << result.error().message;
                Q_EMIT loadFailed(kind, result.error().message);
                return;
            }
            model(kind)->setRows(*result);
            model(kind)->applyEvents(m_sinceLoad[i]);
            if (m_loading[i] == 0)
                m_sinceLoad[i].clear();
        });
}

void EntityModels::handleEvents(const QList<Event> &events)
{
    for (EntityKind kind : AllEntityKinds) {
        const auto i = static_cast<std::size_t>(kind);
        if (m_loading[i] > 0) {
            const QString &type = model(kind)->schema().entityType;
            for (const Event &event : events) {
                if (event.draft().entityType == type)
                    m_sinceLoad[i].append(event);
            }
        }
        if (model(kind)->isLoaded())
            model(kind)->applyEvents(events);
    }
}

} // namespace pulso
