// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace pulso {

/// The console's languages and their translators (compiled into the binary under :/i18n).
class Language final
{
public:
    struct Option
    {
        QString code; ///< "system", "es", "en"
        QString label; ///< in its own language ("Español"), or translated for "system"
    };

    /// "es" or "en" for a setting ("system" follows `system`'s UI languages; Spanish there wins, else
    /// English).
    static QString resolve(const QString &setting, const QLocale &system = QLocale::system());
    /// Installs Pulso's translator for `code` and Qt's own (standard buttons), both parented to `app`;
    /// also sets the default QLocale. False when Pulso's catalogue for `code` is missing.
    static bool install(QCoreApplication &app, const QString &code);
    /// The choices for the Settings dialog.
    static QList<Option> options();
};

} // namespace pulso
