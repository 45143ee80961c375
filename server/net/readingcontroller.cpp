// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/readingcontroller.h"

#include "core/jsonutil.h"
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
        // The usual shape is read without a QJsonDocument; anything else, errors included, the general way.
        std::optional<Result<QList<Reading>>> result = m_service.createBatchFromJson(request.body);
        if (!result) {
            Result<QJsonArray> body = rest::arrayBody(request);
            if (!body)
                return HttpResponse::fromError(body.error());
            result = m_service.createBatch(*body);
        }
        const Result<QList<Reading>> &stored = *result;
        if (!stored)
            return HttpResponse::fromError(stored.error());
        // The ids, not the readings: the events carry the full readings, and a 10,000-item echo would
        // cost more than the insert. Written directly: {"count":N,"ids":[...]} as QJsonDocument writes it.
        QByteArray out;
        out.reserve(32 + stored->size() * 12);
        out.append("{\"count\":");
        json::appendInteger(out, stored->size());
        out.append(",\"ids\":[");
        for (qsizetype i = 0; i < stored->size(); ++i) {
            if (i)
                out.append(',');
            json::appendInteger(out, stored->at(i).id);
        }
        out.append("]}");
        return HttpResponse {201, std::move(out), "application/json", {}};
    });
}

} // namespace pulso
