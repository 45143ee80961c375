// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/event.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class QTimer;

namespace pulso {

/// One row of the operator's event log: what the table shows plus the event's exact JSON.
struct LogEntry
{
    qint64 seq = 0;
    qint64 timeMs = 0; ///< event timestamp, ms since the epoch (UTC)
    Channel channel = Channel::General;
    bool system = false;
    QString entityType; ///< "sensor", ...; "system" for system events
    QString eventType; ///< "created", ...; the level ("info") for system events
    std::optional<qint64> entityId;
    QString summary;
    QByteArray json; ///< shared with the Event, not copied

    static LogEntry fromEvent(const Event &event);
    /// Local HH:mm:ss.zzz: formatted when shown (cheap), not kept in each of up to 100,000 rows.
    QString timeText() const;
};

/// The last `capacity` events as a table, in seq order. Events are queued by append() and applied by a
/// timer in one insert (and at most one remove from the front) per slice, so 5,000 events/s cost a handful
/// of model updates per second, and a big backlog is applied over several passes of the event loop.
/// Paused, it keeps queueing and shows nothing new until resumed.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, SeqColumn, ChannelColumn, EntityColumn, EventColumn, IdColumn, SummaryColumn };
    static constexpr int ColumnCount = 7;
    enum Role {
        JsonRole = Qt::UserRole + 1, ///< QByteArray: the event's wire JSON
        SeqRole,
        TimestampRole, ///< QDateTime UTC
    };
    static constexpr int DefaultCapacity = 100000;

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override;

    /// Rows kept; older rows leave from the top. Clears the log.
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    /// How often queued events are applied (default 100 ms); 0 applies only on flush().
    void setFlushInterval(int ms);
    /// Rows added per model insert when the timer (or a resume) applies queued events; such a pass stops
    /// after about 8 ms and continues on the next pass of the event loop. Default 1,000.
    void setRowsPerSlice(int rows) { m_rowsPerSlice = qMax(1, rows); }

    void append(const QList<Event> &events);
    /// Applies all the queued events now (unless paused), in one insert.
    void flush();
    void clear();

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Events waiting to be shown (while paused, or until the next flush).
    int pendingCount() const { return int(m_pending.size()); }
    /// Every event received since start or the last clear(), shown or not.
    quint64 totalReceived() const { return m_totalReceived; }

    const LogEntry &entry(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// After a flush added rows (the view may scroll to the end).
    void rowsAppended(int count);
    void pendingCountChanged(int count);

private:
    int physical(int row) const;
    /// The timer's flush: a time-boxed pass of slices of m_rowsPerSlice rows.
    void flushSlice();
    /// Inserts `batch` at the end (its tail if longer than the capacity), dropping rows from the top beyond
    /// the capacity; returns how many rows were added.
    int applyRows(QList<LogEntry> batch, bool announce = true);

    int m_capacity = DefaultCapacity;
    QList<LogEntry> m_slots; ///< grows to m_capacity, then used as a ring
    int m_head = 0; ///< slot of row 0
    int m_count = 0;
    QList<LogEntry> m_pending; ///< converted on arrival so the Events themselves are released
    quint64 m_totalReceived = 0;
    bool m_paused = false;
    int m_rowsPerSlice = 1000;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_continueTimer = nullptr; ///< zero-interval: the next slice after this pass of the loop
};

} // namespace pulso
