// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testclients.h"
#include "testserver.h"

#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace pulso::test {

/// Rows in `table` of a running server's database, read through a connection of its own: what is
/// really on disk, not what the server says.
inline qint64 rowCount(const QString &databasePath, const QString &table)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("rowcount-%1").arg(counter.fetchAndAddRelaxed(1));
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next())
                count = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

/// Row counts of every domain table and of the event outbox, to prove a failed request wrote nothing.
struct Snapshot
{
    QList<qint64> counts;
    static Snapshot of(const QString &databasePath)
    {
        Snapshot s;
        for (const char *table : {"locations", "sensors", "readings", "anomalies", "predictions", "events"})
            s.counts << rowCount(databasePath, QString::fromLatin1(table));
        return s;
    }
    bool operator==(const Snapshot &other) const = default;
};

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QStringList errorFields(const HttpResult &result)
{
    QStringList fields;
    const QJsonArray details
        = result.object().value(QLatin1String("error")).toObject().value(QLatin1String("details")).toArray();
    for (const QJsonValue &detail : details)
        fields << detail.toObject().value(QLatin1String("field")).toString();
    return fields;
}

} // namespace pulso::test

namespace QTest {
template<> inline char *toString(const pulso::test::Snapshot &snapshot)
{
    QByteArray text = "locations,sensors,readings,anomalies,predictions,events =";
    for (qint64 count : snapshot.counts)
        text += ' ' + QByteArray::number(count);
    return qstrdup(text.constData());
}
} // namespace QTest
