// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/entitydialog.h"

#include "runtime/serverhost.h"
#include "ui/apimessages.h"
#include "ui/entitygateway.h"
#include "ui/models/entitymodels.h"
#include "ui/models/entitytablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEntityDialog, "pulso.ui.entitydialog")

namespace pulso {

namespace {

QPalette errorPalette(QPalette palette)
{
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    return palette;
}

/// The typed number as JSON: a number when it reads as one (in the operator's locale or with a dot),
/// otherwise the text itself, so the API answers with its own message.
QJsonValue numberValue(const QString &text, bool integer)
{
    bool ok = false;
    if (integer) {
        const qlonglong n = text.toLongLong(&ok);
        if (ok)
            return QJsonValue(qint64(n));
        const double d = QLocale().toDouble(text, &ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    double d = QLocale().toDouble(text, &ok);
    if (!ok)
        d = QLocale::c().toDouble(text, &ok);
    return ok ? QJsonValue(d) : QJsonValue(text);
}

} // namespace

EntityDialog::EntityDialog(ServerHost &host, const EntityModels &models, EntityKind kind,
    const std::optional<QJsonObject> &existing, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_models(models)
    , m_schema(EntitySchema::forKind(kind))
    , m_banner(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"entityDialog"_s);
    if (existing)
        m_existingId = existing->value(u"id"_s).toInteger();
    setWindowTitle(existing ? tr("Edit %1 #%2").arg(m_schema.singular).arg(*m_existingId)
                            : tr("New %1").arg(m_schema.singular));
    setMinimumWidth(460);

    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(existing ? tr("Saving sends an <b>updated</b> event to the %1 and general channels.")
                                    .arg(channelName(channelForEntityType(m_schema.entityType)))
                              : tr("Saving sends a <b>created</b> event to the %1 and general channels.")
                                    .arg(channelName(channelForEntityType(m_schema.entityType))),
            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    for (const FieldSpec &field : std::as_const(m_schema.fields)) {
        if (!field.editable())
            continue;
        QWidget *editor = createEditor(field);
        if (qobject_cast<QComboBox *>(editor))
            editor->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        editor->setObjectName(u"field_"_s + field.key);
        editor->setToolTip(tr("API field: %1").arg(field.key));
        auto *error = new QLabel(this);
        error->setObjectName(u"error_"_s + field.key);
        error->setPalette(errorPalette(error->palette()));
        error->setWordWrap(true);
        error->hide();
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(editor);
        cellLayout->addWidget(error);
        form->addRow(field.required ? tr("%1 *").arg(field.label) : field.label, cell);
        m_editors.insert(field.key, editor);
        m_errors.insert(field.key, error);
    }
    layout->addLayout(form);
    auto *required = new QLabel(tr("* required"), this);
    QPalette hint = required->palette();
    hint.setColor(QPalette::WindowText, hint.color(QPalette::PlaceholderText));
    required->setPalette(hint);
    layout->addWidget(required);

    m_banner->setObjectName(u"entityDialogBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setPalette(errorPalette(m_banner->palette()));
    m_banner->hide();
    layout->addWidget(m_banner);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveButton"_s);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EntityDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EntityDialog::reject);

    if (existing)
        fill(*existing);
    else if (auto *activo = qobject_cast<QCheckBox *>(m_editors.value(u"activo"_s)))
        activo->setChecked(true);
}

EntityDialog::~EntityDialog() = default;

QWidget *EntityDialog::createEditor(const FieldSpec &field)
{
    switch (field.kind) {
    case FieldSpec::Kind::LongText: {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(70);
        return edit;
    }
    case FieldSpec::Kind::Boolean:
        return new QCheckBox(this);
    case FieldSpec::Kind::Choice: {
        auto *combo = new QComboBox(this);
        if (!field.required)
            combo->addItem(tr("(default)"), QString());
        for (const QString &choice : field.choices)
            combo->addItem(choice, choice);
        return combo;
    }
    case FieldSpec::Kind::Reference: {
        auto *combo = new QComboBox(this);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        if (!field.required)
            combo->addItem(QString());
        const EntityTableModel *target = m_models.model(*field.reference);
        QList<QJsonObject> rows = target->rows();
        std::sort(rows.begin(), rows.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"id"_s).toInteger() < b.value(u"id"_s).toInteger();
        });
        for (const QJsonObject &row : std::as_const(rows))
            combo->addItem(target->schema().describe(row), row.value(u"id"_s).toInteger());
        combo->setCurrentIndex(field.required && combo->count() > 0 ? 0 : -1);
        if (!field.required)
            combo->setCurrentIndex(0);
        combo->lineEdit()->setPlaceholderText(
            tr("id of the %1").arg(EntitySchema::forKind(*field.reference).singular));
        return combo;
    }
    case FieldSpec::Kind::Text:
        if (!field.choices.isEmpty()) {
            auto *combo = new QComboBox(this);
            combo->setEditable(true);
            combo->addItems(field.choices);
            combo->setCurrentIndex(-1);
            combo->lineEdit()->setPlaceholderText(field.placeholder);
            return combo;
        }
        [[fallthrough]];
    default: {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(field.placeholder);
        edit->setClearButtonEnabled(true);
        return edit;
    }
    }
}

void EntityDialog::fill(const QJsonObject &object)
{
    for (const FieldSpec &field : std::as_const(m_schema.fields)) {
        if (!field.editable())
            continue;
        const QJsonValue value = object.value(field.key);
        QString text;
        if (value.isNull() || value.isUndefined())
            text.clear();
        else if (field.kind == FieldSpec::Kind::Boolean)
            text = value.toBool() ? u"true"_s : u"false"_s;
        else if (field.kind == FieldSpec::Kind::Number)
            text = QLocale().toString(value.toDouble(), 'g', 15);
        else if (value.isDouble())
            text = QString::number(value.toInteger());
        else
            text = value.toString();
        setFieldText(field.key, text);
    }
}

void EntityDialog::setFieldText(const QString &key, const QString &text)
{
    QWidget *editor = m_editors.value(key);
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        edit->setText(text);
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(editor)) {
        plain->setPlainText(text);
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        check->setChecked(text == u"true");
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->isEditable()) {
            // References: select the listed row with that id, else keep the typed text.
            bool isId = false;
            const qint64 id = text.toLongLong(&isId);
            const int listed = isId ? combo->findData(id) : -1;
            if (listed >= 0)
                combo->setCurrentIndex(listed);
            else
                combo->setEditText(text);
        } else {
            combo->setCurrentIndex(qMax(0, combo->findData(text)));
        }
    }
}

QString EntityDialog::fieldText(const QString &key) const
{
    QWidget *editor = m_editors.value(key);
    if (auto *edit = qobject_cast<QLineEdit *>(editor))
        return edit->text();
    if (auto *plain = qobject_cast<QPlainTextEdit *>(editor))
        return plain->toPlainText();
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked() ? u"true"_s : u"false"_s;
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (!combo->isEditable())
            return combo->currentData().toString();
        // A listed reference carries its id; anything typed is taken as written.
        const int listed = combo->findText(combo->currentText());
        if (listed >= 0 && combo->itemData(listed).isValid())
            return QString::number(combo->itemData(listed).toLongLong());
        return combo->currentText();
    }
    return {};
}

QString EntityDialog::fieldError(const QString &key) const
{
    const QLabel *label = m_errors.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

QString EntityDialog::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QJsonObject EntityDialog::body() const
{
    static const QRegularExpression leadingId(u"^#?\\s*(\\d+)\\b"_s);
    QJsonObject body;
    for (const FieldSpec &field : std::as_const(m_schema.fields)) {
        if (!field.editable())
            continue;
        const QString raw = fieldText(field.key);
        const QString text = field.kind == FieldSpec::Kind::LongText ? raw : raw.trimmed();
        // Empty: null for optional fields, absent for required ones (the API then says "is required").
        if (text.isEmpty() && field.kind != FieldSpec::Kind::Boolean) {
            if (!field.required && field.kind != FieldSpec::Kind::Timestamp
                && field.kind != FieldSpec::Kind::Choice)
                body.insert(field.key, QJsonValue::Null);
            continue;
        }
        switch (field.kind) {
        case FieldSpec::Kind::Boolean:
            body.insert(field.key, text == u"true");
            break;
        case FieldSpec::Kind::Number:
            body.insert(field.key, numberValue(text, false));
            break;
        case FieldSpec::Kind::Integer:
            body.insert(field.key, numberValue(text, true));
            break;
        case FieldSpec::Kind::Reference: {
            const QRegularExpressionMatch m = leadingId.match(text);
            body.insert(field.key, m.hasMatch() ? QJsonValue(m.captured(1).toLongLong()) : QJsonValue(text));
            break;
        }
        default:
            body.insert(field.key, text);
            break;
        }
    }
    return body;
}

void EntityDialog::submit()
{
    clearErrors();
    setBusy(true);
    const QJsonObject json = body();
    const EntityKind kind = m_schema.kind;
    const std::optional<qint64> id = m_existingId;
    qCDebug(lcEntityDialog) << "saving" << m_schema.entityType << json;
    m_host.call<QJsonObject>(
        this,
        [kind, id, json](Server &server) {
            return id ? EntityGateway::update(server, kind, *id, json)
                      : EntityGateway::create(server, kind, json);
        },
        [this](const Result<QJsonObject> &result) {
            setBusy(false);
            if (!result) {
                showError(result.error());
                return;
            }
            Q_EMIT saved(*result);
            accept();
        });
}

void EntityDialog::showError(const Error &error)
{
    bool anyField = false;
    for (const QJsonValue &detail : error.details) {
        const QJsonObject d = detail.toObject();
        QLabel *label = m_errors.value(d.value(u"field"_s).toString());
        if (!label)
            continue;
        label->setText(ApiMessages::fieldMessage(d.value(u"message"_s).toString()));
        label->show();
        anyField = true;
    }
    m_banner->setText(
        anyField ? tr("Not saved: correct the marked fields.") : ApiMessages::errorMessage(error));
    m_banner->show();
    adjustSize(); // make room for the messages instead of squeezing the form
}

void EntityDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
    m_banner->hide();
}

void EntityDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

} // namespace pulso
