// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/entitytablemodel.h"

#include "core/isotime.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace pulso {

EntityTableModel::EntityTableModel(EntityKind kind, QObject *parent)
    : QAbstractTableModel(parent), m_schema(EntitySchema::forKind(kind))
{
    if (m_schema.timeSeries)
        m_maxRows = 5000;
}

EntityTableModel::~EntityTableModel() = default;

void EntityTableModel::setRows(const QList<QJsonObject> &rows)
{
    beginResetModel();
    m_rows = rows;
    if (m_rows.size() > m_maxRows)
        m_rows.resize(m_maxRows);
    rebuildIndex();
    m_loaded = true;
    endResetModel();
    Q_EMIT loaded();
}

void EntityTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_loaded = false;
    endResetModel();
}

void EntityTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].value(u"id"_s).toInteger(), i);
}

void EntityTableModel::applyEvents(const QList<Event> &events)
{
    // New rows of this batch, and where each id is among them: looking them up by scanning made a batch of
    // n readings cost n²/2 JSON lookups (a third of the GUI thread at 5,000 readings/s, and the cost grew
    // with the batch, so a late batch took longer still).
    QList<QJsonObject> appended;
    QHash<qint64, qsizetype> appendedAt;
    for (const Event &event : events) {
        const EventDraft &d = event.draft();
        if (d.kind != EventDraft::Kind::Entity || d.entityType != m_schema.entityType || !d.entityId)
            continue;
        const qint64 id = *d.entityId;
        if (d.eventType == EventType::Deleted) {
            // A row created in this same batch is not in the model yet.
            if (const auto it = appendedAt.constFind(id); it != appendedAt.cend()) {
                appended.removeAt(*it);
                appendedAt.clear();
                for (qsizetype i = 0; i < appended.size(); ++i)
                    appendedAt.insert(appended[i].value(u"id"_s).toInteger(), i);
            }
            removeId(id);
        } else if (d.eventType == EventType::Created || d.eventType == EventType::Updated) {
            if (const int existing = m_index.value(id, -1); existing >= 0) {
                m_rows[existing] = event.data();
                Q_EMIT dataChanged(index(existing, 0), index(existing, columnCount() - 1));
            } else if (const auto it = appendedAt.constFind(id); it != appendedAt.cend()) {
                appended[*it] = event.data();
            } else {
                appendedAt.insert(id, appended.size());
                appended.append(event.data());
            }
        }
    }
    if (!appended.isEmpty()) {
        // New rows go in with one insert per batch.
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(appended.size()) - 1);
        for (auto it = appendedAt.cbegin(); it != appendedAt.cend(); ++it)
            m_index.insert(it.key(), first + int(it.value()));
        m_rows.append(appended);
        endInsertRows();
        trim();
    }
}

void EntityTableModel::removeId(qint64 id)
{
    const int row = m_index.value(id, -1);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    rebuildIndex();
    endRemoveRows();
}

bool EntityTableModel::trimFront(int excess)
{
    // The usual case once the initial load has aged out: the oldest rows are the first ones. One pass over
    // the index (ints only) checks it, a second renumbers; no copy, selection or sort of the ids.
    qint64 newestFront = std::numeric_limits<qint64>::min();
    qint64 oldestRest = std::numeric_limits<qint64>::max();
    for (auto it = m_index.cbegin(); it != m_index.cend(); ++it) {
        if (it.value() < excess)
            newestFront = std::max(newestFront, it.key());
        else
            oldestRest = std::min(oldestRest, it.key());
    }
    if (newestFront >= oldestRest || m_index.size() != m_rows.size())
        return false;
    beginRemoveRows({}, 0, excess - 1);
    m_rows.remove(0, excess);
    for (auto it = m_index.begin(); it != m_index.end();) {
        if (it.value() < excess) {
            it = m_index.erase(it);
        } else {
            it.value() -= excess;
            ++it;
        }
    }
    endRemoveRows();
    return true;
}

void EntityTableModel::trim()
{
    if (m_rows.size() <= m_maxRows)
        return;
    // Rows arrive oldest-first after the initial (newest-first) load, so drop the smallest ids. Everything
    // here works on m_index (id -> row), not on the rows' JSON, which is what made trimming expensive.
    const qsizetype excess = m_rows.size() - m_maxRows;
    if (trimFront(int(excess)))
        return;
    QList<qint64> ids = m_index.keys();
    std::nth_element(ids.begin(), ids.begin() + (excess - 1), ids.end());
    const qint64 newestDropped = ids.at(excess - 1);
    QList<int> dropped;
    dropped.reserve(excess);
    for (auto it = m_index.cbegin(); it != m_index.cend(); ++it) {
        if (it.key() <= newestDropped)
            dropped.append(it.value());
    }
    std::sort(dropped.begin(), dropped.end());
    // The dropped rows are removed as row ranges, not with a model reset: a reset makes a sorting proxy sort
    // every row again and the header re-initialize, which, once a time series is full, happened on every
    // batch (two thirds of the GUI thread at 2,000 readings/s; the console fell behind at 5,000/s).
    QList<std::pair<int, int>> ranges; // [first, last], ascending
    for (int row : std::as_const(dropped)) {
        if (!ranges.isEmpty() && ranges.last().second == row - 1)
            ranges.last().second = row;
        else
            ranges.append({row, row});
    }
    if (ranges.size() > 32) {
        // Scattered (many updates of old rows): one reset is cheaper than many removals.
        beginResetModel();
        m_rows.removeIf(
            [newestDropped](const QJsonObject &o) { return o.value(u"id"_s).toInteger() <= newestDropped; });
        rebuildIndex();
        endResetModel();
        return;
    }
    // Last range first, so the earlier rows keep their numbers.
    for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
        beginRemoveRows({}, it->first, it->second);
        m_rows.remove(it->first, it->second - it->first + 1);
        endRemoveRows();
    }
    // Renumber the index: a kept row moves up by the number of dropped rows before it.
    for (auto it = m_index.begin(); it != m_index.end();) {
        if (it.key() <= newestDropped) {
            it = m_index.erase(it);
            continue;
        }
        it.value() -= int(std::lower_bound(dropped.cbegin(), dropped.cend(), it.value()) - dropped.cbegin());
        ++it;
    }
}

void EntityTableModel::referencesChanged(EntityKind target)
{
    if (m_rows.isEmpty())
        return;
    for (int column = 0; column < m_schema.fields.size(); ++column) {
        if (m_schema.fields[column].reference == target)
            Q_EMIT dataChanged(index(0, column), index(int(m_rows.size()) - 1, column), {Qt::DisplayRole});
    }
}

int EntityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EntityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schema.fields.size());
}

QString EntityTableModel::displayText(const FieldSpec &field, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return u"—"_s;
    switch (field.kind) {
    case FieldSpec::Kind::Timestamp:
    case FieldSpec::Kind::ServerTime: {
        const std::optional<TimeMs> ms = isotime::parse(value.toString());
        if (!ms)
            return value.toString();
        return QDateTime::fromMSecsSinceEpoch(*ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    }
    case FieldSpec::Kind::Boolean:
        return value.toBool() ? EntitySchema::tr("yes") : EntitySchema::tr("no");
    case FieldSpec::Kind::Number:
        return QLocale().toString(value.toDouble(), 'g', 12);
    case FieldSpec::Kind::Id:
    case FieldSpec::Kind::Integer:
    case FieldSpec::Kind::Reference:
        return QString::number(value.toInteger());
    default:
        return value.toString();
    }
}

QVariant EntityTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QJsonObject &object = m_rows[index.row()];
    const FieldSpec &field = m_schema.fields[index.column()];
    const QJsonValue value = object.value(field.key);
    switch (role) {
    case Qt::DisplayRole: {
        if (field.kind == FieldSpec::Kind::Reference && m_lookup && value.isDouble()) {
            const QString name = m_lookup(*field.reference, value.toInteger());
            if (!name.isEmpty())
                return name;
        }
        QString text = displayText(field, value);
        if (field.kind == FieldSpec::Kind::LongText && text.size() > 80)
            text = text.left(79) + u'…';
        return text;
    }
    case Qt::ToolTipRole:
        if (field.kind == FieldSpec::Kind::LongText || field.kind == FieldSpec::Kind::Timestamp
            || field.kind == FieldSpec::Kind::ServerTime)
            return value.toString();
        break;
    case Qt::TextAlignmentRole:
        if (field.numeric() && field.kind != FieldSpec::Kind::Reference)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (value.isNull())
            return QColor(Qt::gray);
        if (field.key == u"severidad" && value.toString() == u"critical")
            return QColor(0xc0, 0x1c, 0x28);
        if (field.key == u"activo" && !value.toBool())
            return QColor(Qt::gray);
        break;
    case SortRole:
        if (field.numeric())
            return value.isNull() ? QVariant(std::numeric_limits<double>::lowest())
                                  : QVariant(value.toDouble());
        if (field.kind == FieldSpec::Kind::Boolean)
            return value.toBool();
        return value.toString();
    case RowObjectRole:
        return object;
    case IdRole:
        return object.value(u"id"_s).toInteger();
    default:
        break;
    }
    return {};
}

QVariant EntityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_schema.fields.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const FieldSpec &field = m_schema.fields[section];
    if (role == Qt::DisplayRole)
        return field.label;
    if (role == Qt::ToolTipRole)
        return field.key; // the API's name for it
    return {};
}

} // namespace pulso
