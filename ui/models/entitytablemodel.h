// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"
#include "ui/models/entityschema.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>

#include <functional>

namespace pulso {

/// The rows of one entity type as the REST API shows them, one column per schema field. Loaded in one go,
/// then kept current by the entity events the services emit (created/updated upsert, deleted removes),
/// applied a batch at a time. Time series keep only their newest `maxRows` rows.
class EntityTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTableModel)

public:
    enum Role {
        RowObjectRole = Qt::UserRole + 1, ///< QJsonObject of the row
        IdRole,
        SortRole, ///< typed value for sorting (numbers as numbers)
    };

    /// Names a referenced row ("#3 · Nave norte"); empty when it is not known.
    using ReferenceLookup = std::function<QString(EntityKind, qint64)>;

    explicit EntityTableModel(EntityKind kind, QObject *parent = nullptr);
    ~EntityTableModel() override;

    const EntitySchema &schema() const { return m_schema; }
    void setMaxRows(int rows) { m_maxRows = rows; }
    int maxRows() const { return m_maxRows; }

    /// Replaces every row (a fresh load).
    void setRows(const QList<QJsonObject> &rows);
    /// Applies the entity events of this type in `events`; others are ignored.
    void applyEvents(const QList<Event> &events);
    void clear();
    bool isLoaded() const { return m_loaded; }
    /// Reference columns show the referenced row's name through `lookup`.
    void setReferenceLookup(ReferenceLookup lookup) { m_lookup = std::move(lookup); }
    /// Rows of `target` changed: repaint the columns that name them.
    void referencesChanged(EntityKind target);

    QJsonObject row(int row) const { return m_rows.value(row); }
    int rowOf(qint64 id) const { return m_index.value(id, -1); }
    /// Every row, for reference pickers.
    const QList<QJsonObject> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// How a field's value reads in the table ("—" for null, local time for timestamps).
    static QString displayText(const FieldSpec &field, const QJsonValue &value);

Q_SIGNALS:
    void loaded();

private:
    void removeId(qint64 id);
    void rebuildIndex();
    void trim();
    /// Drops the first `excess` rows if they are the oldest; false (nothing done) otherwise.
    bool trimFront(int excess);

    EntitySchema m_schema;
    QList<QJsonObject> m_rows;
    QHash<qint64, int> m_index;
    ReferenceLookup m_lookup;
    int m_maxRows = 10000;
    bool m_loaded = false;
};

} // namespace pulso
