// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/icons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace pulso {

namespace {

/// Each pictogram is drawn on a 24×24 grid with a 1.8-unit stroke in its accent colour.
void draw(QPainter &p, Icons::Name name)
{
    const auto pen = [&p](const QColor &color, qreal width = 1.8) {
        p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
    };
    switch (name) {
    case Icons::Name::Server: {
        const QColor c(0x26, 0xa2, 0x69);
        pen(c);
        p.drawRoundedRect(QRectF(3, 4, 18, 7), 1.5, 1.5);
        p.drawRoundedRect(QRectF(3, 13, 18, 7), 1.5, 1.5);
        p.setBrush(c);
        p.drawEllipse(QPointF(7, 7.5), 1.1, 1.1);
        p.drawEllipse(QPointF(7, 16.5), 1.1, 1.1);
        break;
    }
    case Icons::Name::Connections: {
        const QColor c(0x1c, 0x71, 0xd8);
        pen(c);
        p.drawLine(QPointF(12, 12), QPointF(5, 5));
        p.drawLine(QPointF(12, 12), QPointF(19, 5));
        p.drawLine(QPointF(12, 12), QPointF(5, 19));
        p.drawLine(QPointF(12, 12), QPointF(19, 19));
        p.setBrush(Qt::white);
        for (const QPointF &c2 : {QPointF(5, 5), QPointF(19, 5), QPointF(5, 19), QPointF(19, 19)})
            p.drawEllipse(c2, 2.4, 2.4);
        p.setBrush(c);
        p.drawEllipse(QPointF(12, 12), 3, 3);
        break;
    }
    case Icons::Name::EventLog: {
        const QColor c(0x63, 0x45, 0x2c);
        pen(c);
        for (int i = 0; i < 4; ++i) {
            const qreal y = 5 + i * 4.7;
            p.drawPoint(QPointF(4.5, y));
            p.drawLine(QPointF(8, y), QPointF(i % 2 ? 16 : 20, y));
        }
        break;
    }
    case Icons::Name::Location: {
        const QColor c(0xc0, 0x1c, 0x28);
        pen(c);
        QPainterPath pin;
        pin.moveTo(12, 21.5);
        pin.cubicTo(6, 14, 5, 11.5, 5, 9.5);
        pin.arcTo(QRectF(5, 2.5, 14, 14), 180, -180);
        pin.cubicTo(19, 11.5, 18, 14, 12, 21.5);
        p.drawPath(pin);
        p.drawEllipse(QPointF(12, 9.5), 2.6, 2.6);
        break;
    }
    case Icons::Name::Sensor: {
        const QColor c(0xe6, 0x61, 0x00);
        pen(c);
        QPainterPath body;
        body.moveTo(10, 14.5);
        body.lineTo(10, 5);
        body.arcTo(QRectF(10, 3, 4, 4), 180, -180);
        body.lineTo(14, 14.5);
        body.arcTo(QRectF(8, 13, 8, 8), 60, -300);
        p.drawPath(body);
        p.setBrush(c);
        p.drawEllipse(QPointF(12, 17), 2, 2);
        p.drawLine(QPointF(12, 15), QPointF(12, 9));
        break;
    }
    case Icons::Name::Reading: {
        const QColor c(0x1c, 0x71, 0xd8);
        pen(c);
        p.drawLine(QPointF(3.5, 20.5), QPointF(20.5, 20.5));
        p.setBrush(c.lighter(150));
        p.drawRect(QRectF(5, 13, 3.2, 7.5));
        p.drawRect(QRectF(10.4, 8, 3.2, 12.5));
        p.drawRect(QRectF(15.8, 11, 3.2, 9.5));
        break;
    }
    case Icons::Name::Anomaly: {
        const QColor c(0xe0, 0x1b, 0x24);
        pen(c);
        QPainterPath triangle;
        triangle.moveTo(12, 3.5);
        triangle.lineTo(21.5, 20);
        triangle.lineTo(2.5, 20);
        triangle.closeSubpath();
        p.drawPath(triangle);
        p.drawLine(QPointF(12, 9.5), QPointF(12, 14));
        p.setBrush(c);
        p.drawEllipse(QPointF(12, 17), 0.9, 0.9);
        break;
    }
    case Icons::Name::Prediction: {
        const QColor c(0x91, 0x41, 0xac);
        pen(c);
        p.drawPolyline(QPolygonF({QPointF(3, 18), QPointF(8, 12), QPointF(12, 14.5)}));
        QPen dashed(c, 1.8, Qt::DotLine, Qt::RoundCap);
        p.setPen(dashed);
        p.drawLine(QPointF(12, 14.5), QPointF(19, 6.5));
        pen(c);
        p.drawPolyline(QPolygonF({QPointF(14.5, 6), QPointF(19.5, 6), QPointF(19.5, 11)}));
        break;
    }
    case Icons::Name::Chart: {
        const QColor c(0x26, 0xa2, 0x69);
        pen(QColor(0x77, 0x76, 0x7b), 1.4);
        p.drawPolyline(QPolygonF({QPointF(3.5, 3.5), QPointF(3.5, 20.5), QPointF(20.5, 20.5)}));
        pen(c);
        p.drawPolyline(QPolygonF(
            {QPointF(5.5, 16), QPointF(9, 11), QPointF(12, 13.5), QPointF(15.5, 6.5), QPointF(19.5, 10)}));
        p.setBrush(QColor(0xe0, 0x1b, 0x24));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(15.5, 6.5), 2, 2);
        break;
    }
    case Icons::Name::Settings: {
        const QColor c(0x5e, 0x5c, 0x64);
        pen(c);
        QPainterPath gear;
        for (int i = 0; i < 8; ++i) {
            QTransform t;
            t.translate(12, 12);
            t.rotate(i * 45);
            gear.addPolygon(t.map(
                QPolygonF({QPointF(-1.6, -6.2), QPointF(-1.2, -9), QPointF(1.2, -9), QPointF(1.6, -6.2)})));
        }
        p.setBrush(c);
        p.drawPath(gear);
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(12, 12), 6.2, 6.2);
        p.drawEllipse(QPointF(12, 12), 2.4, 2.4);
        break;
    }
    case Icons::Name::Copy: {
        const QColor c(0x5e, 0x5c, 0x64);
        pen(c, 1.6);
        p.drawRoundedRect(QRectF(8.5, 8.5, 11, 12), 1.5, 1.5);
        p.drawPolyline(QPolygonF({QPointF(15.5, 5.5), QPointF(15.5, 3.5), QPointF(4.5, 3.5),
            QPointF(4.5, 15.5), QPointF(6.5, 15.5)}));
        break;
    }
    }
}

} // namespace

QIcon Icons::icon(Name name)
{
    static QHash<int, QIcon> cache;
    const auto found = cache.constFind(int(name));
    if (found != cache.cend())
        return *found;
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48}) {
        for (qreal dpr : {1.0, 2.0}) {
            QPixmap pixmap(int(size * dpr), int(size * dpr));
            pixmap.setDevicePixelRatio(dpr);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.scale(size / 24.0, size / 24.0);
            draw(p, name);
            p.end();
            icon.addPixmap(pixmap);
        }
    }
    cache.insert(int(name), icon);
    return icon;
}

} // namespace pulso
