// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/transaction.h"

#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <utility>

using namespace Qt::StringLiterals;

namespace pulso {

Transaction::Transaction(Database &db) : m_db(db)
{
    if (!m_db.isConnected()) {
        m_beginError
            = Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s, u"The database is not open."_s);
        return;
    }
    if (m_db.grouping()) {
        m_grouped = true;
        Status joined = m_db.joinGroup();
        m_active = joined.ok();
        if (!m_active)
            m_beginError = joined.error();
        return;
    }
    // Whatever a commit group holds is committed first: this transaction's reads and writes come after it.
    m_db.settle();
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
    if (m_grouped) {
        if (Status s = m_db.releaseMember(m_rollbackHooks); !s) {
            Error error = s.error();
            rollback();
            return error;
        }
        m_active = false;
        return Ok {};
    }
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
    const bool wasActive = std::exchange(m_active, false);
    if (wasActive && !m_grouped)
        m_db.rollback();
    // Hooks run in reverse order of registration, like destructors; a group member's before those of the
    // members that joined earlier (which the group runs if rolling this one back ends it).
    for (auto it = m_rollbackHooks.rbegin(); it != m_rollbackHooks.rend(); ++it)
        (*it)();
    m_rollbackHooks.clear();
    if (wasActive && m_grouped)
        m_db.rollbackMember();
}

void Transaction::onRollback(std::function<void()> hook)
{
    m_rollbackHooks.push_back(std::move(hook));
}

} // namespace pulso
