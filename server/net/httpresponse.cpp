// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httpresponse.h"

#include <QJsonDocument>

namespace pulso {

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QString HttpRequest::queryValue(const QString &name, const QString &fallback) const
{
    if (!query.hasQueryItem(name))
        return fallback;
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    return HttpResponse {
        status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpResponse HttpResponse::json(const QJsonArray &array, int status)
{
    return HttpResponse {status, QJsonDocument(array).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpResponse HttpResponse::fromError(const Error &error)
{
    HttpResponse response = json(error.toJson(), httpStatusFor(error.kind));
    // Temporary faults (a locked or read-only database) say when to try again.
    if (response.status == 503)
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    return response;
}

HttpResponse HttpResponse::error(ErrorKind kind, const QString &code, const QString &message)
{
    return fromError(Error::make(kind, code, message));
}

int httpStatusFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest:
        return 400;
    case ErrorKind::Validation:
        return 422;
    case ErrorKind::NotFound:
        return 404;
    case ErrorKind::Conflict:
        return 409;
    case ErrorKind::Unauthorized:
        return 401;
    case ErrorKind::Forbidden:
        return 403;
    case ErrorKind::PayloadTooLarge:
        return 413;
    case ErrorKind::MethodNotAllowed:
        return 405;
    case ErrorKind::TooManyRequests:
        return 429;
    case ErrorKind::Unavailable:
        return 503;
    case ErrorKind::Internal:
        return 500;
    }
    return 500;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

QByteArray serializeClosingResponse(const HttpResponse &response)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: " + response.contentType
        + "\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += response.body;
    return out;
}

QByteArray serializeResponse(const HttpResponse &response, qint64 contentLength)
{
    QByteArray out;
    out.reserve(128 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (response.status != 204)
        out += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    out += response.body;
    return out;
}

} // namespace pulso
