// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The access table: --auth mode x peer x method x path x token -> granted, 401 or 403; which peers count as
// this machine; browser origins. Peers are plain addresses here: nothing is sent anywhere.
#include "net/authpolicy.h"
#include "services/tokenservice.h"
#include "storage/database.h"

#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {
const QHostAddress Loopback(u"127.0.0.1"_s);
const QHostAddress Lan(u"192.168.1.50"_s);
constexpr QByteArrayView Bootstrap = "bootstrap-secret-for-tests";
} // namespace

class tst_AuthPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void table_data();
    void table();
    void queryTokenOnlyForUpgrades();
    void noTokensAtAllOnTheSecureEndpoint();
    void isLocal_data();
    void isLocal();
    void loopbackIsRemoteForTests();
    void origin_data();
    void origin();
    void modeNames();

private:
    QByteArray secretFor(const QString &kind) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TokenService> m_tokens;
    QHash<QString, QByteArray> m_secrets;
    QHash<QString, qint64> m_ids;
};

void tst_AuthPolicy::initTestCase()
{
    m_db = std::make_unique<Database>(u"authpolicy-test"_s);
    QVERIFY(m_db->open(m_dir.filePath(u"auth.db"_s)).ok());
    m_tokens = std::make_unique<TokenService>(*m_db);
    for (const auto &[kind, role] :
        {std::pair {u"reader"_s, Role::Reader}, std::pair {u"writer"_s, Role::Writer},
            std::pair {u"admin"_s, Role::Admin}, std::pair {u"revoked"_s, Role::Admin}}) {
        Result<IssuedToken> issued = m_tokens->create(kind, role);
        QVERIFY(issued.ok());
        m_secrets.insert(kind, issued->secret);
        m_ids.insert(kind, issued->token.id);
    }
    QVERIFY(m_tokens->revoke(m_ids.value(u"revoked"_s)).ok());
}

void tst_AuthPolicy::cleanupTestCase()
{
    m_tokens->reset();
    m_db->close();
}

QByteArray tst_AuthPolicy::secretFor(const QString &kind) const
{
    if (kind == u"none")
        return {};
    if (kind == u"bootstrap")
        return Bootstrap.toByteArray();
    if (kind == u"wrong")
        return "pulso_not-a-real-token";
    return m_secrets.value(kind);
}

void tst_AuthPolicy::table_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("remotePeer");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status"); // 200 granted
    QTest::addColumn<QString>("code");

    const QString sensors = u"/api/v1/sensors"_s;
    const QString ws = u"/api/v1/ws"_s;
    const QString secure = u"/api/v1/ws/secure"_s;
    const QString tokens = u"/api/v1/tokens"_s;
    struct Row
    {
        const char *name;
        const char *mode;
        bool remote;
        const char *method;
        QString path;
        const char *token;
        int status;
        const char *code;
    };
    const Row rows[] = {
        // remote (the default): this machine needs nothing, other machines need writer+ to write
        {"remote: local write", "remote", false, "POST", sensors, "none", 200, ""},
        {"remote: lan read", "remote", true, "GET", sensors, "none", 200, ""},
        {"remote: lan ws", "remote", true, "GET", ws, "none", 200, ""},
        {"remote: lan write no token", "remote", true, "POST", sensors, "none", 401, "missing_token"},
        {"remote: lan delete no token", "remote", true, "DELETE", sensors + u"/1"_s, "none", 401,
            "missing_token"},
        {"remote: lan put reader", "remote", true, "PUT", sensors + u"/1"_s, "reader", 403,
            "insufficient_role"},
        {"remote: lan patch writer", "remote", true, "PATCH", sensors + u"/1"_s, "writer", 200, ""},
        {"remote: lan test-event writer", "remote", true, "POST", u"/api/v1/ws/test-event"_s, "writer", 200,
            ""},
        {"remote: lan test-event reader", "remote", true, "POST", u"/api/v1/ws/test-event"_s, "reader", 403,
            "insufficient_role"},
        {"remote: lan write admin", "remote", true, "POST", sensors, "admin", 200, ""},
        {"remote: lan write bootstrap", "remote", true, "POST", sensors, "bootstrap", 200, ""},
        {"remote: wrong token on a read", "remote", true, "GET", sensors, "wrong", 401, "invalid_token"},
        {"remote: wrong token locally", "remote", false, "POST", sensors, "wrong", 401, "invalid_token"},
        {"remote: revoked token", "remote", true, "POST", sensors, "revoked", 401, "token_revoked"},
        // all: every request needs a token, from anywhere
        {"all: local read no token", "all", false, "GET", sensors, "none", 401, "missing_token"},
        {"all: local ws no token", "all", false, "GET", ws, "none", 401, "missing_token"},
        {"all: openapi no token", "all", true, "GET", u"/api/v1/openapi.json"_s, "none", 401,
            "missing_token"},
        {"all: read reader", "all", true, "GET", sensors, "reader", 200, ""},
        {"all: ws reader", "all", true, "GET", ws, "reader", 200, ""},
        {"all: write reader", "all", false, "POST", sensors, "reader", 403, "insufficient_role"},
        {"all: write writer", "all", true, "POST", sensors, "writer", 200, ""},
        // open: nothing but the always-protected paths
        {"open: lan write", "open", true, "POST", sensors, "none", 200, ""},
        {"open: lan delete", "open", true, "DELETE", sensors + u"/3"_s, "none", 200, ""},
        // admin endpoints: admin in every mode, from anywhere, this machine included
        {"admin: local no token", "remote", false, "GET", tokens, "none", 401, "missing_token"},
        {"admin: open mode no token", "open", false, "POST", tokens, "none", 401, "missing_token"},
        {"admin: writer", "remote", false, "GET", tokens, "writer", 403, "insufficient_role"},
        {"admin: item writer", "open", true, "DELETE", tokens + u"/1"_s, "writer", 403, "insufficient_role"},
        {"admin: trailing slash", "open", true, "GET", tokens + u"/"_s, "reader", 403, "insufficient_role"},
        {"admin: double slash", "open", true, "GET", u"//api//v1/tokens"_s, "none", 401, "missing_token"},
        {"admin: admin token", "remote", true, "DELETE", tokens + u"/1"_s, "admin", 200, ""},
        {"admin: bootstrap", "all", true, "POST", tokens, "bootstrap", 200, ""},
        {"admin: prefix is not a segment", "remote", true, "GET", u"/api/v1/tokensx"_s, "none", 200, ""},
        // /ws/secure: reader or better in every mode
        {"secure: open mode no token", "open", false, "GET", secure, "none", 401, "missing_token"},
        {"secure: reader", "open", true, "GET", secure, "reader", 200, ""},
        {"secure: revoked", "remote", false, "GET", secure, "revoked", 401, "token_revoked"},
        {"secure: wrong", "remote", false, "GET", secure, "wrong", 401, "invalid_token"},
    };
    for (const Row &row : rows) {
        QTest::newRow(row.name) << QString::fromLatin1(row.mode) << row.remote << QByteArray(row.method)
                                << row.path << QString::fromLatin1(row.token) << row.status
                                << QString::fromLatin1(row.code);
    }
}

void tst_AuthPolicy::table()
{
    QFETCH(QString, mode);
    QFETCH(bool, remotePeer);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QString, code);

    AuthPolicy policy({*authModeFromName(mode), Bootstrap.toByteArray(), false, {}}, m_tokens.get());
    policy.addAdminPrefix(u"/api/v1/tokens"_s);
    policy.addTokenPath(u"/api/v1/ws/secure"_s);
    AccessRequest request;
    request.method = method;
    request.path = path;
    request.peer = remotePeer ? Lan : Loopback;
    request.host = "127.0.0.1:8000";
    request.bearer = secretFor(token);
    request.upgrade = path.startsWith(u"/api/v1/ws") && method == "GET";

    const Result<Access> access = policy.authorize(request);
    if (status == 200) {
        QVERIFY2(access.ok(), qPrintable(access.ok() ? QString() : access.error().code));
        if (token == u"bootstrap") {
            QVERIFY(access->bootstrap);
            QCOMPARE(access->role, std::optional<Role>(Role::Admin));
        } else if (token != u"none") {
            QCOMPARE(access->tokenId, m_ids.value(token));
            QCOMPARE(access->rateKey(request.peer), u"token:%1"_s.arg(access->tokenId));
        } else {
            QVERIFY(!access->role);
            QCOMPARE(access->local, !remotePeer);
        }
        return;
    }
    QVERIFY(!access.ok());
    QCOMPARE(HttpResponse::fromError(access.error()).status, status);
    QCOMPARE(access.error().code, code);
    // The refusal never echoes the secret.
    if (!request.bearer.isEmpty())
        QVERIFY(!access.error().message.toUtf8().contains(request.bearer));
    const HttpResponse response = refusalResponse(access.error());
    bool challenge = false;
    for (const auto &[name, value] : response.headers)
        challenge = challenge || (name == "WWW-Authenticate" && value.startsWith("Bearer"));
    QCOMPARE(challenge, status == 401);
}

void tst_AuthPolicy::queryTokenOnlyForUpgrades()
{
    AuthPolicy policy({AuthMode::All, {}, false, {}}, m_tokens.get());
    AccessRequest request;
    request.method = "GET";
    request.path = u"/api/v1/ws"_s;
    request.peer = Lan;
    request.queryToken = m_secrets.value(u"reader"_s);
    request.upgrade = true;
    QVERIFY(policy.authorize(request).ok());
    // Plain HTTP: a token in the URL would end up in logs and histories, so only the header counts.
    request.upgrade = false;
    request.path = u"/api/v1/sensors"_s;
    const Result<Access> access = policy.authorize(request);
    QVERIFY(!access.ok());
    QCOMPARE(access.error().code, u"missing_token"_s);
}

void tst_AuthPolicy::noTokensAtAllOnTheSecureEndpoint()
{
    QTemporaryDir dir;
    Database db(u"authpolicy-empty"_s);
    QVERIFY(db.open(dir.filePath(u"empty.db"_s)).ok());
    {
        TokenService none(db);
        AuthPolicy policy({AuthMode::Remote, {}, false, {}}, &none);
        policy.addTokenPath(u"/api/v1/ws/secure"_s);
        AccessRequest request;
        request.method = "GET";
        request.path = u"/api/v1/ws/secure"_s;
        request.peer = Loopback;
        request.upgrade = true;
        for (const QByteArray &token : {QByteArray(), QByteArray("anything")}) {
            request.queryToken = token;
            const Result<Access> access = policy.authorize(request);
            QVERIFY(!access.ok());
            QCOMPARE(access.error().code, u"secure_disabled"_s);
            QVERIFY(access.error().message.contains(u"pulso token create"_s));
        }
        none.reset();
    }
    db.close();
}

void tst_AuthPolicy::isLocal_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("local");
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << QByteArray("127.0.0.1:8000") << true;
    QTest::newRow("127.0.0.2") << u"127.0.0.2"_s << QByteArray("127.0.0.2:8000") << true;
    QTest::newRow("::1") << u"::1"_s << QByteArray("[::1]:8000") << true;
    QTest::newRow("mapped loopback") << u"::ffff:127.0.0.1"_s << QByteArray("localhost:8000") << true;
    QTest::newRow("localhost") << u"127.0.0.1"_s << QByteArray("localhost") << true;
    QTest::newRow("LOCALHOST") << u"127.0.0.1"_s << QByteArray("LOCALHOST:8000") << true;
    QTest::newRow("no Host (HTTP/1.0)") << u"127.0.0.1"_s << QByteArray() << true;
    QTest::newRow("LAN IP in Host") << u"127.0.0.1"_s << QByteArray("192.168.1.2:8000") << true;
    QTest::newRow("machine name") << u"127.0.0.1"_s << QSysInfo::machineHostName().toUtf8() << true;
    // DNS rebinding: a web page whose name now resolves to 127.0.0.1 sends its own name as Host.
    QTest::newRow("rebound name") << u"127.0.0.1"_s << QByteArray("evil.example:8000") << false;
    QTest::newRow("lan peer") << u"192.168.1.50"_s << QByteArray("127.0.0.1:8000") << false;
    QTest::newRow("lan peer v6") << u"fe80::1"_s << QByteArray("localhost") << false;
}

void tst_AuthPolicy::isLocal()
{
    QFETCH(QString, peer);
    QFETCH(QByteArray, host);
    QFETCH(bool, local);
    AuthPolicy policy({AuthMode::Remote, {}, false, {}});
    QCOMPARE(policy.isLocal(QHostAddress(peer), host), local);
}

void tst_AuthPolicy::loopbackIsRemoteForTests()
{
    AuthPolicy policy({AuthMode::Remote, {}, true, {}});
    QVERIFY(!policy.isLoopback(Loopback));
    QVERIFY(!policy.isLocal(Loopback, "127.0.0.1"));
    AccessRequest request {"POST", u"/api/v1/sensors"_s, Loopback, "127.0.0.1", {}, {}, false};
    QCOMPARE(policy.authorize(request).error().code, u"missing_token"_s);
}

void tst_AuthPolicy::origin_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("accepted");
    const QStringList none;
    QTest::newRow("no origin (not a browser)")
        << none << QByteArray() << QByteArray("pulso.lan:8000") << true;
    QTest::newRow("same origin") << none << QByteArray("http://pulso.lan:8000")
                                 << QByteArray("pulso.lan:8000") << true;
    QTest::newRow("same origin, case")
        << none << QByteArray("http://Pulso.LAN:8000") << QByteArray("pulso.lan:8000") << true;
    QTest::newRow("same origin https default port")
        << none << QByteArray("https://pulso.lan") << QByteArray("pulso.lan") << true;
    QTest::newRow("same origin ipv6")
        << none << QByteArray("http://[::1]:8000") << QByteArray("[::1]:8000") << true;
    QTest::newRow("other port") << none << QByteArray("http://pulso.lan:9000") << QByteArray("pulso.lan:8000")
                                << false;
    QTest::newRow("other host") << none << QByteArray("http://evil.example") << QByteArray("pulso.lan:8000")
                                << false;
    QTest::newRow("suffix trick") << none << QByteArray("http://pulso.lan.evil.example:8000")
                                  << QByteArray("pulso.lan:8000") << false;
    QTest::newRow("file:// page") << none << QByteArray("null") << QByteArray("pulso.lan:8000") << false;
    QTest::newRow("garbage") << none << QByteArray("not a url") << QByteArray("pulso.lan:8000") << false;
    const QStringList panel {u"https://panel.lan:8443"_s};
    QTest::newRow("allowed") << panel << QByteArray("https://panel.lan:8443") << QByteArray("pulso.lan:8000")
                             << true;
    QTest::newRow("allowed, other scheme")
        << panel << QByteArray("http://panel.lan:8443") << QByteArray("pulso.lan:8000") << false;
    QTest::newRow("allowed default port") << QStringList {u"https://panel.lan"_s}
                                          << QByteArray("https://panel.lan:443") << QByteArray("x") << true;
    QTest::newRow("null allowed") << QStringList {u"null"_s} << QByteArray("null") << QByteArray("x") << true;
    QTest::newRow("star") << QStringList {u"*"_s} << QByteArray("http://anything.example") << QByteArray("x")
                          << true;
}

void tst_AuthPolicy::origin()
{
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, host);
    QFETCH(bool, accepted);
    AuthPolicy policy({AuthMode::Remote, {}, false, allowed});
    const std::optional<Error> refusal = policy.checkOrigin(origin, host);
    QCOMPARE(!refusal.has_value(), accepted);
    if (refusal) {
        QCOMPARE(refusal->kind, ErrorKind::Forbidden);
        QCOMPARE(refusal->code, u"origin_not_allowed"_s);
        QVERIFY(refusal->message.contains(u"--allowed-origin"_s));
    }
}

void tst_AuthPolicy::modeNames()
{
    for (AuthMode mode : {AuthMode::Open, AuthMode::Remote, AuthMode::All})
        QCOMPARE(authModeFromName(authModeName(mode)), std::optional<AuthMode>(mode));
    QVERIFY(!authModeFromName(u"REMOTE"));
    QVERIFY(!authModeFromName(u""));
}

QTEST_GUILESS_MAIN(tst_AuthPolicy)
#include "tst_authpolicy.moc"
