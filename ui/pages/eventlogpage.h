// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ui/models/eventlogexport.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace pulso {

class EventLogFilter;
class EventLogModel;
class ServerHost;

/// The operator's live event log: filters, search, pause, clear, a JSON detail pane and export.
class EventLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPage)

public:
    explicit EventLogPage(ServerHost &host, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }

    /// Writes the rows the filter lets through; returns how many.
    Result<int> exportVisible(EventLogExport::Format format, const QString &path);

    void setPaused(bool paused);
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

private:
    void applyFilters();
    void updateCounts();
    void showDetail();
    void chooseExportFile(EventLogExport::Format format);
    void handleRowsAppended();

    ServerHost &m_host;
    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QLineEdit *m_search;
    QComboBox *m_channel;
    QComboBox *m_entity;
    QComboBox *m_eventType;
    QToolButton *m_pause;
    QToolButton *m_clear;
    QToolButton *m_export;
    QLabel *m_counts;
    QSplitter *m_splitter;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QTimer *m_searchDelay;
    bool m_follow = true;
};

} // namespace pulso
