// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpresponse.h"

#include <QList>
#include <QString>
#include <QVarLengthArray>
#include <functional>

namespace pulso {

/// Method + path-pattern routing with "{name}" captures. Unknown paths get 404, known paths with another
/// method 405 with an Allow header; both as JSON errors.
class Router final
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &request)>;

    /// `pattern` like "/api/v1/ws/stats/{channel}"; literal segments win over captures.
    void add(const QByteArray &method, const QString &pattern, Handler handler);

    /// Finds the route, fills `request.pathArgs` and runs the handler.
    HttpResponse dispatch(HttpRequest &request) const;

    /// Methods accepted on `path` (sorted), empty when no route matches the path.
    QList<QByteArray> allowedMethods(const QString &path) const;

    /// Every registered route as "METHOD pattern", for documentation checks.
    QStringList routes() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        int literalCount = 0;
        Handler handler;
    };
    using Segments = QVarLengthArray<QStringView, 8>;
    /// Whether `route` matches; fills `args` with the captures when given.
    static bool match(const Route &route, const Segments &segments, QStringList *args);
    static QStringList split(const QString &path);
    static Segments viewSegments(QStringView path);

    QList<Route> m_routes;
};

} // namespace pulso
