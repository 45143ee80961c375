// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/apitoken.h"
#include "core/error.h"
#include "net/httpresponse.h"

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>

#include <optional>

class QObject;

namespace pulso {

class TokenService;

/// --auth: who needs a token.
enum class AuthMode : quint8 {
    Open, ///< nobody (except for admin endpoints and /api/v1/ws/secure, which always do)
    Remote, ///< writes from other machines need a writer token; the machine itself needs none
    All, ///< every request, from anywhere
};
QString authModeName(AuthMode mode);
std::optional<AuthMode> authModeFromName(QStringView name);

/// Who is asking, once the policy let the request through.
struct Access
{
    std::optional<Role> role; ///< nullopt: no token was presented
    qint64 tokenId = 0; ///< the stored token's id; 0 for none and for the bootstrap token
    bool bootstrap = false; ///< the --token / PULSO_TOKEN secret (admin)
    bool local = false; ///< trusted as this machine (see AuthPolicy::isLocal)

    /// The key rate limits count under: "token:<id>", "bootstrap" or "address:<ip>".
    QString rateKey(const QHostAddress &peer) const;
};

/// What the policy needs to know about one request.
struct AccessRequest
{
    QByteArray method;
    QString path;
    QHostAddress peer;
    QByteArray host; ///< the Host header
    QByteArray bearer; ///< from "Authorization: Bearer ..."
    QByteArray queryToken; ///< the `token` query parameter; honoured only for WebSocket upgrades
    bool upgrade = false;
};

/// The one place that decides who may do what: --auth mode, tokens and roles, the bootstrap token,
/// which peers count as this machine, and which browser origins may talk to the server. Used once around
/// the routes (HttpApi) and once per WebSocket upgrade (WebSocketHub::checkUpgrade); never by handlers.
class AuthPolicy final
{
public:
    struct Options
    {
        AuthMode mode = AuthMode::Remote;
        QByteArray bootstrapToken; ///< --token / PULSO_TOKEN: an admin token that lives outside the database
        /// Treat loopback peers as remote ones (tests of the "other machine" rules from 127.0.0.1).
        bool loopbackIsRemote = false;
        /// Browser origins allowed besides the server's own ("*" allows every origin, "null" file:// pages).
        QStringList allowedOrigins;
    };

    explicit AuthPolicy(Options options, TokenService *tokens = nullptr);

    const Options &options() const { return m_options; }
    AuthMode mode() const { return m_options.mode; }
    /// Paths starting with `prefix` need an admin token in every mode.
    void addAdminPrefix(const QString &prefix) { m_adminPrefixes.append(prefix); }
    /// WebSocket upgrades to `path` need a reader token (or better) in every mode, e.g. /api/v1/ws/secure.
    void addTokenPath(const QString &path) { m_tokenPaths.append(path); }

    /// The role `request` needs; nullopt when it needs no token.
    std::optional<Role> requiredRole(const AccessRequest &request, bool local) const;
    /// 401 (missing, wrong or revoked token), 403 (role too low) or the access granted. A token that is
    /// presented is always checked, even where none is needed.
    Result<Access> authorize(const AccessRequest &request) const;

    /// A loopback peer, unless loopbackIsRemote: what resource limits exempt.
    bool isLoopback(const QHostAddress &peer) const;
    /// A loopback peer that named this machine in Host (localhost, an IP literal or the host name), so a
    /// web page whose DNS name was rebound to 127.0.0.1 does not count as this machine.
    bool isLocal(const QHostAddress &peer, QByteArrayView host) const;
    /// 403 "origin_not_allowed" unless `origin` is absent (not a browser), the server's own (same host and
    /// port as `host`) or allowed by --allowed-origin.
    std::optional<Error> checkOrigin(QByteArrayView origin, QByteArrayView host) const;

    /// Whether a page at `origin` was allowed by --allowed-origin ("*" included; "null" only if listed):
    /// who gets CORS headers on REST answers. The server's own pages need none.
    bool isAllowedOrigin(QByteArrayView origin) const;

    static bool isWrite(QByteArrayView method);

private:
    Result<Access> identify(const QByteArray &secret, bool tokenPath) const;
    /// Whether any token could be accepted at all (the bootstrap one or an unrevoked stored one).
    bool anyCredential() const;

    Options m_options;
    TokenService *m_tokens;
    QStringList m_adminPrefixes;
    QStringList m_tokenPaths;
    QStringList m_normalizedOrigins;
};

/// The HTTP answer to a refusal made around the routes: the JSON error, `WWW-Authenticate: Bearer` on
/// 401 and `Retry-After` when `retryAfterSeconds` > 0.
HttpResponse refusalResponse(const Error &error, int retryAfterSeconds = 0);
/// 429 "too_many_requests" naming what was limited and when to retry.
Error tooManyRequests(const QString &what, int retryAfterSeconds);

/// The stored token an upgraded socket authenticated with, carried from the front listener to the hub.
void attachTokenId(QObject *socket, qint64 tokenId);
qint64 attachedTokenId(const QObject *socket);

} // namespace pulso
