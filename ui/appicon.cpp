// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/appicon.h"

#include <QFile>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QPixmap drawBase(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QLinearGradient gradient(0, 0, 0, s);
    gradient.setColorAt(0, QColor(0x1c, 0x71, 0xd8));
    gradient.setColorAt(1, QColor(0x1a, 0x5f, 0xb4));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRoundedRect(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92), s * 0.2, s * 0.2);
    QPainterPath pulse;
    pulse.moveTo(s * 0.14, s * 0.55);
    pulse.lineTo(s * 0.34, s * 0.55);
    pulse.lineTo(s * 0.43, s * 0.28);
    pulse.lineTo(s * 0.55, s * 0.76);
    pulse.lineTo(s * 0.64, s * 0.45);
    pulse.lineTo(s * 0.70, s * 0.55);
    pulse.lineTo(s * 0.86, s * 0.55);
    QPen pen(Qt::white, qMax(1.5, s * 0.075), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(pulse);
    return pixmap;
}

QPixmap basePixmap(int size)
{
    // The project's rendered PNGs first (the smallest one at least as large), then its SVG, then a drawn one.
    for (int available : {16, 22, 24, 32, 48, 64, 128, 256}) {
        if (available < size && available != 256)
            continue;
        const QString path = u":/icons/pulso-%1.png"_s.arg(available);
        if (QFile::exists(path)) {
            QPixmap pixmap(path);
            if (!pixmap.isNull())
                return available == size
                    ? pixmap
                    : pixmap.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        }
    }
    static const QIcon svg = [] {
        if (!QFile::exists(u":/icons/pulso.svg"_s))
            return QIcon();
        QIcon icon(u":/icons/pulso.svg"_s);
        // Without Qt's SVG plugin the icon exists but renders nothing.
        return icon.pixmap(16).isNull() ? QIcon() : icon;
    }();
    if (!svg.isNull())
        return svg.pixmap(size);
    return drawBase(size);
}

} // namespace

QIcon AppIcon::icon()
{
    static const QIcon icon = [] {
        QIcon result;
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            result.addPixmap(basePixmap(size));
        return result;
    }();
    return icon;
}

QIcon AppIcon::withStatus(const QColor &status)
{
    QIcon result;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = basePixmap(size);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal d = size * 0.44;
        const QRectF dot(size - d - size * 0.02, size - d - size * 0.02, d, d);
        p.setPen(QPen(Qt::white, qMax(1.0, size * 0.06)));
        p.setBrush(status);
        p.drawEllipse(dot);
        p.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace pulso
