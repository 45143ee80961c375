// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/resthelpers.h"

#include "core/isotime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pulso::rest {

namespace {

constexpr qint64 MaxSafeInteger = 9007199254740991LL;

Error wrongBody(const QString &expected)
{
    FieldErrors errors;
    errors.add(u"body"_s, u"must be %1"_s.arg(expected));
    return errors.toError(u"request"_s);
}

Result<QJsonDocument> parseBody(const HttpRequest &request, const QString &expected)
{
    const bool blank = std::all_of(request.body.cbegin(), request.body.cend(),
        [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    if (blank) {
        return Error::make(ErrorKind::BadRequest, u"invalid_json"_s,
            u"The request body is empty; send %1 (Content-Type: application/json)."_s.arg(expected));
    }
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return doc;
    // Qt reads only objects and arrays at the top; a lone string or number is JSON of the wrong shape.
    if (QJsonDocument::fromJson('[' + request.body + ']').array().size() == 1)
        return wrongBody(expected);
    QString hint;
    if (request.body.contains("NaN") || request.body.contains("Infinity"))
        hint = u" NaN and Infinity are not JSON numbers."_s;
    return Error::make(ErrorKind::BadRequest, u"invalid_json"_s,
        u"The request body is not valid JSON: %1 at offset %2.%3"_s.arg(parseError.errorString())
            .arg(parseError.offset)
            .arg(hint));
}

std::optional<qint64> integerQuery(
    const HttpRequest &request, const QString &name, qint64 min, qint64 max, FieldErrors &errors)
{
    if (!request.hasQuery(name))
        return std::nullopt;
    bool ok = false;
    const QString text = request.queryValue(name);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        errors.add(name, u"must be an integer between %1 and %2"_s.arg(min).arg(max));
        return std::nullopt;
    }
    return value;
}

std::optional<TimeMs> timeQuery(const HttpRequest &request, const QString &name, FieldErrors &errors)
{
    if (!request.hasQuery(name))
        return std::nullopt;
    const std::optional<TimeMs> value = isotime::parse(request.queryValue(name));
    if (!value)
        errors.add(name, u"must be an ISO-8601 timestamp such as 2025-07-20T00:05:37.123Z"_s);
    return value;
}

} // namespace

Result<QJsonObject> objectBody(const HttpRequest &request)
{
    const QString expected = u"a JSON object"_s;
    Result<QJsonDocument> doc = parseBody(request, expected);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return wrongBody(expected);
    return doc->object();
}

Result<QJsonArray> arrayBody(const HttpRequest &request)
{
    const QString expected = u"a JSON array"_s;
    Result<QJsonDocument> doc = parseBody(request, expected);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return wrongBody(expected);
    return doc->array();
}

Result<qint64> pathId(const HttpRequest &request, QStringView entityType)
{
    const QString text = request.pathArgs.value(0);
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    // Digits only: "+5", " 5" or "5.0" name no resource.
    const bool digits = !text.isEmpty()
        && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!ok || !digits || id < 1 || id > MaxSafeInteger) {
        return Error::make(ErrorKind::NotFound, u"not_found"_s,
            u"No %1 with id \"%2\"; ids are positive integers."_s.arg(entityType, text.left(64)));
    }
    return id;
}

Error queryError(const FieldErrors &errors)
{
    Error error = errors.toError(u"query"_s);
    error.kind = ErrorKind::BadRequest;
    error.code = u"invalid_query"_s;
    return error;
}

PageRequest pageRequest(const HttpRequest &request, FieldErrors &errors)
{
    PageRequest page;
    page.limit = int(integerQuery(request, u"limit"_s, 1, PageRequest::MaxLimit, errors)
                         .value_or(PageRequest::DefaultLimit));
    page.offset = integerQuery(request, u"offset"_s, 0, MaxSafeInteger, errors).value_or(0);
    return page;
}

std::optional<qint64> idQuery(const HttpRequest &request, const QString &name, FieldErrors &errors)
{
    return integerQuery(request, name, 1, MaxSafeInteger, errors);
}

SeriesFilter seriesFilter(const HttpRequest &request, FieldErrors &errors)
{
    SeriesFilter filter;
    filter.sensorId = idQuery(request, u"sensor_id"_s, errors);
    filter.from = timeQuery(request, u"from"_s, errors);
    filter.to = timeQuery(request, u"to"_s, errors);
    if (filter.from && filter.to && *filter.from >= *filter.to)
        errors.add(u"to"_s, u"must be later than from"_s);
    return filter;
}

} // namespace pulso::rest
