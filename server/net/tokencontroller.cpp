// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/tokencontroller.h"

#include "net/resthelpers.h"
#include "net/router.h"
#include "services/tokenservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

HttpResponse tokenResponse(const Result<ApiToken> &token)
{
    if (!token)
        return HttpResponse::fromError(token.error());
    return HttpResponse::json(token->toJson());
}

} // namespace

void TokenController::registerRoutes(Router &router)
{
    const QString collection = Prefix.toString();
    const QString item = collection + u"/{id}"_s;

    router.add("GET", collection, [this](const HttpRequest &) {
        Result<QList<ApiToken>> tokens = m_service.list();
        if (!tokens)
            return HttpResponse::fromError(tokens.error());
        QJsonArray items;
        for (const ApiToken &token : *tokens)
            items.append(token.toJson());
        return HttpResponse::json(QJsonObject {{u"items"_s, items}});
    });

    router.add("POST", collection, [this, collection](const HttpRequest &request) {
        Result<QJsonObject> body = rest::objectBody(request);
        if (!body)
            return HttpResponse::fromError(body.error());
        Result<IssuedToken> issued = m_service.create(*body);
        if (!issued)
            return HttpResponse::fromError(issued.error());
        // The only time the secret leaves the server.
        QJsonObject json = issued->token.toJson();
        json.insert(u"token"_s, QString::fromLatin1(issued->secret));
        HttpResponse response = HttpResponse::json(json, 201);
        response.headers.append(
            {QByteArray("Location"), (collection + u'/' + QString::number(issued->token.id)).toUtf8()});
        response.headers.append({QByteArray("Cache-Control"), QByteArray("no-store")});
        return response;
    });

    router.add("GET", item, [this](const HttpRequest &request) {
        Result<qint64> id = rest::pathId(request, u"token");
        if (!id)
            return HttpResponse::fromError(id.error());
        return tokenResponse(m_service.get(*id));
    });

    router.add("DELETE", item, [this](const HttpRequest &request) {
        Result<qint64> id = rest::pathId(request, u"token");
        if (!id)
            return HttpResponse::fromError(id.error());
        return tokenResponse(m_service.revoke(*id));
    });
}

} // namespace pulso
