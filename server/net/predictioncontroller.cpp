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
            return rest::listResponse(
                request, rest::seriesFilter, [this](const SeriesFilter &filter, const PageRequest &page) {
                    return m_service.list(filter, page);
                });
        });
}

} // namespace pulso
