// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QString>

namespace pulso {

/// The API's error messages in the operator's language. The console shows the very messages the REST API
/// returns (it calls the same services); this only translates their known wordings, field names and values
/// unchanged, and passes anything unknown through as is.
class ApiMessages final
{
    Q_DECLARE_TR_FUNCTIONS(ApiMessages)

public:
    /// One validation detail's message: "must be between -90 and 90".
    static QString fieldMessage(const QString &message);
    /// The error as a whole, for a banner or a message box.
    static QString errorMessage(const Error &error);
};

} // namespace pulso
