// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/predictioncontroller.h"

#include "net/resthelpers.h"
#include "services/predictionservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

void PredictionController::registerRoutes(Router &router)
{
    rest::addCrudRoutes(
        router, u"/api/v1/predictions"_s, entity::Prediction, m_service, [this](const HttpRequest &request) {
            Result<PageRequest> page = rest::pageRequest(request);
            if (!page)
                return HttpResponse::fromError(page.error());
            Result<SeriesFilter> filter = rest::seriesFilter(request);
            if (!filter)
                return HttpResponse::fromError(filter.error());
            Result<Page<Prediction>> result = m_service.list(*filter, *page);
            if (!result)
                return HttpResponse::fromError(result.error());
            return HttpResponse::json(rest::pageJson(*result));
        });
}

} // namespace pulso
