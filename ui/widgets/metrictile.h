// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace pulso {

/// A framed figure with a caption ("Connections" / "12"), for the status page.
class MetricTile final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricTile)

public:
    explicit MetricTile(const QString &caption, QWidget *parent = nullptr);

    void setValue(const QString &value);
    QString value() const;
    void setDetail(const QString &detail);
    /// Normal-size, wrapping rich text instead of a big figure (for lists).
    void setCompact(bool compact);

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};

} // namespace pulso
