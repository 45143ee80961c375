// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httphead.h"

#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

constexpr qsizetype MaxMethodLength = 32;

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

HttpHead::Parse invalid(HttpHead &out, QString reason)
{
    out.invalidReason = std::move(reason);
    return HttpHead::Parse::Invalid;
}

} // namespace

QUrlQuery parseQuery(QByteArrayView encodedQuery)
{
    QByteArray query = encodedQuery.toByteArray();
    query.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(query));
}

QString repeatedQueryKey(const QUrlQuery &query)
{
    QSet<QString> seen;
    const QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (item.first.isEmpty())
            continue;
        if (seen.contains(item.first))
            return item.first;
        seen.insert(item.first);
    }
    return {};
}

HttpHead::Parse HttpHead::parse(const QByteArray &buffer, qsizetype maxSize, HttpHead &out)
{
    const QByteArrayView view(buffer.constData(), std::min(buffer.size(), maxSize));
    // Tolerate stray CRLFs before the request line (RFC 9112 2.2).
    qsizetype start = 0;
    while (start + 1 < view.size() && view[start] == '\r' && view[start + 1] == '\n')
        start += 2;
    const qsizetype end = view.indexOf("\r\n\r\n", start);
    // A bare LF would let the head be read two ways (this parser and QHttpServer's): refuse it at once. Only
    // in the head: body bytes that arrived with it (a pretty-printed JSON body) may hold any newlines.
    const qsizetype headEnd = end < 0 ? view.size() : end + 2;
    for (qsizetype i = start; i < headEnd; ++i) {
        if (view[i] == '\n' && (i == 0 || view[i - 1] != '\r'))
            return invalid(out, u"lines must end with CRLF"_s);
    }
    if (end < 0) {
        // A request line must at least look like one early, so garbage is refused without waiting.
        const qsizetype firstLineEnd = view.indexOf('\n', start);
        const QByteArrayView firstLine
            = view.sliced(start, (firstLineEnd < 0 ? view.size() : firstLineEnd) - start);
        // The method is a short token: refuse TLS handshakes and binary junk at once, not after a timeout.
        const qsizetype sp = firstLine.indexOf(' ');
        const QByteArrayView method = firstLine.first(sp < 0 ? firstLine.size() : sp);
        if (method.size() > MaxMethodLength || (!method.isEmpty() && !isToken(method)))
            return invalid(out, u"malformed request line"_s);
        if (firstLineEnd >= 0 && !firstLine.contains(' '))
            return invalid(out, u"malformed request line"_s);
        return buffer.size() >= maxSize ? Parse::TooLarge : Parse::Incomplete;
    }
    out = HttpHead {};
    out.length = end + 4;
    // Up to and including the CRLF that ends the last header line.
    QList<QByteArray> lines = buffer.mid(start, end + 2 - start).split('\n');
    lines.removeLast();
    QByteArray requestLine = lines.first();
    if (!requestLine.endsWith('\r'))
        return invalid(out, u"request line must end with CRLF"_s);
    requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3)
        return invalid(out, u"malformed request line"_s);
    out.method = parts[0];
    out.target = parts[1];
    out.version = parts[2];
    if (!isToken(out.method) || out.method.size() > MaxMethodLength)
        return invalid(out, u"malformed method"_s);
    if (out.version != "HTTP/1.1" && out.version != "HTTP/1.0")
        return invalid(out, u"unsupported HTTP version"_s);
    if (!out.target.startsWith('/'))
        return invalid(out, u"request target must be an absolute path"_s);
    for (char c : std::as_const(out.target)) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return invalid(out, u"request target contains control characters"_s);
    }
    const qsizetype q = out.target.indexOf('?');
    const QByteArray encodedPath = q < 0 ? out.target : out.target.left(q);
    out.path = QUrl::fromPercentEncoding(encodedPath);
    if (q >= 0)
        out.query = parseQuery(QByteArrayView(out.target).sliced(q + 1));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (!line.endsWith('\r'))
            return invalid(out, u"header line must end with CRLF"_s);
        line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return invalid(out, u"obsolete header folding is not accepted"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return invalid(out, u"malformed header line"_s);
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (char c : value) {
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return invalid(out, u"header value contains control characters"_s);
        }
        out.headers.append({line.left(colon).toLower(), value});
    }
    return Parse::Complete;
}

QByteArray HttpHead::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

bool HttpHead::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &entry : headers) {
        if (entry.first == lowerName)
            return true;
    }
    return false;
}

bool HttpHead::isWebSocketUpgrade() const
{
    if (header("upgrade").toLower() != "websocket")
        return false;
    for (const QByteArray &token : header("connection").split(',')) {
        if (token.trimmed().toLower() == "upgrade")
            return true;
    }
    return false;
}

QByteArray HttpHead::bearerToken() const
{
    const QByteArray value = header("authorization");
    if (value.size() > 7 && value.first(7).toLower() == "bearer ")
        return value.mid(7).trimmed();
    return {};
}

} // namespace pulso
