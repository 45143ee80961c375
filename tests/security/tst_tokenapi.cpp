// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens end to end on a real server: the admin REST endpoints, /api/v1/ws/secure with stored tokens,
// revocation closing open sockets (REST and the `pulso token` command), and secrets kept out of logs,
// stats and the event log.
#include "net/websockethub.h"
#include "securitytest.h"
#include "services/tokenservice.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

constexpr QByteArrayView Bootstrap = "bootstrap-admin-secret-123";

QStringList g_logged;
QtMessageHandler g_previous = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
    if (g_previous)
        g_previous(type, context, message);
}

QString pulsoBinary()
{
    return qEnvironmentVariable("PULSO_BINARY");
}

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliResult runCli(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s); // the token command needs no display
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(environment);
    process.start(pulsoBinary(), QStringList {u"token"_s} + arguments);
    CliResult result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

class tst_TokenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void adminEndpointsNeedAdmin_data();
    void adminEndpointsNeedAdmin();
    void createShowsTheSecretOnce();
    void createValidates_data();
    void createValidates();
    void revokeAndShow();
    void secureEndpointWithStoredTokens_data();
    void secureEndpointWithStoredTokens();
    void revokingClosesOpenSockets();
    void commandLine();
    void commandLineErrors_data();
    void commandLineErrors();
    void secretsStayOutOfLogsStatsAndEvents();

private:
    QByteArray createToken(const QString &name, const QString &role, qint64 *id = nullptr);
    HttpResult admin(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QList<QPair<QByteArray, QByteArray>> bearer(const QByteArray &secret) const
    {
        return {{"Authorization", "Bearer " + secret}};
    }
    HttpResult testEvent(const QString &message);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_TokenApi::init()
{
    ServerConfig config;
    config.secureToken = Bootstrap.toByteArray();
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
}

void tst_TokenApi::cleanup()
{
    m_server.reset();
}

HttpResult tst_TokenApi::admin(const QByteArray &method, const QString &path, const QByteArray &body)
{
    return m_http.request(method, m_server->httpUrl(path), body, bearer(Bootstrap.toByteArray()));
}

QByteArray tst_TokenApi::createToken(const QString &name, const QString &role, qint64 *id)
{
    const HttpResult result = admin("POST", u"/api/v1/tokens"_s,
        QJsonDocument(QJsonObject {{u"name"_s, name}, {u"role"_s, role}}).toJson(QJsonDocument::Compact));
    if (result.status != 201)
        return {};
    if (id)
        *id = result.object()[u"id"_s].toInteger();
    return result.object()[u"token"_s].toString().toLatin1();
}

HttpResult tst_TokenApi::testEvent(const QString &message)
{
    QUrl url = m_server->httpUrl(u"/api/v1/ws/test-event"_s);
    url.setQuery(QUrlQuery {{u"channel"_s, u"general"_s}, {u"message"_s, message}});
    return m_http.post(url);
}

void tst_TokenApi::adminEndpointsNeedAdmin_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("no token, from this machine") << u"none"_s << 401 << u"missing_token"_s;
    QTest::newRow("wrong token") << u"wrong"_s << 401 << u"invalid_token"_s;
    QTest::newRow("reader") << u"reader"_s << 403 << u"insufficient_role"_s;
    QTest::newRow("writer") << u"writer"_s << 403 << u"insufficient_role"_s;
    QTest::newRow("stored admin") << u"admin"_s << 200 << QString();
    QTest::newRow("bootstrap") << u"bootstrap"_s << 200 << QString();
}

void tst_TokenApi::adminEndpointsNeedAdmin()
{
    QFETCH(QString, who);
    QFETCH(int, status);
    QFETCH(QString, code);
    QByteArray secret;
    if (who == u"bootstrap")
        secret = Bootstrap.toByteArray();
    else if (who == u"wrong")
        secret = "pulso_wrong";
    else if (who != u"none")
        secret = createToken(who, who);
    QVERIFY(who == u"none" || !secret.isEmpty());
    const Snapshot before = Snapshot::of(m_server->databasePath());
    struct Call
    {
        QByteArray method;
        QString path;
        QByteArray body;
    };
    for (const Call &call : {Call {"GET", u"/api/v1/tokens"_s, {}}, Call {"GET", u"/api/v1/tokens/1"_s, {}},
             Call {"POST", u"/api/v1/tokens"_s, R"({"name":"x","role":"admin"})"},
             Call {"DELETE", u"/api/v1/tokens/1"_s, {}}}) {
        const HttpResult result = m_http.request(call.method, m_server->httpUrl(call.path), call.body,
            secret.isEmpty() ? QList<QPair<QByteArray, QByteArray>>() : bearer(secret));
        if (status == 200) {
            // Let through: answered by the handler (200, 201, or 404 for a token that does not exist).
            QVERIFY2(result.status == 200 || result.status == 201 || result.errorCode() == u"not_found",
                result.body.constData());
            continue;
        }
        QCOMPARE(result.status, status);
        QCOMPARE(result.errorCode(), code);
        if (status == 401)
            QCOMPARE(result.header("www-authenticate"), QByteArray("Bearer realm=\"pulso\""));
    }
    if (status != 200) {
        QCOMPARE(Snapshot::of(m_server->databasePath()), before); // nothing created or revoked
        QCOMPARE(queryValue(m_server->databasePath(),
                     u"SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT NULL"_s)
                     .toInt(),
            0);
    }
}

void tst_TokenApi::createShowsTheSecretOnce()
{
    const HttpResult created = admin("POST", u"/api/v1/tokens"_s, R"({"name":"panel","role":"reader"})");
    QCOMPARE(created.status, 201);
    const QJsonObject body = created.object();
    const QByteArray secret = body[u"token"_s].toString().toLatin1();
    QVERIFY(secret.startsWith("pulso_"));
    QCOMPARE(body[u"name"_s].toString(), u"panel"_s);
    QCOMPARE(body[u"role"_s].toString(), u"reader"_s);
    QCOMPARE(body[u"revoked"_s].toBool(), false);
    QVERIFY(body[u"last_used_at"_s].isNull());
    const qint64 id = body[u"id"_s].toInteger();
    QCOMPARE(created.header("location"), u"/api/v1/tokens/%1"_s.arg(id).toUtf8());
    QCOMPARE(created.header("cache-control"), QByteArray("no-store"));

    for (const QString &path : {u"/api/v1/tokens"_s, u"/api/v1/tokens/%1"_s.arg(id)}) {
        const HttpResult shown = admin("GET", path);
        QCOMPARE(shown.status, 200);
        QVERIFY(!shown.body.contains(secret));
        QVERIFY(!shown.body.contains(TokenService::hashSecret(secret)));
        QVERIFY(!shown.body.contains("\"token\""));
    }
    const QJsonArray items = admin("GET", u"/api/v1/tokens"_s).object()[u"items"_s].toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[u"name"_s].toString(), u"panel"_s);
}

void tst_TokenApi::createValidates_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << QByteArray("name=panel") << 400 << u"invalid_json"_s;
    QTest::newRow("array") << QByteArray("[]") << 422 << QString();
    QTest::newRow("no role") << QByteArray(R"({"name":"x"})") << 422 << u"validation_failed"_s;
    QTest::newRow("bad role") << QByteArray(R"({"name":"x","role":"superuser"})") << 422
                              << u"validation_failed"_s;
    QTest::newRow("empty name") << QByteArray(R"({"name":"","role":"reader"})") << 422
                                << u"validation_failed"_s;
}

void tst_TokenApi::createValidates()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpResult result = admin("POST", u"/api/v1/tokens"_s, body);
    QCOMPARE(result.status, status);
    if (!code.isEmpty())
        QCOMPARE(result.errorCode(), code);
    QCOMPARE(queryValue(m_server->databasePath(), u"SELECT COUNT(*) FROM api_tokens"_s).toInt(), 0);
}

void tst_TokenApi::revokeAndShow()
{
    qint64 id = 0;
    const QByteArray secret = createToken(u"gateway"_s, u"writer"_s, &id);
    QVERIFY(!secret.isEmpty());
    HttpResult revoked = admin("DELETE", u"/api/v1/tokens/%1"_s.arg(id));
    QCOMPARE(revoked.status, 200);
    QCOMPARE(revoked.object()[u"revoked"_s].toBool(), true);
    QVERIFY(!revoked.object()[u"revoked_at"_s].toString().isEmpty());
    // Idempotent, and the revoked token can no longer authenticate anything.
    QCOMPARE(admin("DELETE", u"/api/v1/tokens/%1"_s.arg(id)).object()[u"revoked_at"_s],
        revoked.object()[u"revoked_at"_s]);
    const HttpResult used
        = m_http.request("GET", m_server->httpUrl(u"/api/v1/sensors"_s), {}, bearer(secret));
    QCOMPARE(used.status, 401);
    QCOMPARE(used.errorCode(), u"token_revoked"_s);
    QCOMPARE(admin("DELETE", u"/api/v1/tokens/999"_s).status, 404);
    QCOMPARE(admin("GET", u"/api/v1/tokens/abc"_s).status, 404);
}

void tst_TokenApi::secureEndpointWithStoredTokens_data()
{
    QTest::addColumn<QString>("role"); // or "revoked", "wrong", "none"
    QTest::addColumn<bool>("viaHeader");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("reader, query") << u"reader"_s << false << 101 << QString();
    QTest::newRow("reader, bearer") << u"reader"_s << true << 101 << QString();
    QTest::newRow("writer") << u"writer"_s << false << 101 << QString();
    QTest::newRow("admin") << u"admin"_s << true << 101 << QString();
    QTest::newRow("revoked") << u"revoked"_s << false << 401 << u"token_revoked"_s;
    QTest::newRow("wrong") << u"wrong"_s << false << 401 << u"invalid_token"_s;
    QTest::newRow("none") << u"none"_s << false << 401 << u"missing_token"_s;
}

void tst_TokenApi::secureEndpointWithStoredTokens()
{
    QFETCH(QString, role);
    QFETCH(bool, viaHeader);
    QFETCH(int, status);
    QFETCH(QString, code);
    QByteArray secret;
    if (role == u"wrong") {
        secret = TokenService::generateSecret();
    } else if (role == u"revoked") {
        qint64 id = 0;
        secret = createToken(u"old"_s, u"reader"_s, &id);
        QCOMPARE(admin("DELETE", u"/api/v1/tokens/%1"_s.arg(id)).status, 200);
    } else if (role != u"none") {
        secret = createToken(role, role);
    }
    QByteArray target = "/api/v1/ws/secure?channel=general";
    QByteArray headers;
    if (!secret.isEmpty()) {
        if (viaHeader)
            headers = "Authorization: Bearer " + secret + "\r\n";
        else
            target += "&token=" + secret;
    }
    if (status != 101) {
        const QByteArray response = rawExchange(m_server->port(), upgradeRequest(target, headers));
        QCOMPARE(statusOf(response), status);
        QCOMPARE(errorCodeOf(response), code);
        QVERIFY(!response.contains("101 Switching"));
    }
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port()) + QString::fromLatin1(target)));
    if (viaHeader && !secret.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + secret);
    WsClient client;
    QCOMPARE(client.open(request), status == 101);
    QCOMPARE(testEvent(u"for readers"_s).status, 200);
    if (status == 101) {
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(client.message(0)[u"message"_s].toString(), u"for readers"_s);
    } else {
        QCOMPARE(m_server->server().hub().connectionCount(), 0);
        QVERIFY(client.messages().isEmpty());
    }
}

void tst_TokenApi::revokingClosesOpenSockets()
{
    qint64 idA = 0;
    const QByteArray a = createToken(u"a"_s, u"reader"_s, &idA);
    const QByteArray b = createToken(u"b"_s, u"reader"_s);
    WsClient secureA, plainA, secureB;
    QVERIFY(secureA.open(m_server->wsUrl(u"/api/v1/ws/secure?token="_s + QString::fromLatin1(a))));
    // A token sent to the open endpoint is checked too, and ties the socket to it.
    QVERIFY(plainA.open(m_server->wsUrl(u"/api/v1/ws?token="_s + QString::fromLatin1(a))));
    QVERIFY(secureB.open(m_server->wsUrl(u"/api/v1/ws/secure?token="_s + QString::fromLatin1(b))));

    QElapsedTimer timer;
    timer.start();
    QCOMPARE(admin("DELETE", u"/api/v1/tokens/%1"_s.arg(idA)).status, 200);
    // The issue's bound: closed within a second of the revocation (in fact before the DELETE is answered).
    QVERIFY(secureA.waitForDisconnected(1000));
    QVERIFY(plainA.waitForDisconnected(1000));
    qInfo("sockets of the revoked token closed %lld ms after the DELETE was sent", timer.elapsed());
    for (WsClient *client : {&secureA, &plainA}) {
        QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(client->closeReason(), u"token revoked"_s);
    }
    QVERIFY(secureB.isConnected());
    QCOMPARE(testEvent(u"after"_s).status, 200);
    QVERIFY(secureB.waitForMessages(1));
    QVERIFY(!secureA.open(m_server->wsUrl(u"/api/v1/ws/secure?token="_s + QString::fromLatin1(a))));
}

void tst_TokenApi::commandLine()
{
    QVERIFY2(QFile::exists(pulsoBinary()), "PULSO_BINARY must point at the built pulso");
    const QString db = m_server->databasePath();
    // Created while the server runs, on its database file: usable at once.
    CliResult created
        = runCli({u"create"_s, u"--name"_s, u"panel"_s, u"--role"_s, u"reader"_s, u"--database"_s, db});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QByteArray secret = created.out.trimmed();
    QVERIFY(secret.startsWith("pulso_"));
    QVERIFY(!created.out.contains(' ')); // stdout is the secret alone: TOKEN=$(pulso token create ...)
    QVERIFY(created.err.contains("only time"));
    QVERIFY(!created.err.contains(secret));

    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws/secure?token="_s + QString::fromLatin1(secret))));

    CliResult listed = runCli({u"list"_s, u"--database"_s, db});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.out.contains("panel"));
    QVERIFY(listed.out.contains("reader"));
    QVERIFY(listed.out.contains("active"));
    QVERIFY(!listed.out.contains(secret));
    CliResult json = runCli({u"list"_s, u"--json"_s, u"--database"_s, db});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray tokens = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(tokens.size(), 1);
    const qint64 id = tokens.at(0)[u"id"_s].toInteger();
    QVERIFY(!tokens.at(0)[u"last_used_at"_s].isNull()); // the WebSocket above used it

    // Revoked by another process: the running server notices and closes the socket.
    QElapsedTimer timer;
    timer.start();
    CliResult revoked = runCli({u"revoke"_s, QString::number(id), u"--database"_s, db});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    QVERIFY(revoked.out.contains("revoked"));
    QVERIFY(client.waitForDisconnected(5000));
    qInfo("socket closed %lld ms after `pulso token revoke` was started (process start included)",
        timer.elapsed());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    CliResult again = runCli({u"revoke"_s, QString::number(id), u"--database"_s, db});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains("already revoked"));
    QVERIFY(runCli({u"list"_s, u"--database"_s, db}).out.contains("revoked 20"));
}

void tst_TokenApi::commandLineErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no action") << QStringList() << 2 << QByteArray("usage");
    QTest::newRow("unknown action") << QStringList {u"rotate"_s} << 2 << QByteArray("unknown action");
    QTest::newRow("create without role")
        << QStringList {u"create"_s, u"--name"_s, u"x"_s} << 2 << QByteArray("--role");
    QTest::newRow("bad role") << QStringList {u"create"_s, u"--name"_s, u"x"_s, u"--role"_s, u"root"_s} << 2
                              << QByteArray("reader, writer, admin");
    QTest::newRow("bad name") << QStringList {u"create"_s, u"--name"_s, u" "_s, u"--role"_s, u"reader"_s} << 1
                              << QByteArray("name");
    QTest::newRow("revoke unknown") << QStringList {u"revoke"_s, u"42"_s} << 1
                                    << QByteArray("No token with id 42");
    QTest::newRow("revoke not a number")
        << QStringList {u"revoke"_s, u"abc"_s} << 2 << QByteArray("not a token id");
}

void tst_TokenApi::commandLineErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const CliResult result = runCli(arguments + QStringList {u"--database"_s, m_server->databasePath()});
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QCOMPARE(queryValue(m_server->databasePath(), u"SELECT COUNT(*) FROM api_tokens"_s).toInt(), 0);

    QTemporaryDir dir;
    const CliResult missing = runCli({u"list"_s, u"--database"_s, dir.filePath(u"nothing.db"_s)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("no database"));
    QVERIFY(!QFile::exists(dir.filePath(u"nothing.db"_s)));
}

void tst_TokenApi::secretsStayOutOfLogsStatsAndEvents()
{
    QLoggingCategory::setFilterRules(u"pulso.*=true"_s);
    g_logged.clear();
    g_previous = qInstallMessageHandler(recordMessage);

    qint64 id = 0;
    const QByteArray secret = createToken(u"logged?"_s, u"writer"_s, &id);
    QVERIFY(!secret.isEmpty());
    QCOMPARE(m_http.request("GET", m_server->httpUrl(u"/api/v1/sensors"_s), {}, bearer(secret)).status, 200);
    QCOMPARE(m_http
                 .request("POST", m_server->httpUrl(u"/api/v1/sensors"_s), R"({"tipo":"t","modelo":"m"})",
                     bearer(secret))
                 .status,
        201);
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(
        u"/api/v1/ws/secure?channel=general&user_id=u&token="_s + QString::fromLatin1(secret))));
    QCOMPARE(testEvent(u"hello"_s).status, 200);
    QVERIFY(client.waitForMessages(1));
    const HttpResult stats = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/general"_s));
    QCOMPARE(admin("DELETE", u"/api/v1/tokens/%1"_s.arg(id)).status, 200);
    QVERIFY(client.waitForDisconnected());
    // A wrong token is not logged either.
    const QByteArray wrong = "pulso_this-one-is-wrong-and-must-not-be-logged";
    QCOMPARE(m_http.request("GET", m_server->httpUrl(u"/api/v1/tokens"_s), {}, bearer(wrong)).status, 401);
    const QByteArray bootstrapUse = admin("GET", u"/api/v1/tokens"_s).body;

    qInstallMessageHandler(g_previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(!g_logged.isEmpty());
    bool sawTokenLog = false;
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(wrong)), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(Bootstrap)), qPrintable(line));
        sawTokenLog = sawTokenLog || line.contains(u"revoked"_s);
    }
    QVERIFY(sawTokenLog); // the revocation was logged, by id and name
    QCOMPARE(stats.status, 200);
    QVERIFY(!stats.body.contains(secret));
    QVERIFY(!stats.body.contains("token"));
    QVERIFY(!bootstrapUse.contains(secret));
    const QString db = m_server->databasePath();
    QCOMPARE(
        queryValue(db, u"SELECT COUNT(*) FROM events WHERE payload LIKE '%pulso\\_%' ESCAPE '\\'"_s).toInt(),
        0);
    QCOMPARE(queryValue(db,
                 u"SELECT COUNT(*) FROM events WHERE payload LIKE '%%1%'"_s.arg(
                     QString::fromLatin1(secret.mid(6, 20))))
                 .toInt(),
        0);
}

QTEST_GUILESS_MAIN(tst_TokenApi)
#include "tst_tokenapi.moc"
