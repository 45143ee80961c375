// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrlQuery>

namespace pulso {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// A request as route handlers see it: transport details already decoded.
struct HttpRequest
{
    QByteArray method; ///< "GET", "POST", ...
    QString path;
    QUrlQuery query;
    HeaderList headers; ///< names lower-cased
    QByteArray body;
    QHostAddress peer;
    QStringList pathArgs; ///< values captured by "{name}" segments, in order

    QByteArray header(QByteArrayView lowerName) const;
    /// First value of a query parameter, fully decoded; `fallback` when absent.
    QString queryValue(const QString &name, const QString &fallback = {}) const;
    bool hasQuery(const QString &name) const { return query.hasQueryItem(name); }
};

/// A response a handler returns; the API turns it into bytes in one place.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    HeaderList headers;

    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse json(const QJsonArray &array, int status = 200);
    static HttpResponse fromError(const Error &error);
    static HttpResponse error(ErrorKind kind, const QString &code, const QString &message);
};

int httpStatusFor(ErrorKind kind);
QByteArray reasonPhrase(int status);
/// A complete HTTP/1.1 response that also closes the connection: for refusals made before any handler runs.
QByteArray serializeClosingResponse(const HttpResponse &response);
/// The bytes of a keep-alive response as QHttpServerResponder writes them (status line, Content-Type unless
/// 204, the extra headers, Content-Length = `contentLength`, the body): for answers written after the
/// request's handler returned (commit groups).
QByteArray serializeResponse(const HttpResponse &response, qint64 contentLength);

} // namespace pulso
