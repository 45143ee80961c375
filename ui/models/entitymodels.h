// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"
#include "ui/models/entityschema.h"

#include <QObject>

#include <array>

namespace pulso {

class EntityTableModel;
class ServerHost;

/// The five entity tables of the console, loaded through the services when the server starts and kept
/// current by the events it emits. Shared by the data pages, the dialogs' reference pickers and the chart.
class EntityModels final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityModels)

public:
    explicit EntityModels(ServerHost &host, QObject *parent = nullptr);
    ~EntityModels() override;

    EntityTableModel *model(EntityKind kind) const { return m_models[static_cast<std::size_t>(kind)]; }
    /// Loads `kind` again from the database.
    void reload(EntityKind kind);
    void reloadAll();

Q_SIGNALS:
    void loadFailed(pulso::EntityKind kind, const QString &message);

private:
    void handleEvents(const QList<pulso::Event> &events);

    ServerHost &m_host;
    std::array<EntityTableModel *, 5> m_models {};
    /// Per kind: events seen since a load was asked for, re-applied on top of its result (they may or may
    /// not be in it; applying them is idempotent), so nothing committed meanwhile is lost.
    std::array<QList<Event>, 5> m_sinceLoad;
    std::array<int, 5> m_loading {};
};

} // namespace pulso
