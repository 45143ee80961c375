// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// EntityTableModel: a full time series drops its oldest rows with row removals, not a reset (a reset made the
// sorting proxy of the data pages sort every row again on every batch).
#include "ui/models/entitytablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pulso::test {

namespace {

Event readingCreated(qint64 id)
{
    EventDraft draft = EventDraft::entity(u"reading"_s, EventType::Created, id,
        {{u"id"_s, id}, {u"sensor_id"_s, 1}, {u"valor"_s, double(id)}}, {{u"action"_s, u"create_reading"_s}});
    draft.timestamp = QDateTime::currentDateTimeUtc();
    return Event::make(id, draft);
}

QList<qint64> ids(const EntityTableModel &model)
{
    QList<qint64> out;
    for (const QJsonObject &row : model.rows())
        out.append(row.value(u"id"_s).toInteger());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestEntityTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullTimeSeriesDropsTheOldestRowsWithoutAReset();
};

void TestEntityTableModel::fullTimeSeriesDropsTheOldestRowsWithoutAReset()
{
    EntityTableModel model(EntityKind::Reading);
    model.setMaxRows(5);
    // The initial load is newest first; live rows are appended oldest first.
    model.setRows({QJsonObject {{u"id"_s, 3}, {u"sensor_id"_s, 1}, {u"valor"_s, 3.0}},
        QJsonObject {{u"id"_s, 2}, {u"sensor_id"_s, 1}, {u"valor"_s, 2.0}},
        QJsonObject {{u"id"_s, 1}, {u"sensor_id"_s, 1}, {u"valor"_s, 1.0}}});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(EntityTableModel::SortRole);
    proxy.sort(0, Qt::DescendingOrder);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy removals(&model, &QAbstractItemModel::rowsAboutToBeRemoved);

    model.applyEvents({readingCreated(4), readingCreated(5), readingCreated(6)});
    QCOMPARE(ids(model), (QList<qint64> {2, 3, 4, 5, 6}));
    model.applyEvents({readingCreated(7), readingCreated(8), readingCreated(9), readingCreated(10)});
    QCOMPARE(ids(model), (QList<qint64> {6, 7, 8, 9, 10}));
    QCOMPARE(resets.size(), 0);
    QVERIFY(removals.size() >= 2);
    QCOMPARE(proxy.rowCount(), 5);
    QCOMPARE(proxy.index(0, 0).data(EntityTableModel::SortRole).toLongLong(), 10);
    // An update of a kept row still lands on it.
    EventDraft update = EventDraft::entity(u"reading"_s, EventType::Updated, 8,
        {{u"id"_s, 8}, {u"sensor_id"_s, 1}, {u"valor"_s, 80.0}}, {{u"action"_s, u"update_reading"_s}});
    update.timestamp = QDateTime::currentDateTimeUtc();
    model.applyEvents({Event::make(11, update)});
    QCOMPARE(ids(model), (QList<qint64> {6, 7, 8, 9, 10}));
    for (const QJsonObject &row : model.rows()) {
        if (row.value(u"id"_s).toInteger() == 8)
            QCOMPARE(row.value(u"valor"_s).toDouble(), 80.0);
    }
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestEntityTableModel)
#include "tst_entitytablemodel.moc"
