// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/tokenservice.h"

#include "core/validation.h"
#include "storage/database.h"
#include "storage/tokenstore.h"
#include "storage/transaction.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTokens, "pulso.tokens")

namespace pulso {

namespace {

void checkName(const QString &name, FieldErrors &errors)
{
    if (name.trimmed().isEmpty()) {
        errors.add(u"name"_s, u"must not be empty"_s);
        return;
    }
    if (name.size() > TokenService::MaxNameLength)
        errors.add(u"name"_s, u"at most %1 characters"_s.arg(TokenService::MaxNameLength));
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            errors.add(u"name"_s, u"must not contain control characters"_s);
            return;
        }
    }
}

Error notFound(qint64 id)
{
    return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No token with id %1."_s.arg(id));
}

} // namespace

TokenService::TokenService(Database &db, domain::Clock clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_store(std::make_unique<TokenStore>(db))
    , m_clock(clock ? std::move(clock) : domain::systemClock())
{
    qRegisterMetaType<pulso::ApiToken>();
}

TokenService::~TokenService() = default;

QByteArray TokenService::hashSecret(QByteArrayView secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex();
}

QByteArray TokenService::generateSecret()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->generate(words.begin(), words.end());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)));
    return "pulso_" + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<IssuedToken> TokenService::create(const QString &name, Role role)
{
    FieldErrors errors;
    checkName(name, errors);
    if (!errors.isEmpty())
        return errors.toError(u"token"_s);
    IssuedToken issued;
    issued.secret = generateSecret();
    ApiToken value;
    value.name = name.trimmed();
    value.role = role;
    value.createdAt = m_clock();
    Result<ApiToken> stored = m_store->insert(value, hashSecret(issued.secret));
    if (!stored)
        return stored.error();
    issued.token = *stored;
    // The name and role only: the secret never reaches a log.
    qCInfo(lcTokens).noquote() << "token" << issued.token.id << issued.token.name << "created with role"
                               << roleName(role);
    Q_EMIT tokenCreated(issued.token);
    return issued;
}

Result<IssuedToken> TokenService::create(const QJsonObject &body)
{
    FieldErrors errors;
    QString name;
    std::optional<Role> role;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != u"name" && it.key() != u"role")
            errors.add(it.key(), u"unknown field; expected name and role"_s);
    }
    const QJsonValue nameValue = body.value(u"name"_s);
    if (!nameValue.isString())
        errors.add(u"name"_s, nameValue.isUndefined() ? u"is required"_s : u"must be a string"_s);
    else
        checkName(name = nameValue.toString(), errors);
    const QJsonValue roleValue = body.value(u"role"_s);
    if (roleValue.isString())
        role = roleFromName(roleValue.toString());
    if (!role) {
        errors.add(u"role"_s,
            roleValue.isUndefined() ? u"is required (%1)"_s.arg(roleNameList())
                                    : u"must be one of %1"_s.arg(roleNameList()));
    }
    if (!errors.isEmpty())
        return errors.toError(u"token"_s);
    return create(name, *role);
}

Result<ApiToken> TokenService::get(qint64 id)
{
    Result<std::optional<ApiToken>> found = m_store->find(id);
    if (!found)
        return found.error();
    if (!*found)
        return notFound(id);
    return **found;
}

Result<QList<ApiToken>> TokenService::list()
{
    return m_store->list();
}

Result<ApiToken> TokenService::revoke(qint64 id)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.beginError();
    Result<std::optional<ApiToken>> found = m_store->find(id);
    if (!found)
        return found.error();
    if (!*found)
        return notFound(id);
    ApiToken token = **found;
    if (token.isRevoked())
        return token;
    token.revokedAt = m_clock();
    if (Result<bool> revoked = m_store->revoke(id, *token.revokedAt); !revoked)
        return revoked.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    m_knownRevoked.insert(id);
    qCInfo(lcTokens).noquote() << "token" << id << token.name << "revoked";
    Q_EMIT tokenRevoked(id);
    return token;
}

Result<std::optional<ApiToken>> TokenService::authenticate(QByteArrayView secret)
{
    if (secret.isEmpty() || secret.size() > MaxSecretLength)
        return std::optional<ApiToken>();
    // The lookup is by the SHA-256 of the secret: how long it takes says nothing about the secret.
    Result<std::optional<ApiToken>> found = m_store->findByHash(hashSecret(secret));
    if (!found || !*found || (*found)->isRevoked())
        return found;
    ApiToken token = **found;
    const TimeMs now = m_clock();
    if (!token.lastUsedAt || now - *token.lastUsedAt >= TouchIntervalMs) {
        if (Status s = m_store->touch(token.id, now); s)
            token.lastUsedAt = now;
        else
            qCWarning(lcTokens) << "could not record the use of token" << token.id << s.error().message;
    }
    return std::optional<ApiToken>(token);
}

Result<bool> TokenService::hasActiveTokens()
{
    return m_store->anyActive();
}

void TokenService::pollRevocations()
{
    Result<qint64> version = m_store->dataVersion();
    if (!version || (m_dataVersion && *m_dataVersion == *version))
        return;
    const bool first = !m_dataVersion;
    m_dataVersion = *version;
    Result<QSet<qint64>> revoked = m_store->revokedIds();
    if (!revoked)
        return;
    const QSet<qint64> fresh = *revoked - m_knownRevoked;
    m_knownRevoked = *revoked;
    if (first)
        return;
    for (qint64 id : fresh) {
        qCInfo(lcTokens) << "token" << id << "was revoked by another process";
        Q_EMIT tokenRevoked(id);
    }
}

void TokenService::reset()
{
    m_store->reset();
    m_dataVersion.reset();
}

} // namespace pulso
