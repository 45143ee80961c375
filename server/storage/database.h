// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;
class QSqlQuery;

namespace pulso {

/// One named SQLite connection, owned by the thread that opened it: pragmas, migrations, error mapping.
class Database final
{
public:
    /// `connectionName` must be unique per thread (e.g. "pulso-server").
    explicit Database(QString connectionName);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    /// Opens (creating the file and its folder when missing), sets WAL, foreign keys and the busy timeout,
    /// then applies pending migrations in one transaction.
    Status open(const QString &path);
    /// How long a write waits for another connection's lock before failing with storage_busy (503).
    void setBusyTimeout(int msec) { m_busyTimeoutMs = msec; }
    void close();
    bool isOpen() const;

    QSqlDatabase handle() const;
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    /// Runs one statement without bound values (DDL, pragmas).
    Status exec(const QString &sql);
    /// Prepares a statement on this connection.
    Result<QSqlQuery> prepare(const QString &sql) const;

private:
    QString m_connectionName;
    QString m_path;
    int m_schemaVersion = 0;
    int m_busyTimeoutMs = 5000;
};

/// Maps a driver error to a typed Error: busy/locked/read-only/full -> Unavailable, constraint -> Conflict.
Error storageError(const QSqlError &error, const QString &context);
/// Executes a prepared query; on failure returns the mapped error.
Status execQuery(QSqlQuery &query, const QString &context);

} // namespace pulso
