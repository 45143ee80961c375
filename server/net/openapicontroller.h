// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace pulso {

class Router;

/// GET /api/v1/openapi.json: the OpenAPI 3 description of every route, compiled in as a resource.
class OpenApiController final
{
public:
    OpenApiController();
    void registerRoutes(Router &router);

    /// The document's bytes (empty if the resource is missing, which a test catches).
    static QByteArray document();

private:
    QByteArray m_document;
};

} // namespace pulso
