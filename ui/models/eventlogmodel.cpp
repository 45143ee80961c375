// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/eventlogmodel.h"

#include "core/jsonutil.h"

#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QTimer>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEventLog, "pulso.ui.eventlog")

namespace pulso {

namespace {

constexpr int MaxSummaryLength = 160;
/// How long one pass of the event loop may spend adding rows (see flushSlice()).
constexpr qint64 SliceBudgetMs = 8;

QString compactValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 10);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return QString::fromUtf8(json::compact(value.toObject()));
    case QJsonValue::Array:
        return u"[…]"_s;
    default:
        return {};
    }
}

/// Where a data field goes in a summary: what names the thing first, times last, bookkeeping never.
int summaryRank(QStringView key)
{
    static constexpr std::array<QStringView, 12> first
        = {u"nombre", u"tipo", u"modelo", u"sensor_id", u"valor", u"valor_predicho", u"severidad",
            u"horizonte", u"unidad", u"location_id", u"reading_id", u"descripcion"};
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (first[i] == key)
            return int(i);
    }
    if (key == u"timestamp" || key == u"detected_at")
        return 1000;
    return 100;
}

/// "tipo=temperatura · modelo=DHT22": the data fields an operator scans for, without the bookkeeping ones.
/// Built for every event the console receives, so each field is looked at once (no lookups by key).
QString summarize(const QJsonObject &data)
{
    struct Field
    {
        int rank;
        QString key;
        QJsonObject::const_iterator it;
    };
    QVarLengthArray<Field, 16> fields;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        QString key = it.key();
        if (key != u"id" && key != u"created_at" && key != u"updated_at")
            fields.append({summaryRank(key), std::move(key), it});
    }
    std::stable_sort(
        fields.begin(), fields.end(), [](const Field &a, const Field &b) { return a.rank < b.rank; });
    QString out;
    out.reserve(MaxSummaryLength + 32);
    for (const Field &field : std::as_const(fields)) {
        if (!out.isEmpty())
            out += u" · ";
        out += field.key;
        out += u'=';
        out += compactValue(field.it.value());
        if (out.size() > MaxSummaryLength)
            break;
    }
    if (out.size() > MaxSummaryLength) {
        out.truncate(MaxSummaryLength - 1);
        out += u'…';
    }
    out.squeeze(); // kept for every row of the log
    return out;
}

/// The few distinct type names, shared by every row instead of one allocation per row.
const QString &sharedName(const QString &name)
{
    static const std::array<QString, 10> names
        = {u"created"_s, u"updated"_s, u"deleted"_s, u"anomaly_detected"_s, u"prediction_completed"_s,
            u"info"_s, u"warning"_s, u"error"_s, u"system"_s, u"sensor"_s};
    for (const QString &n : names) {
        if (n == name)
            return n;
    }
    return name;
}

/// "HH:mm:ss.zzz" of `ms` (since the epoch) in local time. QDateTime::toLocalTime() asks the C library for
/// the zone on every call (tzset() stats /etc/localtime each time): most of the cost of a log row at
/// thousands of events per second. UTC offsets change only at whole quarter hours of UTC, so one lookup per
/// quarter hour gives the same text (a change of the machine's time zone shows within a quarter hour).
QString localClockText(qint64 ms)
{
    constexpr qint64 QuarterMs = 15 * 60 * 1000;
    thread_local qint64 cachedQuarter = std::numeric_limits<qint64>::min();
    thread_local qint64 cachedOffsetMs = 0;
    const qint64 quarter = ms >= 0 ? ms / QuarterMs : (ms - QuarterMs + 1) / QuarterMs;
    if (quarter != cachedQuarter) {
        cachedOffsetMs = qint64(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * 1000;
        cachedQuarter = quarter;
    }
    constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
    const qint64 ofDay = ((ms + cachedOffsetMs) % DayMs + DayMs) % DayMs;
    const int h = int(ofDay / 3600000);
    const int m = int(ofDay / 60000 % 60);
    const int sec = int(ofDay / 1000 % 60);
    const int milli = int(ofDay % 1000);
    const char16_t text[] = {char16_t(u'0' + h / 10), char16_t(u'0' + h % 10), u':', char16_t(u'0' + m / 10),
        char16_t(u'0' + m % 10), u':', char16_t(u'0' + sec / 10), char16_t(u'0' + sec % 10), u'.',
        char16_t(u'0' + milli / 100), char16_t(u'0' + milli / 10 % 10), char16_t(u'0' + milli % 10)};
    return QString(reinterpret_cast<const QChar *>(text), std::size(text));
}

} // namespace

LogEntry LogEntry::fromEvent(const Event &event)
{
    const EventDraft &d = event.draft();
    LogEntry entry;
    entry.seq = event.seq();
    entry.timeMs = d.timestamp.toMSecsSinceEpoch();
    entry.channel = event.channel();
    entry.json = event.json();
    if (d.kind == EventDraft::Kind::Entity) {
        entry.entityType = sharedName(d.entityType);
        entry.eventType = sharedName(eventTypeName(d.eventType));
        entry.entityId = d.entityId;
        entry.summary = summarize(event.data());
    } else {
        entry.system = true;
        entry.entityType = sharedName(u"system"_s);
        entry.eventType = sharedName(systemLevelName(d.level));
        entry.summary = d.message;
        if (event.data().value(u"test"_s).toBool())
            entry.summary += EventLogModel::tr(" (test event)");
    }
    return entry;
}

QString LogEntry::timeText() const
{
    return localClockText(timeMs);
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent), m_flushTimer(new QTimer(this)), m_continueTimer(new QTimer(this))
{
    m_flushTimer->setInterval(100);
    connect(m_flushTimer, &QTimer::timeout, this, &EventLogModel::flushSlice);
    m_flushTimer->start();
    m_continueTimer->setSingleShot(true);
    m_continueTimer->setInterval(0);
    connect(m_continueTimer, &QTimer::timeout, this, &EventLogModel::flushSlice);
}

EventLogModel::~EventLogModel() = default;

void EventLogModel::setCapacity(int capacity)
{
    beginResetModel();
    m_capacity = qMax(1, capacity);
    m_slots.clear();
    m_head = 0;
    m_count = 0;
    endResetModel();
}

void EventLogModel::setFlushInterval(int ms)
{
    if (ms <= 0) {
        m_flushTimer->stop();
        return;
    }
    m_flushTimer->setInterval(ms);
    m_flushTimer->start();
}

void EventLogModel::append(const QList<Event> &events)
{
    if (events.isEmpty())
        return;
    m_totalReceived += quint64(events.size());
    for (const Event &event : events)
        m_pending.append(LogEntry::fromEvent(event));
    // Anything beyond capacity would be removed again at once; drop it early (amortized).
    if (m_pending.size() > m_capacity + m_capacity / 4)
        m_pending.remove(0, m_pending.size() - m_capacity);
    if (m_paused)
        Q_EMIT pendingCountChanged(int(m_pending.size()));
}

int EventLogModel::physical(int row) const
{
    return (m_head + row) % int(m_slots.size());
}

void EventLogModel::flush()
{
    if (m_paused || m_pending.isEmpty())
        return;
    applyRows(std::exchange(m_pending, {}));
    Q_EMIT pendingCountChanged(0);
}

void EventLogModel::flushSlice()
{
    if (m_paused || m_pending.isEmpty())
        return;
    // Thousands of rows at once (resuming after a pause, or after the GUI thread was held up) would keep the
    // event loop from painting and from its timers for as long as they take; apply them a bounded slice per
    // pass instead and come back on the next pass.
    if (m_pending.size() > m_capacity) // older than what the log keeps: never shown
        m_pending.remove(0, m_pending.size() - m_capacity);
    QElapsedTimer clock;
    clock.start();
    int applied = 0;
    do {
        const qsizetype n = std::min<qsizetype>(m_pending.size(), m_rowsPerSlice);
        applied += applyRows(m_pending.first(n), false);
        m_pending.remove(0, n);
    } while (!m_pending.isEmpty() && clock.elapsed() < SliceBudgetMs);
    if (!m_pending.isEmpty())
        m_continueTimer->start();
    Q_EMIT rowsAppended(applied);
    Q_EMIT pendingCountChanged(int(m_pending.size()));
}

int EventLogModel::applyRows(QList<LogEntry> batch, bool announce)
{
    if (batch.size() > m_capacity)
        batch.remove(0, batch.size() - m_capacity);
    const int incoming = int(batch.size());
    if (incoming == 0)
        return 0;
    const int overflow = m_count + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        if (m_slots.size() < m_capacity) {
            // First overflow: the slots become a ring of exactly m_capacity (m_head is still 0 here).
            m_slots.resize(m_capacity);
        }
        m_head = (m_head + overflow) % m_capacity;
        m_count -= overflow;
        endRemoveRows();
    }
    beginInsertRows({}, m_count, m_count + incoming - 1);
    for (LogEntry &entry : batch) {
        if (m_slots.size() < m_capacity && m_head == 0 && m_count == m_slots.size())
            m_slots.append(std::move(entry));
        else
            m_slots[physical(m_count)] = std::move(entry);
        ++m_count;
    }
    endInsertRows();
    if (announce)
        Q_EMIT rowsAppended(incoming);
    return incoming;
}

void EventLogModel::clear()
{
    beginResetModel();
    m_slots.clear();
    m_pending.clear();
    m_head = 0;
    m_count = 0;
    m_totalReceived = 0;
    endResetModel();
    Q_EMIT pendingCountChanged(0);
}

void EventLogModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused)
        flushSlice();
}

const LogEntry &EventLogModel::entry(int row) const
{
    Q_ASSERT(row >= 0 && row < m_count);
    return m_slots[physical(row)];
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count)
        return {};
    const LogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.timeText();
        case SeqColumn:
            return e.seq;
        case ChannelColumn:
            return channelName(e.channel);
        case EntityColumn:
            return e.entityType;
        case EventColumn:
            return e.eventType;
        case IdColumn:
            return e.entityId ? QVariant(*e.entityId) : QVariant();
        case SummaryColumn:
            return e.summary;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODateWithMs);
        if (index.column() == SummaryColumn)
            return e.summary;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == IdColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (e.system && index.column() == EventColumn) {
            if (e.eventType == u"error")
                return QColor(0xc0, 0x1c, 0x28);
            if (e.eventType == u"warning")
                return QColor(0xb5, 0x83, 0x5a);
        }
        if (!e.system && index.column() == EventColumn && e.eventType == u"anomaly_detected")
            return QColor(0xc0, 0x1c, 0x28);
        break;
    case JsonRole:
        return e.json;
    case SeqRole:
        return e.seq;
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC);
    default:
        break;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SeqColumn:
        return tr("Seq");
    case ChannelColumn:
        return tr("Channel");
    case EntityColumn:
        return tr("Entity");
    case EventColumn:
        return tr("Event");
    case IdColumn:
        return tr("ID");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

} // namespace pulso
