// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/anomalycontroller.h"

#include "net/resthelpers.h"
#include "services/anomalyservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

void AnomalyController::registerRoutes(Router &router)
{
    rest::addCrudRoutes(
        router, u"/api/v1/anomalies"_s, entity::Anomaly, m_service, [this](const HttpRequest &request) {
            return rest::listResponse(
                request, rest::seriesFilter, [this](const SeriesFilter &filter, const PageRequest &page) {
                    return m_service.list(filter, page);
                });
        });
}

} // namespace pulso
