// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace pulso {

/// Events per second and deliveries per second over the last few minutes, one point per stats snapshot.
class RateChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateChart)

public:
    explicit RateChart(QWidget *parent = nullptr);

    void addSample(const QDateTime &when, double eventsPerSecond, double deliveriesPerSecond);
    void clear();
    /// Points kept (default 360: three minutes at two snapshots a second).
    void setCapacity(int points) { m_capacity = points; }
    int sampleCount() const { return int(m_events.size()); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void redraw();
    void rescale();

    QLineSeries *m_eventSeries;
    QLineSeries *m_deliverySeries;
    QDateTimeAxis *m_time;
    QValueAxis *m_eventAxis;
    QValueAxis *m_deliveryAxis;
    QList<QPointF> m_events;
    QList<QPointF> m_deliveries;
    int m_capacity = 360;
    bool m_stale = false; ///< samples arrived while hidden
};

} // namespace pulso
