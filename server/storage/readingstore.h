// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "storage/sqlitestatement.h"
#include "storage/sqlsupport.h"

#include <map>
#include <memory>
#include <optional>

namespace pulso {

class Database;

/// The `readings` table: the hot path of Pulso's writes. Called inside the caller's transaction.
class ReadingStore final
{
public:
    explicit ReadingStore(Database &db);
    Q_DISABLE_COPY_MOVE(ReadingStore)

    /// Sets `value.id` on success.
    Status insert(Reading &value);
    /// Inserts all of `values` in order with multi-row statements and sets their ids: the ids the same
    /// number of single inserts would have got (AUTOINCREMENT's next ones). Inside the caller's transaction.
    Status insertAll(QList<Reading> &values);
    Result<std::optional<Reading>> find(qint64 id);
    Status update(const Reading &value);
    Status remove(qint64 id);
    /// Newest `timestamp` first (ties: highest id first).
    Result<Page<Reading>> list(const SeriesFilter &filter, const PageRequest &page);
    Result<bool> anyForSensor(qint64 sensorId);

    void reset()
    {
        m_statements.clear();
        m_insert.finalize();
        m_insertMany.clear();
    }

private:
    Database &m_db;
    StatementCache m_statements;
    SqliteStatement m_insert;
    MultiRowInsert m_insertMany;
};

} // namespace pulso
