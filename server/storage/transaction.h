// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <functional>
#include <vector>

namespace pulso {

class Database;

/// RAII transaction: begins on construction, rolls back on destruction unless committed.
/// Stores register rollback hooks to undo in-memory state (e.g. the next event seq).
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    /// False when BEGIN failed; `beginError()` says why.
    bool isActive() const { return m_active; }
    /// True when it joined the database's commit group (Database::GroupScope): commit() then only hands
    /// its writes to the group, which commits them later.
    bool isGrouped() const { return m_grouped; }
    const Error &beginError() const { return m_beginError; }

    Status commit();
    void rollback();
    void onRollback(std::function<void()> hook);

private:
    Database &m_db;
    bool m_active = false;
    bool m_grouped = false;
    Error m_beginError;
    std::vector<std::function<void()>> m_rollbackHooks;
};

} // namespace pulso
