// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace pulso {

/// A parsed HTTP/1.x request head (request line + headers), as the front listener sees it before
/// deciding who serves the connection. Parsing never consumes the socket's data.
struct HttpHead
{
    enum class Parse { Incomplete, Complete, Invalid, TooLarge };

    QByteArray method;
    QByteArray target; ///< as sent: "/api/v1/ws?channel=sensors"
    QByteArray version; ///< "HTTP/1.1"
    QString path; ///< percent-decoded path
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed
    qsizetype length = 0; ///< bytes of the head including the blank line
    QString invalidReason;

    /// Parses the head at the start of `buffer`; TooLarge when no complete head fits in `maxSize` bytes.
    static Parse parse(const QByteArray &buffer, qsizetype maxSize, HttpHead &out);

    /// First value of a header (name in lower case), empty when absent.
    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    /// GET with "Upgrade: websocket" and a Connection header that includes "upgrade".
    bool isWebSocketUpgrade() const;
    /// The bearer token from "Authorization: Bearer ..." or empty.
    QByteArray bearerToken() const;
};

/// Splits an encoded query into a QUrlQuery, treating '+' as a space as HTML forms do.
QUrlQuery parseQuery(QByteArrayView encodedQuery);
/// The first parameter name that appears more than once (decoded), or empty. Pulso refuses such queries:
/// which of two "channel" values wins differs between parsers, and a check must see what a handler uses.
QString repeatedQueryKey(const QUrlQuery &query);

} // namespace pulso
