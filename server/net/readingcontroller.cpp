// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/readingcontroller.h"

#include "net/resthelpers.h"
#include "services/readingservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

void ReadingController::registerRoutes(Router &router)
{
    rest::addCrudRoutes(
        router, u"/api/v1/readings"_s, entity::Reading, m_service, [this](const HttpRequest &request) {
            return rest::listResponse(
                request, rest::seriesFilter, [this](const SeriesFilter &filter, const PageRequest &page) {
                    return m_service.list(filter, page);
                });
        });

    router.add("POST", u"/api/v1/readings/batch"_s, [this](const HttpRequest &request) {
        Result<QJsonArray> body = rest::arrayBody(request);
        if (!body)
            return HttpResponse::fromError(body.error());
        Result<QList<Reading>> stored = m_service.createBatch(*body);
        if (!stored)
            return HttpResponse::fromError(stored.error());
        // The ids, not the readings: the events carry the full readings, and a 10,000-item echo would
        // cost more than the insert.
        QJsonArray ids;
        for (const Reading &reading : *stored)
            ids.append(reading.id);
        return HttpResponse::json(QJsonObject {{u"count"_s, ids.size()}, {u"ids"_s, ids}}, 201);
    });
}

} // namespace pulso
