// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/tokenstore.h"

#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Columns = u"id, name, role, created_at, last_used_at, revoked_at"_s;

ApiToken readRow(const QSqlQuery &q)
{
    ApiToken t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.role = roleFromName(q.value(2).toString()).value_or(Role::Reader);
    t.createdAt = q.value(3).toLongLong();
    t.lastUsedAt = optionalInt(q, 4);
    t.revokedAt = optionalInt(q, 5);
    return t;
}

} // namespace

Result<ApiToken> TokenStore::insert(const ApiToken &value, const QByteArray &hashHex)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {value.name, roleName(value.role), QString::fromLatin1(hashHex), value.createdAt},
            u"insert token"_s);
        !s)
        return s.error();
    ApiToken stored = value;
    q.next();
    stored.id = q.value(0).toLongLong();
    q.finish();
    return stored;
}

Result<std::optional<ApiToken>> TokenStore::find(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"SELECT "_s + Columns + u" FROM api_tokens WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find token"_s); !s)
        return s.error();
    std::optional<ApiToken> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Result<std::optional<ApiToken>> TokenStore::findByHash(const QByteArray &hashHex)
{
    Result<QSqlQuery *> query
        = m_statements.get(u"SELECT "_s + Columns + u" FROM api_tokens WHERE token_hash = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {QString::fromLatin1(hashHex)}, u"find token by hash"_s); !s)
        return s.error();
    std::optional<ApiToken> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Result<QList<ApiToken>> TokenStore::list()
{
    Result<QSqlQuery *> query = m_statements.get(u"SELECT "_s + Columns + u" FROM api_tokens ORDER BY id"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {}, u"list tokens"_s); !s)
        return s.error();
    QList<ApiToken> out;
    while (q.next())
        out.append(readRow(q));
    q.finish();
    return out;
}

Result<bool> TokenStore::revoke(qint64 id, TimeMs at)
{
    Result<QSqlQuery *> query
        = m_statements.get(u"UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {at, id}, u"revoke token"_s); !s)
        return s.error();
    const int changed = q.numRowsAffected();
    q.finish();
    return changed > 0;
}

Status TokenStore::touch(qint64 id, TimeMs at)
{
    Result<QSqlQuery *> query = m_statements.get(u"UPDATE api_tokens SET last_used_at = ? WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {at, id}, u"touch token"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<QSet<qint64>> TokenStore::revokedIds()
{
    Result<QSqlQuery *> query = m_statements.get(u"SELECT id FROM api_tokens WHERE revoked_at IS NOT NULL"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {}, u"list revoked tokens"_s); !s)
        return s.error();
    QSet<qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong());
    q.finish();
    return out;
}

Result<bool> TokenStore::anyActive()
{
    Result<QSqlQuery *> query
        = m_statements.get(u"SELECT EXISTS (SELECT 1 FROM api_tokens WHERE revoked_at IS NULL)"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {}, u"check tokens"_s); !s)
        return s.error();
    const bool any = q.next() && q.value(0).toInt() != 0;
    q.finish();
    return any;
}

Result<qint64> TokenStore::dataVersion()
{
    Result<QSqlQuery *> query = m_statements.get(u"PRAGMA data_version"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {}, u"read data_version"_s); !s)
        return s.error();
    const qint64 version = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return version;
}

} // namespace pulso
