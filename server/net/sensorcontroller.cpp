// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/sensorcontroller.h"

#include "net/resthelpers.h"
#include "services/sensorservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

void SensorController::registerRoutes(Router &router)
{
    rest::addCrudRoutes(
        router, u"/api/v1/sensors"_s, entity::Sensor, m_service, [this](const HttpRequest &request) {
            const auto readFilter = [](const HttpRequest &request, FieldErrors &errors) {
                SensorFilter filter;
                filter.locationId = rest::idQuery(request, u"location_id"_s, errors);
                if (request.hasQuery(u"tipo"_s))
                    filter.tipo = request.queryValue(u"tipo"_s);
                return filter;
            };
            return rest::listResponse(
                request, readFilter, [this](const SensorFilter &filter, const PageRequest &page) {
                    return m_service.list(filter, page);
                });
        });
}

} // namespace pulso
