// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/eventlogfilter.h"

#include "ui/models/eventlogmodel.h"

using namespace Qt::StringLiterals;

namespace pulso {

EventLogFilter::EventLogFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

EventLogFilter::~EventLogFilter() = default;

void EventLogFilter::setLogModel(EventLogModel *model)
{
    m_log = model;
    setSourceModel(model);
}

void EventLogFilter::setChannel(std::optional<Channel> channel)
{
    if (m_channel == channel)
        return;
    m_channel = channel;
    invalidateRowsFilter();
}

void EventLogFilter::setEntityType(const QString &entityType)
{
    if (m_entityType == entityType)
        return;
    m_entityType = entityType;
    invalidateRowsFilter();
}

void EventLogFilter::setEventType(const QString &eventType)
{
    if (m_eventType == eventType)
        return;
    m_eventType = eventType;
    invalidateRowsFilter();
}

void EventLogFilter::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

bool EventLogFilter::isFiltering() const
{
    return m_channel || !m_entityType.isEmpty() || !m_eventType.isEmpty() || !m_search.isEmpty();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return false;
    const LogEntry &e = m_log->entry(sourceRow);
    if (m_channel && e.channel != *m_channel)
        return false;
    if (!m_entityType.isEmpty() && e.entityType != m_entityType)
        return false;
    if (!m_eventType.isEmpty() && e.eventType != m_eventType)
        return false;
    if (m_search.isEmpty())
        return true;
    if (e.summary.contains(m_search, Qt::CaseInsensitive))
        return true;
    if (e.entityId && QString::number(*e.entityId) == m_search)
        return true;
    // The whole event, so a search finds values the summary left out.
    return QString::fromUtf8(e.json).contains(m_search, Qt::CaseInsensitive);
}

} // namespace pulso
