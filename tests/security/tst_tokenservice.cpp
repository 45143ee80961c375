// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// TokenService on a real SQLite file: only hashes stored, authentication, revocation, last-used throttling,
// and revocations made by another connection (the `pulso token` command) noticed by polling.
#include "services/tokenservice.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_TokenService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createStoresOnlyTheHash();
    void secretsAreRandomAndWellFormed();
    void authenticate();
    void revokedTokenIsRecognisedAsRevoked();
    void revokeIsIdempotentAndUnknownIs404();
    void lastUsedIsThrottled();
    void badNames_data();
    void badNames();
    void createFromJson_data();
    void createFromJson();
    void listIsOldestFirstWithoutSecrets();
    void hasActiveTokens();
    void revocationByAnotherConnectionIsPolled();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TokenService> m_tokens;
    TimeMs m_now = 1'750'000'000'000;
};

void tst_TokenService::init()
{
    m_db = std::make_unique<Database>(u"tokens-test"_s);
    QVERIFY(m_db->open(m_dir.filePath(u"tokens.db"_s)).ok());
    m_tokens = std::make_unique<TokenService>(*m_db, [this] { return m_now; });
}

void tst_TokenService::cleanup()
{
    m_tokens->reset();
    m_tokens.reset();
    QVERIFY(m_db->exec(u"DELETE FROM api_tokens"_s).ok());
    m_db->close();
    m_db.reset();
}

void tst_TokenService::createStoresOnlyTheHash()
{
    QSignalSpy created(m_tokens.get(), &TokenService::tokenCreated);
    Result<IssuedToken> issued = m_tokens->create(u"panel"_s, Role::Reader);
    QVERIFY(issued.ok());
    QCOMPARE(created.count(), 1);
    QCOMPARE(issued->token.name, u"panel"_s);
    QCOMPARE(issued->token.role, Role::Reader);
    QCOMPARE(issued->token.createdAt, m_now);

    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(u"SELECT * FROM api_tokens"_s));
    QVERIFY(query.next());
    const QByteArray expectedHash
        = QCryptographicHash::hash(issued->secret, QCryptographicHash::Sha256).toHex();
    bool hashFound = false;
    for (int column = 0; column < query.record().count(); ++column) {
        const QByteArray value = query.value(column).toString().toUtf8();
        QVERIFY2(!value.contains(issued->secret), "the secret itself is stored");
        hashFound = hashFound || value == expectedHash;
    }
    QVERIFY(hashFound);
}

void tst_TokenService::secretsAreRandomAndWellFormed()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 50; ++i) {
        const QByteArray secret = TokenService::generateSecret();
        QVERIFY(secret.startsWith("pulso_"));
        QCOMPARE(secret.size(), 6 + 43); // 256 bits in unpadded base64url
        for (char c : secret.mid(6))
            QVERIFY(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
        QVERIFY(!seen.contains(secret));
        seen.insert(secret);
    }
}

void tst_TokenService::authenticate()
{
    Result<IssuedToken> issued = m_tokens->create(u"gateway"_s, Role::Writer);
    QVERIFY(issued.ok());
    Result<std::optional<ApiToken>> found = m_tokens->authenticate(issued->secret);
    QVERIFY(found.ok());
    QVERIFY(found->has_value());
    QCOMPARE((*found)->id, issued->token.id);
    QCOMPARE((*found)->role, Role::Writer);

    for (const QByteArray &wrong :
        QList<QByteArray> {QByteArray(), QByteArray("pulso_"), issued->secret.chopped(1),
            issued->secret + "x", issued->secret.toUpper(), QByteArray(5000, 'a')}) {
        found = m_tokens->authenticate(wrong);
        QVERIFY(found.ok());
        QVERIFY2(!found->has_value(), wrong.left(60).constData());
    }
}

void tst_TokenService::revokedTokenIsRecognisedAsRevoked()
{
    Result<IssuedToken> issued = m_tokens->create(u"old"_s, Role::Admin);
    QVERIFY(issued.ok());
    QSignalSpy revoked(m_tokens.get(), &TokenService::tokenRevoked);
    m_now += 1000;
    Result<ApiToken> token = m_tokens->revoke(issued->token.id);
    QVERIFY(token.ok());
    QVERIFY(token->isRevoked());
    QCOMPARE(*token->revokedAt, m_now);
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(revoked.at(0).at(0).toLongLong(), issued->token.id);
    Result<std::optional<ApiToken>> found = m_tokens->authenticate(issued->secret);
    QVERIFY(found.ok() && found->has_value());
    QVERIFY((*found)->isRevoked());
}

void tst_TokenService::revokeIsIdempotentAndUnknownIs404()
{
    Result<IssuedToken> issued = m_tokens->create(u"t"_s, Role::Reader);
    QSignalSpy revoked(m_tokens.get(), &TokenService::tokenRevoked);
    const TimeMs first = m_now;
    QVERIFY(m_tokens->revoke(issued->token.id).ok());
    m_now += 5000;
    Result<ApiToken> again = m_tokens->revoke(issued->token.id);
    QVERIFY(again.ok());
    QCOMPARE(*again->revokedAt, first);
    QCOMPARE(revoked.count(), 1);
    Result<ApiToken> unknown = m_tokens->revoke(999);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
}

void tst_TokenService::lastUsedIsThrottled()
{
    Result<IssuedToken> issued = m_tokens->create(u"busy"_s, Role::Reader);
    const auto lastUsed = [this, &issued] { return m_tokens->get(issued->token.id)->lastUsedAt; };
    QVERIFY(!lastUsed());
    const TimeMs firstUse = m_now;
    QVERIFY(m_tokens->authenticate(issued->secret).ok());
    QCOMPARE(lastUsed(), std::optional<TimeMs>(firstUse));
    m_now += TokenService::TouchIntervalMs - 1; // many uses within the minute: no writes
    QVERIFY(m_tokens->authenticate(issued->secret).ok());
    QCOMPARE(lastUsed(), std::optional<TimeMs>(firstUse));
    m_now += 1;
    QVERIFY(m_tokens->authenticate(issued->secret).ok());
    QCOMPARE(lastUsed(), std::optional<TimeMs>(m_now));
}

void tst_TokenService::badNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << u"   "_s;
    QTest::newRow("too long") << QString(101, u'x');
    QTest::newRow("newline") << u"a\nb"_s;
    QTest::newRow("escape") << u"a\u001b[31mb"_s;
    QTest::newRow("bidi override") << u"abc\u202Edef"_s;
}

void tst_TokenService::badNames()
{
    QFETCH(QString, name);
    Result<IssuedToken> issued = m_tokens->create(name, Role::Reader);
    QVERIFY(!issued.ok());
    QCOMPARE(issued.error().kind, ErrorKind::Validation);
    QCOMPARE(issued.error().details.at(0)[u"field"_s].toString(), u"name"_s);
    QCOMPARE(m_tokens->list()->size(), 0);
}

void tst_TokenService::createFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("badFields"); // empty: accepted
    QTest::newRow("ok") << QByteArray(R"({"name":"panel","role":"reader"})") << QStringList();
    QTest::newRow("admin") << QByteArray(R"({"name":"ops","role":"admin"})") << QStringList();
    QTest::newRow("missing role") << QByteArray(R"({"name":"panel"})") << QStringList {u"role"_s};
    QTest::newRow("unknown role") << QByteArray(R"({"name":"p","role":"root"})") << QStringList {u"role"_s};
    QTest::newRow("role case") << QByteArray(R"({"name":"p","role":"Admin"})") << QStringList {u"role"_s};
    QTest::newRow("name type") << QByteArray(R"({"name":7,"role":"reader"})") << QStringList {u"name"_s};
    QTest::newRow("extra field") << QByteArray(R"({"name":"p","role":"reader","token_hash":"00"})")
                                 << QStringList {u"token_hash"_s};
    QTest::newRow("everything wrong") << QByteArray(R"({"role":null})") << QStringList {u"name"_s, u"role"_s};
}

void tst_TokenService::createFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, badFields);
    Result<IssuedToken> issued = m_tokens->create(QJsonDocument::fromJson(json).object());
    QCOMPARE(issued.ok(), badFields.isEmpty());
    if (!issued.ok()) {
        QCOMPARE(issued.error().kind, ErrorKind::Validation);
        QStringList fields;
        for (const QJsonValue &detail : issued.error().details)
            fields << detail[u"field"_s].toString();
        fields.sort();
        badFields.sort();
        QCOMPARE(fields, badFields);
    }
}

void tst_TokenService::listIsOldestFirstWithoutSecrets()
{
    const Result<IssuedToken> first = m_tokens->create(u"a"_s, Role::Reader);
    const QByteArray a = first->secret;
    m_now += 10;
    const QByteArray b = m_tokens->create(u"b"_s, Role::Writer)->secret;
    QVERIFY(m_tokens->revoke(first->token.id).ok());
    Result<QList<ApiToken>> all = m_tokens->list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).name, u"a"_s);
    QVERIFY(all->at(0).isRevoked());
    QCOMPARE(all->at(1).role, Role::Writer);
    const QByteArray json = QJsonDocument(all->at(1).toJson()).toJson();
    QVERIFY(!json.contains(b));
    QVERIFY(!json.contains(TokenService::hashSecret(b)));
    QVERIFY(json.contains("\"last_used_at\":null") || json.contains("\"last_used_at\": null"));
    QVERIFY(!json.contains(a));
}

void tst_TokenService::hasActiveTokens()
{
    QCOMPARE(*m_tokens->hasActiveTokens(), false);
    Result<IssuedToken> issued = m_tokens->create(u"x"_s, Role::Reader);
    QCOMPARE(*m_tokens->hasActiveTokens(), true);
    QVERIFY(m_tokens->revoke(issued->token.id).ok());
    QCOMPARE(*m_tokens->hasActiveTokens(), false);
}

void tst_TokenService::revocationByAnotherConnectionIsPolled()
{
    Result<IssuedToken> one = m_tokens->create(u"one"_s, Role::Reader);
    Result<IssuedToken> two = m_tokens->create(u"two"_s, Role::Reader);
    QSignalSpy revoked(m_tokens.get(), &TokenService::tokenRevoked);
    m_tokens->pollRevocations(); // first poll: learns the current state, reports nothing
    QCOMPARE(revoked.count(), 0);
    {
        // What `pulso token revoke` does: another connection (another process in real life).
        Database other(u"tokens-test-other"_s);
        QVERIFY(other.open(m_dir.filePath(u"tokens.db"_s)).ok());
        TokenService cli(other);
        QVERIFY(cli.revoke(two->token.id).ok());
        cli.reset();
        other.close();
    }
    m_tokens->pollRevocations();
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(revoked.at(0).at(0).toLongLong(), two->token.id);
    m_tokens->pollRevocations(); // nothing new
    QCOMPARE(revoked.count(), 1);
}

QTEST_GUILESS_MAIN(tst_TokenService)
#include "tst_tokenservice.moc"
