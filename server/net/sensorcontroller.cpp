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
            Result<PageRequest> page = rest::pageRequest(request);
            if (!page)
                return HttpResponse::fromError(page.error());
            FieldErrors errors;
            SensorFilter filter;
            filter.locationId = rest::idQuery(request, u"location_id"_s, errors);
            if (request.hasQuery(u"tipo"_s))
                filter.tipo = request.queryValue(u"tipo"_s);
            if (!errors.isEmpty())
                return HttpResponse::fromError(rest::queryError(errors));
            Result<Page<Sensor>> result = m_service.list(filter, *page);
            if (!result)
                return HttpResponse::fromError(result.error());
            return HttpResponse::json(rest::pageJson(*result));
        });
}

} // namespace pulso
