// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/migrations.h"

#include "storage/database.h"
#include "storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pulso {

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1,
            {
                // Key/value facts about this database; `epoch` changes only when the history is reset.
                u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                u"INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(8))))"_s,
                // The outbox: every event, written in the transaction of the change that caused it.
                // AUTOINCREMENT so that a seq is never reused, even after retention empties the table.
                u"CREATE TABLE events ("
                "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  channel TEXT NOT NULL,"
                "  created_at TEXT NOT NULL,"
                "  payload TEXT NOT NULL)"_s,
                u"CREATE INDEX events_channel_seq ON events (channel, seq)"_s,
            }},
    };
    return all;
}

Result<int> applyMigrations(Database &db)
{
    if (Status s = db.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s); !s)
        return s.error();

    int current = 0;
    {
        QSqlQuery query(db.handle());
        if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s) || !query.next())
            return storageError(query.lastError(), u"read schema_version"_s);
        current = query.value(0).toInt();
    }
    const int latest = migrations().isEmpty() ? 0 : migrations().constLast().version;
    if (current > latest) {
        return Error::make(ErrorKind::Internal, u"schema_too_new"_s,
            u"The database has schema version %1, newer than this Pulso (%2); "
            "use a newer Pulso or another database file."_s.arg(current)
                .arg(latest));
    }
    if (current == latest)
        return current;

    Transaction tx(db);
    if (!tx.isActive())
        return tx.beginError();
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        for (const QString &statement : migration.statements) {
            if (Status s = db.exec(statement); !s)
                return s.error();
        }
    }
    {
        QSqlQuery query(db.handle());
        query.prepare(u"INSERT INTO schema_version (version) VALUES (?)"_s);
        query.addBindValue(latest);
        if (Status s = execQuery(query, u"write schema_version"_s); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return latest;
}

} // namespace pulso
