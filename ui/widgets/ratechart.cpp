// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ratechart.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

/// 1, 2, 5 × 10^k at or above `value`, so the axis keeps round numbers.
double niceCeiling(double value)
{
    if (value <= 10)
        return 10;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

RateChart::RateChart(QWidget *parent)
    : QChartView(parent)
    , m_eventSeries(new QLineSeries)
    , m_deliverySeries(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_eventAxis(new QValueAxis)
    , m_deliveryAxis(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(4);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setAnimationOptions(QChart::NoAnimation);

    m_eventSeries->setName(tr("Events/s"));
    m_deliverySeries->setName(tr("Deliveries/s"));
    QPen eventPen(QColor(0x1c, 0x71, 0xd8));
    eventPen.setWidthF(2);
    m_eventSeries->setPen(eventPen);
    QPen deliveryPen(QColor(0x2e, 0xc2, 0x7e).darker(115));
    deliveryPen.setWidthF(2);
    m_deliverySeries->setPen(deliveryPen);
    chart->addSeries(m_eventSeries);
    chart->addSeries(m_deliverySeries);

    m_time->setFormat(u"HH:mm:ss"_s);
    m_time->setTickCount(7);
    // Six ticks: five intervals divide the 1-2-5 maxima evenly.
    m_eventAxis->setTickCount(6);
    m_deliveryAxis->setTickCount(6);
    m_eventAxis->setLabelFormat(u"%.0f"_s);
    m_eventAxis->setTitleText(tr("events/s"));
    m_eventAxis->setLinePenColor(eventPen.color());
    m_deliveryAxis->setLabelFormat(u"%.0f"_s);
    m_deliveryAxis->setTitleText(tr("deliveries/s"));
    m_deliveryAxis->setLinePenColor(deliveryPen.color());
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_eventAxis, Qt::AlignLeft);
    chart->addAxis(m_deliveryAxis, Qt::AlignRight);
    m_eventSeries->attachAxis(m_time);
    m_eventSeries->attachAxis(m_eventAxis);
    m_deliverySeries->attachAxis(m_time);
    m_deliverySeries->attachAxis(m_deliveryAxis);

    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    clear();
}

void RateChart::addSample(const QDateTime &when, double eventsPerSecond, double deliveriesPerSecond)
{
    const double x = double(when.toMSecsSinceEpoch());
    m_events.append(QPointF(x, eventsPerSecond));
    m_deliveries.append(QPointF(x, deliveriesPerSecond));
    if (m_events.size() > m_capacity) {
        m_events.removeFirst();
        m_deliveries.removeFirst();
    }
    // Hidden (the Server page is not in front), it only keeps its points: replacing the series updates the
    // chart's graphics scene twice a second for nothing.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    redraw();
}

void RateChart::showEvent(QShowEvent *event)
{
    QChartView::showEvent(event);
    if (m_stale)
        redraw();
}

void RateChart::redraw()
{
    m_stale = false;
    m_eventSeries->replace(m_events);
    m_deliverySeries->replace(m_deliveries);
    rescale();
}

void RateChart::clear()
{
    m_events.clear();
    m_deliveries.clear();
    m_eventSeries->clear();
    m_deliverySeries->clear();
    rescale();
}

void RateChart::rescale()
{
    // A fixed-width window: it fills from the left after a start, then scrolls.
    const qint64 windowMs = qint64(m_capacity) * 500;
    qint64 start = QDateTime::currentMSecsSinceEpoch();
    if (!m_events.isEmpty())
        start = std::max(qint64(m_events.first().x()), qint64(m_events.last().x()) - windowMs);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(start), QDateTime::fromMSecsSinceEpoch(start + windowMs));
    const auto maxOf = [](const QList<QPointF> &points) {
        double m = 0;
        for (const QPointF &p : points)
            m = std::max(m, p.y());
        return m;
    };
    m_eventAxis->setRange(0, niceCeiling(maxOf(m_events) * 1.1));
    m_deliveryAxis->setRange(0, niceCeiling(maxOf(m_deliveries) * 1.1));
}

} // namespace pulso
