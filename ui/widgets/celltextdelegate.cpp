// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/celltextdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace pulso {

namespace {
constexpr qsizetype MaxCachedTexts = 4000;
constexpr int HorizontalMargin = 4;
} // namespace

CellTextDelegate::CellTextDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

const QStaticText &CellTextDelegate::staticText(const QString &text, const QFont &font, int width) const
{
    if (font != m_cacheFont || m_narrowestAdvance == 0) {
        m_cache.clear();
        m_cacheFont = font;
        // The narrowest common glyph bounds how many characters can fit into a cell.
        const QFontMetrics metrics(font);
        m_narrowestAdvance = metrics.horizontalAdvance(u' ');
        for (const char16_t c : u".,:;'|!iIlj1")
            m_narrowestAdvance = qMin(m_narrowestAdvance, metrics.horizontalAdvance(QChar(c)));
        m_narrowestAdvance = qMax(1, m_narrowestAdvance);
    }
    const Key key {text, width};
    auto it = m_cache.find(key);
    if (it != m_cache.end())
        return *it;
    if (m_cache.size() >= MaxCachedTexts)
        m_cache.clear(); // cheap and rare: the visible cells are back in the cache after one repaint
    // Shaping is the cost here (every new row of the live log is shaped once), so shape as little text as
    // possible: a text that fits is shaped once; a long one is cut to a few times what could fit before it is
    // elided, instead of measuring and eliding all of a long summary.
    const qsizetype maxChars = width / m_narrowestAdvance + 2;
    QStaticText prepared;
    prepared.setTextFormat(Qt::PlainText);
    prepared.setPerformanceHint(QStaticText::AggressiveCaching);
    bool fits = false;
    if (text.size() <= maxChars) {
        prepared.setText(text);
        prepared.prepare(QTransform(), font);
        fits = prepared.size().width() <= width;
    }
    if (!fits) {
        // maxChars counts UTF-16 units, and combining marks or zero-width joiners take no width: cut only
        // far beyond it, so that such a text that fits is measured whole and not shown with a false "…".
        const qsizetype cutAt = 4 * maxChars;
        QString shown = text;
        if (text.size() > cutAt) {
            const qsizetype cut = text.at(cutAt - 1).isHighSurrogate() ? cutAt - 1 : cutAt;
            shown = text.first(cut) + u'…';
        }
        const QFontMetrics metrics(font);
        prepared.setText(metrics.elidedText(shown, Qt::ElideRight, width));
        prepared.prepare(QTransform(), font);
    }
    return *m_cache.insert(key, prepared);
}

void CellTextDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.features.testFlag(QStyleOptionViewItem::HasDecoration)
        || opt.features.testFlag(QStyleOptionViewItem::HasCheckIndicator)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QString text = std::exchange(opt.text, QString());
    // Background, selection and focus as the style draws them; only the text is ours.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;
    const QRect area = opt.rect.adjusted(HorizontalMargin, 0, -HorizontalMargin, 0);
    const QStaticText &st = staticText(text, opt.font, area.width());
    const QSizeF size = st.size();
    qreal x = area.left();
    if (opt.displayAlignment & Qt::AlignRight)
        x = area.right() + 1 - size.width();
    else if (opt.displayAlignment & Qt::AlignHCenter)
        x = area.left() + (area.width() - size.width()) / 2;
    const qreal y = area.top() + (area.height() - size.height()) / 2;
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group
        = opt.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawStaticText(QPointF(x, y), st);
    painter->restore();
}

} // namespace pulso
