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
    void batchUpdatesAndDeletesItsOwnNewRows();
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
    // Once the loaded rows are gone the oldest rows are the first ones: one removal from the top.
    removals.clear();
    model.applyEvents({readingCreated(12), readingCreated(13), readingCreated(14)});
    QCOMPARE(removals.size(), 1);
    QCOMPARE(removals.first().at(1).toInt(), 0);
    QCOMPARE(removals.first().at(2).toInt(), 2);
    QCOMPARE(ids(model), (QList<qint64> {9, 10, 12, 13, 14}));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.row(row).value(u"id"_s).toInteger()), row);
    QCOMPARE(model.rowOf(8), -1);
    QCOMPARE(proxy.index(0, 0).data(EntityTableModel::SortRole).toLongLong(), 14);
}

void TestEntityTableModel::batchUpdatesAndDeletesItsOwnNewRows()
{
    EntityTableModel model(EntityKind::Reading);
    model.setRows({QJsonObject {{u"id"_s, 1}, {u"sensor_id"_s, 1}, {u"valor"_s, 1.0}}});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const auto event = [](qint64 seq, EventType type, qint64 id, double value) {
        EventDraft draft = EventDraft::entity(u"reading"_s, type, id,
            {{u"id"_s, id}, {u"sensor_id"_s, 1}, {u"valor"_s, value}}, {{u"action"_s, u"x"_s}});
        draft.timestamp = QDateTime::currentDateTimeUtc();
        return Event::make(seq, draft);
    };
    // In one batch: new rows 2..6; 3 is updated twice, 4 deleted, 1 (already shown) updated, 7 created and
    // deleted before the batch is applied.
    model.applyEvents({event(10, EventType::Created, 2, 2.0), event(11, EventType::Created, 3, 3.0),
        event(12, EventType::Created, 4, 4.0), event(13, EventType::Updated, 3, 30.0),
        event(14, EventType::Created, 5, 5.0), event(15, EventType::Deleted, 4, 0.0),
        event(16, EventType::Updated, 1, 10.0), event(17, EventType::Created, 7, 7.0),
        event(18, EventType::Updated, 3, 300.0), event(19, EventType::Deleted, 7, 0.0),
        event(20, EventType::Created, 6, 6.0)});
    QCOMPARE(inserted.size(), 1); // one insert for the batch
    QCOMPARE(model.rowCount(), 5);
    const QList<double> expected {10.0, 2.0, 300.0, 5.0, 6.0}; // ids 1, 2, 3, 5, 6 in arrival order
    for (int row = 0; row < model.rowCount(); ++row) {
        const QJsonObject object = model.row(row);
        QCOMPARE(object.value(u"valor"_s).toDouble(), expected[row]);
        QCOMPARE(model.rowOf(object.value(u"id"_s).toInteger()), row);
    }
    QCOMPARE(model.rowOf(4), -1);
    QCOMPARE(model.rowOf(7), -1);
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestEntityTableModel)
#include "tst_entitytablemodel.moc"
