// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/entitypage.h"

#include "runtime/serverhost.h"
#include "ui/apimessages.h"
#include "ui/dialogs/entitydialog.h"
#include "ui/entitygateway.h"
#include "ui/models/entitymodels.h"
#include "ui/models/entitytablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QToolButton *toolButton(const QString &text, QStyle::StandardPixmap icon, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

EntityPage::EntityPage(ServerHost &host, EntityModels &models, EntityKind kind, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_models(models)
    , m_kind(kind)
    , m_model(models.model(kind))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_new(toolButton(tr("New…"), QStyle::SP_FileIcon, this))
    , m_edit(toolButton(tr("Edit…"), QStyle::SP_FileDialogContentsView, this))
    , m_delete(toolButton(tr("Delete"), QStyle::SP_TrashIcon, this))
    , m_refresh(toolButton(tr("Reload"), QStyle::SP_BrowserReload, this))
{
    const EntitySchema &schema = m_model->schema();
    setObjectName(u"page_"_s + schema.entityType);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);

    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(schema.title, this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    bar->addWidget(title);
    bar->addSpacing(8);
    m_count->setObjectName(u"entityCount"_s);
    bar->addWidget(m_count);
    bar->addStretch(1);
    m_filter->setObjectName(u"entityFilter"_s);
    m_filter->setPlaceholderText(tr("Filter…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(200);
    bar->addWidget(m_filter);
    m_new->setObjectName(u"newButton"_s);
    m_new->setToolTip(tr("Create a %1 (POST %2)").arg(schema.singular, schema.restPath));
    m_edit->setObjectName(u"editButton"_s);
    m_delete->setObjectName(u"deleteButton"_s);
    m_refresh->setToolTip(tr("Load the table again from the database"));
    for (QToolButton *button : {m_new, m_edit, m_delete, m_refresh})
        bar->addWidget(button);
    layout->addLayout(bar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EntityTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(u"entityView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::DescendingOrder); // newest first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    for (int column = 0; column < schema.fields.size(); ++column) {
        const FieldSpec &field = schema.fields[column];
        int width = 120;
        if (field.kind == FieldSpec::Kind::Id || field.kind == FieldSpec::Kind::Boolean)
            width = 60;
        else if (field.kind == FieldSpec::Kind::Timestamp || field.kind == FieldSpec::Kind::ServerTime)
            width = 150;
        else if (field.kind == FieldSpec::Kind::LongText)
            width = 220;
        m_view->setColumnWidth(column, width);
    }
    layout->addWidget(m_view, 1);

    if (schema.timeSeries) {
        auto *note = new QLabel(tr("The newest %1 rows are shown; the REST API pages through all of them.")
                                    .arg(QLocale().toString(m_model->maxRows())),
            this);
        QPalette pal = note->palette();
        pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
        note->setPalette(pal);
        layout->addWidget(note);
    }

    connect(m_filter, &QLineEdit::textChanged, this, &EntityPage::setFilterText);
    connect(m_new, &QToolButton::clicked, this, [this] { openEditor(); });
    connect(m_edit, &QToolButton::clicked, this, &EntityPage::editCurrent);
    connect(m_delete, &QToolButton::clicked, this, &EntityPage::deleteCurrent);
    connect(m_refresh, &QToolButton::clicked, this, [this] { m_models.reload(m_kind); });
    connect(m_view, &QTableView::doubleClicked, this, &EntityPage::editCurrent);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EntityPage::updateActions);
    connect(&m_host, &ServerHost::stateChanged, this, &EntityPage::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &EntityPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EntityPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &EntityPage::updateCount);
    updateActions();
    updateCount();
}

void EntityPage::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text.trimmed());
    updateCount();
}

std::optional<QJsonObject> EntityPage::currentRow() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid() || !m_view->selectionModel()->isRowSelected(index.row(), {}))
        return std::nullopt;
    return m_proxy->data(index, EntityTableModel::RowObjectRole).toJsonObject();
}

EntityDialog *EntityPage::openEditor(const std::optional<QJsonObject> &existing)
{
    auto *dialog = new EntityDialog(m_host, m_models, m_kind, existing, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EntityDialog::saved, this, [this](const QJsonObject &row) {
        // The event updates the table; select the row once it is there.
        const qint64 id = row.value(u"id"_s).toInteger();
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                const int source = m_model->rowOf(id);
                if (source >= 0)
                    m_view->selectRow(m_proxy->mapFromSource(m_model->index(source, 0)).row());
            },
            Qt::QueuedConnection);
    });
    dialog->open();
    return dialog;
}

void EntityPage::editCurrent()
{
    if (const std::optional<QJsonObject> row = currentRow())
        openEditor(row);
}

void EntityPage::deleteCurrent()
{
    if (const std::optional<QJsonObject> row = currentRow())
        deleteRow(row->value(u"id"_s).toInteger());
}

void EntityPage::deleteRow(qint64 id, bool confirm)
{
    const EntitySchema &schema = m_model->schema();
    if (confirm) {
        const int source = m_model->rowOf(id);
        const QString name = source >= 0 ? schema.describe(m_model->row(source)) : u"#%1"_s.arg(id);
        const auto answer = QMessageBox::question(this, tr("Delete %1").arg(schema.singular),
            tr("Delete the %1 %2? Clients on the %3 channel receive a deleted event.")
                .arg(schema.singular, name, channelName(channelForEntityType(schema.entityType))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    const EntityKind kind = m_kind;
    m_host.call<QJsonObject>(
        this, [kind, id](Server &server) { return EntityGateway::remove(server, kind, id); },
        [this, schema](const Result<QJsonObject> &result) {
            if (!result) {
                QMessageBox::warning(this, tr("Not deleted"), ApiMessages::errorMessage(result.error()));
            }
        });
}

void EntityPage::updateActions()
{
    const bool running = m_host.isRunning();
    const bool selected = currentRow().has_value();
    m_new->setEnabled(running);
    m_edit->setEnabled(running && selected);
    m_delete->setEnabled(running && selected);
    m_refresh->setEnabled(running);
}

void EntityPage::updateCount()
{
    const QLocale locale;
    if (m_proxy->rowCount() == m_model->rowCount())
        m_count->setText(tr("%n row(s)", nullptr, m_model->rowCount()));
    else
        m_count->setText(
            tr("%1 of %2 rows")
                .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
}

QByteArray EntityPage::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

void EntityPage::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

} // namespace pulso
