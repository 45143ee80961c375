// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/connectionspage.h"

#include "runtime/serverhost.h"
#include "ui/models/connectionsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConnectionsPage, "pulso.ui.connections")

namespace pulso {

ConnectionsPage::ConnectionsPage(ServerHost &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_model(new ConnectionsModel(this))
    , m_view(new QTreeView(this))
    , m_summary(new QLabel(this))
    , m_disconnect(new QToolButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);
    auto *bar = new QHBoxLayout;
    QFont titleFont = m_summary->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_summary->setFont(titleFont);
    m_summary->setObjectName(u"connectionsSummary"_s);
    bar->addWidget(m_summary, 1);
    m_disconnect->setObjectName(u"disconnectClientButton"_s);
    m_disconnect->setText(tr("Disconnect"));
    m_disconnect->setToolTip(tr("Close the selected clients' connections (WebSocket code 1008)"));
    m_disconnect->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_disconnect->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_disconnect->setEnabled(false);
    bar->addWidget(m_disconnect);
    layout->addLayout(bar);

    m_view->setObjectName(u"connectionsView"_s);
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ConnectionsModel::ClientColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(ConnectionsModel::PeerColumn, 190);
    m_view->setColumnWidth(ConnectionsModel::ChannelColumn, 110);
    m_view->setColumnWidth(ConnectionsModel::ConnectedColumn, 170);
    m_view->setColumnWidth(ConnectionsModel::MessagesColumn, 120);
    m_view->setColumnWidth(ConnectionsModel::PendingColumn, 120);
    layout->addWidget(m_view, 1);

    auto *hint = new QLabel(
        tr("Clients connect to ws://<address>:<port>/api/v1/ws?channel=<channel>&user_id=<name>. "
           "The general channel receives every event."),
        this);
    hint->setWordWrap(true);
    QPalette hintPalette = hint->palette();
    hintPalette.setColor(QPalette::WindowText, hintPalette.color(QPalette::PlaceholderText));
    hint->setPalette(hintPalette);
    layout->addWidget(hint);

    // New clients show up under an expanded channel unless the operator folded it.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (parent.isValid() && !m_collapsedChannels.contains(parent.row()))
            m_view->expand(parent);
    });
    connect(m_view, &QTreeView::collapsed, this,
        [this](const QModelIndex &index) { m_collapsedChannels.insert(index.row()); });
    connect(m_view, &QTreeView::expanded, this,
        [this](const QModelIndex &index) { m_collapsedChannels.remove(index.row()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ConnectionsPage::handleSelectionChanged);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &ConnectionsPage::showContextMenu);
    connect(m_disconnect, &QToolButton::clicked, this, &ConnectionsPage::disconnectSelected);
    connect(m_model, &ConnectionsModel::clientCountChanged, this, &ConnectionsPage::handleCountChanged);

    connect(&m_host, &ServerHost::clientConnected, m_model, &ConnectionsModel::addClient);
    connect(&m_host, &ServerHost::clientDisconnected, m_model, &ConnectionsModel::removeClient);
    connect(&m_host, &ServerHost::statsUpdated, m_model,
        [this](const pulso::ServerStats &stats) { m_model->setClients(stats.clients); });
    connect(&m_host, &ServerHost::stopped, m_model, &ConnectionsModel::clear);
    handleCountChanged(0);
}

QByteArray ConnectionsPage::saveState() const
{
    return m_view->header()->saveState();
}

void ConnectionsPage::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->header()->restoreState(state);
}

void ConnectionsPage::disconnectSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(ConnectionsModel::ClientColumn);
    for (const QModelIndex &index : rows) {
        if (const ClientInfo *client = m_model->client(index)) {
            qCInfo(lcConnectionsPage) << "operator disconnects client" << client->id;
            m_host.disconnectClient(client->id, u"disconnected by the operator"_s);
        }
    }
}

void ConnectionsPage::handleSelectionChanged()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(ConnectionsModel::ClientColumn);
    const bool anyClient
        = std::any_of(rows.begin(), rows.end(), [this](const QModelIndex &i) { return m_model->client(i); });
    m_disconnect->setEnabled(anyClient);
}

void ConnectionsPage::handleCountChanged(int count)
{
    m_summary->setText(tr("%n client(s) connected", nullptr, count));
    handleSelectionChanged();
}

void ConnectionsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!m_model->client(index))
        return;
    QMenu menu(this);
    menu.addAction(style()->standardIcon(QStyle::SP_DialogCancelButton), tr("Disconnect"), this,
        &ConnectionsPage::disconnectSelected);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace pulso
