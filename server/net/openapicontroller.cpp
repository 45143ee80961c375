// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/openapicontroller.h"

#include "net/router.h"

#include <QFile>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOpenApi, "pulso.openapi")

namespace pulso {

OpenApiController::OpenApiController() : m_document(document()) { }

QByteArray OpenApiController::document()
{
    QFile file(u":/pulso/api/openapi.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcOpenApi) << "the OpenAPI resource is missing:" << file.errorString();
        return {};
    }
    return file.readAll();
}

void OpenApiController::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/openapi.json"_s, [this](const HttpRequest &) {
        if (m_document.isEmpty()) {
            return HttpResponse::error(
                ErrorKind::Internal, u"openapi_missing"_s, u"The OpenAPI document was not built in."_s);
        }
        return HttpResponse {200, m_document, "application/json", {}};
    });
}

} // namespace pulso
