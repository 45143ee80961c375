// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/chartpage.h"

#include "runtime/serverhost.h"
#include "ui/entitygateway.h"
#include "ui/models/entitymodels.h"
#include "ui/models/entitytablemodel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QStackedLayout>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

constexpr int MaxPoints = 5000;

qint64 toMs(const QJsonValue &value)
{
    return isotime::parse(value.toString()).value_or(0);
}

} // namespace

ChartPage::ChartPage(ServerHost &host, EntityModels &models, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_models(models)
    , m_sensorCombo(new QComboBox(this))
    , m_rangeCombo(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_view(new QChartView(this))
    , m_readingSeries(new QLineSeries)
    , m_anomalySeries(new QScatterSeries)
    , m_minSeries(new QLineSeries)
    , m_maxSeries(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
    , m_redrawTimer(new QTimer(this))
{
    setObjectName(u"chartPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Sensor:"), this));
    m_sensorCombo->setObjectName(u"chartSensor"_s);
    m_sensorCombo->setMinimumWidth(260);
    bar->addWidget(m_sensorCombo);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Period:"), this));
    m_rangeCombo->setObjectName(u"chartRange"_s);
    m_rangeCombo->addItem(tr("Last 10 minutes"), 10 * 60);
    m_rangeCombo->addItem(tr("Last hour"), 60 * 60);
    m_rangeCombo->addItem(tr("Last 24 hours"), 24 * 60 * 60);
    m_rangeCombo->addItem(tr("Last 7 days"), 7 * 24 * 60 * 60);
    m_rangeCombo->addItem(tr("Newest %1 readings").arg(QLocale().toString(MaxPoints)), 0);
    m_rangeCombo->setCurrentIndex(1);
    bar->addWidget(m_rangeCombo);
    auto *reloadButton = new QToolButton(this);
    reloadButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    reloadButton->setToolTip(tr("Load again from the database"));
    bar->addWidget(reloadButton);
    bar->addSpacing(12);
    m_summary->setObjectName(u"chartSummary"_s);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);

    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_readingSeries->setName(tr("Readings"));
    QPen readingPen(QColor(0x1c, 0x71, 0xd8));
    readingPen.setWidthF(2);
    m_readingSeries->setPen(readingPen);
    m_anomalySeries->setName(tr("Anomalies"));
    m_anomalySeries->setColor(QColor(0xe0, 0x1b, 0x24));
    m_anomalySeries->setBorderColor(Qt::white);
    m_anomalySeries->setMarkerSize(12);
    QPen thresholdPen(QColor(0xe5, 0xa5, 0x0a));
    thresholdPen.setStyle(Qt::DashLine);
    thresholdPen.setWidthF(1.5);
    m_minSeries->setName(tr("Min. threshold"));
    m_minSeries->setPen(thresholdPen);
    m_maxSeries->setName(tr("Max. threshold"));
    m_maxSeries->setPen(thresholdPen);
    for (QXYSeries *series :
        std::initializer_list<QXYSeries *> {m_readingSeries, m_minSeries, m_maxSeries, m_anomalySeries})
        chart->addSeries(series);
    m_timeAxis->setTickCount(8);
    m_valueAxis->setLabelFormat(u"%.1f"_s);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QXYSeries *series :
        std::initializer_list<QXYSeries *> {m_readingSeries, m_minSeries, m_maxSeries, m_anomalySeries}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(u"readingChart"_s);

    m_empty->setObjectName(u"chartEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    QPalette emptyPalette = m_empty->palette();
    emptyPalette.setColor(QPalette::WindowText, emptyPalette.color(QPalette::PlaceholderText));
    m_empty->setPalette(emptyPalette);
    auto *stack = new QStackedLayout;
    stack->setStackingMode(QStackedLayout::StackAll);
    stack->addWidget(m_empty);
    stack->addWidget(m_view);
    layout->addLayout(stack, 1);

    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(200);
    connect(m_redrawTimer, &QTimer::timeout, this, &ChartPage::redraw);
    connect(reloadButton, &QToolButton::clicked, this, &ChartPage::reload);
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, &ChartPage::reload);
    connect(m_sensorCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant id = m_sensorCombo->currentData();
        const std::optional<qint64> chosen = id.isValid() ? std::optional(id.toLongLong()) : std::nullopt;
        if (chosen != m_sensorId) {
            m_sensorId = chosen;
            this->reload();
        }
    });
    EntityTableModel *sensors = m_models.model(EntityKind::Sensor);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(sensors, signal, this, &ChartPage::refreshSensorList);
    connect(sensors, &QAbstractItemModel::modelReset, this, &ChartPage::refreshSensorList);
    connect(sensors, &QAbstractItemModel::dataChanged, this, &ChartPage::refreshSensorList);
    connect(&m_host, &ServerHost::eventsEmitted, this, &ChartPage::handleEvents);
    // The period slides with the clock even when nothing arrives.
    auto *slide = new QTimer(this);
    slide->setInterval(5000);
    connect(slide, &QTimer::timeout, this, [this] {
        if (isVisible())
            scheduleRedraw();
    });
    slide->start();
    refreshSensorList();
    redraw();
}

void ChartPage::refreshSensorList()
{
    const EntityTableModel *sensors = m_models.model(EntityKind::Sensor);
    QList<QJsonObject> rows = sensors->rows();
    std::sort(rows.begin(), rows.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"id"_s).toInteger() < b.value(u"id"_s).toInteger();
    });
    const QSignalBlocker blocker(m_sensorCombo);
    m_sensorCombo->clear();
    for (const QJsonObject &row : std::as_const(rows)) {
        QString label = sensors->schema().describe(row);
        if (const QString unit = row.value(u"unidad"_s).toString(); !unit.isEmpty())
            label += u" (%1)"_s.arg(unit);
        m_sensorCombo->addItem(label, row.value(u"id"_s).toInteger());
    }
    if (!m_sensorId && m_sensorCombo->count() > 0) {
        m_sensorCombo->setCurrentIndex(0);
        m_sensorId = m_sensorCombo->currentData().toLongLong();
        reload();
        return;
    }
    const int current = m_sensorId ? m_sensorCombo->findData(*m_sensorId) : -1;
    m_sensorCombo->setCurrentIndex(current);
    if (m_sensorId && current < 0) {
        m_sensorId.reset(); // deleted
        reload();
    } else {
        scheduleRedraw(); // thresholds or unit may have changed
    }
}

void ChartPage::setSensor(qint64 sensorId)
{
    const int index = m_sensorCombo->findData(sensorId);
    if (index >= 0)
        m_sensorCombo->setCurrentIndex(index);
    if (m_sensorId != sensorId) {
        m_sensorId = sensorId;
        reload();
    }
}

std::optional<TimeMs> ChartPage::rangeStart() const
{
    const int seconds = m_rangeCombo->currentData().toInt();
    if (seconds <= 0)
        return std::nullopt;
    return isotime::now() - qint64(seconds) * 1000;
}

void ChartPage::reload()
{
    m_readings.clear();
    m_readingIds.clear();
    m_anomalies.clear();
    m_anomalyIds.clear();
    const int generation = ++m_loadGeneration;
    redraw();
    if (!m_sensorId || !m_host.isRunning())
        return;
    EntityGateway::ListQuery query;
    query.maxRows = MaxPoints;
    query.sensorId = m_sensorId;
    query.from = rangeStart();
    for (EntityKind kind : {EntityKind::Reading, EntityKind::Anomaly}) {
        m_host.call<QList<QJsonObject>>(
            this, [kind, query](Server &server) { return EntityGateway::list(server, kind, query); },
            [this, kind, generation](const Result<QList<QJsonObject>> &result) {
                if (generation != m_loadGeneration || !result)
                    return;
                const bool readings = kind == EntityKind::Reading;
                QList<QPointF> &points = readings ? m_readings : m_anomalies;
                QList<qint64> &ids = readings ? m_readingIds : m_anomalyIds;
                const QString timeKey = readings ? u"timestamp"_s : u"detected_at"_s;
                // Live events may already have added some of these: insertSorted skips known ids.
                for (const QJsonObject &row : *result) {
                    insertSorted(points,
                        QPointF(double(toMs(row.value(timeKey))), row.value(u"valor"_s).toDouble()),
                        row.value(u"id"_s).toInteger(), ids);
                }
                scheduleRedraw();
            });
    }
}

void ChartPage::insertSorted(QList<QPointF> &points, const QPointF &point, qint64 id, QList<qint64> &ids)
{
    if (ids.contains(id))
        return;
    // Usually the newest: append; otherwise find its place.
    qsizetype at = points.size();
    while (at > 0 && points[at - 1].x() > point.x())
        --at;
    points.insert(at, point);
    ids.insert(at, id);
    if (points.size() > MaxPoints) {
        points.removeFirst();
        ids.removeFirst();
    }
}

void ChartPage::handleEvents(const QList<Event> &events)
{
    if (!m_sensorId)
        return;
    bool changed = false;
    for (const Event &event : events) {
        const EventDraft &d = event.draft();
        if (d.kind != EventDraft::Kind::Entity
            || event.data().value(u"sensor_id"_s).toInteger() != *m_sensorId)
            continue;
        const bool reading = d.entityType == u"reading";
        if (!reading && d.entityType != u"anomaly")
            continue;
        QList<QPointF> &points = reading ? m_readings : m_anomalies;
        QList<qint64> &ids = reading ? m_readingIds : m_anomalyIds;
        const qint64 id = d.entityId.value_or(0);
        if (d.eventType == EventType::Deleted || d.eventType == EventType::Updated) {
            const qsizetype at = ids.indexOf(id);
            if (at >= 0) {
                points.removeAt(at);
                ids.removeAt(at);
            }
            changed = true;
            if (d.eventType == EventType::Deleted)
                continue;
        }
        const QString timeKey = reading ? u"timestamp"_s : u"detected_at"_s;
        insertSorted(points,
            QPointF(double(toMs(event.data().value(timeKey))), event.data().value(u"valor"_s).toDouble()), id,
            ids);
        changed = true;
    }
    if (changed)
        scheduleRedraw();
}

void ChartPage::scheduleRedraw()
{
    if (!m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void ChartPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_drawnWhileHidden)
        redraw();
}

void ChartPage::redraw()
{
    // The period slides with the clock: drop what fell out of it.
    if (const std::optional<TimeMs> start = rangeStart()) {
        while (!m_readings.isEmpty() && m_readings.first().x() < double(*start)) {
            m_readings.removeFirst();
            m_readingIds.removeFirst();
        }
    }
    // A hidden chart only keeps its points: replacing the series and laying out the axes cost a sixth of the
    // GUI thread at 2,000 readings/s while the operator looked at another page.
    if (!isVisible()) {
        m_drawnWhileHidden = false;
        return;
    }
    m_drawnWhileHidden = true;
    m_readingSeries->replace(m_readings);
    m_anomalySeries->replace(m_anomalies);

    const EntityTableModel *sensors = m_models.model(EntityKind::Sensor);
    const int row = m_sensorId ? sensors->rowOf(*m_sensorId) : -1;
    const QJsonObject sensor = row >= 0 ? sensors->row(row) : QJsonObject();

    const TimeMs now = isotime::now();
    double xMin = double(m_readings.isEmpty() ? now - 3600 * 1000 : qint64(m_readings.first().x()));
    double xMax = double(now);
    if (!m_readings.isEmpty())
        xMax = std::max(xMax, m_readings.last().x());
    if (xMax - xMin < 60000)
        xMin = xMax - 60000;
    if (const int seconds = m_rangeCombo->currentData().toInt(); seconds > 0) {
        // A fixed period ending at the next round tick (local time), so the labels read 10:20, 10:30, ...
        const qint64 stepMs = seconds <= 600 ? 120000
            : seconds <= 3600                ? 600000
            : seconds <= 86400               ? 14400000
                                             : 86400000;
        const qint64 offsetMs = qint64(QDateTime::currentDateTime().offsetFromUtc()) * 1000;
        const qint64 end = ((qint64(xMax) + offsetMs) / stepMs + 1) * stepMs - offsetMs;
        xMax = double(end);
        xMin = double(end - qint64(seconds) * 1000);
        m_timeAxis->setTickCount(int(qint64(seconds) * 1000 / stepMs) + 1);
    } else {
        m_timeAxis->setTickCount(8);
    }
    m_timeAxis->setRange(
        QDateTime::fromMSecsSinceEpoch(qint64(xMin)), QDateTime::fromMSecsSinceEpoch(qint64(xMax)));
    m_timeAxis->setFormat(xMax - xMin > 86400000.0 ? u"dd/MM HH:mm"_s : u"HH:mm:ss"_s);

    double yMin = std::numeric_limits<double>::max();
    double yMax = std::numeric_limits<double>::lowest();
    for (const QList<QPointF> *points : {&m_readings, &m_anomalies}) {
        for (const QPointF &p : *points) {
            yMin = std::min(yMin, p.y());
            yMax = std::max(yMax, p.y());
        }
    }
    const auto threshold = [&](QLineSeries *series, const QString &key) {
        const QJsonValue value = sensor.value(key);
        if (value.isDouble()) {
            series->replace({QPointF(xMin, value.toDouble()), QPointF(xMax, value.toDouble())});
            yMin = std::min(yMin, value.toDouble());
            yMax = std::max(yMax, value.toDouble());
        } else {
            series->clear();
        }
    };
    threshold(m_minSeries, u"umbral_min"_s);
    threshold(m_maxSeries, u"umbral_max"_s);
    if (yMin > yMax) {
        yMin = 0;
        yMax = 1;
    }
    const double pad = std::max((yMax - yMin) * 0.08, 0.5);
    m_valueAxis->setRange(yMin - pad, yMax + pad);
    m_valueAxis->applyNiceNumbers();
    const QString unit = sensor.value(u"unidad"_s).toString();
    m_valueAxis->setTitleText(unit.isEmpty() ? tr("Value") : tr("Value (%1)").arg(unit));

    const QLocale locale;
    m_summary->setText(m_sensorId
            ? tr("%1 readings, %2 anomalies")
                  .arg(locale.toString(m_readings.size()), locale.toString(m_anomalies.size()))
            : QString());
    if (!m_sensorId) {
        m_empty->setText(
            tr("No sensors yet. Create one on the Sensors page or through POST /api/v1/sensors."));
    } else if (m_readings.isEmpty()) {
        m_empty->setText(
            tr("No readings for this sensor in this period yet. New readings appear here as they "
               "arrive."));
    }
    const bool empty = !m_sensorId || m_readings.isEmpty();
    m_empty->setVisible(empty);
    m_view->setVisible(!empty || m_sensorId.has_value());
    if (empty)
        m_empty->raise();
}

} // namespace pulso
