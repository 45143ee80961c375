// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/jsonutil.h"
#include "core/listquery.h"
#include "core/validation.h"
#include "net/httpresponse.h"
#include "net/router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace pulso::rest {

/// The body as a JSON object: 400 "invalid_json" when it is not JSON, 422 when it is another JSON value.
Result<QJsonObject> objectBody(const HttpRequest &request);
/// The body as a JSON array, with the same errors.
Result<QJsonArray> arrayBody(const HttpRequest &request);

/// The "{id}" path argument; 404 naming `entityType` when it is not a positive integer.
Result<qint64> pathId(const HttpRequest &request, QStringView entityType);

/// limit (1..1000, default 100) and offset (>= 0, default 0); bad values are added to `errors`.
PageRequest pageRequest(const HttpRequest &request, FieldErrors &errors);
/// sensor_id, from, to (ISO-8601, from < to); bad values are added to `errors`.
SeriesFilter seriesFilter(const HttpRequest &request, FieldErrors &errors);
/// A positive integer query parameter, absent -> nullopt; adds to `errors` when malformed.
std::optional<qint64> idQuery(const HttpRequest &request, const QString &name, FieldErrors &errors);
/// 400 "invalid_query" naming each parameter.
Error queryError(const FieldErrors &errors);

/// {"items":[...],"limit":L,"offset":O,"has_more":B}, written as QJsonDocument would write it (keys sorted)
/// without building a QJsonObject per item.
template<typename T> QByteArray pageJson(const Page<T> &page)
{
    QByteArray out;
    out.reserve(48 + page.items.size() * 192);
    out.append(page.hasMore ? "{\"has_more\":true,\"items\":[" : "{\"has_more\":false,\"items\":[");
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        if (i)
            out.append(',');
        out.append(page.items[i].toCompactJson());
    }
    out.append("],\"limit\":");
    json::appendInteger(out, page.limit);
    out.append(",\"offset\":");
    json::appendInteger(out, page.offset);
    out.append('}');
    return out;
}

/// GET on a collection: parses paging and the filters `readFilter(request, errors)` returns, then
/// answers {"items":[...],"limit":L,"offset":O,"has_more":B} from `list(filter, page)`.
template<typename ReadFilter, typename List>
HttpResponse listResponse(const HttpRequest &request, ReadFilter readFilter, List list)
{
    FieldErrors errors;
    const PageRequest page = pageRequest(request, errors);
    const auto filter = readFilter(request, errors);
    if (!errors.isEmpty())
        return HttpResponse::fromError(queryError(errors));
    const auto result = list(filter, page);
    if (!result)
        return HttpResponse::fromError(result.error());
    return HttpResponse {200, pageJson(*result), "application/json", {}};
}

/// Compact JSON of an entity, written directly (toCompactJson, tested byte-equal to QJsonDocument's).
template<typename T> QByteArray compactJson(const T &value)
{
    return value.toCompactJson();
}

/// The entity as JSON with `status`, or the error.
template<typename T> HttpResponse entityResponse(const Result<T> &result, int status = 200)
{
    if (!result)
        return HttpResponse::fromError(result.error());
    return HttpResponse {status, compactJson(*result), "application/json", {}};
}

/// 201 with the entity and a Location header "<collection>/<id>".
template<typename T> HttpResponse createdResponse(const Result<T> &result, const QString &collection)
{
    HttpResponse response = entityResponse(result, 201);
    if (result)
        response.headers.append(
            {QByteArray("Location"), (collection + u'/' + QString::number(result->id)).toUtf8()});
    return response;
}

/// Registers GET/POST on `collection` and GET/PUT/PATCH/DELETE on `collection/{id}` for a service with
/// get(id), create(QJsonObject), update(id, QJsonObject, WriteMode) and remove(id). `list` answers the
/// collection's GET (its filters differ per resource).
template<typename Service>
void addCrudRoutes(
    Router &router, const QString &collection, QStringView entityType, Service &service, Router::Handler list)
{
    const QString item = collection + QStringLiteral("/{id}");
    const QString type = entityType.toString();
    router.add("GET", collection, std::move(list));
    router.add("POST", collection, [&service, collection](const HttpRequest &request) {
        Result<QJsonObject> body = objectBody(request);
        if (!body)
            return HttpResponse::fromError(body.error());
        return createdResponse(service.create(*body), collection);
    });
    router.add("GET", item, [&service, type](const HttpRequest &request) {
        Result<qint64> id = pathId(request, type);
        if (!id)
            return HttpResponse::fromError(id.error());
        return entityResponse(service.get(*id));
    });
    for (const auto &[method, mode] : {std::pair {QByteArray("PUT"), WriteMode::Replace},
             std::pair {QByteArray("PATCH"), WriteMode::Patch}}) {
        router.add(method, item, [&service, type, mode = mode](const HttpRequest &request) {
            Result<qint64> id = pathId(request, type);
            if (!id)
                return HttpResponse::fromError(id.error());
            Result<QJsonObject> body = objectBody(request);
            if (!body)
                return HttpResponse::fromError(body.error());
            return entityResponse(service.update(*id, *body, mode));
        });
    }
    router.add("DELETE", item, [&service, type](const HttpRequest &request) {
        Result<qint64> id = pathId(request, type);
        if (!id)
            return HttpResponse::fromError(id.error());
        return entityResponse(service.remove(*id));
    });
}

} // namespace pulso::rest
