// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/apitoken.h"
#include "core/error.h"
#include "storage/sqlsupport.h"

#include <QList>
#include <QSet>

#include <optional>

namespace pulso {

class Database;

/// The `api_tokens` table: token metadata and the SHA-256 (hex) of each secret. Knows SQL, not secrets.
class TokenStore final
{
public:
    explicit TokenStore(Database &db) : m_statements(db) { }
    Q_DISABLE_COPY_MOVE(TokenStore)

    /// Inserts a token with the hash of its secret; returns it with its id.
    Result<ApiToken> insert(const ApiToken &value, const QByteArray &hashHex);
    Result<std::optional<ApiToken>> find(qint64 id);
    /// The token whose secret hashes to `hashHex`, revoked or not.
    Result<std::optional<ApiToken>> findByHash(const QByteArray &hashHex);
    /// Every token, oldest first.
    Result<QList<ApiToken>> list();
    /// Sets revoked_at unless already set; false when no such token exists.
    Result<bool> revoke(qint64 id, TimeMs at);
    Status touch(qint64 id, TimeMs at);
    /// Ids of every revoked token.
    Result<QSet<qint64>> revokedIds();
    /// Whether any token is not revoked.
    Result<bool> anyActive();
    /// SQLite's data_version: changes when another connection (e.g. `pulso token revoke`) committed.
    Result<qint64> dataVersion();

    void reset() { m_statements.clear(); }

private:
    StatementCache m_statements;
};

} // namespace pulso
