// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: a request target ("/path?query") as HttpApi decodes it (QUrl, parseQuery, the dot-segment and
// repeated-parameter checks), routed with the real route patterns to handlers that parse what the list
// endpoints parse: the {id} capture, limit/offset, sensor_id/location_id, from/to (ISO-8601).
#include "core/validation.h"
#include "net/httphead.h"
#include "net/resthelpers.h"
#include "net/router.h"

#include <QUrl>

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

HttpResponse listHandler(const HttpRequest &request)
{
    FieldErrors errors;
    const PageRequest page = rest::pageRequest(request, errors);
    const SeriesFilter series = rest::seriesFilter(request, errors);
    (void)rest::idQuery(request, u"location_id"_s, errors);
    if (!errors.isEmpty())
        return HttpResponse::fromError(rest::queryError(errors));
    if (page.limit < 1 || page.limit > PageRequest::MaxLimit || page.offset < 0)
        std::abort(); // accepted paging is always in range
    if (series.from && series.to && *series.from >= *series.to)
        std::abort(); // from < to is checked
    return HttpResponse::json(QJsonObject {{u"limit"_s, page.limit}});
}

HttpResponse itemHandler(const HttpRequest &request)
{
    Result<qint64> id = rest::pathId(request, u"sensor");
    if (!id)
        return HttpResponse::fromError(id.error());
    if (*id <= 0)
        std::abort();
    return HttpResponse::json(QJsonObject {{u"id"_s, *id}});
}

Router makeRouter()
{
    Router router;
    for (const QString &collection : {u"/api/v1/locations"_s, u"/api/v1/sensors"_s, u"/api/v1/readings"_s,
             u"/api/v1/anomalies"_s, u"/api/v1/predictions"_s, u"/api/v1/tokens"_s}) {
        router.add("GET", collection, listHandler);
        router.add("POST", collection, listHandler);
        for (const char *method : {"GET", "PUT", "PATCH", "DELETE"})
            router.add(method, collection + u"/{id}"_s, itemHandler);
    }
    router.add("POST", u"/api/v1/readings/batch"_s, listHandler);
    router.add("GET", u"/api/v1/ws/stats"_s, listHandler);
    router.add("GET", u"/api/v1/ws/stats/{channel}"_s, listHandler);
    router.add("POST", u"/api/v1/ws/test-event"_s, listHandler);
    router.add("GET", u"/static/{file}"_s, itemHandler);
    router.add("GET", u"/"_s, listHandler);
    router.add("GET", u"/client"_s, listHandler);
    return router;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Router router = makeRouter();
    if (size > 8192)
        return 0;
    // The first byte picks the method, the rest is the request target.
    static const QByteArray methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    HttpRequest request;
    request.method = size > 0 ? methods[data[0] % 7] : QByteArray("GET");
    const QByteArray target
        = size > 0 ? QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)) : QByteArray();
    // As QHttpServerRequest and HttpApi::handleRequest decode it.
    const QUrl url = QUrl::fromEncoded(target);
    request.path = url.path(QUrl::FullyDecoded);
    request.query = parseQuery(url.query(QUrl::FullyEncoded).toUtf8());
    (void)repeatedQueryKey(request.query);
    for (QStringView segment : QStringView(request.path).split(u'/')) {
        if (segment == u"." || segment == u"..")
            return 0; // refused before routing
    }
    (void)router.allowedMethods(request.path);
    const HttpResponse response = router.dispatch(request);
    if (response.status < 100 || response.status > 599)
        std::abort();
    if (response.status >= 400 && !response.body.contains("\"error\""))
        std::abort(); // every refusal is a JSON error
    return 0;
}
