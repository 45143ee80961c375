// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/eventlogexport.h"

#include "core/jsonutil.h"
#include "ui/models/eventlogmodel.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcExport, "pulso.ui.export")

namespace pulso {

QByteArray EventLogExport::csvHeader()
{
    return "time,seq,channel,entity_type,event_type,entity_id,summary\r\n";
}

QByteArray EventLogExport::csvField(const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

Result<int> EventLogExport::write(const QAbstractItemModel &model, Format format, QIODevice &out)
{
    using Col = EventLogModel::Column;
    const auto text = [&model](int row, int column) {
        return model.data(model.index(row, column), Qt::DisplayRole).toString();
    };
    if (format == Format::Csv && out.write(csvHeader()) < 0)
        return Error::make(ErrorKind::Internal, u"write_failed"_s, out.errorString());
    const int rows = model.rowCount();
    QByteArray chunk;
    chunk.reserve(64 * 1024);
    for (int row = 0; row < rows; ++row) {
        if (format == Format::JsonLines) {
            chunk += model.data(model.index(row, 0), EventLogModel::JsonRole).toByteArray();
            chunk += '\n';
        } else {
            const QDateTime when = model.data(model.index(row, 0), EventLogModel::TimestampRole).toDateTime();
            chunk += csvField(json::timestamp(when)) + ',' + csvField(text(row, Col::SeqColumn)) + ','
                + csvField(text(row, Col::ChannelColumn)) + ',' + csvField(text(row, Col::EntityColumn)) + ','
                + csvField(text(row, Col::EventColumn)) + ',' + csvField(text(row, Col::IdColumn)) + ','
                + csvField(text(row, Col::SummaryColumn)) + "\r\n";
        }
        if (chunk.size() >= 60 * 1024) {
            if (out.write(chunk) < 0)
                return Error::make(ErrorKind::Internal, u"write_failed"_s, out.errorString());
            chunk.clear();
        }
    }
    if (!chunk.isEmpty() && out.write(chunk) < 0)
        return Error::make(ErrorKind::Internal, u"write_failed"_s, out.errorString());
    return rows;
}

Result<int> EventLogExport::writeFile(const QAbstractItemModel &model, Format format, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorKind::Unavailable, u"open_failed"_s, file.errorString());
    Result<int> written = write(model, format, file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return Error::make(ErrorKind::Unavailable, u"commit_failed"_s, file.errorString());
    qCInfo(lcExport) << "exported" << *written << "rows to" << path;
    return written;
}

} // namespace pulso
