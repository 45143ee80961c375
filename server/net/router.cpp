// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/router.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pulso {

QStringList Router::split(const QString &path)
{
    QStringList segments = path.split(u'/');
    // "/a/b/" and "/a/b" are the same resource; the leading "" goes too.
    if (!segments.isEmpty() && segments.first().isEmpty())
        segments.remove(0);
    if (!segments.isEmpty() && segments.last().isEmpty())
        segments.removeLast();
    return segments;
}

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    Route route {method, pattern, split(pattern), 0, std::move(handler)};
    route.literalCount = static_cast<int>(std::count_if(route.segments.cbegin(), route.segments.cend(),
        [](const QString &s) { return !s.startsWith(u'{'); }));
    m_routes.append(std::move(route));
    // Most specific first, so "/readings/batch" wins over "/readings/{id}".
    std::stable_sort(m_routes.begin(), m_routes.end(),
        [](const Route &a, const Route &b) { return a.literalCount > b.literalCount; });
}

bool Router::match(const Route &route, const Segments &segments, QStringList *args)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &pattern = route.segments[i];
        if (pattern.startsWith(u'{')) {
            if (segments[i].isEmpty())
                return false;
        } else if (pattern != segments[i]) {
            return false;
        }
    }
    if (args) {
        // Captures are copied only for the route that runs, not for every candidate.
        args->clear();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            if (route.segments[i].startsWith(u'{'))
                args->append(segments[i].toString());
        }
    }
    return true;
}

Router::Segments Router::viewSegments(QStringView path)
{
    // As split(): "/a/b/" and "/a/b" are the same resource; views into the path, no copies.
    Segments segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf(u'/', start);
        if (end < 0)
            end = path.size();
        segments.append(path.sliced(start, end - start));
        start = end + 1;
    }
    if (!segments.isEmpty() && segments.first().isEmpty())
        segments.remove(0);
    if (!segments.isEmpty() && segments.last().isEmpty())
        segments.removeLast();
    return segments;
}

HttpResponse Router::dispatch(HttpRequest &request) const
{
    const Segments segments = viewSegments(request.path);
    const QByteArrayView method
        = request.method == "HEAD" ? QByteArrayView("GET") : QByteArrayView(request.method);
    bool pathKnown = false;
    int bestLiterals = -1;
    for (const Route &route : m_routes) {
        // Routes are sorted most specific first: once a path matched literally, captures do not take it.
        if (bestLiterals > route.literalCount || !match(route, segments, nullptr))
            continue;
        pathKnown = true;
        bestLiterals = route.literalCount;
        if (QByteArrayView(route.method) != method)
            continue;
        match(route, segments, &request.pathArgs);
        return route.handler(request);
    }
    if (!pathKnown) {
        return HttpResponse::error(ErrorKind::NotFound, u"not_found"_s,
            u"No route for %1 %2"_s.arg(QString::fromLatin1(request.method), request.path));
    }
    QList<QByteArray> allowed = allowedMethods(request.path);
    QStringList names;
    for (const QByteArray &m : allowed)
        names << QString::fromLatin1(m);
    HttpResponse response = HttpResponse::error(ErrorKind::MethodNotAllowed, u"method_not_allowed"_s,
        u"%1 is not allowed on %2; allowed: %3"_s.arg(
            QString::fromLatin1(request.method), request.path, names.join(u", ")));
    response.headers.append(qMakePair(QByteArray("Allow"), names.join(u", ").toLatin1()));
    return response;
}

QList<QByteArray> Router::allowedMethods(const QString &path) const
{
    const Segments segments = viewSegments(path);
    QList<QByteArray> methods;
    int bestLiterals = -1;
    for (const Route &route : m_routes) {
        if (bestLiterals > route.literalCount || !match(route, segments, nullptr))
            continue;
        bestLiterals = route.literalCount;
        if (!methods.contains(route.method))
            methods.append(route.method);
    }
    if (methods.contains("GET") && !methods.contains("HEAD"))
        methods.append("HEAD");
    std::sort(methods.begin(), methods.end());
    return methods;
}

QStringList Router::routes() const
{
    QStringList out;
    for (const Route &route : m_routes)
        out << QString::fromLatin1(route.method) + u' ' + route.pattern;
    return out;
}

} // namespace pulso
