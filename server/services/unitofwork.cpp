// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/unitofwork.h"

#include "services/eventemitter.h"
#include "storage/eventstore.h"

namespace pulso {

UnitOfWork::UnitOfWork(const ServiceContext &context) : m_context(context), m_tx(context.db) { }

Result<Event> UnitOfWork::record(EventDraft draft)
{
    Result<Event> event = m_context.events.append(m_tx, std::move(draft));
    if (event)
        m_events.append(*event);
    return event;
}

Status UnitOfWork::recordAll(QList<EventDraft> drafts)
{
    Result<QList<Event>> events = m_context.events.appendAll(m_tx, std::move(drafts));
    if (!events)
        return events.error();
    m_events.append(*events);
    return Ok {};
}

Status UnitOfWork::commit()
{
    if (Status s = m_tx.commit(); !s) {
        m_events.clear();
        return s;
    }
    const QList<Event> events = std::exchange(m_events, {});
    for (const Event &event : events)
        m_context.emitter.emitEvent(event);
    return Ok {};
}

} // namespace pulso
