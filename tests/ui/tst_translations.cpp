// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The language choice and the Spanish catalogue compiled into the console.
#include "consolefixture.h"
#include "ui/apimessages.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/models/entityschema.h"
#include "ui/widgets/testeventbar.h"

#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace pulso::test {

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvesLanguage_data();
    void resolvesLanguage();
    void spanishCatalogueLoads();
};

void TestTranslations::resolvesLanguage_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("systemLocale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("system es_ES") << u"system"_s << u"es_ES"_s << u"es"_s;
    QTest::newRow("system es_MX") << u"system"_s << u"es_MX"_s << u"es"_s;
    QTest::newRow("system de_DE falls back to English") << u"system"_s << u"de_DE"_s << u"en"_s;
    QTest::newRow("system en_GB") << u"system"_s << u"en_GB"_s << u"en"_s;
    QTest::newRow("override en on a Spanish system") << u"en"_s << u"es_ES"_s << u"en"_s;
    QTest::newRow("override es on an English system") << u"es"_s << u"en_US"_s << u"es"_s;
    QTest::newRow("unknown setting follows the system") << u"fr"_s << u"es_AR"_s << u"es"_s;
}

void TestTranslations::resolvesLanguage()
{
    QFETCH(QString, setting);
    QFETCH(QString, systemLocale);
    QFETCH(QString, expected);
    QCOMPARE(Language::resolve(setting, QLocale(systemLocale)), expected);
}

void TestTranslations::spanishCatalogueLoads()
{
    QVERIFY(Language::install(*QCoreApplication::instance(), u"es"_s));
    QCOMPARE(
        QCoreApplication::translate("pulso::TestEventBar", "Send test event"), u"Enviar evento de prueba"_s);
    QCOMPARE(QCoreApplication::translate("pulso::ConnectionsPage", "%n client(s) connected", nullptr, 3),
        u"3 clientes conectados"_s);
    QCOMPARE(QCoreApplication::translate("pulso::ConnectionsPage", "%n client(s) connected", nullptr, 1),
        u"1 cliente conectado"_s);

    // Classes without QObject (Q_DECLARE_TR_FUNCTIONS) use the contexts lupdate gave them.
    QCOMPARE(EntitySchema::forKind(EntityKind::Sensor).title, u"Sensores"_s);
    QCOMPARE(ApiMessages::fieldMessage(u"must be between -90 and 90"_s), u"debe estar entre -90 y 90"_s);
    QCOMPARE(ApiMessages::fieldMessage(u"some wording the console does not know"_s),
        u"some wording the console does not know"_s);

    // A window built now speaks Spanish.
    ConsoleFixture console;
    QVERIFY(console.start());
    QCOMPARE(console.window().windowTitle(), u"Pulso — consola de operación"_s);
    QCOMPARE(console.window().testEventBar()->sendButton()->text(), u"Enviar evento de prueba"_s);
    QCOMPARE(QLocale().language(), QLocale::Spanish);
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestTranslations)
#include "tst_translations.moc"
