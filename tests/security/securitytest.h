// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the security tests: raw HTTP parsing and what is on disk.
#pragma once

#include "net/websockethub.h"
#include "services/tokenservice.h"
#include "testclients.h"
#include "testserver.h"

#include <QAtomicInt>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace pulso::test {

inline int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

inline QByteArray headerOf(const QByteArray &response, const QByteArray &name)
{
    const QByteArray head = response.left(response.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

inline QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

inline QString errorCodeOf(const QByteArray &response)
{
    return bodyOf(response).value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

/// A single-value query on the database file through a read-only connection of its own: what is on disk.
inline QVariant queryValue(const QString &databasePath, const QString &sql)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("security-read-%1").arg(counter.fetchAndAddRelaxed(1));
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

/// Row counts of every table a request could write to, to prove that a refused one wrote nothing.
struct Snapshot
{
    QList<qint64> counts;
    static Snapshot of(const QString &databasePath)
    {
        Snapshot s;
        for (const char *table :
            {"locations", "sensors", "readings", "anomalies", "predictions", "events", "api_tokens"}) {
            s.counts << queryValue(
                databasePath, QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table))
                            .toLongLong();
        }
        return s;
    }
    bool operator==(const Snapshot &other) const = default;
};

/// "GET <target> HTTP/1.1" upgrade request with a valid WebSocket key and `extraHeaders` (CRLF-terminated).
inline QByteArray upgradeRequest(
    const QByteArray &target, const QByteArray &extraHeaders = {}, const QByteArray &host = "127.0.0.1")
{
    return "GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + extraHeaders + "\r\n";
}

} // namespace pulso::test

namespace QTest {
template<> inline char *toString(const pulso::test::Snapshot &snapshot)
{
    QByteArray text = "locations,sensors,readings,anomalies,predictions,events,api_tokens =";
    for (qint64 count : snapshot.counts)
        text += ' ' + QByteArray::number(count);
    return qstrdup(text.constData());
}
} // namespace QTest
