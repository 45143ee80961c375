// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/transaction.h"

#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pulso {

Transaction::Transaction(Database &db) : m_db(db)
{
    if (!m_db.isConnected()) {
        m_beginError
            = Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s, u"The database is not open."_s);
        return;
    }
    // A BEGIN prepared once (measured: QSqlDatabase::transaction() prepares it anew every time).
    Status begun = m_db.begin();
    m_active = begun.ok();
    if (!m_active)
        m_beginError = begun.error();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return m_beginError;
    // COMMIT as a statement: QSqlDatabase::commit() drops SQLite's result code from its error, which turned a
    // full disk or an I/O error at commit into a 500 instead of the 503 storageError() gives them.
    if (Status s = m_db.commit(); !s) {
        Error error = s.error();
        rollback();
        return error;
    }
    m_active = false;
    m_rollbackHooks.clear();
    return Ok {};
}

void Transaction::rollback()
{
    if (m_active) {
        m_db.rollback();
        m_active = false;
    }
    // Hooks run in reverse order of registration, like destructors.
    for (auto it = m_rollbackHooks.rbegin(); it != m_rollbackHooks.rend(); ++it)
        (*it)();
    m_rollbackHooks.clear();
}

void Transaction::onRollback(std::function<void()> hook)
{
    m_rollbackHooks.push_back(std::move(hook));
}

} // namespace pulso
