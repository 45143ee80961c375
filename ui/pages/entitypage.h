// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/entityschema.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace pulso {

class EntityDialog;
class EntityModels;
class EntityTableModel;
class ServerHost;

/// One entity type as a sortable, filterable table with New, Edit and Delete. Changes go through the
/// services in the server thread, so WebSocket clients get the same events as for REST changes.
class EntityPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityPage)

public:
    EntityPage(ServerHost &host, EntityModels &models, EntityKind kind, QWidget *parent = nullptr);

    EntityKind kind() const { return m_kind; }
    EntityTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }

    /// Opens the (window-modal) form for a new row, or for `existing`; returns it for callers that fill it.
    EntityDialog *openEditor(const std::optional<QJsonObject> &existing = std::nullopt);
    /// Deletes `id` through the service, after asking when `confirm`.
    void deleteRow(qint64 id, bool confirm = true);
    void setFilterText(const QString &text);

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

private:
    void editCurrent();
    void deleteCurrent();
    void updateActions();
    void updateCount();
    std::optional<QJsonObject> currentRow() const;

    ServerHost &m_host;
    EntityModels &m_models;
    EntityKind m_kind;
    EntityTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_count;
    QToolButton *m_new;
    QToolButton *m_edit;
    QToolButton *m_delete;
    QToolButton *m_refresh;
};

} // namespace pulso
