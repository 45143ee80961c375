// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/entitygateway.h"

#include "runtime/server.h"
#include "services/anomalyservice.h"
#include "services/locationservice.h"
#include "services/predictionservice.h"
#include "services/readingservice.h"
#include "services/sensorservice.h"

namespace pulso {

namespace {

template<typename T> Result<QJsonObject> asJson(const Result<T> &result)
{
    if (!result)
        return result.error();
    return result->toJson();
}

/// Pages through `listPage(page)` until `maxRows` rows or the end.
template<typename ListPage> Result<QList<QJsonObject>> collect(int maxRows, ListPage listPage)
{
    QList<QJsonObject> rows;
    PageRequest page;
    page.limit = PageRequest::MaxLimit;
    while (rows.size() < maxRows) {
        page.limit = qMin(PageRequest::MaxLimit, maxRows - int(rows.size()));
        const auto result = listPage(page);
        if (!result)
            return result.error();
        for (const auto &item : result->items)
            rows.append(item.toJson());
        if (!result->hasMore || result->items.isEmpty())
            break;
        page.offset += result->items.size();
    }
    return rows;
}

/// Calls `f(service)` with the service for `kind`.
template<typename F> auto withService(Server &server, EntityKind kind, F f)
{
    switch (kind) {
    case EntityKind::Location:
        return f(server.locations());
    case EntityKind::Sensor:
        return f(server.sensors());
    case EntityKind::Reading:
        return f(server.readings());
    case EntityKind::Anomaly:
        return f(server.anomalies());
    case EntityKind::Prediction:
        break;
    }
    return f(server.predictions());
}

} // namespace

Result<QList<QJsonObject>> EntityGateway::list(Server &server, EntityKind kind, const ListQuery &query)
{
    SeriesFilter series;
    series.sensorId = query.sensorId;
    series.from = query.from;
    switch (kind) {
    case EntityKind::Location:
        return collect(query.maxRows, [&server](const PageRequest &p) { return server.locations().list(p); });
    case EntityKind::Sensor:
        return collect(
            query.maxRows, [&server](const PageRequest &p) { return server.sensors().list({}, p); });
    case EntityKind::Reading:
        return collect(
            query.maxRows, [&](const PageRequest &p) { return server.readings().list(series, p); });
    case EntityKind::Anomaly:
        return collect(
            query.maxRows, [&](const PageRequest &p) { return server.anomalies().list(series, p); });
    case EntityKind::Prediction:
        break;
    }
    return collect(query.maxRows, [&](const PageRequest &p) { return server.predictions().list(series, p); });
}

Result<QJsonObject> EntityGateway::create(Server &server, EntityKind kind, const QJsonObject &body)
{
    return withService(server, kind, [&body](auto &service) { return asJson(service.create(body)); });
}

Result<QJsonObject> EntityGateway::update(Server &server, EntityKind kind, qint64 id, const QJsonObject &body)
{
    return withService(server, kind,
        [id, &body](auto &service) { return asJson(service.update(id, body, WriteMode::Replace)); });
}

Result<QJsonObject> EntityGateway::remove(Server &server, EntityKind kind, qint64 id)
{
    return withService(server, kind, [id](auto &service) { return asJson(service.remove(id)); });
}

} // namespace pulso
