// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/event.h"
#include "storage/transaction.h"

#include <QList>

namespace pulso {

class Database;
class EventEmitter;
class EventStore;

/// What every service needs to write and announce a change.
struct ServiceContext
{
    Database &db;
    EventStore &events;
    EventEmitter &emitter;
};

/// One change: a transaction plus the events it records. `commit()` commits and only then emits the events,
/// in seq order; destroyed uncommitted, it rolls back and emits nothing. Inside a Database::GroupScope the
/// events wait for the group's commit (and are dropped if it fails).
class UnitOfWork final
{
public:
    explicit UnitOfWork(const ServiceContext &context);
    Q_DISABLE_COPY_MOVE(UnitOfWork)

    bool isActive() const { return m_tx.isActive(); }
    const Error &beginError() const { return m_tx.beginError(); }
    Transaction &transaction() { return m_tx; }

    /// Appends an event to the outbox in this transaction.
    Result<Event> record(EventDraft draft);
    /// Appends many events (consecutive seqs, in order) with multi-row inserts.
    Status recordAll(QList<EventDraft> drafts);
    Status commit();

private:
    const ServiceContext &m_context;
    Transaction m_tx;
    QList<Event> m_events;
};

} // namespace pulso
