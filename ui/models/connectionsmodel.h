// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "net/clientconnection.h"

#include <QAbstractItemModel>
#include <QList>

#include <array>

namespace pulso {

/// Channels and their WebSocket clients as a two-level tree: each channel row says how many clients it has,
/// its children are the clients. Fed by the host's snapshots and connect/disconnect signals; updated in place
/// (insert, remove, dataChanged), so selections and expansion survive.
class ConnectionsModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsModel)

public:
    enum Column {
        ClientColumn,
        PeerColumn,
        ChannelColumn,
        ConnectedColumn,
        MessagesColumn,
        PendingColumn,
    };
    static constexpr int ColumnCount = 6;
    enum Role {
        ClientIdRole = Qt::UserRole + 1, ///< quint64 on client rows, invalid on channel rows
        UserIdRole,
    };

    explicit ConnectionsModel(QObject *parent = nullptr);
    ~ConnectionsModel() override;

    /// Makes the model match a full snapshot.
    void setClients(const QList<ClientInfo> &clients);
    void addClient(const ClientInfo &client);
    void removeClient(quint64 id);
    void clear();

    int clientCount() const;
    int clientCount(Channel channel) const;
    /// The client at `index` (a client row), or nullptr.
    const ClientInfo *client(const QModelIndex &index) const;
    QModelIndex indexOf(quint64 clientId) const;
    QModelIndex channelIndex(Channel channel) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void clientCountChanged(int count);

private:
    QList<ClientInfo> &clientsOf(Channel channel) { return m_channels[static_cast<std::size_t>(channel)]; }
    const QList<ClientInfo> &clientsOf(Channel channel) const
    {
        return m_channels[static_cast<std::size_t>(channel)];
    }
    void emitChannelChanged(Channel channel);
    QVariant channelData(Channel channel, int column, int role) const;
    QVariant clientData(const ClientInfo &client, int column, int role) const;

    std::array<QList<ClientInfo>, ChannelCount> m_channels;
};

} // namespace pulso
