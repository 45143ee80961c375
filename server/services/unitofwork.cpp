// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/unitofwork.h"

#include "services/eventemitter.h"
#include "storage/database.h"
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
    QList<Event> events = std::exchange(m_events, {});
    if (m_tx.isGrouped()) {
        // Announced when the group is durable, in the order the members joined it; never if it fails.
        if (!events.isEmpty()) {
            m_context.db.whenGroupEnds(
                [emitter = &m_context.emitter, events = std::move(events)](const Status &outcome) {
                    if (outcome) {
                        for (const Event &event : events)
                            emitter->emitEvent(event);
                    }
                });
        }
        return Ok {};
    }
    for (const Event &event : std::as_const(events))
        m_context.emitter.emitEvent(event);
    return Ok {};
}

} // namespace pulso
