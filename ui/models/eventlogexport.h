// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

class QAbstractItemModel;
class QIODevice;
class QString;

namespace pulso {

/// Writes the rows an event-log view shows (any model with EventLogModel's columns and roles, usually the
/// filter) as JSON Lines (each event's exact JSON, one per line) or CSV (the table's columns, RFC 4180).
class EventLogExport final
{
public:
    enum class Format { JsonLines, Csv };

    /// Returns the number of rows written.
    static Result<int> write(const QAbstractItemModel &model, Format format, QIODevice &out);
    /// Writes atomically to `path` (QSaveFile): an interrupted export leaves no half-written file.
    static Result<int> writeFile(const QAbstractItemModel &model, Format format, const QString &path);
    /// "time,seq,channel,entity_type,event_type,entity_id,summary"
    static QByteArray csvHeader();
    static QByteArray csvField(const QString &value);
};

} // namespace pulso
