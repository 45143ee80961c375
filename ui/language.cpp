// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLanguage, "pulso.ui.language")

namespace pulso {

QString Language::resolve(const QString &setting, const QLocale &system)
{
    if (setting == u"es" || setting == u"en")
        return setting;
    for (const QString &name : system.uiLanguages()) {
        const QLocale locale(name);
        if (locale.language() == QLocale::Spanish)
            return u"es"_s;
        if (locale.language() == QLocale::English)
            return u"en"_s;
    }
    return system.language() == QLocale::Spanish ? u"es"_s : u"en"_s;
}

bool Language::install(QCoreApplication &app, const QString &code)
{
    const QLocale locale(code == u"es" ? QLocale::Spanish : QLocale::English,
        code == u"es" ? QLocale::AnyTerritory : QLocale::UnitedStates);
    QLocale::setDefault(locale);

    // Qt's own strings (OK/Cancel, file dialogs); optional, from the system's Qt translations.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto *pulso = new QTranslator(&app);
    if (!pulso->load(u":/i18n/pulso_%1.qm"_s.arg(code))) {
        qCWarning(lcLanguage) << "no translation catalogue for" << code;
        delete pulso;
        return false;
    }
    QCoreApplication::installTranslator(pulso);
    qCInfo(lcLanguage) << "language" << code;
    return true;
}

QList<Language::Option> Language::options()
{
    return {
        {u"system"_s, QCoreApplication::translate("pulso::Language", "System language")},
        {u"es"_s, u"Español"_s},
        {u"en"_s, u"English"_s},
    };
}

} // namespace pulso
