// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/staticcontroller.h"

#include "net/router.h"

#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStatic, "pulso.static")

namespace pulso {

namespace {

constexpr QStringView ResourceRoot = u":/pulso/web";
constexpr QStringView PageName = u"index.html";

// The page talks to whatever server its operator types in, so connect-src is open to http(s) and ws(s);
// everything it runs or styles comes from this server.
constexpr const char *PagePolicy
    = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "connect-src 'self' http: https: ws: wss:; object-src 'none'; base-uri 'none'; "
      "form-action 'none'; frame-ancestors 'none'";

void addCommonHeaders(HttpResponse &response)
{
    // The asset names carry no version, so the browser must revalidate: the page and its scripts always match
    // the running server after an upgrade. A few tens of KB per load on a LAN is cheap.
    response.headers.append({QByteArray("Cache-Control"), QByteArray("no-cache")});
    response.headers.append({QByteArray("X-Content-Type-Options"), QByteArray("nosniff")});
}

} // namespace

StaticController::StaticController()
{
    QDirIterator it(ResourceRoot.toString(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcStatic) << "cannot read the web client resource" << path << file.errorString();
            continue;
        }
        const QString name = path.mid(ResourceRoot.size() + 1);
        m_assets.insert(name, Asset {file.readAll(), contentTypeFor(name)});
    }
    if (!m_assets.contains(PageName.toString()))
        qCWarning(lcStatic) << "the web client page is missing from the resources";
}

QByteArray StaticController::contentTypeFor(const QString &name)
{
    const QString suffix = name.section(u'.', -1).toLower();
    if (suffix == u"html")
        return "text/html; charset=utf-8";
    if (suffix == u"js" || suffix == u"mjs")
        return "text/javascript; charset=utf-8";
    if (suffix == u"css")
        return "text/css; charset=utf-8";
    if (suffix == u"svg")
        return "image/svg+xml";
    if (suffix == u"png")
        return "image/png";
    if (suffix == u"json")
        return "application/json";
    if (suffix == u"ico")
        return "image/x-icon";
    return "application/octet-stream";
}

HttpResponse StaticController::asset(const QString &name) const
{
    const auto it = m_assets.constFind(name);
    if (it == m_assets.cend()) {
        return HttpResponse::error(
            ErrorKind::NotFound, u"not_found"_s, u"No web client file named \"%1\"."_s.arg(name.left(128)));
    }
    HttpResponse response {200, it->body, it->contentType, {}};
    addCommonHeaders(response);
    if (name == PageName) {
        response.headers.append({QByteArray("Content-Security-Policy"), QByteArray(PagePolicy)});
        response.headers.append({QByteArray("Referrer-Policy"), QByteArray("no-referrer")});
        response.headers.append({QByteArray("X-Frame-Options"), QByteArray("DENY")});
    }
    return response;
}

void StaticController::registerRoutes(Router &router)
{
    // "/client/" would make the page's relative asset links resolve under /client/: send it to the canonical
    // path (never to one taken from the request, so no open redirect).
    const auto page = [this](const QString &canonical) {
        return [this, canonical](const HttpRequest &request) {
            if (request.path != canonical) {
                HttpResponse response = HttpResponse::error(
                    ErrorKind::NotFound, u"moved"_s, u"The web client is at %1."_s.arg(canonical));
                response.status = 301;
                response.headers.append({QByteArray("Location"), canonical.toUtf8()});
                return response;
            }
            return asset(PageName.toString());
        };
    };
    router.add("GET", u"/"_s, page(u"/"_s));
    router.add("GET", u"/client"_s, page(u"/client"_s));
    router.add("GET", u"/static/{file}"_s,
        [this](const HttpRequest &request) { return asset(u"static/"_s + request.pathArgs.value(0)); });
}

} // namespace pulso
