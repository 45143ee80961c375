// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: the request head as the front listener reads it (HttpHead::parse, query parsing, bearer and
// upgrade detection) and route dispatch with "{capture}" segments (Router), as HttpApi runs them.
#include "net/httphead.h"
#include "net/router.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

Router makeRouter()
{
    Router router;
    const auto echo = [](const HttpRequest &request) {
        // What handlers do with a request: read captures and query values.
        QJsonObject out {{u"args"_s, QJsonArray::fromStringList(request.pathArgs)},
            {u"limit"_s, request.queryValue(u"limit"_s, u"100"_s)},
            {u"channel"_s, request.queryValue(u"channel"_s)}};
        return HttpResponse::json(out);
    };
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        router.add(method, u"/api/v1/sensors"_s, echo);
        router.add(method, u"/api/v1/sensors/{id}"_s, echo);
    }
    router.add("POST", u"/api/v1/readings/batch"_s, echo);
    router.add("GET", u"/api/v1/readings/{id}"_s, echo);
    router.add("GET", u"/api/v1/ws/stats/{channel}"_s, echo);
    router.add("GET", u"/api/v1/ws/stats"_s, echo);
    router.add("GET", u"/static/{file}"_s, echo);
    router.add("GET", u"/api/v1/tokens/{id}"_s, echo);
    router.add("GET", u"/{a}/{b}/{c}"_s, echo);
    return router;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Router router = makeRouter();
    const QByteArray buffer(reinterpret_cast<const char *>(data), qsizetype(size));
    constexpr qsizetype MaxHead = 16 * 1024;
    HttpHead head;
    const HttpHead::Parse result = HttpHead::parse(buffer, MaxHead, head);
    if (result == HttpHead::Parse::Invalid && head.invalidReason.isEmpty())
        std::abort(); // every refusal says why
    if (result != HttpHead::Parse::Complete)
        return 0;
    if (head.length <= 0 || head.length > buffer.size() || head.length > MaxHead)
        std::abort();
    (void)head.isWebSocketUpgrade();
    (void)head.bearerToken();
    (void)head.header("content-length");

    HttpRequest request;
    request.method = head.method;
    request.path = head.path;
    request.query = head.query;
    request.headers = head.headers;
    request.body = buffer.mid(head.length);
    (void)repeatedQueryKey(request.query);
    (void)router.allowedMethods(request.path);
    const HttpResponse response = router.dispatch(request);
    if (response.status < 100 || response.status > 599)
        std::abort();
    (void)serializeClosingResponse(response);
    return 0;
}
