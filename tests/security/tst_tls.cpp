// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// https and wss on one port with a self-signed certificate made here by the openssl command, checked by
// real clients that trust only that certificate: QNetworkAccessManager, QWebSocket, curl and Python.
#include "securitytest.h"
#include "services/tokenservice.h"

#include <QFile>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_Tls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void httpsWithQtClient();
    void wssWithQtClient();
    void untrustedCertificateIsRefusedByTheClient();
    void plainHttpOnTheTlsPort();
    void curlWithCaCert();
    void pythonWebSocketsClient();
    void rsaKey();
    void badFilesStopTheStart_data();
    void badFilesStopTheStart();

private:
    bool makeCertificate(const QString &name, const QStringList &keyOptions);
    QSslConfiguration trusting() const;
    QUrl url(const QString &scheme, const QString &pathAndQuery) const
    {
        return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_server->port()).arg(pathAndQuery));
    }

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    std::unique_ptr<TestServer> m_server;
};

bool tst_Tls::makeCertificate(const QString &name, const QStringList &keyOptions)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
        QStringList {u"req"_s, u"-x509"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost"_s,
            u"-addext"_s, u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s, u"-keyout"_s,
            m_dir.filePath(name + u"-key.pem"_s), u"-out"_s, m_dir.filePath(name + u"-cert.pem"_s)}
            + keyOptions);
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning("openssl failed: %s", openssl.readAll().constData());
        return false;
    }
    return true;
}

void tst_Tls::initTestCase()
{
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("the openssl command is needed to make the test certificate");
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    QVERIFY(
        makeCertificate(u"ec"_s, {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s}));
    m_cert = m_dir.filePath(u"ec-cert.pem"_s);
    m_key = m_dir.filePath(u"ec-key.pem"_s);
}

void tst_Tls::init()
{
    ServerConfig config;
    config.tlsCertPath = m_cert;
    config.tlsKeyPath = m_key;
    config.secureToken = "tls-bootstrap";
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
    QVERIFY(m_server->server().isTls());
}

void tst_Tls::cleanup()
{
    m_server.reset();
}

QSslConfiguration tst_Tls::trusting() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(m_cert));
    return config;
}

void tst_Tls::httpsWithQtClient()
{
    QNetworkAccessManager nam;
    for (const auto &[method, path] : {std::pair {QByteArray("GET"), u"/api/v1/ws/stats"_s},
             std::pair {QByteArray("POST"), u"/api/v1/ws/test-event?message=over%20tls"_s}}) {
        QNetworkRequest request(url(u"https"_s, path));
        request.setSslConfiguration(trusting());
        QNetworkReply *reply = nam.sendCustomRequest(request, method);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);
        reply->deleteLater();
    }
}

void tst_Tls::wssWithQtClient()
{
    WsClient plain;
    plain.socket().setSslConfiguration(trusting());
    QVERIFY(plain.open(url(u"wss"_s, u"/api/v1/ws?channel=general"_s)));
    WsClient secure;
    secure.socket().setSslConfiguration(trusting());
    QVERIFY(secure.open(url(u"wss"_s, u"/api/v1/ws/secure?token=tls-bootstrap"_s)));
    // Events reach both through the encrypted sockets (written straight to the QSslSocket).
    QNetworkAccessManager nam;
    QNetworkRequest request(url(u"https"_s, u"/api/v1/ws/test-event?message=encrypted"_s));
    request.setSslConfiguration(trusting());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArray());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(plain.waitForMessages(1));
    QVERIFY(secure.waitForMessages(1));
    QCOMPARE(plain.message(0)[u"message"_s].toString(), u"encrypted"_s);
    QCOMPARE(secure.message(0)[u"message"_s].toString(), u"encrypted"_s);
    // A refusal before the upgrade is answered inside TLS too.
    WsClient refused;
    refused.socket().setSslConfiguration(trusting());
    QVERIFY(!refused.open(url(u"wss"_s, u"/api/v1/ws/secure?token=wrong"_s)));
    reply->deleteLater();
}

void tst_Tls::untrustedCertificateIsRefusedByTheClient()
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(url(u"https"_s, u"/api/v1/ws/stats"_s)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    reply->deleteLater();
    // The server keeps serving clients that trust it (a new manager: QNAM remembers the failed handshake).
    QNetworkAccessManager trustingNam;
    QNetworkRequest request(url(u"https"_s, u"/api/v1/ws/stats"_s));
    request.setSslConfiguration(trusting());
    QNetworkReply *ok = trustingNam.get(request);
    QSignalSpy okFinished(ok, &QNetworkReply::finished);
    QVERIFY(okFinished.wait(10000));
    QVERIFY2(ok->error() == QNetworkReply::NoError, qPrintable(ok->errorString()));
    QCOMPARE(ok->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    ok->deleteLater();
}

void tst_Tls::plainHttpOnTheTlsPort()
{
    const QByteArray response
        = rawExchange(m_server->port(), "GET /api/v1/ws/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 3000);
    QVERIFY2(!response.contains("total_channels"), response.constData()); // nothing in clear text
    WsClient client;
    client.socket().setSslConfiguration(trusting());
    QVERIFY(client.open(url(u"wss"_s, u"/api/v1/ws"_s)));
}

void tst_Tls::curlWithCaCert()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QProcess process;
    process.start(curl,
        {u"--silent"_s, u"--show-error"_s, u"--cacert"_s, m_cert, u"--write-out"_s,
            u"\\n%{http_code} %{ssl_verify_result}"_s, url(u"https"_s, u"/api/v1/ws/stats"_s).toString()});
    // The server runs in this thread: wait with the event loop turning, never with waitForFinished().
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QVERIFY2(out.endsWith("\n200 0"), out.constData()); // 200, certificate verified
    QVERIFY(out.contains("total_channels"));
    // Without the CA, curl refuses the self-signed certificate.
    QProcess untrusting;
    untrusting.start(curl, {u"--silent"_s, url(u"https"_s, u"/api/v1/ws/stats"_s).toString()});
    QTRY_VERIFY_WITH_TIMEOUT(untrusting.state() == QProcess::NotRunning, 30000);
    QCOMPARE(untrusting.exitCode(), 60); // CURLE_PEER_FAILED_VERIFICATION
}

void tst_Tls::pythonWebSocketsClient()
{
    // Debian's python3-websockets is installed for /usr/bin/python3.
    const QString python = u"/usr/bin/python3"_s;
    QProcess probe;
    probe.start(python, {u"-c"_s, u"import websockets"_s});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        QSKIP("/usr/bin/python3 with the websockets module is needed");
    const QString script = uR"(
import asyncio, json, ssl, sys
import websockets

async def main():
    context = ssl.create_default_context(cafile=sys.argv[2])
    async with websockets.connect(sys.argv[1], ssl=context) as ws:
        print("connected", flush=True)
        event = json.loads(await asyncio.wait_for(ws.recv(), 20))
        print("event", event["message"], flush=True)

asyncio.run(main())
)"_s;
    QProcess client;
    client.setProcessChannelMode(QProcess::SeparateChannels);
    client.start(
        python, {u"-c"_s, script, url(u"wss"_s, u"/api/v1/ws?channel=general"_s).toString(), m_cert});
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += client.readAllStandardOutput()).contains("connected")
            || client.state() == QProcess::NotRunning,
        20000);
    QVERIFY2(out.contains("connected"), client.readAllStandardError().constData());
    QNetworkAccessManager nam;
    QNetworkRequest request(url(u"https"_s, u"/api/v1/ws/test-event?message=to%20python"_s));
    request.setSslConfiguration(trusting());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArray());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QProcess::NotRunning, 30000);
    out += client.readAllStandardOutput();
    QVERIFY2(client.exitCode() == 0, client.readAllStandardError().constData());
    QVERIFY2(out.contains("event to python"), out.constData());
    reply->deleteLater();
}

void tst_Tls::rsaKey()
{
    QVERIFY(makeCertificate(u"rsa"_s, {u"-newkey"_s, u"rsa:2048"_s}));
    ServerConfig config;
    config.tlsCertPath = m_dir.filePath(u"rsa-cert.pem"_s);
    config.tlsKeyPath = m_dir.filePath(u"rsa-key.pem"_s);
    TestServer rsa(config);
    QVERIFY(rsa.start());
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"https://localhost:%1/api/v1/ws/stats"_s.arg(rsa.port())));
    QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
    trust.setCaCertificates(QSslCertificate::fromPath(config.tlsCertPath));
    request.setSslConfiguration(trust);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void tst_Tls::badFilesStopTheStart_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::newRow("missing cert") << u"nope.pem"_s << u"ec-key.pem"_s << u"tls_file_unreadable"_s;
    QTest::newRow("missing key") << u"ec-cert.pem"_s << u"nope.pem"_s << u"tls_file_unreadable"_s;
    QTest::newRow("key as cert") << u"ec-key.pem"_s << u"ec-key.pem"_s << u"tls_bad_certificate"_s;
    QTest::newRow("cert as key") << u"ec-cert.pem"_s << u"ec-cert.pem"_s << u"tls_bad_key"_s;
    QTest::newRow("no key given") << u"ec-cert.pem"_s << QString() << u"tls_incomplete"_s;
}

void tst_Tls::badFilesStopTheStart()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, code);
    m_server.reset();
    ServerConfig config;
    config.tlsCertPath = m_dir.filePath(cert);
    config.tlsKeyPath = key.isEmpty() ? QString() : m_dir.filePath(key);
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.databasePath = m_dir.filePath(u"bad.db"_s);
    Server server(config);
    const Status status = server.start();
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, code);
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
