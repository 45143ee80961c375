// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/authpolicy.h"

#include "net/ratelimiter.h"
#include "services/tokenservice.h"

#include <QObject>
#include <QStringTokenizer>
#include <QSysInfo>
#include <QUrl>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

/// Constant-time comparison for secrets.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Length is not secret; the content comparison takes the same time wherever the first difference is.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

constexpr char TokenIdProperty[] = "pulso_token_id";

/// Whether `path` starts with `prefix` segment by segment (empty segments skipped); `whole`: and has no more.
/// Compared through views: an upgrade or request checks every prefix, and splitting allocated lists each
/// time.
bool matchesSegments(QStringView path, QStringView prefix, bool whole)
{
    const auto pathSegments = qTokenize(path, u'/', Qt::SkipEmptyParts);
    const auto prefixSegments = qTokenize(prefix, u'/', Qt::SkipEmptyParts);
    auto segment = pathSegments.begin();
    for (QStringView wanted : prefixSegments) {
        if (segment == pathSegments.end() || *segment != wanted)
            return false;
        ++segment;
    }
    return !whole || segment == pathSegments.end();
}

int defaultPort(QStringView scheme)
{
    return scheme == u"https" || scheme == u"wss" ? 443 : 80;
}

/// "host" and port of a Host header ("example.lan:8000", "[::1]:8000", "example.lan"); port -1 if absent.
std::pair<QString, int> splitHost(QByteArrayView host)
{
    QString text = QString::fromLatin1(host).trimmed().toLower();
    int port = -1;
    qsizetype colon = -1;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return {text, -1};
        colon = text.indexOf(u':', close);
        if (colon < 0)
            return {text.mid(1, close - 1), -1};
        bool ok = false;
        port = text.mid(colon + 1).toInt(&ok);
        return {text.mid(1, close - 1), ok ? port : -2};
    }
    colon = text.lastIndexOf(u':');
    if (colon < 0)
        return {text, -1};
    bool ok = false;
    port = text.mid(colon + 1).toInt(&ok);
    return {text.left(colon), ok ? port : -2};
}

/// "scheme://host:port" with the default port spelled out; empty when `origin` is not a URL origin.
QString normalizeOrigin(QStringView origin)
{
    const QUrl url(origin.toString().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    return scheme + u"://"_s + url.host().toLower() + u':' + QString::number(url.port(defaultPort(scheme)));
}

bool isThisMachine(const QString &host)
{
    // DNS rebinding needs a name in a domain the attacker controls, so names without a dot (LAN names,
    // "localhost") are safe; so are IP literals and this machine's own name.
    if (host.isEmpty() || !host.contains(u'.') || host.endsWith(u".localhost"))
        return true;
    if (!QHostAddress(host).isNull())
        return true;
    const QString name = QSysInfo::machineHostName().toLower();
    return !name.isEmpty() && (host == name || host == name + u".local" || host.startsWith(name + u'.'));
}

Error noCredentials()
{
    return Error::make(ErrorKind::Unauthorized, u"secure_disabled"_s,
        u"The secure endpoint needs a token and this server has none: create one with "
        "`pulso token create --name NAME --role reader`, or start Pulso with --token or PULSO_TOKEN."_s);
}

} // namespace

QString authModeName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Open:
        return u"open"_s;
    case AuthMode::Remote:
        return u"remote"_s;
    case AuthMode::All:
        return u"all"_s;
    }
    return u"remote"_s;
}

std::optional<AuthMode> authModeFromName(QStringView name)
{
    for (AuthMode mode : {AuthMode::Open, AuthMode::Remote, AuthMode::All}) {
        if (name == authModeName(mode))
            return mode;
    }
    return std::nullopt;
}

QString Access::rateKey(const QHostAddress &peer) const
{
    if (tokenId > 0)
        return u"token:"_s + QString::number(tokenId);
    if (bootstrap)
        return u"bootstrap"_s;
    return u"address:"_s + addressKey(peer);
}

AuthPolicy::AuthPolicy(Options options, TokenService *tokens)
    : m_options(std::move(options)), m_tokens(tokens)
{
    for (const QString &origin : std::as_const(m_options.allowedOrigins)) {
        const QString normalized = origin == u"*" || origin == u"null" ? origin : normalizeOrigin(origin);
        if (!normalized.isEmpty())
            m_normalizedOrigins.append(normalized);
    }
}

bool AuthPolicy::isWrite(QByteArrayView method)
{
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool AuthPolicy::isLoopback(const QHostAddress &peer) const
{
    if (m_options.loopbackIsRemote)
        return false;
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    return peer.isLoopback() || (mapped && QHostAddress(v4).isLoopback());
}

bool AuthPolicy::isLocal(const QHostAddress &peer, QByteArrayView host) const
{
    return isLoopback(peer) && isThisMachine(splitHost(host).first);
}

std::optional<Role> AuthPolicy::requiredRole(const AccessRequest &request, bool local) const
{
    for (const QString &prefix : m_adminPrefixes) {
        if (matchesSegments(request.path, prefix, false))
            return Role::Admin;
    }
    // A token path is a WebSocket endpoint; a plain GET on it only learns that it needs an upgrade (426).
    for (const QString &tokenPath : m_tokenPaths) {
        if (request.upgrade && matchesSegments(request.path, tokenPath, true))
            return Role::Reader;
    }
    const bool write = isWrite(request.method);
    switch (m_options.mode) {
    case AuthMode::Open:
        return std::nullopt;
    case AuthMode::Remote:
        return local || !write ? std::nullopt : std::optional<Role>(Role::Writer);
    case AuthMode::All:
        return write ? Role::Writer : Role::Reader;
    }
    return Role::Admin;
}

bool AuthPolicy::anyCredential() const
{
    if (!m_options.bootstrapToken.isEmpty())
        return true;
    if (!m_tokens)
        return false;
    const Result<bool> any = m_tokens->hasActiveTokens();
    return !any.ok() || *any; // when unsure, do not claim there are none
}

Result<Access> AuthPolicy::identify(const QByteArray &secret, bool tokenPath) const
{
    if (!m_options.bootstrapToken.isEmpty() && constantTimeEquals(secret, m_options.bootstrapToken)) {
        Access access;
        access.role = Role::Admin;
        access.bootstrap = true;
        return access;
    }
    if (m_tokens) {
        Result<std::optional<ApiToken>> found = m_tokens->authenticate(secret);
        if (!found)
            return found.error();
        if (*found && (*found)->isRevoked()) {
            return Error::make(ErrorKind::Unauthorized, u"token_revoked"_s,
                u"This token was revoked; ask the operator for a new one."_s);
        }
        if (*found) {
            Access access;
            access.role = (*found)->role;
            access.tokenId = (*found)->id;
            return access;
        }
    }
    if (tokenPath && !anyCredential())
        return noCredentials();
    return Error::make(ErrorKind::Unauthorized, u"invalid_token"_s, u"The token is not valid."_s);
}

Result<Access> AuthPolicy::authorize(const AccessRequest &request) const
{
    const bool local = isLocal(request.peer, request.host);
    bool tokenPath = false;
    for (const QString &candidate : m_tokenPaths)
        tokenPath = tokenPath || matchesSegments(request.path, candidate, true);
    QByteArray secret = request.bearer;
    if (secret.isEmpty() && request.upgrade)
        secret = request.queryToken;

    Access access;
    if (!secret.isEmpty()) {
        Result<Access> identified = identify(secret, tokenPath);
        if (!identified)
            return identified.error();
        access = *identified;
    }
    access.local = local;

    const std::optional<Role> required = requiredRole(request, local);
    if (!required)
        return access;
    if (!access.role) {
        if (tokenPath && !anyCredential())
            return noCredentials();
        const QString how = request.upgrade ? u"pass ?token=<token> or an Authorization: Bearer header"_s
                                            : u"send an Authorization: Bearer <token> header"_s;
        return Error::make(ErrorKind::Unauthorized, u"missing_token"_s,
            u"A token is required (%1 or better): %2."_s.arg(roleName(*required), how));
    }
    if (*access.role < *required) {
        return Error::make(ErrorKind::Forbidden, u"insufficient_role"_s,
            u"This needs a %1 token; the token sent is a %2 token."_s.arg(
                roleName(*required), roleName(*access.role)));
    }
    return access;
}

std::optional<Error> AuthPolicy::checkOrigin(QByteArrayView origin, QByteArrayView host) const
{
    if (origin.isEmpty())
        return std::nullopt; // not a browser: browsers always send Origin on WebSocket and cross-site writes
    const QString text = QString::fromLatin1(origin).trimmed();
    if (m_normalizedOrigins.contains(u"*"_s))
        return std::nullopt;
    if (text == u"null") {
        if (m_normalizedOrigins.contains(u"null"_s))
            return std::nullopt;
    } else if (const QString normalized = normalizeOrigin(text); !normalized.isEmpty()) {
        if (m_normalizedOrigins.contains(normalized))
            return std::nullopt;
        // Same origin: the page came from this server, under the name and port the request was sent to.
        const QUrl url(text);
        const auto [hostName, hostPort] = splitHost(host);
        const int port = hostPort == -1 ? defaultPort(url.scheme().toLower()) : hostPort;
        if (!hostName.isEmpty() && url.host().toLower() == hostName
            && url.port(defaultPort(url.scheme().toLower())) == port)
            return std::nullopt;
    }
    return Error::make(ErrorKind::Forbidden, u"origin_not_allowed"_s,
        u"Requests from the web page at %1 are not allowed; the operator can allow it with "
        "--allowed-origin %1."_s.arg(text.left(200)));
}

bool AuthPolicy::isAllowedOrigin(QByteArrayView origin) const
{
    if (origin.isEmpty() || m_normalizedOrigins.isEmpty())
        return false;
    if (m_normalizedOrigins.contains(u"*"_s))
        return true;
    const QString text = QString::fromLatin1(origin).trimmed();
    if (text == u"null")
        return m_normalizedOrigins.contains(u"null"_s);
    const QString normalized = normalizeOrigin(text);
    return !normalized.isEmpty() && m_normalizedOrigins.contains(normalized);
}

HttpResponse refusalResponse(const Error &error, int retryAfterSeconds)
{
    HttpResponse response = HttpResponse::fromError(error);
    if (response.status == 401)
        response.headers.append({QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"pulso\"")});
    if (retryAfterSeconds > 0) {
        response.headers.removeIf([](const auto &header) { return header.first == "Retry-After"; });
        response.headers.append({QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)});
    }
    return response;
}

Error tooManyRequests(const QString &what, int retryAfterSeconds)
{
    return Error::make(ErrorKind::TooManyRequests, u"too_many_requests"_s,
        u"Too many %1; retry after %2 s."_s.arg(what).arg(retryAfterSeconds));
}

void attachTokenId(QObject *socket, qint64 tokenId)
{
    socket->setProperty(TokenIdProperty, tokenId);
}

qint64 attachedTokenId(const QObject *socket)
{
    return socket ? socket->property(TokenIdProperty).toLongLong() : 0;
}

} // namespace pulso
