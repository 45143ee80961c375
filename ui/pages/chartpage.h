// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"
#include "core/isotime.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <optional>

class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QShowEvent;
class QTimer;
class QValueAxis;

namespace pulso {

class EntityModels;
class ServerHost;

/// A chosen sensor's readings over time with its anomalies marked and its thresholds drawn; new readings
/// and anomalies appear as their events arrive (redrawn at most five times a second).
class ChartPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartPage)

public:
    ChartPage(ServerHost &host, EntityModels &models, QWidget *parent = nullptr);

    void setSensor(qint64 sensorId);
    std::optional<qint64> sensor() const { return m_sensorId; }
    int readingCount() const { return int(m_readings.size()); }
    int anomalyCount() const { return int(m_anomalies.size()); }

    void reload();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refreshSensorList();
    void handleEvents(const QList<pulso::Event> &events);
    void redraw();
    void scheduleRedraw();
    std::optional<TimeMs> rangeStart() const;
    static void insertSorted(QList<QPointF> &points, const QPointF &point, qint64 id, QList<qint64> &ids);

    ServerHost &m_host;
    EntityModels &m_models;
    QComboBox *m_sensorCombo;
    QComboBox *m_rangeCombo;
    QLabel *m_summary;
    QLabel *m_empty;
    QChartView *m_view;
    QLineSeries *m_readingSeries;
    QScatterSeries *m_anomalySeries;
    QLineSeries *m_minSeries;
    QLineSeries *m_maxSeries;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QTimer *m_redrawTimer;
    std::optional<qint64> m_sensorId;
    QList<QPointF> m_readings; ///< x: ms since epoch, sorted
    QList<qint64> m_readingIds;
    QList<QPointF> m_anomalies;
    QList<qint64> m_anomalyIds;
    int m_loadGeneration = 0;
    bool m_drawnWhileHidden = true; ///< the series lag behind m_readings: draw when shown
};

} // namespace pulso
