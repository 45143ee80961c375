// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/eventlogpage.h"

#include "runtime/serverhost.h"
#include "ui/models/eventlogfilter.h"
#include "ui/models/eventlogmodel.h"
#include "ui/widgets/celltextdelegate.h"
#include "ui/widgets/jsonhighlighter.h"

#include <QComboBox>
#include <QDataStream>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QToolButton *toolButton(const QString &text, QStyle::StandardPixmap icon, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

EventLogPage::EventLogPage(ServerHost &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_model(new EventLogModel(this))
    , m_filter(new EventLogFilter(this))
    , m_search(new QLineEdit(this))
    , m_channel(new QComboBox(this))
    , m_entity(new QComboBox(this))
    , m_eventType(new QComboBox(this))
    , m_pause(toolButton(tr("Pause"), QStyle::SP_MediaPause, this))
    , m_clear(toolButton(tr("Clear"), QStyle::SP_DialogResetButton, this))
    , m_export(toolButton(tr("Export"), QStyle::SP_DialogSaveButton, this))
    , m_counts(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_view(new QTableView(m_splitter))
    , m_detail(new QPlainTextEdit(m_splitter))
    , m_searchDelay(new QTimer(this))
{
    m_filter->setLogModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);
    auto *bar = new QHBoxLayout;
    m_search->setObjectName(u"eventLogSearch"_s);
    m_search->setPlaceholderText(tr("Search summary and JSON…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    bar->addWidget(m_search, 2);

    m_channel->setObjectName(u"eventLogChannel"_s);
    m_channel->addItem(tr("All channels"));
    for (Channel channel : AllChannels)
        m_channel->addItem(channelName(channel), int(channel));
    bar->addWidget(m_channel);

    m_entity->setObjectName(u"eventLogEntity"_s);
    m_entity->addItem(tr("All entities"));
    for (const QString &entity : {u"location"_s, u"sensor"_s, u"reading"_s, u"anomaly"_s, u"prediction"_s})
        m_entity->addItem(entity, entity);
    m_entity->addItem(tr("system events"), u"system"_s);
    bar->addWidget(m_entity);

    m_eventType->setObjectName(u"eventLogEventType"_s);
    m_eventType->addItem(tr("All event types"));
    for (const QString &type :
        {u"created"_s, u"updated"_s, u"deleted"_s, u"anomaly_detected"_s, u"prediction_completed"_s})
        m_eventType->addItem(type, type);
    m_eventType->insertSeparator(m_eventType->count());
    for (const QString &level : {u"info"_s, u"warning"_s, u"error"_s})
        m_eventType->addItem(tr("system: %1").arg(level), level);
    bar->addWidget(m_eventType);

    m_pause->setObjectName(u"eventLogPause"_s);
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop adding rows; events keep being collected and appear on resume"));
    bar->addWidget(m_pause);
    m_clear->setObjectName(u"eventLogClear"_s);
    m_clear->setToolTip(tr("Remove every row from the log (the server keeps its history)"));
    bar->addWidget(m_clear);
    m_export->setObjectName(u"eventLogExport"_s);
    m_export->setToolTip(tr("Save the rows shown (with the current filters) to a file"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(
        tr("JSON Lines (.jsonl)…"), this, [this] { chooseExportFile(EventLogExport::Format::JsonLines); });
    exportMenu->addAction(tr("CSV (.csv)…"), this, [this] { chooseExportFile(EventLogExport::Format::Csv); });
    m_export->setMenu(exportMenu);
    bar->addWidget(m_export);
    layout->addLayout(bar);

    m_view->setObjectName(u"eventLogView"_s);
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new CellTextDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setSortingEnabled(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(EventLogModel::TimeColumn, 100);
    m_view->setColumnWidth(EventLogModel::SeqColumn, 70);
    m_view->setColumnWidth(EventLogModel::ChannelColumn, 95);
    m_view->setColumnWidth(EventLogModel::EntityColumn, 85);
    m_view->setColumnWidth(EventLogModel::EventColumn, 140);
    m_view->setColumnWidth(EventLogModel::IdColumn, 55);

    m_detail->setObjectName(u"eventLogDetail"_s);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select an event to see its JSON."));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    new JsonHighlighter(m_detail->document());
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({700, 320});
    layout->addWidget(m_splitter, 1);

    m_counts->setObjectName(u"eventLogCounts"_s);
    // Its text changes with every batch; a changing size hint would re-lay out the page each time.
    m_counts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_counts);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_searchDelay, &QTimer::timeout, this, &EventLogPage::applyFilters);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {m_channel, m_entity, m_eventType})
        connect(combo, &QComboBox::currentIndexChanged, this, &EventLogPage::applyFilters);
    connect(m_pause, &QToolButton::toggled, this, &EventLogPage::setPaused);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        m_detail->clear();
        updateCounts();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogPage::showDetail);
    // Follow the newest rows while the operator is at the bottom; stay put while they read older ones.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
        [this](int value) { m_follow = value >= m_view->verticalScrollBar()->maximum() - 2; });
    connect(m_model, &EventLogModel::rowsAppended, this, &EventLogPage::handleRowsAppended);
    connect(m_model, &EventLogModel::pendingCountChanged, this, &EventLogPage::updateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventLogPage::updateCounts);

    connect(&m_host, &ServerHost::eventsEmitted, m_model, &EventLogModel::append);
    updateCounts();
}

void EventLogPage::applyFilters()
{
    const QVariant channel = m_channel->currentData();
    m_filter->setChannel(
        channel.isValid() ? std::optional(static_cast<Channel>(channel.toInt())) : std::nullopt);
    m_filter->setEntityType(m_entity->currentData().toString());
    m_filter->setEventType(m_eventType->currentData().toString());
    m_filter->setSearchText(m_search->text());
    updateCounts();
}

void EventLogPage::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_model->setPaused(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    updateCounts();
}

void EventLogPage::handleRowsAppended()
{
    if (m_follow)
        m_view->scrollToBottom();
    updateCounts();
}

void EventLogPage::updateCounts()
{
    const QLocale locale;
    QString text;
    if (m_filter->isFiltering()) {
        text = tr("Showing %1 of %2 events")
                   .arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount()));
    } else {
        text = tr("%1 events").arg(locale.toString(m_model->rowCount()));
    }
    text += u"  ·  "_s + tr("keeps the last %1").arg(locale.toString(m_model->capacity()));
    if (m_model->isPaused()) {
        text += u"  ·  "_s + tr("<b>Paused</b>: %n new event(s) waiting", nullptr, m_model->pendingCount());
    }
    m_counts->setText(text);
}

void EventLogPage::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const QByteArray json = m_filter->data(current, EventLogModel::JsonRole).toByteArray();
    m_detail->setPlainText(QString::fromUtf8(QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented)));
}

Result<int> EventLogPage::exportVisible(EventLogExport::Format format, const QString &path)
{
    return EventLogExport::writeFile(*m_filter, format, path);
}

void EventLogPage::chooseExportFile(EventLogExport::Format format)
{
    const bool jsonl = format == EventLogExport::Format::JsonLines;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = dir + u"/pulso-events."_s + (jsonl ? u"jsonl"_s : u"csv"_s);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export events"), suggested, jsonl ? tr("JSON Lines (*.jsonl)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const Result<int> written = exportVisible(format, path);
    if (!written) {
        QMessageBox::warning(this, tr("Export failed"),
            tr("The events could not be saved to %1:\n%2").arg(path, written.error().message));
        return;
    }
    QMessageBox::information(
        this, tr("Export finished"), tr("%n event(s) saved to %1.", nullptr, *written).arg(path));
}

QByteArray EventLogPage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << quint8(1) << m_splitter->saveState() << m_view->horizontalHeader()->saveState();
    return state;
}

void EventLogPage::restoreState(const QByteArray &state)
{
    if (state.isEmpty())
        return;
    QDataStream in(state);
    quint8 version = 0;
    QByteArray splitter;
    QByteArray header;
    in >> version >> splitter >> header;
    if (version != 1 || in.status() != QDataStream::Ok)
        return;
    m_splitter->restoreState(splitter);
    m_view->horizontalHeader()->restoreState(header);
}

} // namespace pulso
