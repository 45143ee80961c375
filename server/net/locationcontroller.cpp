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
            return rest::listResponse(
                request, [](const HttpRequest &, FieldErrors &) { return 0; },
                [this](int, const PageRequest &page) { return m_service.list(page); });
        });
}

} // namespace pulso
