// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/connectionsmodel.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

// internalId: 0 for channel rows; channel index + 1 for client rows.
constexpr quintptr ChannelRowId = 0;

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent) : QAbstractItemModel(parent) { }

ConnectionsModel::~ConnectionsModel() = default;

void ConnectionsModel::setClients(const QList<ClientInfo> &clients)
{
    std::array<QHash<quint64, const ClientInfo *>, ChannelCount> wanted;
    for (const ClientInfo &c : clients)
        wanted[static_cast<std::size_t>(c.channel)].insert(c.id, &c);

    const int before = clientCount();
    for (Channel channel : AllChannels) {
        const auto ci = static_cast<std::size_t>(channel);
        QList<ClientInfo> &current = clientsOf(channel);
        const QModelIndex parentIndex = channelIndex(channel);
        // Remove the ones that left, from the bottom so row numbers stay valid.
        for (int row = int(current.size()) - 1; row >= 0; --row) {
            if (!wanted[ci].contains(current[row].id)) {
                beginRemoveRows(parentIndex, row, row);
                current.removeAt(row);
                endRemoveRows();
            }
        }
        // Refresh the ones that stayed.
        for (ClientInfo &c : current) {
            c = *wanted[ci].take(c.id);
        }
        if (!current.isEmpty()) {
            Q_EMIT dataChanged(index(0, MessagesColumn, parentIndex),
                index(int(current.size()) - 1, PendingColumn, parentIndex));
        }
        // Append the new ones in connection order.
        QList<const ClientInfo *> added = wanted[ci].values();
        std::sort(added.begin(), added.end(),
            [](const ClientInfo *a, const ClientInfo *b) { return a->id < b->id; });
        if (!added.isEmpty()) {
            const int first = int(current.size());
            beginInsertRows(parentIndex, first, first + int(added.size()) - 1);
            for (const ClientInfo *c : added)
                current.append(*c);
            endInsertRows();
        }
        emitChannelChanged(channel);
    }
    if (clientCount() != before)
        Q_EMIT clientCountChanged(clientCount());
}

void ConnectionsModel::addClient(const ClientInfo &client)
{
    if (indexOf(client.id).isValid())
        return;
    QList<ClientInfo> &list = clientsOf(client.channel);
    const int row = int(list.size());
    beginInsertRows(channelIndex(client.channel), row, row);
    list.append(client);
    endInsertRows();
    emitChannelChanged(client.channel);
    Q_EMIT clientCountChanged(clientCount());
}

void ConnectionsModel::removeClient(quint64 id)
{
    for (Channel channel : AllChannels) {
        QList<ClientInfo> &list = clientsOf(channel);
        for (int row = 0; row < list.size(); ++row) {
            if (list[row].id != id)
                continue;
            beginRemoveRows(channelIndex(channel), row, row);
            list.removeAt(row);
            endRemoveRows();
            emitChannelChanged(channel);
            Q_EMIT clientCountChanged(clientCount());
            return;
        }
    }
}

void ConnectionsModel::clear()
{
    setClients({});
}

int ConnectionsModel::clientCount() const
{
    int n = 0;
    for (const auto &list : m_channels)
        n += int(list.size());
    return n;
}

int ConnectionsModel::clientCount(Channel channel) const
{
    return int(clientsOf(channel).size());
}

const ClientInfo *ConnectionsModel::client(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == ChannelRowId)
        return nullptr;
    const auto &list = m_channels[index.internalId() - 1];
    return index.row() < list.size() ? &list[index.row()] : nullptr;
}

QModelIndex ConnectionsModel::indexOf(quint64 clientId) const
{
    for (Channel channel : AllChannels) {
        const auto &list = clientsOf(channel);
        for (int row = 0; row < list.size(); ++row) {
            if (list[row].id == clientId)
                return index(row, 0, channelIndex(channel));
        }
    }
    return {};
}

QModelIndex ConnectionsModel::channelIndex(Channel channel) const
{
    return createIndex(int(channel), 0, ChannelRowId);
}

void ConnectionsModel::emitChannelChanged(Channel channel)
{
    Q_EMIT dataChanged(
        createIndex(int(channel), 0, ChannelRowId), createIndex(int(channel), ColumnCount - 1, ChannelRowId));
}

QModelIndex ConnectionsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(ChannelCount) ? createIndex(row, column, ChannelRowId) : QModelIndex();
    if (parent.internalId() != ChannelRowId)
        return {};
    const auto &list = m_channels[std::size_t(parent.row())];
    return row < list.size() ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex ConnectionsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == ChannelRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, ChannelRowId);
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(ChannelCount);
    if (parent.internalId() != ChannelRowId || parent.column() != 0)
        return 0;
    return int(m_channels[std::size_t(parent.row())].size());
}

int ConnectionsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == ChannelRowId)
        return channelData(static_cast<Channel>(index.row()), index.column(), role);
    if (const ClientInfo *c = client(index))
        return clientData(*c, index.column(), role);
    return {};
}

QVariant ConnectionsModel::channelData(Channel channel, int column, int role) const
{
    const int count = clientCount(channel);
    switch (role) {
    case Qt::DisplayRole:
        if (column == ClientColumn)
            return channelName(channel);
        if (column == PeerColumn)
            return tr("%n connection(s)", nullptr, count);
        break;
    case Qt::FontRole:
        if (column == ClientColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (count == 0)
            return QColor(Qt::gray);
        break;
    default:
        break;
    }
    return {};
}

QVariant ConnectionsModel::clientData(const ClientInfo &c, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ClientColumn:
            return c.userId.isEmpty() ? tr("(no user_id) #%1").arg(c.id) : c.userId;
        case PeerColumn: {
            QString host = c.peerAddress.toString();
            if (c.peerAddress.protocol() == QAbstractSocket::IPv6Protocol)
                host = u'[' + host + u']';
            return u"%1:%2"_s.arg(host).arg(c.peerPort);
        }
        case ChannelColumn:
            return channelName(c.channel);
        case ConnectedColumn:
            return QLocale().toString(c.connectedAt.toLocalTime(), QLocale::ShortFormat);
        case MessagesColumn:
            return QLocale().toString(c.messagesSent);
        case PendingColumn:
            return formatBytes(c.bytesPending);
        }
        break;
    case Qt::ToolTipRole:
        return tr("Client #%1 on /api/v1/ws%2?channel=%3, connected %4")
            .arg(c.id)
            .arg(c.secure ? u"/secure"_s : QString(), channelName(c.channel),
                QLocale().toString(c.connectedAt.toLocalTime(), QLocale::LongFormat));
    case Qt::TextAlignmentRole:
        if (column == MessagesColumn || column == PendingColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (column == ClientColumn && c.userId.isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case ClientIdRole:
        return c.id;
    case UserIdRole:
        return c.userId;
    default:
        break;
    }
    return {};
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClientColumn:
        return tr("Channel / user_id");
    case PeerColumn:
        return tr("Peer address");
    case ChannelColumn:
        return tr("Channel");
    case ConnectedColumn:
        return tr("Connected since");
    case MessagesColumn:
        return tr("Messages sent");
    case PendingColumn:
        return tr("Bytes waiting");
    }
    return {};
}

} // namespace pulso
