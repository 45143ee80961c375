// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console window against its own running server and real WebSocket clients.
#include "consolefixture.h"
#include "testclients.h"
#include "ui/consolesettings.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/mainwindow.h"
#include "ui/models/connectionsmodel.h"
#include "ui/models/eventlogfilter.h"
#include "ui/models/eventlogmodel.h"
#include "ui/pages/connectionspage.h"
#include "ui/pages/eventlogpage.h"
#include "ui/pages/statuspage.h"
#include "ui/widgets/metrictile.h"
#include "ui/widgets/ratechart.h"
#include "ui/widgets/testeventbar.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace pulso::test {

namespace {

/// Messages of `client` that are test events with this message.
int countTestEvents(const WsClient &client, const QString &message)
{
    int n = 0;
    for (const QJsonObject &object : client.jsonMessages()) {
        if (object.value(u"type"_s) == u"system_event"_s && object.value(u"message"_s) == message
            && object.value(u"data"_s).toObject().value(u"test"_s).toBool())
            ++n;
    }
    return n;
}

} // namespace

class TestConsole final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testEventButtonDeliversToWebSocketClient();
    void clientAppearsInConnectionsAndLeaves();
    void disconnectButtonClosesClient();
    void eventLogFilterAndExport();
    void statusPageListsUrlsAndStats();
    void hiddenStatusPageFillsItsTilesWhenShown();
    void portTakenGivesClearMessage();
    void layoutIsSaved();
    void settingsRejectBadAddress();
    void newPortInSettingsRestartsServer();
};

void TestConsole::testEventButtonDeliversToWebSocketClient()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?channel=readings&user_id=tester"_s)));

    TestEventBar *bar = console.window().testEventBar();
    QVERIFY(bar->sendButton()->isEnabled());
    bar->setChannel(Channel::Readings);
    auto *message = bar->findChild<QLineEdit *>(u"testEventMessage"_s);
    QVERIFY(message);
    message->clear();
    QTest::keyClicks(message, u"hola desde la consola"_s);
    QSignalSpy sent(bar, &TestEventBar::sent);
    QTest::mouseClick(bar->sendButton(), Qt::LeftButton);

    QTRY_COMPARE(countTestEvents(client, u"hola desde la consola"_s), 1);
    const QJsonObject event = client.jsonMessages().last();
    QCOMPARE(event.value(u"level"_s).toString(), u"info"_s);
    QCOMPARE(event.value(u"data"_s).toObject().value(u"channel"_s).toString(), u"readings"_s);
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first().first().toLongLong(), qint64(event.value(u"seq"_s).toInteger()));

    // The same event lands in the console's own log.
    EventLogModel *log = console.window().eventLogPage()->model();
    QTRY_VERIFY([&] {
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->entry(row).seq == sent.first().first().toLongLong())
                return log->entry(row).summary.startsWith(u"hola desde la consola"_s);
        }
        return false;
    }());
}

void TestConsole::clientAppearsInConnectionsAndLeaves()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    ConnectionsModel *model = console.window().connectionsPage()->model();
    const auto findUser = [model](const QString &userId) -> QModelIndex {
        const QModelIndex parent = model->channelIndex(Channel::Sensors);
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data(ConnectionsModel::UserIdRole).toString() == userId)
                return index;
        }
        return {};
    };

    auto client = std::make_unique<WsClient>();
    QVERIFY(client->open(console.wsUrl(u"/api/v1/ws?channel=sensors&user_id=operadora-ana"_s)));
    QTRY_VERIFY(findUser(u"operadora-ana"_s).isValid());
    const QModelIndex row = findUser(u"operadora-ana"_s);
    QCOMPARE(row.data().toString(), u"operadora-ana"_s);
    QVERIFY(model->index(row.row(), ConnectionsModel::PeerColumn, row.parent())
                .data()
                .toString()
                .startsWith(u"127.0.0.1:"_s));
    // The view shows it under an expanded channel.
    QVERIFY(console.window().connectionsPage()->view()->isExpanded(model->channelIndex(Channel::Sensors)));

    client->close();
    client.reset();
    QTRY_VERIFY(!findUser(u"operadora-ana"_s).isValid());
    QCOMPARE(model->clientCount(), 0);
}

void TestConsole::disconnectButtonClosesClient()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?channel=general&user_id=pesado"_s)));
    ConnectionsPage *page = console.window().connectionsPage();
    QTRY_COMPARE(page->model()->clientCount(), 1);
    const QModelIndex general = page->model()->channelIndex(Channel::General);
    page->view()->selectionModel()->select(
        page->model()->index(0, 0, general), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto *button = page->findChild<QToolButton *>(u"disconnectClientButton"_s);
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QTRY_COMPARE(page->model()->clientCount(), 0);
}

void TestConsole::eventLogFilterAndExport()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    TestEventBar *bar = console.window().testEventBar();
    for (const auto &[channel, text] : {std::pair {Channel::Sensors, u"uno"_s},
             std::pair {Channel::Anomalies, u"dos"_s}, std::pair {Channel::Sensors, u"tres"_s}}) {
        bar->setChannel(channel);
        bar->setMessage(text);
        QTest::mouseClick(bar->sendButton(), Qt::LeftButton);
    }
    EventLogPage *page = console.window().eventLogPage();
    // start-up event + three test events
    QTRY_COMPARE(page->model()->rowCount(), 4);

    auto *channelCombo = page->findChild<QComboBox *>(u"eventLogChannel"_s);
    QVERIFY(channelCombo);
    channelCombo->setCurrentIndex(channelCombo->findText(u"sensors"_s));
    QCOMPARE(page->filter()->rowCount(), 2);

    const QString jsonl = console.tempPath(u"sensors.jsonl"_s);
    const Result<int> written = page->exportVisible(EventLogExport::Format::JsonLines, jsonl);
    QVERIFY(written.ok());
    QCOMPARE(*written, 2);
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    lines.removeAll(QByteArray());
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value(u"message"_s).toString(), u"uno"_s);
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value(u"message"_s).toString(), u"tres"_s);

    // Free text narrows further (after the search field's short delay).
    auto *search = page->findChild<QLineEdit *>(u"eventLogSearch"_s);
    QTest::keyClicks(search, u"TRES"_s);
    QTRY_COMPARE(page->filter()->rowCount(), 1);
    const QString csv = console.tempPath(u"tres.csv"_s);
    QVERIFY(page->exportVisible(EventLogExport::Format::Csv, csv).ok());
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csvFile.readAll().split('\n');
    QCOMPARE(csvLines.size(), 3);
    QVERIFY2(csvLines[1].contains(",sensors,system,info,,tres"), csvLines[1].constData());

    // Clearing the filters shows everything again.
    search->clear();
    channelCombo->setCurrentIndex(0);
    QTRY_COMPARE(page->filter()->rowCount(), 4);
}

void TestConsole::statusPageListsUrlsAndStats()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    StatusPage *page = console.window().statusPage();
    const QString http = u"http://127.0.0.1:%1"_s.arg(console.port());
    QVERIFY2(page->urls().contains(http), qPrintable(page->urls().join(u' ')));
    QVERIFY(page->urls().contains(u"ws://127.0.0.1:%1/api/v1/ws"_s.arg(console.port())));
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws"_s)));
    auto *label = page->findChild<QLabel *>(u"serverStateLabel"_s);
    QVERIFY(label && !label->text().isEmpty());
    QCOMPARE(StatusPage::formatDuration(3'723'000), u"01:02:03"_s);
}

void TestConsole::hiddenStatusPageFillsItsTilesWhenShown()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    MainWindow &window = console.window();
    window.show();
    window.showPage(MainWindow::Page::Status);
    StatusPage *page = window.statusPage();
    auto *tile = page->findChild<MetricTile *>(u"connectionsTile"_s);
    auto *chart = page->findChild<RateChart *>();
    QVERIFY(tile && chart);
    QTRY_COMPARE(tile->value(), u"0"_s);

    // Behind another page the tiles wait (their rich text is laid out on every change); the chart keeps
    // collecting its samples.
    window.showPage(MainWindow::Page::EventLog);
    QTRY_VERIFY(!page->isVisible());
    const int samples = chart->sampleCount();
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws"_s)));
    QSignalSpy stats(&console.host(), &ServerHost::statsUpdated);
    QTRY_VERIFY(stats.size() >= 3 && stats.last().first().value<ServerStats>().connections == 1);
    QCOMPARE(tile->value(), u"0"_s);
    QVERIFY(chart->sampleCount() > samples);

    window.showPage(MainWindow::Page::Status);
    QCOMPARE(tile->value(), u"1"_s); // at once, from the last snapshot
}

void TestConsole::portTakenGivesClearMessage()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    ConsoleFixture console;
    ServerConfig config = console.config();
    config.port = squatter.serverPort();
    console.setConfig(config);
    QVERIFY(!console.start());
    const QString text = console.window().statusPage()->failureText();
    QVERIFY2(text.contains(QString::number(config.port)), qPrintable(text));
    QCOMPARE(text, MainWindow::failureMessage(ServerHost::StartFailure::AddressInUse, {}, config));
    QVERIFY(!console.window().testEventBar()->sendButton()->isEnabled());

    // The way out the message points to: another port in Settings starts the server there.
    SettingsDialog::Values values = console.window().currentSettings();
    values.port = 0;
    console.window().applySettings(values);
    QTRY_VERIFY(console.host().isRunning());
    QVERIFY(console.window().statusPage()->failureText().isEmpty());
    QVERIFY(console.window().testEventBar()->sendButton()->isEnabled());
}

void TestConsole::layoutIsSaved()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    console.window().showPage(MainWindow::Page::EventLog);
    console.window().close(); // no tray offscreen: a real close, which saves the layout
    QVERIFY(!console.settings().value(u"window/geometry"_s).isEmpty());
    QVERIFY(!console.settings().value(u"eventLog/layout"_s).isEmpty());
    QCOMPARE(console.settings().text(u"window/page"_s), u"2"_s);
}

void TestConsole::settingsRejectBadAddress()
{
    SettingsDialog::Values values;
    values.bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    SettingsDialog dialog(values, u"/tmp/x.db"_s);
    dialog.setBindAddressText(u"servidor-principal"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.errorText().contains(u"servidor-principal"_s));
    dialog.setBindAddressText(u"127.0.0.1"_s);
    dialog.setPort(9123);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.values().bindAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(dialog.values().port, quint16(9123));
}

void TestConsole::newPortInSettingsRestartsServer()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws"_s)));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 next = probe.serverPort();
    probe.close();

    SettingsDialog::Values values = console.window().currentSettings();
    values.port = next;
    console.window().applySettings(values);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE(console.host().port(), next);
    QCOMPARE(console.settings().port(), next);
    WsClient again;
    QVERIFY(again.open(console.wsUrl(u"/api/v1/ws"_s)));
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestConsole)
#include "tst_console.moc"
