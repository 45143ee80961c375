// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/pages/statuspage.h"

#include "runtime/server.h"
#include "ui/appicon.h"
#include "ui/icons.h"
#include "ui/listenurls.h"
#include "ui/widgets/metrictile.h"
#include "ui/widgets/ratechart.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setMinimumHeight(30);
    return button;
}

QPixmap dot(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(1, 1, 12, 12));
    return pixmap;
}

} // namespace

StatusPage::StatusPage(ServerHost &host, const ServerActions &actions, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_stateDot(new QLabel(this))
    , m_stateLabel(new QLabel(this))
    , m_stateDetail(new QLabel(this))
    , m_security(new QLabel(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_urlGrid(nullptr)
    , m_urlBox(nullptr)
    , m_noUrls(nullptr)
    , m_chart(new RateChart(this))
    , m_footer(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 10);
    layout->setSpacing(12);

    // State and the buttons that change it.
    auto *header = new QHBoxLayout;
    header->addWidget(m_stateDot);
    QFont big = m_stateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setWeight(QFont::DemiBold);
    m_stateLabel->setFont(big);
    m_stateLabel->setObjectName(u"serverStateLabel"_s);
    header->addWidget(m_stateLabel);
    header->addSpacing(12);
    m_stateDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_stateDetail, 1);
    for (QAction *action : {actions.start, actions.stop, actions.restart, actions.settings}) {
        if (action)
            header->addWidget(actionButton(action, this));
    }
    layout->addLayout(header);

    // Who may do what, and whether the port speaks TLS (docs/SECURITY.md).
    m_security->setObjectName(u"securityLabel"_s);
    m_security->setWordWrap(true);
    m_security->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_security);

    // Why the server is not running, in words an operator can act on.
    m_banner->setObjectName(u"failureBanner"_s);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xfc, 0xe8, 0xe8));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x8b, 0x10, 0x18));
    m_banner->setPalette(bannerPalette);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    auto *bannerIcon = new QLabel(m_banner);
    bannerIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(32));
    bannerLayout->addWidget(bannerIcon, 0, Qt::AlignTop);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_bannerText, 1);
    if (actions.settings)
        bannerLayout->addWidget(actionButton(actions.settings, m_banner), 0, Qt::AlignTop);
    m_banner->hide();
    layout->addWidget(m_banner);

    // Where clients connect.
    auto *urlGroup = new QGroupBox(tr("Addresses for clients"), this);
    auto *urlLayout = new QVBoxLayout(urlGroup);
    m_urlBox = new QWidget(urlGroup);
    m_urlGrid = new QGridLayout(m_urlBox);
    m_urlGrid->setContentsMargins(0, 0, 0, 0);
    m_urlGrid->setHorizontalSpacing(14);
    m_urlGrid->setColumnStretch(1, 1);
    m_urlGrid->setColumnStretch(3, 2);
    urlLayout->addWidget(m_urlBox);
    m_noUrls = new QLabel(tr("The server is not listening."), urlGroup);
    urlLayout->addWidget(m_noUrls);
    layout->addWidget(urlGroup);

    // The figures.
    auto *tiles = new QGridLayout;
    tiles->setSpacing(10);
    m_uptime = new MetricTile(tr("Uptime"), this);
    m_connections = new MetricTile(tr("Connections"), this);
    m_connections->setObjectName(u"connectionsTile"_s);
    m_eventsPerSecond = new MetricTile(tr("Events per second"), this);
    m_deliveriesPerSecond = new MetricTile(tr("Deliveries per second"), this);
    m_channels = new MetricTile(tr("Connections per channel"), this);
    m_channels->setObjectName(u"channelSummary"_s);
    m_channels->setCompact(true);
    tiles->addWidget(m_uptime, 0, 0);
    tiles->addWidget(m_connections, 0, 1);
    tiles->addWidget(m_eventsPerSecond, 0, 2);
    tiles->addWidget(m_deliveriesPerSecond, 0, 3);
    tiles->addWidget(m_channels, 1, 0, 1, 4);
    for (int column = 0; column < 4; ++column)
        tiles->setColumnStretch(column, 1);
    layout->addLayout(tiles);

    m_chart->setObjectName(u"rateChart"_s);
    layout->addWidget(m_chart, 1);

    QPalette footerPalette = m_footer->palette();
    footerPalette.setColor(QPalette::WindowText, footerPalette.color(QPalette::PlaceholderText));
    m_footer->setPalette(footerPalette);
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_footer);

    connect(&m_host, &ServerHost::stateChanged, this, &StatusPage::handleStateChanged);
    connect(&m_host, &ServerHost::statsUpdated, this, &StatusPage::handleStats);
    connect(&m_host, &ServerHost::started, this, [this] {
        setFailure({});
        m_chart->clear();
    });
    handleStateChanged(m_host.state());
}

void StatusPage::setFailure(const QString &message)
{
    m_bannerText->setText(message);
    m_banner->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        m_stateDot->setPixmap(dot(AppIcon::failedColor()));
        m_stateLabel->setText(tr("Not running"));
    }
}

QString StatusPage::failureText() const
{
    return !m_banner->isHidden() || !m_bannerText->text().isEmpty() ? m_bannerText->text() : QString();
}

void StatusPage::setDatabasePath(const QString &path)
{
    m_databasePath = path;
    m_footer->setText(tr("Database: %1  ·  Pulso %2").arg(path, Server::version()));
}

QStringList StatusPage::urls() const
{
    return m_urls;
}

QString StatusPage::securityText() const
{
    return m_security->text();
}

QString StatusPage::policyDescription(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Open:
        return tr("open: no token needed, except to manage tokens and for /api/v1/ws/secure");
    case AuthMode::Remote:
        return tr("remote: this computer needs no token; writes from other machines need a writer token");
    case AuthMode::All:
        return tr("all: every request needs a token (reader to read, writer to write)");
    }
    return {};
}

void StatusPage::updateSecurity()
{
    const ServerConfig &config = m_host.config();
    const bool tls = !config.tlsCertPath.isEmpty();
    QString text
        = tr("<b>Access policy</b> (--auth) %1").arg(policyDescription(config.authMode).toHtmlEscaped());
    text += u"<br>"_s;
    text += tls ? tr("<b>TLS</b> on: clients use https:// and wss:// (certificate %1)")
                      .arg(config.tlsCertPath.toHtmlEscaped())
                : tr("<b>TLS</b> off: traffic is not encrypted (see --tls-cert and --tls-key)");
    if (!config.allowedOrigins.isEmpty()) {
        text += u"<br>"_s
            + tr("<b>Allowed web origins</b> %1").arg(config.allowedOrigins.join(u", "_s).toHtmlEscaped());
    }
    m_security->setText(text);
}

QString StatusPage::formatDuration(qint64 ms)
{
    const qint64 totalSeconds = ms / 1000;
    const qint64 days = totalSeconds / 86400;
    const QString clock = u"%1:%2:%3"_s.arg((totalSeconds / 3600) % 24, 2, 10, QLatin1Char('0'))
                              .arg((totalSeconds / 60) % 60, 2, 10, QLatin1Char('0'))
                              .arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
    return days > 0 ? tr("%n day(s)", nullptr, int(days)) + u' ' + clock : clock;
}

void StatusPage::handleStateChanged(ServerHost::State state)
{
    switch (state) {
    case ServerHost::State::Running:
        m_stateDot->setPixmap(dot(AppIcon::runningColor()));
        m_stateLabel->setText(tr("Running"));
        m_stateDetail->setText(tr("port %1").arg(m_host.port()));
        break;
    case ServerHost::State::Starting:
        m_stateDot->setPixmap(dot(AppIcon::busyColor()));
        m_stateLabel->setText(tr("Starting…"));
        m_stateDetail->clear();
        break;
    case ServerHost::State::Stopping:
        m_stateDot->setPixmap(dot(AppIcon::busyColor()));
        m_stateLabel->setText(tr("Stopping…"));
        m_stateDetail->clear();
        break;
    case ServerHost::State::Stopped:
        m_stateDot->setPixmap(dot(!m_banner->isHidden() ? AppIcon::failedColor() : AppIcon::stoppedColor()));
        m_stateLabel->setText(!m_banner->isHidden() ? tr("Not running") : tr("Stopped"));
        m_stateDetail->clear();
        m_hiddenStats.reset();
        for (MetricTile *tile :
            {m_uptime, m_connections, m_eventsPerSecond, m_deliveriesPerSecond, m_channels}) {
            tile->setValue(u"—"_s);
            tile->setDetail({});
        }
        break;
    }
    updateSecurity();
    rebuildUrls();
}

void StatusPage::handleStats(const ServerStats &stats)
{
    m_chart->addSample(QDateTime::currentDateTime(), stats.eventsPerSecond, stats.deliveriesPerSecond);
    // Hidden, the tiles are filled when the page is shown: their rich text is laid out again on every change.
    if (!isVisible()) {
        m_hiddenStats = stats;
        return;
    }
    showStats(stats);
}

void StatusPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_hiddenStats)
        showStats(*std::exchange(m_hiddenStats, std::nullopt));
}

void StatusPage::showStats(const ServerStats &stats)
{
    const QLocale locale;
    m_uptime->setValue(formatDuration(stats.uptimeMs));
    m_uptime->setDetail(
        tr("since %1").arg(locale.toString(stats.startedAt.toLocalTime(), QLocale::ShortFormat)));
    m_connections->setValue(locale.toString(stats.connections));
    QSet<QString> users;
    for (const ClientInfo &client : stats.clients) {
        if (!client.userId.isEmpty())
            users.insert(client.userId);
    }
    m_connections->setDetail(tr("%n distinct user_id(s)", nullptr, int(users.size())));
    m_eventsPerSecond->setValue(locale.toString(stats.eventsPerSecond, 'f', 0));
    m_eventsPerSecond->setDetail(tr("%1 since start").arg(locale.toString(stats.eventsTotal)));
    m_deliveriesPerSecond->setValue(locale.toString(stats.deliveriesPerSecond, 'f', 0));
    m_deliveriesPerSecond->setDetail(tr("%1 since start").arg(locale.toString(stats.deliveriesTotal)));
    QStringList parts;
    for (Channel channel : AllChannels) {
        const int n = stats.channelConnections[static_cast<std::size_t>(channel)];
        parts << u"<b>%1</b>&nbsp;%2"_s.arg(channelName(channel)).arg(n);
    }
    m_channels->setValue(parts.join(u" &nbsp;&nbsp;·&nbsp;&nbsp; "_s));
}

void StatusPage::rebuildUrls()
{
    while (QLayoutItem *item = m_urlGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_urls.clear();
    const bool running = m_host.isRunning();
    m_urlBox->setVisible(running);
    m_noUrls->setVisible(!running);
    if (!running)
        return;
    const QList<ListenUrl> urls = listenUrls(m_host.config().bindAddress, m_host.port());
    const bool tls = !m_host.config().tlsCertPath.isEmpty();
    int row = 0;
    const auto header = [this](const QString &text) {
        auto *label = new QLabel(u"<b>%1</b>"_s.arg(text), m_urlBox);
        return label;
    };
    m_urlGrid->addWidget(header(tr("Interface")), row, 0);
    m_urlGrid->addWidget(header(tls ? tr("HTTPS (REST API)") : tr("HTTP (REST API)")), row, 1, 1, 2);
    m_urlGrid->addWidget(header(tr("WebSocket")), row, 3, 1, 2);
    ++row;
    for (const ListenUrl &url : urls) {
        QUrl httpUrl = url.http;
        QUrl wsUrl = url.webSocket;
        if (tls) {
            httpUrl.setScheme(u"https"_s);
            wsUrl.setScheme(u"wss"_s);
        }
        const QString http = httpUrl.toString();
        const QString ws = wsUrl.toString();
        m_urls << http << ws;
        const QString name = url.loopback ? tr("%1 (this computer only)").arg(url.interfaceName)
                                          : tr("%1 (local network)").arg(url.interfaceName);
        m_urlGrid->addWidget(new QLabel(name, m_urlBox), row, 0);
        int column = 1;
        for (const QString &text : {http, ws}) {
            auto *label = new QLabel(u"<a href=\"%1\">%1</a>"_s.arg(text.toHtmlEscaped()), m_urlBox);
            label->setTextInteractionFlags(Qt::TextBrowserInteraction);
            label->setOpenExternalLinks(text.startsWith(u"http"));
            m_urlGrid->addWidget(label, row, column);
            auto *copy = new QToolButton(m_urlBox);
            copy->setText(tr("Copy"));
            copy->setToolTip(tr("Copy %1 to the clipboard").arg(text));
            copy->setAutoRaise(true);
            copy->setIcon(Icons::icon(Icons::Name::Copy));
            copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            connect(copy, &QToolButton::clicked, this, [this, text] { copyToClipboard(text); });
            m_urlGrid->addWidget(copy, row, column + 1);
            column += 2;
        }
        ++row;
    }
}

void StatusPage::copyToClipboard(const QString &text)
{
    QApplication::clipboard()->setText(text);
    QToolTip::showText(QCursor::pos(), tr("Copied %1").arg(text), this, {}, 1500);
}

} // namespace pulso
