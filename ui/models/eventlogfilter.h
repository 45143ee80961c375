// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace pulso {

class EventLogModel;

/// The event log's filters: channel, entity type, event type (or system level) and free text over the
/// summary and the event's JSON. Keeps the log's seq order (no sorting).
class EventLogFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogFilter)

public:
    explicit EventLogFilter(QObject *parent = nullptr);
    ~EventLogFilter() override;

    void setLogModel(EventLogModel *model);
    EventLogModel *logModel() const { return m_log; }

    /// nullopt: every channel.
    void setChannel(std::optional<Channel> channel);
    /// Empty: every entity type; "system" for system events.
    void setEntityType(const QString &entityType);
    /// Empty: every event type; a level name ("info") matches system events.
    void setEventType(const QString &eventType);
    /// Case-insensitive substring; empty matches everything.
    void setSearchText(const QString &text);

    std::optional<Channel> channel() const { return m_channel; }
    QString entityType() const { return m_entityType; }
    QString eventType() const { return m_eventType; }
    QString searchText() const { return m_search; }
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogModel *m_log = nullptr;
    std::optional<Channel> m_channel;
    QString m_entityType;
    QString m_eventType;
    QString m_search;
};

} // namespace pulso
