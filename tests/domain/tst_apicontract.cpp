// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The documented contract matches the server: GET /api/v1/openapi.json lists exactly the router's routes,
// every $ref in it resolves, and docs/API.md names every route.
#include "domaintest.h"
#include "net/httpapi.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

QString sourceFile(const QString &relative)
{
    return qEnvironmentVariable("PULSO_SOURCE_DIR") + u'/' + relative;
}

void collectRefs(const QJsonValue &value, QStringList &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"$ref")
                refs << it.value().toString();
            else
                collectRefs(it.value(), refs);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, refs);
    }
}

} // namespace

class tst_ApiContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void servesTheOpenApiDocument();
    void documentListsExactlyTheRoutes();
    void everyReferenceResolves();
    void everyOperationDocumentsItsResponses();
    void apiMarkdownNamesEveryRoute();

private:
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
    QJsonObject m_document;
};

void tst_ApiContract::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("PULSO_SOURCE_DIR").isEmpty(), "run through ctest (PULSO_SOURCE_DIR)");
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    const HttpResult result = m_http.get(m_server->httpUrl(u"/api/v1/openapi.json"_s));
    QCOMPARE(result.status, 200);
    m_document = result.object();
}

void tst_ApiContract::cleanupTestCase()
{
    m_server.reset();
}

void tst_ApiContract::servesTheOpenApiDocument()
{
    QVERIFY(m_document.value(u"openapi"_s).toString().startsWith(u"3.0"_s));
    QVERIFY(!m_document.value(u"info"_s).toObject().value(u"title"_s).toString().isEmpty());
    // The compiled-in copy is the one in the source tree (the build picked up the latest edit).
    QFile source(sourceFile(u"resources/api/openapi.json"_s));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(m_document, QJsonDocument::fromJson(source.readAll()).object());
}

void tst_ApiContract::documentListsExactlyTheRoutes()
{
    QSet<QString> documented;
    const QJsonObject paths = m_document.value(u"paths"_s).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject operations = path.value().toObject();
        for (auto op = operations.begin(); op != operations.end(); ++op) {
            if (op.key() == u"parameters" || op.key() == u"summary" || op.key() == u"description")
                continue;
            documented.insert(op.key().toUpper() + u' ' + path.key());
        }
    }
    const QStringList routes = m_server->server().http().router().routes();
    const QSet<QString> served(routes.cbegin(), routes.cend());
    QStringList undocumented = QSet(served).subtract(documented).values();
    QStringList missing = QSet(documented).subtract(served).values();
    undocumented.sort();
    missing.sort();
    QVERIFY2(undocumented.isEmpty(),
        qPrintable(u"routes missing from resources/api/openapi.json: "_s + undocumented.join(u", ")));
    QVERIFY2(missing.isEmpty(), qPrintable(u"documented but not served: "_s + missing.join(u", ")));
    QVERIFY(served.size() >= 30);
}

void tst_ApiContract::everyReferenceResolves()
{
    QStringList refs;
    collectRefs(m_document, refs);
    QVERIFY(refs.size() > 50);
    for (const QString &ref : std::as_const(refs)) {
        QVERIFY2(ref.startsWith(u"#/"_s), qPrintable(ref));
        QJsonValue node = m_document;
        for (const QString &part : ref.mid(2).split(u'/'))
            node = node.toObject().value(part);
        QVERIFY2(node.isObject(), qPrintable(u"unresolved "_s + ref));
    }
}

void tst_ApiContract::everyOperationDocumentsItsResponses()
{
    const QJsonObject paths = m_document.value(u"paths"_s).toObject();
    QSet<QString> operationIds;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject operations = path.value().toObject();
        for (auto op = operations.begin(); op != operations.end(); ++op) {
            if (op.key() == u"parameters")
                continue;
            const QJsonObject operation = op.value().toObject();
            const QString name = op.key() + u' ' + path.key();
            QVERIFY2(!operation.value(u"responses"_s).toObject().isEmpty(), qPrintable(name));
            const QString id = operation.value(u"operationId"_s).toString();
            QVERIFY2(!id.isEmpty() && !operationIds.contains(id), qPrintable(name));
            operationIds.insert(id);
            // Every path parameter is declared.
            if (path.key().contains(u'{')) {
                QJsonArray parameters = operation.value(u"parameters"_s).toArray();
                for (const QJsonValue &p : operations.value(u"parameters"_s).toArray())
                    parameters.append(p);
                QVERIFY2(!parameters.isEmpty(), qPrintable(name));
            }
        }
    }
}

void tst_ApiContract::apiMarkdownNamesEveryRoute()
{
    QFile file(sourceFile(u"docs/API.md"_s));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString text = QString::fromUtf8(file.readAll());
    QStringList missing;
    for (const QString &route : m_server->server().http().router().routes()) {
        if (!text.contains(route))
            missing << route;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"docs/API.md does not name: "_s + missing.join(u", ")));
}

QTEST_GUILESS_MAIN(tst_ApiContract)
#include "tst_apicontract.moc"
