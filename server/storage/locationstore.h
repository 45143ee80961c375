// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "storage/sqlsupport.h"

#include <optional>

namespace pulso {

class Database;

/// The `locations` table. Called inside the caller's transaction; knows SQL, not events.
class LocationStore final
{
public:
    explicit LocationStore(Database &db) : m_statements(db) { }
    Q_DISABLE_COPY_MOVE(LocationStore)

    /// Inserts `value` (its id is ignored) and returns it with the new id.
    Result<Location> insert(const Location &value);
    Result<std::optional<Location>> find(qint64 id);
    Result<bool> exists(qint64 id);
    /// Writes every field of the row `value.id`; NotFound when there is none.
    Status update(const Location &value);
    Status remove(qint64 id);
    /// Ordered by id.
    Result<Page<Location>> list(const PageRequest &page);

    /// Drops the prepared statements (before the database closes).
    void reset() { m_statements.clear(); }

private:
    StatementCache m_statements;
};

} // namespace pulso
