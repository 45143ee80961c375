// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/apitoken.h"
#include "core/error.h"
#include "services/domainsupport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace pulso {

class Database;
class TokenStore;

/// A token just created: its record and the secret, which exists nowhere else and is never shown again.
struct IssuedToken
{
    ApiToken token;
    QByteArray secret; ///< "pulso_" + 43 base64url characters (256 random bits)
};

/// API tokens: create, list, revoke, and check a presented secret. Only the SHA-256 of a secret is stored.
/// This is the API the command line, the admin REST endpoints and the console share; it lives in the
/// server thread (it uses the server's database connection), so the console calls it through ServerHost.
class TokenService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenService)

public:
    static constexpr qsizetype MaxNameLength = 100;
    static constexpr qsizetype MaxSecretLength = 256;
    /// last_used_at is written at most this often per token.
    static constexpr TimeMs TouchIntervalMs = 60 * 1000;

    explicit TokenService(Database &db, domain::Clock clock = {}, QObject *parent = nullptr);
    ~TokenService() override;

    /// A new token; 422 when the name is empty, too long or has control characters.
    Result<IssuedToken> create(const QString &name, Role role);
    /// From a JSON body {"name": "...", "role": "reader|writer|admin"}; 422 naming each bad field.
    Result<IssuedToken> create(const QJsonObject &body);
    Result<ApiToken> get(qint64 id);
    /// Every token, revoked ones included, oldest first.
    Result<QList<ApiToken>> list();
    /// Revokes (idempotent: an already revoked token is returned unchanged); 404 for an unknown id.
    /// Emits tokenRevoked the first time.
    Result<ApiToken> revoke(qint64 id);

    /// The token a presented secret belongs to (revoked ones included, check isRevoked()); nullopt when
    /// the secret matches no token. Updates last_used_at, at most once per TouchIntervalMs.
    Result<std::optional<ApiToken>> authenticate(QByteArrayView secret);
    /// Whether any unrevoked token exists (to tell "no tokens at all" from "wrong token").
    Result<bool> hasActiveTokens();

    /// Emits tokenRevoked for tokens another process (`pulso token revoke`) revoked since the last call.
    /// Cheap when nothing changed: one PRAGMA data_version.
    void pollRevocations();

    /// Lower-case hex SHA-256 of a secret: what the database keeps.
    static QByteArray hashSecret(QByteArrayView secret);
    /// A fresh random secret.
    static QByteArray generateSecret();

    /// Drops prepared statements; call before the database closes.
    void reset();

Q_SIGNALS:
    void tokenCreated(const pulso::ApiToken &token);
    void tokenRevoked(qint64 id);

private:
    Database &m_db;
    std::unique_ptr<TokenStore> m_store;
    domain::Clock m_clock;
    std::optional<qint64> m_dataVersion;
    QSet<qint64> m_knownRevoked;
};

} // namespace pulso
