// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QList>
#include <QString>

namespace pulso {

class Database;

/// One schema step: its version and the statements that take the schema from version-1 to version.
struct Migration
{
    int version;
    QList<QString> statements;
};

/// The ordered list of every migration Pulso knows.
const QList<Migration> &migrations();

/// Applies every migration newer than the stored version, all in one transaction; returns the new version.
/// A database newer than this build is refused rather than touched.
Result<int> applyMigrations(Database &db);

} // namespace pulso
