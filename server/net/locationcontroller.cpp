// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/locationcontroller.h"

#include "net/resthelpers.h"
#include "services/locationservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

void LocationController::registerRoutes(Router &router)
{
    rest::addCrudRoutes(
        router, u"/api/v1/locations"_s, entity::Location, m_service, [this](const HttpRequest &request) {
            Result<PageRequest> page = rest::pageRequest(request);
            if (!page)
                return HttpResponse::fromError(page.error());
            Result<Page<Location>> result = m_service.list(*page);
            if (!result)
                return HttpResponse::fromError(result.error());
            return HttpResponse::json(rest::pageJson(*result));
        });
}

} // namespace pulso
