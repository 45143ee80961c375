// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/metrictile.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

MetricTile::MetricTile(const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(u"—"_s, this))
    , m_detail(new QLabel(this))
{
    setObjectName(u"metricTile"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, pal.color(QPalette::Base));
    setPalette(pal);

    QFont captionFont = m_caption->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.9);
    m_caption->setFont(captionFont);
    QPalette captionPalette = m_caption->palette();
    captionPalette.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_caption->setPalette(captionPalette);
    m_detail->setPalette(captionPalette);
    m_detail->setFont(captionFont);

    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
    valueFont.setWeight(QFont::DemiBold);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    m_detail->hide();
}

void MetricTile::setValue(const QString &value)
{
    if (m_value->text() != value)
        m_value->setText(value);
}

QString MetricTile::value() const
{
    return m_value->text();
}

void MetricTile::setCompact(bool compact)
{
    QFont valueFont = font();
    if (!compact) {
        valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
        valueFont.setWeight(QFont::DemiBold);
    }
    m_value->setFont(valueFont);
    m_value->setWordWrap(compact);
    m_value->setTextFormat(compact ? Qt::RichText : Qt::AutoText);
}

void MetricTile::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

} // namespace pulso
